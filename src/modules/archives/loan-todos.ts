import 'server-only';
import { and, asc, between, eq, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import type { ObjectRefView } from '@/ui/kit/object-ref';
import type { WorkbenchTodo } from '@/modules/workbench/components/workbench-view';
import { archiveItems, archiveLoanItems, archiveLoans } from './schema';
import { addDaysIso } from './loan-validation';

/** How many loans a to-do names; its link leads to all of them. */
const TODO_REFS = 5;
/** A loan ending within this many days (today included) is a reminder for its borrower. */
export const LOAN_ENDING_DAYS = 3;

const listPath = (scope: string, status?: string) => `/archives/loans?scope=${scope}${status ? `&status=${encodeURIComponent(status)}` : ''}`;

async function loansWhere(db: Db | Tx, where: SQL | undefined): Promise<{ id: string; borrowerName: string }[]> {
  return db.select({ id: archiveLoans.id, borrowerName: archiveLoans.borrowerName }).from(archiveLoans).where(where).orderBy(asc(archiveLoans.untilDate), asc(archiveLoans.createdAt));
}

/** Each loan named by its first item's 档号 and 题名, with the borrower. */
async function refs(db: Db | Tx, loans: { id: string; borrowerName: string }[]): Promise<ObjectRefView[]> {
  const first = loans.slice(0, TODO_REFS);
  if (!first.length) return [];
  const items = await db
    .select({ loanId: archiveLoanItems.loanId, archiveNo: archiveItems.archiveNo, title: archiveItems.title })
    .from(archiveLoanItems)
    .innerJoin(archiveItems, eq(archiveItems.id, archiveLoanItems.itemId))
    .where(inArray(archiveLoanItems.loanId, first.map((l) => l.id)))
    .orderBy(asc(archiveItems.archiveNo));
  return first.map((l) => {
    const mine = items.filter((i) => i.loanId === l.id);
    const name = mine.length ? `${l.borrowerName}：${mine[0].title}${mine.length > 1 ? ` 等 ${mine.length} 件` : ''}` : l.borrowerName;
    return { id: l.id, code: mine[0]?.archiveNo, name, href: `/archives/loans/${l.id}` };
  });
}

/**
 * The workbench's 借阅 to-dos: for a borrower, their loans overdue (借阅中 past the until date) and
 * those ending within LOAN_ENDING_DAYS; for the 档案管理员, requests waiting for approval and
 * every overdue loan; for a 中心领导, requests waiting for the leader. Only non-empty ones.
 */
export async function loanTodos(db: Db | Tx, holder: PermissionHolder & { userId: string }, today: string): Promise<WorkbenchTodo[]> {
  const out: WorkbenchTodo[] = [];
  const push = async (key: string, title: string, loans: { id: string; borrowerName: string }[], path: string, tone: WorkbenchTodo['tone']) => {
    if (loans.length) out.push({ key, title, count: loans.length, unit: '项', path, tone, refs: await refs(db, loans) });
  };
  const lent = eq(archiveLoans.status, '借阅中');
  if (hasPermission(holder, 'archive:manage')) {
    await push('archive-loans-waiting', '待审批的档案借阅', await loansWhere(db, and(eq(archiveLoans.status, '待审批'), ne(archiveLoans.borrowerId, holder.userId))), listPath('todo'), 'brand');
  }
  if (hasPermission(holder, 'archive:loan-approve')) {
    await push('archive-loans-leader', '待领导审批的档案借阅', await loansWhere(db, and(eq(archiveLoans.status, '待领导审批'), ne(archiveLoans.borrowerId, holder.userId))), listPath('todo'), 'brand');
  }
  if (hasPermission(holder, 'archive:manage')) {
    await push('archive-loans-overdue-all', '逾期未还的档案借阅', await loansWhere(db, and(lent, lt(archiveLoans.untilDate, today))), listPath('all', '已逾期'), 'error');
  }
  if (hasPermission(holder, 'archive:borrow')) {
    const mine = eq(archiveLoans.borrowerId, holder.userId);
    await push('archive-loans-overdue', '我的逾期未还档案', await loansWhere(db, and(mine, lent, lt(archiveLoans.untilDate, today))), listPath('mine', '已逾期'), 'error');
    await push('archive-loans-ending', `${LOAN_ENDING_DAYS} 天内到期的档案借阅`, await loansWhere(db, and(mine, lent, between(archiveLoans.untilDate, today, addDaysIso(today, LOAN_ENDING_DAYS)))), listPath('mine', '借阅中'), 'warning');
  }
  return out;
}
