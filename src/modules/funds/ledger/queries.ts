import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { attachments } from '@/platform/storage/schema';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import { dec } from '@/modules/plans/amounts';
import { fundSourceName, toAmount, TREASURY_INCOME, type TEntryStatus } from '../rules';
import { fundAccounts, ledgerEntries, ledgerSteps } from '../schema';
import type { AccountRow } from '../accounts/queries';
import type { EntryActor } from './entry-actions';
import { ATTACHMENT_OWNER, STEP_LABELS, type TStepAction } from './store';
import { type TDirection, type TLedgerFilter, type TOrigin } from './validation';
import { checkLedgerEntry, findIntegrityProblems, ledgerTagColumns, type IntegrityProblem } from './integrity';
import type { TLedgerIntegrity } from './integrity-labels';

/** Export cap: the route refuses to build a bigger workbook in memory. */
export const LEDGER_EXPORT_LIMIT = 50_000;

const ID = /^[0-9A-Za-z_-]{1,64}$/;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const notSubmittedBy = (userId: string) => or(isNull(ledgerEntries.submittedBy), ne(ledgerEntries.submittedBy, userId));

/**
 * "待我处理" as SQL: the same conditions as `entryActions(...).workflow` (rules/workflow.ts):
 * own drafts and returned entries to submit (fund:enter); entries waiting in a stage whose
 * permission the user holds and that they did not submit. At 待财务审批 the user must hold
 * fund:approve and either not be the reviewer (approve) or — returning is allowed to the
 * reviewer too — any holder who did not submit may return; both reduce to "not the submitter".
 */
export function pendingForSql(actor: EntryActor): SQL {
  const parts: (SQL | undefined)[] = [];
  const me = actor.userId;
  if (actor.permissions.has('fund:enter')) parts.push(and(inArray(ledgerEntries.status, ['draft', 'returned']), eq(ledgerEntries.createdBy, me)));
  if (actor.permissions.has('fund:review')) parts.push(and(eq(ledgerEntries.status, 'submitted'), notSubmittedBy(me)));
  if (actor.permissions.has('fund:approve')) parts.push(and(eq(ledgerEntries.status, 'reviewed'), notSubmittedBy(me)));
  if (actor.permissions.has('fund:leader-approve')) parts.push(and(eq(ledgerEntries.status, 'leader'), notSubmittedBy(me)));
  return parts.length ? (or(...parts) as SQL) : sql`false`;
}

function whereOf(f: TLedgerFilter, actor: EntryActor | null): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(
      or(ilike(ledgerEntries.entryNo, pattern), ilike(ledgerEntries.counterparty, pattern), ilike(ledgerEntries.description, pattern), ilike(ledgerEntries.voucherNo, pattern)),
    );
  }
  if (f.direction) parts.push(eq(ledgerEntries.direction, f.direction));
  if (f.status) parts.push(eq(ledgerEntries.status, f.status));
  if (f.category) parts.push(eq(ledgerEntries.category, f.category));
  if (f.project) parts.push(eq(ledgerEntries.projectId, f.project));
  if (f.year) {
    const y = String(f.year).padStart(4, '0');
    if (f.month) {
      const m = String(f.month).padStart(2, '0');
      const last = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
      parts.push(sql`${ledgerEntries.entryDate} between ${`${y}-${m}-01`} and ${`${y}-${m}-${String(last).padStart(2, '0')}`}`);
    } else {
      parts.push(sql`${ledgerEntries.entryDate} between ${`${y}-01-01`} and ${`${y}-12-31`}`);
    }
  }
  if (f.mine) parts.push(actor ? pendingForSql(actor) : sql`false`);
  return parts.length ? and(...parts) : undefined;
}

function orderOf(f: TLedgerFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  switch (f.sort) {
    case 'amount':
      return [dir(ledgerEntries.amount), desc(ledgerEntries.entryNo)];
    case 'no':
      return [dir(ledgerEntries.entryNo)];
    case 'created':
      return [dir(ledgerEntries.createdAt), dir(ledgerEntries.id)];
    default:
      return [dir(ledgerEntries.entryDate), dir(ledgerEntries.entryNo)];
  }
}

