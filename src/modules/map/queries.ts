import 'server-only';
import { and, asc, count, desc, eq, gte, ilike, isNotNull, lte, max, min, or, sql, sum, type SQL } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { districts } from '@/platform/geo/schema';
import { bboxOf, isPolygonalGeometry, type PolygonalGeometry } from '@/platform/geo/geometry';
import { todayInShanghai } from '@/ui/format';
import { Dec } from '@/modules/plans/amounts';
import { parcelEvents, parcels, reserveProjects, supplies } from '@/modules/parcels/schema';
import { STAGES, type TStage } from '@/modules/parcels/stages';
import { daysBetween, type ParcelWarning } from '@/modules/parcels/rules';
import { getParcelDetail, listPlannedUses, listProjectOptions } from '@/modules/parcels/queries';
import { parcelWarningLevels } from '@/modules/parcels/warning-levels';
import { listDistricts } from '@/platform/geo/districts';
import { filterSql } from './tiles/source';
import { getTileOverview } from './tiles/service';
import { SEARCH_LIMIT, type BBox, type MapFilters } from './validation';

/*
 * Reads behind the battle map (/map): the district layer, a parcel's card, search, and the
 * statistics of the current view. The parcel polygons themselves come from the tile endpoint
 * (./tiles); the filters here mean exactly what they mean there (see tiles/contract.ts).
 */

/* ---------- districts ---------- */

export interface DistrictFeatureCollection {
  type: 'FeatureCollection';
  features: (
    | { type: 'Feature'; geometry: PolygonalGeometry; properties: { adcode: string; name: string; kind: 'area' } }
    | { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { adcode: string; name: string; kind: 'label' } }
  )[];
}

/** The districts as GeoJSON: one polygon feature each plus one label point at the district's centre. */
export async function getDistrictCollection(db: Db): Promise<DistrictFeatureCollection> {
  const rows = await db
    .select({ adcode: districts.adcode, name: districts.name, centerLon: districts.centerLon, centerLat: districts.centerLat, geometry: districts.geometry })
    .from(districts)
    .orderBy(asc(districts.adcode));
  const features: DistrictFeatureCollection['features'] = [];
  for (const r of rows) {
    if (!isPolygonalGeometry(r.geometry)) continue;
    features.push({ type: 'Feature', geometry: r.geometry, properties: { adcode: r.adcode, name: r.name, kind: 'area' } });
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.centerLon, r.centerLat] },
      properties: { adcode: r.adcode, name: r.name, kind: 'label' },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Parcels whose bbox overlaps the view (the bbox columns, indexed); parcels without a boundary never match. */
function overlapsSql(b: BBox): SQL {
  return and(gte(parcels.maxLon, b.minLon), lte(parcels.minLon, b.maxLon), gte(parcels.maxLat, b.minLat), lte(parcels.minLat, b.maxLat))!;
}

/* ---------- statistics of the view ---------- */

export interface StageStat {
  stage: TStage;
  count: number;
  /** 亩, 2 decimals */
  areaMu: string;
}

export interface ViewStatistics {
  /** Every stage, in lifecycle order, zeros included. */
  stages: StageStat[];
  total: { count: number; areaMu: string };
}

const M2_TO_MU = new Dec(15).dividedBy(10000);

function statisticsOf(perStage: Map<TStage, { count: number; areaM2: InstanceType<typeof Dec> }>): ViewStatistics {
  let totalCount = 0;
  let totalM2 = new Dec(0);
  const stages = STAGES.map((stage) => {
    const s = perStage.get(stage) ?? { count: 0, areaM2: new Dec(0) };
    totalCount += s.count;
    totalM2 = totalM2.plus(s.areaM2);
    return { stage, count: s.count, areaMu: s.areaM2.times(M2_TO_MU).toFixed(2) };
  });
  return { stages, total: { count: totalCount, areaMu: totalM2.times(M2_TO_MU).toFixed(2) } };
}

/**
 * Count and area (亩) by stage of the parcels whose bbox overlaps the view, with the map's
 * filters. Areas are summed exactly (numeric in SQL, decimal.js here). With `warn`, the
 * candidates (stages in which warnings arise) are kept when the parcels module's warning levels
 * (parcels/warning-levels.ts, the same rules as the tiles and the list) give them one today.
 */
