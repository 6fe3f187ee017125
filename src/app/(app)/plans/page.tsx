import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { listPlans } from '@/modules/plans/queries';
import { ZPlanFilter } from '@/modules/plans/validation';
import { toPlanRowView } from '@/modules/plans/view';
import { PlansClient } from '@/modules/plans/components/plans-client';

export const metadata: Metadata = { title: '储备计划' };

export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('plan:view');
  const filter = ZPlanFilter.parse(await searchParams);
  const { rows, total } = await listPlans(await getDb(), filter);
  return (
    <PlansClient
      filter={filter}
      total={total}
      rows={rows.map(toPlanRowView)}
      canEdit={hasPermission(user, 'plan:edit')}
      thisYear={Number(todayInShanghai().slice(0, 4))}
    />
  );
}
