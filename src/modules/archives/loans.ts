import 'server-only';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail, PERMISSION_DENIED, type MutationContext } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { isIsoDate } from '@/platform/dates';
import { hasPermission } from '@/platform/permissions/check';
import { users } from '@/platform/auth/schema';
import { getSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { archiveItems, archiveLoanItems, archiveLoans } from './schema';
import { ITEM_NOT_FOUND } from './validation';
import { addDaysIso, LOAN_NOT_FOUND, LOAN_NOT_LENT, LOAN_TAKEN, OPEN_LOAN_STATUSES, ZLoanDecision, ZLoanRefusal, ZLoanRequest } from './loan-validation';

/**
 * 借阅 (issue 16): a request (who, which items, purpose, until when) → approved by the 档案管理员
 * (archive:manage) and, when an item is 内部, by a 中心领导 (archive:loan-approve) → the borrower
 * views and downloads the items' files while 借阅中 and until `until_date` (activeLoanFor) →
 * returned. Every transition is audited; decisions take the row lock and check the version.
 *
 * The clock: every rule that depends on the date takes `today` (YYYY-MM-DD, Asia/Shanghai). The
 * server actions set it from todayInShanghai() (never from the client); tests pass their own.
 */

export const LOAN_TYPE = '档案借阅';

/** `today` as the caller gives it (server actions and tests), else the date in Shanghai. */
const zToday = z
  .string()
  .optional()
  .refine((s) => s === undefined || isIsoDate(s), { message: '日期无效' })
  .transform((s) => s ?? todayInShanghai());

async function lockLoan(tx: Tx, loanId: string, version: number) {
  const [loan] = await tx.select().from(archiveLoans).where(eq(archiveLoans.id, loanId)).for('update');
  if (!loan) fail(LOAN_NOT_FOUND, 'NOT_FOUND');
  if (loan.version !== version) fail(LOAN_TAKEN, 'CONFLICT');
  return loan;
}

/**
 * The loan at an approval step, locked: still at `status` and `version`, not the approver's own,
 * and its return date not yet passed (approving it would lend nothing).
 */
async function lockForApproval(tx: Tx, input: { loanId: string; version: number; today: string }, approverId: string, status: string) {
  const loan = await lockLoan(tx, input.loanId, input.version);
  if (loan.status !== status) fail(LOAN_TAKEN, 'CONFLICT');
  if (loan.borrowerId === approverId) fail('不能审批本人的借阅申请', 'FORBIDDEN');
  if (loan.untilDate < input.today) fail(`该申请的归还日期（${loan.untilDate}）已过，请不予批准，由申请人重新申请`);
  return loan;
}

async function loanItemLabels(tx: Tx, loanId: string): Promise<string> {
  const rows = await tx
    .select({ archiveNo: archiveItems.archiveNo })
    .from(archiveLoanItems)
    .innerJoin(archiveItems, eq(archiveItems.id, archiveLoanItems.itemId))
    .where(eq(archiveLoanItems.loanId, loanId))
    .orderBy(asc(archiveItems.archiveNo));
  const nos = rows.map((r) => r.archiveNo);
  return nos.length > 3 ? `${nos.slice(0, 3).join('、')} 等 ${nos.length} 件` : nos.join('、');
}

/** 申请借阅: items (1–50, existing), purpose, an until date from tomorrow to archive.maxLoanDays ahead. */
export const requestLoan = defineMutation({
  name: '申请借阅档案',
  permission: 'archive:borrow',
  objectType: LOAN_TYPE,
  schema: ZLoanRequest.extend({ today: zToday }),
  async run(ctx: MutationContext, input) {
    const { tx, actor } = ctx;
    const today = input.today;
    const maxDays = (await getSettings(tx))['archive.maxLoanDays'];
    const earliest = addDaysIso(today, 1);
    const latest = addDaysIso(today, maxDays);
    if (input.untilDate < earliest) fail(`归还日期须晚于今天（${today}），最早为 ${earliest}`, 'INVALID_INPUT', { untilDate: `归还日期最早为 ${earliest}` });
    if (input.untilDate > latest) fail(`借阅期限最长 ${maxDays} 天，归还日期不能晚于 ${latest}`, 'INVALID_INPUT', { untilDate: `归还日期不能晚于 ${latest}` });
    const ids = [...new Set(input.itemIds)];
    // One request at a time per borrower: two concurrent requests for the same item cannot both pass the check below.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('update');
    const items = await tx
      .select({ id: archiveItems.id, archiveNo: archiveItems.archiveNo, title: archiveItems.title, secrecy: archiveItems.secrecy })
      .from(archiveItems)
      .where(inArray(archiveItems.id, ids))
      .orderBy(asc(archiveItems.archiveNo));
    if (items.length !== ids.length) fail(`所选${ITEM_NOT_FOUND}`, 'NOT_FOUND', { itemIds: ITEM_NOT_FOUND });
    // One open loan per person and item (待审批, 待领导审批, or 借阅中 within its period).
    const open = await tx
      .select({ itemId: archiveLoanItems.itemId })
      .from(archiveLoanItems)
      .innerJoin(archiveLoans, eq(archiveLoans.id, archiveLoanItems.loanId))
      .where(and(eq(archiveLoans.borrowerId, actor.userId), inArray(archiveLoans.status, [...OPEN_LOAN_STATUSES]), gte(archiveLoans.untilDate, today), inArray(archiveLoanItems.itemId, ids)));
    const held = items.find((i) => open.some((o) => o.itemId === i.id));
    if (held) fail(`《${held.title}》（档号 ${held.archiveNo}）已在您的借阅中，不能重复借阅`, 'RULE_VIOLATION', { itemIds: '已在您的借阅中' });
    const needsLeader = items.some((i) => i.secrecy === '内部');
    const [loan] = await tx
      .insert(archiveLoans)
      .values({ borrowerId: actor.userId, borrowerName: actor.displayName, purpose: input.purpose, untilDate: input.untilDate, status: '待审批', needsLeader })
      .returning({ id: archiveLoans.id });
    await tx.insert(archiveLoanItems).values(items.map((i) => ({ loanId: loan.id, itemId: i.id })));
    const nos = items.map((i) => i.archiveNo);
    await ctx.audit({
      action: '申请借阅档案',
      objectType: LOAN_TYPE,
      objectId: loan.id,
      before: null,
      after: { status: '待审批', items: nos.join('、'), purpose: input.purpose, untilDate: input.untilDate, needsLeader },
      message: `${actor.displayName}申请借阅 ${nos.length > 3 ? `${nos.slice(0, 3).join('、')} 等 ${nos.length} 件` : nos.join('、')}，借至 ${input.untilDate}${needsLeader ? '（含内部档案，须领导审批）' : ''}`,
    });
    return { id: loan.id, needsLeader };
  },
});

/** The 档案管理员's approval: 待审批 → 待领导审批 (an item is 内部) or 借阅中. */
export const approveLoan = defineMutation({
  name: '审批档案借阅',
  permission: 'archive:manage',
  objectType: LOAN_TYPE,
  schema: ZLoanDecision.extend({ today: zToday }),
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const loan = await lockForApproval(tx, input, actor.userId, '待审批');
    const status = loan.needsLeader ? '待领导审批' : '借阅中';
    await tx
      .update(archiveLoans)
      .set({ status, approvedBy: actor.userId, approvedByName: actor.displayName, approvedAt: new Date(), version: loan.version + 1 })
      .where(eq(archiveLoans.id, loan.id));
    await ctx.audit({
      action: '审批档案借阅',
      objectType: LOAN_TYPE,
      objectId: loan.id,
      before: { status: loan.status },
      after: { status },
      message: `${actor.displayName}同意${loan.borrowerName}借阅 ${await loanItemLabels(tx, loan.id)}${loan.needsLeader ? '，转领导审批' : `，借至 ${loan.untilDate}`}`,
    });
    return { status };
  },
});

