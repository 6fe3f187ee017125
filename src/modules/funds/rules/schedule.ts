import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { daysBetween, isIsoDate } from '@/modules/parcels/rules/dates';
import { parseAmount, toAmount } from './money';

/**
 * Special bond repayment schedule (专项债券还本付息计划), as local government bonds are issued.
 * Pure and client-safe.
 *
 * - Tenors from the issued list (BOND_TENORS); interest paid once a year, or every half year for
 *   the longer tenors (the coupon frequency is stored with the bond, from the setting in force
 *   when it was entered). Every period is a full coupon period from the issue date — no short
 *   first coupon — so interest per period = outstanding × annual rate ÷ coupons per year, rounded
 *   to the fen (half-up).
 * - Principal either at maturity (bullet) or on the bond's anniversaries by a percentage per year
 *   (amortizing: one percentage per year of the tenor, Σ 100, the last year above 0), each part
 *   rounded to the fen and the last taking the remainder so the parts add up to the amount.
 */

/** Where the issuing terms come from (the tenors and coupon frequency; the text is to be checked). */
export const BOND_ISSUE_SOURCE = '财政部地方政府债券发行管理有关规定（地方政府债券期限为 1、2、3、5、7、10、15、20、30 年；10 年期及以下按年付息，10 年期以上每半年付息；文号与原文待核实）';

/** The tenors local government bonds are issued with, in years. */
export const BOND_TENORS = [1, 2, 3, 5, 7, 10, 15, 20, 30] as const;

export const REPAYMENT_TYPES = { bullet: '到期一次还本', amortizing: '分年按比例还本' } as const;
export type TRepaymentType = keyof typeof REPAYMENT_TYPES;

export const COUPON_FREQUENCIES = { 1: '按年付息', 2: '每半年付息' } as const;
export type TCouponsPerYear = 1 | 2;

/** Coupons per year for a tenor: once a year up to `annualMaxYears` (the setting), twice above. */
export function couponsPerYearFor(termYears: number, annualMaxYears: number): TCouponsPerYear {
  return termYears > annualMaxYears ? 2 : 1;
}

/** '按年付息、到期一次还本' and the like. */
export function repaymentLabel(couponsPerYear: number, repaymentType: TRepaymentType): string {
  return `${COUPON_FREQUENCIES[couponsPerYear === 2 ? 2 : 1]}、${REPAYMENT_TYPES[repaymentType]}`;
}

export interface BondTerms {
  /** 元, > 0, at most 2 decimals. */
  amount: string;
  /** Annual rate in percent ("3.25" = 3.25%), 0 < r ≤ 20, at most 4 decimals. */
  annualRatePercent: string;
  /** One of BOND_TENORS. */
  termYears: number;
  /** 'YYYY-MM-DD', the date interest starts. */
  issueDate: string;
  couponsPerYear: TCouponsPerYear;
  repaymentType: TRepaymentType;
  /** amortizing: the principal repaid at the end of each year of the tenor, in percent. */
  principalPercents?: readonly string[] | null;
}

export interface ScheduleRow {
  /** 1-based. */
  seq: number;
  periodStart: string;
  dueDate: string;
  /** Actual days from periodStart to dueDate. */
  days: number;
  principal: string;
  interest: string;
  /** Principal still owed after this payment. */
  outstandingAfter: string;
}

export const MAX_RATE_PERCENT = '20';

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `date` plus `months` calendar months; a day past the month's end becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}`;
}

/** `date` plus `years` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Maturity = issue date + tenor (29 Feb → 28 Feb in a common year). */
export function maturityDate(issueDate: string, termYears: number): string {
  return addYears(issueDate, termYears);
}

const PERCENT_TEXT = /^\d{1,3}(\.\d{1,2})?$/;

/** The percentages typed in a form: '0,0,20,…' (commas, 、, spaces; a trailing % allowed) → ['0', '0', '20', …]. */
export function parsePrincipalPercents(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((p) => p.trim().replace(/[%％]$/, ''))
    .filter((p) => p !== '');
}

/** Why a per-year principal schedule is not acceptable for the tenor, or null. */
export function principalPercentsProblem(percents: readonly string[], termYears: number): string | null {
  if (percents.length !== termYears) return `分年还本比例应按年填写 ${termYears} 个（每年一个），现为 ${percents.length} 个`;
  const bad = percents.find((p) => !PERCENT_TEXT.test(p) || dec(p).gt(100));
  if (bad !== undefined) return `分年还本比例「${bad}」无效，应为 0–100 的数字，最多两位小数`;
  const total = percents.reduce((sum, p) => sum.plus(dec(p)), new Dec(0));
  if (!total.eq(100)) return `分年还本比例合计应为 100%，现为 ${total.toFixed()}%`;
  if (dec(percents[percents.length - 1]).lte(0)) return '最后一年的还本比例应大于 0（到期日还清本金）';
  return null;
}

