import { dec, Dec } from '@/modules/plans/amounts';
import { toAmount, wanPhrase } from './money';

/**
 * Checks shown on the bond and project pages: the local cap on bond money (a setting, cited as the
 * centre's rule), the coverage of principal and interest by the project's expected income (62号,
 * on a gross or net basis), allocations within a bond, and the budget execution rate. Pure and
 * client-safe; amounts are 元 strings.
 */

const F18 = '《土地储备资金财务管理办法》（财综〔2018〕8号）';
const B19 = '《土地储备项目预算管理办法（试行）》（财预〔2019〕89号）';
const B17 = '《地方政府土地储备专项债券管理办法（试行）》（财预〔2017〕62号）';
const N45 = '自然资发〔2025〕45号（土地储备专项债券）';
const LOCAL = '本中心资金管理规则';
const CONFIGURABLE = '（按本中心规定，可配置）';

/**
 * Where each funds rule comes from (summaries, not verbatim quotations). The cap on bond money
 * has no national source found: its citation is the setting's own (本中心规定, 待核实 until
 * confirmed — getSettingSourceTexts), never a national text.
 */
export const RULE_SOURCES_FUNDS = {
  channels: `${F18}：土地储备资金来源于财政部门从已供应储备土地产生的土地出让收入中安排的资金、从国有土地收益基金中安排的资金、发行地方政府债券筹集的资金、经财政部门批准可用于土地储备的其他财政资金，应分账核算，专款专用于土地储备工作；临时利用等零星收入缴入国库，实行收支两条线`,
  budget: `${B19}：每个土地储备项目编制全生命周期预算和年度预算，预算调整应说明原因并履行审批程序`,
  coverageRequirement: `${B17}：土地储备项目预计土地出让收入应能够覆盖专项债券本息，项目土地出让收入优先用于偿还债券本息`,
  balance: `${B19}：土地储备项目应实现总体收支平衡和年度收支平衡——全生命周期预计土地出让收入不低于全生命周期预算支出（融资成本为预算科目之一，只计一次）；逐年累计，项目自身收入（安排的土地出让收入、专项债券资金）不低于支出和还本付息，其他财政资金垫付不计入（使用专项债券的项目，另见${N45}）`,
  coverage: `${LOCAL}：本息覆盖倍数 = 项目可用于偿债的收入（按系统参数为毛收入或净收入）÷ 专项债券本息合计，低于预警值（默认 1.2）时提示风险${CONFIGURABLE}`,
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
 * The centre's cap (a setting, 待核实 until confirmed; not a national rule): special bond money
 * for a project ≤ limitPercent of its expected land-sale income. The limit is rounded down to
 * the fen, which for fen amounts is the same as comparing with the exact product.
 */
export function bondShareCheck(input: { expectedIncome: string; bondAllocated: string; limitPercent: string }): BondShareResult {
  const income = dec(input.expectedIncome);
  const allocated = dec(input.bondAllocated);
  const percent = dec(input.limitPercent);
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
 * Coverage ratio = income ÷ (principal + interest), 2 decimals, truncated (so a ratio shown as
 * 1.20 always meets a 1.2 threshold). Null when principal + interest is 0 or less.
 */
export function coverageRatio(income: string, principal: string, interest: string): string | null {
  const debt = dec(principal).plus(dec(interest));
  if (debt.lte(0)) return null;
  return dec(income).div(debt).toDecimalPlaces(2, Dec.ROUND_DOWN).toFixed(2);
}

export type TCoverageBasis = 'net' | 'gross';
export const COVERAGE_BASIS_LABELS: Record<TCoverageBasis, string> = { net: '净收入', gross: '毛收入' };
/** The setting fund.coverageBasis: 0 gross, 1 net. */
export function coverageBasisOf(setting: number): TCoverageBasis {
  return setting === 0 ? 'gross' : 'net';
}

/**
 * The project's costs the bond does not pay, for the net basis: its whole-life budget without the
 * 融资成本 line (the debt service is the other side of the ratio) — or, with no budget, its
 * estimated cost — less the bond money it holds; not below 0.
 */
export function costsNotPaidByBond(input: { lifeBudget: string | null; budgetFinancing: string; estimatedCost: string; bondAllocated: string }): string {
  const costs = input.lifeBudget === null ? dec(input.estimatedCost) : dec(input.lifeBudget).minus(dec(input.budgetFinancing));
  return toAmount(Dec.max(costs.minus(dec(input.bondAllocated)), 0));
}

export interface CoverageInput {
  basis: TCoverageBasis;
  expectedIncome: string;
  /** Net basis: statutory 计提 as a percent of the expected income. */
  extractionPercent: string;
  /** Net basis: costsNotPaidByBond. */
  costsNotPaidByBond: string;
  principal: string;
  interest: string;
  /** Warning threshold (the setting fund.coverageWarning). */
  threshold: string;
}

export interface CoverageResult {
  basis: TCoverageBasis;
  /** The income on the chosen basis: expected income, or net of 计提 and costs (may be negative). */
  income: string;
  /** Net basis: the 计提 deducted (0 on the gross basis). */
  extraction: string;
  ratio: string | null;
  /** 62号: income ≥ principal + interest (true without debt). */
  covered: boolean;
  /** income ≥ threshold × (principal + interest) (true without debt). */
  ok: boolean;
  /** How the income was reached, for the ratio's text. */
  basisText: string;
  /** Why 62号 is not met, or null. */
  requirement: string | null;
  /** The warning below the threshold (when 62号 is met), or null. */
  message: string | null;
}

/**
 * Coverage of a project's bond principal and interest by its income (财预〔2017〕62号), on the
 * basis the setting names: gross (the expected land-sale income) or net (less the statutory
 * 计提 and the costs the bond does not pay). Below 1 breaks 62号; below the threshold warns.
 */
export function coverageCheck(input: CoverageInput): CoverageResult {
  const expected = dec(input.expectedIncome);
  const net = input.basis === 'net';
  const extraction = net ? expected.mul(dec(input.extractionPercent)).div(HUNDRED).toDecimalPlaces(2, Dec.ROUND_HALF_UP) : new Dec(0);
  const costs = net ? dec(input.costsNotPaidByBond) : new Dec(0);
  const income = expected.minus(extraction).minus(costs);
  const debt = dec(input.principal).plus(dec(input.interest));
  const threshold = dec(input.threshold);
  const basisText = net
    ? `按净收入：预计土地出让收入 ${wanPhrase(toAmount(expected))}，扣除法定计提 ${wanPhrase(toAmount(extraction))}（${dec(input.extractionPercent).toFixed()}%）和非债券资金承担的成本 ${wanPhrase(toAmount(costs))}后为 ${wanPhrase(toAmount(income))}`
    : `按毛收入：预计土地出让收入 ${wanPhrase(toAmount(expected))}`;
  const ratio = coverageRatio(toAmount(income), input.principal, input.interest);
  if (ratio === null) return { basis: input.basis, income: toAmount(income), extraction: toAmount(extraction), ratio, covered: true, ok: true, basisText, requirement: null, message: null };
  const covered = income.gte(debt);
  const ok = income.gte(threshold.mul(debt));
  const debtText = `专项债券本息合计 ${wanPhrase(toAmount(debt))}`;
  return {
    basis: input.basis,
    income: toAmount(income),
    extraction: toAmount(extraction),
    ratio,
    covered,
    ok,
    basisText,
    requirement: covered ? null : `项目收入不能覆盖专项债券本息：本息覆盖倍数 ${ratio}（${basisText}），${debtText}，尚缺 ${wanPhrase(toAmount(debt.minus(income)))}`,
    message: ok || !covered ? null : `本息覆盖倍数 ${ratio} 低于预警值 ${threshold.toFixed()}（${basisText}），${debtText}`,
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
