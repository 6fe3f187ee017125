import 'server-only';
import { and, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '@/platform/db/client';
import { qualified } from '@/platform/db/qualified';
import type { BBox } from '@/platform/geo/geometry';
import { getSettings } from '@/platform/settings';
import { custodyInspections, parcelEvents, parcels, reserveProjects, workPackages } from '@/modules/parcels/schema';
import type { TStage } from '@/modules/parcels/stages';
import {
  lastInspectionSql as parcelLastInspectionSql,
  lastWorkUpdateSql as parcelLastWorkUpdateSql,
  reservedOnSql as parcelReservedOnSql,
  WARNING_STAGES,
  warningLimitsOf,
} from '@/modules/parcels/warning-facts';
import type { WarningLimits } from '@/modules/parcels/rules';
import type { MapFilters } from '../validation';

/*
 * The database reads behind the tiles. Spatial selection uses the bbox columns (btree
 * parcels_bbox_idx on min_lon, min_lat, max_lon, max_lat): no PostGIS (COMPAT.md).
 */

/** Only parcels in the warning stages can raise a warning: the others skip the fact lookups. */
const warningStageSql = sql`${parcels.stage} in (${sql.join(
  WARNING_STAGES.map((s) => sql`${s}`),
  sql`, `,
)})`;
const inWarningStage = (fact: SQL) => sql<string | null>`case when ${warningStageSql} then ${fact} end`;

/* The facts the warning rules read: the parcels module's subqueries, for warning stages only. */
const reservedOnSql = inWarningStage(parcelReservedOnSql);
const lastInspectionSql = inWarningStage(parcelLastInspectionSql);
const lastWorkUpdateSql = inWarningStage(parcelLastWorkUpdateSql);
/** 'Y' when the parcel has its 电子监管号 (the warning rules only ask whether it is blank). */
const supervisedSql = sql<string | null>`case when coalesce(${parcels.supervisionNo}, '') <> '' then 'Y' end`;
/** Date of the parcel's first lifecycle event (registration as 拟收储): what the `year` filter reads. */
const firstEventSql = sql<string | null>`(select min(${qualified(parcelEvents.eventDate)}) from ${parcelEvents} where ${qualified(parcelEvents.parcelId)} = ${qualified(parcels.id)})`;

/** Every filter but `warn`, which the warning rules decide in code (after the stage pre-selection). */
export function filterSql(f: MapFilters): SQL[] {
  const parts: SQL[] = [];
  if (f.stages.length) parts.push(inArray(parcels.stage, f.stages));
  if (f.district) parts.push(eq(parcels.districtCode, f.district));
  if (f.project) parts.push(eq(parcels.projectId, f.project));
  if (f.use) parts.push(eq(parcels.plannedUse, f.use));
  if (f.year !== undefined) parts.push(sql`${firstEventSql} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`);
  if (f.warn) parts.push(inArray(parcels.stage, [...WARNING_STAGES]));
  return parts;
}

/**
 * Parcels whose bbox overlaps `bbox`. The btree on the bbox columns serves `min_lon` as a range
 * when it has both ends: `min_lon ≥ west − (widest parcel)` is implied by the overlap and keeps
 * the index scan to a strip of the map.
 */
function overlapSql(bbox: BBox, maxLonSpan: number): SQL {
  return and(
    gte(parcels.minLon, bbox.minLon - maxLonSpan),
    lte(parcels.minLon, bbox.maxLon),
    gte(parcels.maxLon, bbox.minLon),
    lte(parcels.minLat, bbox.maxLat),
    gte(parcels.maxLat, bbox.minLat),
  )!;
}

export interface TileParcelRow {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  stageSince: string;
  areaM2: string;
  projectCode: string | null;
  geometry: unknown;
  custodyMode: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  reservedOn: string | null;
  lastInspectionOn: string | null;
  lastDevelopmentUpdateOn: string | null;
  /** 'Y' when the 电子监管号 is recorded (its value is not needed here). */
  supervisionNo: string | null;
}

/* Packing: one text value for the whole overview on the embedded database (see selectOverviewRows). */
const FIELD = '|';
const num = (v: SQL | AnyPgColumn) => sql`coalesce(cast(${v} as text), '')`;
const day = (v: SQL | AnyPgColumn) => sql`coalesce(to_char(${v}, 'YYYY-MM-DD'), '')`;
/** Free text, with the separators escaped (%25, %7C, %0A; decoded by unpackText). */
const text = (v: SQL | AnyPgColumn) => sql`replace(replace(replace(coalesce(${v}, ''), '%', '%25'), '|', '%7C'), chr(10), '%0A')`;
const UNESCAPE: Record<string, string> = { '%25': '%', '%7C': '|', '%0A': '\n' };
const unpackText = (v: string): string | null => (v === '' ? null : v.replace(/%(?:25|7C|0A)/g, (m) => UNESCAPE[m]));
const orNull = (v: string): string | null => (v === '' ? null : v);

/**
 * `select <fields> <from>` packed into one text value on the server (string_agg of the fields
 * joined by FIELD, rows by newline) and split back here: one returned row instead of thousands.
 * Every field but the last must be escaped (`text`, `num`, `day`); the last may hold FIELD
 * (it is rejoined), not a newline.
 */
async function selectPacked(db: Db, fields: SQL[], from: SQL, what: string): Promise<string[][]> {
  const [row] = await queryRows<{ packed: string | null }>(db, sql`select string_agg(concat_ws(${FIELD}, ${sql.join(fields, sql`, `)}), chr(10)) as packed ${from}`);
  if (!row?.packed) return [];
  const last = fields.length - 1;
  return row.packed.split('\n').map((line) => {
    const v = line.split(FIELD);
    if (v.length < fields.length) throw new Error(`${what} row with ${v.length} fields`);
    return v.length === fields.length ? v : [...v.slice(0, last), v.slice(last).join(FIELD)];
  });
}

const noFact = sql<string | null>`null`;

/**
 * Parcels (with a boundary) overlapping the bbox, with the filters and, unless `facts` is false
 * (the caller knows the warnings already), the facts of the warning rules. `how` picks the
 * transfer as for the overview: packed into one text value on the embedded database (a dense
 * zoom-13 tile of ~900 parcels: ~27 ms row by row, ~12 ms packed), row by row on PostgreSQL.
 */
export async function selectTileParcels(
  db: Db,
  bbox: BBox,
  f: MapFilters,
  maxLonSpan: number,
  facts = true,
  how: 'auto' | 'packed' | 'rows' = 'auto',
): Promise<TileParcelRow[]> {
  const where = and(overlapSql(bbox, maxLonSpan), isNotNull(parcels.geometry), ...filterSql(f))!;
  if (how === 'packed' || (how === 'auto' && isEmbedded(db))) return selectTileParcelsPacked(db, where, facts);
  const rows = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      name: parcels.name,
      stage: parcels.stage,
      stageSince: parcels.stageSince,
      areaM2: parcels.areaM2,
      projectCode: reserveProjects.code,
      geometry: parcels.geometry,
      custodyMode: parcels.custodyMode,
      tempUseStart: parcels.tempUseStart,
      tempUseEnd: parcels.tempUseEnd,
      reservedOn: (facts ? reservedOnSql : noFact).mapWith(parcelEvents.eventDate),
      lastInspectionOn: (facts ? lastInspectionSql : noFact).mapWith(custodyInspections.inspectedOn),
      lastDevelopmentUpdateOn: (facts ? lastWorkUpdateSql : noFact).mapWith(workPackages.updatedOn),
      supervisionNo: supervisedSql,
    })
    .from(parcels)
    .leftJoin(reserveProjects, eq(reserveProjects.id, parcels.projectId))
    .where(where);
  return rows.map((r) => ({ ...r, stage: r.stage as TStage }));
}

