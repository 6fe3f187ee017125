import { describe, expect, it } from 'vitest';
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { TileProjector, tileAt, tileBBox, type TileCoord } from '../../src/platform/geo/mvt';
import type { BBox, Polygon } from '../../src/platform/geo/geometry';
import { STAGES } from '../../src/modules/parcels/stages';
import { ByteLru, SingleFlight } from '../../src/modules/map/tiles/cache';
import { ParcelOverview, WARN_AMBER, WARN_NONE, WARN_RED, type OverviewParcel } from '../../src/modules/map/tiles/overview';
import { MAX_TILE_BYTES, areaMuOf, buildClusterTile, buildPolygonTile, featureIdOf, type TileParcel } from '../../src/modules/map/tiles/build';
import { CLUSTER_CELL, TILE_LAYER } from '../../src/modules/map/tiles/contract';
import { changesParcels } from '../../src/modules/parcels/data-version';
import { EMPTY_FILTERS, parseMapFilters } from '../../src/modules/map/validation';
import { Rng } from '../../src/modules/parcels/demo/random';

const sized = (size: number) => ({ size });

describe('tile cache', () => {
  it('evicts the least recently used entries beyond the byte budget', () => {
    const lru = new ByteLru<{ size: number }>(100);
    lru.set('a', sized(40));
    lru.set('b', sized(40));
    expect(lru.get('a')).toBeDefined(); // a is now the most recent
    lru.set('c', sized(40));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes).toBe(80);
    lru.set('a', sized(10));
    expect(lru.bytes).toBe(50);
    lru.set('huge', sized(101));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.count).toBe(2);
    lru.delete('a');
    expect(lru.bytes).toBe(40);
  });

  it('also bounds the number of entries', () => {
    const lru = new ByteLru<{ size: number }>(1_000, 3);
    for (const k of ['a', 'b', 'c', 'd']) lru.set(k, sized(1));
    expect(lru.count).toBe(3);
    expect(lru.get('a')).toBeUndefined();
  });

  it('builds a missing entry once for concurrent callers', async () => {
    const flights = new SingleFlight<number>();
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return 42;
    };
    const results = await Promise.all([flights.run('k', build), flights.run('k', build), flights.run('k', build)]);
    expect(results).toEqual([42, 42, 42]);
    expect(builds).toBe(1);
    await flights.run('k', build);
    expect(builds).toBe(2);
  });
});

describe('data version', () => {
  it('counts committed changes of anything but the known unrelated objects', () => {
    expect(changesParcels({ objectType: '地块', result: '成功' })).toBe(true);
    expect(changesParcels({ objectType: '管护巡查', result: '成功' })).toBe(true);
    expect(changesParcels({ objectType: '系统参数', result: '成功' })).toBe(true);
    expect(changesParcels({ objectType: '某个新模块', result: '成功' })).toBe(true);
    expect(changesParcels({ objectType: null, result: '成功' })).toBe(true);
    expect(changesParcels({ objectType: '地块', result: '拒绝' })).toBe(false);
    expect(changesParcels({ objectType: '地块', result: '失败' })).toBe(false);
    expect(changesParcels({ objectType: '用户', result: '成功' })).toBe(false);
    expect(changesParcels({ objectType: '资金收支', result: '成功' })).toBe(false);
  });
});

function randomParcels(n: number, seed: number): OverviewParcel[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, k) => ({
    id: `P-${seed}-${k}`,
    centerLon: rng.between(111.9, 112.8),
    centerLat: rng.between(28.2, 28.9),
    halfLon: rng.between(0.0005, 0.004),
    halfLat: rng.between(0.0005, 0.004),
    areaM2: rng.between(5_000, 300_000),
    stage: rng.pick(STAGES),
    warn: rng.pick([WARN_NONE, WARN_AMBER, WARN_RED] as const),
    districtCode: rng.pick(['430902', '430903', null]),
    projectId: `P${rng.int(1, 5)}`,
    plannedUse: rng.pick(['住宅用地', '工业用地', null]),
    firstEventYear: rng.pick([2022, 2023, 2024, null]),
  }));
}

const inTile = (p: OverviewParcel, t: TileCoord) => {
  const pr = new TileProjector(t, 4096);
  const x = pr.x(p.centerLon);
  const y = pr.y(p.centerLat);
  return x >= 0 && x < 4096 && y >= 0 && y < 4096;
};

const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER];

