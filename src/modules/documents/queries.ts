import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { departments } from '@/platform/auth/schema';
import { attachments } from '@/platform/storage/schema';
import { flowHistory, flowInstances, flowState, pendingFlowsFor, type FlowHistoryEntry, type FlowStateView } from '@/platform/flow';
import { plans } from '@/modules/plans/schema';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import { DOCUMENT_ATTACHMENT_OWNER as ATTACHMENT_OWNER, DOCUMENT_OBJECT, type TLinkType } from './constants';
import { documentLinks, documentNumberRules, documents } from './schema';
import type { DocumentRow } from './issue';
import type { TDocumentFilter } from './validation';

export type { DocumentRow };

export interface FlowViewer {
  userId: string;
  displayName: string;
  departmentId: string | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const listColumns = {
  id: documents.id,
  docType: documents.docType,
  title: documents.title,
  docNo: documents.docNo,
  urgency: documents.urgency,
  secrecy: documents.secrecy,
  docDate: documents.docDate,
  status: documents.status,
  departmentId: documents.departmentId,
  departmentName: departments.name,
  drafterName: documents.drafterName,
  signerName: documents.signerName,
  mainRecipients: documents.mainRecipients,
  isDemo: documents.isDemo,
  createdAt: documents.createdAt,
};

export interface DocumentListRow {
  id: string;
  docType: string;
  title: string;
  docNo: string | null;
  urgency: string;
  secrecy: string;
  docDate: string | null;
  status: string;
  departmentId: string | null;
  departmentName: string | null;
  drafterName: string;
  signerName: string | null;
  mainRecipients: string | null;
  isDemo: boolean;
  createdAt: Date;
  /** Where its flow waits (step name), null when finished. */
  currentStepName: string | null;
}

async function filterWhere(db: Db, f: TDocumentFilter, viewer: FlowViewer): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [eq(documents.direction, '发文')];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(documents.title, pattern), ilike(documents.docNo, pattern), ilike(documents.mainRecipients, pattern), ilike(documents.drafterName, pattern)));
  }
  if (f.type) parts.push(eq(documents.docType, f.type));
  if (f.status) parts.push(eq(documents.status, f.status));
  if (f.year) parts.push(or(eq(documents.docYear, f.year), and(sql`${documents.docYear} is null`, sql`extract(year from ${documents.createdAt} at time zone 'Asia/Shanghai') = ${f.year}`)));
  if (f.dept) parts.push(eq(documents.departmentId, f.dept));
  if (f.mine) {
    const ids = (await pendingFlowsFor(db, viewer, { objectType: DOCUMENT_OBJECT })).map((p) => p.objectId);
    parts.push(ids.length ? inArray(documents.id, ids) : sql`false`);
  }
  return and(...parts);
}

function order(f: TDocumentFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  if (f.sort === 'docNo') return [dir(documents.docYear), dir(documents.docSeq), desc(documents.createdAt)];
  if (f.sort === 'title') return [dir(documents.title), desc(documents.createdAt)];
  if (f.sort === 'docDate') return [dir(documents.docDate), desc(documents.createdAt)];
  return [dir(documents.createdAt), dir(documents.id)];
}

async function withSteps<T extends { id: string }>(db: Db, rows: T[]): Promise<(T & { currentStepName: string | null })[]> {
  if (!rows.length) return [];
  const inst = await db
    .select({ objectId: flowInstances.objectId, definition: flowInstances.definition, index: flowInstances.currentStepIndex, status: flowInstances.status })
    .from(flowInstances)
    .where(and(eq(flowInstances.objectType, DOCUMENT_OBJECT), inArray(flowInstances.objectId, rows.map((r) => r.id))));
  const byId = new Map(inst.map((i) => [i.objectId, i.status === '已完成' ? null : (i.definition[i.index]?.name ?? null)]));
  return rows.map((r) => ({ ...r, currentStepName: byId.get(r.id) ?? null }));
}

/** One page of the 发文 register. */
export async function listDocuments(db: Db, f: TDocumentFilter, viewer: FlowViewer): Promise<{ rows: DocumentListRow[]; total: number }> {
  const where = await filterWhere(db, f, viewer);
  const [{ total }] = await db.select({ total: count() }).from(documents).where(where);
  const rows = await db
    .select(listColumns)
    .from(documents)
    .leftJoin(departments, eq(departments.id, documents.departmentId))
    .where(where)
    .orderBy(...order(f))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  return { total: Number(total), rows: await withSteps(db, rows) };
}

export const DOCUMENT_EXPORT_LIMIT = 10_000;

