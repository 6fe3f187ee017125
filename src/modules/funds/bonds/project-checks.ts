import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { getSettingConfirmations, getSettings } from '@/platform/settings';
import { settingSourceStatus, settingSourceText } from '@/platform/settings/catalog';
import { parcels, reserveProjects, supplies } from '@/modules/parcels/schema';
import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions } from '../schema';
import {
  allocateSchedule,
  bondShareCheck,
  costsNotPaidByBond,
  coverageBasisOf,
  coverageCheck,
  coverPrincipalWithSupply,
  toAmount,
  unsuppliedBeforePrincipal,
  type BondShareResult,
  type CoverageResult,
  type PrincipalInstalment,
  type ScheduleRow,
  type SupplyCover,
  type TCoverageBasis,
  type UnsuppliedParcel,
} from '../rules';

/**
 * What the special bond checks of a project need, read once: the thresholds and citations from
 * the settings, each project's share of its bonds' schedules, and the cost figures of the net
 * coverage basis. Shared by the bond page, the project's bond panel and the allocation mutations.
 */

type Q = Db | Tx;

/** The columns of a stored schedule row as the schedule rules shape it (ScheduleRow). */
export const SCHEDULE_ROW_COLUMNS = {
  seq: bondSchedule.seq,
  periodStart: bondSchedule.periodStart,
  dueDate: bondSchedule.dueDate,
  days: bondSchedule.days,
  principal: bondSchedule.principal,
  interest: bondSchedule.interest,
  outstandingAfter: bondSchedule.outstandingAfter,
};

export interface BondCheckSettings {
  /** The centre's cap on bond money, % of expected income (fund.bondShareLimitPercent). */
  limitPercent: string;
  /** Its citation as rules cite a setting: 本中心规定…（待核实）until confirmed. */
  shareSource: string;
  /** The short form shown beside the value: 本中心规定（待核实）/（已核实）. */
  shareRule: string;
  coverageThreshold: string;
  coverageBasis: TCoverageBasis;
  extractionPercent: string;
  /** Warn of unsupplied parcels this many months before a principal date (fund.bondUnsuppliedWarnMonths). */
  unsuppliedWarnMonths: number;
  /** Interest once a year up to this tenor, every half year above (fund.bondAnnualCouponMaxYears). */
  annualCouponMaxYears: number;
}

/** The thresholds and citations of the checks, from the settings in force. */
export async function bondCheckSettings(db: Q): Promise<BondCheckSettings> {
  const [s, confirmations] = await Promise.all([getSettings(db), getSettingConfirmations(db)]);
  const key = 'fund.bondShareLimitPercent';
  const confirmation = confirmations.get(key) ?? null;
  return {
    limitPercent: String(s[key]),
    shareSource: settingSourceText(key, s[key], confirmation),
    shareRule: `本中心规定（${settingSourceStatus(key, s[key], confirmation)}）`,
    coverageThreshold: String(s['fund.coverageWarning']),
    coverageBasis: coverageBasisOf(s['fund.coverageBasis']),
    extractionPercent: String(s['fund.statutoryExtractionPercent']),
    unsuppliedWarnMonths: s['fund.bondUnsuppliedWarnMonths'],
    annualCouponMaxYears: s['fund.bondAnnualCouponMaxYears'],
  };
}

export interface ProjectDebt {
  allocated: string;
  principal: string;
  interest: string;
}

const NO_DEBT: ProjectDebt = { allocated: '0.00', principal: '0.00', interest: '0.00' };

/** An allocation as the debt figures take it. */
export interface AllocationRef {
  projectId: string;
  bondId: string;
  amount: string;
  bondAmount: string;
}

/** The stored allocations of the given projects. */
export async function allocationsOf(db: Q, projectIds: string[]): Promise<AllocationRef[]> {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: bondAllocations.projectId, bondId: bondAllocations.bondId, amount: bondAllocations.amount, bondAmount: bonds.amount })
    .from(bondAllocations)
    .innerJoin(bonds, eq(bonds.id, bondAllocations.bondId))
    .where(inArray(bondAllocations.projectId, projectIds));
}

/** The stored schedules of the given bonds, by bond, in order. */
export async function schedulesOf(db: Q, bondIds: string[]): Promise<Map<string, ScheduleRow[]>> {
  const out = new Map<string, ScheduleRow[]>();
  if (bondIds.length === 0) return out;
  const rows = await db
    .select({ bondId: bondSchedule.bondId, ...SCHEDULE_ROW_COLUMNS })
    .from(bondSchedule)
    .where(inArray(bondSchedule.bondId, bondIds))
    .orderBy(asc(bondSchedule.bondId), asc(bondSchedule.seq));
  for (const { bondId, ...r } of rows) out.set(bondId, [...(out.get(bondId) ?? []), r]);
  return out;
}

/**
 * Each project's bond money and its share of principal and interest over the given allocations
 * (`allocateSchedule` of every allocation, summed). Projects without allocations get zeros.
 */
