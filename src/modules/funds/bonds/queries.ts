import 'server-only';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { reserveProjects } from '@/modules/parcels/schema';
import { dec } from '@/modules/plans/amounts';
import { todayInShanghai } from '@/ui/format';
import { bondAllocations, bondPayments, bonds, bondSchedule } from '../schema';
import {
  bondCheckSettings,
  getProjectRepayments,
  getProjectsBondChecks,
  projectBondChecks,
  SCHEDULE_ROW_COLUMNS,
  type BondCheckSettings,
  type ProjectBondChecks,
  type ProjectRepayment,
} from './project-checks';
import {
  allocateSchedule,
  maturityDate,
  repaymentLabel,
  sumAmounts,
  toAmount,
  type ScheduleRow,
  type TCouponsPerYear,
  type TRepaymentType,
} from '../rules';

/**
 * Reads of the special bonds part: the bond list with repayment figures, one bond with its
 * allocations (the centre's cap and 62号 coverage per project), schedule and payments, per-bond balances,
 * and a project's bond summary. Every function takes `db` first so other parts can reuse it.
 * Amounts are 元 strings with 2 decimals, computed with decimal.js.
 */

type Q = Db | Tx;

export const SCHEDULE_STATUS_LABELS = { paid: '已付', partial: '部分', pending: '未到期', overdue: '逾期' } as const;
export type TScheduleStatus = keyof typeof SCHEDULE_STATUS_LABELS;

export const BOND_STATUS_LABELS = { open: '存续', overdue: '逾期', settled: '已结清' } as const;
export type TBondStatus = keyof typeof BOND_STATUS_LABELS;

export interface BondRow {
  id: string;
  code: string;
  name: string;
  amount: string;
  /** Percent with 4 decimals as stored ('3.2500'). */
  annualRate: string;
  termYears: number;
  issueDate: string;
  /** The province issuing on the city's behalf (湖南省). */
  issuer: string;
  couponsPerYear: TCouponsPerYear;
  repaymentType: TRepaymentType;
  /** amortizing: principal repaid at the end of each year, in percent. */
  principalPercents: string[] | null;
  docNo: string | null;
  note: string | null;
  version: number;
  isDemo: boolean;
}

const bondColumns = {
  id: bonds.id,
  code: bonds.code,
  name: bonds.name,
  amount: bonds.amount,
  annualRate: bonds.annualRate,
  termYears: bonds.termYears,
  issueDate: bonds.issueDate,
  issuer: bonds.issuer,
  couponsPerYear: bonds.couponsPerYear,
  repaymentType: bonds.repaymentType,
  principalPercents: bonds.principalPercents,
  docNo: bonds.docNo,
  note: bonds.note,
  version: bonds.version,
  isDemo: bonds.isDemo,
};

function toBondRow(r: Omit<BondRow, 'repaymentType' | 'couponsPerYear'> & { repaymentType: string; couponsPerYear: number }): BondRow {
  return { ...r, repaymentType: r.repaymentType as TRepaymentType, couponsPerYear: r.couponsPerYear === 2 ? 2 : 1 };
}

export async function getBondRow(db: Q, id: string): Promise<BondRow | null> {
  const [row] = await db.select(bondColumns).from(bonds).where(eq(bonds.id, id));
  return row ? toBondRow(row) : null;
}

export interface ScheduleLine extends ScheduleRow {
  id: string;
  bondId: string;
  principalPaid: string;
  interestPaid: string;
  /** Principal + interest still owed on this row. */
  remaining: string;
  status: TScheduleStatus;
  statusLabel: string;
}

/** Status of a schedule row by what was paid and today's date (a row due today is not yet overdue). */
export function scheduleStatus(row: { dueDate: string; principal: string; interest: string; principalPaid: string; interestPaid: string }, today: string): TScheduleStatus {
  const owed = dec(row.principal).plus(dec(row.interest));
  const paid = dec(row.principalPaid).plus(dec(row.interestPaid));
  if (paid.gte(owed)) return 'paid';
  if (row.dueDate < today) return 'overdue';
  return paid.gt(0) ? 'partial' : 'pending';
}

