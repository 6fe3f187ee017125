import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { listLoans, loanScopesFor } from '@/modules/archives/loan-queries';
import { LOAN_FILTER_LABELS, ZLoanFilter } from '@/modules/archives/loan-validation';
import { LoansList } from '@/modules/archives/components/loans-list';

export const metadata: Metadata = { title: '档案借阅' };

export default async function ArchiveLoansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission(['archive:borrow', 'archive:manage']);
  const { filter, notice } = parseListFilter(ZLoanFilter, await searchParams, LOAN_FILTER_LABELS);
  const db = await getDb();
  const viewer = { userId: user.id, permissions: user.permissions };
  const { rows, total, scope } = await listLoans(db, viewer, filter, todayInShanghai());
  return (
    <>
      <FilterNotice notice={notice} />
      <LoansList filter={filter} scope={scope} scopes={loanScopesFor(viewer)} rows={rows} total={total} canBorrow={hasPermission(user, 'archive:borrow')} />
    </>
  );
}
