import { z } from 'zod';
import { hasControlChars, zId, zOptionalText, zText } from '@/platform/validation';
import { zOptionalDate, zOptionalLine } from '@/modules/plans/form-fields';
import { dec } from '@/modules/plans/amounts';
import { todayInShanghai } from '@/ui/format';
import { BOND_TENORS, MAX_RATE_PERCENT, parsePrincipalPercents, principalPercentsProblem, REPAYMENT_TYPES, zAmount, zOptionalAmount, type TRepaymentType } from '../rules';

/**
 * Special bond forms (专项债券), shared by the client dialogs and the server mutations.
 * Client-safe: no database code. Amounts are 元 strings normalised to 2 decimals.
 */

export const REPAYMENT_TYPE_CODES = Object.keys(REPAYMENT_TYPES) as TRepaymentType[];

/** N45 (自然资发〔2025〕45号) on which projects may hold special bond money. */
export const N45_SOURCE = '自然资发〔2025〕45号';
export const N45_PROJECT_RULE = '使用专项债券的项目须纳入储备计划并具有全国土地储备监测监管系统项目编码';

/** Land reserve special bonds are issued by the province on behalf of its cities. */
export const DEFAULT_ISSUER = '湖南省';

export const PAYMENTS_EXIST_MESSAGE = '已有还本付息记录，不能修改债券条款';

export const BOND_CODE_RULE = '债券代码 1–32 个字符，不含空格';
export const RATE_RULE = `年利率按百分比填写（如 3.25 表示 3.25%），最多四位小数，不超过 ${MAX_RATE_PERCENT}%`;

/** A required date 'YYYY-MM-DD' (1990–2100). */
export function zRequiredDate(label: string) {
  return zOptionalDate(label).transform((value, ctx): string => {
    if (value === null) {
      ctx.addIssue({ code: 'custom', message: `请填写${label}` });
      return z.NEVER;
    }
    return value;
  });
}

const zBondCode = z
  .string({ error: '请填写债券代码' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, '请填写债券代码')
      .max(32, '债券代码不能超过 32 个字符')
      .refine((s) => !hasControlChars(s), '债券代码不能包含控制字符')
      .refine((s) => !/\s/.test(s), BOND_CODE_RULE),
  );

/** Annual rate in percent: '3.25', '3.2500' or '3.25%' → '3.25' (at most 4 decimals, 0 < r ≤ 20). */
export const zAnnualRate = z.union([z.string(), z.number(), z.null()], { error: '请填写年利率' }).transform((value, ctx) => {
  const raw = String(value ?? '')
    .trim()
    .replace(/[%％]$/, '')
    .trim();
  const issue = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (raw === '') return issue('请填写年利率');
  if (!/^\d+(\.\d+)?$/.test(raw)) return issue('年利率应为数字（百分比，如 3.25）');
  if ((raw.split('.')[1] ?? '').replace(/0+$/, '').length > 4) return issue('年利率最多四位小数');
  const rate = dec(raw);
  if (rate.lte(0) || rate.gt(MAX_RATE_PERCENT)) return issue(`年利率应大于 0 且不超过 ${MAX_RATE_PERCENT}%`);
  return rate.toFixed();
});

export const TENOR_RULE = `债券期限应为 ${BOND_TENORS.join('、')} 年之一`;

export const zTermYears = z.union([z.string(), z.number(), z.null()], { error: '请选择债券期限' }).transform((value, ctx) => {
  const raw = String(value ?? '').trim();
  if (raw === '') {
    ctx.addIssue({ code: 'custom', message: '请选择债券期限' });
    return z.NEVER;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !(BOND_TENORS as readonly number[]).includes(n)) {
    ctx.addIssue({ code: 'custom', message: TENOR_RULE });
    return z.NEVER;
  }
  return n;
});

export const PRINCIPAL_PERCENTS_RULE = '按年填写每年末偿还本金占发行金额的百分比，以逗号分隔，个数与期限年数相同，合计 100';