/** All rows of the filter (up to the export limit), for the Excel export. */
export async function listDocumentsForExport(db: Db, f: TDocumentFilter, viewer: FlowViewer): Promise<{ rows: DocumentListRow[]; total: number }> {
  const where = await filterWhere(db, f, viewer);
  const [{ total }] = await db.select({ total: count() }).from(documents).where(where);
  const rows = await db
    .select(listColumns)
    .from(documents)
    .leftJoin(departments, eq(departments.id, documents.departmentId))
    .where(where)
    .orderBy(...order(f))
    .limit(DOCUMENT_EXPORT_LIMIT);
  return { total: Number(total), rows: await withSteps(db, rows) };
}

export interface DocumentLinkView {
  type: TLinkType;
  id: string;
  code: string;
  name: string;
  href: string;
}

export async function documentLinksOf(db: Db | Tx, documentId: string): Promise<DocumentLinkView[]> {
  const links = await db.select().from(documentLinks).where(eq(documentLinks.documentId, documentId));
  const ids = (t: TLinkType) => links.filter((l) => l.targetType === t).map((l) => l.targetId);
  const out: DocumentLinkView[] = [];
  if (ids('plan').length) {
    const rows = await db.select({ id: plans.id, title: plans.title, startYear: plans.startYear }).from(plans).where(inArray(plans.id, ids('plan')));
    for (const r of rows) out.push({ type: 'plan', id: r.id, code: String(r.startYear), name: r.title, href: `/plans/${r.id}` });
  }
  if (ids('project').length) {
    const rows = await db.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(inArray(reserveProjects.id, ids('project')));
    for (const r of rows) out.push({ type: 'project', id: r.id, code: r.code, name: r.name, href: `/projects/${r.id}` });
  }
  if (ids('parcel').length) {
    const rows = await db.select({ id: parcels.id, code: parcels.code, name: parcels.name }).from(parcels).where(inArray(parcels.id, ids('parcel')));
    for (const r of rows) out.push({ type: 'parcel', id: r.id, code: r.code, name: r.name, href: `/parcels/${r.id}` });
  }
  return out;
}

export interface DocumentAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
  createdAt: Date;
}

export async function documentAttachments(db: Db | Tx, documentId: string): Promise<DocumentAttachment[]> {
  return db
    .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, sizeBytes: attachments.sizeBytes, sm3: attachments.sm3, createdAt: attachments.createdAt })
    .from(attachments)
    .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, documentId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** A document attachment by id (null for other owners' files). */
export async function findDocumentAttachment(db: Db, id: string) {
  // Ids are generated by the application: anything else (NUL, path tricks) is not one.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return null;
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
  return row ?? null;
}

export interface DocumentDetail {
  doc: DocumentRow;
  departmentName: string | null;
  links: DocumentLinkView[];
  attachments: DocumentAttachment[];
  flow: FlowStateView | null;
  history: FlowHistoryEntry[];
}

export async function getDocument(db: Db | Tx, id: string): Promise<DocumentDetail | null> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  if (!doc) return null;
  const [dept] = doc.departmentId ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, doc.departmentId)) : [];
  const [links, files, flow, history] = await Promise.all([
    documentLinksOf(db, id),
    documentAttachments(db, id),
    flowState(db, DOCUMENT_OBJECT, id),
    flowHistory(db, DOCUMENT_OBJECT, id),
  ]);
  return { doc, departmentName: dept?.name ?? null, links, attachments: files, flow, history };
}

export interface Option {
  value: string;
  label: string;
}

/** Options for the link selects of the form (plans: current ones; projects; parcels). */
export async function documentLinkOptions(db: Db): Promise<{ plans: Option[]; projects: Option[]; parcels: Option[] }> {
  const [p, pr, pa] = await Promise.all([
    db.select({ id: plans.id, title: plans.title, startYear: plans.startYear }).from(plans).where(eq(plans.status, 'current')).orderBy(desc(plans.startYear)),
    db.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).orderBy(asc(reserveProjects.code)),
    db.select({ id: parcels.id, code: parcels.code, name: parcels.name }).from(parcels).orderBy(asc(parcels.code)).limit(5000),
  ]);
  return {
    plans: p.map((r) => ({ value: r.id, label: `${r.startYear} ${r.title}` })),
    projects: pr.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` })),
    parcels: pa.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` })),
  };
}

export async function departmentOptions(db: Db | Tx): Promise<Option[]> {
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.sortOrder), asc(departments.name));
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

/** Years that have 发文 (by number year, or creation year before 签发), newest first. */
export async function documentYears(db: Db): Promise<number[]> {
  const rows = await db
    .select({ y: sql<number>`coalesce(${documents.docYear}, extract(year from ${documents.createdAt} at time zone 'Asia/Shanghai'))` })
    .from(documents)
    .groupBy(sql`1`);
  return [...new Set(rows.map((r) => Number(r.y)))].sort((a, b) => b - a);
}

/** The stored 发文字号 templates by type (types without one use the default). */
export async function numberRules(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ docType: documentNumberRules.docType, template: documentNumberRules.template }).from(documentNumberRules);
  return new Map(rows.map((r) => [r.docType, r.template]));
}
