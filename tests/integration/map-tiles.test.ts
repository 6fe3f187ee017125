import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PbfReader } from 'pbf';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { bboxOf, geodesicArea, type Polygon } from '../../src/platform/geo/geometry';
import { TileProjector, tileAt, type TileCoord } from '../../src/platform/geo/mvt';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { addDays } from '../../src/modules/parcels/rules';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { createInspection } from '../../src/modules/parcels/custody/mutations';
import { updateSetting } from '../../src/modules/admin/settings/mutations';
import { clearTileCache, getTileOverview, isTileOverviewReady, parcelTileResponse, startTileWarmer } from '../../src/modules/map/tiles/service';
import { isEmbedded, selectOverviewRows, selectTileParcels } from '../../src/modules/map/tiles/source';
import { EMPTY_FILTERS } from '../../src/modules/map/validation';
import { featureIdOf } from '../../src/modules/map/tiles/build';
import { WARN_NONE, WARN_RED } from '../../src/modules/map/tiles/overview';
import { CLUSTER_CELL, POLYGON_MIN_ZOOM, TILE_LAYER } from '../../src/modules/map/tiles/contract';
import { STAGES } from '../../src/modules/parcels/stages';
import { todayInShanghai } from '../../src/ui/format';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { unlabelledAuditFields } from '../helpers/audit-labels';

/*
 * The tile endpoint against a real database: parcels placed at known pixels of one zoom-14
 * tile in 益阳 (赫山区), decoded with @mapbox/vector-tile.
 */

const TODAY = todayInShanghai();
const T14: TileCoord = tileAt(112.36, 28.56, 14);
const P14 = new TileProjector(T14, 4096);

let database: Database;
let viewer: Actor;
let clerk: Actor;
let sysadmin: Actor;
let auditadmin: Actor;
const db = () => database.db;

