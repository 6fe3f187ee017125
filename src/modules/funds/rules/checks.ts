import { dec, Dec } from '@/modules/plans/amounts';
import { toAmount, wanPhrase } from './money';

/**
 * Checks shown on the bond and project pages: B19's 70% ceiling on bond money, the coverage
 * ratio of expected income over principal + interest, allocations within a bond, and the
 * budget execution rate. Pure and client-safe; amounts are 元 strings.
 */

const F18 = '《土地储备资金财务管理办法》（财综〔2018〕8号）';
const B19 = '《土地储备项目预算管理办法（试行）》（财预〔2019〕89号）';
const N45 = '自然资发〔2025〕45号（土地储备专项债券）';
const LOCAL = '本中心资金管理规则';
const CONFIGURABLE = '（按本中心规定，可配置）';

/** Where each funds rule comes from (summaries, not verbatim quotations). */
export const RULE_SOURCES_FUNDS = {
  channels: `${F18}：土地储备资金来源包括财政预算安排、国有土地使用权出让收入安排、专项债券资金及其他资金，应分账核算，专款专用于土地储备工作`,
  budget: `${B19}：每个土地储备项目编制全生命周期预算和年度预算，预算调整应说明原因并履行审批程序`,
  bondShare: `${B19}：项目使用的专项债券资金不得超过项目预计土地出让收入的 70%${CONFIGURABLE}`,
  balance: `${B19}：土地储备项目应实现总体收支平衡和年度收支平衡——全生命周期预计土地出让收入不低于全生命周期预算支出（融资成本为预算科目之一，只计一次）；逐年累计，项目自身收入（安排的土地出让收入、专项债券资金）不低于支出和还本付息，其他财政资金垫付不计入（使用专项债券的项目，另见${N45}）`,
  coverage: `${LOCAL}：本息覆盖倍数 = 项目预计土地出让收入 ÷ 专项债券本息合计，低于预警值（默认 1.2）时提示风险${CONFIGURABLE}`,
  approval: `${LOCAL}：资金收支经办提交、科室负责人审核、财务审批，超过规定金额的须中心领导审批；审核人、审批人不得为提交人本人${CONFIGURABLE}`,
  reversal: `${LOCAL}：已审批的收支记录不得修改，差错通过冲销（红字）记录更正，只有已审批记录计入余额`,
} as const;

const HUNDRED = new Dec(100);

export interface BondShareResult {
  ok: boolean;
  /** The ceiling in 元: expected income × limit%, rounded down to the fen. */
  limit: string;
  allocated: string;
  /** Allocated ÷ expected income in percent (2 decimals, rounded up so a breach never shows as the limit), null when there is no expected income. */
  ratioPercent: string | null;
  message: string | null;
}

/**
 * B19: special bond money for a project ≤ limitPercent (70) of its expected land-sale income.
 * The limit is rounded down to the fen, which for fen amounts is the same as comparing with
 * the exact product.
 */
export function bondShareCheck(input: { expectedIncome: string; bondAllocated: string; limitPercent?: string }): BondShareResult {
  const income = dec(input.expectedIncome);
  const allocated = dec(input.bondAllocated);
  const percent = dec(input.limitPercent ?? '70');
  const limit = Dec.max(income, 0).mul(percent).div(HUNDRED).toDecimalPlaces(2, Dec.ROUND_DOWN);
  const ratioPercent = income.gt(0) ? allocated.div(income).mul(HUNDRED).toDecimalPlaces(2, Dec.ROUND_UP).toFixed(2) : null;
  const ok = allocated.lte(limit);
  let message: string | null = null;
  if (!ok) {
    message = income.gt(0)
      ? `专项债券资金 ${wanPhrase(toAmount(allocated))}超过项目预计土地出让收入 ${wanPhrase(toAmount(income))}的 ${percent.toFixed()}%（上限 ${wanPhrase(toAmount(limit))}），超出 ${wanPhrase(toAmount(allocated.minus(limit)))}`
      : `项目未填写预计土地出让收入（或为 0），不能安排专项债券资金 ${wanPhrase(toAmount(allocated))}`;
  }
  return { ok, limit: toAmount(limit), allocated: toAmount(allocated), ratioPercent, message };
}

/**
 * Coverage ratio = expected income ÷ (principal + interest), 2 decimals, truncated (so a ratio
 * shown as 1.20 always meets a 1.2 threshold). Null when principal + interest is 0 or less.
 */
export function coverageRatio(expectedIncome: string, principal: string, interest: string): string | null {
  const debt = dec(principal).plus(dec(interest));
  if (debt.lte(0)) return null;
  return dec(expectedIncome).div(debt).toDecimalPlaces(2, Dec.ROUND_DOWN).toFixed(2);
}

/** Coverage against the warning threshold (default 1.2): ok when income ≥ threshold × (principal + interest). */
export function coverageCheck(input: { expectedIncome: string; principal: string; interest: string; threshold?: string }): {
  ratio: string | null;
  ok: boolean;
  message: string | null;
} {
  const threshold = dec(input.threshold ?? '1.2');
  const debt = dec(input.principal).plus(dec(input.interest));
  const ratio = coverageRatio(input.expectedIncome, input.principal, input.interest);
  if (ratio === null) return { ratio, ok: true, message: null };
  const ok = dec(input.expectedIncome).gte(threshold.mul(debt));
  return {
    ratio,
    ok,
    message: ok
      ? null
      : `本息覆盖倍数 ${ratio} 低于预警值 ${threshold.toFixed()}：预计土地出让收入 ${wanPhrase(toAmount(dec(input.expectedIncome)))}，专项债券本息合计 ${wanPhrase(toAmount(debt))}`,
  };
}

/** Why allocating `requested` to a project would over-allocate the bond, or null. */
export function allocationProblem(input: { bondAmount: string; allocatedToOthers: string; requested: string }): string | null {
  const bond = dec(input.bondAmount);
  const others = dec(input.allocatedToOthers);
  const requested = dec(input.requested);
  const left = Dec.max(bond.minus(others), 0);
  if (requested.lte(left)) return null;
  return `分配金额 ${wanPhrase(toAmount(requested))}超过债券可分配余额：债券金额 ${wanPhrase(toAmount(bond))}，已分配给其他项目 ${wanPhrase(toAmount(others))}，尚可分配 ${wanPhrase(toAmount(left))}`;
}

/** 预算执行率 = spent ÷ budget in percent, 2 decimals half-up ("45.67"); null when the budget is 0 (or below). */
export function executionRate(spent: string, budget: string): string | null {
  const b = dec(budget);
  if (b.lte(0)) return null;
  const rate = dec(spent).div(b).mul(HUNDRED).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return rate.isZero() ? '0.00' : rate.toFixed(2);
}
