import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { newId } from '@/platform/ids';
import { isUniqueViolation } from '@/platform/errors';
import { todayInShanghai } from '@/ui/format';
import { plans } from './schema';
import { adjustmentWarnings, diffPlanTargets, type PlanTargets } from './rules';
import { adjustmentDate } from './adjustments';
import { PLAN_SOURCES } from './sources';
import { PLAN_TYPE_LABELS, planEndYear, planYearsLabel, ZAdjustPlan, ZCreatePlan, type TPlanType } from './validation';

const PERMISSION = 'plan:edit';
const OBJECT_TYPE = '储备计划';
export const PLAN_ADJUSTED_BY_OTHERS = '计划已被他人调整，请刷新后重试';

/** The targets of a plan; a rolling plan carries nothing over (R17 二(五) asks it of the annual plan). */
function targetsOf(src: PlanTargets, planType?: TPlanType): PlanTargets {
  const annual = planType !== 'rolling';
  return {
    carryPlannedCount: annual ? src.carryPlannedCount : 0,
    carryPlannedArea: annual ? src.carryPlannedArea : '0',
    carryReservedCount: annual ? src.carryReservedCount : 0,
    carryReservedArea: annual ? src.carryReservedArea : '0',
    newPlannedCount: src.newPlannedCount,
    newPlannedArea: src.newPlannedArea,
    acquireCount: src.acquireCount,
    acquireArea: src.acquireArea,
    developCount: src.developCount,
    developArea: src.developArea,
    supplyCount: src.supplyCount,
    supplyArea: src.supplyArea,
    custodyCount: src.custodyCount,
    custodyArea: src.custodyArea,
    fundNeed: src.fundNeed,
  };
}

/** What the audit log keeps of a plan version. */
function snapshotOf(p: PlanTargets & { title: string; docNo: string | null; approvedOn: string | null; version: number; status: string }) {
  return { title: p.title, docNo: p.docNo, approvedOn: p.approvedOn, version: p.version, status: p.status, ...targetsOf(p) };
}

export const createPlan = defineMutation({
  name: '新建储备计划',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZCreatePlan,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    const endYear = planEndYear(input.planType, input.startYear);
    const typeLabel = PLAN_TYPE_LABELS[input.planType];
    // One current plan of a type per start year: a change to it is an adjustment, not a new plan.
    const [existing] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.planType, input.planType), eq(plans.startYear, input.startYear), eq(plans.status, 'current')));
    if (existing) fail(`${planYearsLabel(input.startYear, endYear)}的${typeLabel}已存在，如需变更请对其进行调整`, 'CONFLICT');

    const values = {
      groupId: newId(),
      version: 1,
      status: 'current' as const,
      planType: input.planType,
      startYear: input.startYear,
      endYear,
      title: input.title,
      docNo: input.docNo,
      approvedOn: input.approvedOn,
      ...targetsOf(input, input.planType),
      createdBy: actor.userId,
    };
    const [{ id }] = await tx.insert(plans).values(values).returning({ id: plans.id });
    await ctx.audit({
      action: '新建储备计划',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: { planType: typeLabel, years: planYearsLabel(input.startYear, endYear), ...snapshotOf(values) },
      message: `新建${typeLabel}「${input.title}」`,
    });
    return { id };
  },
});

export const adjustPlan = defineMutation({
  name: '调整储备计划',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZAdjustPlan,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    // Lock the version being adjusted: a second adjustment of it waits here, then finds it superseded.
    const [before] = await tx.select().from(plans).where(eq(plans.id, input.id)).for('update');
    if (!before) fail('计划不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    if (before.status !== 'current') fail(PLAN_ADJUSTED_BY_OTHERS, 'CONFLICT');

    const targets = targetsOf(input, before.planType);
    const changes = diffPlanTargets(targetsOf(before, before.planType), targets);
    const docNo = input.docNo ?? before.docNo;
    const approvedOn = input.approvedOn ?? (input.docNo ? null : before.approvedOn);
    if (!changes.length && input.title === before.title && docNo === before.docNo && approvedOn === before.approvedOn) {
      fail('调整内容与现行版本相同，没有需要保存的变更');
    }

    // R17: adjusted once a year, at mid-year. A further adjustment that year must be acknowledged.
    const earlier = await tx
      .select({ version: plans.version, approvedOn: plans.approvedOn, createdAt: plans.createdAt })
      .from(plans)
      .where(eq(plans.groupId, before.groupId))
      .orderBy(asc(plans.version));
    const warnings = adjustmentWarnings(
      before,
      earlier.map((r) => ({ version: r.version, date: adjustmentDate(r) })),
      input.approvedOn ?? todayInShanghai(),
      PLAN_SOURCES.adjustment,
    );
    const seen = new Set(input.acknowledged ?? []);
    const missing = warnings.filter((w) => !seen.has(w.code));
    if (missing.length) {
      fail(`请阅读以下提示并勾选「已知悉」后再保存：${missing.map((w) => w.message).join('；')}`, 'RULE_VIOLATION', { acknowledge: '请确认已知悉上述提示' });
    }

    await tx.update(plans).set({ status: 'superseded' }).where(eq(plans.id, before.id));
    const next = {
      groupId: before.groupId,
      version: before.version + 1,
      status: 'current' as const,
      planType: before.planType,
      startYear: before.startYear,
      endYear: before.endYear,
      title: input.title,
      docNo,
      approvedOn,
      adjustReason: input.reason,
      ...targets,
      createdBy: actor.userId,
      isDemo: before.isDemo,
    };
    let id: string;
    try {
      [{ id }] = await tx.insert(plans).values(next).returning({ id: plans.id });
    } catch (e) {
      // Version numbers are unique per group: someone else got there first.
      if (isUniqueViolation(e)) fail(PLAN_ADJUSTED_BY_OTHERS, 'CONFLICT');
      throw e;
    }

    await ctx.audit({
      action: '调整储备计划',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: snapshotOf(before),
      after: { ...snapshotOf(next), adjustReason: input.reason, ...(warnings.length ? { adjustWarnings: warnings.map((w) => w.message).join('；') } : {}) },
      message: `调整「${before.title}」：第 ${before.version} 版 → 第 ${next.version} 版（${changes.length} 项指标变化）`,
    });
    await ctx.audit({
      action: '计划版本转为历史',
      objectType: OBJECT_TYPE,
      objectId: before.id,
      before: { status: before.status },
      after: { status: 'superseded' },
      message: `「${before.title}」第 ${before.version} 版被第 ${next.version} 版替代`,
    });
    return { id, version: next.version };
  },
});
