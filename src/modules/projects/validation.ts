import { z } from 'zod';
import { hasControlChars, zId, zOptionalText, zText, zFilterText, zFilterId, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { ACQUISITION_ROUTES, type TStage } from '@/modules/parcels/stages';
import { zWanToYuan } from '@/modules/plans/amounts';
import { zOptionalLine } from '@/modules/plans/form-fields';

/**
 * Reserve projects: shared by the forms (client) and the mutations (server).
 * Client-safe: imports no database code (statuses mirror the reserve_projects checks).
 */

export const PROJECT_STATUSES = ['active', 'closed'] as const;
export type TProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<TProjectStatus, string> = { active: '实施中', closed: '已关闭' };

/** Parcels in these stages are finished; any other stage is still being worked on. */
export const FINISHED_STAGES: readonly string[] = ['已供应', '终止'] satisfies TStage[];

export const PROJECT_CODE_RULE = '项目编号为 2–32 位大写字母、数字或连字符（-）';
const PROJECT_CODE_PATTERN = /^[A-Z0-9-]{2,32}$/;

/** Typed in any case, kept in upper case. */
const zCode = z
  .string({ error: '请填写项目编号' })
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, '请填写项目编号')
      .max(32, '项目编号不能超过 32 个字符')
      .refine((s) => !hasControlChars(s), '项目编号不能包含控制字符')
      .regex(PROJECT_CODE_PATTERN, PROJECT_CODE_RULE),
  );

const zNationalCode = zOptionalLine('国家监测监管系统项目编码', 64).refine(
  (s) => s === null || /^[0-9A-Za-z-]{1,64}$/.test(s),
  '国家监测监管系统项目编码只能包含字母、数字和连字符',
);

const zPlanId = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s ?? '').trim() || null)
  .pipe(zId('储备计划').nullable());

const projectShape = {
  code: zCode,
  name: zText('项目名称', { max: 100 }),
  zone: zOptionalLine('储备片区', 64),
  planId: zPlanId,
  acquisitionRoute: z.enum(ACQUISITION_ROUTES, { error: `请选择收储方式（${ACQUISITION_ROUTES.join('、')}）` }),
  implDocNo: zOptionalLine('实施方案批准文号', 64),
  estimatedCost: zWanToYuan('估算成本', { optional: true }),
  expectedIncome: zWanToYuan('预计出让收入', { optional: true }),
  nationalCode: zNationalCode,
  note: zOptionalText('备注', 500),
};

export const ZCreateProject = z.object(projectShape);
export type TCreateProjectInput = z.input<typeof ZCreateProject>;

export const ZUpdateProject = z.object({ id: zId('项目'), ...projectShape });
export type TUpdateProjectInput = z.input<typeof ZUpdateProject>;

export const ZSetProjectStatus = z.object({
  id: zId('项目'),
  status: z.enum(PROJECT_STATUSES, { error: '项目状态无效' }),
});

/** The orders the project list offers (`created`: newest first, the default). */
export const PROJECT_SORTS = ['created', 'code', 'estimatedCost', 'expectedIncome'] as const;

/** List filters from the URL; anything malformed is ignored rather than failing the page. */
export const ZProjectFilter = z.object({
  q: zFilterText(),
  route: z.enum(ACQUISITION_ROUTES).optional().catch(undefined),
  plan: zFilterId,
  status: z.enum(PROJECT_STATUSES).optional().catch(undefined),
  sort: z.enum(PROJECT_SORTS).catch('created'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TProjectFilter = z.infer<typeof ZProjectFilter>;