async function selectTileParcelsPacked(db: Db, where: SQL, facts: boolean): Promise<TileParcelRow[]> {
  const none = sql`''`;
  const fields = [
    text(parcels.id),
    text(parcels.code),
    text(parcels.name),
    text(parcels.stage),
    day(parcels.stageSince),
    num(parcels.areaM2),
    text(reserveProjects.code),
    text(parcels.custodyMode),
    day(parcels.tempUseStart),
    day(parcels.tempUseEnd),
    facts ? day(reservedOnSql) : none,
    facts ? day(lastInspectionSql) : none,
    facts ? day(lastWorkUpdateSql) : none,
    text(supervisedSql),
    // Last and unescaped: JSON text holds no newline, and selectPacked rejoins any FIELD in it.
    sql`cast(${parcels.geometry} as text)`,
  ];
  const rows = await selectPacked(db, fields, sql`from ${parcels} left join ${reserveProjects} on ${reserveProjects.id} = ${parcels.projectId} where ${where}`, 'tile');
  return rows.map((v) => ({
    id: unpackText(v[0]) ?? '',
    code: unpackText(v[1]) ?? '',
    name: unpackText(v[2]) ?? '',
    stage: unpackText(v[3]) as TStage,
    stageSince: v[4],
    areaM2: v[5],
    projectCode: unpackText(v[6]),
    custodyMode: unpackText(v[7]),
    tempUseStart: orNull(v[8]),
    tempUseEnd: orNull(v[9]),
    reservedOn: orNull(v[10]),
    lastInspectionOn: orNull(v[11]),
    lastDevelopmentUpdateOn: orNull(v[12]),
    supervisionNo: orNull(v[13]),
    geometry: JSON.parse(v[14]) as unknown,
  }));
}

