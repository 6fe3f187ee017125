import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/platform/db/client';
import { isPolygonalGeometry } from '@/platform/geo/geometry';
import { isValidTile, tileAt, tileBBox, type TileCoord } from '@/platform/geo/mvt';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { GENERIC_FAILURE } from '@/platform/errors';
import { getLogger } from '@/platform/logger';
import { todayInShanghai } from '@/ui/format';
import { parcelWarnings, warningLevel, type WarningFacts, type WarningLimits } from '@/modules/parcels/rules';
import { WARNING_STAGES } from '@/modules/parcels/warning-facts';
import { parcelWarningLevels } from '@/modules/parcels/warning-levels';
import { EMPTY_FILTERS, mapFilterQuery, parseMapFilters, type MapFilters } from '../validation';
import { buildClusterTile, buildPolygonTile, TILE_BUFFER, type TileParcel } from './build';
import { ByteLru, SingleFlight } from './cache';
import { POLYGON_MIN_ZOOM, TILE_EXTENT, TILE_MAX_ZOOM } from './contract';
import { ParcelOverview, WARN_AMBER, WARN_NONE, WARN_RED, type OverviewParcel } from './overview';
import { maxParcelLonSpan, selectOverviewRows, selectTileParcels, tileWarningLimits, type TileParcelRow } from './source';
import { parcelDataVersion, parcelDataDbKey } from '@/modules/parcels/data-version';

/*
 * The parcel tile service: data version → per-version context (warning limits, widest parcel,
 * the overview for low zooms) → tile cache → build.
 *
 * Cache key: (database, data version, today, filters, z/x/y). The data version follows every
 * audited change that can alter a tile (version.ts); `today` is in the key because warnings
 * depend on the date; settings changes are audited, so the limits are read once per version.
 */

/** Memory budget of the tile cache. */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;
/** Per-version contexts kept (each may hold an overview of about 40 bytes per parcel). */
const CONTEXTS_KEPT = 3;

interface CachedTile {
  bytes: Uint8Array;
  etag: string;
  size: number;
}

interface VersionContext {
  size: number;
  limits: Promise<WarningLimits>;
  maxLonSpan: Promise<number>;
  overview?: Promise<ParcelOverview>;
  /** The overview once built: polygon tiles then take each parcel's warning from it. */
  overviewReady?: ParcelOverview;
}

/*
 * One set of caches per process, on globalThis: Next evaluates server modules once per route
 * bundle (and once more for instrumentation.ts), and the tile route, the statistics route and
 * the start-up warmer must share the overview they build.
 */
const g = globalThis as unknown as {
  __lrParcelTiles?: { tiles: ByteLru<CachedTile>; flights: SingleFlight<CachedTile>; contexts: ByteLru<VersionContext> };
};
g.__lrParcelTiles ??= {
  tiles: new ByteLru<CachedTile>(TILE_CACHE_BYTES),
  flights: new SingleFlight<CachedTile>(),
  contexts: new ByteLru<VersionContext>(Number.MAX_SAFE_INTEGER, CONTEXTS_KEPT),
};
const { tiles, flights, contexts } = g.__lrParcelTiles;

/** Drops every cached tile and (unless kept) every per-version context (tests, the benchmark). */
export function clearTileCache(opts: { keepContexts?: boolean } = {}): void {
  tiles.clear();
  if (!opts.keepContexts) contexts.clear();
}

export function tileCacheStats(): { entries: number; bytes: number } {
  return { entries: tiles.count, bytes: tiles.bytes };
}

function contextFor(db: Db, key: string): VersionContext {
  let ctx = contexts.get(key);
  if (!ctx) {
    const created: VersionContext = { size: 1, limits: tileWarningLimits(db), maxLonSpan: maxParcelLonSpan(db) };
    // A failed read must not stay cached.
    const forget = () => {
      if (contexts.get(key) === created) contexts.delete(key);
    };
    created.limits.catch(forget);
    created.maxLonSpan.catch(forget);
    contexts.set(key, created);
    ctx = created;
  }
  return ctx;
}

const WARN_CODE = { red: WARN_RED, amber: WARN_AMBER } as const;

function warnOf(row: WarningFacts, limits: WarningLimits, today: string): 'red' | 'amber' | null {
  return warningLevel(parcelWarnings(row, limits, today));
}

const WARNING_STAGE_SET: ReadonlySet<string> = new Set(WARNING_STAGES);

async function buildOverview(db: Db, limits: WarningLimits, today: string): Promise<ParcelOverview> {
  const rows = await selectOverviewRows(db);
  const parcels: OverviewParcel[] = rows.map((r) => {
    // Parcels outside the warning stages raise none (the parcels module pre-selects the same way).
    const level = WARNING_STAGE_SET.has(r.stage) ? warnOf(r, limits, today) : null;
    return {
      id: r.id,
      centerLon: r.centerLon,
      centerLat: r.centerLat,
      halfLon: r.halfLon,
      halfLat: r.halfLat,
      areaM2: Number(r.areaM2),
      stage: r.stage,
      warn: level ? WARN_CODE[level] : WARN_NONE,
      districtCode: r.districtCode,
      projectId: r.projectId,
      plannedUse: r.plannedUse,
      firstEventYear: r.firstEventOn ? Number(r.firstEventOn.slice(0, 4)) : null,
    };
  });
  return new ParcelOverview(parcels);
}

