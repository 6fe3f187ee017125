import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { auditLog } from '@/platform/audit/schema';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { archiveItemFiles, archiveItems, archiveLoanItems, archiveLoans, archives } from './schema';
import { MAX_LOAN_ITEMS, shownLoanStatus, type TLoanFilter, type TLoanShownStatus } from './loan-validation';
import { searchItems, type ItemRow } from './queries';
import { ZItemFilter } from './validation';
import { LOAN_TYPE } from './loans';

export interface LoanViewer extends PermissionHolder {
  userId: string;
}

export interface LoanRow {
  id: string;
  borrowerId: string;
  borrowerName: string;
  purpose: string;
  untilDate: string;
  status: string;
  shown: TLoanShownStatus;
  needsLeader: boolean;
  createdAt: Date;
  itemCount: number;
  /** The first item's 档号 and 题名. */
  firstItem: { archiveNo: string; title: string } | null;
  version: number;
}

/** Scopes a viewer may list: their own loans; those waiting for them; every loan (档案管理员). */
export function loanScopesFor(viewer: PermissionHolder): ('mine' | 'todo' | 'all')[] {
  const out: ('mine' | 'todo' | 'all')[] = [];
  if (hasPermission(viewer, 'archive:borrow')) out.push('mine');
  if (hasPermission(viewer, 'archive:manage') || hasPermission(viewer, 'archive:loan-approve')) out.push('todo');
  if (hasPermission(viewer, 'archive:manage')) out.push('all');
  return out;
}

/** Loans waiting for this viewer's decision (not their own). */
function waitingFor(viewer: LoanViewer): SQL | undefined {
  const steps: SQL[] = [];
  if (hasPermission(viewer, 'archive:manage')) steps.push(eq(archiveLoans.status, '待审批'));
  if (hasPermission(viewer, 'archive:loan-approve')) steps.push(eq(archiveLoans.status, '待领导审批'));
  return steps.length ? or(...steps) : undefined;
}

export function effectiveScope(viewer: LoanViewer, f: TLoanFilter): 'mine' | 'todo' | 'all' {
  const scopes = loanScopesFor(viewer);
  if (f.scope && scopes.includes(f.scope)) return f.scope;
  return scopes.includes('todo') ? 'todo' : 'mine';
}

export async function listLoans(db: Db, viewer: LoanViewer, f: TLoanFilter, today: string): Promise<{ rows: LoanRow[]; total: number; scope: 'mine' | 'todo' | 'all' }> {
  const scope = effectiveScope(viewer, f);
  const parts: (SQL | undefined)[] = [];
  if (scope === 'mine') parts.push(eq(archiveLoans.borrowerId, viewer.userId));
  if (scope === 'todo') {
    const w = waitingFor(viewer);
    parts.push(w ? and(w, ne(archiveLoans.borrowerId, viewer.userId)) : eq(archiveLoans.id, ''));
  }
  if (f.status === '已逾期') parts.push(and(eq(archiveLoans.status, '借阅中'), lt(archiveLoans.untilDate, today)));
  else if (f.status === '借阅中') parts.push(and(eq(archiveLoans.status, '借阅中'), gte(archiveLoans.untilDate, today)));
  else if (f.status) parts.push(eq(archiveLoans.status, f.status));
  const where = and(...parts);
  const [{ total }] = await db.select({ total: count() }).from(archiveLoans).where(where);
  const loans = await db
    .select()
    .from(archiveLoans)
    .where(where)
    .orderBy(desc(archiveLoans.createdAt), desc(archiveLoans.id))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  const items = loans.length
    ? await db
        .select({ loanId: archiveLoanItems.loanId, archiveNo: archiveItems.archiveNo, title: archiveItems.title })
        .from(archiveLoanItems)
        .innerJoin(archiveItems, eq(archiveItems.id, archiveLoanItems.itemId))
        .where(inArray(archiveLoanItems.loanId, loans.map((l) => l.id)))
        .orderBy(asc(archiveItems.archiveNo))
    : [];
  const rows = loans.map((l) => {
    const mine = items.filter((i) => i.loanId === l.id);
    return {
      id: l.id,
      borrowerId: l.borrowerId,
      borrowerName: l.borrowerName,
      purpose: l.purpose,
      untilDate: l.untilDate,
      status: l.status,
      shown: shownLoanStatus(l.status, l.untilDate, today),
      needsLeader: l.needsLeader,
      createdAt: l.createdAt,
      itemCount: mine.length,
      firstItem: mine[0] ? { archiveNo: mine[0].archiveNo, title: mine[0].title } : null,
      version: l.version,
    };
  });
  return { rows, total: Number(total), scope };
}

export interface LoanDetailItem {
  id: string;
  archiveId: string;
  ownerCode: string;
  archiveNo: string;
  title: string;
  secrecy: string;
  stage: string;
  files: { id: string; fileName: string; mimeType: string; sizeBytes: number }[];
}

export interface LoanHistoryEntry {
  at: Date;
  what: string;
  who: string;
  note?: string | null;
}

export interface LoanDetail {
  id: string;
  borrowerId: string;
  borrowerName: string;
  purpose: string;
  untilDate: string;
  status: string;
  shown: TLoanShownStatus;
  needsLeader: boolean;
  version: number;
  createdAt: Date;
  refusedReason: string | null;
  items: LoanDetailItem[];
  history: LoanHistoryEntry[];
  /** 借阅中 and within the period: the borrower may view and download the files. */
  active: boolean;
}

/**
 * Who may open a loan: its borrower, the 档案管理员 (archive:manage), and a 中心领导
 * (archive:loan-approve) for a loan that needs the leader.
 */
