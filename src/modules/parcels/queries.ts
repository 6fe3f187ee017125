import 'server-only';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { districts } from '@/platform/geo/schema';
import { withActors, type PersonLabel } from '@/platform/auth/people';
import { isPolygonalGeometry, type PolygonalGeometry } from '@/platform/geo/geometry';
import { getSettings, getSettingSourceTexts, type TSettingKey, type TSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { custodyInspections, parcelEvents, parcels, reserveProjects, workPackages } from './schema';
import type { TAcquisitionRoute, TStage, THazardResult } from './stages';
import type { TParcelFilter, TWarningFilter } from './validation';
import { parcelWarnings, warningLevel, type ParcelWarning } from './rules';
import { lastInspectionSql, lastWorkUpdateSql, reservedOnSql, WARNING_STAGES, warningLimitsOf, type TWarningLevel } from './warning-facts';
import { parcelWarningLevels } from './warning-levels';

/** Export cap: the route refuses to build a bigger workbook in memory. */
export const PARCEL_EXPORT_LIMIT = 50_000;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The list filter as SQL. `year` is the year the parcel entered the reserve (date of its last
 * event into 已入库), or — for parcels never reserved — the year it was registered (created_at,
 * in Asia/Shanghai).
 */
function whereOf(f: TParcelFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(parcels.code, pattern), ilike(parcels.name, pattern), ilike(parcels.supervisionNo, pattern), ilike(parcels.location, pattern)));
  }
  if (f.stage) parts.push(eq(parcels.stage, f.stage));
  if (f.district) parts.push(eq(parcels.districtCode, f.district));
  if (f.project) parts.push(eq(parcels.projectId, f.project));
  if (f.use) parts.push(eq(parcels.plannedUse, f.use));
  if (f.year) {
    const start = new Date(`${f.year}-01-01T00:00:00+08:00`);
    const end = new Date(`${f.year + 1}-01-01T00:00:00+08:00`);
    parts.push(
      or(
        sql`${reservedOnSql} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`,
        and(sql`${reservedOnSql} is null`, gte(parcels.createdAt, start), lt(parcels.createdAt, end)),
      ),
    );
  }
  if (f.warn) parts.push(inArray(parcels.stage, [...WARNING_STAGES]));
  return parts.length ? and(...parts) : undefined;
}

function orderOf(f: TParcelFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  const column = { code: parcels.code, area: parcels.areaM2, stageSince: parcels.stageSince, created: parcels.createdAt }[f.sort];
  return f.sort === 'code' ? [dir(parcels.code)] : [dir(column), asc(parcels.code)];
}

export interface ParcelRow {
  id: string;
  code: string;
  name: string;
  supervisionNo: string | null;
  location: string | null;
  projectId: string;
  projectCode: string | null;
  projectName: string | null;
  districtCode: string | null;
  districtName: string | null;
  stage: TStage;
  stageSince: string;
  areaM2: string;
  currentUse: string | null;
  plannedUse: string | null;
  plotRatio: string | null;
  servicing: string | null;
  titleCertNo: string | null;
  titleRegisteredOn: string | null;
  hazardSoil: THazardResult;
  hazardRelics: THazardResult;
  hazardMinerals: THazardResult;
  hazardFlood: THazardResult;
  hazardGeology: THazardResult;
  hazardSoilReason: string | null;
  hazardRelicsReason: string | null;
  hazardMineralsReason: string | null;
  hazardFloodReason: string | null;
  hazardGeologyReason: string | null;
  soilKeySupervised: boolean;
  acquisitionDocNo: string | null;
  custodyMode: string | null;
  custodian: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  createdAt: Date;
  reservedOn: string | null;
  lastInspectionOn: string | null;
  lastDevelopmentUpdateOn: string | null;
  isDemo: boolean;
}

export type ParcelRowWithWarnings = ParcelRow & { warnings: ParcelWarning[]; warningLevel: TWarningLevel | null };

const rowColumns = {
  id: parcels.id,
  code: parcels.code,
  name: parcels.name,
  supervisionNo: parcels.supervisionNo,
  location: parcels.location,
  projectId: parcels.projectId,
  projectCode: reserveProjects.code,
  projectName: reserveProjects.name,
  districtCode: parcels.districtCode,
  districtName: districts.name,
  stage: parcels.stage,
  stageSince: parcels.stageSince,
  areaM2: parcels.areaM2,
  currentUse: parcels.currentUse,
  plannedUse: parcels.plannedUse,
  plotRatio: parcels.plotRatio,
  servicing: parcels.servicing,
  titleCertNo: parcels.titleCertNo,
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
  custodyMode: parcels.custodyMode,
  custodian: parcels.custodian,
  tempUseStart: parcels.tempUseStart,
  tempUseEnd: parcels.tempUseEnd,
  createdAt: parcels.createdAt,
  reservedOn: reservedOnSql.mapWith(parcelEvents.eventDate),
  lastInspectionOn: lastInspectionSql.mapWith(custodyInspections.inspectedOn),
  lastDevelopmentUpdateOn: lastWorkUpdateSql.mapWith(workPackages.updatedOn),
  isDemo: parcels.isDemo,
};

