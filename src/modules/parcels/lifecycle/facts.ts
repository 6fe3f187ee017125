import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { getSettings, getSettingSourceTexts } from '@/platform/settings';
import { plans } from '@/modules/plans/schema';
import { parcelEvents, parcels, reserveProjects } from '../schema';
import { getCompensationStatus } from '../acquisition/queries';
import { getWorkPackageStatus } from '../development/queries';
import { getNetLandFacts } from '../net-land/queries';
import type { TransitionFacts, TSupplyContext } from '../rules';
import type { TPlanFacts } from '../rules/types';
import type { TAcquisitionRoute, TStage, THazardResult } from '../stages';
import { todayInShanghai } from '@/ui/format';

export interface ParcelLifecycleRow {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  stageSince: string;
  version: number;
}

/** The parcel row a transition works on; `forUpdate` locks it for the transaction. */
export async function loadParcelForTransition(db: Db | Tx, parcelId: string, forUpdate: boolean) {
  const q = db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      stageSince: parcels.stageSince,
      version: parcels.version,
      projectId: parcels.projectId,
      plannedUse: parcels.plannedUse,
      areaM2: parcels.areaM2,
      titleRegisteredOn: parcels.titleRegisteredOn,
      hazardSoil: parcels.hazardSoil,
      hazardRelics: parcels.hazardRelics,
      hazardMinerals: parcels.hazardMinerals,
      hazardFlood: parcels.hazardFlood,
      hazardGeology: parcels.hazardGeology,
      hazardSoilReason: parcels.hazardSoilReason,
      hazardRelicsReason: parcels.hazardRelicsReason,
      hazardMineralsReason: parcels.hazardMineralsReason,
      hazardFloodReason: parcels.hazardFloodReason,
      hazardGeologyReason: parcels.hazardGeologyReason,
      soilKeySupervised: parcels.soilKeySupervised,
      acquisitionDocNo: parcels.acquisitionDocNo,
      supervisionNo: parcels.supervisionNo,
    })
    .from(parcels)
    .where(eq(parcels.id, parcelId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ? { ...row, stage: row.stage as TStage } : null;
}

/** What the supply rules read: the parcel's planned use and area, and the 协议 floor setting with its source. */
export async function getSupplyContext(db: Db | Tx, parcel: { plannedUse: string | null; areaM2: string }): Promise<TSupplyContext> {
  const settings = await getSettings(db);
  const sources = await getSettingSourceTexts(db, settings);
  const key = 'supply.agreementMinBenchmarkPercent';
  return { plannedUse: parcel.plannedUse, areaM2: parcel.areaM2, agreementFloor: { percent: settings[key], source: sources[key] } };
}

/**
 * The version in force of the reserve plan the project points to: the current version of that
 * plan's group (a project keeps the id of the version it was filed under).
 */
async function projectPlan(db: Db | Tx, planId: string | null): Promise<TPlanFacts | null> {
  if (!planId) return null;
  const [filed] = await db.select({ groupId: plans.groupId }).from(plans).where(eq(plans.id, planId));
  if (!filed) return null;
  const [plan] = await db
    .select({ title: plans.title, planType: plans.planType, startYear: plans.startYear, endYear: plans.endYear, docNo: plans.docNo })
    .from(plans)
    .where(and(eq(plans.groupId, filed.groupId), eq(plans.status, 'current')))
    .orderBy(desc(plans.version))
    .limit(1);
  return plan ?? null;
}

/** Everything the guards of `checkTransition` read, gathered from the parcel's records. */
export async function gatherTransitionFacts(
  db: Db | Tx,
  parcel: NonNullable<Awaited<ReturnType<typeof loadParcelForTransition>>>,
  input: { eventDate: string; reason?: string | null; docNo?: string | null; supply?: TransitionFacts['supply'] },
): Promise<TransitionFacts> {
  const [lastEvent] = await db
    .select({ eventDate: parcelEvents.eventDate })
    .from(parcelEvents)
    .where(eq(parcelEvents.parcelId, parcel.id))
    .orderBy(desc(parcelEvents.seq))
    .limit(1);
  const compensation = await getCompensationStatus(db, parcel.id);
  const { workPackages: works } = await getWorkPackageStatus(db, parcel.id);
  const [project] = await db
    .select({ route: reserveProjects.acquisitionRoute, planId: reserveProjects.planId })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, parcel.projectId));
  const settings = await getSettings(db);
  const sources = await getSettingSourceTexts(db, settings);
  return {
    today: todayInShanghai(),
    eventDate: input.eventDate,
    lastEventDate: lastEvent?.eventDate ?? null,
    reason: input.reason ?? null,
    docNo: input.docNo ?? null,
    plan: await projectPlan(db, project?.planId ?? null),
    compensation,
    titleRegistered: !!parcel.titleRegisteredOn,
    hazards: {
      hazardSoil: parcel.hazardSoil as THazardResult,
      hazardRelics: parcel.hazardRelics as THazardResult,
      hazardMinerals: parcel.hazardMinerals as THazardResult,
      hazardFlood: parcel.hazardFlood as THazardResult,
      hazardGeology: parcel.hazardGeology as THazardResult,
    },
    hazardReasons: {
      hazardSoilReason: parcel.hazardSoilReason,
      hazardRelicsReason: parcel.hazardRelicsReason,
      hazardMineralsReason: parcel.hazardMineralsReason,
      hazardFloodReason: parcel.hazardFloodReason,
      hazardGeologyReason: parcel.hazardGeologyReason,
    },
    plannedUse: parcel.plannedUse,
    soilKeySupervised: parcel.soilKeySupervised,
    acquisitionDocNo: parcel.acquisitionDocNo,
    supervisionNo: parcel.supervisionNo,
    supervisionNoDays: settings['parcel.supervisionNoDays'],
    supervisionNoSource: sources['parcel.supervisionNoDays'],
    workPackages: works,
    netLand: await getNetLandFacts(db, parcel.id),
    supply: input.supply ?? undefined,
    supplyContext: parcel.stage === '可供应' ? await getSupplyContext(db, parcel) : undefined,
    acquisitionRoute: (project?.route ?? '收购') as TAcquisitionRoute,
  };
}
