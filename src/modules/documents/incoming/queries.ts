import 'server-only';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { qualified } from '@/platform/db/qualified';
import { departments } from '@/platform/auth/schema';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { attachments } from '@/platform/storage/schema';
import { plans } from '@/modules/plans/schema';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import { incomingAssignments, incomingDocuments, incomingSteps } from './schema';
import type { TAssignmentStatus, TIncomingState, TStep } from './rules';
import type { TIncomingFilter } from './validation';
import { INCOMING_ATTACHMENT_OWNER as ATTACHMENT_OWNER } from './files-rules';

const ID = /^[0-9A-Za-z_-]{1,64}$/;
/** At most this many rows in one Excel export. */
export const INCOMING_EXPORT_LIMIT = 10_000;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const docId = qualified(incomingDocuments.id);
const aDoc = qualified(incomingAssignments.documentId);
const aStatus = qualified(incomingAssignments.status);
const aDue = qualified(incomingAssignments.dueOn);
const aDept = qualified(incomingAssignments.departmentId);

/** A document with a part not done whose due date is before `today`. */
export const overdueSql = (today: string, departmentId?: string): SQL =>
  sql`exists (select 1 from ${incomingAssignments} where ${aDoc} = ${docId} and ${aStatus} = 'pending' and ${aDue} < ${today}${departmentId ? sql` and ${aDept} = ${departmentId}` : sql``})`;

/** A document assigned to this department (returned-and-reassigned parts excluded). */
const departmentSql = (departmentId: string): SQL =>
  sql`exists (select 1 from ${incomingAssignments} where ${aDoc} = ${docId} and ${aDept} = ${departmentId} and ${aStatus} <> 'reassigned')`;

/** Waiting for a new 分办: first after 批示, or a department returned its part. */
export const awaitingAssignmentSql = (): SQL =>
  or(
    eq(incomingDocuments.state, 'instructed'),
    and(eq(incomingDocuments.state, 'handling'), sql`exists (select 1 from ${incomingAssignments} where ${aDoc} = ${docId} and ${aStatus} = 'returned')`),
  )!;

/** In handling with every live part done: ready for 办结. */
export const readyToCompleteSql = (): SQL =>
  and(
    eq(incomingDocuments.state, 'handling'),
    sql`not exists (select 1 from ${incomingAssignments} where ${aDoc} = ${docId} and ${aStatus} in ('pending', 'returned'))`,
  )!;

function whereOf(f: TIncomingFilter, today: string): SQL | undefined {
  const conds: SQL[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(incomingDocuments.receiptNo, pattern),
        ilike(incomingDocuments.title, pattern),
        ilike(incomingDocuments.senderOrg, pattern),
        ilike(incomingDocuments.senderNo, pattern),
      )!,
    );
  }
  if (f.type) conds.push(eq(incomingDocuments.docType, f.type));
  if (f.state) conds.push(eq(incomingDocuments.state, f.state));
  if (f.year) conds.push(eq(incomingDocuments.receiptYear, f.year));
  // With both: that department's own part is overdue.
  if (f.overdue) conds.push(overdueSql(today, f.dept));
  else if (f.dept) conds.push(departmentSql(f.dept));
  return conds.length ? and(...conds) : undefined;
}

function orderOf(f: TIncomingFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  switch (f.sort) {
    case 'no':
      return [dir(incomingDocuments.receiptYear), dir(incomingDocuments.receiptSeq)];
    case 'due': {
      // The earliest due date of a part not yet done; documents without one last.
      const due = sql`(select min(${aDue}) from ${incomingAssignments} where ${aDoc} = ${docId} and ${aStatus} = 'pending')`;
      return [f.order === 'asc' ? sql`${due} asc nulls last` : sql`${due} desc nulls last`, desc(incomingDocuments.receiptSeq)];
    }
    default:
      return [dir(incomingDocuments.receivedOn), dir(incomingDocuments.receiptYear), dir(incomingDocuments.receiptSeq)];
  }
}

export interface AssignmentBrief {
  id: string;
  departmentId: string;
  departmentName: string;
  dueOn: string;
  status: TAssignmentStatus;
}

export interface IncomingRow {
  id: string;
  receiptNo: string;
  senderOrg: string;
  senderNo: string | null;
  title: string;
  docType: string;
  urgency: string;
  secrecy: string;
  receivedOn: string;
  state: TIncomingState;
  isDemo: boolean;
  assignments: AssignmentBrief[];
}