async function selectRows(db: Db | Tx, where: SQL | undefined, order: SQL[], range?: { limit: number; offset: number }): Promise<ParcelRow[]> {
  const q = db
    .select(rowColumns)
    .from(parcels)
    .leftJoin(reserveProjects, eq(reserveProjects.id, parcels.projectId))
    .leftJoin(districts, eq(districts.adcode, parcels.districtCode))
    .where(where)
    .orderBy(...order);
  const rows = range ? await q.limit(range.limit).offset(range.offset) : await q;
  return rows.map((r) => ({
    ...r,
    stage: r.stage as TStage,
    hazardSoil: r.hazardSoil as THazardResult,
    hazardRelics: r.hazardRelics as THazardResult,
    hazardMinerals: r.hazardMinerals as THazardResult,
    hazardFlood: r.hazardFlood as THazardResult,
    hazardGeology: r.hazardGeology as THazardResult,
  }));
}

function withWarnings(rows: ParcelRow[], settings: TSettings, today: string, sources?: Record<TSettingKey, string>): ParcelRowWithWarnings[] {
  const limits = warningLimitsOf(settings, sources);
  return rows.map((r) => {
    const warnings = parcelWarnings(r, limits, today);
    return { ...r, warnings, warningLevel: warningLevel(warnings) };
  });
}

function matchesWarning(level: TWarningLevel | null, wanted: TWarningFilter): boolean {
  return wanted === 'any' ? level !== null : level === wanted;
}

/**
 * The ids of the parcels of the filter whose warning today is the wanted one, in list order: the
 * candidates' ids (the other filters and the warning stages, ordered) from SQL, their levels from
 * parcelWarningLevels (kept per data version and day), so a page reads only its own rows.
 */
async function warnedIds(db: Db, f: TParcelFilter & { warn: TWarningFilter }, where: SQL | undefined, order: SQL[], today: string): Promise<string[]> {
  const levels = await parcelWarningLevels(db, today);
  const candidates = await db.select({ id: parcels.id }).from(parcels).where(where).orderBy(...order);
  return candidates.map((c) => c.id).filter((id) => matchesWarning(levels.get(id) ?? null, f.warn));
}

/** Rows by id, in list order, read in chunks (an export may ask for tens of thousands). */
async function selectRowsByIds(db: Db, ids: readonly string[], order: SQL[]): Promise<ParcelRow[]> {
  const out: ParcelRow[] = [];
  for (let k = 0; k < ids.length; k += 5000) out.push(...(await selectRows(db, inArray(parcels.id, ids.slice(k, k + 5000)), order)));
  return out;
}

/**
 * One page of parcels with their warnings. Without the warnings filter, SQL pages. With it, the
 * candidates' ids are filtered by the warning levels (warnedIds) and the page's rows read by id:
 * at 100,000 parcels on PGlite 0.2 s once the levels are known (3.4 s when every candidate's
 * facts were read and evaluated on each request).
 */
export async function listParcels(
  db: Db,
  f: TParcelFilter,
  today: string = todayInShanghai(),
): Promise<{ rows: ParcelRowWithWarnings[]; total: number }> {
  const limits = await getSettings(db);
  const where = whereOf(f);
  const order = orderOf(f);
  if (f.warn) {
    const ids = await warnedIds(db, { ...f, warn: f.warn }, where, order, today);
    const start = (f.page - 1) * f.size;
    const rows = await selectRowsByIds(db, ids.slice(start, start + f.size), order);
    return { rows: withWarnings(rows, limits, today), total: ids.length };
  }
  const [{ total }] = await db.select({ total: count() }).from(parcels).where(where);
  const rows = await selectRows(db, where, order, { limit: f.size, offset: (f.page - 1) * f.size });
  return { rows: withWarnings(rows, limits, today), total };
}

