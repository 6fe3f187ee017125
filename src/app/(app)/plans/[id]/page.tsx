import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getAdjustmentWarnings, getCarryOver, getPlan, getPlanActuals, listPlanVersions } from '@/modules/plans/queries';
import { planDateRange } from '@/modules/plans/rules';
import { toPlanFacts, toPlanProgressView, toPlanRowView, toPlanTargetValues, toVersionViews } from '@/modules/plans/view';
import { PlanDetail } from '@/modules/plans/components/plan-detail';
import { describeArea } from '@/modules/plans/amounts';
import { Money } from '@/modules/parcels/rules';
import { listSupplyPlanParcels } from '@/modules/parcels/net-land/queries';
import { SupplyPlanParcels } from '@/modules/parcels/net-land/components/supply-plan-parcels';

export const metadata: Metadata = { title: '计划详情' };

export default async function PlanDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('plan:view');
  const { id } = await params;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) notFound();
  const db = await getDb();
  const plan = await getPlan(db, id);
  if (!plan) notFound();
  const today = todayInShanghai();
  const [actuals, versions, carryOver, adjustWarnings, listed] = await Promise.all([
    getPlanActuals(db, plan),
    listPlanVersions(db, plan.groupId),
    plan.planType === 'annual' ? getCarryOver(db, plan.startYear) : null,
    getAdjustmentWarnings(db, plan, today),
    // An annual plan also lists the parcels put into that year's supply plan (parcels/net-land).
    plan.planType === 'annual' ? listSupplyPlanParcels(db, plan.startYear) : null,
  ]);
  const detail = (
    <PlanDetail
      plan={toPlanRowView(plan)}
      adjustReason={plan.adjustReason}
      targets={toPlanTargetValues(plan)}
      facts={toPlanFacts(plan, carryOver)}
      progress={toPlanProgressView(plan, actuals, today)}
      range={planDateRange(plan)}
      versions={toVersionViews(versions)}
      canEdit={hasPermission(user, 'plan:edit')}
      carryOver={carryOver}
      adjustWarnings={adjustWarnings}
    />
  );
  if (!listed) return detail;
  const area = listed.reduce((sum, r) => sum.plus(r.areaM2), new Money(0)).toFixed(2);
  return (
    <div className="lr-stack">
      {detail}
      <SupplyPlanParcels year={plan.startYear} rows={listed} areaM2={area} areaText={describeArea(area)} />
    </div>
  );
}
