import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { compensationParties, parcels, reserveProjects } from '@/modules/parcels/schema';
import { ENTRY_STATUSES, compareAmounts, fundSourceName, subtractAmounts, type TEntryStatus } from '../rules';
import { fundAccounts, ledgerEntries, ledgerSteps } from '../schema';
import type { TStepAction } from './steps';
import { DIRECTION_LABELS, ENTRY_CHANGED_BY_OTHERS, ENTRY_NOT_FOUND, ORIGIN_LABELS, PROJECT_CLOSED, type TDirection, type TOrigin } from './validation';

/** Server-side helpers shared by the ledger mutations and the compensation posting. */

export const OBJECT_TYPE = '资金收支';
export const ATTACHMENT_OWNER = 'ledger-entry';

export type EntryRow = typeof ledgerEntries.$inferSelect;

export { STEP_LABELS, type TStepAction } from './steps';

/** The entry row locked for the transaction; refuses a stale version with the conflict message. */
export async function lockEntry(tx: Tx, id: string, version?: number): Promise<EntryRow> {
  const [row] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, id)).for('update');
  if (!row) fail(ENTRY_NOT_FOUND, 'NOT_FOUND');
  if (version !== undefined && row.version !== version) fail(ENTRY_CHANGED_BY_OTHERS, 'CONFLICT');
  return row;
}

export async function addStep(
  tx: Tx,
  actor: Actor,
  step: {
    entryId: string;
    action: TStepAction;
    fromStatus: TEntryStatus | null;
    toStatus: TEntryStatus;
    comment?: string | null;
    /** Funds warnings the actor acknowledged at this step. */
    warnings?: { code: string; message: string }[];
  },
): Promise<void> {
  await tx.insert(ledgerSteps).values({
    entryId: step.entryId,
    action: step.action,
    fromStatus: step.fromStatus,
    toStatus: step.toStatus,
    actorId: actor.userId,
    actorName: actor.displayName,
    comment: step.comment ?? null,
    warnings: step.warnings?.length ? step.warnings : null,
  });
}

export interface ProjectRef {
  id: string;
  code: string;
  name: string;
  status: string;
}

export async function findProject(tx: Tx, projectId: string): Promise<ProjectRef> {
  const [p] = await tx
    .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, projectId));
  if (!p) fail('项目不存在或已被删除', 'NOT_FOUND');
  return p;
}

/** Spending (a positive expense) may not be booked on a closed project; reversals reduce it and may. */
export function requireOpenForSpending(project: ProjectRef, entry: { direction: string; amount: string }): void {
  if (project.status === 'closed' && entry.direction === 'expense' && compareAmounts(entry.amount, '0') > 0) fail(PROJECT_CLOSED);
}

export interface AccountRef {
  id: string;
  name: string;
  sourceCode: string;
  status: string;
}

export async function findAccount(tx: Tx, accountId: string): Promise<AccountRef> {
  const [a] = await tx
    .select({ id: fundAccounts.id, name: fundAccounts.name, sourceCode: fundAccounts.sourceCode, status: fundAccounts.status })
    .from(fundAccounts)
    .where(eq(fundAccounts.id, accountId));
  if (!a) fail('资金账户不存在或已被删除', 'NOT_FOUND');
  return a;
}

/** The account must be active and belong to the entry's source (when the entry names one). */
export function accountProblem(account: AccountRef, sourceCode: string | null): string | null {
  if (account.status !== 'active') return `资金账户「${account.name}」已停用，请选择其他账户`;
  if (sourceCode !== null && account.sourceCode !== sourceCode) {
    return `资金账户「${account.name}」属于「${fundSourceName(account.sourceCode)}」，与记录的资金来源「${fundSourceName(sourceCode)}」不一致`;
  }
  return null;
}

/**
 * Checks the references of an entry as typed: the project exists (and is open for spending),
 * the parcel belongs to it, the account is active and of the same source. Returns what the
 * audit snapshot names, and the source (taken from the account when none was chosen).
 */
