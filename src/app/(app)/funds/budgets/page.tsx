import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getBudgetOverview, getBudgetYears } from '@/modules/funds/budgets/queries';
import { ZBudgetListFilter } from '@/modules/funds/budgets/validation';
import { budgetYearOptions } from '@/modules/funds/budgets/view';
import { BudgetsList } from '@/modules/funds/components/budgets-list';

export const metadata: Metadata = { title: '项目预算' };

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('fund:view');
  const { filter, notice } = parseListFilter(ZBudgetListFilter, await searchParams);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const year = filter.year ?? thisYear;
  const db = await getDb();
  const [overview, years] = await Promise.all([getBudgetOverview(db, { ...filter, year }), getBudgetYears(db)]);
  return (
    <>
      <FilterNotice notice={notice} />
      <BudgetsList filter={filter} year={year} years={budgetYearOptions(years, thisYear, year)} overview={overview} />
    </>
  );
}
