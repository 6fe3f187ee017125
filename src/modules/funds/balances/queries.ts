import 'server-only';
import { and, asc, eq, gt, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { reserveProjects } from '@/modules/parcels/schema';
import { committedByProject } from '@/modules/contracts/queries';
import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { todayInShanghai } from '@/ui/format';
import {
  executionRate,
  INCOME_CATEGORIES,
  LEDGER_CATEGORIES,
  monthlySeries,
  OWN_INCOME_CATEGORIES,
  projectBalanceCheck,
  projectCashByYear,
  toAmount,
  TREASURY_INCOME,
  type LedgerFact,
  type ProjectBalanceCheck,
  type ProjectCashFlow,
  type ProjectCashYear,
} from '../rules';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundSources, ledgerEntries } from '../schema';
import type { TBalanceProjectStatus } from './validation';

/**
 * Balances, cash flow and the fund execution report (资金执行情况表). One definition everywhere:
 * only 'approved' ledger entries count (零星收入 never: it goes to the treasury), a year means entry_date within that calendar year, a
 * reversal is an approved entry with a negative amount (so it simply adds), budgets are the
 * 'current' budget version. Sums are numeric in SQL (exact, returned as strings) and decimal.js
 * in code; each figure family is one grouped query, never one query per row.
 */

type Q = Db | Tx;

/** Contract-backed spending categories: what compensation agreements and works contracts commit. */
export const COMMITTED_CATEGORIES = ['征收补偿', '前期开发'] as const;
/** Label for ledger entries without a fund source. */
export const NO_SOURCE = { code: '', name: '未指定来源' } as const;

/** 零星收入 goes to the treasury (F18, 收支两条线): recorded, but no balance counts it. */
const TREASURY = sql`${ledgerEntries.direction} = 'income' and ${ledgerEntries.category} = ${TREASURY_INCOME}`;
/** What every balance counts: approved entries that are reserve money. */
const APPROVED = and(eq(ledgerEntries.status, 'approved'), sql`not (${TREASURY})`)!;

function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function inYear(year: number): SQL {
  const { from, to } = yearRange(year);
  return and(gte(ledgerEntries.entryDate, from), lte(ledgerEntries.entryDate, to))!;
}

/** sum(...) of numeric, 0 when there are no rows; a decimal string. */
function sumOf(expr: SQL | typeof ledgerEntries.amount): SQL<string> {
  return sql<string>`coalesce(sum(${expr}), 0)`;
}

/** sum(case when <cond> then amount end): conditional sums without FILTER (openGauss). */
function sumWhen(cond: SQL): SQL<string> {
  return sql<string>`coalesce(sum(case when ${cond} then ${ledgerEntries.amount} end), 0)`;
}

const IS_INCOME = sql`${ledgerEntries.direction} = 'income'`;
const IS_EXPENSE = sql`${ledgerEntries.direction} = 'expense'`;

