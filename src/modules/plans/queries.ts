import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { parcelEvents, parcels } from '@/modules/parcels/schema';
import { plans } from './schema';
import { CUSTODY_STAGES, computePlanActuals, planDateRange, type PlanActualsWithFunds, type PlanTargets } from './rules';
import { getApprovedSpending } from '@/modules/funds/balances/queries';
import type { TPlanFilter, TPlanStatus, TPlanType } from './validation';

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
    .orderBy(desc(plans.startYear), asc(plans.planType), asc(plans.groupId), desc(plans.version))
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