/** The overview of the current version (built on first use, then shared). */
function overviewOf(db: Db, ctx: VersionContext, key: string, today: string): Promise<ParcelOverview> {
  if (!ctx.overview) {
    const p = ctx.limits.then((limits) => buildOverview(db, limits, today));
    p.then(
      (overview) => {
        if (ctx.overview === p) ctx.overviewReady = overview;
      },
      () => {
        if (ctx.overview === p) ctx.overview = undefined;
      },
    );
    ctx.overview = p;
    getLogger().debug({ key }, 'tile overview build started');
  }
  return ctx.overview;
}

const WARN_NAME = { [WARN_NONE]: null, [WARN_AMBER]: 'amber', [WARN_RED]: 'red' } as const;

async function buildTile(db: Db, ctx: VersionContext, versionKey: string, tile: TileCoord, f: MapFilters, today: string): Promise<Uint8Array> {
  if (tile.z < POLYGON_MIN_ZOOM) return buildClusterTile(await overviewOf(db, ctx, versionKey, today), tile, f);
  const [limits, span] = await Promise.all([ctx.limits, ctx.maxLonSpan]);
  const bbox = tileBBox(tile, TILE_BUFFER / TILE_EXTENT);
  // With this version's overview at hand, the warnings are known: read no facts. A parcel it
  // does not hold (no centre) sends the tile back to the full query.
  const overview = ctx.overviewReady;
  let rows = await selectTileParcels(db, bbox, f, span, !overview);
  let warnings = (r: TileParcelRow) => warnOf(r, limits, today);
  if (overview) {
    const known = rows.every((r) => overview.warnOfId(r.id) !== undefined);
    if (known) warnings = (r) => WARN_NAME[overview.warnOfId(r.id)!];
    else rows = await selectTileParcels(db, bbox, f, span, true);
  }
  const parcels: TileParcel[] = [];
  for (const r of rows) {
    if (!isPolygonalGeometry(r.geometry)) continue;
    const warn = warnings(r);
    if (f.warn && !warn) continue;
    parcels.push({ id: r.id, code: r.code, name: r.name, stage: r.stage, warn: warn ?? '', areaM2: Number(r.areaM2), project: r.projectCode ?? '', geometry: r.geometry });
  }
  return buildPolygonTile(parcels, tile);
}

export interface ParcelTile {
  /** Empty when no parcel falls in the tile. */
  bytes: Uint8Array;
  /** Quoted strong ETag: a digest of the bytes. */
  etag: string;
  /** True when served from the cache. */
  cached: boolean;
}

/** One parcel tile (from the cache when the data has not changed since it was built). */
export async function getParcelTile(db: Db, tile: TileCoord, f: MapFilters, today: string = todayInShanghai()): Promise<ParcelTile> {
  const version = await parcelDataVersion(db);
  const versionKey = `${parcelDataDbKey(db)}:${version}:${today}`;
  const key = `${versionKey}|${mapFilterQuery(f)}|${tile.z}/${tile.x}/${tile.y}`;
  const hit = tiles.get(key);
  if (hit) return { bytes: hit.bytes, etag: hit.etag, cached: true };
  const built = await flights.run(key, async () => {
    const bytes = await buildTile(db, contextFor(db, versionKey), versionKey, tile, f, today);
    const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
    const entry = { bytes, etag, size: bytes.length + 2 * key.length + 96 };
    tiles.set(key, entry);
    return entry;
  });
  return { bytes: built.bytes, etag: built.etag, cached: false };
}

/** The per-version overview (the warmer; the benchmark times its build apart from the tiles). */
export async function getTileOverview(db: Db, today: string = todayInShanghai()): Promise<ParcelOverview> {
  const version = await parcelDataVersion(db);
  const versionKey = `${parcelDataDbKey(db)}:${version}:${today}`;
  return overviewOf(db, contextFor(db, versionKey), versionKey, today);
}

/** True when the overview of the current data version (and today) is built: no tile waits for it. */
export async function isTileOverviewReady(db: Db, today: string = todayInShanghai()): Promise<boolean> {
  const version = await parcelDataVersion(db);
  return contexts.get(`${parcelDataDbKey(db)}:${version}:${today}`)?.overviewReady !== undefined;
}

/** The warmer also builds every unfiltered tile with parcels up to this zoom: the opening view of the whole city and two zooms in (at 100,000 parcels, ~60 tiles). */
export const WARM_MAX_ZOOM = 10;