/** A GeoJSON square of the zoom-14 tile's pixels (x0,y0)–(x1,y1), counter-clockwise on the ground. */
function square(x0: number, y0: number, x1: number, y1: number): Polygon {
  const ring = [P14.lonLat(x0, y0), P14.lonLat(x1, y0), P14.lonLat(x1, y1), P14.lonLat(x0, y1)];
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

const PATH: TStage[] = ['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应'];

interface Fixture {
  code: string;
  stage: TStage;
  geometry: Polygon | null;
  district: string;
  project: string;
  use: string;
  firstOn: string;
  /** Date of entry into 已入库 (stages after it only). */
  reservedOn?: string;
  areaM2?: string;
}

const ids: Record<string, string> = {};
const projectIds: Record<string, string> = {};

async function insertFixture(f: Fixture): Promise<void> {
  const box = f.geometry ? bboxOf(f.geometry) : null;
  const reservedAt = PATH.indexOf('已入库');
  const dates = PATH.slice(0, PATH.indexOf(f.stage) + 1).map((_, k) => (k < reservedAt ? addDays(f.firstOn, 5 * k) : addDays(f.reservedOn!, 5 * (k - reservedAt))));
  const [row] = await db()
    .insert(parcels)
    .values({
      code: f.code,
      // MT-H's name holds the packing separators (see source.ts), which must come back intact.
      name: f.code === 'MT-H' ? '地图测试|MT-H%7C\n二期' : `地图测试${f.code}`,
      districtCode: f.district,
      projectId: projectIds[f.project],
      geometry: f.geometry,
      minLon: box?.minLon,
      minLat: box?.minLat,
      maxLon: box?.maxLon,
      maxLat: box?.maxLat,
      centerLon: box ? (box.minLon + box.maxLon) / 2 : null,
      centerLat: box ? (box.minLat + box.maxLat) / 2 : null,
      areaM2: f.areaM2 ?? (f.geometry ? geodesicArea(f.geometry).toFixed(2) : '0'),
      plannedUse: f.use,
      // Reserved parcels carry their 电子监管号 (without it they would warn: see the parcels' rules).
      supervisionNo: f.reservedOn ? `4309032026B${f.code}` : null,
      stage: f.stage,
      stageSince: dates[dates.length - 1],
    })
    .returning({ id: parcels.id });
  ids[f.code] = row.id;
  await db()
    .insert(parcelEvents)
    .values(dates.map((d, k) => ({ parcelId: row.id, seq: k + 1, fromStage: k === 0 ? null : PATH[k - 1], toStage: PATH[k], eventDate: d })));
}

beforeAll(async () => {
  database = await createTestDatabase();
  viewer = await createActor(db(), ['leader']);
  clerk = await createActor(db(), ['clerk']);
  sysadmin = await createActor(db(), ['sysadmin']);
  auditadmin = await createActor(db(), ['auditadmin']);
  for (const code of ['MT-P1', 'MT-P2']) {
    const [p] = await db().insert(reserveProjects).values({ code, name: `地图测试项目${code}`, acquisitionRoute: '征收' }).returning({ id: reserveProjects.id });
    projectIds[code] = p.id;
  }
  // In the tile: A, B, C and E (E crosses the right edge); D lies in the next tile; G has no boundary.
  await insertFixture({ code: 'MT-A', stage: '拟收储', geometry: square(1000, 1000, 1400, 1400), district: '430903', project: 'MT-P1', use: '住宅用地', firstOn: '2024-03-01', areaM2: '12345.67' });
  await insertFixture({ code: 'MT-B', stage: '已入库', geometry: square(2000, 1000, 2600, 1500), district: '430903', project: 'MT-P1', use: '商服用地', firstOn: '2023-05-01', reservedOn: addDays(TODAY, -45) });
  await insertFixture({ code: 'MT-C', stage: '收储中', geometry: square(1000, 2500, 1500, 3000), district: '430902', project: 'MT-P2', use: '住宅用地', firstOn: '2024-07-15' });
  await insertFixture({ code: 'MT-E', stage: '可供应', geometry: square(3900, 3000, 4500, 3400), district: '430903', project: 'MT-P2', use: '工业用地', firstOn: '2022-01-10', reservedOn: addDays(TODAY, -100) });
  await insertFixture({ code: 'MT-D', stage: '已供应', geometry: square(4800, 4800, 5200, 5200), district: '430903', project: 'MT-P1', use: '住宅用地', firstOn: '2021-06-01', reservedOn: '2021-09-01' });
  await insertFixture({ code: 'MT-G', stage: '拟收储', geometry: null, district: '430903', project: 'MT-P1', use: '住宅用地', firstOn: '2024-03-02' });
  // Far away (南县), with separators in its planned use: only the overview test reads it.
  const far = new TileProjector(tileAt(112.4, 29.4, 14), 4096);
  const ring = [far.lonLat(100, 100), far.lonLat(500, 100), far.lonLat(500, 500), far.lonLat(100, 500)];
  await insertFixture({ code: 'MT-H', stage: '前期开发', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, district: '430921', project: 'MT-P2', use: '商服|住宅%7C\n用地', firstOn: '2020-02-02', reservedOn: '2020-06-01' });
});

afterAll(async () => {
  await database?.close();
});

const coords = (t: TileCoord) => ({ z: String(t.z), x: String(t.x), y: String(t.y) });

async function request(t: TileCoord | { z: string; x: string; y: string }, query = '', opts: { actor?: Actor | null; ifNoneMatch?: string } = {}) {
  const params = typeof t.z === 'number' ? coords(t as TileCoord) : (t as { z: string; x: string; y: string });
  const holder = opts.actor === undefined ? viewer : opts.actor;
  return parcelTileResponse(db(), holder, params, new URLSearchParams(query), opts.ifNoneMatch ?? null, TODAY);
}

async function features(t: TileCoord, query = ''): Promise<VectorTileFeature[]> {
  const res = await request(t, query);
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers[TILE_LAYER];
  return Array.from({ length: layer.length }, (_, k) => layer.feature(k));
}

const codes = async (t: TileCoord, query = '') => (await features(t, query)).map((f) => f.properties.code).sort();
const byCode = async (t: TileCoord, code: string) => (await features(t)).find((f) => f.properties.code === code);

describe('parcel tiles: content', () => {
  it('decodes a zoom-14 tile to the parcels in it, with their properties and geometry to the pixel', async () => {
    const res = await request(T14);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers[TILE_LAYER];
    expect(layer.extent).toBe(4096);
    const all = Array.from({ length: layer.length }, (_, k) => layer.feature(k));
    expect(all.map((f) => f.properties.code).sort()).toEqual(['MT-A', 'MT-B', 'MT-C', 'MT-E']);
    const a = all.find((f) => f.properties.code === 'MT-A')!;
    expect(a.type).toBe(3);
    expect(a.id).toBe(featureIdOf(ids['MT-A']));
    expect(a.properties).toEqual({ id: ids['MT-A'], code: 'MT-A', name: '地图测试MT-A', stage: '拟收储', warn: '', areaMu: 18.52, project: 'MT-P1' });
    expect(a.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]))).toEqual([
      [
        [1000, 1000],
        [1400, 1000],
        [1400, 1400],
        [1000, 1400],
        [1000, 1000],
      ],
    ]);
    // Warnings from the parcels module's rules: 45 days in reserve without a patrol (interval
    // 30) is amber, 100 days is red.
    expect(all.find((f) => f.properties.code === 'MT-B')!.properties.warn).toBe('amber');
    const e = all.find((f) => f.properties.code === 'MT-E')!;
    expect(e.properties).toMatchObject({ stage: '可供应', warn: 'red', project: 'MT-P2' });
    // Clipped at the tile's buffer.
    const xs = e.loadGeometry()[0].map((p) => p.x);
    expect(Math.min(...xs)).toBe(3900);
    expect(Math.max(...xs)).toBe(4096 + 64);
  });

  it('puts a parcel crossing a tile edge in both tiles, and one in the next tile only there', async () => {
    const next = { z: 14, x: T14.x + 1, y: T14.y };
    expect(await codes(next)).toEqual(['MT-E']);
    const diagonal = { z: 14, x: T14.x + 1, y: T14.y + 1 };
    expect(await codes(diagonal)).toEqual(['MT-D']);
  });

  it('answers 204 for a tile without parcels, and 304 when the ETag still matches', async () => {
    const empty = await request({ z: 14, x: T14.x + 50, y: T14.y });
    expect(empty.status).toBe(204);
    expect(empty.headers.get('etag')).toBeTruthy();
    const first = await request(T14);
    const etag = first.headers.get('etag')!;
    const again = await request(T14, '', { ifNoneMatch: etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await request(T14, '', { ifNoneMatch: '"other"' })).status).toBe(200);
  });

  it('aggregates parcels into one point per grid cell below the polygon zoom, in its most common stage', async () => {
    const z10 = tileAt(112.36, 28.56, 10);
    expect(z10.z).toBeLessThan(POLYGON_MIN_ZOOM);
    const points = await features(z10);
    expect(points.every((f) => f.type === 1)).toBe(true);
    // The expected cells from the fixtures' centres (G has no boundary and is left out).
    const rows = await db().select({ code: parcels.code, lon: parcels.centerLon, lat: parcels.centerLat, stage: parcels.stage }).from(parcels);
    const p10 = new TileProjector(z10, 4096);
    const cells = new Map<string, { stages: string[]; codes: string[] }>();
    for (const r of rows) {
      if (r.lon === null || r.lat === null || !r.code.startsWith('MT-') || r.code === 'MT-H') continue;
      const key = `${Math.floor(p10.x(r.lon) / CLUSTER_CELL)}/${Math.floor(p10.y(r.lat) / CLUSTER_CELL)}`;
      const c = cells.get(key) ?? { stages: [], codes: [] };
      c.stages.push(r.stage);
      c.codes.push(r.code);
      cells.set(key, c);
    }
    expect(points).toHaveLength(cells.size);
    const top = (stages: string[]) => STAGES.reduce((best, s) => (stages.filter((x) => x === s).length > stages.filter((x) => x === best).length ? s : best), STAGES[0] as string);
    expect(points.map((f) => `${f.properties.count}:${f.properties.stage}`).sort()).toEqual([...cells.values()].map((c) => `${c.stages.length}:${top(c.stages)}`).sort());
    // Every parcel with a boundary whose centre lies in the tile, counted once.
    const total = (list: VectorTileFeature[], key: string) => list.reduce((sum, f) => sum + Number(f.properties[key]), 0);
    expect(total(points, 'count')).toBe(5);
    expect(total(points, 'red')).toBe(1);
    expect(total(points, 'amber')).toBe(1);
    for (const f of points) expect(f.properties.warn).toBe(Number(f.properties.red) > 0 ? 'red' : Number(f.properties.amber) > 0 ? 'amber' : '');
    expect(points.some((f) => 'id' in f.properties || 'code' in f.properties)).toBe(false);
  });
});