/** Schedule rows of the given bonds (by bond, then seq) with what has been paid on each. */
async function scheduleLines(db: Q, bondIds: string[], today: string): Promise<Map<string, ScheduleLine[]>> {
  const out = new Map<string, ScheduleLine[]>();
  if (bondIds.length === 0) return out;
  const [rows, paid] = await Promise.all([
    db
      .select({ id: bondSchedule.id, bondId: bondSchedule.bondId, ...SCHEDULE_ROW_COLUMNS })
      .from(bondSchedule)
      .where(inArray(bondSchedule.bondId, bondIds))
      .orderBy(asc(bondSchedule.bondId), asc(bondSchedule.seq)),
    db
      .select({
        scheduleId: bondPayments.scheduleId,
        principal: sql<string>`coalesce(sum(${bondPayments.principalPaid}), 0)`,
        interest: sql<string>`coalesce(sum(${bondPayments.interestPaid}), 0)`,
      })
      .from(bondPayments)
      .where(inArray(bondPayments.bondId, bondIds))
      .groupBy(bondPayments.scheduleId),
  ]);
  const paidBy = new Map(paid.map((p) => [p.scheduleId, { principal: toAmount(dec(String(p.principal))), interest: toAmount(dec(String(p.interest))) }]));
  for (const r of rows) {
    const p = paidBy.get(r.id) ?? { principal: '0.00', interest: '0.00' };
    const remaining = toAmount(dec(r.principal).plus(dec(r.interest)).minus(dec(p.principal)).minus(dec(p.interest)));
    const status = scheduleStatus({ ...r, principalPaid: p.principal, interestPaid: p.interest }, today);
    const line: ScheduleLine = { ...r, principalPaid: p.principal, interestPaid: p.interest, remaining, status, statusLabel: SCHEDULE_STATUS_LABELS[status] };
    const list = out.get(r.bondId);
    if (list) list.push(line);
    else out.set(r.bondId, [line]);
  }
  return out;
}

/** Σ allocations per bond. */
async function allocatedByBond(db: Q, bondIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (bondIds.length === 0) return out;
  const rows = await db
    .select({ bondId: bondAllocations.bondId, total: sql<string>`coalesce(sum(${bondAllocations.amount}), 0)` })
    .from(bondAllocations)
    .where(inArray(bondAllocations.bondId, bondIds))
    .groupBy(bondAllocations.bondId);
  for (const r of rows) out.set(r.bondId, toAmount(dec(String(r.total))));
  return out;
}

export interface BondFigures {
  allocated: string;
  unallocated: string;
  scheduledInterest: string;
  principalRepaid: string;
  interestPaid: string;
  outstandingPrincipal: string;
  /** Scheduled interest not yet paid. */
  interestDue: string;
  nextDueDate: string | null;
  /** Still owed on the next unpaid row. */
  nextDueAmount: string | null;
  status: TBondStatus;
  statusLabel: string;
}

function bondFigures(bond: BondRow, lines: ScheduleLine[], allocated: string): BondFigures {
  const principalRepaid = sumAmounts(lines.map((l) => l.principalPaid));
  const interestPaid = sumAmounts(lines.map((l) => l.interestPaid));
  const scheduledInterest = sumAmounts(lines.map((l) => l.interest));
  const next = lines.find((l) => l.status !== 'paid') ?? null;
  const status: TBondStatus = lines.some((l) => l.status === 'overdue') ? 'overdue' : lines.length > 0 && !next ? 'settled' : 'open';
  return {
    allocated,
    unallocated: toAmount(dec(bond.amount).minus(dec(allocated))),
    scheduledInterest,
    principalRepaid,
    interestPaid,
    outstandingPrincipal: toAmount(dec(bond.amount).minus(dec(principalRepaid))),
    interestDue: toAmount(dec(scheduledInterest).minus(dec(interestPaid))),
    nextDueDate: next?.dueDate ?? null,
    nextDueAmount: next?.remaining ?? null,
    status,
    statusLabel: BOND_STATUS_LABELS[status],
  };
}

export interface BondListRow extends BondRow, BondFigures {
  maturityDate: string;
  repaymentTypeLabel: string;
}

/** Every bond, newest issue first, with allocation and repayment figures. */
export async function listBonds(db: Q, today = todayInShanghai()): Promise<BondListRow[]> {
  const rows = (await db.select(bondColumns).from(bonds).orderBy(desc(bonds.issueDate), asc(bonds.code))).map(toBondRow);
  const ids = rows.map((r) => r.id);
  const [lines, allocated] = await Promise.all([scheduleLines(db, ids, today), allocatedByBond(db, ids)]);
  return rows.map((b) => ({
    ...b,
    maturityDate: maturityDate(b.issueDate, b.termYears),
    repaymentTypeLabel: repaymentLabel(b.couponsPerYear, b.repaymentType),
    ...bondFigures(b, lines.get(b.id) ?? [], allocated.get(b.id) ?? '0.00'),
  }));
}

export interface BondBalance {
  bondId: string;
  code: string;
  name: string;
  amount: string;
  allocated: string;
  principalRepaid: string;
  interestPaid: string;
  /** Principal not yet repaid. */
  outstanding: string;
  /** Scheduled interest not yet paid. */
  interestDue: string;
}