export async function debtsOf(db: Q, allocs: readonly AllocationRef[], projectIds: readonly string[]): Promise<Map<string, ProjectDebt>> {
  const schedules = await schedulesOf(db, [...new Set(allocs.map((a) => a.bondId))]);
  const acc = new Map<string, { allocated: TDec; principal: TDec; interest: TDec }>();
  for (const a of allocs) {
    const cur = acc.get(a.projectId) ?? { allocated: new Dec(0), principal: new Dec(0), interest: new Dec(0) };
    cur.allocated = cur.allocated.plus(dec(a.amount));
    for (const r of allocateSchedule(schedules.get(a.bondId) ?? [], a.bondAmount, a.amount)) {
      cur.principal = cur.principal.plus(dec(r.principal));
      cur.interest = cur.interest.plus(dec(r.interest));
    }
    acc.set(a.projectId, cur);
  }
  const out = new Map<string, ProjectDebt>();
  for (const id of projectIds) {
    const cur = acc.get(id);
    out.set(id, cur ? { allocated: toAmount(cur.allocated), principal: toAmount(cur.principal), interest: toAmount(cur.interest) } : NO_DEBT);
  }
  return out;
}

export interface ProjectCostBasis {
  expectedIncome: string;
  estimatedCost: string;
  /** The current whole-life budget total, null without one. */
  lifeBudget: string | null;
  /** Its 融资成本 line. */
  budgetFinancing: string;
}

/** Expected income, estimated cost and current whole-life budget (with its 融资成本 line) of projects. */
export async function projectCostBases(db: Q, projectIds: string[]): Promise<Map<string, ProjectCostBasis>> {
  const out = new Map<string, ProjectCostBasis>();
  if (projectIds.length === 0) return out;
  const [projects, versions] = await Promise.all([
    db
      .select({ id: reserveProjects.id, expectedIncome: reserveProjects.expectedIncome, estimatedCost: reserveProjects.estimatedCost })
      .from(reserveProjects)
      .where(inArray(reserveProjects.id, projectIds)),
    db
      .select({ projectId: budgetVersions.projectId, total: budgetVersions.total, financing: budgetLines.amount })
      .from(budgetVersions)
      .leftJoin(budgetLines, and(eq(budgetLines.versionId, budgetVersions.id), eq(budgetLines.category, '融资成本')))
      .where(and(inArray(budgetVersions.projectId, projectIds), eq(budgetVersions.kind, 'life'), eq(budgetVersions.status, 'current'))),
  ]);
  const life = new Map(versions.map((v) => [v.projectId, v]));
  for (const p of projects) {
    const v = life.get(p.id);
    out.set(p.id, {
      expectedIncome: toAmount(dec(p.expectedIncome)),
      estimatedCost: toAmount(dec(p.estimatedCost)),
      lifeBudget: v ? toAmount(dec(v.total)) : null,
      budgetFinancing: toAmount(dec(v?.financing ?? '0')),
    });
  }
  return out;
}

export interface ProjectBondChecks {
  debt: ProjectDebt;
  /** The centre's cap (a setting, 本中心规定). */
  share: BondShareResult;
  /** 财预〔2017〕62号 coverage on the basis the settings name, with the warning threshold. */
  coverage: CoverageResult;
}

/** The bond checks of one project from its figures (pure composition of the rules). */
export function projectBondChecks(settings: BondCheckSettings, basis: ProjectCostBasis, debt: ProjectDebt): ProjectBondChecks {
  return {
    debt,
    share: bondShareCheck({ expectedIncome: basis.expectedIncome, bondAllocated: debt.allocated, limitPercent: settings.limitPercent }),
    coverage: coverageCheck({
      basis: settings.coverageBasis,
      expectedIncome: basis.expectedIncome,
      extractionPercent: settings.extractionPercent,
      costsNotPaidByBond: costsNotPaidByBond({ ...basis, bondAllocated: debt.allocated }),
      principal: debt.principal,
      interest: debt.interest,
      threshold: settings.coverageThreshold,
    }),
  };
}

