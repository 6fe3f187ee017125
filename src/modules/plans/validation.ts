import { z } from 'zod';
import { zId, zText, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { zAreaM2, zCount, zWanToYuan } from './amounts';
import { zOptionalDate, zOptionalLine } from './form-fields';

/**
 * Plans: the forms (client) and the mutations (server) share these schemas and messages.
 * Client-safe: imports no database code (the enums mirror the plans table's checks).
 */

export const PLAN_TYPES = ['annual', 'rolling'] as const;
export type TPlanType = (typeof PLAN_TYPES)[number];
export const PLAN_TYPE_LABELS: Record<TPlanType, string> = { annual: '年度计划', rolling: '三年滚动计划' };

export const PLAN_STATUSES = ['current', 'superseded'] as const;
export type TPlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<TPlanStatus, string> = { current: '现行', superseded: '历史版本' };

/** A rolling plan covers its start year and the two after it (R17 二(四); R25 keeps it). */
export const ROLLING_YEARS = 3;
export const MIN_PLAN_YEAR = 2000;
export const MAX_PLAN_YEAR = 2100;

export function planEndYear(type: TPlanType, startYear: number): number {
  return type === 'rolling' ? startYear + ROLLING_YEARS - 1 : startYear;
}

export function planYearsLabel(startYear: number, endYear: number): string {
  return startYear === endYear ? `${startYear} 年` : `${startYear}–${endYear} 年`;
}

export function defaultPlanTitle(type: TPlanType, startYear: number): string {
  return type === 'rolling'
    ? `${startYear}—${startYear + ROLLING_YEARS - 1}年土地储备三年滚动计划`
    : `${startYear}年度土地储备计划`;
}

const zYear = z
  .union([z.string(), z.number()], { error: '请填写起始年度' })
  .transform((v) => (typeof v === 'string' ? v.trim() : String(v)))
  .pipe(
    z
      .string()
      .min(1, '请填写起始年度')
      .regex(/^\d{4}$/, '起始年度须为四位数字年份')
      .transform(Number)
      .pipe(z.number().min(MIN_PLAN_YEAR, `起始年度不能早于 ${MIN_PLAN_YEAR} 年`).max(MAX_PLAN_YEAR, `起始年度不能晚于 ${MAX_PLAN_YEAR} 年`)),
  );

/** The targets of a plan (what an adjustment may change). Areas in m², fund need entered in 万元. */
const targetShape = {
  carryPlannedCount: zCount('上年结转拟收储宗数'),
  carryPlannedArea: zAreaM2('上年结转拟收储面积', { optional: true }),
  carryReservedCount: zCount('上年结转入库储备宗数'),
  carryReservedArea: zAreaM2('上年结转入库储备面积', { optional: true }),
  newPlannedCount: zCount('新增拟收储宗数'),
  newPlannedArea: zAreaM2('新增拟收储面积', { optional: true }),
  acquireCount: zCount('新增入库宗数'),
  acquireArea: zAreaM2('新增入库面积', { optional: true }),
  developCount: zCount('前期开发宗数'),
  developArea: zAreaM2('前期开发面积', { optional: true }),
  supplyCount: zCount('供应宗数'),
  supplyArea: zAreaM2('供应面积', { optional: true }),
  custodyCount: zCount('管护宗数'),
  custodyArea: zAreaM2('管护面积', { optional: true }),
  fundNeed: zWanToYuan('资金需求', { optional: true }),
};

export const ZCreatePlan = z.object({
  planType: z.enum(PLAN_TYPES, { error: '请选择计划类型' }),
  startYear: zYear,
  title: zText('计划名称', { max: 100 }),
  docNo: zOptionalLine('批准文号', 64),
  approvedOn: zOptionalDate('批准日期'),
  ...targetShape,
});
export type TCreatePlanInput = z.input<typeof ZCreatePlan>;
export type TCreatePlan = z.output<typeof ZCreatePlan>;

/** An adjustment: the new version's title and targets, with a reason (type and years stay). */
export const ZAdjustPlan = z.object({
  id: zId('计划'),
  title: zText('计划名称', { max: 100 }),
  reason: zText('调整原因', { max: 500, multiline: true }),
  docNo: zOptionalLine('调整批准文号', 64),
  approvedOn: zOptionalDate('调整批准日期'),
  /** Codes of the warnings the person acknowledged (a further adjustment in the same year). */
  acknowledged: z.array(z.string().max(100)).max(10).optional(),
  ...targetShape,
});
export type TAdjustPlanInput = z.input<typeof ZAdjustPlan>;
export type TAdjustPlan = z.output<typeof ZAdjustPlan>;

/** List filters from the URL; anything malformed is ignored rather than failing the page. */
/** The orders the plan list offers (`default`: newest years first, each plan's versions together). */
export const PLAN_SORTS = ['default', 'year', 'approvedOn'] as const;

export const ZPlanFilter = z.object({
  type: z.enum(PLAN_TYPES).optional().catch(undefined),
  year: z.coerce.number().int().min(MIN_PLAN_YEAR).max(MAX_PLAN_YEAR).optional().catch(undefined),
  /** Absent: current versions only; 'all': every version. */
  status: z.enum([...PLAN_STATUSES, 'all']).optional().catch(undefined),
  sort: z.enum(PLAN_SORTS).catch('default'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TPlanFilter = z.infer<typeof ZPlanFilter>;
