import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { toAmount, wanPhrase } from './money';
import type { TEntryStatus } from './workflow';

/**
 * Balances and cash flow from ledger facts. Only approved entries count; a reversal is an
 * approved entry with a negative amount in the same direction, so it simply adds. Pure.
 */

export type LedgerFact = { direction: 'income' | 'expense'; amount: string; status: TEntryStatus; entryDate: string };

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

/** One year of a project's money, as 财预〔2019〕89号's yearly balance reads it. */
export interface ProjectCashFlow {
  year: number;
  /** Approved income that is the project's own: 土地出让收入安排 and 专项债券资金 (OWN_INCOME_CATEGORIES). */
  ownIncome: string;
  /** Approved income from other fiscal funds and the 国有土地收益基金: it bridges a gap, it does not close it. */
  otherIncome: string;
  /** Approved expense (融资成本, the interest paid, included). */
  expense: string;
  /** The project's share of bond principal repaid in the year. */
  principal: string;
}

export interface ProjectCashYear extends ProjectCashFlow {
  /** ownIncome − expense − principal. */
  net: string;
  /** Σ net up to and including this year. */
  cumulative: string;
  negative: boolean;
  /** Σ otherIncome up to and including this year: what other money has bridged so far. */
  bridged: string;
}

/**
 * The project's own cash year by year (财预〔2019〕89号 年度收支平衡): own income less spending and
 * debt service (interest is in the expense, principal repaid apart), cumulated. Sorted by year,
 * every year from the first to the last flow (years without flows give zero rows). Pure.
 */
export function projectCashByYear(flows: readonly ProjectCashFlow[]): ProjectCashYear[] {
  if (flows.length === 0) return [];
  const byYear = new Map<number, { own: TDec; other: TDec; expense: TDec; principal: TDec }>();
  for (const f of flows) {
    const cur = byYear.get(f.year) ?? { own: new Dec(0), other: new Dec(0), expense: new Dec(0), principal: new Dec(0) };
    byYear.set(f.year, { own: cur.own.plus(dec(f.ownIncome)), other: cur.other.plus(dec(f.otherIncome)), expense: cur.expense.plus(dec(f.expense)), principal: cur.principal.plus(dec(f.principal)) });
  }
  const years = [...byYear.keys()];
  const rows: ProjectCashYear[] = [];
  let cumulative = new Dec(0);
  let bridged = new Dec(0);
  for (let year = Math.min(...years); year <= Math.max(...years); year++) {
    const y = byYear.get(year) ?? { own: new Dec(0), other: new Dec(0), expense: new Dec(0), principal: new Dec(0) };
    const net = y.own.minus(y.expense).minus(y.principal);
    cumulative = cumulative.plus(net);
    bridged = bridged.plus(y.other);
    rows.push({
      year,
      ownIncome: toAmount(y.own),
      otherIncome: toAmount(y.other),
      expense: toAmount(y.expense),
      principal: toAmount(y.principal),
      net: toAmount(net),
      cumulative: toAmount(cumulative),
      negative: cumulative.lt(0),
      bridged: toAmount(bridged),
    });
  }
  return rows;
}

export interface ProjectBalanceCheck {
  lifeOk: boolean;
  cashOk: boolean;
  firstNegativeYear: number | null;
  /** The financing cost counted, once: the budget's 融资成本 line, or the known cost when that is larger. */
  financing: string;
  /** Whether the known financing cost (booked + bond interest to pay) exceeds the budget's line. */
  financingAboveBudget: boolean;
  /** Whole-life spending as counted: the budget with its 融资成本 line replaced by `financing`. */
  spending: string;
  messages: string[];
}

/**
 * 财预〔2019〕89号 收支平衡 of a project. Over its life: expected land-sale income ≥ the whole-life
 * budget, whose 融资成本 line already is the financing cost — counted once, and raised to the
 * known cost (融资成本 booked + bond interest still to pay) when the budget understates it. Year by
 * year: the project's own cumulative cash (`projectCashByYear`) never below zero.
 */
export function projectBalanceCheck(input: {
  expectedIncome: string;
  /** Current whole-life budget total, its 融资成本 line included ('0.00' without a budget). */
  lifeBudget: string;
  /** That budget's 融资成本 line. */
  budgetFinancing: string;
  /** 融资成本 booked (approved) plus the project's share of bond interest due after today. */
  knownFinancing: string;
  yearly: readonly { year: number; cumulative: string; bridged?: string }[];
}): ProjectBalanceCheck {
  const messages: string[] = [];
  const income = dec(input.expectedIncome);
  const budgetFinancing = dec(input.budgetFinancing);
  const known = dec(input.knownFinancing);
  const financingAboveBudget = known.gt(budgetFinancing);
  const financing = financingAboveBudget ? known : budgetFinancing;
  const spending = dec(input.lifeBudget).minus(budgetFinancing).plus(financing);
  const lifeOk = income.gte(spending);
  if (financingAboveBudget) {
    messages.push(
      `全生命周期预算中的融资成本 ${wanPhrase(toAmount(budgetFinancing))}低于已发生及专项债券待付利息 ${wanPhrase(toAmount(known))}，收支平衡按后者计算（融资成本只计一次），请调整预算`,
    );
  }
  if (!lifeOk) {
    const basis = financingAboveBudget ? `全生命周期预算 ${wanPhrase(toAmount(dec(input.lifeBudget)))}，融资成本按 ${wanPhrase(toAmount(known))}计` : `全生命周期预算，含融资成本 ${wanPhrase(toAmount(budgetFinancing))}`;
    messages.push(
      `项目总体收支不平衡：预计土地出让收入 ${wanPhrase(toAmount(income))}低于全生命周期支出 ${wanPhrase(toAmount(spending))}（${basis}），缺口 ${wanPhrase(toAmount(spending.minus(income)))}`,
    );
  }
  const sorted = [...input.yearly].sort((a, b) => a.year - b.year);
  const firstNegative = sorted.find((y) => dec(y.cumulative).lt(0)) ?? null;
  if (firstNegative) {
    const bridged = dec(firstNegative.bridged ?? '0');
    messages.push(
      `${firstNegative.year} 年末项目自身资金累计为 ${wanPhrase(toAmount(dec(firstNegative.cumulative)))}：安排的土地出让收入和专项债券资金不足以支付累计支出和还本付息，年度收支不平衡` +
        (bridged.gt(0) ? `（其他财政资金、国有土地收益基金至该年末已垫付 ${wanPhrase(toAmount(bridged))}，不计入项目自身收入）` : ''),
    );
  }
  return { lifeOk, cashOk: firstNegative === null, firstNegativeYear: firstNegative?.year ?? null, financing: toAmount(financing), financingAboveBudget, spending: toAmount(spending), messages };
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