describe('parcel tiles: warnings from the overview', () => {
  it('reads the same overview rows packed into one value and row by row', async () => {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const packed = (await selectOverviewRows(db(), 'packed')).sort(byId);
    const rows = (await selectOverviewRows(db(), 'rows')).sort(byId);
    expect(packed).toEqual(rows);
    // The default transfer: packed on the embedded database only.
    expect(isEmbedded(db())).toBe(database.kind === 'pglite');
    expect(packed.map((r) => r.id).sort()).toEqual(['MT-A', 'MT-B', 'MT-C', 'MT-D', 'MT-E', 'MT-H'].map((c) => ids[c]).sort());
    const h = packed.find((r) => r.id === ids['MT-H'])!;
    expect(h).toMatchObject({ plannedUse: '商服|住宅%7C\n用地', stage: '前期开发', firstEventOn: '2020-02-02', reservedOn: '2020-06-01', districtCode: '430921' });
    expect(packed.find((r) => r.id === ids['MT-A'])).toMatchObject({ areaM2: '12345.67', reservedOn: null, lastInspectionOn: null });
  });

  it('reads the same tile parcels packed into one value and row by row, with and without the facts', async () => {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const bbox = { minLon: 112.0, minLat: 28.2, maxLon: 112.8, maxLat: 29.6 };
    for (const facts of [true, false]) {
      const packed = (await selectTileParcels(db(), bbox, EMPTY_FILTERS, 1, facts, 'packed')).sort(byId);
      const rows = (await selectTileParcels(db(), bbox, EMPTY_FILTERS, 1, facts, 'rows')).sort(byId);
      expect(packed.length).toBeGreaterThan(3);
      expect(packed).toEqual(rows);
    }
    const h = (await selectTileParcels(db(), bbox, EMPTY_FILTERS, 1, true, 'packed')).find((r) => r.id === ids['MT-H'])!;
    expect(h).toMatchObject({ name: '地图测试|MT-H%7C\n二期', stage: '前期开发', reservedOn: '2020-06-01' });
    expect(h.geometry).toMatchObject({ type: 'Polygon' });
  });

  it('builds the same polygon tile whether the warnings come from the query or from the overview', async () => {
    clearTileCache();
    const query = 'stage=拟收储,收储中,已入库,前期开发,可供应,已供应';
    const direct = new Uint8Array(await (await request(T14, query)).arrayBuffer());
    const directWarn = new Uint8Array(await (await request(T14, `${query}&warn=1`)).arrayBuffer());
    await request(tileAt(112.36, 28.56, 10)); // builds this version's overview
    clearTileCache({ keepContexts: true });
    const viaOverview = await request(T14, query);
    expect(viaOverview.headers.get('x-tile-cache')).toBe('miss');
    expect(new Uint8Array(await viaOverview.arrayBuffer())).toEqual(direct);
    expect(new Uint8Array(await (await request(T14, `${query}&warn=1`)).arrayBuffer())).toEqual(directWarn);
    expect(direct.length).toBeGreaterThan(0);
  });
});

