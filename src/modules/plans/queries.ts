import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { parcelEvents, parcels } from '@/modules/parcels/schema';
import { plans } from './schema';
import {
  adjustmentWarnings,
  CARRY_PLANNED_STAGES,
  CARRY_RESERVED_STAGES,
  carryOverDate,
  CUSTODY_STAGES,
  computePlanActuals,
  planDateRange,
  type CountArea,
  type PlanActualsWithFunds,
  type PlanTargets,
} from './rules';
import { adjustmentDate } from './adjustments';
import { PLAN_SOURCES } from './sources';
import { getApprovedSpending } from '@/modules/funds/balances/queries';
import type { TPlanFilter, TPlanStatus, TPlanType } from './validation';
import { Dec } from './amounts';

export interface PlanRow extends PlanTargets {
  id: string;
  groupId: string;
  version: number;
  status: TPlanStatus;
  planType: TPlanType;
  startYear: number;
  endYear: number;
  title: string;
  docNo: string | null;
  approvedOn: string | null;
  adjustReason: string | null;
  isDemo: boolean;
  createdAt: Date;
}

const planColumns = {
  id: plans.id,
  groupId: plans.groupId,
  version: plans.version,
  status: plans.status,
  planType: plans.planType,
  startYear: plans.startYear,
  endYear: plans.endYear,
  title: plans.title,
  docNo: plans.docNo,
  approvedOn: plans.approvedOn,
  adjustReason: plans.adjustReason,
  carryPlannedCount: plans.carryPlannedCount,
  carryPlannedArea: plans.carryPlannedArea,
  carryReservedCount: plans.carryReservedCount,
  carryReservedArea: plans.carryReservedArea,
  newPlannedCount: plans.newPlannedCount,
  newPlannedArea: plans.newPlannedArea,
  acquireCount: plans.acquireCount,
  acquireArea: plans.acquireArea,
  developCount: plans.developCount,
  developArea: plans.developArea,
  supplyCount: plans.supplyCount,
  supplyArea: plans.supplyArea,
  custodyCount: plans.custodyCount,
  custodyArea: plans.custodyArea,
  fundNeed: plans.fundNeed,
  isDemo: plans.isDemo,
  createdAt: plans.createdAt,
};

/** One page of plans: type, a year the plan covers, and current versions unless asked otherwise. */
function planOrder(f: TPlanFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  const grouped = [asc(plans.planType), asc(plans.groupId), desc(plans.version)];
  if (f.sort === 'year') return [dir(plans.startYear), ...grouped];
  // Plans not yet approved come last either way.
  if (f.sort === 'approvedOn') return [sql`${plans.approvedOn} is null`, dir(plans.approvedOn), desc(plans.startYear), ...grouped];
  return [desc(plans.startYear), ...grouped];
}

export async function listPlans(db: Db, f: TPlanFilter): Promise<{ rows: PlanRow[]; total: number }> {
  const parts: (SQL | undefined)[] = [];
  if (f.type) parts.push(eq(plans.planType, f.type));
  if (f.year) parts.push(lte(plans.startYear, f.year), gte(plans.endYear, f.year));
  if (f.status !== 'all') parts.push(eq(plans.status, f.status ?? 'current'));
  const where = parts.length ? and(...parts) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(plans).where(where);
  const rows = await db
    .select(planColumns)
    .from(plans)
    .where(where)
    .orderBy(...planOrder(f))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  return { rows, total };
}

export async function getPlan(db: Db | Tx, id: string): Promise<PlanRow | null> {
  const [row] = await db.select(planColumns).from(plans).where(eq(plans.id, id));
  return row ?? null;
}

/** Every version of a plan, newest first. */
export async function listPlanVersions(db: Db | Tx, groupId: string): Promise<PlanRow[]> {
  return db.select(planColumns).from(plans).where(eq(plans.groupId, groupId)).orderBy(desc(plans.version));
}

/** The ids of every version in the group of `planId` (for "projects of this plan"). */
export async function planGroupIds(db: Db, planId: string): Promise<string[]> {
  const [plan] = await db.select({ groupId: plans.groupId }).from(plans).where(eq(plans.id, planId));
  if (!plan) return [];
  const rows = await db.select({ id: plans.id }).from(plans).where(eq(plans.groupId, plan.groupId));
  return rows.map((r) => r.id);
}

export interface PlanOption {
  id: string;
  title: string;
  planType: TPlanType;
  startYear: number;
  endYear: number;
  version: number;
  status: TPlanStatus;
}