/** Every row of the filter (all pages), capped at PARCEL_EXPORT_LIMIT; `total` is before the cap. */
export async function listParcelsForExport(
  db: Db,
  f: TParcelFilter,
  today: string = todayInShanghai(),
): Promise<{ rows: ParcelRowWithWarnings[]; total: number }> {
  const limits = await getSettings(db);
  const where = whereOf(f);
  const order = orderOf(f);
  if (f.warn) {
    const ids = await warnedIds(db, { ...f, warn: f.warn }, where, order, today);
    const rows = await selectRowsByIds(db, ids.slice(0, PARCEL_EXPORT_LIMIT), order);
    return { rows: withWarnings(rows, limits, today), total: ids.length };
  }
  const [{ total }] = await db.select({ total: count() }).from(parcels).where(where);
  const rows = await selectRows(db, where, order, { limit: PARCEL_EXPORT_LIMIT, offset: 0 });
  return { rows: withWarnings(rows, limits, today), total };
}

export interface ProjectOption {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'closed';
  route: TAcquisitionRoute;
}

/** Projects for the filter and the parcel form, by code. */
export async function listProjectOptions(db: Db | Tx): Promise<ProjectOption[]> {
  const rows = await db
    .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status, route: reserveProjects.acquisitionRoute })
    .from(reserveProjects)
    .orderBy(asc(reserveProjects.code));
  return rows.map((r) => ({ ...r, route: r.route as TAcquisitionRoute }));
}

/** Planned uses in use, for the filter. */
export async function listPlannedUses(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ v: parcels.plannedUse })
    .from(parcels)
    .where(isNotNull(parcels.plannedUse))
    .orderBy(asc(parcels.plannedUse));
  return rows.map((r) => r.v).filter((v): v is string => !!v);
}

export interface ParcelHeader {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  stageSince: string;
  areaM2: string;
  version: number;
  projectId: string;
  projectCode: string | null;
  projectName: string | null;
  districtCode: string | null;
  districtName: string | null;
}

/** The few facts every parcel page shows in its header; null for an unknown id. */
export async function getParcelHeader(db: Db | Tx, id: string): Promise<ParcelHeader | null> {
  const [row] = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      stageSince: parcels.stageSince,
      areaM2: parcels.areaM2,
      version: parcels.version,
      projectId: parcels.projectId,
      projectCode: reserveProjects.code,
      projectName: reserveProjects.name,
      districtCode: parcels.districtCode,
      districtName: districts.name,
    })
    .from(parcels)
    .leftJoin(reserveProjects, eq(reserveProjects.id, parcels.projectId))
    .leftJoin(districts, eq(districts.adcode, parcels.districtCode))
    .where(eq(parcels.id, id));
  return row ? { ...row, stage: row.stage as TStage } : null;
}

export type ParcelDetail = ParcelRowWithWarnings & { version: number; geometry: PolygonalGeometry | null };

/** Everything the 概况 page and the edit form show, with warnings; null for an unknown id. */
export async function getParcelDetail(db: Db, id: string, today: string = todayInShanghai()): Promise<ParcelDetail | null> {
  const [row] = await selectRows(db, eq(parcels.id, id), []);
  if (!row) return null;
  const [extra] = await db.select({ version: parcels.version, geometry: parcels.geometry }).from(parcels).where(eq(parcels.id, id));
  const settings = await getSettings(db);
  const [withW] = withWarnings([row], settings, today, await getSettingSourceTexts(db, settings));
  return { ...withW, version: extra.version, geometry: isPolygonalGeometry(extra.geometry) ? extra.geometry : null };
}

export interface RecentEvent {
  id: string;
  seq: number;
  fromStage: string | null;
  toStage: string;
  eventDate: string;
  actor: PersonLabel | null;
  docNo: string | null;
  reason: string | null;
  note: string | null;
}

/** The parcel's latest events, newest first. */
export async function listRecentParcelEvents(db: Db, parcelId: string, limit = 10): Promise<RecentEvent[]> {
  const rows = await db
    .select({
      id: parcelEvents.id,
      seq: parcelEvents.seq,
      fromStage: parcelEvents.fromStage,
      toStage: parcelEvents.toStage,
      eventDate: parcelEvents.eventDate,
      actorId: parcelEvents.actorId,
      actorName: parcelEvents.actorName,
      docNo: parcelEvents.docNo,
      reason: parcelEvents.reason,
      note: parcelEvents.note,
    })
    .from(parcelEvents)
    .where(eq(parcelEvents.parcelId, parcelId))
    .orderBy(desc(parcelEvents.seq))
    .limit(limit);
  return withActors(db, rows);
}

/** One district's outline (for the faint background of the boundary map). */
export async function getDistrictOutline(db: Db, adcode: string): Promise<{ name: string; geometry: PolygonalGeometry } | null> {
  const [row] = await db.select({ name: districts.name, geometry: districts.geometry }).from(districts).where(eq(districts.adcode, adcode));
  return row && isPolygonalGeometry(row.geometry) ? { name: row.name, geometry: row.geometry } : null;
}

