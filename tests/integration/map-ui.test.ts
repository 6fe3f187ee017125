import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { custodyInspections, parcelEvents, parcels, reserveProjects, supplies, workPackages } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { cardResponse, districtsResponse, extentResponse, matchResponse, searchResponse, statsResponse } from '../../src/app/api/map/handlers';
import type { ParcelCard, SearchHit, ViewStatistics } from '../../src/modules/map/queries';
import { getMapPageData } from '../../src/modules/map/queries';
import { clearTileCache } from '../../src/modules/map/tiles/service';
import { EMPTY_FILTERS, parseMapFilters } from '../../src/modules/map/validation';
import { listDistricts } from '../../src/platform/geo/districts';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

/*
 * The battle map's JSON endpoints (card, search, statistics of the view, districts) against a
 * real database, through the same handlers the routes call.
 */

const TODAY = '2026-06-30';
const BASE = 'http://localhost/api/map';

let database: Database;
let clerk: Actor;
let sysadmin: Actor;
const db = () => database.db;

let projectA: string;
let projectB: string;
const ids: Record<string, string> = {};

/** A square parcel of `half` degrees around (lon, lat), bbox and centre columns filled in. */
async function insertParcel(opts: {
  key: string;
  code: string;
  name: string;
  stage: TStage;
  lon: number;
  lat: number;
  areaM2: string;
  projectId: string;
  district?: string;
  use?: string;
  events: { toStage: TStage; date: string }[];
  geometry?: boolean;
}) {
  const half = 0.001;
  const ring = [
    [opts.lon - half, opts.lat - half],
    [opts.lon + half, opts.lat - half],
    [opts.lon + half, opts.lat + half],
    [opts.lon - half, opts.lat + half],
    [opts.lon - half, opts.lat - half],
  ];
  const withGeometry = opts.geometry !== false;
  const [row] = await db()
    .insert(parcels)
    .values({
      code: opts.code,
      name: opts.name,
      projectId: opts.projectId,
      stage: opts.stage,
      stageSince: opts.events.at(-1)!.date,
      areaM2: opts.areaM2,
      districtCode: opts.district ?? '430903',
      plannedUse: opts.use ?? '住宅用地',
      // Reserved parcels carry their 电子监管号 (without it they would warn as well).
      supervisionNo: opts.events.some((e) => e.toStage === '已入库') ? `4309032021B${opts.code}` : null,
      ...(withGeometry
        ? {
            geometry: { type: 'Polygon', coordinates: [ring] },
            minLon: opts.lon - half,
            minLat: opts.lat - half,
            maxLon: opts.lon + half,
            maxLat: opts.lat + half,
            centerLon: opts.lon,
            centerLat: opts.lat,
          }
        : {}),
    })
    .returning({ id: parcels.id });
  let seq = 0;
  let from: TStage | null = null;
  for (const e of opts.events) {
    await db().insert(parcelEvents).values({ parcelId: row.id, seq: ++seq, fromStage: from, toStage: e.toStage, eventDate: e.date });
    from = e.toStage;
  }
  ids[opts.key] = row.id;
  return row.id;
}

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T }> {
  const res = await response;
  return { status: res.status, body: (await res.json()) as T };
}