function amt(value: TDec | string | null | undefined): string {
  return toAmount(typeof value === 'object' && value !== null ? value : dec(value));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function addInto(map: Map<string, TDec>, key: string, value: string | TDec): void {
  map.set(key, (map.get(key) ?? new Dec(0)).plus(dec(value as string)));
}

function get(map: Map<string, TDec>, key: string): string {
  return amt(map.get(key));
}

// ---------------------------------------------------------------------------------------------
// Budgets (current versions)

/** Σ current budget version totals per project: 'life' or the annual budgets of `year`. */
async function budgetTotalsByProject(db: Q, kind: 'life' | 'annual', projectIds: string[] | null, year?: number): Promise<Map<string, TDec>> {
  const out = new Map<string, TDec>();
  if (projectIds && projectIds.length === 0) return out;
  const rows = await db
    .select({ projectId: budgetVersions.projectId, total: sql<string>`coalesce(sum(${budgetVersions.total}), 0)` })
    .from(budgetVersions)
    .where(
      and(
        eq(budgetVersions.kind, kind),
        eq(budgetVersions.status, 'current'),
        kind === 'annual' ? eq(budgetVersions.year, year ?? 0) : eq(budgetVersions.year, 0),
        projectIds ? inArray(budgetVersions.projectId, projectIds) : undefined,
      ),
    )
    .groupBy(budgetVersions.projectId);
  for (const r of rows) addInto(out, r.projectId, r.total);
  return out;
}

/** Σ current budget lines per (project, category): life, or annual of `year`. */
async function budgetLinesByProjectCategory(
  db: Q,
  kind: 'life' | 'annual',
  opts: { year?: number; projectId?: string },
): Promise<{ projectId: string; category: string; amount: string }[]> {
  const rows = await db
    .select({ projectId: budgetVersions.projectId, category: budgetLines.category, amount: sql<string>`coalesce(sum(${budgetLines.amount}), 0)` })
    .from(budgetLines)
    .innerJoin(budgetVersions, eq(budgetVersions.id, budgetLines.versionId))
    .where(
      and(
        eq(budgetVersions.kind, kind),
        eq(budgetVersions.status, 'current'),
        eq(budgetVersions.year, kind === 'annual' ? (opts.year ?? 0) : 0),
        opts.projectId ? eq(budgetVersions.projectId, opts.projectId) : undefined,
      ),
    )
    .groupBy(budgetVersions.projectId, budgetLines.category);
  return rows.map((r) => ({ projectId: r.projectId, category: r.category, amount: amt(r.amount) }));
}

/** An expense category as the report's columns know it (anything else is reported under 其他). */
function expenseColumn(category: string): string {
  return (LEDGER_CATEGORIES as readonly string[]).includes(category) ? category : '其他';
}

// ---------------------------------------------------------------------------------------------
// Per-project balances

export interface ProjectBalanceRow {
  projectId: string;
  code: string;
  name: string;
  status: TBalanceProjectStatus;
  expectedIncome: string;
  /** Current whole-life budget (budget_versions.total). */
  lifeBudget: string;
  /** Approved income (of the year when one is chosen). */
  received: string;
  /** Approved expense (of the year when one is chosen). */
  spent: string;
  /** Σ effective amounts (original + approved changes) of the project's 生效 contracts (contracts module). */
  committed: string;
  /** committed − all approved expense in 征收补偿 + 前期开发, not below 0. */
  outstanding: string;
  /** received − spent. */
  balance: string;
  /** spent ÷ life budget, percent with 2 decimals, null without a life budget. */
  executionRate: string | null;
  /** With a year: the current annual budget of that year and spent ÷ it. */
  annualBudget: string | null;
  annualRate: string | null;
}

export type ProjectBalanceTotals = Omit<ProjectBalanceRow, 'projectId' | 'code' | 'name' | 'status'>;

export interface ProjectBalanceQuery {
  q?: string;
  status?: TBalanceProjectStatus;
  year?: number;
  /** Only these projects (the project page's panel). */
  projectIds?: string[];
  /** Paging of the rows; the totals cover every matching project. Absent: all rows. */
  page?: number;
  size?: number;
}

export interface ProjectBalances {
  year: number | null;
  rows: ProjectBalanceRow[];
  /** Matching projects (all pages). */
  total: number;
  totals: ProjectBalanceTotals;
}

function finishBalance(
  base: { expectedIncome: string; lifeBudget: TDec; received: TDec; spent: TDec; committed: TDec; contractSpent: TDec; annualBudget: TDec | null },
): ProjectBalanceTotals {
  const outstanding = Dec.max(base.committed.minus(base.contractSpent), 0);
  return {
    expectedIncome: amt(base.expectedIncome),
    lifeBudget: amt(base.lifeBudget),
    received: amt(base.received),
    spent: amt(base.spent),
    committed: amt(base.committed),
    outstanding: amt(outstanding),
    balance: amt(base.received.minus(base.spent)),
    executionRate: executionRate(amt(base.spent), amt(base.lifeBudget)),
    annualBudget: base.annualBudget === null ? null : amt(base.annualBudget),
    annualRate: base.annualBudget === null ? null : executionRate(amt(base.spent), amt(base.annualBudget)),
  };
}

/**
 * Per-project balances with a totals row over every matching project. With a year, received
 * and spent (and so balance and rates) are that year's; committed and outstanding are always
 * over the project's life (contracts are not yearly).
 */
export async function getProjectBalances(db: Q, filter: ProjectBalanceQuery = {}): Promise<ProjectBalances> {
  const parts: (SQL | undefined)[] = [];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    parts.push(or(ilike(reserveProjects.code, pattern), ilike(reserveProjects.name, pattern)));
  }
  if (filter.status) parts.push(eq(reserveProjects.status, filter.status));
  if (filter.projectIds) parts.push(filter.projectIds.length ? inArray(reserveProjects.id, filter.projectIds) : sql`false`);
  const projects = await db
    .select({
      projectId: reserveProjects.id,
      code: reserveProjects.code,
      name: reserveProjects.name,
      status: reserveProjects.status,
      expectedIncome: reserveProjects.expectedIncome,
    })
    .from(reserveProjects)
    .where(parts.length ? and(...parts) : undefined)
    .orderBy(asc(reserveProjects.code), asc(reserveProjects.id));
  const ids = projects.map((p) => p.projectId);
  const year = filter.year ?? null;

  const period = year === null ? sql`true` : inYear(year);
  const contract = sql`${IS_EXPENSE} and ${ledgerEntries.category} in (${sql.join(
    COMMITTED_CATEGORIES.map((c) => sql`${c}`),
    sql`, `,
  )})`;
  const [life, annual, committed, ledger] = await Promise.all([
    budgetTotalsByProject(db, 'life', ids),
    year === null ? Promise.resolve(null) : budgetTotalsByProject(db, 'annual', ids, year),
    committedByProject(db, ids),
    ids.length
      ? db
          .select({
            projectId: ledgerEntries.projectId,
            received: sumWhen(sql`${IS_INCOME} and ${period}`),
            spent: sumWhen(sql`${IS_EXPENSE} and ${period}`),
            contractSpent: sumWhen(contract),
          })
          .from(ledgerEntries)
          .where(and(APPROVED, inArray(ledgerEntries.projectId, ids)))
          .groupBy(ledgerEntries.projectId)
      : Promise.resolve([]),
  ]);
  const byProject = new Map(ledger.map((r) => [r.projectId, r]));

  const zero = () => new Dec(0);
  const sums = { expectedIncome: zero(), lifeBudget: zero(), received: zero(), spent: zero(), committed: zero(), contractSpent: zero(), annualBudget: zero() };
  // Outstanding commitments are summed per project (each floored at 0), not recomputed from totals.
  let outstandingSum = zero();
  const all: ProjectBalanceRow[] = projects.map((p) => {
    const l = byProject.get(p.projectId);
    const base = {
      expectedIncome: p.expectedIncome,
      lifeBudget: life.get(p.projectId) ?? zero(),
      received: dec(l?.received),
      spent: dec(l?.spent),
      committed: committed.get(p.projectId) ?? zero(),
      contractSpent: dec(l?.contractSpent),
      annualBudget: annual ? (annual.get(p.projectId) ?? zero()) : null,
    };
    sums.expectedIncome = sums.expectedIncome.plus(dec(p.expectedIncome));
    sums.lifeBudget = sums.lifeBudget.plus(base.lifeBudget);
    sums.received = sums.received.plus(base.received);
    sums.spent = sums.spent.plus(base.spent);
    sums.committed = sums.committed.plus(base.committed);
    sums.contractSpent = sums.contractSpent.plus(base.contractSpent);
    if (base.annualBudget) sums.annualBudget = sums.annualBudget.plus(base.annualBudget);
    const figures = finishBalance(base);
    outstandingSum = outstandingSum.plus(dec(figures.outstanding));
    return { projectId: p.projectId, code: p.code, name: p.name, status: p.status, ...figures };
  });
  const totals = { ...finishBalance({ ...sums, expectedIncome: amt(sums.expectedIncome), annualBudget: annual ? sums.annualBudget : null }), outstanding: amt(outstandingSum) };

  const rows = filter.page && filter.size ? all.slice((filter.page - 1) * filter.size, filter.page * filter.size) : all;
  return { year, rows, total: all.length, totals };
}