export async function viewStatistics(db: Db, bbox: BBox, f: MapFilters, today: string = todayInShanghai()): Promise<ViewStatistics> {
  const perStage = new Map<TStage, { count: number; areaM2: InstanceType<typeof Dec> }>();
  // The tiles' own filter SQL (tiles/source.ts): one definition of stage, district, project,
  // use, year (first lifecycle event) and, with `warn`, the stages in which warnings arise.
  const where = [overlapsSql(bbox), ...filterSql(f)];
  if (!f.warn) {
    const rows = await db
      .select({ stage: parcels.stage, n: count(), area: sum(parcels.areaM2) })
      .from(parcels)
      .where(and(...where))
      .groupBy(parcels.stage);
    for (const r of rows) perStage.set(r.stage as TStage, { count: Number(r.n), areaM2: new Dec(r.area ?? 0) });
    return statisticsOf(perStage);
  }
  // Read the levels (kept per data version and day) before the candidates, as every cache reader does.
  const levels = await parcelWarningLevels(db, today);
  const candidates = await db
    .select({ id: parcels.id, stage: parcels.stage, areaM2: parcels.areaM2 })
    .from(parcels)
    .where(and(...where));
  for (const c of candidates) {
    if (!levels.has(c.id)) continue;
    const stage = c.stage as TStage;
    const s = perStage.get(stage) ?? { count: 0, areaM2: new Dec(0) };
    perStage.set(stage, { count: s.count + 1, areaM2: s.areaM2.plus(c.areaM2) });
  }
  return statisticsOf(perStage);
}

/**
 * Whether the filters keep a parcel, as the tiles and the statistics filter (the map closes the
 * card of a parcel a new filter hides). False for an unknown parcel.
 */
export async function parcelMatchesFilters(db: Db, id: string, f: MapFilters, today: string = todayInShanghai()): Promise<boolean> {
  const [row] = await db
    .select({ id: parcels.id })
    .from(parcels)
    .where(and(eq(parcels.id, id), ...filterSql(f)))
    .limit(1);
  if (!row) return false;
  return !f.warn || (await parcelWarningLevels(db, today)).has(id);
}

/* ---------- search ---------- */

export interface SearchHit {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  projectCode: string | null;
  /** null when the parcel has no boundary (it cannot be shown on the map). */
  bbox: BBox | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Parcels whose code or name contains the text (case-insensitive), best first: exact code,
 * then code prefix, then the rest by code. At most `limit` hits.
 */
export async function searchParcels(db: Db, q: string, limit = SEARCH_LIMIT): Promise<SearchHit[]> {
  const text = q.trim();
  if (!text) return [];
  const pattern = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const rank = sql<number>`case when lower(${parcels.code}) = lower(${text}) then 0 when ${parcels.code} ilike ${prefix} then 1 when ${parcels.name} ilike ${prefix} then 2 else 3 end`;
  const rows = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      projectCode: reserveProjects.code,
      minLon: parcels.minLon,
      minLat: parcels.minLat,
      maxLon: parcels.maxLon,
      maxLat: parcels.maxLat,
    })
    .from(parcels)
    .leftJoin(reserveProjects, eq(reserveProjects.id, parcels.projectId))
    .where(or(ilike(parcels.code, pattern), ilike(parcels.name, pattern)))
    .orderBy(rank, asc(parcels.code))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    stage: r.stage as TStage,
    projectCode: r.projectCode,
    bbox:
      r.minLon !== null && r.minLat !== null && r.maxLon !== null && r.maxLat !== null
        ? { minLon: r.minLon, minLat: r.minLat, maxLon: r.maxLon, maxLat: r.maxLat }
        : null,
  }));
}

/* ---------- the card ---------- */

export interface ParcelValue {
  /** 元, 2 decimals */
  amount: string;
  /** How the figure was obtained. */
  basis: '成交价' | '按面积分摊的项目预计出让收入';
}

export interface ParcelCard {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  stageSince: string;
  daysInStage: number;
  /** m² as stored (decimal string) */
  areaM2: string;
  /** 亩, 2 decimals */
  areaMu: string;
  project: { id: string; code: string; name: string } | null;
  districtName: string | null;
  plannedUse: string | null;
  warnings: Pick<ParcelWarning, 'level' | 'message'>[];
  warningLevel: 'red' | 'amber' | null;
  value: ParcelValue | null;
  bbox: BBox | null;
}

/**
 * The estimate shown on the card: the deal price of a supplied parcel; otherwise the project's
 * expected sale income shared by area among its parcels that are not terminated; null without
 * the data (no deal, no expected income, a terminated parcel).
 */