/** The widest parcel's longitude span (degrees), 0 when there is none. */
export async function maxParcelLonSpan(db: Db): Promise<number> {
  const [row] = await db.select({ span: sql<number | null>`max(${parcels.maxLon} - ${parcels.minLon})`.mapWith(Number) }).from(parcels);
  return row?.span && Number.isFinite(row.span) ? row.span : 0;
}

/** The configured warning limits. */
export async function tileWarningLimits(db: Db): Promise<WarningLimits> {
  return warningLimitsOf(await getSettings(db));
}

export interface OverviewSourceRow {
  id: string;
  centerLon: number;
  centerLat: number;
  /** Half the bbox's width and height around the centre (the larger side), degrees. */
  halfLon: number;
  halfLat: number;
  areaM2: string;
  stage: TStage;
  stageSince: string;
  districtCode: string | null;
  projectId: string;
  plannedUse: string | null;
  custodyMode: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  firstEventOn: string | null;
  reservedOn: string | null;
  lastInspectionOn: string | null;
  lastDevelopmentUpdateOn: string | null;
  /** 'Y' when the 电子监管号 is recorded. */
  supervisionNo: string | null;
}

/* The facts per parcel from grouped derived tables: one pass over each table, not a lookup per parcel. */
const factJoins = sql`left join (select ${parcelEvents.parcelId} as pid, min(${parcelEvents.eventDate}) as first_on, max(case when ${parcelEvents.toStage} = '已入库' then ${parcelEvents.eventDate} end) as reserved_on from ${parcelEvents} group by ${parcelEvents.parcelId}) tile_events on tile_events.pid = ${parcels.id}
    left join (select ${custodyInspections.parcelId} as pid, max(${custodyInspections.inspectedOn}) as d from ${custodyInspections} group by ${custodyInspections.parcelId}) tile_inspected on tile_inspected.pid = ${parcels.id}
    left join (select ${workPackages.parcelId} as pid, max(${workPackages.updatedOn}) as d from ${workPackages} group by ${workPackages.parcelId}) tile_worked on tile_worked.pid = ${parcels.id}`;
/**
 * Half the parcel's extent around its centre along one axis (the larger side), in units of 1e-7
 * degree (about 1 cm): a short integer in the packed text.
 */
const HALF_UNIT = 1e7;
const halfExtent = (min: AnyPgColumn, max: AnyPgColumn, centre: AnyPgColumn) =>
  sql`coalesce(round(greatest(${max} - ${centre}, ${centre} - ${min}) * ${sql.raw(String(HALF_UNIT))}), 0)`;
const halfLonSql = halfExtent(parcels.minLon, parcels.maxLon, parcels.centerLon);
const halfLatSql = halfExtent(parcels.minLat, parcels.maxLat, parcels.centerLat);
const overviewWhere = sql`${parcels.centerLon} is not null and ${parcels.centerLat} is not null and ${parcels.geometry} is not null`;

