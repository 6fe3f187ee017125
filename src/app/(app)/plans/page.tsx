import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getCarryOver, listPlans } from '@/modules/plans/queries';
import { ZPlanFilter } from '@/modules/plans/validation';
import { toPlanRowView } from '@/modules/plans/view';
import { PlansList } from '@/modules/plans/components/plans-list';

export const metadata: Metadata = { title: '储备计划' };

export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('plan:view');
  const { filter, notice } = parseListFilter(ZPlanFilter, await searchParams);
  const db = await getDb();
  const { rows, total } = await listPlans(db, filter);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const canEdit = hasPermission(user, 'plan:edit');
  // Only someone who can create a plan sees the form that is prefilled with these.
  const years = canEdit ? [thisYear - 1, thisYear, thisYear + 1] : [];
  const carryOver = Object.fromEntries(await Promise.all(years.map(async (y) => [y, await getCarryOver(db, y)] as const)));
  return (
    <>
      <FilterNotice notice={notice} />
      <PlansList
        filter={filter}
        total={total}
        rows={rows.map(toPlanRowView)}
        canEdit={canEdit}
        thisYear={thisYear}
        carryOver={carryOver}
      />
    </>
  );
}
