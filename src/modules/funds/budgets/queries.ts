import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte, sql, sum, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { dec, Dec } from '@/modules/plans/amounts';
import { reserveProjects } from '@/modules/parcels/schema';
import { budgetLines, budgetVersions, ledgerEntries } from '../schema';
import { executionRate, LEDGER_CATEGORIES, toAmount } from '../rules';
import { amountsFromLines, annualOverLife, budgetLineChanges, type AnnualOverLife, type BudgetLineChange } from './rules';
import type { BudgetAmounts, TBudgetKind, TBudgetListFilter, TBudgetStatus } from './validation';

/**
 * Budgets and 预算执行率. Spent = approved expense entries only (a reversal is an approved entry
 * with a negative amount, so it simply adds); sums are numeric in SQL, combined in code with
 * decimal.js — never floats. Every function takes `db` first so other parts can reuse it.
 */

export interface BudgetVersionRow {
  id: string;
  projectId: string;
  kind: TBudgetKind;
  year: number;
  version: number;
  status: TBudgetStatus;
  reason: string | null;
  approvalDocNo: string | null;
  approvedOn: string | null;
  total: string;
  amounts: BudgetAmounts;
  /** Differences from the previous version of the same budget (empty for version 1). */
  changes: BudgetLineChange[];
  createdBy: string | null;
  createdByPerson: PersonLabel | null;
  createdAt: Date;
  isDemo: boolean;
}

export interface ProjectBudgets {
  /** The current whole-life budget, or null when none was drawn up. */
  life: BudgetVersionRow | null;
  /** The current annual budget of each year, by year. */
  annual: BudgetVersionRow[];
  /** Every version of every budget of the project: life first, then years newest first; versions newest first. */
  history: BudgetVersionRow[];
  /** Categories whose annual budgets add up to more than the life budget (not blocking). */
  warnings: AnnualOverLife[];
}

export interface BudgetProject {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'closed';
  estimatedCost: string;
  expectedIncome: string;
  isDemo: boolean;
}

export async function getBudgetProject(db: Db | Tx, projectId: string): Promise<BudgetProject | null> {
  const [row] = await db
    .select({
      id: reserveProjects.id,
      code: reserveProjects.code,
      name: reserveProjects.name,
      status: reserveProjects.status,
      estimatedCost: reserveProjects.estimatedCost,
      expectedIncome: reserveProjects.expectedIncome,
      isDemo: reserveProjects.isDemo,
    })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, projectId));
  return row ?? null;
}

const versionColumns = {
  id: budgetVersions.id,
  projectId: budgetVersions.projectId,
  kind: budgetVersions.kind,
  year: budgetVersions.year,
  version: budgetVersions.version,
  status: budgetVersions.status,
  reason: budgetVersions.reason,
  approvalDocNo: budgetVersions.approvalDocNo,
  approvedOn: budgetVersions.approvedOn,
  total: budgetVersions.total,
  createdBy: budgetVersions.createdBy,
  createdAt: budgetVersions.createdAt,
  isDemo: budgetVersions.isDemo,
};

type VersionRecord = Omit<BudgetVersionRow, 'amounts' | 'changes' | 'createdByPerson'>;