export async function checkReferences(
  tx: Tx,
  v: { direction: string; amount: string; projectId: string; parcelId: string | null; accountId: string | null; sourceCode: string | null },
): Promise<{ project: ProjectRef; parcelCode: string | null; account: AccountRef | null; sourceCode: string | null }> {
  const project = await findProject(tx, v.projectId);
  requireOpenForSpending(project, v);
  let parcelCode: string | null = null;
  if (v.parcelId) {
    const [parcel] = await tx.select({ code: parcels.code, projectId: parcels.projectId }).from(parcels).where(eq(parcels.id, v.parcelId));
    if (!parcel) fail('地块不存在或已被删除', 'NOT_FOUND');
    if (parcel.projectId !== project.id) fail(`地块 ${parcel.code} 不属于项目「${project.code} ${project.name}」，请重新选择地块`, 'INVALID_INPUT');
    parcelCode = parcel.code;
  }
  let account: AccountRef | null = null;
  if (v.accountId) {
    account = await findAccount(tx, v.accountId);
    const problem = accountProblem(account, v.sourceCode);
    if (problem) fail(problem, 'INVALID_INPUT');
  }
  return { project, parcelCode, account, sourceCode: v.sourceCode ?? account?.sourceCode ?? null };
}

/** Names for the audit snapshot of an entry whose references were not just checked. */
export async function describeReferences(tx: Tx, e: { projectId: string; parcelId: string | null; accountId: string | null }) {
  const [project] = await tx.select({ code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, e.projectId));
  const [parcel] = e.parcelId ? await tx.select({ code: parcels.code }).from(parcels).where(eq(parcels.id, e.parcelId)) : [];
  const [account] = e.accountId ? await tx.select({ name: fundAccounts.name }).from(fundAccounts).where(eq(fundAccounts.id, e.accountId)) : [];
  return {
    projectLabel: project ? `${project.code} ${project.name}` : e.projectId,
    parcelCode: parcel?.code ?? null,
    accountName: account?.name ?? null,
  };
}

/** Audit snapshot of an entry, with readable values (names, not ids or codes). */
export function snapshot(
  e: Pick<
    EntryRow,
    'entryNo' | 'direction' | 'entryDate' | 'amount' | 'category' | 'sourceCode' | 'contractNo' | 'voucherNo' | 'counterparty' | 'description' | 'status' | 'origin'
  >,
  names: { projectLabel: string; parcelCode: string | null; accountName: string | null; reversalOfNo?: string | null },
) {
  return {
    entryNo: e.entryNo,
    direction: DIRECTION_LABELS[e.direction as TDirection] ?? e.direction,
    entryDate: e.entryDate,
    amount: e.amount,
    category: e.category,
    source: e.sourceCode ? fundSourceName(e.sourceCode) : null,
    account: names.accountName,
    project: names.projectLabel,
    parcel: names.parcelCode,
    contractNo: e.contractNo,
    voucherNo: e.voucherNo,
    counterparty: e.counterparty,
    description: e.description,
    status: ENTRY_STATUSES[e.status as TEntryStatus] ?? e.status,
    origin: ORIGIN_LABELS[e.origin as TOrigin] ?? e.origin,
    reversalOf: names.reversalOfNo ?? null,
  };
}

export const statusText = (s: string) => ENTRY_STATUSES[s as TEntryStatus] ?? s;

/**
 * Keeps a party's amount_paid in step with the compensation payments of the ledger: when a
 * compensation entry is deleted or its reversal approved, its amount comes off the party.
 * Returns the party's before/after amounts for the audit, or null when the party is gone.
 */
export async function takeBackCompensation(tx: Tx, partyId: string, amount: string): Promise<{ name: string; before: string; after: string } | null> {
  const [party] = await tx
    .select({ id: compensationParties.id, name: compensationParties.name, amountPaid: compensationParties.amountPaid })
    .from(compensationParties)
    .where(eq(compensationParties.id, partyId))
    .for('update');
  if (!party) return null;
  const after = subtractAmounts(party.amountPaid, amount);
  if (compareAmounts(after, '0') < 0) {
    fail(`补偿对象「${party.name}」的已支付金额（${party.amountPaid} 元）小于本笔支付（${amount} 元），数据不一致，请联系系统管理员`);
  }
  await tx.update(compensationParties).set({ amountPaid: after }).where(eq(compensationParties.id, party.id));
  return { name: party.name, before: party.amountPaid, after };
}

/** Whether a reversal of `entryId` exists that is not approved yet (any other status). */
export async function hasPendingReversal(tx: Tx, entryId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.reversalOf, entryId), sql`${ledgerEntries.status} <> 'approved'`));
  return row.n > 0;
}