/** Builds (into the cache) the unfiltered low-zoom tiles holding parcels; returns how many. */
async function warmTiles(db: Db, overview: ParcelOverview, today: string): Promise<number> {
  // The tiles holding a parcel at the deepest warmed zoom (tileAt once per parcel); those of
  // each lower zoom are their parents: x and y shifted right by the difference of zooms.
  const side = 2 ** WARM_MAX_ZOOM;
  const deepest = new Set<number>();
  for (let k = 0; k < overview.size; k++) {
    const t = tileAt(overview.lon[k], overview.lat[k], WARM_MAX_ZOOM);
    deepest.add(t.x * side + t.y);
  }
  let built = 0;
  for (let z = 0; z <= WARM_MAX_ZOOM; z++) {
    const up = WARM_MAX_ZOOM - z;
    const wanted = new Set([...deepest].map((key) => `${Math.floor(key / side) >> up}/${key % side >> up}`));
    for (const xy of wanted) {
      const [x, y] = xy.split('/').map(Number);
      await getParcelTile(db, { z, x, y }, EMPTY_FILTERS, today);
      built++;
    }
  }
  return built;
}

/** How often the warmer looks at the data version (one primary-key read when nothing moved). */
export const WARM_INTERVAL_MS = 3000;

/**
 * Keeps the low-zoom overview of the current data version, the unfiltered tiles up to
 * WARM_MAX_ZOOM and the parcels' warning levels (parcels/warning-levels.ts: the parcel list's
 * warning filter, the workbench's to-dos) built before anyone asks for them: at
 * start-up, after every change (made in this process or by another server on the same
 * PostgreSQL database: the warmer polls the data version) and after midnight (warnings depend
 * on the date). Without it the first map opened after a start or a change waits for the
 * build (~2 s at 100,000 parcels). A failed build is logged and tried again on the next tick.
 */
export interface TileWarmer {
  /** Stops the polling. */
  stop(): void;
  /** Runs a round now, or waits for the one under way. */
  tick(): Promise<void>;
}

export function startTileWarmer(getDb: () => Promise<Db>, intervalMs: number = WARM_INTERVAL_MS): TileWarmer {
  let warmed = '';
  let current: Promise<void> | null = null;
  const round = async () => {
    try {
      const db = await getDb();
      const today = todayInShanghai();
      const key = `${parcelDataDbKey(db)}:${await parcelDataVersion(db)}:${today}`;
      if (key === warmed) return;
      const started = performance.now();
      const overview = await overviewOf(db, contextFor(db, key), key, today);
      const overviewMs = Math.round(performance.now() - started);
      const tiles = await warmTiles(db, overview, today);
      // The parcel list's warning filter and the workbench's to-dos read the same version's levels.
      const warned = (await parcelWarningLevels(db, today)).size;
      warmed = key;
      getLogger().info({ key, parcels: overview.size, overviewMs, tiles, warned, ms: Math.round(performance.now() - started) }, 'tile overview ready');
    } catch (e) {
      getLogger().warn({ err: e }, 'tile overview warm-up failed');
    }
  };
  const tick = () => (current ??= round().finally(() => (current = null)));
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}

const COORD = /^\d{1,8}$/;
const json = (status: number, error: string) => Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

/**
 * The HTTP answer for GET /api/tiles/parcels/{z}/{x}/{y}: 401 signed out, 403 without
 * parcel:view, 400 for bad coordinates, 304 when the ETag still matches, 204 for an empty
 * tile, else the tile. Unknown or malformed query parameters are ignored.
 */
export async function parcelTileResponse(
  db: Db,
  holder: PermissionHolder | null,
  params: { z: string; x: string; y: string },
  query: URLSearchParams,
  ifNoneMatch: string | null = null,
  today?: string,
): Promise<Response> {
  if (!holder) return json(401, '登录已失效，请重新登录');
  if (!hasPermission(holder, 'parcel:view')) return json(403, '您没有查看地块的权限');
  const [z, x, y] = [params.z, params.x, params.y].map((v) => (COORD.test(v) ? Number(v) : Number.NaN));
  if (!isValidTile(z, x, y, TILE_MAX_ZOOM)) {
    return json(400, `瓦片坐标无效：z 应为 0–${TILE_MAX_ZOOM} 的整数，x、y 应为 0 至 2^z−1 的整数`);
  }
  let tile: ParcelTile;
  try {
    tile = await getParcelTile(db, { z, x, y }, parseMapFilters(query), today);
  } catch (e) {
    getLogger().error({ err: e, tile: `${z}/${x}/${y}` }, 'parcel tile failed');
    return json(500, GENERIC_FAILURE);
  }
  const headers: Record<string, string> = { etag: tile.etag, 'cache-control': 'private, no-cache', 'x-tile-cache': tile.cached ? 'hit' : 'miss' };
  if (etagMatches(ifNoneMatch, tile.etag)) return new Response(null, { status: 304, headers });
  if (tile.bytes.length === 0) return new Response(null, { status: 204, headers });
  return new Response(tile.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, 'content-type': 'application/vnd.mapbox-vector-tile', 'content-length': String(tile.bytes.length) },
  });
}