// ---------------------------------------------------------------------------------------------
// Centre summary

export interface SourceTotals {
  /** fund_sources.code, '' for entries without a source. */
  code: string;
  name: string;
  income: string;
  expense: string;
  net: string;
}

export interface CategoryExpense {
  category: string;
  budget: string;
  spent: string;
  rate: string | null;
}

export interface CentreSummary {
  year: number | null;
  income: string;
  expense: string;
  /** income − expense of the period. */
  net: string;
  /** Cumulative approved income − expense up to the end of the year (or today, without a year). */
  closingBalance: string;
  /** Σ current annual budgets of the year, or Σ current life budgets without a year. */
  budget: string;
  executionRate: string | null;
  bySource: SourceTotals[];
  expenseByCategory: CategoryExpense[];
  /** Income by category, 零星收入 excluded (it is `treasuryIncome`). */
  incomeByCategory: { category: string; amount: string }[];
  /** Approved 零星收入 of the period: paid into the treasury, counted in none of the figures above. */
  treasuryIncome: string;
}

/** The whole centre: totals by direction, by fund source and by category (approved entries only). */
export async function getCentreSummary(db: Q, opts: { year?: number } = {}): Promise<CentreSummary> {
  const year = opts.year ?? null;
  const period = year === null ? undefined : inYear(year);
  const [sources, bySourceRows, byCategoryRows, closingRows, budgetLinesRows, budgetTotalRows, [treasury]] = await Promise.all([
    db.select({ code: fundSources.code, name: fundSources.name }).from(fundSources).orderBy(asc(fundSources.sortOrder), asc(fundSources.code)),
    db
      .select({ code: ledgerEntries.sourceCode, income: sumWhen(IS_INCOME), expense: sumWhen(IS_EXPENSE) })
      .from(ledgerEntries)
      .where(and(APPROVED, period))
      .groupBy(ledgerEntries.sourceCode),
    db
      .select({ direction: ledgerEntries.direction, category: ledgerEntries.category, amount: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(APPROVED, period))
      .groupBy(ledgerEntries.direction, ledgerEntries.category),
    db
      .select({ income: sumWhen(IS_INCOME), expense: sumWhen(IS_EXPENSE) })
      .from(ledgerEntries)
      .where(and(APPROVED, year === null ? undefined : lte(ledgerEntries.entryDate, yearRange(year).to))),
    budgetLinesByProjectCategory(db, year === null ? 'life' : 'annual', { year: year ?? undefined }),
    budgetTotalsByProject(db, year === null ? 'life' : 'annual', null, year ?? undefined),
    db
      .select({ amount: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.status, 'approved'), TREASURY, period)),
  ]);

  const income = new Map<string, TDec>();
  const expense = new Map<string, TDec>();
  for (const r of bySourceRows) {
    addInto(income, r.code ?? '', r.income);
    addInto(expense, r.code ?? '', r.expense);
  }
  const sourceList: { code: string; name: string }[] = [...sources];
  for (const code of new Set([...income.keys(), ...expense.keys()])) {
    if (!sourceList.some((s) => s.code === code)) sourceList.push(code === '' ? { ...NO_SOURCE } : { code, name: code });
  }
  const bySource = sourceList.map((s) => {
    const i = income.get(s.code) ?? new Dec(0);
    const e = expense.get(s.code) ?? new Dec(0);
    return { code: s.code, name: s.name, income: amt(i), expense: amt(e), net: amt(i.minus(e)) };
  });

  const spentBy = new Map<string, TDec>();
  const incomeBy = new Map<string, TDec>();
  for (const r of byCategoryRows) {
    if (r.direction === 'expense') addInto(spentBy, expenseColumn(r.category), r.amount);
    else addInto(incomeBy, r.category, r.amount);
  }
  const budgetBy = new Map<string, TDec>();
  for (const r of budgetLinesRows) addInto(budgetBy, expenseColumn(r.category), r.amount);
  const expenseByCategory = LEDGER_CATEGORIES.map((category) => {
    const spent = get(spentBy, category);
    const budget = get(budgetBy, category);
    return { category, budget, spent, rate: executionRate(spent, budget) };
  });
  const channels = INCOME_CATEGORIES.filter((c) => c !== TREASURY_INCOME);
  const incomeCategories: string[] = [...channels, ...[...incomeBy.keys()].filter((c) => !(channels as readonly string[]).includes(c)).sort()];
  const incomeByCategory = incomeCategories.map((category) => ({ category, amount: get(incomeBy, category) }));

  let totalIncome = new Dec(0);
  let totalExpense = new Dec(0);
  for (const v of income.values()) totalIncome = totalIncome.plus(v);
  for (const v of expense.values()) totalExpense = totalExpense.plus(v);
  let budget = new Dec(0);
  for (const v of budgetTotalRows.values()) budget = budget.plus(v);
  const closing = dec(closingRows[0]?.income).minus(dec(closingRows[0]?.expense));
  return {
    year,
    income: amt(totalIncome),
    expense: amt(totalExpense),
    net: amt(totalIncome.minus(totalExpense)),
    closingBalance: amt(closing),
    budget: amt(budget),
    executionRate: executionRate(amt(totalExpense), amt(budget)),
    bySource,
    expenseByCategory,
    incomeByCategory,
    treasuryIncome: amt(treasury?.amount),
  };
}