export function mayOpenLoan(viewer: LoanViewer, loan: { borrowerId: string; needsLeader: boolean }): boolean {
  return loan.borrowerId === viewer.userId || hasPermission(viewer, 'archive:manage') || (loan.needsLeader && hasPermission(viewer, 'archive:loan-approve'));
}

export async function getLoan(db: Db, id: string, today: string): Promise<LoanDetail | null> {
  const [loan] = await db.select().from(archiveLoans).where(eq(archiveLoans.id, id));
  if (!loan) return null;
  const items = await db
    .select({ id: archiveItems.id, archiveId: archiveItems.archiveId, ownerCode: archives.ownerCode, archiveNo: archiveItems.archiveNo, title: archiveItems.title, secrecy: archiveItems.secrecy, stage: archiveItems.stage })
    .from(archiveLoanItems)
    .innerJoin(archiveItems, eq(archiveItems.id, archiveLoanItems.itemId))
    .innerJoin(archives, eq(archives.id, archiveItems.archiveId))
    .where(eq(archiveLoanItems.loanId, id))
    .orderBy(asc(archiveItems.archiveNo));
  const files = items.length
    ? await db
        .select({ id: archiveItemFiles.id, itemId: archiveItemFiles.itemId, fileName: archiveItemFiles.fileName, mimeType: archiveItemFiles.mimeType, sizeBytes: archiveItemFiles.sizeBytes })
        .from(archiveItemFiles)
        .where(inArray(archiveItemFiles.itemId, items.map((i) => i.id)))
        .orderBy(asc(archiveItemFiles.position), asc(archiveItemFiles.createdAt))
    : [];
  // Who refused is in the audit log (the loan keeps the reason).
  const refusals = loan.status === '未批准'
    ? await db
        .select({ at: auditLog.occurredAt, message: auditLog.message })
        .from(auditLog)
        .where(and(eq(auditLog.objectType, LOAN_TYPE), eq(auditLog.objectId, id), eq(auditLog.action, '不予批准档案借阅'), eq(auditLog.result, '成功')))
        .orderBy(desc(auditLog.occurredAt))
        .limit(1)
    : [];
  const history: LoanHistoryEntry[] = [{ at: loan.createdAt, what: '申请借阅', who: loan.borrowerName, note: loan.purpose }];
  if (loan.approvedAt) history.push({ at: loan.approvedAt, what: loan.needsLeader ? '档案管理员同意，转领导审批' : '档案管理员同意', who: loan.approvedByName ?? '' });
  if (loan.leaderAt) history.push({ at: loan.leaderAt, what: '中心领导同意', who: loan.leaderByName ?? '' });
  if (loan.status === '未批准') {
    const r = refusals[0];
    const who = r?.message ? r.message.split('不予批准')[0] : '';
    history.push({ at: r?.at ?? loan.createdAt, what: '不予批准', who, note: loan.refusedReason });
  }
  if (loan.returnedAt) history.push({ at: loan.returnedAt, what: '已归还', who: loan.returnedBy === loan.borrowerId ? loan.borrowerName : '档案管理员' });
  const shown = shownLoanStatus(loan.status, loan.untilDate, today);
  return {
    id: loan.id,
    borrowerId: loan.borrowerId,
    borrowerName: loan.borrowerName,
    purpose: loan.purpose,
    untilDate: loan.untilDate,
    status: loan.status,
    shown,
    needsLeader: loan.needsLeader,
    version: loan.version,
    createdAt: loan.createdAt,
    refusedReason: loan.refusedReason,
    items: items.map((i) => ({ ...i, files: files.filter((f) => f.itemId === i.id).map(({ itemId: _, ...f }) => f) })),
    history,
    active: loan.status === '借阅中' && loan.untilDate >= today,
  };
}

export interface PickerItem {
  id: string;
  archiveNo: string;
  title: string;
  ownerCode: string;
  secrecy: string;
  stage: string;
}

/**
 * The request page's search (one box: 档号 or 题名 through searchItems' text search, 地块或项目编号
 * through its code search; 10 each) and the picked items (?pick=, at most MAX_LOAN_ITEMS, unknown
 * ids dropped).
 */
export async function loanPickerData(db: Db, params: Record<string, string | string[] | undefined>): Promise<{ q: string; results: PickerItem[]; picked: PickerItem[]; dropped: number }> {
  const rawQ = typeof params.q === 'string' ? params.q : '';
  const filter = ZItemFilter.parse({ q: rawQ, size: '10' });
  const q = filter.q ?? '';
  const toPicker = (r: ItemRow): PickerItem => ({ id: r.id, archiveNo: r.archiveNo, title: r.title, ownerCode: r.ownerCode, secrecy: r.secrecy, stage: r.stage });
  let results: PickerItem[] = [];
  if (q) {
    const [byText, byCode] = await Promise.all([searchItems(db, filter), searchItems(db, ZItemFilter.parse({ code: q, size: '10' }))]);
    const seen = new Set<string>();
    results = [...byText.rows, ...byCode.rows].filter((r) => !seen.has(r.id) && seen.add(r.id)).map(toPicker);
  }
  const rawPicks = params.pick === undefined ? [] : Array.isArray(params.pick) ? params.pick : [params.pick];
  const ids = [...new Set(rawPicks.filter((p) => /^[0-9A-Za-z_-]{1,64}$/.test(p)))].slice(0, MAX_LOAN_ITEMS);
  const rows = ids.length
    ? await db
        .select({ id: archiveItems.id, archiveNo: archiveItems.archiveNo, title: archiveItems.title, ownerCode: archives.ownerCode, secrecy: archiveItems.secrecy, stage: archiveItems.stage })
        .from(archiveItems)
        .innerJoin(archives, eq(archives.id, archiveItems.archiveId))
        .where(inArray(archiveItems.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const picked = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { q, results, picked, dropped: rawPicks.length - picked.length };
}