const rowColumns = {
  id: incomingDocuments.id,
  receiptNo: incomingDocuments.receiptNo,
  senderOrg: incomingDocuments.senderOrg,
  senderNo: incomingDocuments.senderNo,
  title: incomingDocuments.title,
  docType: incomingDocuments.docType,
  urgency: incomingDocuments.urgency,
  secrecy: incomingDocuments.secrecy,
  receivedOn: incomingDocuments.receivedOn,
  state: incomingDocuments.state,
  isDemo: incomingDocuments.isDemo,
};

/** The parts of these documents with their departments' names, in assignment order. */
async function assignmentsOf(db: Db | Tx, ids: string[]): Promise<Map<string, AssignmentBrief[]>> {
  const out = new Map<string, AssignmentBrief[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      id: incomingAssignments.id,
      documentId: incomingAssignments.documentId,
      departmentId: incomingAssignments.departmentId,
      departmentName: departments.name,
      dueOn: incomingAssignments.dueOn,
      status: incomingAssignments.status,
    })
    .from(incomingAssignments)
    .innerJoin(departments, eq(departments.id, incomingAssignments.departmentId))
    .where(inArray(incomingAssignments.documentId, ids))
    .orderBy(asc(incomingAssignments.assignedAt), asc(incomingAssignments.id));
  for (const r of rows) {
    const list = out.get(r.documentId) ?? [];
    list.push({ id: r.id, departmentId: r.departmentId, departmentName: r.departmentName, dueOn: r.dueOn, status: r.status as TAssignmentStatus });
    out.set(r.documentId, list);
  }
  return out;
}

async function selectRows(db: Db | Tx, where: SQL | undefined, order: SQL[], page: { limit: number; offset: number }): Promise<IncomingRow[]> {
  const rows = await db
    .select(rowColumns)
    .from(incomingDocuments)
    .where(where)
    .orderBy(...order, desc(incomingDocuments.id))
    .limit(page.limit)
    .offset(page.offset);
  const parts = await assignmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, state: r.state as TIncomingState, assignments: parts.get(r.id) ?? [] }));
}

export async function listIncoming(db: Db | Tx, f: TIncomingFilter, today: string): Promise<{ rows: IncomingRow[]; total: number }> {
  const where = whereOf(f, today);
  const [{ n }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(incomingDocuments).where(where);
  const rows = await selectRows(db, where, orderOf(f), { limit: f.size, offset: (f.page - 1) * f.size });
  return { rows, total: n };
}

export async function listIncomingForExport(db: Db | Tx, f: TIncomingFilter, today: string): Promise<IncomingRow[]> {
  return selectRows(db, whereOf(f, today), orderOf(f), { limit: INCOMING_EXPORT_LIMIT, offset: 0 });
}

/* ------------------------------------------------------------------ one document */

export interface IncomingStepView {
  id: string;
  action: TStep;
  fromState: string | null;
  toState: string;
  departmentName: string | null;
  actor: PersonLabel | null;
  opinion: string | null;
  createdAt: Date;
}

export interface AssignmentView extends AssignmentBrief {
  request: string | null;
  assignedBy: PersonLabel | null;
  assignedAt: Date;
  handlingNote: string | null;
  handledBy: PersonLabel | null;
  handledAt: Date | null;
  returnReason: string | null;
  returnedBy: PersonLabel | null;
  returnedAt: Date | null;
}

export interface IncomingAttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

export type IncomingDocumentRow = typeof incomingDocuments.$inferSelect;

export interface IncomingDetail {
  doc: IncomingDocumentRow;
  people: Record<'registeredBy' | 'proposedBy' | 'instructedBy' | 'completedBy' | 'archivedBy', PersonLabel | null>;
  links: { plan: { id: string; label: string } | null; project: { id: string; label: string } | null; parcel: { id: string; label: string } | null };
  assignments: AssignmentView[];
  steps: IncomingStepView[];
  attachments: IncomingAttachmentView[];
}

export async function getIncoming(db: Db | Tx, id: string): Promise<IncomingDetail | null> {
  if (!ID.test(id)) return null;
  const [doc] = await db.select().from(incomingDocuments).where(eq(incomingDocuments.id, id));
  if (!doc) return null;
  const [parts, steps, files, plan, project, parcel] = await Promise.all([
    db
      .select({ a: incomingAssignments, departmentName: departments.name })
      .from(incomingAssignments)
      .innerJoin(departments, eq(departments.id, incomingAssignments.departmentId))
      .where(eq(incomingAssignments.documentId, id))
      .orderBy(asc(incomingAssignments.assignedAt), asc(incomingAssignments.id)),
    db
      .select({ s: incomingSteps, departmentName: departments.name })
      .from(incomingSteps)
      .leftJoin(departments, eq(departments.id, incomingSteps.departmentId))
      .where(eq(incomingSteps.documentId, id))
      .orderBy(asc(incomingSteps.createdAt), asc(incomingSteps.id)),
    db
      .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, sizeBytes: attachments.sizeBytes })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, id)))
      .orderBy(asc(attachments.createdAt), asc(attachments.id)),
    doc.planId ? db.select({ id: plans.id, title: plans.title }).from(plans).where(eq(plans.id, doc.planId)) : Promise.resolve([]),
    doc.projectId
      ? db.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, doc.projectId))
      : Promise.resolve([]),
    doc.parcelId ? db.select({ id: parcels.id, code: parcels.code, name: parcels.name }).from(parcels).where(eq(parcels.id, doc.parcelId)) : Promise.resolve([]),
  ]);
  const people = await findPeople(db, [
    doc.registeredBy,
    doc.proposedBy,
    doc.instructedBy,
    doc.completedBy,
    doc.archivedBy,
    ...parts.flatMap((p) => [p.a.assignedBy, p.a.handledBy, p.a.returnedBy]),
    ...steps.map((s) => s.s.actorId),
  ]);
  const who = (uid: string | null) => personLabel(people, uid);
  return {
    doc,
    people: {
      registeredBy: who(doc.registeredBy),
      proposedBy: who(doc.proposedBy),
      instructedBy: who(doc.instructedBy),
      completedBy: who(doc.completedBy),
      archivedBy: who(doc.archivedBy),
    },
    links: {
      plan: plan[0] ? { id: plan[0].id, label: plan[0].title } : null,
      project: project[0] ? { id: project[0].id, label: `${project[0].code} ${project[0].name}` } : null,
      parcel: parcel[0] ? { id: parcel[0].id, label: `${parcel[0].code} ${parcel[0].name}` } : null,
    },
    assignments: parts.map(({ a, departmentName }) => ({
      id: a.id,
      departmentId: a.departmentId,
      departmentName,
      dueOn: a.dueOn,
      status: a.status as TAssignmentStatus,
      request: a.request,
      assignedBy: who(a.assignedBy),
      assignedAt: a.assignedAt,
      handlingNote: a.handlingNote,
      handledBy: who(a.handledBy),
      handledAt: a.handledAt,
      returnReason: a.returnReason,
      returnedBy: who(a.returnedBy),
      returnedAt: a.returnedAt,
    })),
    steps: steps.map(({ s, departmentName }) => ({
      id: s.id,
      action: s.action as TStep,
      fromState: s.fromState,
      toState: s.toState,
      departmentName,
      actor: personLabel(people, s.actorId, s.actorName),
      opinion: s.opinion,
      createdAt: s.createdAt,
    })),
    attachments: files.map((f) => ({ ...f, url: `/api/documents/incoming/files/${f.id}` })),
  };
}