export interface LedgerRow {
  id: string;
  entryNo: string;
  direction: TDirection;
  entryDate: string;
  amount: string;
  category: string;
  sourceCode: string | null;
  sourceName: string | null;
  accountName: string | null;
  projectId: string;
  projectCode: string | null;
  projectName: string | null;
  parcelId: string | null;
  parcelCode: string | null;
  contractNo: string | null;
  /** The contract (合同台账) the payment is linked to. */
  contractId: string | null;
  voucherNo: string | null;
  counterparty: string | null;
  description: string | null;
  status: TEntryStatus;
  origin: TOrigin;
  reversalOf: string | null;
  reversedBy: string | null;
  createdBy: string | null;
  submittedBy: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  isDemo: boolean;
  createdAt: Date;
  /** The check of the entry's HMAC-SM3 integrity tag, made on every read (integrity.ts). */
  integrity: TLedgerIntegrity;
}

const rowColumns = {
  id: ledgerEntries.id,
  entryNo: ledgerEntries.entryNo,
  direction: ledgerEntries.direction,
  entryDate: ledgerEntries.entryDate,
  amount: ledgerEntries.amount,
  category: ledgerEntries.category,
  sourceCode: ledgerEntries.sourceCode,
  accountName: fundAccounts.name,
  projectId: ledgerEntries.projectId,
  projectCode: reserveProjects.code,
  projectName: reserveProjects.name,
  parcelId: ledgerEntries.parcelId,
  parcelCode: parcels.code,
  contractNo: ledgerEntries.contractNo,
  contractId: ledgerEntries.contractId,
  voucherNo: ledgerEntries.voucherNo,
  counterparty: ledgerEntries.counterparty,
  description: ledgerEntries.description,
  status: ledgerEntries.status,
  origin: ledgerEntries.origin,
  reversalOf: ledgerEntries.reversalOf,
  reversedBy: ledgerEntries.reversedBy,
  createdBy: ledgerEntries.createdBy,
  submittedBy: ledgerEntries.submittedBy,
  reviewedBy: ledgerEntries.reviewedBy,
  approvedBy: ledgerEntries.approvedBy,
  isDemo: ledgerEntries.isDemo,
  createdAt: ledgerEntries.createdAt,
  material: ledgerTagColumns,
};

async function selectRows(db: Db | Tx, where: SQL | undefined, order: SQL[], range: { limit: number; offset: number }): Promise<LedgerRow[]> {
  const rows = await db
    .select(rowColumns)
    .from(ledgerEntries)
    .leftJoin(reserveProjects, eq(reserveProjects.id, ledgerEntries.projectId))
    .leftJoin(parcels, eq(parcels.id, ledgerEntries.parcelId))
    .leftJoin(fundAccounts, eq(fundAccounts.id, ledgerEntries.accountId))
    .where(where)
    .orderBy(...order)
    .limit(range.limit)
    .offset(range.offset);
  return rows.map(({ material, ...r }) => ({
    ...r,
    integrity: checkLedgerEntry(material),
    direction: r.direction as TDirection,
    status: r.status as TEntryStatus,
    origin: r.origin as TOrigin,
    sourceName: r.sourceCode ? fundSourceName(r.sourceCode) : null,
  }));
}

export interface LedgerTotals {
  count: number;
  /** Income, expense and income − expense of the filtered rows, counting approved entries only. 零星收入 is not income here (F18: it goes to the treasury). */
  approved: { count: number; income: string; expense: string; net: string };
  /** The same over every filtered row, whatever its status. */
  all: { income: string; expense: string; net: string };
  /** Approved 零星收入 of the filtered rows, paid into the treasury. */
  treasuryApproved: string;
  /**
   * Filtered entries whose integrity tag fails. They are still counted in the sums above (the
   * true figure is unknown once a row is altered); the page and the export say that the totals
   * include them and cannot be trusted until they are checked against the vouchers.
   */
  integrityProblems: IntegrityProblem[];
}

const sumWhen = (condition: SQL) => sql<string>`coalesce(sum(case when ${condition} then ${ledgerEntries.amount} else 0 end), 0)`;