/** Per bond: amount, allocated, principal repaid, interest paid, outstanding principal, interest still due. */
export async function getBondBalances(db: Q): Promise<BondBalance[]> {
  const rows = await listBonds(db);
  return rows.map((b) => ({
    bondId: b.id,
    code: b.code,
    name: b.name,
    amount: toAmount(dec(b.amount)),
    allocated: b.allocated,
    principalRepaid: b.principalRepaid,
    interestPaid: b.interestPaid,
    outstanding: b.outstandingPrincipal,
    interestDue: b.interestDue,
  }));
}

export interface ProjectBondSummary extends ProjectBondChecks {
  allocations: { bondId: string; code: string; name: string; amount: string }[];
  /** 62号: supply income against the principal, and unsupplied parcels near principal dates (null without bond money). */
  repayment: ProjectRepayment | null;
  settings: BondCheckSettings;
}

/**
 * A project's special bond money: its allocations, its share of principal and interest of those
 * bonds' schedules, the centre's cap and the 62号 coverage (thresholds and basis from settings).
 * An unknown project has no allocations and an expected income of 0.
 */
export async function getProjectBondSummary(db: Q, projectId: string, today = todayInShanghai()): Promise<ProjectBondSummary> {
  const settings = await bondCheckSettings(db);
  const [allocations, checks, repayments] = await Promise.all([
    db
      .select({ bondId: bonds.id, code: bonds.code, name: bonds.name, amount: bondAllocations.amount })
      .from(bondAllocations)
      .innerJoin(bonds, eq(bonds.id, bondAllocations.bondId))
      .where(eq(bondAllocations.projectId, projectId))
      .orderBy(asc(bonds.issueDate), asc(bonds.code)),
    getProjectsBondChecks(db, [projectId], settings),
    getProjectRepayments(db, [projectId], settings, today),
  ]);
  const none = { expectedIncome: '0.00', estimatedCost: '0.00', lifeBudget: null, budgetFinancing: '0.00' };
  return {
    allocations: allocations.map((a) => ({ ...a, amount: toAmount(dec(a.amount)) })),
    ...(checks.get(projectId) ?? projectBondChecks(settings, none, { allocated: '0.00', principal: '0.00', interest: '0.00' })),
    repayment: repayments.get(projectId) ?? null,
    settings,
  };
}

export interface BondAllocationView {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  projectStatus: string;
  expectedIncome: string;
  amount: string;
  allocatedOn: string;
  note: string | null;
  /** The project's share of this bond's schedule. */
  principal: string;
  interest: string;
  /** The project's checks over all its bond money (this and other bonds). */
  checks: ProjectBondChecks;
  /** 62号: the project's supply income set against this bond's principal (after earlier-due instalments of all its bonds). */
  repayment: { supplyIncome: string; principal: string; covered: string; uncovered: string };
  /** Parcels of the project still unsupplied near this bond's principal dates. */
  warnings: string[];
}

/** A project's supply cover restricted to one bond's instalments. */
function bondRepayment(r: ProjectRepayment | undefined, bondId: string): BondAllocationView['repayment'] {
  const mine = (r?.cover.instalments ?? []).filter((i) => i.bondId === bondId);
  return {
    supplyIncome: r?.supplyIncome ?? '0.00',
    principal: sumAmounts(mine.map((i) => i.principal)),
    covered: sumAmounts(mine.map((i) => i.covered)),
    uncovered: sumAmounts(mine.map((i) => i.uncovered)),
  };
}

export interface BondPaymentView {
  id: string;
  scheduleId: string;
  seq: number;
  dueDate: string;
  paidOn: string;
  principalPaid: string;
  interestPaid: string;
  voucherNo: string | null;
  note: string | null;
  createdByPerson: PersonLabel | null;
}

export interface BondDetail {
  bond: BondListRow;
  schedule: ScheduleLine[];
  scheduleTotals: { principal: string; interest: string; total: string; principalPaid: string; interestPaid: string; remaining: string };
  allocations: BondAllocationView[];
  payments: BondPaymentView[];
  settings: BondCheckSettings;
}

