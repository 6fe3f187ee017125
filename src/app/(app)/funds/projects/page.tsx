import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getFundYears, getProjectBalances } from '@/modules/funds/balances/queries';
import { defaultFundsYear, ZProjectBalanceFilter } from '@/modules/funds/balances/validation';
import { ProjectBalancesList } from '@/modules/funds/components/project-balances-list';
import { findIntegrityProblemsOf } from '@/modules/funds/ledger/integrity';
import { toIntegrityProblemsView } from '@/modules/funds/ledger/view';
import { IntegrityNotice } from '@/modules/funds/components/integrity-notice';

export const metadata: Metadata = { title: '项目资金余额' };

export default async function ProjectBalancesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const { filter, notice } = parseListFilter(ZProjectBalanceFilter, await searchParams);
  const db = await getDb();
  const [data, years, integrity] = await Promise.all([getProjectBalances(db, filter), getFundYears(db, defaultFundsYear(todayInShanghai())), findIntegrityProblemsOf(db)]);
  return (
    <>
      <FilterNotice notice={notice} />
      <IntegrityNotice problems={toIntegrityProblemsView(integrity)} />
      <ProjectBalancesList filter={filter} years={years} data={data} canExport={hasPermission(user, 'fund:export')} />
    </>
  );
}