async function totalsOf(db: Db | Tx, where: SQL | undefined): Promise<LedgerTotals> {
  const treasury = sql`${ledgerEntries.direction} = 'income' and ${ledgerEntries.category} = ${TREASURY_INCOME}`;
  const income = sql`${ledgerEntries.direction} = 'income' and ${ledgerEntries.category} <> ${TREASURY_INCOME}`;
  const expense = sql`${ledgerEntries.direction} = 'expense'`;
  const approved = sql`${ledgerEntries.status} = 'approved'`;
  const [r] = await db
    .select({
      n: count(),
      approvedCount: sql<number>`count(case when ${approved} then 1 end)`.mapWith(Number),
      incomeAll: sumWhen(income),
      expenseAll: sumWhen(expense),
      incomeApproved: sumWhen(sql`${income} and ${approved}`),
      expenseApproved: sumWhen(sql`${expense} and ${approved}`),
      treasuryApproved: sumWhen(sql`${treasury} and ${approved}`),
    })
    .from(ledgerEntries)
    .where(where);
  const net = (a: string, b: string) => toAmount(dec(a).minus(dec(b)));
  const amount = (v: string | number) => toAmount(dec(String(v)));
  const integrityProblems = await findIntegrityProblems(db, where);
  return {
    integrityProblems,
    count: r.n,
    approved: {
      count: r.approvedCount,
      income: amount(r.incomeApproved),
      expense: amount(r.expenseApproved),
      net: net(String(r.incomeApproved), String(r.expenseApproved)),
    },
    all: { income: amount(r.incomeAll), expense: amount(r.expenseAll), net: net(String(r.incomeAll), String(r.expenseAll)) },
    treasuryApproved: amount(r.treasuryApproved),
  };
}

/**
 * One page of ledger entries with the totals of all filtered rows. `actor` is needed for the
 * "待我处理" filter (`mine`); without it that filter matches nothing.
 */
export async function listEntries(db: Db | Tx, f: TLedgerFilter, actor: EntryActor | null = null): Promise<{ rows: LedgerRow[]; total: number; totals: LedgerTotals }> {
  const where = whereOf(f, actor);
  const totals = await totalsOf(db, where);
  const rows = await selectRows(db, where, orderOf(f), { limit: f.size, offset: (f.page - 1) * f.size });
  return { rows, total: totals.count, totals };
}

/** Every filtered row (at most LEDGER_EXPORT_LIMIT) for the Excel export, with the totals. */
export async function listEntriesForExport(db: Db | Tx, f: TLedgerFilter, actor: EntryActor | null = null): Promise<{ rows: LedgerRow[]; totals: LedgerTotals }> {
  const where = whereOf(f, actor);
  const totals = await totalsOf(db, where);
  const rows = await selectRows(db, where, orderOf(f), { limit: LEDGER_EXPORT_LIMIT, offset: 0 });
  return { rows, totals };
}

/** How many entries wait for an action of this user (the workbench's 待我处理). */
export async function countMyPendingEntries(db: Db | Tx, actor: EntryActor): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(ledgerEntries).where(pendingForSql(actor));
  return n;
}

/* ------------------------------------------------------------------ one entry */

export interface EntryStepView {
  id: string;
  action: string;
  label: string;
  fromStatus: string | null;
  toStatus: string;
  actor: PersonLabel | null;
  comment: string | null;
  /** Funds warnings acknowledged at this step. */
  warnings: string[];
  createdAt: Date;
}

export interface EntryAttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

export interface EntryDetail extends LedgerRow {
  version: number;
  partyId: string | null;
  accountId: string | null;
  accountSourceCode: string | null;
  projectStatus: string | null;
  parcelName: string | null;
  leaderRequired: boolean;
  returnComment: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  approvedAt: Date | null;
  leaderBy: string | null;
  leaderAt: Date | null;
  /** Who did each part of the workflow (created, submitted, reviewed, approved, leader-approved). */
  people: Record<'createdBy' | 'submittedBy' | 'reviewedBy' | 'approvedBy' | 'leaderBy', PersonLabel | null>;
  steps: EntryStepView[];
  attachments: EntryAttachmentView[];
  /** The entry this one reverses. */
  original: { id: string; entryNo: string } | null;
  /** Reversals of this entry (at most one approved; one pending at a time). */
  reversals: { id: string; entryNo: string; status: TEntryStatus; amount: string }[];
  hasPendingReversal: boolean;
}

export const ledgerFileUrl = (id: string) => `/api/funds/ledger/files/${id}`;