export async function findIncomingAttachment(db: Db | Tx, id: string) {
  if (!ID.test(id)) return null;
  const [row] = await db
    .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, sm3: attachments.sm3 })
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
  return row ?? null;
}

/* ------------------------------------------------------------------ options */

export interface Option {
  value: string;
  label: string;
}

/** Departments for 分办 and the list filter, in the organisation's order. */
export async function listDepartmentOptions(db: Db | Tx): Promise<Option[]> {
  const rows = await db.select({ id: departments.id, name: departments.name, parentId: departments.parentId }).from(departments).orderBy(asc(departments.sortOrder), asc(departments.name));
  // Top-level units (the centre itself) are not 承办科室 when they have sub-departments.
  const parents = new Set(rows.map((r) => r.parentId).filter(Boolean));
  return rows.filter((r) => !(r.parentId === null && parents.has(r.id))).map((r) => ({ value: r.id, label: r.name }));
}

/** Plans, projects and parcels a document may be linked to (current plan versions; open and closed projects). */
export async function listLinkOptions(db: Db | Tx): Promise<{ plans: Option[]; projects: Option[]; parcels: (Option & { projectId: string | null })[] }> {
  const [p, pr, pa] = await Promise.all([
    db.select({ id: plans.id, title: plans.title }).from(plans).where(eq(plans.status, 'current')).orderBy(desc(plans.startYear), asc(plans.title)),
    db.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).orderBy(asc(reserveProjects.code)),
    db.select({ id: parcels.id, code: parcels.code, name: parcels.name, projectId: parcels.projectId }).from(parcels).orderBy(asc(parcels.code)).limit(2000),
  ]);
  return {
    plans: p.map((r) => ({ value: r.id, label: r.title })),
    projects: pr.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` })),
    parcels: pa.map((r) => ({ value: r.id, label: `${r.code} ${r.name}`, projectId: r.projectId })),
  };
}