describe('parcel tiles: filters', () => {
  it('filters by stage (repeated or comma-separated), district, project, use, year and warnings', async () => {
    expect(await codes(T14, 'stage=拟收储')).toEqual(['MT-A']);
    expect(await codes(T14, 'stage=拟收储&stage=已入库')).toEqual(['MT-A', 'MT-B']);
    expect(await codes(T14, 'stage=拟收储,收储中')).toEqual(['MT-A', 'MT-C']);
    expect(await codes(T14, 'district=430902')).toEqual(['MT-C']);
    expect(await codes(T14, `project=${projectIds['MT-P2']}`)).toEqual(['MT-C', 'MT-E']);
    expect(await codes(T14, 'use=住宅用地')).toEqual(['MT-A', 'MT-C']);
    // year: the year of the parcel's first lifecycle event.
    expect(await codes(T14, 'year=2024')).toEqual(['MT-A', 'MT-C']);
    expect(await codes(T14, 'year=2023')).toEqual(['MT-B']);
    expect(await codes(T14, 'warn=1')).toEqual(['MT-B', 'MT-E']);
    expect(await codes(T14, 'warn=1&stage=已入库')).toEqual(['MT-B']);
    expect(await codes(T14, 'use=住宅用地&district=430903')).toEqual(['MT-A']);
  });

  it('gives the same answer from the aggregated tiles', async () => {
    const z10 = tileAt(112.36, 28.56, 10);
    const count = async (query: string) => (await features(z10, query)).reduce((s, f) => s + Number(f.properties.count), 0);
    expect(await count('stage=拟收储,已入库')).toBe(2);
    expect(await count('district=430902')).toBe(1);
    expect(await count(`project=${projectIds['MT-P1']}`)).toBe(3);
    expect(await count('use=住宅用地')).toBe(3);
    expect(await count('year=2024')).toBe(2);
    expect(await count('warn=1')).toBe(2);
    expect(await count(`project=NOSUCHPROJECT`)).toBe(0);
  });

  it('ignores unknown parameters and malformed values', async () => {
    const all = ['MT-A', 'MT-B', 'MT-C', 'MT-E'];
    expect(await codes(T14, 'foo=bar&bbox=1,2')).toEqual(all);
    expect(await codes(T14, 'stage=不存在的环节')).toEqual(all);
    expect(await codes(T14, 'year=abc&district=1;drop&warn=yes')).toEqual(all);
    expect(await codes(T14, 'stage=拟收储,不存在')).toEqual(['MT-A']);
    const nothing = await request(T14, `project=${'X'.repeat(20)}`);
    expect(nothing.status).toBe(204);
  });
});

