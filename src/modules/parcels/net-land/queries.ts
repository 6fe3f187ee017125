import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { withActors, type PersonLabel } from '@/platform/auth/people';
import { plans } from '@/modules/plans/schema';
import { parcels, workPackages } from '../schema';
import { isNetLandWorkType, netLandProblems, type GuardProblem, type NetLandFacts } from '../rules';
import { supplyPlanListings, titleCancellations, workExemptions } from './schema';

export interface WorkExemptionView {
  id: string;
  workType: string;
  reason: string;
  recordedOn: string;
  actor: PersonLabel | null;
}

export interface TitleCancellationView {
  id: string;
  certNo: string;
  cancelledOn: string;
  note: string | null;
}

export interface SupplyPlanListingView {
  id: string;
  planYear: number;
  docNo: string;
  listedOn: string;
}

export async function listWorkExemptions(db: Db | Tx, parcelId: string): Promise<WorkExemptionView[]> {
  const rows = await db
    .select({ id: workExemptions.id, workType: workExemptions.workType, reason: workExemptions.reason, recordedOn: workExemptions.recordedOn, actorId: workExemptions.createdBy })
    .from(workExemptions)
    .where(eq(workExemptions.parcelId, parcelId))
    .orderBy(asc(workExemptions.workType));
  return (await withActors(db, rows.map((r) => ({ ...r, actorName: null })))).map(({ id, workType, reason, recordedOn, actor }) => ({ id, workType, reason, recordedOn, actor }));
}

export async function listTitleCancellations(db: Db | Tx, parcelId: string): Promise<TitleCancellationView[]> {
  return db
    .select({ id: titleCancellations.id, certNo: titleCancellations.certNo, cancelledOn: titleCancellations.cancelledOn, note: titleCancellations.note })
    .from(titleCancellations)
    .where(eq(titleCancellations.parcelId, parcelId))
    .orderBy(asc(titleCancellations.cancelledOn), asc(titleCancellations.id));
}

export async function listSupplyPlanListings(db: Db | Tx, parcelId: string): Promise<SupplyPlanListingView[]> {
  return db
    .select({ id: supplyPlanListings.id, planYear: supplyPlanListings.planYear, docNo: supplyPlanListings.docNo, listedOn: supplyPlanListings.listedOn })
    .from(supplyPlanListings)
    .where(eq(supplyPlanListings.parcelId, parcelId))
    .orderBy(asc(supplyPlanListings.planYear));
}

/** The 净地 facts of one parcel, as the 可供应 guard reads them. */
export async function getNetLandFacts(db: Db | Tx, parcelId: string): Promise<NetLandFacts> {
  const [parcel] = await db
    .select({
      titleCertNo: parcels.titleCertNo,
      custodyMode: parcels.custodyMode,
      tempUseStart: parcels.tempUseStart,
      tempUseEnd: parcels.tempUseEnd,
      tempUseEndedOn: parcels.tempUseEndedOn,
    })
    .from(parcels)
    .where(eq(parcels.id, parcelId));
  const [exemptions, cancellations, listings] = await Promise.all([
    db.select({ workType: workExemptions.workType, reason: workExemptions.reason }).from(workExemptions).where(eq(workExemptions.parcelId, parcelId)),
    listTitleCancellations(db, parcelId),
    listSupplyPlanListings(db, parcelId),
  ]);
  return {
    exemptions,
    titleCertNo: parcel?.titleCertNo ?? null,
    titleCancellations: cancellations.map((c) => ({ certNo: c.certNo, cancelledOn: c.cancelledOn })),
    supplyPlans: listings.map((l) => ({ year: l.planYear, docNo: l.docNo, listedOn: l.listedOn })),
    custodyMode: parcel?.custodyMode ?? null,
    tempUseStart: parcel?.tempUseStart ?? null,
    tempUseEnd: parcel?.tempUseEnd ?? null,
    tempUseEndedOn: parcel?.tempUseEndedOn ?? null,
  };
}

