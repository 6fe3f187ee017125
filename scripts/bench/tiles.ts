/**
 * Benchmark of the parcel vector tiles at 100,000 parcels (issue 5).
 *
 *   npx tsx scripts/bench/tiles.ts [--parcels 100000] [--samples 80] [--data-dir DIR] [--no-pglite]
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/tiles.ts        (PGlite, then PostgreSQL)
 *
 * Generates the parcels (scripts/bench/tiles-data.ts) into a fresh embedded database in a
 * temporary DATA_DIR (or reuses --data-dir when it already holds them) and, with DATABASE_URL,
 * into a fresh PostgreSQL database (dropped afterwards); then, for zooms 8–16, takes the tiles
 * under randomly drawn parcels (where people look: dense areas weigh more) and measures with
 * the functions the route uses (getParcelTile, parcelTileResponse):
 *   - the per-version setup (warning limits, widest parcel, the low-zoom overview), paid by the
 *     first request after any change of the data,
 *   - cold: first build of each tile (cache miss, setup done),
 *   - cached: the same tile again (data-version check + cache lookup),
 *   - size per zoom, and a few requests over real HTTP (node:http → parcelTileResponse).
 * Prints Markdown tables.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rerunUnderReactServer } from '../lib/react-server';

rerunUnderReactServer('LR_TILES_BENCH_CHILD');

interface Options {
  parcels: number;
  samples: number;
  dataDir: string | null;
  pglite: boolean;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { parcels: 100_000, samples: 80, dataDir: null, pglite: true, seed: 20_260_501 };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const next = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    if (a === '--parcels') o.parcels = Number(next());
    else if (a === '--samples') o.samples = Number(next());
    else if (a === '--data-dir') o.dataDir = resolve(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--no-pglite') o.pglite = false;
    else throw new Error(`未知参数：${a}`);
  }
  if (!Number.isInteger(o.parcels) || o.parcels < 1) throw new Error('--parcels 应为正整数');
  if (!Number.isInteger(o.samples) || o.samples < 1) throw new Error('--samples 应为正整数');
  return o;
}

const ZOOMS = [8, 9, 10, 11, 12, 13, 14, 15, 16];
const TODAY = '2026-05-01';

const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN);
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const kb = (v: number) => (v / 1024).toFixed(1);

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const { openDatabase } = await import('../../src/platform/db/client');
  const { migrate } = await import('../../src/platform/db/migrate');
  const { syncPermissionCatalog } = await import('../../src/platform/permissions/sync');
  const { syncDistricts } = await import('../../src/platform/geo/districts');
  const { sql, count } = await import('drizzle-orm');
  const { parcels } = await import('../../src/modules/parcels/schema');
  const { tileAt } = await import('../../src/platform/geo/mvt');
  const { POLYGON_MIN_ZOOM } = await import('../../src/modules/map/tiles/contract');
  const { clearTileCache, getParcelTile, getTileOverview, parcelTileResponse } = await import('../../src/modules/map/tiles/service');
  const { forgetParcelData } = await import('../../src/modules/parcels/data-version');
  const { EMPTY_FILTERS, parseMapFilters } = await import('../../src/modules/map/validation');
  const { Rng } = await import('../../src/modules/parcels/demo/random');
  const { generateBenchParcels } = await import('./tiles-data');
  type Db = import('../../src/platform/db/client').Db;

  const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

  async function prepare(db: Db, label: string): Promise<void> {
    await migrate(db);
    await syncPermissionCatalog(db);
    await syncDistricts(db);
    const [{ n }] = await db.select({ n: count() }).from(parcels);
    if (n >= opts.parcels) {
      log(`${label}：已有 ${n} 个地块，跳过生成`);
      return;
    }
    if (n > 0) throw new Error(`${label} 已有 ${n} 个地块但少于 ${opts.parcels}，请换一个空的数据目录`);
    const t = performance.now();
    const s = await generateBenchParcels(db, { count: opts.parcels, seed: opts.seed, today: TODAY, onProgress: (m) => log(`${label}：${m}`) });
    log(`${label}：生成 ${s.parcels} 个地块、${s.projects} 个项目、${s.events} 条流转记录、${s.inspections} 条巡查、${s.workPackages} 个工作包，用时 ${((performance.now() - t) / 1000).toFixed(0)} s`);
    await db.execute(sql`analyze`);
  }

  /** Tiles under randomly drawn parcels, distinct, per zoom. */
  async function sampleTiles(db: Db, seed: number): Promise<Map<number, { z: number; x: number; y: number }[]>> {
    const centres = await db.select({ lon: parcels.centerLon, lat: parcels.centerLat }).from(parcels);
    const rng = new Rng(seed);
    const out = new Map<number, { z: number; x: number; y: number }[]>();
    for (const z of ZOOMS) {
      const seen = new Set<string>();
      const list: { z: number; x: number; y: number }[] = [];
      for (let k = 0; k < opts.samples * 4 && list.length < opts.samples; k++) {
        const c = centres[rng.int(0, centres.length - 1)];
        const t = tileAt(c.lon!, c.lat!, z);
        const key = `${t.x}/${t.y}`;
        if (seen.has(key)) continue;
        seen.add(key);
        list.push(t);
      }
      out.set(z, list);
    }
    return out;
  }

  async function measure(db: Db, label: string): Promise<string> {
    clearTileCache();
    forgetParcelData(db);
    const lines: string[] = [];
    let t0 = performance.now();
    await getTileOverview(db, TODAY);
    const overviewColdMs = performance.now() - t0;
    const samples = await sampleTiles(db, opts.seed + 1);
    // Warm-up as in a running server (JIT, connection): other tiles, then an empty tile cache.
    const warm = await sampleTiles(db, opts.seed + 2);
    for (const z of [10, 13, 14, 15]) for (const t of warm.get(z)!.slice(0, 15)) await getParcelTile(db, t, EMPTY_FILTERS, TODAY);
    // A change of the data in a running server: new version, every context and tile rebuilt.
    clearTileCache();
    forgetParcelData(db);
    t0 = performance.now();
    await getParcelTile(db, warm.get(14)![15] ?? warm.get(14)![0], EMPTY_FILTERS, TODAY);
    const firstPolygonMs = performance.now() - t0;
    // Polygon tiles before anyone asked for a low zoom: warnings from the facts in the query.
    const withoutOverview = new Map<number, number[]>();
    for (const z of ZOOMS.filter((z) => z >= POLYGON_MIN_ZOOM)) {
      const times: number[] = [];
      for (const t of samples.get(z)!) {
        const a = performance.now();
        await getParcelTile(db, t, EMPTY_FILTERS, TODAY);
        times.push(performance.now() - a);
      }
      withoutOverview.set(z, times.sort((p, q) => p - q));
    }
    t0 = performance.now();
    await getTileOverview(db, TODAY);
    const overviewWarmMs = performance.now() - t0;
    clearTileCache({ keepContexts: true });
    const rows: string[] = [];
    const allCold: number[] = [];
    const allCached: number[] = [];
    let biggest = 0;
    for (const z of ZOOMS) {
      const tiles = samples.get(z)!;
      const cold: number[] = [];
      const cached: number[] = [];
      const sizes: number[] = [];
      for (const t of tiles) {
        const a = performance.now();
        const r = await getParcelTile(db, t, EMPTY_FILTERS, TODAY);
        cold.push(performance.now() - a);
        if (r.cached) throw new Error('cold sample came from the cache');
        sizes.push(r.bytes.length);
      }
      for (const t of tiles) {
        const a = performance.now();
        const r = await getParcelTile(db, t, EMPTY_FILTERS, TODAY);
        cached.push(performance.now() - a);
        if (!r.cached) throw new Error('cached sample was rebuilt');
      }
      cold.sort((p, q) => p - q);
      cached.sort((p, q) => p - q);
      allCold.push(...cold);
      allCached.push(...cached);
      const maxSize = Math.max(...sizes);
      biggest = Math.max(biggest, maxSize);
      const before = withoutOverview.get(z);
      rows.push(
        `| ${z} | ${z < POLYGON_MIN_ZOOM ? '聚合点' : '多边形'} | ${tiles.length} | ${ms(percentile(cold, 0.5))} | ${ms(percentile(cold, 0.95))} | ${ms(cold[cold.length - 1])} | ${before ? `${ms(percentile(before, 0.5))} / ${ms(percentile(before, 0.95))}` : '—'} | ${ms(percentile(cached, 0.5))} | ${ms(percentile(cached, 0.95))} | ${kb(sizes.reduce((s, v) => s + v, 0) / sizes.length)} | ${kb(maxSize)} |`,
      );
    }
    allCold.sort((p, q) => p - q);
    allCached.sort((p, q) => p - q);

    // Filters: the same z14 tiles with a stage filter and with warnings only (cold again: new keys).
    const filtered: string[] = [];
    for (const [name, query] of [
      ['stage=已入库,前期开发', 'stage=已入库,前期开发'],
      ['warn=1', 'warn=1'],
    ] as const) {
      const f = parseMapFilters(new URLSearchParams(query));
      for (const z of [10, 14]) {
        const times: number[] = [];
        for (const t of samples.get(z)!) {
          const a = performance.now();
          await getParcelTile(db, t, f, TODAY);
          times.push(performance.now() - a);
        }
        times.sort((p, q) => p - q);
        filtered.push(`| ${name} | ${z} | ${times.length} | ${ms(percentile(times, 0.5))} | ${ms(percentile(times, 0.95))} | ${ms(times[times.length - 1])} |`);
      }
    }

    // Real HTTP: a node server answering with the route's function; cached tiles.
    const holder = { permissions: new Set(['parcel:view']) };
    const server = createServer((req, res) => {
      const m = /^\/api\/tiles\/parcels\/([^/]+)\/([^/]+)\/([^/?]+)/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      parcelTileResponse(db, holder, { z: m[1], x: m[2], y: m[3] }, url.searchParams, null, TODAY)
        .then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const http: number[] = [];
    const httpTiles = [...samples.get(14)!.slice(0, 20), ...samples.get(10)!.slice(0, 5)];
    for (let round = 0; round < 4; round++) {
      for (const t of httpTiles) {
        const a = performance.now();
        const r = await fetch(`http://127.0.0.1:${port}/api/tiles/parcels/${t.z}/${t.x}/${t.y}`);
        await r.arrayBuffer();
        http.push(performance.now() - a);
        if (r.status !== 200 && r.status !== 204) throw new Error(`HTTP ${r.status}`);
      }
    }
    server.close();
    http.sort((p, q) => p - q);

    lines.push(`### ${label}`, '');
    lines.push(
      `每个数据版本（任何一次相关变更之后）的准备工作，由其后第一个请求承担：z < ${POLYGON_MIN_ZOOM} 的聚合瓦片所用的概览（全部地块的中心、面积、阶段、预警）` +
        `在运行中的服务里建立一次 **${ms(overviewWarmMs)} ms**（进程刚启动、首次查询时 ${ms(overviewColdMs)} ms）；` +
        `z ≥ ${POLYGON_MIN_ZOOM} 的第一个多边形瓦片（含读取预警参数与最宽地块）${ms(firstPolygonMs)} ms。` +
        `下表的“冷生成”为瓦片缓存未命中、本版本准备已完成（多边形瓦片的预警取自概览）；“无概览时”为概览建立之前，多边形瓦片在查询中读取预警事实。`,
      '',
    );
    lines.push('| 缩放级别 | 内容 | 瓦片数 | 冷生成 p50 (ms) | 冷生成 p95 (ms) | 冷生成最大 (ms) | 无概览时冷生成 p50 / p95 (ms) | 缓存 p50 (ms) | 缓存 p95 (ms) | 平均大小 (KB) | 最大 (KB) |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
    lines.push(...rows);
    lines.push(`| 全部 | | ${allCold.length} | ${ms(percentile(allCold, 0.5))} | ${ms(percentile(allCold, 0.95))} | ${ms(allCold[allCold.length - 1])} | | ${ms(percentile(allCached, 0.5))} | ${ms(percentile(allCached, 0.95))} | | ${kb(biggest)} |`);
    lines.push('', '带筛选条件的冷生成：', '', '| 筛选 | 缩放级别 | 瓦片数 | p50 (ms) | p95 (ms) | 最大 (ms) |', '|---|---|---|---|---|---|', ...filtered);
    lines.push('', `真实 HTTP（node:http 调用路由同一函数，已缓存，含版本检查，不含会话校验）：${http.length} 次请求 p50 ${ms(percentile(http, 0.5))} ms、p95 ${ms(percentile(http, 0.95))} ms。`, '');
    return lines.join('\n');
  }

  const reports: string[] = [];
  if (opts.pglite) {
    const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lr-bench-tiles-'));
    const reuse = !!opts.dataDir && existsSync(join(dir, 'pglite'));
    log(`PGlite 数据目录：${dir}${reuse ? '（复用）' : ''}`);
    const database = await openDatabase({ dataDir: dir });
    try {
      await prepare(database.db, 'PGlite');
      reports.push(await measure(database.db, `PGlite（嵌入式，${opts.parcels.toLocaleString('en-US')} 个地块）`));
    } finally {
      await database.close();
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const postgres = (await import('postgres')).default;
    const name = `lr_bench_tiles_${process.pid}`;
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const target = new URL(url);
    target.pathname = `/${name}`;
    const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    log(`PostgreSQL 数据库：${name}`);
    const database = await openDatabase({ url: target.toString() });
    try {
      await prepare(database.db, 'PostgreSQL');
      reports.push(await measure(database.db, `PostgreSQL（${opts.parcels.toLocaleString('en-US')} 个地块）`));
    } finally {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  }
  console.log(`## 地块矢量瓦片基准（${TODAY} 的预警；每级最多 ${opts.samples} 个瓦片）\n`);
  console.log(reports.join('\n'));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`瓦片基准测试失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
