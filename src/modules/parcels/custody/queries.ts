import 'server-only';
import { desc, eq, max } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { getSettings, getSettingSourceTexts } from '@/platform/settings';
import { custodyInspections, parcels } from '../schema';
import type { TCustodyMode, TStage } from '../stages';
import { tempUseTermProblem, type GuardProblem } from '../rules';
import { INSPECTION_OWNER, listAttachments, type AttachmentView } from './attachments';
import { custodyStageProblem, TEMP_USE_MODE } from './validation';

export interface CustodyParcel {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  version: number;
  custodyMode: TCustodyMode | null;
  custodian: string | null;
  tempUseConsentNo: string | null;
  tempUsePurpose: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  tempUseNoPermanent: boolean | null;
  tempUseEndedOn: string | null;
}

export interface InspectionView {
  id: string;
  inspectedOn: string;
  inspector: string;
  findings: string | null;
  rectification: string | null;
  rectifiedOn: string | null;
  photos: Pick<AttachmentView, 'id' | 'fileName' | 'sizeBytes' | 'url'>[];
}

export async function findCustodyParcel(db: Db | Tx, parcelId: string): Promise<CustodyParcel | null> {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(parcelId)) return null;
  const [row] = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      version: parcels.version,
      custodyMode: parcels.custodyMode,
      custodian: parcels.custodian,
      tempUseConsentNo: parcels.tempUseConsentNo,
      tempUsePurpose: parcels.tempUsePurpose,
      tempUseStart: parcels.tempUseStart,
      tempUseEnd: parcels.tempUseEnd,
      tempUseNoPermanent: parcels.tempUseNoPermanent,
      tempUseEndedOn: parcels.tempUseEndedOn,
    })
    .from(parcels)
    .where(eq(parcels.id, parcelId));
  return row ? { ...row, stage: row.stage as TStage, custodyMode: row.custodyMode as TCustodyMode | null } : null;
}

/** Inspections, newest first, each with its photos. */
export async function listInspections(db: Db | Tx, parcelId: string): Promise<InspectionView[]> {
  const rows = await db
    .select({
      id: custodyInspections.id,
      inspectedOn: custodyInspections.inspectedOn,
      inspector: custodyInspections.inspector,
      findings: custodyInspections.findings,
      rectification: custodyInspections.rectification,
      rectifiedOn: custodyInspections.rectifiedOn,
    })
    .from(custodyInspections)
    .where(eq(custodyInspections.parcelId, parcelId))
    .orderBy(desc(custodyInspections.inspectedOn), desc(custodyInspections.createdAt));
  const photos = await listAttachments(
    db,
    INSPECTION_OWNER,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    photos: photos.filter((p) => p.ownerId === r.id).map((p) => ({ id: p.id, fileName: p.fileName, sizeBytes: p.sizeBytes, url: p.url })),
  }));
}

/** For the overdue-inspection warning and the lifecycle: the latest inspection date, or null. */
export async function getLastInspectionOn(db: Db | Tx, parcelId: string): Promise<string | null> {
  const [row] = await db.select({ last: max(custodyInspections.inspectedOn) }).from(custodyInspections).where(eq(custodyInspections.parcelId, parcelId));
  return row?.last ?? null;
}

export interface CustodyView {
  parcel: CustodyParcel;
  tempUseLimitMonths: number;
  /** The limit's source as rules cite it (with 待核实 / 已核实). */
  tempUseLimitSource: string;
  /** The configured-limit warning for the saved term (with its source), or null. */
  tempUseWarning: GuardProblem | null;
  inspections: InspectionView[];
  lastInspectionOn: string | null;
  /** Why custody cannot be recorded in this stage, or null. */
  stageProblem: string | null;
}

export async function getCustodyView(db: Db, parcelId: string): Promise<CustodyView | null> {
  const parcel = await findCustodyParcel(db, parcelId);
  if (!parcel) return null;
  const [settings, inspections] = await Promise.all([getSettings(db), listInspections(db, parcel.id)]);
  const limit = settings['parcel.tempUseLimitMonths'];
  const source = (await getSettingSourceTexts(db, settings))['parcel.tempUseLimitMonths'];
  return {
    parcel,
    tempUseLimitMonths: limit,
    tempUseLimitSource: source,
    tempUseWarning: parcel.custodyMode === TEMP_USE_MODE ? tempUseTermProblem(parcel.tempUseStart, parcel.tempUseEnd, limit, source) : null,
    inspections,
    lastInspectionOn: inspections[0]?.inspectedOn ?? null,
    stageProblem: custodyStageProblem(parcel.stage, '管护信息和巡查记录'),
  };
}
