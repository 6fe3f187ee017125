import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { toAmount, wanPhrase } from './money';
import type { TEntryStatus } from './workflow';

/**
 * Balances and cash flow from ledger facts. Only approved entries count; a reversal is an
 * approved entry with a negative amount in the same direction, so it simply adds. Pure.
 */

export type LedgerFact = { direction: 'income' | 'expense'; amount: string; status: TEntryStatus; entryDate: string };

export interface YearCash {
  year: number;
  income: string;
  expense: string;
  net: string;
  /** Opening balance plus every net up to and including this year. */
  cumulative: string;
  negative: boolean;
}

export interface MonthCash {
  /** 'YYYY-MM' */
  month: string;
  income: string;
  expense: string;
  net: string;
}

type Sums = { income: TDec; expense: TDec };

function approved(entries: readonly LedgerFact[]): LedgerFact[] {
  return entries.filter((e) => e.status === 'approved');
}

function addTo(sums: Sums, e: LedgerFact): void {
  if (e.direction === 'income') sums.income = sums.income.plus(dec(e.amount));
  else sums.expense = sums.expense.plus(dec(e.amount));
}

/** Approved income, expense and their difference. */
export function approvedTotals(entries: readonly LedgerFact[]): { income: string; expense: string; balance: string } {
  const sums: Sums = { income: new Dec(0), expense: new Dec(0) };
  for (const e of approved(entries)) addTo(sums, e);
  return { income: toAmount(sums.income), expense: toAmount(sums.expense), balance: toAmount(sums.income.minus(sums.expense)) };
}

/**
 * Year-by-year approved cash, sorted by year, from the first to the last year with an entry
 * (years in between without entries are included with zero flows, so "every year" really is
 * every year). Empty when there is no approved entry.
 */
export function yearlyCash(entries: readonly LedgerFact[], opening = '0.00'): YearCash[] {
  const byYear = new Map<number, Sums>();
  for (const e of approved(entries)) {
    const year = Number(e.entryDate.slice(0, 4));
    let sums = byYear.get(year);
    if (!sums) byYear.set(year, (sums = { income: new Dec(0), expense: new Dec(0) }));
    addTo(sums, e);
  }
  if (byYear.size === 0) return [];
  const years = [...byYear.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  let cumulative = dec(opening);
  const rows: YearCash[] = [];
  for (let year = first; year <= last; year++) {
    const sums = byYear.get(year) ?? { income: new Dec(0), expense: new Dec(0) };
    const net = sums.income.minus(sums.expense);
    cumulative = cumulative.plus(net);
    rows.push({
      year,
      income: toAmount(sums.income),
      expense: toAmount(sums.expense),
      net: toAmount(net),
      cumulative: toAmount(cumulative),
      negative: cumulative.lt(0),
    });
  }
  return rows;
}

/**
 * N45 project balance: over its life a project's income covers its spending (expected income ≥
 * whole-life budget + financing cost), and its cumulative cash is never negative year by year.
 */
export function projectBalanceCheck(input: {
  expectedIncome: string;
  lifeBudget: string;
  financingCost: string;
  yearly: readonly { year: number; cumulative: string }[];
}): { lifeOk: boolean; cashOk: boolean; firstNegativeYear: number | null; messages: string[] } {
  const messages: string[] = [];
  const income = dec(input.expectedIncome);
  const spending = dec(input.lifeBudget).plus(dec(input.financingCost));
  const lifeOk = income.gte(spending);
  if (!lifeOk) {
    messages.push(
      `项目收支不平衡：预计土地出让收入 ${wanPhrase(toAmount(income))}低于全生命周期预算 ${wanPhrase(toAmount(dec(input.lifeBudget)))}与融资成本 ${wanPhrase(toAmount(dec(input.financingCost)))}之和，缺口 ${wanPhrase(toAmount(spending.minus(income)))}`,
    );
  }
  const sorted = [...input.yearly].sort((a, b) => a.year - b.year);
  const firstNegative = sorted.find((y) => dec(y.cumulative).lt(0)) ?? null;
  if (firstNegative) {
    messages.push(`${firstNegative.year} 年末累计资金余额为 ${wanPhrase(toAmount(dec(firstNegative.cumulative)))}，资金出现缺口（逐年累计余额不得为负）`);
  }
  return { lifeOk, cashOk: firstNegative === null, firstNegativeYear: firstNegative?.year ?? null, messages };
}

/** The 12 months of `year` (approved entries only), zero rows for months without entries. */
export function monthlySeries(entries: readonly LedgerFact[], year: number): MonthCash[] {
  const months: Sums[] = Array.from({ length: 12 }, () => ({ income: new Dec(0), expense: new Dec(0) }));
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const e of approved(entries)) {
    if (!e.entryDate.startsWith(prefix)) continue;
    const m = Number(e.entryDate.slice(5, 7));
    if (m >= 1 && m <= 12) addTo(months[m - 1], e);
  }
  return months.map((s, i) => ({
    month: `${prefix}${String(i + 1).padStart(2, '0')}`,
    income: toAmount(s.income),
    expense: toAmount(s.expense),
    net: toAmount(s.income.minus(s.expense)),
  }));
}