describe('parcel tiles: bad input and permissions', () => {
  it('refuses coordinates that are out of range or not integers with 400 and a Chinese message', async () => {
    for (const params of [
      { z: '23', x: '0', y: '0' },
      { z: '3', x: '8', y: '0' },
      { z: '3', x: '0', y: '8' },
      { z: 'abc', x: '0', y: '0' },
      { z: '14', x: '-1', y: '0' },
      { z: '14', x: '1.5', y: '0' },
      { z: '14', x: '1', y: '2.pbf' },
      { z: '', x: '0', y: '0' },
    ]) {
      const res = await request(params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect((await res.json()).error).toMatch(/^瓦片坐标无效/);
    }
    expect((await request({ z: '0', x: '0', y: '0' })).status).toBe(200);
    expect((await request({ z: '22', x: '0', y: '0' })).status).toBe(204);
  });

  it('answers 401 without a session and 403 without parcel:view', async () => {
    const anonymous = await request(T14, '', { actor: null });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toContain('登录');
    const denied = await request(T14, '', { actor: auditadmin });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error).toContain('没有查看地块的权限');
    // Checked before the coordinates: nothing is revealed to the signed-out.
    expect((await request({ z: 'bad', x: '0', y: '0' }, '', { actor: null })).status).toBe(401);
  });
});

