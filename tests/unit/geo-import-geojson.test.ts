import { describe, expect, it } from 'vitest';
import { type Polygon } from '../../src/platform/geo/geometry';
import { lonLatToGk, parseBoundaryFile, type ImportResult } from '../../src/platform/geo/import';
import { metresBetween, PARCEL_ZONE_37, PARCEL_ZONE_38_WITH_HOLE, type LonLat } from '../fixtures/geo-import/parcels';

const MAX = 5 * 1024 * 1024;

async function parseJson(value: unknown, opts: Partial<Parameters<typeof parseBoundaryFile>[2]> = {}, name = 'parcels.geojson'): Promise<ImportResult> {
  return parseBoundaryFile(name, new TextEncoder().encode(JSON.stringify(value)), { maxBytes: MAX, ...opts });
}

function gkRings(zone: number, rings: LonLat[][], withPrefix: boolean): number[][][] {
  return rings.map((ring) =>
    ring.map(([lon, lat]) => {
      const { easting, northing } = lonLatToGk(zone, lon, lat, { withPrefix });
      return [Number(easting.toFixed(3)), Number(northing.toFixed(3))];
    }),
  );
}

function worstError(original: LonLat[][], polygon: Polygon): number {
  let worst = 0;
  original.forEach((ring, r) => {
    for (const p of ring) worst = Math.max(worst, Math.min(...polygon.coordinates[r].map((q) => metresBetween(p, q))));
  });
  return worst;
}

describe('GeoJSON', () => {
  it('reads a FeatureCollection of lon/lat polygons with attributes', async () => {
    const result = await parseJson({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { DKBH: 'G-1', DKMC: '龙岭地块', 用途: '住宅用地', 面积: 4.2, 已登记: true, note: null }, geometry: { type: 'Polygon', coordinates: PARCEL_ZONE_37 } },
        { type: 'Feature', properties: { code: 'G-2', name: '带内环地块' }, geometry: { type: 'MultiPolygon', coordinates: [PARCEL_ZONE_38_WITH_HOLE] } },
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('geojson');
    expect(result.sourceCrs).toBe('EPSG:4326');
    expect(result.features[0]).toMatchObject({ code: 'G-1', name: '龙岭地块', use: '住宅用地' });
    expect(result.features[0].properties).toEqual({ DKBH: 'G-1', DKMC: '龙岭地块', 用途: '住宅用地', 面积: 4.2, 已登记: '是', note: null });
    expect(result.features[1]).toMatchObject({ code: 'G-2', name: '带内环地块', use: null });
    expect(result.features[1].geometry.type).toBe('Polygon');
    expect(worstError(PARCEL_ZONE_38_WITH_HOLE, result.features[1].geometry as Polygon)).toBe(0);
  });

  it('reads a single Feature and a bare Polygon; orients rings per RFC 7946', async () => {
    const clockwise = [...PARCEL_ZONE_37[0]].reverse();
    const bare = await parseJson({ type: 'Polygon', coordinates: [clockwise] }, {}, 'x.json');
    expect(bare.problems).toEqual([]);
    const ring = (bare.features[0].geometry as Polygon).coordinates[0];
    let twice = 0;
    for (let i = 0; i + 1 < ring.length; i++) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(twice).toBeGreaterThan(0);
    const single = await parseJson({ type: 'Feature', properties: { name: '单个' }, geometry: { type: 'Polygon', coordinates: PARCEL_ZONE_37 } });
    expect(single.features[0].name).toBe('单个');
  });

  it('reports non-polygon features one by one and keeps the polygons', async () => {
    const result = await parseJson({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[112, 28], [112.1, 28.1]] } },
        { type: 'Feature', properties: { code: 'OK' }, geometry: { type: 'Polygon', coordinates: PARCEL_ZONE_37 } },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[112, 28], ['x', 28]]] } },
      ],
    });
    expect(result.features.map((f) => f.index)).toEqual([1]);
    expect(result.problems).toEqual([
      { index: 0, message: '几何类型是 LineString（线），只支持面（Polygon、MultiPolygon）' },
      { index: 2, message: '没有几何图形' },
      { index: 3, message: '外环第 2 个点的坐标格式错误：应为 [x, y] 数字' },
    ]);
  });

  it('reprojects CGCS2000 GK metres with a zone prefix', async () => {
    const result = await parseJson({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: gkRings(38, PARCEL_ZONE_38_WITH_HOLE, true) } });
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号38');
    expect(worstError(PARCEL_ZONE_38_WITH_HOLE, result.features[0].geometry as Polygon)).toBeLessThan(0.01);
  });

  it('takes the zone from a legacy crs member (EPSG:4546 = CGCS2000 GK CM 111°E)', async () => {
    const result = await parseJson({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4546' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: gkRings(37, PARCEL_ZONE_37, false) } }],
    });
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号37');
    expect(worstError(PARCEL_ZONE_37, result.features[0].geometry as Polygon)).toBeLessThan(0.01);
  });

  it('asks for a zone when metres carry no prefix and nothing names the zone', async () => {
    const value = { type: 'Polygon', coordinates: gkRings(37, PARCEL_ZONE_37, false) };
    const unknown = await parseJson(value);
    expect(unknown.features).toEqual([]);
    expect(unknown.problems[0].message).toContain('无法确定投影带');
    const chosen = await parseJson(value, { zone: 37 });
    expect(chosen.problems).toEqual([]);
    expect(worstError(PARCEL_ZONE_37, chosen.features[0].geometry as Polygon)).toBeLessThan(0.01);
  });

  it('hints at swapped lon/lat', async () => {
    const swapped = PARCEL_ZONE_37.map((ring) => ring.map(([lon, lat]) => [lat, lon]));
    const result = await parseJson({ type: 'Polygon', coordinates: swapped });
    expect(result.problems[0].message).toMatch(/超出中国范围.*经度和纬度可能颠倒/);
  });
});