// ---------------------------------------------------------------------------------------------
// Monthly flow

export interface MonthFlow {
  /** 'YYYY-MM' */
  month: string;
  income: string;
  expense: string;
  net: string;
  /** Balance at the end of the month: opening + nets so far. */
  cumulative: string;
}

export interface MonthlyFlow {
  year: number;
  projectId: string | null;
  /** Approved income − expense before 1 January of the year. */
  opening: string;
  months: MonthFlow[];
  totals: { income: string; expense: string; net: string; closing: string };
}

/** The 12 months of a year for the centre or one project: income, expense, net, cumulative balance. */
export async function getMonthlyFlow(db: Q, opts: { year: number; projectId?: string | null }): Promise<MonthlyFlow> {
  const { year } = opts;
  const project = opts.projectId ? eq(ledgerEntries.projectId, opts.projectId) : undefined;
  const month = sql<number>`cast(extract(month from ${ledgerEntries.entryDate}) as integer)`;
  const [rows, [before]] = await Promise.all([
    db
      .select({ month, direction: ledgerEntries.direction, amount: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(APPROVED, project, inYear(year)))
      .groupBy(month, ledgerEntries.direction),
    db
      .select({ income: sumWhen(IS_INCOME), expense: sumWhen(IS_EXPENSE) })
      .from(ledgerEntries)
      .where(and(APPROVED, project, lt(ledgerEntries.entryDate, yearRange(year).from))),
  ]);
  // One fact per (month, direction): the rules' monthly series over the grouped sums.
  const facts: LedgerFact[] = rows.map((r) => ({
    direction: r.direction === 'income' ? 'income' : 'expense',
    amount: amt(r.amount),
    status: 'approved',
    entryDate: `${year}-${String(Number(r.month)).padStart(2, '0')}-01`,
  }));
  const opening = dec(before?.income).minus(dec(before?.expense));
  let cumulative = opening;
  let income = new Dec(0);
  let expense = new Dec(0);
  const months = monthlySeries(facts, year).map((m) => {
    cumulative = cumulative.plus(dec(m.net));
    income = income.plus(dec(m.income));
    expense = expense.plus(dec(m.expense));
    return { ...m, cumulative: amt(cumulative) };
  });
  return {
    year,
    projectId: opts.projectId ?? null,
    opening: amt(opening),
    months,
    totals: { income: amt(income), expense: amt(expense), net: amt(income.minus(expense)), closing: amt(cumulative) },
  };
}

// ---------------------------------------------------------------------------------------------
// Project cash (财预〔2019〕89号 收支平衡)

export interface ProjectCash {
  projectId: string;
  code: string;
  name: string;
  status: TBalanceProjectStatus;
  expectedIncome: string;
  lifeBudget: string;
  financing: {
    /** The 融资成本 line of the current whole-life budget. */
    budget: string;
    /** Σ approved 融资成本 expense. */
    booked: string;
    /** The project's share of bond interest due after today (bond schedule × allocation ÷ bond amount). */
    futureBondInterest: string;
    /** booked + futureBondInterest. */
    known: string;
  };
  yearly: ProjectCashYear[];
  check: ProjectBalanceCheck;
}

/** Each bond row's share for a project: amount × allocation ÷ bond amount, to the fen (as allocateSchedule rounds). */
function shareOf(amount: string, allocation: string, bondAmount: string): TDec {
  const bond = dec(bondAmount);
  return bond.lte(0) ? new Dec(0) : dec(amount).mul(dec(allocation)).div(bond).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** The project's share of the interest its bonds still have to pay after `today`. */
async function futureBondInterest(db: Q, projectId: string, today: string): Promise<TDec> {
  const rows = await db
    .select({ allocation: bondAllocations.amount, bondAmount: bonds.amount, interest: bondSchedule.interest })
    .from(bondAllocations)
    .innerJoin(bonds, eq(bonds.id, bondAllocations.bondId))
    .innerJoin(bondSchedule, eq(bondSchedule.bondId, bonds.id))
    .where(and(eq(bondAllocations.projectId, projectId), gt(bondSchedule.dueDate, today)));
  return rows.reduce((total, r) => total.plus(shareOf(r.interest, r.allocation, r.bondAmount)), new Dec(0));
}

/** The project's share of the bond principal repaid, by year of payment. */
async function principalRepaidByYear(db: Q, projectId: string): Promise<Map<number, TDec>> {
  const rows = await db
    .select({ paidOn: bondPayments.paidOn, principal: bondPayments.principalPaid, allocation: bondAllocations.amount, bondAmount: bonds.amount })
    .from(bondPayments)
    .innerJoin(bonds, eq(bonds.id, bondPayments.bondId))
    .innerJoin(bondAllocations, and(eq(bondAllocations.bondId, bonds.id), eq(bondAllocations.projectId, projectId)));
  const out = new Map<number, TDec>();
  for (const r of rows) {
    const year = Number(r.paidOn.slice(0, 4));
    out.set(year, (out.get(year) ?? new Dec(0)).plus(shareOf(r.principal, r.allocation, r.bondAmount)));
  }
  return out;
}

/**
 * A project's 收支平衡 (财预〔2019〕89号): its whole-life budget (融资成本 counted once) against its
 * expected income, and its own cash year by year — land-sale income arranged back to it and
 * bond proceeds, less spending and principal repaid; other fiscal money is shown, not counted.
 * Null for an unknown project.
 */
export async function getProjectCash(db: Q, projectId: string, today: string = todayInShanghai()): Promise<ProjectCash | null> {
  const [project] = await db
    .select({ code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status, expectedIncome: reserveProjects.expectedIncome })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, projectId));
  if (!project) return null;
  const yearExpr = sql<number>`cast(extract(year from ${ledgerEntries.entryDate}) as integer)`;
  const own = sql`${IS_INCOME} and ${ledgerEntries.category} in (${sql.join(
    OWN_INCOME_CATEGORIES.map((c) => sql`${c}`),
    sql`, `,
  )})`;
  const [life, lines, byYear, bondInterest, principal] = await Promise.all([
    budgetTotalsByProject(db, 'life', [projectId]),
    budgetLinesByProjectCategory(db, 'life', { projectId }),
    db
      .select({
        year: yearExpr,
        own: sumWhen(own),
        other: sumWhen(sql`${IS_INCOME} and not (${own})`),
        expense: sumWhen(IS_EXPENSE),
        financing: sumWhen(sql`${IS_EXPENSE} and ${ledgerEntries.category} = '融资成本'`),
      })
      .from(ledgerEntries)
      .where(and(APPROVED, eq(ledgerEntries.projectId, projectId)))
      .groupBy(yearExpr),
    futureBondInterest(db, projectId, today),
    principalRepaidByYear(db, projectId),
  ]);
  const ledger = new Map(byYear.map((r) => [Number(r.year), r]));
  const flows: ProjectCashFlow[] = [...new Set([...ledger.keys(), ...principal.keys()])].map((year) => {
    const r = ledger.get(year);
    return { year, ownIncome: amt(r?.own), otherIncome: amt(r?.other), expense: amt(r?.expense), principal: amt(principal.get(year)) };
  });
  const yearly = projectCashByYear(flows);
  const lifeBudget = amt(life.get(projectId));
  const budgetFinancing = lines.find((l) => l.category === '融资成本')?.amount ?? '0.00';
  const booked = byYear.reduce((sum, r) => sum.plus(dec(r.financing)), new Dec(0));
  const known = amt(booked.plus(bondInterest));
  return {
    projectId,
    code: project.code,
    name: project.name,
    status: project.status,
    expectedIncome: amt(project.expectedIncome),
    lifeBudget,
    financing: { budget: budgetFinancing, booked: amt(booked), futureBondInterest: amt(bondInterest), known },
    yearly,
    check: projectBalanceCheck({ expectedIncome: project.expectedIncome, lifeBudget, budgetFinancing, knownFinancing: known, yearly }),
  };
}