export async function getEntry(db: Db | Tx, id: string): Promise<EntryDetail | null> {
  if (!ID.test(id)) return null;
  const [row] = await db
    .select({
      ...rowColumns,
      version: ledgerEntries.version,
      partyId: ledgerEntries.partyId,
      accountId: ledgerEntries.accountId,
      accountSourceCode: fundAccounts.sourceCode,
      projectStatus: reserveProjects.status,
      parcelName: parcels.name,
      leaderRequired: ledgerEntries.leaderRequired,
      returnComment: ledgerEntries.returnComment,
      submittedAt: ledgerEntries.submittedAt,
      reviewedAt: ledgerEntries.reviewedAt,
      approvedAt: ledgerEntries.approvedAt,
      leaderBy: ledgerEntries.leaderBy,
      leaderAt: ledgerEntries.leaderAt,
    })
    .from(ledgerEntries)
    .leftJoin(reserveProjects, eq(reserveProjects.id, ledgerEntries.projectId))
    .leftJoin(parcels, eq(parcels.id, ledgerEntries.parcelId))
    .leftJoin(fundAccounts, eq(fundAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerEntries.id, id));
  if (!row) return null;

  const [steps, files, reversals, originalRows] = await Promise.all([
    db.select().from(ledgerSteps).where(eq(ledgerSteps.entryId, id)).orderBy(asc(ledgerSteps.createdAt), asc(ledgerSteps.id)),
    db
      .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, sizeBytes: attachments.sizeBytes })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, id)))
      .orderBy(asc(attachments.createdAt), asc(attachments.id)),
    db
      .select({ id: ledgerEntries.id, entryNo: ledgerEntries.entryNo, status: ledgerEntries.status, amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.reversalOf, id))
      .orderBy(asc(ledgerEntries.createdAt)),
    row.reversalOf ? db.select({ id: ledgerEntries.id, entryNo: ledgerEntries.entryNo }).from(ledgerEntries).where(eq(ledgerEntries.id, row.reversalOf)) : Promise.resolve([]),
  ]);

  const people = await findPeople(db, [row.createdBy, row.submittedBy, row.reviewedBy, row.approvedBy, row.leaderBy, ...steps.map((st) => st.actorId)]);
  const person = (id: string | null) => personLabel(people, id);
  const { material, ...fields } = row;
  return {
    ...fields,
    integrity: checkLedgerEntry(material),
    direction: row.direction as TDirection,
    status: row.status as TEntryStatus,
    origin: row.origin as TOrigin,
    sourceName: row.sourceCode ? fundSourceName(row.sourceCode) : null,
    people: {
      createdBy: person(row.createdBy),
      submittedBy: person(row.submittedBy),
      reviewedBy: person(row.reviewedBy),
      approvedBy: person(row.approvedBy),
      leaderBy: person(row.leaderBy),
    },
    steps: steps.map((s) => ({
      id: s.id,
      action: s.action,
      label: STEP_LABELS[s.action as TStepAction] ?? s.action,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      actor: personLabel(people, s.actorId, s.actorName),
      comment: s.comment,
      warnings: (s.warnings ?? []).map((w) => w.message),
      createdAt: s.createdAt,
    })),
    attachments: files.map((f) => ({ ...f, url: ledgerFileUrl(f.id) })),
    original: originalRows[0] ?? null,
    reversals: reversals.map((r) => ({ ...r, status: r.status as TEntryStatus })),
    hasPendingReversal: reversals.some((r) => r.status !== 'approved'),
  };
}

/* ------------------------------------------------------------------ form options */

export interface LedgerProjectOption {
  id: string;
  code: string;
  name: string;
  status: string;
}

export async function listLedgerProjectOptions(db: Db | Tx): Promise<LedgerProjectOption[]> {
  return db
    .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status })
    .from(reserveProjects)
    .orderBy(asc(reserveProjects.code));
}

export async function listLedgerParcelOptions(db: Db | Tx, projectIds?: readonly string[]): Promise<{ id: string; code: string; name: string; projectId: string }[]> {
  const q = db.select({ id: parcels.id, code: parcels.code, name: parcels.name, projectId: parcels.projectId }).from(parcels);
  return (projectIds ? await q.where(projectIds.length ? inArray(parcels.projectId, [...projectIds]) : sql`false`) : await q).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}

/** Accounts offered by the entry form and the approval dialog: the accounts part's own list. */
export type LedgerAccountOption = Pick<AccountRow, 'id' | 'name' | 'sourceCode' | 'bankName' | 'accountNo' | 'status'>;

/** The attachment row of a ledger entry (for the download route). */
export async function findLedgerAttachment(db: Db | Tx, id: string) {
  if (!ID.test(id)) return null;
  const [row] = await db
    .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, sm3: attachments.sm3 })
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
  return row ?? null;
}