async function parcelValue(db: Db, parcel: { id: string; stage: TStage; projectId: string; areaM2: string }): Promise<ParcelValue | null> {
  if (parcel.stage === '终止') return null;
  if (parcel.stage === '已供应') {
    const [deal] = await db
      .select({ price: supplies.dealPrice })
      .from(supplies)
      .where(and(eq(supplies.parcelId, parcel.id), eq(supplies.status, '成交'), isNotNull(supplies.dealPrice)))
      .orderBy(desc(supplies.createdAt), desc(supplies.id))
      .limit(1);
    if (deal?.price) return { amount: new Dec(deal.price).toFixed(2), basis: '成交价' };
  }
  const [project] = await db.select({ income: reserveProjects.expectedIncome }).from(reserveProjects).where(eq(reserveProjects.id, parcel.projectId));
  const income = new Dec(project?.income ?? 0);
  if (income.lte(0)) return null;
  const [total] = await db
    .select({ area: sum(parcels.areaM2) })
    .from(parcels)
    .where(and(eq(parcels.projectId, parcel.projectId), sql`${parcels.stage} <> '终止'`));
  const totalArea = new Dec(total?.area ?? 0);
  if (totalArea.lte(0)) return null;
  return { amount: income.times(parcel.areaM2).dividedBy(totalArea).toFixed(2), basis: '按面积分摊的项目预计出让收入' };
}

/** Everything the map's parcel card shows; null for an unknown id. */
export async function getParcelCard(db: Db, id: string, today: string = todayInShanghai()): Promise<ParcelCard | null> {
  const detail = await getParcelDetail(db, id, today);
  if (!detail) return null;
  const box = detail.geometry ? bboxOf(detail.geometry) : null;
  return {
    id: detail.id,
    code: detail.code,
    name: detail.name,
    stage: detail.stage,
    stageSince: detail.stageSince,
    daysInStage: Math.max(0, daysBetween(detail.stageSince, today)),
    areaM2: detail.areaM2,
    areaMu: new Dec(detail.areaM2).times(M2_TO_MU).toFixed(2),
    project: detail.projectCode ? { id: detail.projectId, code: detail.projectCode, name: detail.projectName ?? '' } : null,
    districtName: detail.districtName,
    plannedUse: detail.plannedUse,
    warnings: detail.warnings.map((w) => ({ level: w.level, message: w.message })),
    warningLevel: detail.warningLevel,
    value: await parcelValue(db, detail),
    bbox: box,
  };
}

/* ---------- the page ---------- */

export interface MapPageData {
  districts: { adcode: string; name: string }[];
  projects: { id: string; code: string; name: string }[];
  plannedUses: string[];
  /** Years of first lifecycle events, newest first. */
  years: number[];
  /**
   * Where the map opens without a view in the URL: the extent of the parcels the filters keep;
   * without any, the filtered district's or all districts' extent; null when there is neither.
   */
  extent: BBox | null;
}

/**
 * The extent of the parcels (with a boundary) the filters keep, null when none: from the tiles'
 * overview of the current data version (built once per version, kept per filter combination),
 * so it means exactly what the map shows.
 */
export async function getParcelExtent(db: Db, f: MapFilters, today: string = todayInShanghai()): Promise<BBox | null> {
  return (await getTileOverview(db, today)).extent(f);
}

function unionOf(boxes: BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  return {
    minLon: Math.min(...boxes.map((b) => b.minLon)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLon: Math.max(...boxes.map((b) => b.maxLon)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}

/** Options of the filter panel and the opening extent for the filters. */
export async function getMapPageData(db: Db, f: MapFilters, today: string = todayInShanghai()): Promise<MapPageData> {
  const [districtRows, projects, plannedUses, [eventRange], parcelExtent] = await Promise.all([
    listDistricts(db),
    listProjectOptions(db),
    listPlannedUses(db),
    db.select({ first: min(parcelEvents.eventDate), last: max(parcelEvents.eventDate) }).from(parcelEvents),
    getParcelExtent(db, f, today),
  ]);
  const years: number[] = [];
  if (eventRange?.first && eventRange.last) {
    for (let y = Number(eventRange.last.slice(0, 4)); y >= Number(eventRange.first.slice(0, 4)); y--) years.push(y);
  }
  const filtered = f.district ? districtRows.filter((d) => d.adcode === f.district) : [];
  return {
    districts: districtRows.map((d) => ({ adcode: d.adcode, name: d.name })),
    projects: projects.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    plannedUses,
    years,
    extent: parcelExtent ?? unionOf((filtered.length ? filtered : districtRows).map((d) => d.bbox)),
  };
}