/** The document number of the current annual plan of each year asked (to suggest on the listing form). */
export async function annualPlanDocNos(db: Db | Tx, years: readonly number[]): Promise<Record<number, string>> {
  if (years.length === 0) return {};
  const rows = await db
    .select({ year: plans.startYear, docNo: plans.docNo })
    .from(plans)
    .where(and(eq(plans.planType, 'annual'), eq(plans.status, 'current'), inArray(plans.startYear, [...years])));
  return Object.fromEntries(rows.filter((r) => r.docNo).map((r) => [r.year, r.docNo!]));
}

export interface NetLandView {
  titleCertNo: string | null;
  titleRegisteredOn: string | null;
  exemptions: WorkExemptionView[];
  cancellations: TitleCancellationView[];
  listings: SupplyPlanListingView[];
  /** The accepted package dates of the 净地 work types, by type. */
  acceptedWorks: { workType: string; acceptedOn: string }[];
  /** Temporary use on record: running (mode 临时利用) or ended. */
  tempUse: { running: boolean; start: string | null; end: string | null; endedOn: string | null } | null;
  /** The 净地 conditions not met if the parcel became ready today. */
  problems: GuardProblem[];
  /** The current annual plan's document number for this year and the next, to suggest. */
  planDocNos: Record<number, string>;
}

/** The 净地 card of the 前期开发 page: every condition, what is recorded, and what is missing today. */
export async function getNetLandView(db: Db | Tx, parcelId: string, today: string): Promise<NetLandView> {
  const [facts, exemptions, cancellations, listings, works, [parcel]] = await Promise.all([
    getNetLandFacts(db, parcelId),
    listWorkExemptions(db, parcelId),
    listTitleCancellations(db, parcelId),
    listSupplyPlanListings(db, parcelId),
    db.select({ workType: workPackages.workType, acceptedOn: workPackages.acceptedOn }).from(workPackages).where(eq(workPackages.parcelId, parcelId)),
    db.select({ titleRegisteredOn: parcels.titleRegisteredOn }).from(parcels).where(eq(parcels.id, parcelId)),
  ]);
  const year = Number(today.slice(0, 4));
  const problems = netLandProblems({ today, eventDate: today, titleRegistered: !!parcel?.titleRegisteredOn, workPackages: works, netLand: facts });
  return {
    titleCertNo: facts.titleCertNo,
    titleRegisteredOn: parcel?.titleRegisteredOn ?? null,
    exemptions,
    cancellations,
    listings,
    acceptedWorks: works.filter((w): w is { workType: string; acceptedOn: string } => isNetLandWorkType(w.workType) && !!w.acceptedOn),
    tempUse:
      facts.custodyMode === '临时利用' || facts.tempUseStart
        ? { running: facts.custodyMode === '临时利用', start: facts.tempUseStart, end: facts.tempUseEnd, endedOn: facts.tempUseEndedOn }
        : null,
    problems,
    planDocNos: await annualPlanDocNos(db, [year, year + 1]),
  };
}

export interface SupplyPlanParcelRow {
  parcelId: string;
  code: string;
  name: string;
  stage: string;
  areaM2: string;
  docNo: string;
  listedOn: string;
}

/** The parcels listed in a year's supply plan (the annual plan page shows them beside its supply target). */
export async function listSupplyPlanParcels(db: Db | Tx, year: number): Promise<SupplyPlanParcelRow[]> {
  return db
    .select({
      parcelId: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      areaM2: parcels.areaM2,
      docNo: supplyPlanListings.docNo,
      listedOn: supplyPlanListings.listedOn,
    })
    .from(supplyPlanListings)
    .innerJoin(parcels, eq(parcels.id, supplyPlanListings.parcelId))
    .where(eq(supplyPlanListings.planYear, year))
    .orderBy(asc(supplyPlanListings.listedOn), asc(parcels.code));
}