describe('parcel tiles: cache and invalidation', () => {
  it('serves a repeated request from the cache, unaffected by audit entries that change no tile', async () => {
    const first = await request(T14, 'stage=拟收储,收储中,已入库,可供应');
    const again = await request(T14, 'stage=拟收储,收储中,已入库,可供应');
    expect(again.headers.get('x-tile-cache')).toBe('hit');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    await appendAuditStandalone(db(), { action: '登录', objectType: '用户', result: '失败', message: '密码错误' });
    await appendAuditStandalone(db(), { action: '登录', objectType: '用户', result: '成功' });
    await appendAuditStandalone(db(), { action: '导出地块', objectType: '地块', result: '拒绝' });
    expect((await request(T14, 'stage=拟收储,收储中,已入库,可供应')).headers.get('x-tile-cache')).toBe('hit');
  });

  it('shows a stage transition made through the parcels module at once, in polygons and aggregates', async () => {
    const before = await request(T14);
    expect(before.headers.get('x-tile-cache')).toBe('hit');
    const z10 = tileAt(112.36, 28.56, 10);
    await features(z10);
    const [row] = await db().select({ version: parcels.version }).from(parcels).where(eq(parcels.id, ids['MT-A']));
    const moved = await transitionParcel.execute(db(), clerk, { parcelId: ids['MT-A'], version: row.version, toStage: '收储中', eventDate: TODAY, docNo: '益政函〔2026〕18号' });
    expect(moved).toMatchObject({ ok: true });

    const after = await request(T14);
    expect(after.headers.get('x-tile-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await byCode(T14, 'MT-A'))!.properties.stage).toBe('收储中');
    expect(await codes(T14, 'stage=拟收储')).toEqual([]);
    const counted = async (query: string) => (await features(z10, query)).reduce((sum, f) => sum + Number(f.properties.count), 0);
    expect(await counted('stage=拟收储')).toBe(0);
    expect(await counted('stage=收储中')).toBe(2);
  });

  it('clears a warning once an inspection is recorded', async () => {
    expect((await byCode(T14, 'MT-B'))!.properties.warn).toBe('amber');
    const res = await createInspection.execute(db(), clerk, { parcelId: ids['MT-B'], inspectedOn: addDays(TODAY, -2), inspector: '巡查员甲', findings: '未见异常' });
    expect(res).toMatchObject({ ok: true });
    expect((await byCode(T14, 'MT-B'))!.properties.warn).toBe('');
    expect(await codes(T14, 'warn=1')).toEqual(['MT-E']);
  });

  it('follows a change of the warning limits in the system settings', async () => {
    expect((await byCode(T14, 'MT-E'))!.properties.warn).toBe('red');
    const set = await updateSetting.execute(db(), sysadmin, { key: 'parcel.inspectionIntervalDays', value: 120 });
    expect(set).toMatchObject({ ok: true });
    expect((await byCode(T14, 'MT-E'))!.properties.warn).toBe('');
    const reset = await updateSetting.execute(db(), sysadmin, { key: 'parcel.inspectionIntervalDays', value: null });
    expect(reset).toMatchObject({ ok: true });
    expect((await byCode(T14, 'MT-E'))!.properties.warn).toBe('red');
  });
});

describe('tile warmer', () => {
  it('builds the overview at start and again after each change, before any tile is asked for', async () => {
    clearTileCache();
    expect(await isTileOverviewReady(db())).toBe(false);
    const warmer = startTileWarmer(async () => db(), 20);
    try {
      await expect.poll(() => isTileOverviewReady(db()), { timeout: 5000 }).toBe(true);
      await warmer.tick();
      expect((await getTileOverview(db())).warnOfId(ids['MT-E'])).toBe(WARN_RED);
      // …and the unfiltered low-zoom tiles with parcels: the opening view comes from the cache.
      const z9 = tileAt(112.36, 28.56, 9);
      expect((await request(z9)).headers.get('x-tile-cache')).toBe('hit');
      expect((await request(z9, 'stage=拟收储')).headers.get('x-tile-cache')).toBe('miss');
      const set = await updateSetting.execute(db(), sysadmin, { key: 'parcel.inspectionIntervalDays', value: 120 });
      expect(set).toMatchObject({ ok: true });
      // The change moved the data version: the next tick builds the new overview and tiles.
      await expect.poll(() => isTileOverviewReady(db()), { timeout: 5000 }).toBe(true);
      await warmer.tick();
      expect((await getTileOverview(db())).warnOfId(ids['MT-E'])).toBe(WARN_NONE);
      expect((await request(z9)).headers.get('x-tile-cache')).toBe('hit');
      expect(await updateSetting.execute(db(), sysadmin, { key: 'parcel.inspectionIntervalDays', value: null })).toMatchObject({ ok: true });
    } finally {
      warmer.stop();
    }
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
