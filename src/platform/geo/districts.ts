/**
 * County-level districts of 益阳市: loading the reference GeoJSON, writing it to the `districts`
 * table, and point lookup. Server code (node:fs); no 'server-only' import because the seed and
 * migration scripts run it under tsx, outside Next's react-server condition.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { bboxOf, isPolygonalGeometry, pointInPolygon, type BBox, type PolygonalGeometry } from './geometry';
import { districts } from './schema';

export const DISTRICTS_FILE = 'data-reference/yiyang-districts.geojson';
export const DISTRICTS_SOURCE = 'DataV.GeoAtlas（经 JamesView/chinaGeoMaps 430900.json）';

/** One row of `districts`, ready for insert. */
export interface DistrictRow {
  adcode: string;
  name: string;
  centerLon: number;
  centerLat: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  geometry: PolygonalGeometry;
  source: string;
}

export interface DistrictSummary {
  adcode: string;
  name: string;
  center: { lon: number; lat: number };
  bbox: BBox;
}

function isLonLat(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads the district GeoJSON (default: data-reference/ under the working directory) into rows. */
export function loadDistrictFeatures(filePath: string = resolve(process.cwd(), DISTRICTS_FILE)): DistrictRow[] {
  const collection = asRecord(JSON.parse(readFileSync(/*turbopackIgnore: true*/ filePath, 'utf8')) as unknown);
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`区县边界文件格式错误（应为 GeoJSON FeatureCollection）：${filePath}`);
  }
  const rows: DistrictRow[] = [];
  const seen = new Set<string>();
  collection.features.forEach((feature: unknown, index: number) => {
    const f = asRecord(feature);
    const props = asRecord(f?.properties);
    const where = `${filePath} 第 ${index + 1} 个要素`;
    const rawCode = props?.adcode;
    const adcode = typeof rawCode === 'number' || typeof rawCode === 'string' ? String(rawCode) : '';
    if (!/^[0-9A-Z]{6}$/.test(adcode)) throw new Error(`${where}：行政区划代码无效`);
    if (seen.has(adcode)) throw new Error(`${where}：行政区划代码 ${adcode} 重复`);
    seen.add(adcode);
    const name = typeof props?.name === 'string' ? props.name.trim() : '';
    if (!name) throw new Error(`${where}：缺少名称`);
    if (!isLonLat(props?.center)) throw new Error(`${where}：缺少中心点 center`);
    const geometry = f?.geometry;
    if (!isPolygonalGeometry(geometry)) throw new Error(`${where}：几何图形应为 Polygon 或 MultiPolygon`);
    const [centerLon, centerLat] = props.center;
    rows.push({ adcode, name, centerLon, centerLat, ...bboxOf(geometry), geometry, source: DISTRICTS_SOURCE });
  });
  return rows;
}

/** JSON with object keys sorted: jsonb returns keys in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    const obj = asRecord(v);
    return obj ? Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
  });
}

function sameRow(current: typeof districts.$inferSelect, row: DistrictRow): boolean {
  return (
    current.name === row.name &&
    current.centerLon === row.centerLon &&
    current.centerLat === row.centerLat &&
    current.minLon === row.minLon &&
    current.minLat === row.minLat &&
    current.maxLon === row.maxLon &&
    current.maxLat === row.maxLat &&
    current.source === row.source &&
    canonical(current.geometry) === canonical(row.geometry)
  );
}

/**
 * Inserts missing districts and updates changed ones, in one transaction. Idempotent. Upsert by
 * select … FOR UPDATE then update or insert (openGauss has no ON CONFLICT); a concurrent run
 * that inserts the same adcode first makes this one fail with a unique violation, not corrupt.
 * Districts absent from the file are left alone: parcels may still refer to them.
 */
export async function syncDistricts(
  db: Db,
  rows: readonly DistrictRow[] = loadDistrictFeatures(),
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(districts).for('update')).map((d) => [d.adcode, d]));
    for (const row of rows) {
      const current = existing.get(row.adcode);
      if (!current) {
        await tx.insert(districts).values(row);
        inserted++;
      } else if (!sameRow(current, row)) {
        const { adcode, ...changes } = row;
        await tx.update(districts).set(changes).where(eq(districts.adcode, adcode));
        updated++;
      }
    }
  });
  return { inserted, updated };
}

/** The district containing the point: bbox window in SQL, exact polygon test in code. */
export async function findDistrictAt(db: Db | Tx, lon: number, lat: number): Promise<{ adcode: string; name: string } | null> {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  const candidates = await db
    .select({ adcode: districts.adcode, name: districts.name, geometry: districts.geometry })
    .from(districts)
    .where(and(lte(districts.minLon, lon), gte(districts.maxLon, lon), lte(districts.minLat, lat), gte(districts.maxLat, lat)))
    .orderBy(asc(districts.adcode));
  for (const c of candidates) {
    if (isPolygonalGeometry(c.geometry) && pointInPolygon(lon, lat, c.geometry)) return { adcode: c.adcode, name: c.name };
  }
  return null;
}

/**
 * findDistrictAt for many points: the districts are read once and each point is looked up in
 * memory with the same rule (bbox, then point in polygon, lowest adcode first).
 */
export async function loadDistrictLookup(db: Db | Tx): Promise<(lon: number, lat: number) => { adcode: string; name: string } | null> {
  const rows = await db
    .select({ adcode: districts.adcode, name: districts.name, geometry: districts.geometry, minLon: districts.minLon, maxLon: districts.maxLon, minLat: districts.minLat, maxLat: districts.maxLat })
    .from(districts)
    .orderBy(asc(districts.adcode));
  return (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    for (const c of rows) {
      if (lon < c.minLon || lon > c.maxLon || lat < c.minLat || lat > c.maxLat) continue;
      if (isPolygonalGeometry(c.geometry) && pointInPolygon(lon, lat, c.geometry)) return { adcode: c.adcode, name: c.name };
    }
    return null;
  };
}

/** All districts without their geometry, ordered by adcode. */
export async function listDistricts(db: Db | Tx): Promise<DistrictSummary[]> {
  const rows = await db
    .select({
      adcode: districts.adcode,
      name: districts.name,
      centerLon: districts.centerLon,
      centerLat: districts.centerLat,
      minLon: districts.minLon,
      minLat: districts.minLat,
      maxLon: districts.maxLon,
      maxLat: districts.maxLat,
    })
    .from(districts)
    .orderBy(asc(districts.adcode));
  return rows.map((r) => ({
    adcode: r.adcode,
    name: r.name,
    center: { lon: r.centerLon, lat: r.centerLat },
    bbox: { minLon: r.minLon, minLat: r.minLat, maxLon: r.maxLon, maxLat: r.maxLat },
  }));
}