/** The 中心领导's approval of a loan with 内部 items: 待领导审批 → 借阅中. */
export const leaderApproveLoan = defineMutation({
  name: '领导审批档案借阅',
  permission: 'archive:loan-approve',
  objectType: LOAN_TYPE,
  schema: ZLoanDecision.extend({ today: zToday }),
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const loan = await lockForApproval(tx, input, actor.userId, '待领导审批');
    await tx
      .update(archiveLoans)
      .set({ status: '借阅中', leaderBy: actor.userId, leaderByName: actor.displayName, leaderAt: new Date(), version: loan.version + 1 })
      .where(eq(archiveLoans.id, loan.id));
    await ctx.audit({
      action: '领导审批档案借阅',
      objectType: LOAN_TYPE,
      objectId: loan.id,
      before: { status: loan.status },
      after: { status: '借阅中' },
      message: `${actor.displayName}同意${loan.borrowerName}借阅内部档案 ${await loanItemLabels(tx, loan.id)}，借至 ${loan.untilDate}`,
    });
    return { status: '借阅中' as const };
  },
});

/**
 * 不予批准, by the approver of the step the loan is at: the 档案管理员 at 待审批, a 中心领导 at
 * 待领导审批. The reason is required and kept on the loan.
 */
export const refuseLoan = defineMutation({
  name: '不予批准档案借阅',
  permission: 'archive:borrow',
  objectType: LOAN_TYPE,
  schema: ZLoanRefusal,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [current] = await tx.select({ status: archiveLoans.status }).from(archiveLoans).where(eq(archiveLoans.id, input.loanId));
    if (!current) fail(LOAN_NOT_FOUND, 'NOT_FOUND');
    const canManage = hasPermission(actor, 'archive:manage');
    const canLead = hasPermission(actor, 'archive:loan-approve');
    if (!canManage && !canLead) fail(PERMISSION_DENIED, 'FORBIDDEN');
    const loan = await lockLoan(tx, input.loanId, input.version);
    const step = loan.status === '待审批' ? 'archivist' : loan.status === '待领导审批' ? 'leader' : null;
    if (!step) fail(LOAN_TAKEN, 'CONFLICT');
    if ((step === 'archivist' && !canManage) || (step === 'leader' && !canLead)) fail(step === 'archivist' ? '该借阅待档案管理员审批，您不能处理' : '该借阅待中心领导审批，您不能处理', 'FORBIDDEN');
    if (loan.borrowerId === actor.userId) fail('不能审批本人的借阅申请', 'FORBIDDEN');
    await tx.update(archiveLoans).set({ status: '未批准', refusedReason: input.reason, version: loan.version + 1 }).where(eq(archiveLoans.id, loan.id));
    await ctx.audit({
      action: '不予批准档案借阅',
      objectType: LOAN_TYPE,
      objectId: loan.id,
      before: { status: loan.status },
      after: { status: '未批准', refusedReason: input.reason },
      message: `${actor.displayName}不予批准${loan.borrowerName}借阅 ${await loanItemLabels(tx, loan.id)}：${input.reason}`,
    });
    return { status: '未批准' as const };
  },
});