// ---------------------------------------------------------------------------------------------
// 资金执行情况表

export interface ExecutionReportRow {
  /** null for the centre total row. */
  projectId: string | null;
  code: string;
  name: string;
  status: TBalanceProjectStatus | null;
  /** Current annual budget of the year per expense category (LEDGER_CATEGORIES order). */
  budget: Record<string, string>;
  budgetTotal: string;
  /** Approved expense of the year per category. */
  executed: Record<string, string>;
  executedTotal: string;
  rate: Record<string, string | null>;
  rateTotal: string | null;
  /** Approved income of the year per fund source code ('' = no source). */
  income: Record<string, string>;
  incomeTotal: string;
}

export interface ExecutionReport {
  year: number;
  projectId: string | null;
  categories: readonly string[];
  sources: { code: string; name: string }[];
  rows: ExecutionReportRow[];
  /** The centre total row (the sum of the rows; with a project chosen, that project's figures). */
  total: ExecutionReportRow;
}

/**
 * 资金执行情况表 of a year: per project (every project with a current annual budget of the
 * year or approved entries in it, or only the chosen one) the annual budget by category, the
 * approved expense of the year by category, the execution rates, and the income received that
 * year by fund source; plus the total row.
 */
export async function getExecutionReport(db: Q, opts: { year: number; projectId?: string | null }): Promise<ExecutionReport> {
  const { year } = opts;
  const projectId = opts.projectId ?? null;
  const project = projectId ? eq(ledgerEntries.projectId, projectId) : undefined;
  const [sourceRows, budgetRows, expenseRows, incomeRows] = await Promise.all([
    db.select({ code: fundSources.code, name: fundSources.name }).from(fundSources).orderBy(asc(fundSources.sortOrder), asc(fundSources.code)),
    budgetLinesByProjectCategory(db, 'annual', { year, projectId: projectId ?? undefined }),
    db
      .select({ projectId: ledgerEntries.projectId, category: ledgerEntries.category, amount: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(APPROVED, IS_EXPENSE, inYear(year), project))
      .groupBy(ledgerEntries.projectId, ledgerEntries.category),
    db
      .select({ projectId: ledgerEntries.projectId, code: ledgerEntries.sourceCode, amount: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(APPROVED, IS_INCOME, inYear(year), project))
      .groupBy(ledgerEntries.projectId, ledgerEntries.sourceCode),
  ]);

  const sources: { code: string; name: string }[] = [...sourceRows];
  for (const r of incomeRows) {
    const code = r.code ?? '';
    if (!sources.some((s) => s.code === code)) sources.push(code === '' ? { ...NO_SOURCE } : { code, name: code });
  }

  const ids = new Set<string>(projectId ? [projectId] : []);
  for (const r of [...budgetRows, ...expenseRows, ...incomeRows]) ids.add(r.projectId);
  const projects = ids.size
    ? await db
        .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status })
        .from(reserveProjects)
        .where(inArray(reserveProjects.id, [...ids]))
        .orderBy(asc(reserveProjects.code), asc(reserveProjects.id))
    : [];

  const key = (p: string, k: string) => `${p}\u0000${k}`;
  const budget = new Map<string, TDec>();
  const executed = new Map<string, TDec>();
  const income = new Map<string, TDec>();
  for (const r of budgetRows) addInto(budget, key(r.projectId, expenseColumn(r.category)), r.amount);
  for (const r of expenseRows) addInto(executed, key(r.projectId, expenseColumn(r.category)), r.amount);
  for (const r of incomeRows) addInto(income, key(r.projectId, r.code ?? ''), r.amount);

  const makeRow = (
    head: Pick<ExecutionReportRow, 'projectId' | 'code' | 'name' | 'status'>,
    figure: (map: Map<string, TDec>, k: string) => TDec,
  ): ExecutionReportRow => {
    const row: ExecutionReportRow = { ...head, budget: {}, budgetTotal: '0.00', executed: {}, executedTotal: '0.00', rate: {}, rateTotal: null, income: {}, incomeTotal: '0.00' };
    let b = new Dec(0);
    let e = new Dec(0);
    let i = new Dec(0);
    for (const c of LEDGER_CATEGORIES) {
      const bc = figure(budget, c);
      const ec = figure(executed, c);
      row.budget[c] = amt(bc);
      row.executed[c] = amt(ec);
      row.rate[c] = executionRate(amt(ec), amt(bc));
      b = b.plus(bc);
      e = e.plus(ec);
    }
    for (const s of sources) {
      const v = figure(income, s.code);
      row.income[s.code] = amt(v);
      i = i.plus(v);
    }
    row.budgetTotal = amt(b);
    row.executedTotal = amt(e);
    row.rateTotal = executionRate(row.executedTotal, row.budgetTotal);
    row.incomeTotal = amt(i);
    return row;
  };

  const rows = projects.map((p) =>
    makeRow({ projectId: p.id, code: p.code, name: p.name, status: p.status }, (map, k) => map.get(key(p.id, k)) ?? new Dec(0)),
  );
  const total = makeRow({ projectId: null, code: '', name: projectId ? '合计' : '全中心合计', status: null }, (map, k) => {
    let s = new Dec(0);
    for (const p of projects) s = s.plus(map.get(key(p.id, k)) ?? new Dec(0));
    return s;
  });
  return { year, projectId, categories: LEDGER_CATEGORIES, sources, rows, total };
}