/** The per-year principal percentages as typed ('0,0,20,…' or a list); blank gives null. */
const zPrincipalPercents = z
  .union([z.string(), z.array(z.string()), z.null()], { error: '分年还本比例无效' })
  .optional()
  .transform((v): string[] | null => {
    const list = Array.isArray(v) ? v.map((p) => p.trim()).filter(Boolean) : parsePrincipalPercents(v ?? '');
    return list.length ? list.map((p) => (/^\d+(\.\d+)?$/.test(p) ? dec(p).toFixed() : p)) : null;
  });

const bondShape = {
  code: zBondCode,
  name: zText('债券名称', { max: 100 }),
  issuer: z.preprocess((v) => v ?? DEFAULT_ISSUER, zText('发行主体', { max: 40 })),
  amount: zAmount('债券金额'),
  annualRate: zAnnualRate,
  termYears: zTermYears,
  issueDate: zRequiredDate('发行日期'),
  repaymentType: z.enum(REPAYMENT_TYPE_CODES as [TRepaymentType, ...TRepaymentType[]], { error: '请选择还本方式' }),
  principalPercents: zPrincipalPercents,
  docNo: zOptionalLine('发行文号', 64),
  note: zOptionalText('备注', 500),
};

type TBondFields = z.output<z.ZodObject<typeof bondShape>>;

/** Principal by instalments needs its percentages, one per year summing to 100; at maturity takes none. */
function checkPrincipal(v: TBondFields, ctx: z.RefinementCtx) {
  if (v.repaymentType === 'bullet') {
    if (v.principalPercents !== null) ctx.addIssue({ code: 'custom', path: ['principalPercents'], message: '到期一次还本的债券不填写分年还本比例' });
    return;
  }
  if (v.principalPercents === null) {
    ctx.addIssue({ code: 'custom', path: ['principalPercents'], message: '请填写分年还本比例' });
    return;
  }
  const problem = principalPercentsProblem(v.principalPercents, v.termYears);
  if (problem) ctx.addIssue({ code: 'custom', path: ['principalPercents'], message: problem });
}

export const ZCreateBond = z.object(bondShape).superRefine(checkPrincipal);
export type TCreateBondInput = z.input<typeof ZCreateBond>;

export const ZUpdateBond = z
  .object({ id: zId('债券'), version: z.number({ error: '缺少版本号' }).int().min(1), ...bondShape })
  .superRefine(checkPrincipal);
export type TUpdateBondInput = z.input<typeof ZUpdateBond>;

const allocationShape = {
  amount: zAmount('分配金额'),
  allocatedOn: zRequiredDate('分配日期'),
  note: zOptionalText('备注', 500),
};

export const ZAllocateToProject = z.object({ bondId: zId('债券'), projectId: zId('项目'), ...allocationShape });
export type TAllocateInput = z.input<typeof ZAllocateToProject>;

export const ZUpdateAllocation = z.object({ id: zId('债券分配'), ...allocationShape });
export type TUpdateAllocationInput = z.input<typeof ZUpdateAllocation>;

export const ZAllocationRef = z.object({ id: zId('债券分配') });

/** Blank counts as 0 (a payment of interest only, or of principal only). */
const zPaidPart = (label: string) => zOptionalAmount(label, { allowZero: true }).transform((v) => v ?? '0.00');

export const ZRecordPayment = z
  .object({
    scheduleId: zId('还本付息计划'),
    paidOn: zRequiredDate('付款日期').refine((s) => s <= todayInShanghai(), '付款日期不能晚于今天'),
    principalPaid: zPaidPart('支付本金'),
    interestPaid: zPaidPart('支付利息'),
    voucherNo: zOptionalLine('凭证号', 64),
    note: zOptionalText('备注', 500),
  })
  .superRefine((v, ctx) => {
    if (dec(v.principalPaid).isZero() && dec(v.interestPaid).isZero()) {
      ctx.addIssue({ code: 'custom', path: ['principalPaid'], message: '支付本金和支付利息至少一项应大于 0' });
    }
  });
export type TRecordPaymentInput = z.input<typeof ZRecordPayment>;

export const ZPaymentRef = z.object({ id: zId('还本付息记录') });