const RATE_TEXT = /^\d+(\.\d+)?$/;

function termsProblem(terms: BondTerms): string | null {
  if (!RATE_TEXT.test(String(terms.annualRatePercent ?? '').trim())) return '年利率应为数字（百分比，如 3.25）';
  const rate = dec(String(terms.annualRatePercent).trim());
  if (rate.decimalPlaces() > 4) return '年利率最多四位小数';
  if (rate.lte(0) || rate.gt(MAX_RATE_PERCENT)) return `年利率应大于 0 且不超过 ${MAX_RATE_PERCENT}%`;
  if (!(BOND_TENORS as readonly number[]).includes(terms.termYears)) return `债券期限应为 ${BOND_TENORS.join('、')} 年之一`;
  if (!isIsoDate(terms.issueDate)) return '发行日期无效，应为 YYYY-MM-DD 格式的日期';
  if (terms.couponsPerYear !== 1 && terms.couponsPerYear !== 2) return '付息频率无效';
  if (!(terms.repaymentType in REPAYMENT_TYPES)) return '还本方式无效';
  if (terms.repaymentType === 'amortizing') return principalPercentsProblem(terms.principalPercents ?? [], terms.termYears);
  return null;
}

/**
 * The principal repaid at the end of each year: bullet all in the last year; amortizing by the
 * percentages, each rounded half-up to the fen and the last year taking the remainder.
 */
function yearlyPrincipal(amount: TDec, terms: BondTerms): TDec[] {
  if (terms.repaymentType === 'bullet') return Array.from({ length: terms.termYears }, (_, i) => (i === terms.termYears - 1 ? amount : new Dec(0)));
  const percents = terms.principalPercents ?? [];
  let repaid = new Dec(0);
  return percents.map((p, i) => {
    const part = i === percents.length - 1 ? amount.minus(repaid) : amount.mul(dec(p)).div(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    repaid = repaid.plus(part);
    return part;
  });
}

/** The repayment schedule of a bond, or a Chinese message saying which term is invalid. */
export function generateSchedule(terms: BondTerms): { ok: true; rows: ScheduleRow[] } | { ok: false; message: string } {
  const amount = parseAmount(terms.amount, { label: '债券金额' });
  if (!amount.ok) return { ok: false, message: amount.message };
  const problem = termsProblem(terms);
  if (problem) return { ok: false, message: problem };

  const total = dec(amount.value);
  const rate = dec(String(terms.annualRatePercent).trim());
  const perYear = terms.couponsPerYear;
  const principalByYear = yearlyPrincipal(total, terms);
  const months = 12 / perYear;
  let outstanding = total;
  const rows: ScheduleRow[] = [];
  for (let k = 1; k <= terms.termYears * perYear; k++) {
    const periodStart = addMonths(terms.issueDate, (k - 1) * months);
    const dueDate = addMonths(terms.issueDate, k * months);
    const interest = outstanding.mul(rate).div(100 * perYear).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    const principal = k % perYear === 0 ? principalByYear[k / perYear - 1] : new Dec(0);
    outstanding = outstanding.minus(principal);
    rows.push({
      seq: k,
      periodStart,
      dueDate,
      days: daysBetween(periodStart, dueDate),
      principal: toAmount(principal),
      interest: toAmount(interest),
      outstandingAfter: toAmount(outstanding),
    });
  }
  return { ok: true, rows };
}

export function scheduleTotals(rows: readonly { principal: string; interest: string }[]): { principal: string; interest: string; total: string } {
  let principal = new Dec(0);
  let interest = new Dec(0);
  for (const r of rows) {
    principal = principal.plus(dec(r.principal));
    interest = interest.plus(dec(r.interest));
  }
  return { principal: toAmount(principal), interest: toAmount(interest), total: toAmount(principal.plus(interest)) };
}

/**
 * A project's share of a bond's schedule: each row's principal and interest × allocation ÷
 * bondAmount, rounded to the fen; the last row's principal takes the remainder so the share's
 * principal sums to the allocation exactly. Interest is not adjusted.
 */
export function allocateSchedule(rows: readonly ScheduleRow[], bondAmount: string, allocation: string): ScheduleRow[] {
  const bond = dec(bondAmount);
  if (bond.lte(0)) throw new Error(`allocateSchedule: bond amount must be positive, got ${bondAmount}`);
  if (rows.length === 0) return [];
  const share = dec(allocation).div(bond);
  const alloc = dec(allocation);
  let paid = new Dec(0);
  return rows.map((r, i) => {
    const principal = i === rows.length - 1 ? alloc.minus(paid) : dec(r.principal).mul(share).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    paid = paid.plus(principal);
    return {
      ...r,
      principal: toAmount(principal),
      interest: toAmount(dec(r.interest).mul(share)),
      outstandingAfter: toAmount(alloc.minus(paid)),
    };
  });
}