const stats = (query: string, actor: Actor | null = clerk) => json<ViewStatistics & { error?: string }>(statsResponse(db(), actor, `${BASE}/stats?${query}`, TODAY));
/** A bbox with coordinates rounded to 6 decimals (floating-point noise of lon ± half). */
const rounded = (b: Record<string, number> | null) => b && Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));
const countOf = (s: ViewStatistics, stage: TStage) => s.stages.find((x) => x.stage === stage)!.count;
/** Around 赫山区's seat; the far parcel lies outside it. */
const VIEW = 'bbox=112.30,28.50,112.40,28.60';

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  sysadmin = await createActor(db(), ['sysadmin']);
  [{ id: projectA }] = await db()
    .insert(reserveProjects)
    .values({ code: 'MAP-A', name: '地图测试项目甲', acquisitionRoute: '征收', expectedIncome: '3000000.00' })
    .returning({ id: reserveProjects.id });
  [{ id: projectB }] = await db()
    .insert(reserveProjects)
    .values({ code: 'MAP-B', name: '地图测试项目乙', acquisitionRoute: '收购', expectedIncome: '0' })
    .returning({ id: reserveProjects.id });

  // Reserved in 2021, never supplied: more than 730 days → red warning on TODAY.
  await insertParcel({
    key: 'overdue',
    code: 'MAP-0001',
    name: '龙岭测试一号地块',
    stage: '已入库',
    lon: 112.33,
    lat: 28.55,
    areaM2: '1000.10',
    projectId: projectA,
    events: [
      { toStage: '拟收储', date: '2020-03-01' },
      { toStage: '收储中', date: '2020-06-01' },
      { toStage: '已入库', date: '2021-01-15' },
    ],
  });
  await db().insert(custodyInspections).values({ parcelId: ids.overdue, inspectedOn: '2021-06-15', inspector: '巡查员甲' });
  // Reserved recently, inspected and worked on lately: no warning.
  await insertParcel({
    key: 'developing',
    code: 'MAP-0002',
    name: '龙岭测试二号地块',
    stage: '前期开发',
    lon: 112.34,
    lat: 28.56,
    areaM2: '2000.20',
    projectId: projectA,
    use: '商服用地',
    events: [
      { toStage: '拟收储', date: '2025-02-01' },
      { toStage: '收储中', date: '2025-03-01' },
      { toStage: '已入库', date: '2025-09-01' },
      { toStage: '前期开发', date: '2026-01-10' },
    ],
  });
  await db().insert(custodyInspections).values({ parcelId: ids.developing, inspectedOn: '2026-06-20', inspector: '巡查员乙' });
  await db().insert(workPackages).values({ parcelId: ids.developing, workType: '道路', progress: 40, updatedOn: '2026-06-01' });
  // Supplied with a deal price.
  await insertParcel({
    key: 'supplied',
    code: 'MAP-0003',
    name: '梓山湖测试地块',
    stage: '已供应',
    lon: 112.35,
    lat: 28.57,
    areaM2: '0.30',
    projectId: projectB,
    district: '430902',
    events: [
      { toStage: '拟收储', date: '2024-01-05' },
      { toStage: '收储中', date: '2024-02-01' },
      { toStage: '已入库', date: '2024-05-01' },
      { toStage: '可供应', date: '2024-07-01' },
      { toStage: '已供应', date: '2024-09-01' },
    ],
  });
  await db().insert(supplies).values({ parcelId: ids.supplied, mode: '挂牌', startingPrice: '20000000.00', dealPrice: '25000000.50', dealDate: '2024-09-01', status: '成交' });
  // Terminated, in view.
  await insertParcel({
    key: 'terminated',
    code: 'MAP-0004',
    name: '终止测试地块',
    stage: '终止',
    lon: 112.36,
    lat: 28.58,
    areaM2: '5000.00',
    projectId: projectA,
    events: [
      { toStage: '拟收储', date: '2023-01-01' },
      { toStage: '终止', date: '2023-05-01' },
    ],
  });
  // Far away in 南县: outside VIEW.
  await insertParcel({
    key: 'far',
    code: 'MAP-0005',
    name: '南洲测试地块',
    stage: '拟收储',
    lon: 112.41,
    lat: 29.37,
    areaM2: '700.00',
    projectId: projectA,
    district: '430921',
    events: [{ toStage: '拟收储', date: '2026-02-01' }],
  });
  // No boundary: searchable, never on the map or in view statistics.
  await insertParcel({
    key: 'noGeometry',
    code: 'MAP-0006',
    name: '无边界测试地块',
    stage: '拟收储',
    lon: 112.35,
    lat: 28.55,
    areaM2: '100.00',
    projectId: projectA,
    events: [{ toStage: '拟收储', date: '2026-03-01' }],
    geometry: false,
  });
});
afterAll(async () => {
  await database?.close();
});