// ---------------------------------------------------------------------------------------------
// Small helpers for the pages

/** Years with approved entries or budgets, plus `current`, descending (for the year selectors). */
export async function getFundYears(db: Q, current: number): Promise<number[]> {
  const yearExpr = sql<number>`cast(extract(year from ${ledgerEntries.entryDate}) as integer)`;
  const [[range], budgetYears] = await Promise.all([
    db.select({ min: sql<number | null>`min(${yearExpr})`, max: sql<number | null>`max(${yearExpr})` }).from(ledgerEntries).where(APPROVED),
    db.selectDistinct({ year: budgetVersions.year }).from(budgetVersions).where(eq(budgetVersions.kind, 'annual')),
  ]);
  const years = new Set<number>([current]);
  if (range?.min !== null && range?.min !== undefined && range.max !== null && range.max !== undefined) {
    for (let y = Number(range.min); y <= Number(range.max); y++) years.add(y);
  }
  for (const b of budgetYears) years.add(Number(b.year));
  return [...years].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => b - a);
}

/** Projects for the report's project selector. */
export async function listProjectOptions(db: Q): Promise<{ id: string; code: string; name: string }[]> {
  return db
    .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name })
    .from(reserveProjects)
    .orderBy(asc(reserveProjects.code));
}

/** Approved spending of every project with an entry date in [from, to] (reversals included): the plans' 已支出. */
export async function getApprovedSpending(db: Q, range: { from: string; to: string }): Promise<string> {
  const [row] = await db
    .select({ spent: sumOf(ledgerEntries.amount) })
    .from(ledgerEntries)
    .where(and(APPROVED, eq(ledgerEntries.direction, 'expense'), gte(ledgerEntries.entryDate, range.from), lte(ledgerEntries.entryDate, range.to)));
  return amt(row?.spent);
}