/** 归还, by the borrower or the 档案管理员: only 借阅中 (overdue included) → 已归还. */
export const returnLoan = defineMutation({
  name: '归还档案',
  permission: 'archive:borrow',
  objectType: LOAN_TYPE,
  schema: ZLoanDecision.extend({ today: zToday }),
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [current] = await tx.select({ status: archiveLoans.status, borrowerId: archiveLoans.borrowerId }).from(archiveLoans).where(eq(archiveLoans.id, input.loanId));
    if (!current) fail(LOAN_NOT_FOUND, 'NOT_FOUND');
    if (current.borrowerId !== actor.userId && !hasPermission(actor, 'archive:manage')) fail('只有借阅人或档案管理员可以办理归还', 'FORBIDDEN');
    const [locked] = await tx.select().from(archiveLoans).where(eq(archiveLoans.id, input.loanId)).for('update');
    if (locked.status !== '借阅中') fail(LOAN_NOT_LENT);
    if (locked.version !== input.version) fail(LOAN_TAKEN, 'CONFLICT');
    await tx.update(archiveLoans).set({ status: '已归还', returnedAt: new Date(), returnedBy: actor.userId, version: locked.version + 1 }).where(eq(archiveLoans.id, locked.id));
    const overdue = locked.untilDate < input.today;
    await ctx.audit({
      action: '归还档案',
      objectType: LOAN_TYPE,
      objectId: locked.id,
      before: { status: '借阅中' },
      after: { status: '已归还' },
      message: `${actor.displayName}办理归还：${locked.borrowerName}借阅的 ${await loanItemLabels(tx, locked.id)}${overdue ? `（逾期，应于 ${locked.untilDate} 前归还）` : ''}`,
    });
    return { status: '已归还' as const };
  },
});

/**
 * The loan through which `userId` may view and download `itemId` on `today`: 借阅中 and
 * `until_date >= today` (the last day of the period included). Null: no access by loan.
 */
export async function activeLoanFor(db: Db | Tx, userId: string, itemId: string, today: string): Promise<{ loanId: string; untilDate: string } | null> {
  const [row] = await db
    .select({ loanId: archiveLoans.id, untilDate: archiveLoans.untilDate })
    .from(archiveLoans)
    .innerJoin(archiveLoanItems, eq(archiveLoanItems.loanId, archiveLoans.id))
    .where(and(eq(archiveLoans.borrowerId, userId), eq(archiveLoans.status, '借阅中'), gte(archiveLoans.untilDate, today), eq(archiveLoanItems.itemId, itemId)))
    .orderBy(sql`${archiveLoans.untilDate} desc`)
    .limit(1);
  return row ?? null;
}