/** Current plans to choose from (projects form and filters), newest years first. */
export async function listCurrentPlanOptions(db: Db): Promise<PlanOption[]> {
  return db
    .select({
      id: plans.id,
      title: plans.title,
      planType: plans.planType,
      startYear: plans.startYear,
      endYear: plans.endYear,
      version: plans.version,
      status: plans.status,
    })
    .from(plans)
    .where(eq(plans.status, 'current'))
    .orderBy(desc(plans.startYear), asc(plans.planType), asc(plans.title));
}

/** Plans by id (any version), for labelling links to them. */
export async function plansByIds(db: Db, ids: string[]): Promise<Map<string, PlanOption>> {
  const out = new Map<string, PlanOption>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const rows = await db
    .select({
      id: plans.id,
      title: plans.title,
      planType: plans.planType,
      startYear: plans.startYear,
      endYear: plans.endYear,
      version: plans.version,
      status: plans.status,
    })
    .from(plans)
    .where(inArray(plans.id, unique));
  for (const r of rows) out.set(r.id, r);
  return out;
}

/**
 * Targets against actuals: the events dated in the plan's years (with their parcel's area) and
 * the parcels now in custody are fetched here; the counting is the pure `computePlanActuals`.
 * The money spent is the approved ledger spending in the plan's years (资金管理, 同一口径).
 */
export async function getPlanActuals(db: Db, plan: { startYear: number; endYear: number }): Promise<PlanActualsWithFunds> {
  const { from, to } = planDateRange(plan);
  const events = await db
    .select({
      parcelId: parcelEvents.parcelId,
      seq: parcelEvents.seq,
      fromStage: parcelEvents.fromStage,
      toStage: parcelEvents.toStage,
      eventDate: parcelEvents.eventDate,
      areaM2: parcels.areaM2,
    })
    .from(parcelEvents)
    .leftJoin(parcels, eq(parcels.id, parcelEvents.parcelId))
    .where(and(gte(parcelEvents.eventDate, from), lte(parcelEvents.eventDate, to)));
  const parcelsNow = await db
    .select({ id: parcels.id, stage: parcels.stage, areaM2: parcels.areaM2 })
    .from(parcels)
    .where(inArray(parcels.stage, [...CUSTODY_STAGES]));
  return { ...computePlanActuals(plan, events, parcelsNow), fundSpent: await getApprovedSpending(db, { from, to }) };
}

export interface CarryOver {
  /** The day the land was counted on: 31 December of the year before the plan. */
  asOf: string;
  planned: CountArea;
  reserved: CountArea;
}

/**
 * Land carried over into an annual plan (R17 二(五) 1), from the records: each parcel's stage after
 * its last event dated on or before 31 December of the year before — 拟收储/收储中 count as
 * 拟收储土地, 已入库/前期开发/可供应 as 入库储备土地. One grouped query (the last event per parcel by
 * a correlated subquery on the (parcel, seq) index); the data migration of 0009 counts the same way.
 */
export async function getCarryOver(db: Db | Tx, startYear: number): Promise<CarryOver> {
  const asOf = carryOverDate(startYear);
  // The date is written as a literal (built from a number above), so the select and the group by
  // hold the same expression — as parameters they would be $1 and $2 and not match.
  // The parcel's id is qualified by hand: interpolated, drizzle may write a bare "id", which inside
  // the subquery would be the event's.
  const lastStage = sql<string | null>`(select e.to_stage from ${parcelEvents} e where e.parcel_id = "parcels"."id" and e.event_date <= ${sql.raw(`'${asOf}'`)} order by e.seq desc limit 1)`;
  const rows = await db
    .select({ stage: lastStage, n: count(), area: sql<string>`coalesce(sum(${parcels.areaM2}), 0)` })
    .from(parcels)
    .groupBy(lastStage);
  const sum = (stages: readonly string[]): CountArea => {
    let n = 0;
    let area = new Dec(0);
    for (const r of rows) {
      if (r.stage !== null && stages.includes(r.stage)) {
        n += Number(r.n);
        area = area.add(new Dec(r.area));
      }
    }
    return { count: n, area: area.toFixed(2) };
  };
  return { asOf, planned: sum(CARRY_PLANNED_STAGES), reserved: sum(CARRY_RESERVED_STAGES) };
}

/** The warnings an adjustment of this plan made today would raise (for the dialog, before saving). */
export async function getAdjustmentWarnings(db: Db | Tx, plan: { groupId: string; planType: TPlanType }, date: string) {
  const rows = await db
    .select({ version: plans.version, approvedOn: plans.approvedOn, createdAt: plans.createdAt })
    .from(plans)
    .where(eq(plans.groupId, plan.groupId));
  return adjustmentWarnings(plan, rows.map((r) => ({ version: r.version, date: adjustmentDate(r) })), date, PLAN_SOURCES.adjustment);
}