describe('permissions', () => {
  it('needs a session (401) and parcel:view (403) on every map endpoint, with Chinese messages', async () => {
    const calls = (actor: Actor | null) => [
      districtsResponse(db(), actor),
      cardResponse(db(), actor, ids.overdue, TODAY),
      searchResponse(db(), actor, `${BASE}/search?q=MAP`),
      statsResponse(db(), actor, `${BASE}/stats?${VIEW}`, TODAY),
      extentResponse(db(), actor, `${BASE}/extent`, TODAY),
      matchResponse(db(), actor, ids.overdue, `${BASE}/parcels/${ids.overdue}/match?stage=已入库`, TODAY),
    ];
    for (const res of calls(null)) expect(await json(res)).toEqual({ status: 401, body: { error: '登录已失效，请重新登录' } });
    for (const res of calls(sysadmin)) expect(await json(res)).toEqual({ status: 403, body: { error: '您没有查看地块的权限' } });
  });

  it('keeps the answers private to the user', async () => {
    const res = await statsResponse(db(), clerk, `${BASE}/stats?${VIEW}`, TODAY);
    expect(res.headers.get('cache-control')).toContain('private');
  });
});

describe('districts', () => {
  it('serves the six 益阳 districts as polygons plus a label point each', async () => {
    const { status, body } = await json<{ type: string; features: { geometry: { type: string }; properties: { adcode: string; name: string; kind: string } }[] }>(
      districtsResponse(db(), clerk),
    );
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    const areas = body.features.filter((f) => f.properties.kind === 'area');
    const labels = body.features.filter((f) => f.properties.kind === 'label');
    expect(areas.map((f) => f.properties.name).sort()).toEqual(['南县', '安化县', '桃江县', '沅江市', '资阳区', '赫山区'].sort());
    expect(areas.every((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')).toBe(true);
    expect(labels.map((f) => f.properties.adcode).sort()).toEqual(areas.map((f) => f.properties.adcode).sort());
    expect(labels.every((f) => f.geometry.type === 'Point')).toBe(true);
  });
});

describe('parcel card', () => {
  it('shows stage, days in stage, area in 亩, project, district, use and the warnings of the parcel rules', async () => {
    const { status, body } = await json<ParcelCard>(cardResponse(db(), clerk, ids.overdue, TODAY));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: ids.overdue,
      code: 'MAP-0001',
      name: '龙岭测试一号地块',
      stage: '已入库',
      stageSince: '2021-01-15',
      daysInStage: 1992,
      areaM2: '1000.10',
      areaMu: '1.50',
      project: { id: projectA, code: 'MAP-A', name: '地图测试项目甲' },
      districtName: '赫山区',
      plannedUse: '住宅用地',
      warningLevel: 'red',
    });
    expect(rounded(body.bbox as never)).toEqual({ minLon: 112.329, minLat: 28.549, maxLon: 112.331, maxLat: 28.551 });
    expect(body.warnings).toEqual([
      { level: 'red', message: '已入库 1992 天未供应（期限 730 天）' },
      { level: 'red', message: '距上次巡查（2021-06-15）已 1841 天（巡查间隔 30 天）' },
    ]);
    const quiet = await json<ParcelCard>(cardResponse(db(), clerk, ids.developing, TODAY));
    expect(quiet.body).toMatchObject({ warnings: [], warningLevel: null, daysInStage: 171 });
  });

  it('estimates the value: the deal price of a supplied parcel, else the project income shared by area', async () => {
    const supplied = await json<ParcelCard>(cardResponse(db(), clerk, ids.supplied, TODAY));
    expect(supplied.body.value).toEqual({ amount: '25000000.50', basis: '成交价' });
    expect(supplied.body.warnings).toEqual([]);
    // Project A: 3,000,000 × 2000.20 / (1000.10 + 2000.20 + 700.00 + 100.00) = 1,578,980.6058…; the terminated parcel does not count.
    const developing = await json<ParcelCard>(cardResponse(db(), clerk, ids.developing, TODAY));
    expect(developing.body.value).toEqual({ amount: '1578980.61', basis: '按面积分摊的项目预计出让收入' });
    const terminated = await json<ParcelCard>(cardResponse(db(), clerk, ids.terminated, TODAY));
    expect(terminated.body.value).toBeNull();
    const noGeometry = await json<ParcelCard>(cardResponse(db(), clerk, ids.noGeometry, TODAY));
    expect(noGeometry.body.bbox).toBeNull();
  });

  it('answers 404 for an unknown parcel and 400 for a malformed id', async () => {
    expect(await json(cardResponse(db(), clerk, '01NOSUCHPARCEL000000000000', TODAY))).toEqual({ status: 404, body: { error: '地块不存在或已被删除' } });
    expect(await json(cardResponse(db(), clerk, "x' or 1=1 --", TODAY))).toEqual({ status: 400, body: { error: '地块标识无效' } });
  });
});

describe('whether the filters keep the selected parcel', () => {
  const match = (id: string, query: string) => json<{ matches?: boolean; error?: string }>(matchResponse(db(), clerk, id, `${BASE}/parcels/${id}/match?${query}`, TODAY));
  const matches = async (id: string, query: string) => (await match(id, query)).body.matches;

  it('answers as the tiles and statistics filter: stage, district, project, use, year, warnings', async () => {
    expect(await matches(ids.overdue, '')).toBe(true);
    expect(await matches(ids.overdue, 'stage=已入库,可供应')).toBe(true);
    expect(await matches(ids.overdue, 'stage=可供应')).toBe(false);
    expect(await matches(ids.overdue, 'district=430903')).toBe(true);
    expect(await matches(ids.overdue, 'district=430921')).toBe(false);
    expect(await matches(ids.overdue, 'year=2020')).toBe(true);
    expect(await matches(ids.overdue, 'year=2021')).toBe(false);
    expect(await matches(ids.overdue, 'warn=1')).toBe(true);
    expect(await matches(ids.developing, 'warn=1')).toBe(false);
    expect(await matches(ids.developing, `project=${projectA}&use=商服用地`)).toBe(true);
    expect(await matches(ids.developing, `project=${projectB}`)).toBe(false);
    // Without a boundary it is on no map, but its card opens from the search: the filters still apply.
    expect(await matches(ids.noGeometry, 'stage=拟收储')).toBe(true);
    expect(await matches(ids.noGeometry, 'stage=已入库')).toBe(false);
  });

  it('says no for an unknown parcel and refuses a malformed id', async () => {
    expect(await match('01UNKNOWNPARCEL0000000000', '')).toEqual({ status: 200, body: { matches: false } });
    expect(await match('bad id!', '')).toEqual({ status: 400, body: { error: '地块标识无效' } });
  });
});

describe('search', () => {
  const search = (q: string) => json<{ hits: SearchHit[]; error?: string }>(searchResponse(db(), clerk, `${BASE}/search?q=${encodeURIComponent(q)}`));

  it('finds by code or name, case-insensitively, the exact code first, with the bbox to fly to', async () => {
    const byCode = await search('map-0002');
    expect(byCode.status).toBe(200);
    expect(byCode.body.hits.map((h) => h.code)).toEqual(['MAP-0002']);
    expect(byCode.body.hits[0]).toMatchObject({ id: ids.developing, name: '龙岭测试二号地块', stage: '前期开发', projectCode: 'MAP-A' });
    expect(rounded(byCode.body.hits[0].bbox as never)).toEqual({ minLon: 112.339, minLat: 28.559, maxLon: 112.341, maxLat: 28.561 });
    const byName = await search('龙岭测试');
    expect(byName.body.hits.map((h) => h.code)).toEqual(['MAP-0001', 'MAP-0002']);
    const noBoundary = await search('无边界');
    expect(noBoundary.body.hits).toMatchObject([{ code: 'MAP-0006', bbox: null }]);
  });

  it('returns at most 10 hits, exact code before prefix before the rest', async () => {
    for (let i = 1; i <= 12; i++) {
      await insertParcel({
        key: `many${i}`,
        code: `SRCH-${String(i).padStart(2, '0')}`,
        name: `批量测试地块${i}`,
        stage: '拟收储',
        lon: 112.2 + i * 0.01,
        lat: 28.3,
        areaM2: '100.00',
        projectId: projectB,
        events: [{ toStage: '拟收储', date: '2026-01-01' }],
      });
    }
    const many = await search('批量测试');
    expect(many.body.hits).toHaveLength(10);
    const ranked = await search('SRCH-1');
    expect(ranked.body.hits.map((h) => h.code)).toEqual(['SRCH-10', 'SRCH-11', 'SRCH-12']);
    const exact = await search('srch-11');
    expect(exact.body.hits.map((h) => h.code)[0]).toBe('SRCH-11');
  });

  it('treats LIKE wildcards literally, ignores an empty text and refuses a text over 64 characters', async () => {
    expect((await search('%')).body.hits).toEqual([]);
    expect((await search('MAP_000')).body.hits).toEqual([]);
    expect((await search('   ')).body.hits).toEqual([]);
    expect(await search('地'.repeat(65))).toEqual({ status: 400, body: { error: '搜索内容不能超过 64 个字符' } });
  });
});

describe('statistics of the view', () => {
  it('counts parcels whose bbox meets the view, by stage, with exact areas in 亩', async () => {
    const { status, body } = await stats(VIEW);
    expect(status).toBe(200);
    expect(body.stages.map((s) => s.stage)).toEqual(['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止']);
    expect(body.stages).toEqual([
      { stage: '拟收储', count: 0, areaMu: '0.00' },
      { stage: '收储中', count: 0, areaMu: '0.00' },
      { stage: '已入库', count: 1, areaMu: '1.50' },
      { stage: '前期开发', count: 1, areaMu: '3.00' },
      { stage: '可供应', count: 0, areaMu: '0.00' },
      { stage: '已供应', count: 1, areaMu: '0.00' },
      { stage: '终止', count: 1, areaMu: '7.50' },
    ]);
    // 1000.10 + 2000.20 + 0.30 + 5000.00 = 8000.60 m² = 12.0009 亩: summed before rounding.
    expect(body.total).toEqual({ count: 4, areaMu: '12.00' });
  });

  it('includes a parcel that only touches the view and excludes one outside it', async () => {
    // The view's west edge cuts through MAP-0001 (112.329–112.331).
    const edge = await stats('bbox=112.3305,28.40,112.40,28.60');
    expect(countOf(edge.body, '已入库')).toBe(1);
    const south = await stats('bbox=112.30,29.30,112.50,29.40');
    expect(south.body.total.count).toBe(1);
    expect(countOf(south.body, '拟收储')).toBe(1);
  });

  it('applies the filters the tiles apply', async () => {
    expect((await stats(`${VIEW}&stage=已入库,终止`)).body.total.count).toBe(2);
    expect((await stats(`${VIEW}&stage=已入库&stage=已供应`)).body.total.count).toBe(2);
    expect((await stats(`${VIEW}&district=430902`)).body.total.count).toBe(1);
    expect((await stats(`${VIEW}&project=${projectB}`)).body.total.count).toBe(1);
    expect((await stats(`${VIEW}&use=商服用地`)).body.total.count).toBe(1);
    // year = year of the first lifecycle event (registration as 拟收储).
    expect((await stats(`${VIEW}&year=2020`)).body.stages.filter((s) => s.count).map((s) => s.stage)).toEqual(['已入库']);
    expect((await stats(`${VIEW}&year=2025`)).body.stages.filter((s) => s.count).map((s) => s.stage)).toEqual(['前期开发']);
    expect((await stats(`${VIEW}&year=2021`)).body.total.count).toBe(0);
  });

  it('with warn=1 keeps only parcels the warning rules flag today', async () => {
    const warned = await stats(`${VIEW}&warn=1`);
    expect(warned.body.total).toEqual({ count: 1, areaMu: '1.50' });
    expect(countOf(warned.body, '已入库')).toBe(1);
    // Five years earlier nothing was overdue yet.
    const earlier = await json<ViewStatistics>(statsResponse(db(), clerk, `${BASE}/stats?${VIEW}&warn=1`, '2021-06-30'));
    expect(earlier.body.total.count).toBe(0);
  });

  it('ignores unknown and malformed filters without an error', async () => {
    const plain = await stats(VIEW);
    const noisy = await stats(`${VIEW}&stage=不存在&district=abc&year=二〇二〇&warn=maybe&colour=red&project=%27`);
    expect(noisy.status).toBe(200);
    expect(noisy.body).toEqual(plain.body);
  });

  it('refuses a missing or malformed bbox with a Chinese message', async () => {
    for (const query of ['', 'bbox=112,28,113', 'bbox=113,28,112,29', 'bbox=a,b,c,d']) {
      const res = await stats(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('视图范围 bbox 缺失或无效（应为 最小经度,最小纬度,最大经度,最大纬度）');
    }
  });
});

describe('page data and the extent of the parcels', () => {
  // Parcels were inserted without audit entries (the data version did not move): start afresh.
  beforeAll(() => clearTileCache());
  const filters = (query: string) => parseMapFilters(new URLSearchParams(query));
  const extent = (query: string) => json<{ extent: Record<string, number> | null }>(extentResponse(db(), clerk, `${BASE}/extent?${query}`, TODAY));

  it('offers the filter options and opens on the extent of the parcels with a boundary', async () => {
    const data = await getMapPageData(db(), EMPTY_FILTERS, TODAY);
    expect(data.districts).toHaveLength(6);
    expect(data.projects.map((p) => p.code)).toEqual(['MAP-A', 'MAP-B']);
    expect(data.plannedUses).toEqual(['住宅用地', '商服用地']);
    expect(data.years).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020]);
    expect(rounded(data.extent as never)).toEqual({ minLon: 112.209, minLat: 28.299, maxLon: 112.411, maxLat: 29.371 });
  });

  it('opens on the parcels the filters keep, as the tiles and statistics filter them', async () => {
    // 南县's one parcel.
    const far = await getMapPageData(db(), filters('district=430921'), TODAY);
    expect(rounded(far.extent as never)).toEqual({ minLon: 112.409, minLat: 29.369, maxLon: 112.411, maxLat: 29.371 });
    // Warnings today: only the overdue parcel.
    const warned = await getMapPageData(db(), filters('warn=1'), TODAY);
    expect(rounded(warned.extent as never)).toEqual({ minLon: 112.329, minLat: 28.549, maxLon: 112.331, maxLat: 28.551 });
    // Stage and project together: the supplied and the developing parcels are left out.
    const project = await getMapPageData(db(), filters(`project=${projectA}&stage=已入库,终止`), TODAY);
    expect(rounded(project.extent as never)).toEqual({ minLon: 112.329, minLat: 28.549, maxLon: 112.361, maxLat: 28.581 });
  });

  it('falls back to the filtered district, or to all districts, when no parcel matches', async () => {
    const districts = await listDistricts(db());
    const nanxian = districts.find((d) => d.adcode === '430921')!.bbox;
    const none = await getMapPageData(db(), filters('district=430921&stage=已供应'), TODAY);
    expect(none.extent).toEqual(nanxian);
    const all = await getMapPageData(db(), filters('use=工业用地'), TODAY);
    expect(all.extent).toEqual({
      minLon: Math.min(...districts.map((d) => d.bbox.minLon)),
      minLat: Math.min(...districts.map((d) => d.bbox.minLat)),
      maxLon: Math.max(...districts.map((d) => d.bbox.maxLon)),
      maxLat: Math.max(...districts.map((d) => d.bbox.maxLat)),
    });
  });

  it('answers the extent of the filtered parcels over HTTP, null when none matches', async () => {
    expect(await extent('district=430921')).toMatchObject({ status: 200 });
    expect(rounded((await extent('district=430921')).body.extent)).toEqual({ minLon: 112.409, minLat: 29.369, maxLon: 112.411, maxLat: 29.371 });
    expect(await extent('district=430921&stage=已供应')).toEqual({ status: 200, body: { extent: null } });
    expect(rounded((await extent('stage=bogus&year=abc')).body.extent)).toEqual({ minLon: 112.209, minLat: 28.299, maxLon: 112.411, maxLat: 29.371 });
  });
});