/** The bond checks of projects as stored (every allocation they hold). */
export async function getProjectsBondChecks(db: Q, projectIds: string[], settings: BondCheckSettings): Promise<Map<string, ProjectBondChecks>> {
  const [allocs, bases] = await Promise.all([allocationsOf(db, projectIds), projectCostBases(db, projectIds)]);
  const debts = await debtsOf(db, allocs, projectIds);
  const out = new Map<string, ProjectBondChecks>();
  for (const id of projectIds) {
    const basis = bases.get(id);
    if (basis) out.set(id, projectBondChecks(settings, basis, debts.get(id) ?? NO_DEBT));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 财预〔2017〕62号: the project's land-sale income repays its bonds first

export interface ProjectSupply {
  parcelId: string;
  parcelCode: string;
  dealDate: string;
  dealPrice: string;
}

export interface ProjectRepayment {
  /** Σ deal prices of the project's parcels supplied since its first bond allocation. */
  supplyIncome: string;
  supplies: ProjectSupply[];
  /** That income set against the project's share of each principal instalment, in due order. */
  cover: SupplyCover;
  /** Parcels neither supplied nor cancelled. */
  unsupplied: UnsuppliedParcel[];
  /** Unsupplied parcels within the set months of a principal date, by bond. */
  warnings: { bondId: string; message: string }[];
}

/**
 * For bond-funded projects: the supply income (deal prices of parcels in 已供应 dealt on or after
 * the project's first allocation) set against its share of the principal instalments, and the
 * parcels still unsupplied as principal dates come near. Projects without allocations are left out.
 */
export async function getProjectRepayments(db: Q, projectIds: string[], settings: BondCheckSettings, today: string): Promise<Map<string, ProjectRepayment>> {
  const out = new Map<string, ProjectRepayment>();
  if (projectIds.length === 0) return out;
  const allocs = await db
    .select({ projectId: bondAllocations.projectId, bondId: bonds.id, bondCode: bonds.code, bondAmount: bonds.amount, amount: bondAllocations.amount, allocatedOn: bondAllocations.allocatedOn })
    .from(bondAllocations)
    .innerJoin(bonds, eq(bonds.id, bondAllocations.bondId))
    .where(inArray(bondAllocations.projectId, projectIds));
  if (allocs.length === 0) return out;
  const funded = [...new Set(allocs.map((a) => a.projectId))];
  const bondIds = [...new Set(allocs.map((a) => a.bondId))];
  const [rows, paid, projects, parcelRows, deals] = await Promise.all([
    db
      .select({ id: bondSchedule.id, bondId: bondSchedule.bondId, ...SCHEDULE_ROW_COLUMNS })
      .from(bondSchedule)
      .where(inArray(bondSchedule.bondId, bondIds))
      .orderBy(asc(bondSchedule.bondId), asc(bondSchedule.seq)),
    db
      .select({ scheduleId: bondPayments.scheduleId, principal: sql<string>`coalesce(sum(${bondPayments.principalPaid}), 0)` })
      .from(bondPayments)
      .where(inArray(bondPayments.bondId, bondIds))
      .groupBy(bondPayments.scheduleId),
    db.select({ id: reserveProjects.id, code: reserveProjects.code }).from(reserveProjects).where(inArray(reserveProjects.id, funded)),
    db.select({ id: parcels.id, code: parcels.code, projectId: parcels.projectId, stage: parcels.stage }).from(parcels).where(inArray(parcels.projectId, funded)).orderBy(asc(parcels.code)),
    db
      .select({ parcelId: supplies.parcelId, dealDate: supplies.dealDate, dealPrice: supplies.dealPrice })
      .from(supplies)
      .innerJoin(parcels, eq(parcels.id, supplies.parcelId))
      .where(and(inArray(parcels.projectId, funded), eq(parcels.stage, '已供应'), eq(supplies.status, '成交'))),
  ]);
  const principalPaid = new Map(paid.map((p) => [p.scheduleId, dec(p.principal)]));
  const schedules = new Map<string, (ScheduleRow & { settled: boolean })[]>();
  for (const { id, bondId, ...r } of rows) {
    schedules.set(bondId, [...(schedules.get(bondId) ?? []), { ...r, settled: (principalPaid.get(id) ?? new Dec(0)).gte(dec(r.principal)) }]);
  }
  const parcelById = new Map(parcelRows.map((p) => [p.id, p]));
  for (const projectId of funded) {
    const mine = allocs.filter((a) => a.projectId === projectId);
    const since = mine.reduce((d, a) => (a.allocatedOn < d ? a.allocatedOn : d), mine[0].allocatedOn);
    const instalments: PrincipalInstalment[] = mine.flatMap((a) => {
      const own = schedules.get(a.bondId) ?? [];
      return allocateSchedule(own, a.bondAmount, a.amount)
        .map((r, i) => ({ bondId: a.bondId, bondCode: a.bondCode, seq: r.seq, dueDate: r.dueDate, principal: r.principal, settled: own[i].settled }))
        .filter((r) => dec(r.principal).gt(0));
    });
    const projectSupplies = deals
      .filter((d) => parcelById.get(d.parcelId)?.projectId === projectId && d.dealDate !== null && d.dealPrice !== null && d.dealDate >= since)
      .map((d) => ({ parcelId: d.parcelId, parcelCode: parcelById.get(d.parcelId)!.code, dealDate: d.dealDate!, dealPrice: toAmount(dec(d.dealPrice!)) }))
      .sort((a, b) => (a.dealDate < b.dealDate ? -1 : a.dealDate > b.dealDate ? 1 : a.parcelCode < b.parcelCode ? -1 : 1));
    const supplyIncome = toAmount(projectSupplies.reduce((sum, d) => sum.plus(dec(d.dealPrice)), new Dec(0)));
    const unsupplied = parcelRows.filter((p) => p.projectId === projectId && p.stage !== '已供应' && p.stage !== '终止').map((p) => ({ code: p.code, stage: p.stage }));
    out.set(projectId, {
      supplyIncome,
      supplies: projectSupplies,
      cover: coverPrincipalWithSupply(supplyIncome, instalments),
      unsupplied,
      warnings: unsuppliedBeforePrincipal({ today, months: settings.unsuppliedWarnMonths, projectCode: projects.find((p) => p.id === projectId)?.code ?? '', instalments, unsupplied }),
    });
  }
  return out;
}
