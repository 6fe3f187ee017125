import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { parcelEvents, parcels, reserveProjects } from '../schema';
import { getCompensationStatus } from '../acquisition/queries';
import { getWorkPackageStatus } from '../development/queries';
import { getNetLandFacts } from '../net-land/queries';
import type { TransitionFacts } from '../rules';
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
      titleRegisteredOn: parcels.titleRegisteredOn,
      hazardSoil: parcels.hazardSoil,
      hazardRelics: parcels.hazardRelics,
      hazardMinerals: parcels.hazardMinerals,
      hazardGeology: parcels.hazardGeology,
    })
    .from(parcels)
    .where(eq(parcels.id, parcelId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ? { ...row, stage: row.stage as TStage } : null;
}

/** Everything the guards of `checkTransition` read, gathered from the parcel's records. */
export async function gatherTransitionFacts(
  db: Db | Tx,
  parcel: NonNullable<Awaited<ReturnType<typeof loadParcelForTransition>>>,
  input: { eventDate: string; reason?: string | null; supply?: TransitionFacts['supply'] },
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
    .select({ route: reserveProjects.acquisitionRoute })
    .from(reserveProjects)
    .where(eq(reserveProjects.id, parcel.projectId));
  return {
    today: todayInShanghai(),
    eventDate: input.eventDate,
    lastEventDate: lastEvent?.eventDate ?? null,
    reason: input.reason ?? null,
    compensation,
    titleRegistered: !!parcel.titleRegisteredOn,
    hazards: {
      hazardSoil: parcel.hazardSoil as THazardResult,
      hazardRelics: parcel.hazardRelics as THazardResult,
      hazardMinerals: parcel.hazardMinerals as THazardResult,
      hazardGeology: parcel.hazardGeology as THazardResult,
    },
    workPackages: works,
    netLand: await getNetLandFacts(db, parcel.id),
    supply: input.supply ?? undefined,
    acquisitionRoute: (project?.route ?? '收购') as TAcquisitionRoute,
  };
}