/** Versions with their lines and who drew them up (two extra queries), each compared with the version before it. */
async function withLines(db: Db | Tx, versions: (Omit<VersionRecord, 'kind' | 'status'> & { kind: string; status: string })[]): Promise<BudgetVersionRow[]> {
  if (!versions.length) return [];
  const lines = await db
    .select({ versionId: budgetLines.versionId, category: budgetLines.category, amount: budgetLines.amount })
    .from(budgetLines)
    .where(
      inArray(
        budgetLines.versionId,
        versions.map((v) => v.id),
      ),
    );
  const people = await findPeople(
    db,
    versions.map((v) => v.createdBy),
  );
  const byVersion = new Map<string, { category: string; amount: string }[]>();
  for (const l of lines) {
    const list = byVersion.get(l.versionId) ?? [];
    list.push(l);
    byVersion.set(l.versionId, list);
  }
  const rows: BudgetVersionRow[] = versions.map((v) => ({
    ...v,
    kind: v.kind as TBudgetKind,
    status: v.status as TBudgetStatus,
    total: toAmount(dec(v.total)),
    createdByPerson: personLabel(people, v.createdBy),
    amounts: amountsFromLines(byVersion.get(v.id) ?? []),
    changes: [],
  }));
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.year}:${r.version}`, r]));
  for (const r of rows) {
    const previous = byKey.get(`${r.kind}:${r.year}:${r.version - 1}`);
    if (previous) r.changes = budgetLineChanges(previous.amounts, r.amounts);
  }
  return rows;
}

/** The current life and annual budgets of a project with their lines, the whole history, and the annual-over-life warnings. */
export async function getProjectBudgets(db: Db | Tx, projectId: string): Promise<ProjectBudgets> {
  const versions = await db
    .select(versionColumns)
    .from(budgetVersions)
    .where(eq(budgetVersions.projectId, projectId))
    .orderBy(asc(budgetVersions.year), desc(budgetVersions.version));
  const all = await withLines(db, versions);
  const life = all.find((v) => v.kind === 'life' && v.status === 'current') ?? null;
  const annual = all.filter((v) => v.kind === 'annual' && v.status === 'current').sort((a, b) => a.year - b.year);
  const history = [...all].sort((a, b) => (a.kind !== b.kind ? (a.kind === 'life' ? -1 : 1) : b.year - a.year || b.version - a.version));
  return { life, annual, history, warnings: annualOverLife(life?.amounts ?? null, annual) };
}

/** The current version of one budget (for the form: the version the user adjusts). */
export async function getCurrentBudget(db: Db | Tx, projectId: string, kind: TBudgetKind, year: number): Promise<BudgetVersionRow | null> {
  const versions = await db
    .select(versionColumns)
    .from(budgetVersions)
    .where(and(eq(budgetVersions.projectId, projectId), eq(budgetVersions.kind, kind), eq(budgetVersions.year, kind === 'life' ? 0 : year), eq(budgetVersions.status, 'current')));
  const [row] = await withLines(db, versions);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// 预算执行率

function yearRange(year: number): SQL {
  return and(gte(ledgerEntries.entryDate, `${year}-01-01`), lte(ledgerEntries.entryDate, `${year}-12-31`))!;
}

/** Approved expense: the only ledger rows that count as spent. */
const approvedExpense = and(eq(ledgerEntries.status, 'approved'), eq(ledgerEntries.direction, 'expense'))!;

const money = (v: string | null | undefined) => toAmount(dec(v));

async function spentByProject(db: Db | Tx, year: number | null): Promise<Map<string, string>> {
  const rows = await db
    .select({ projectId: ledgerEntries.projectId, spent: sum(ledgerEntries.amount) })
    .from(ledgerEntries)
    .where(year === null ? approvedExpense : and(approvedExpense, yearRange(year)))
    .groupBy(ledgerEntries.projectId);
  return new Map(rows.map((r) => [r.projectId, money(r.spent)]));
}

async function budgetByProject(db: Db | Tx, kind: TBudgetKind, year: number): Promise<Map<string, string>> {
  const rows = await db
    .select({ projectId: budgetVersions.projectId, total: budgetVersions.total })
    .from(budgetVersions)
    .where(and(eq(budgetVersions.kind, kind), eq(budgetVersions.year, kind === 'life' ? 0 : year), eq(budgetVersions.status, 'current')));
  return new Map(rows.map((r) => [r.projectId, money(r.total)]));
}

export interface ProjectExecution {
  projectId: string;
  projectCode: string;
  projectName: string;
  status: 'active' | 'closed';
  isDemo: boolean;
  hasLifeBudget: boolean;
  /** Current whole-life budget ('0.00' when none). */
  lifeBudget: string;
  /** All approved expense of the project. */
  lifeSpent: string;
  /** Percent with 2 decimals, null when there is no (or a zero) budget. */
  lifeRate: string | null;
  hasAnnualBudget: boolean;
  annualBudget: string;
  /** Approved expense dated in the year. */
  annualSpent: string;
  annualRate: string | null;
}

/** 预算执行率 of every project (life, and the given year), by project code. */
export async function getExecutionByProject(db: Db | Tx, { year }: { year: number }): Promise<ProjectExecution[]> {
  const [projects, life, annual, lifeSpent, annualSpent] = await Promise.all([
    db
      .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status, isDemo: reserveProjects.isDemo })
      .from(reserveProjects)
      .orderBy(asc(reserveProjects.code)),
    budgetByProject(db, 'life', 0),
    budgetByProject(db, 'annual', year),
    spentByProject(db, null),
    spentByProject(db, year),
  ]);
  return projects.map((p) => {
    const lifeBudget = life.get(p.id) ?? '0.00';
    const annualBudget = annual.get(p.id) ?? '0.00';
    const ls = lifeSpent.get(p.id) ?? '0.00';
    const as = annualSpent.get(p.id) ?? '0.00';
    return {
      projectId: p.id,
      projectCode: p.code,
      projectName: p.name,
      status: p.status,
      isDemo: p.isDemo,
      hasLifeBudget: life.has(p.id),
      lifeBudget,
      lifeSpent: ls,
      lifeRate: executionRate(ls, lifeBudget),
      hasAnnualBudget: annual.has(p.id),
      annualBudget,
      annualSpent: as,
      annualRate: executionRate(as, annualBudget),
    };
  });
}

export interface CategoryExecution {
  category: string;
  budget: string;
  spent: string;
  rate: string | null;
}

async function executionByCategory(db: Db | Tx, scope: { kind: TBudgetKind; year: number; projectId?: string }): Promise<CategoryExecution[]> {
  const versionWhere = and(
    eq(budgetVersions.kind, scope.kind),
    eq(budgetVersions.year, scope.kind === 'life' ? 0 : scope.year),
    eq(budgetVersions.status, 'current'),
    scope.projectId ? eq(budgetVersions.projectId, scope.projectId) : undefined,
  );
  const spentWhere = and(approvedExpense, scope.kind === 'annual' ? yearRange(scope.year) : undefined, scope.projectId ? eq(ledgerEntries.projectId, scope.projectId) : undefined);
  const [budgets, spent] = await Promise.all([
    db
      .select({ category: budgetLines.category, amount: sum(budgetLines.amount) })
      .from(budgetLines)
      .innerJoin(budgetVersions, eq(budgetVersions.id, budgetLines.versionId))
      .where(versionWhere)
      .groupBy(budgetLines.category),
    db.select({ category: ledgerEntries.category, amount: sum(ledgerEntries.amount) }).from(ledgerEntries).where(spentWhere).groupBy(ledgerEntries.category),
  ]);
  const budgetOf = new Map(budgets.map((r) => [r.category, money(r.amount)]));
  const spentOf = new Map(spent.map((r) => [r.category, money(r.amount)]));
  // The five categories in order; anything else spent (not expected) is listed after them, so totals still reconcile.
  const extra = [...spentOf.keys()].filter((c) => !(LEDGER_CATEGORIES as readonly string[]).includes(c)).sort();
  return [...LEDGER_CATEGORIES, ...extra].map((category) => {
    const budget = budgetOf.get(category) ?? '0.00';
    const s = spentOf.get(category) ?? '0.00';
    return { category, budget, spent: s, rate: executionRate(s, budget) };
  });
}

/** Annual budget vs approved expense dated in the year, per category, for one project or the whole centre. */
export async function getExecutionByCategory(db: Db | Tx, { year, projectId }: { year: number; projectId?: string }): Promise<CategoryExecution[]> {
  return executionByCategory(db, { kind: 'annual', year, projectId });
}

/** Whole-life budget vs all approved expense, per category, for one project (or the centre without projectId). */
export async function getLifeExecutionByCategory(db: Db | Tx, { projectId }: { projectId?: string }): Promise<CategoryExecution[]> {
  return executionByCategory(db, { kind: 'life', year: 0, projectId });
}

export interface CentreExecution {
  /** Σ current annual budgets of the year. */
  budget: string;
  /** Σ approved expense dated in the year (every project). */
  spent: string;
  rate: string | null;
  /** Σ current whole-life budgets, Σ all approved expense. */
  lifeBudget: string;
  lifeSpent: string;
  lifeRate: string | null;
}

/** The whole centre's 预算执行率 for a year (and over life). */
export async function getCentreExecution(db: Db | Tx, { year }: { year: number }): Promise<CentreExecution> {
  const totalOf = (kind: TBudgetKind) =>
    db
      .select({ total: sum(budgetVersions.total) })
      .from(budgetVersions)
      .where(and(eq(budgetVersions.kind, kind), eq(budgetVersions.year, kind === 'life' ? 0 : year), eq(budgetVersions.status, 'current')));
  const [[annual], [life], [spent], [lifeSpent]] = await Promise.all([
    totalOf('annual'),
    totalOf('life'),
    db.select({ total: sum(ledgerEntries.amount) }).from(ledgerEntries).where(and(approvedExpense, yearRange(year))),
    db.select({ total: sum(ledgerEntries.amount) }).from(ledgerEntries).where(approvedExpense),
  ]);
  const budget = money(annual?.total);
  const s = money(spent?.total);
  const lb = money(life?.total);
  const ls = money(lifeSpent?.total);
  return { budget, spent: s, rate: executionRate(s, budget), lifeBudget: lb, lifeSpent: ls, lifeRate: executionRate(ls, lb) };
}

export interface YearExecution {
  year: number;
  hasBudget: boolean;
  budget: string;
  spent: string;
  rate: string | null;
}

/** One project's current annual budget and approved expense for every year that has either. */
export async function getProjectExecutionByYear(db: Db | Tx, projectId: string): Promise<YearExecution[]> {
  const yearOf = sql<number>`cast(extract(year from ${ledgerEntries.entryDate}) as integer)`;
  const [budgets, spent] = await Promise.all([
    db
      .select({ year: budgetVersions.year, total: budgetVersions.total })
      .from(budgetVersions)
      .where(and(eq(budgetVersions.projectId, projectId), eq(budgetVersions.kind, 'annual'), eq(budgetVersions.status, 'current'))),
    db
      .select({ year: yearOf, total: sum(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(approvedExpense, eq(ledgerEntries.projectId, projectId)))
      .groupBy(yearOf),
  ]);
  const budgetOf = new Map(budgets.map((b) => [b.year, money(b.total)]));
  const spentOf = new Map(spent.map((s) => [Number(s.year), money(s.total)]));
  const years = [...new Set([...budgetOf.keys(), ...spentOf.keys()])].sort((a, b) => a - b);
  return years.map((year) => {
    const budget = budgetOf.get(year) ?? '0.00';
    const s = spentOf.get(year) ?? '0.00';
    return { year, hasBudget: budgetOf.has(year), budget, spent: s, rate: executionRate(s, budget) };
  });
}

/** Years that have an annual budget or an approved expense (for year selectors). */
export async function getBudgetYears(db: Db | Tx): Promise<number[]> {
  const yearOf = sql<number>`cast(extract(year from ${ledgerEntries.entryDate}) as integer)`;
  const [budgetYears, ledgerYears] = await Promise.all([
    db.selectDistinct({ year: budgetVersions.year }).from(budgetVersions).where(eq(budgetVersions.kind, 'annual')),
    db.selectDistinct({ year: yearOf }).from(ledgerEntries).where(approvedExpense),
  ]);
  return [...new Set([...budgetYears.map((r) => r.year), ...ledgerYears.map((r) => Number(r.year))])].sort((a, b) => a - b);
}

export interface BudgetOverview {
  rows: ProjectExecution[];
  /** Projects matching the filter. */
  total: number;
  /** Totals of the matching projects (all pages). */
  filtered: { lifeBudget: string; lifeSpent: string; lifeRate: string | null; annualBudget: string; annualSpent: string; annualRate: string | null };
  centre: CentreExecution;
}

/** The /funds/budgets list: projects filtered by code/name, one page of them, the filtered totals and the centre's. */
export async function getBudgetOverview(db: Db | Tx, f: TBudgetListFilter & { year: number }): Promise<BudgetOverview> {
  const [all, centre] = await Promise.all([getExecutionByProject(db, { year: f.year }), getCentreExecution(db, { year: f.year })]);
  const q = f.q?.toLowerCase();
  const matching = all.filter(
    (r) => (!q || r.projectCode.toLowerCase().includes(q) || r.projectName.toLowerCase().includes(q)) && (f.only !== 'budgeted' || r.hasLifeBudget || r.hasAnnualBudget),
  );
  const add = (pick: (r: ProjectExecution) => string) => toAmount(matching.reduce((acc, r) => acc.plus(dec(pick(r))), new Dec(0)));
  const lifeBudget = add((r) => r.lifeBudget);
  const lifeSpent = add((r) => r.lifeSpent);
  const annualBudget = add((r) => r.annualBudget);
  const annualSpent = add((r) => r.annualSpent);
  return {
    rows: matching.slice((f.page - 1) * f.size, f.page * f.size),
    total: matching.length,
    filtered: {
      lifeBudget,
      lifeSpent,
      lifeRate: executionRate(lifeSpent, lifeBudget),
      annualBudget,
      annualSpent,
      annualRate: executionRate(annualSpent, annualBudget),
    },
    centre,
  };
}
