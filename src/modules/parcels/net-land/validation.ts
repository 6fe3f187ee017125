import { z } from 'zod';
import { zId, zOptionalText, zText } from '@/platform/validation';
import { NET_LAND_WORK_TYPES } from '../rules';
import { zDate } from '../acquisition/fields';

/** 净地 records (forms and mutations). Client-safe. */

export const EXEMPTION_REASON_MAX = 500;

export const ZWorkExemption = z.object({
  parcelId: zId('地块'),
  workType: z.enum(NET_LAND_WORK_TYPES, { error: `请选择无须施工的工程（${NET_LAND_WORK_TYPES.join('、')}）` }),
  reason: zText('无须施工的原因', { max: EXEMPTION_REASON_MAX, multiline: true }),
});
export type TWorkExemption = z.input<typeof ZWorkExemption>;

export const ZTitleCancellation = z.object({
  parcelId: zId('地块'),
  certNo: zText('不动产权证号', { max: 64 }),
  cancelledOn: zDate('注销日期', { notFuture: true }),
  note: zOptionalText('备注', 200),
});
export type TTitleCancellation = z.input<typeof ZTitleCancellation>;

export const ZSupplyPlanListing = z
  .object({
    parcelId: zId('地块'),
    planYear: z.coerce
      .number({ error: '请填写供应计划年度' })
      .int('供应计划年度应为四位年份')
      .min(2000, '供应计划年度应为四位年份')
      .max(2100, '供应计划年度应为四位年份'),
    docNo: zText('供应计划文号', { max: 64 }),
    listedOn: zDate('纳入日期', { notFuture: true }),
  })
  .superRefine((v, ctx) => {
    // A year's plan is approved late in the year before at the earliest.
    const year = Number(v.listedOn.slice(0, 4));
    if (year > v.planYear || year < v.planYear - 1) {
      ctx.addIssue({ code: 'custom', path: ['listedOn'], message: `纳入 ${v.planYear} 年度供应计划的日期应在 ${v.planYear - 1} 年或 ${v.planYear} 年内` });
    }
  });
export type TSupplyPlanListing = z.input<typeof ZSupplyPlanListing>;

export const ZNetLandRef = z.object({ id: zId('记录') });
