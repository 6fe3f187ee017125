import 'server-only';
import { asc, eq, max } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { workPackages } from '../schema';
import type { TWorkType } from '../stages';
import { findParcelRef, type ParcelRef } from '../acquisition/parcel-ref';
import { summariseWorkPackages, type WorkPackageSummary } from './progress';
import { developmentStageProblem } from './validation';

export interface WorkPackageView {
  id: string;
  workType: TWorkType;
  contractor: string | null;
  supervisor: string | null;
  contractNo: string | null;
  contractAmount: string;
  progress: number;
  startedOn: string | null;
  acceptedOn: string | null;
  updatedOn: string | null;
}

export async function listWorkPackages(db: Db | Tx, parcelId: string): Promise<WorkPackageView[]> {
  const rows = await db
    .select({
      id: workPackages.id,
      workType: workPackages.workType,
      contractor: workPackages.contractor,
      supervisor: workPackages.supervisor,
      contractNo: workPackages.contractNo,
      contractAmount: workPackages.contractAmount,
      progress: workPackages.progress,
      startedOn: workPackages.startedOn,
      acceptedOn: workPackages.acceptedOn,
      updatedOn: workPackages.updatedOn,
    })
    .from(workPackages)
    .where(eq(workPackages.parcelId, parcelId))
    .orderBy(asc(workPackages.createdAt), asc(workPackages.id));
  return rows.map((r) => ({ ...r, workType: r.workType as TWorkType }));
}

/** For the 可供应 guard: each package's type and acceptance date. */
export async function getWorkPackageStatus(db: Db | Tx, parcelId: string): Promise<{ workPackages: { workType: string; acceptedOn: string | null }[] }> {
  const rows = await db
    .select({ workType: workPackages.workType, acceptedOn: workPackages.acceptedOn })
    .from(workPackages)
    .where(eq(workPackages.parcelId, parcelId))
    .orderBy(asc(workPackages.createdAt), asc(workPackages.id));
  return { workPackages: rows };
}

/** For the stalled-development warning: the latest day any work package changed, or null. */
export async function getLastDevelopmentUpdateOn(db: Db | Tx, parcelId: string): Promise<string | null> {
  const [row] = await db.select({ last: max(workPackages.updatedOn) }).from(workPackages).where(eq(workPackages.parcelId, parcelId));
  return row?.last ?? null;
}

export interface DevelopmentView {
  parcel: ParcelRef;
  packages: WorkPackageView[];
  summary: WorkPackageSummary;
  /** Why packages cannot be recorded in this stage, or null. */
  stageProblem: string | null;
}

export async function getDevelopmentView(db: Db, parcelId: string): Promise<DevelopmentView | null> {
  const parcel = await findParcelRef(db, parcelId);
  if (!parcel) return null;
  const packages = await listWorkPackages(db, parcel.id);
  return { parcel, packages, summary: summariseWorkPackages(packages), stageProblem: developmentStageProblem(parcel.stage) };
}
