import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getAccountsOverview } from '@/modules/funds/accounts/queries';
import { ZAccountFilter } from '@/modules/funds/accounts/validation';
import { AccountsPage as AccountsView } from '@/modules/funds/components/accounts-page';
import { findIntegrityProblemsOf } from '@/modules/funds/ledger/integrity';
import { toIntegrityProblemsView } from '@/modules/funds/ledger/view';
import { IntegrityNotice } from '@/modules/funds/components/integrity-notice';

export const metadata: Metadata = { title: '资金账户' };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const { filter, notice } = parseListFilter(ZAccountFilter, await searchParams);
  const db = await getDb();
  const [overview, integrity] = await Promise.all([getAccountsOverview(db, filter), findIntegrityProblemsOf(db)]);
  return (
    <>
      <FilterNotice notice={notice} />
      <IntegrityNotice problems={toIntegrityProblemsView(integrity)} />
      <AccountsView filter={filter} overview={overview} canEdit={hasPermission(user, 'fund:account')} />
    </>
  );
}