/** A date column as the drivers return it (string; a Date only if a driver was set up otherwise). */
function isoDay(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

/** The overview rows one per result row: best where rows are cheap (postgres.js). */
async function selectOverviewRowByRow(db: Db): Promise<OverviewSourceRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${parcels.id} as id, ${parcels.centerLon} as lon, ${parcels.centerLat} as lat, ${halfLonSql} as half_lon, ${halfLatSql} as half_lat, cast(${parcels.areaM2} as text) as area,
      ${parcels.stage} as stage, to_char(${parcels.stageSince}, 'YYYY-MM-DD') as stage_since, ${parcels.districtCode} as district,
      ${parcels.projectId} as project, ${parcels.plannedUse} as planned_use, ${parcels.custodyMode} as custody_mode,
      to_char(${parcels.tempUseStart}, 'YYYY-MM-DD') as temp_start, to_char(${parcels.tempUseEnd}, 'YYYY-MM-DD') as temp_end,
      to_char(tile_events.first_on, 'YYYY-MM-DD') as first_on, to_char(tile_events.reserved_on, 'YYYY-MM-DD') as reserved_on,
      to_char(tile_inspected.d, 'YYYY-MM-DD') as inspected_on, to_char(tile_worked.d, 'YYYY-MM-DD') as worked_on,
      ${supervisedSql} as supervised
    from ${parcels} ${factJoins} where ${overviewWhere}`,
  );
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    id: String(r.id),
    centerLon: Number(r.lon),
    centerLat: Number(r.lat),
    halfLon: Number(r.half_lon) / HALF_UNIT,
    halfLat: Number(r.half_lat) / HALF_UNIT,
    areaM2: String(r.area),
    stage: String(r.stage) as TStage,
    stageSince: isoDay(r.stage_since) ?? '',
    districtCode: str(r.district),
    projectId: String(r.project),
    plannedUse: str(r.planned_use),
    custodyMode: str(r.custody_mode),
    tempUseStart: isoDay(r.temp_start),
    tempUseEnd: isoDay(r.temp_end),
    firstEventOn: isoDay(r.first_on),
    reservedOn: isoDay(r.reserved_on),
    lastInspectionOn: isoDay(r.inspected_on),
    lastDevelopmentUpdateOn: isoDay(r.worked_on),
    supervisionNo: str(r.supervised),
  }));
}

/**
 * The same rows packed into ONE text value (string_agg): the embedded database pays a high
 * fixed cost per row returned (100,000 light rows: about 1.5 s one by one, 0.2 s packed), while on
 * PostgreSQL building the text costs more than it saves.
 */
async function selectOverviewPacked(db: Db): Promise<OverviewSourceRow[]> {
  const fields = [
    text(parcels.id),
    num(parcels.centerLon),
    num(parcels.centerLat),
    num(parcels.areaM2),
    text(parcels.stage),
    day(parcels.stageSince),
    text(parcels.districtCode),
    text(parcels.projectId),
    text(parcels.plannedUse),
    text(parcels.custodyMode),
    day(parcels.tempUseStart),
    day(parcels.tempUseEnd),
    day(sql.raw('tile_events.first_on')),
    day(sql.raw('tile_events.reserved_on')),
    day(sql.raw('tile_inspected.d')),
    day(sql.raw('tile_worked.d')),
    num(halfLonSql),
    num(halfLatSql),
    text(supervisedSql),
  ];
  const rows = await selectPacked(db, fields, sql`from ${parcels} ${factJoins} where ${overviewWhere}`, 'overview');
  return rows.map((f) => ({
    id: unpackText(f[0]) ?? '',
    centerLon: Number(f[1]),
    centerLat: Number(f[2]),
    areaM2: f[3],
    stage: unpackText(f[4]) as TStage,
    stageSince: f[5],
    districtCode: unpackText(f[6]),
    projectId: unpackText(f[7]) ?? '',
    plannedUse: unpackText(f[8]),
    custodyMode: unpackText(f[9]),
    tempUseStart: orNull(f[10]),
    tempUseEnd: orNull(f[11]),
    firstEventOn: orNull(f[12]),
    reservedOn: orNull(f[13]),
    lastInspectionOn: orNull(f[14]),
    lastDevelopmentUpdateOn: orNull(f[15]),
    halfLon: Number(f[16]) / HALF_UNIT,
    halfLat: Number(f[17]) / HALF_UNIT,
    supervisionNo: unpackText(f[18]),
  }));
}

/** True on the embedded database: postgres.js hands drizzle a query function, PGlite an object. */
export function isEmbedded(db: Db): boolean {
  return typeof (db as unknown as { $client?: unknown }).$client !== 'function';
}

/**
 * Every parcel with a boundary: id, centre, area, stage, filter keys and the facts of the
 * warning rules (the source of the overview). `how` picks the transfer; by default packed on
 * the embedded database and row by row on PostgreSQL. Both give the same rows.
 */
export async function selectOverviewRows(db: Db, how: 'auto' | 'packed' | 'rows' = 'auto'): Promise<OverviewSourceRow[]> {
  const packed = how === 'packed' || (how === 'auto' && isEmbedded(db));
  return packed ? selectOverviewPacked(db) : selectOverviewRowByRow(db);
}