/** One bond with its schedule (paid amounts and status by `today`), allocations with checks, and payments. */
export async function getBond(db: Q, id: string, today = todayInShanghai()): Promise<BondDetail | null> {
  const row = await getBondRow(db, id);
  if (!row) return null;
  const [lineMap, allocRows, paymentRows, settings] = await Promise.all([
    scheduleLines(db, [id], today),
    db
      .select({
        id: bondAllocations.id,
        projectId: bondAllocations.projectId,
        projectCode: reserveProjects.code,
        projectName: reserveProjects.name,
        projectStatus: reserveProjects.status,
        expectedIncome: reserveProjects.expectedIncome,
        amount: bondAllocations.amount,
        allocatedOn: bondAllocations.allocatedOn,
        note: bondAllocations.note,
      })
      .from(bondAllocations)
      .innerJoin(reserveProjects, eq(reserveProjects.id, bondAllocations.projectId))
      .where(eq(bondAllocations.bondId, id))
      .orderBy(asc(reserveProjects.code)),
    db
      .select({
        id: bondPayments.id,
        scheduleId: bondPayments.scheduleId,
        seq: bondSchedule.seq,
        dueDate: bondSchedule.dueDate,
        paidOn: bondPayments.paidOn,
        principalPaid: bondPayments.principalPaid,
        interestPaid: bondPayments.interestPaid,
        voucherNo: bondPayments.voucherNo,
        note: bondPayments.note,
        createdBy: bondPayments.createdBy,
      })
      .from(bondPayments)
      .innerJoin(bondSchedule, eq(bondSchedule.id, bondPayments.scheduleId))
      .where(eq(bondPayments.bondId, id))
      .orderBy(desc(bondPayments.paidOn), desc(bondPayments.createdAt)),
    bondCheckSettings(db),
  ]);
  const registrars = await findPeople(
    db,
    paymentRows.map((p) => p.createdBy),
  );
  const payments = paymentRows.map(({ createdBy, ...p }): BondPaymentView => ({ ...p, createdByPerson: personLabel(registrars, createdBy) }));
  const schedule = lineMap.get(id) ?? [];
  const projectIds = allocRows.map((a) => a.projectId);
  const [checks, repayments] = await Promise.all([getProjectsBondChecks(db, projectIds, settings), getProjectRepayments(db, projectIds, settings, today)]);
  const allocated = sumAmounts(allocRows.map((a) => a.amount));
  const allocations = allocRows.map((a): BondAllocationView => {
    const share = allocateSchedule(schedule, row.amount, a.amount);
    return {
      ...a,
      amount: toAmount(dec(a.amount)),
      principal: sumAmounts(share.map((r) => r.principal)),
      interest: sumAmounts(share.map((r) => r.interest)),
      checks: checks.get(a.projectId)!,
      repayment: bondRepayment(repayments.get(a.projectId), id),
      warnings: (repayments.get(a.projectId)?.warnings ?? []).filter((w) => w.bondId === id).map((w) => w.message),
    };
  });
  const principal = sumAmounts(schedule.map((l) => l.principal));
  const interest = sumAmounts(schedule.map((l) => l.interest));
  return {
    bond: {
      ...row,
      maturityDate: maturityDate(row.issueDate, row.termYears),
      repaymentTypeLabel: repaymentLabel(row.couponsPerYear, row.repaymentType),
      ...bondFigures(row, schedule, allocated),
    },
    schedule,
    scheduleTotals: {
      principal,
      interest,
      total: toAmount(dec(principal).plus(dec(interest))),
      principalPaid: sumAmounts(schedule.map((l) => l.principalPaid)),
      interestPaid: sumAmounts(schedule.map((l) => l.interestPaid)),
      remaining: sumAmounts(schedule.map((l) => l.remaining)),
    },
    allocations,
    payments,
    settings,
  };
}

export interface BondProjectOption {
  id: string;
  code: string;
  name: string;
  expectedIncome: string;
  inPlan: boolean;
  nationalCode: string | null;
  /** Bond money the project already holds (all bonds). */
  bondAllocated: string;
}

/** Active projects for the allocate dialog, with what N45 and the centre's cap need to know. */
export async function listBondProjectOptions(db: Q): Promise<BondProjectOption[]> {
  const [rows, totals] = await Promise.all([
    db
      .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, expectedIncome: reserveProjects.expectedIncome, planId: reserveProjects.planId, nationalCode: reserveProjects.nationalCode })
      .from(reserveProjects)
      .where(eq(reserveProjects.status, 'active'))
      .orderBy(asc(reserveProjects.code)),
    db
      .select({ projectId: bondAllocations.projectId, total: sql<string>`coalesce(sum(${bondAllocations.amount}), 0)` })
      .from(bondAllocations)
      .groupBy(bondAllocations.projectId),
  ]);
  const by = new Map(totals.map((t) => [t.projectId, toAmount(dec(String(t.total)))]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    expectedIncome: toAmount(dec(r.expectedIncome)),
    inPlan: r.planId !== null,
    nationalCode: r.nationalCode,
    bondAllocated: by.get(r.id) ?? '0.00',
  }));
}