describe('overview and aggregated tiles', () => {
  const parcels = randomParcels(3_000, 7);
  const overview = new ParcelOverview(parcels);

  it('finds the parcels of any tile up to zoom 16 as one range of the Z-order', () => {
    for (const z of [0, 5, 9, 11, 12, 14, 16]) {
      const rng = new Rng(z);
      for (let k = 0; k < 6; k++) {
        const p = parcels[rng.int(0, parcels.length - 1)];
        const t = tileAt(p.centerLon, p.centerLat, z);
        const [start, end] = overview.range(t);
        const expected = parcels.filter((q) => inTile(q, t)).length;
        expect(end - start, `z${z}`).toBe(expected);
        for (let i = start; i < end; i++) expect(tileAt(overview.lon[i], overview.lat[i], z)).toEqual(t);
      }
    }
    expect(() => overview.range({ z: 17, x: 0, y: 0 })).toThrow(RangeError);
  });

  it('gives the extent of the parcels a filter keeps (their bounding boxes), null when it keeps none', () => {
    const extentOf = (keep: (p: OverviewParcel) => boolean) => {
      const kept = parcels.filter(keep);
      return {
        minLon: Math.min(...kept.map((p) => p.centerLon - p.halfLon)),
        minLat: Math.min(...kept.map((p) => p.centerLat - p.halfLat)),
        maxLon: Math.max(...kept.map((p) => p.centerLon + p.halfLon)),
        maxLat: Math.max(...kept.map((p) => p.centerLat + p.halfLat)),
      };
    };
    const close = (a: BBox | null, b: BBox) => {
      expect(a).not.toBeNull();
      for (const k of ['minLon', 'minLat', 'maxLon', 'maxLat'] as const) expect(a![k], k).toBeCloseTo(b[k], 7);
    };
    close(overview.extent(EMPTY_FILTERS), extentOf(() => true));
    close(overview.extent(parseMapFilters(new URLSearchParams('district=430902&stage=已入库'))), extentOf((p) => p.districtCode === '430902' && p.stage === '已入库'));
    close(overview.extent(parseMapFilters(new URLSearchParams('warn=1'))), extentOf((p) => p.warn !== WARN_NONE));
    expect(overview.extent(parseMapFilters(new URLSearchParams('project=P99')))).toBeNull();
    // Asked again: the same answer (kept per filter combination).
    expect(overview.extent(EMPTY_FILTERS)).toBe(overview.extent(EMPTY_FILTERS));
    expect(new ParcelOverview([]).extent(EMPTY_FILTERS)).toBeNull();
  });

  it('knows the warning of each parcel by id', () => {
    for (const k of [0, 17, 2_999]) expect(overview.warnOfId(parcels[k].id)).toBe(parcels[k].warn);
    expect(overview.warnOfId('no such parcel')).toBeUndefined();
  });

  it('filters in memory as the SQL does', () => {
    const t = { z: 0, x: 0, y: 0 };
    const count = (query: string) => {
      const match = overview.matcher(parseMapFilters(new URLSearchParams(query)));
      const [start, end] = overview.range(t);
      let n = 0;
      for (let i = start; i < end; i++) if (match(i)) n++;
      return n;
    };
    expect(count('')).toBe(parcels.length);
    expect(count('stage=已入库,可供应')).toBe(parcels.filter((p) => p.stage === '已入库' || p.stage === '可供应').length);
    expect(count('district=430902')).toBe(parcels.filter((p) => p.districtCode === '430902').length);
    expect(count('project=P3&use=工业用地')).toBe(parcels.filter((p) => p.projectId === 'P3' && p.plannedUse === '工业用地').length);
    expect(count('year=2023')).toBe(parcels.filter((p) => p.firstEventYear === 2023).length);
    expect(count('warn=1')).toBe(parcels.filter((p) => p.warn !== WARN_NONE).length);
    expect(count('project=P99')).toBe(0);
    expect(count('use=商服用地')).toBe(0);
  });

  it('aggregates a tile into one point per cell, coloured by its most common stage, whose counts, warnings and areas add up', () => {
    const t = tileAt(112.35, 28.55, 9);
    const layer = decode(buildClusterTile(overview, t, EMPTY_FILTERS));
    const members = parcels.filter((p) => inTile(p, t));
    const pr9 = new TileProjector(t, 4096);
    let count = 0;
    let red = 0;
    let amber = 0;
    let area = 0;
    // One point per cell that holds a parcel, in the stage most of its parcels are in.
    const cellOf = (p: OverviewParcel) => `${Math.floor(pr9.x(p.centerLon) / CLUSTER_CELL)}/${Math.floor(pr9.y(p.centerLat) / CLUSTER_CELL)}`;
    const groups = new Map<string, OverviewParcel[]>();
    for (const p of members) groups.set(cellOf(p), [...(groups.get(cellOf(p)) ?? []), p]);
    expect(layer.length).toBe(groups.size);
    const dominant = (list: OverviewParcel[]) => {
      const n = STAGES.map((s) => list.filter((p) => p.stage === s).length);
      return STAGES[n.indexOf(Math.max(...n))];
    };
    const expectedStages = [...groups.values()].map(dominant).sort();
    const stages: string[] = [];
    for (let k = 0; k < layer.length; k++) {
      const f = layer.feature(k);
      expect(f.type).toBe(1);
      const { x, y } = f.loadGeometry()[0][0];
      expect(x >= 0 && x < 4096 && y >= 0 && y < 4096).toBe(true);
      const p = f.properties as Record<string, number | string>;
      count += Number(p.count);
      red += Number(p.red);
      amber += Number(p.amber);
      area += Number(p.areaMu);
      expect(p.warn).toBe(Number(p.red) > 0 ? 'red' : Number(p.amber) > 0 ? 'amber' : '');
      stages.push(String(p.stage));
    }
    expect(stages.sort()).toEqual(expectedStages);
    expect(new Set(stages).size).toBeGreaterThan(1);
    expect(count).toBe(members.length);
    expect(red).toBe(members.filter((p) => p.warn === WARN_RED).length);
    expect(amber).toBe(members.filter((p) => p.warn === WARN_AMBER).length);
    expect(area).toBeCloseTo(members.reduce((s, p) => s + areaMuOf(p.areaM2), 0), 0);
  });

  it('keeps the aggregated tile small however many parcels it holds', () => {
    const t = tileAt(112.3, 28.5, 8);
    const b = tileBBox(t);
    const rng = new Rng(11);
    const crowd = new ParcelOverview(
      randomParcels(60_000, 11).map((p) => ({ ...p, centerLon: rng.between(b.minLon, b.maxLon), centerLat: rng.between(b.minLat, b.maxLat) })),
    );
    const bytes = buildClusterTile(crowd, t, EMPTY_FILTERS);
    expect(decode(bytes).length).toBe((4096 / CLUSTER_CELL) ** 2);
    expect(bytes.length).toBeLessThan(MAX_TILE_BYTES);
  });
});

