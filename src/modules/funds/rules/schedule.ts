import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { daysBetween, isIsoDate } from '@/modules/parcels/rules/dates';
import { parseAmount, toAmount } from './money';

/**
 * Special bond repayment schedule (专项债券还本付息计划). Pure and client-safe.
 *
 * Payment dates: the anniversaries of the issue date up to maturity, or — with a first payment
 * date (a short first period) — that date, its anniversaries before maturity, then maturity.
 * Interest per period = outstanding at the start × annual rate × year fraction, rounded to the
 * fen (half-up). Year fraction (ICMA actual/actual): a full period between two anniversaries
 * is exactly 1, whatever the leap days; a stub period is actual days ÷ the days of the one-year
 * period ending on its due date (366 when that year contains a 29 February, else 365).
 */

export const REPAYMENT_TYPES = { bullet: '按年付息、到期一次还本', amortizing: '按年付息、分期等额还本' } as const;
export type TRepaymentType = keyof typeof REPAYMENT_TYPES;

export interface BondTerms {
  /** 元, > 0, at most 2 decimals. */
  amount: string;
  /** Annual rate in percent ("3.25" = 3.25%), 0 < r ≤ 20, at most 4 decimals. */
  annualRatePercent: string;
  /** Whole years, 1–30. */
  termYears: number;
  /** 'YYYY-MM-DD'. */
  issueDate: string;
  repaymentType: TRepaymentType;
  /** First interest date when the first period is short; after the issue date, at most one year later. */
  firstPaymentDate?: string | null;
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

export const MAX_TERM_YEARS = 30;
export const MAX_RATE_PERCENT = '20';

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `date` plus `years` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${pad(year, 4)}-${pad(m, 2)}-${pad(day, 2)}`;
}

/** Maturity = issue date + term (29 Feb → 28 Feb in a common year). */
export function maturityDate(issueDate: string, termYears: number): string {
  return addYears(issueDate, termYears);
}

/** Days of the one-year period ending on `dueDate`: 366 if it contains a 29 February, else 365. */
export function yearBasisDays(dueDate: string): 365 | 366 {
  const [y, m, d] = dueDate.split('-').map(Number);
  // The period (dueDate − 1 year, dueDate] holds 29 Feb of y if dueDate is on/after it,
  // otherwise 29 Feb of y − 1.
  const feb29Year = m > 2 || (m === 2 && d === 29) ? y : y - 1;
  return isLeapYear(feb29Year) ? 366 : 365;
}

const RATE_TEXT = /^\d+(\.\d+)?$/;

function termsProblem(terms: BondTerms): string | null {
  if (!RATE_TEXT.test(String(terms.annualRatePercent ?? '').trim())) return '年利率应为数字（百分比，如 3.25）';
  const rate = dec(String(terms.annualRatePercent).trim());
  if (rate.decimalPlaces() > 4) return '年利率最多四位小数';
  if (rate.lte(0) || rate.gt(MAX_RATE_PERCENT)) return `年利率应大于 0 且不超过 ${MAX_RATE_PERCENT}%`;
  if (!Number.isInteger(terms.termYears) || terms.termYears < 1 || terms.termYears > MAX_TERM_YEARS) {
    return `债券期限应为 1–${MAX_TERM_YEARS} 的整数年`;
  }
  if (!isIsoDate(terms.issueDate)) return '发行日期无效，应为 YYYY-MM-DD 格式的日期';
  if (!(terms.repaymentType in REPAYMENT_TYPES)) return '还本方式无效';
  const first = terms.firstPaymentDate;
  if (first !== null && first !== undefined && first !== '') {
    if (!isIsoDate(first)) return '首次付息日无效，应为 YYYY-MM-DD 格式的日期';
    if (first <= terms.issueDate) return '首次付息日应晚于发行日期';
    if (first > addYears(terms.issueDate, 1)) return '首次付息日不能晚于发行日期后一年';
  }
  return null;
}

interface Period {
  start: string;
  due: string;
  /** null for a full period (fraction exactly 1), else the actual/actual stub fraction parts. */
  stub: { days: number; basis: number } | null;
}

function periods(issueDate: string, termYears: number, firstPaymentDate: string | null): Period[] {
  const maturity = maturityDate(issueDate, termYears);
  // Anniversaries of each base date, by year index: a period between index k and k + 1 of the
  // same base is a full year.
  const issueAnniv = new Map<string, number>();
  for (let k = 0; k <= termYears; k++) issueAnniv.set(addYears(issueDate, k), k);

  const dues: string[] = [];
  const firstAnniv = new Map<string, number>();
  if (firstPaymentDate === null) {
    for (let k = 1; k <= termYears; k++) dues.push(addYears(issueDate, k));
  } else {
    for (let k = 0; ; k++) {
      const d = addYears(firstPaymentDate, k);
      if (d >= maturity) break;
      firstAnniv.set(d, k);
      dues.push(d);
    }
    dues.push(maturity);
  }

  const isFull = (a: string, b: string) => {
    const ia = issueAnniv.get(a);
    if (ia !== undefined && issueAnniv.get(b) === ia + 1) return true;
    const fa = firstAnniv.get(a);
    return fa !== undefined && firstAnniv.get(b) === fa + 1;
  };

  let start = issueDate;
  return dues.map((due) => {
    const p: Period = { start, due, stub: isFull(start, due) ? null : { days: daysBetween(start, due), basis: yearBasisDays(due) } };
    start = due;
    return p;
  });
}

/** Interest of one period on `outstanding`, rounded to the fen. */
function periodInterest(outstanding: TDec, ratePercent: TDec, p: Period): TDec {
  const yearly = outstanding.mul(ratePercent);
  const raw = p.stub === null ? yearly.div(100) : yearly.mul(p.stub.days).div(new Dec(100).mul(p.stub.basis));
  return raw.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/**
 * Equal principal instalments: amount ÷ n rounded half-up to the fen, the last taking the
 * remainder so the sum is exact. (For absurdly small amounts where n − 1 rounded-up instalments
 * would already exceed the amount, the instalment is rounded down instead, so none is negative.)
 */
function equalInstalments(amount: TDec, n: number): TDec[] {
  let part = amount.div(n).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  if (part.mul(n - 1).gt(amount)) part = amount.div(n).toDecimalPlaces(2, Dec.ROUND_DOWN);
  const parts = Array.from({ length: n }, () => part);
  parts[n - 1] = amount.minus(part.mul(n - 1));
  return parts;
}

/** The repayment schedule of a bond, or a Chinese message saying which term is invalid. */
export function generateSchedule(terms: BondTerms): { ok: true; rows: ScheduleRow[] } | { ok: false; message: string } {
  const amount = parseAmount(terms.amount, { label: '债券金额' });
  if (!amount.ok) return { ok: false, message: amount.message };
  const problem = termsProblem(terms);
  if (problem) return { ok: false, message: problem };

  const issue = terms.issueDate;
  let first = terms.firstPaymentDate || null;
  // A first payment exactly one year after issue is the ordinary schedule (this also keeps a
  // 29 February issue on its own anniversaries rather than those of 28 February).
  if (first !== null && first === addYears(issue, 1)) first = null;

  const ps = periods(issue, terms.termYears, first);
  const total = dec(amount.value);
  const rate = dec(String(terms.annualRatePercent).trim());
  const principals =
    terms.repaymentType === 'amortizing'
      ? equalInstalments(total, ps.length)
      : ps.map((_, i) => (i === ps.length - 1 ? total : new Dec(0)));

  let outstanding = total;
  const rows = ps.map((p, i): ScheduleRow => {
    const interest = periodInterest(outstanding, rate, p);
    outstanding = outstanding.minus(principals[i]);
    return {
      seq: i + 1,
      periodStart: p.start,
      dueDate: p.due,
      days: daysBetween(p.start, p.due),
      principal: toAmount(principals[i]),
      interest: toAmount(interest),
      outstandingAfter: toAmount(outstanding),
    };
  });
  return { ok: true, rows };
}

export function scheduleTotals(rows: readonly ScheduleRow[]): { principal: string; interest: string; total: string } {
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