describe('polygon tiles', () => {
  const tile = tileAt(112.36, 28.56, 13);
  const pr = new TileProjector(tile, 4096);

  /** A jagged parcel of many vertices around a pixel centre. */
  function jagged(cx: number, cy: number, r: number, n: number): Polygon {
    const ring = Array.from({ length: n }, (_, k) => {
      const a = (2 * Math.PI * k) / n;
      const rr = r * (k % 2 ? 0.8 : 1);
      return pr.lonLat(cx + rr * Math.cos(a), cy - rr * Math.sin(a));
    });
    return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  }

  it('simplifies harder when a tile would pass the size limit', () => {
    const parcels: TileParcel[] = [];
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j++) {
        parcels.push({
          id: `ID${i}-${j}`.padEnd(26, 'X'),
          code: `C${i}-${j}`,
          name: `一个相当长的地块名称用来把属性表撑大${i}-${j}`,
          stage: STAGES[(i + j) % STAGES.length],
          warn: '',
          areaM2: 10_000,
          project: `P${i}`,
          geometry: jagged(50 + i * 100, 50 + j * 100, 45, 400),
        });
      }
    }
    const bytes = buildPolygonTile(parcels, tile);
    expect(bytes.length).toBeLessThanOrEqual(MAX_TILE_BYTES);
    const layer = decode(bytes);
    expect(layer.length).toBe(1600);
    expect(layer.feature(0).loadGeometry()[0].length).toBeLessThan(400);
  });

  it('gives each parcel a stable feature id below 2^53 and draws small parcels last', () => {
    expect(featureIdOf('01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe(featureIdOf('01JABCDEFGHJKMNPQRSTVWXYZ0'));
    expect(featureIdOf('01JABCDEFGHJKMNPQRSTVWXYZ0')).not.toBe(featureIdOf('01JABCDEFGHJKMNPQRSTVWXYZ1'));
    for (const id of ['a', 'zzzzzzzzzzzzzzzzzzzzzzzzzz', '地块']) {
      const v = featureIdOf(id);
      expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    }
    const big: TileParcel = { id: 'BIG', code: 'B', name: '大', stage: '已入库', warn: 'red', areaM2: 90_000, project: 'P', geometry: jagged(2000, 2000, 800, 8) };
    const small: TileParcel = { id: 'SMALL', code: 'S', name: '小', stage: '可供应', warn: 'amber', areaM2: 5_000, project: 'P', geometry: jagged(2000, 2000, 100, 8) };
    const layer = decode(buildPolygonTile([small, big], tile));
    expect([layer.feature(0).properties.code, layer.feature(1).properties.code]).toEqual(['B', 'S']);
    expect(layer.feature(1).properties).toMatchObject({ warn: 'amber', areaMu: 7.5 });
  });
});
