import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { geodesicArea, type Polygon } from '../../src/platform/geo/geometry';
import { parseBoundaryFile, type ImportResult } from '../../src/platform/geo/import';
import { buildMinistryText, type MinistryOptions } from '../fixtures/geo-import/ministry-text';
import { metresBetween, PARCEL_ZONE_37, PARCEL_ZONE_37_SMALL, PARCEL_ZONE_38_WITH_HOLE, type LonLat } from '../fixtures/geo-import/parcels';

const MAX = 5 * 1024 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

async function parseText(text: string | Uint8Array, opts: Partial<Parameters<typeof parseBoundaryFile>[2]> = {}): Promise<ImportResult> {
  return parseBoundaryFile('坐标.txt', typeof text === 'string' ? utf8(text) : text, { maxBytes: MAX, ...opts });
}

function text(options: Partial<MinistryOptions> & Pick<MinistryOptions, 'zone'>): string {
  return buildMinistryText({
    parcels: [{ code: 'YY-2026-001', name: '赫山区龙岭地块', use: '住宅用地', rings: PARCEL_ZONE_37 }],
    ...options,
  });
}

/** Largest distance in metres between the original vertices and the imported ones (same order). */
function worstVertexError(original: LonLat[][], imported: Polygon): number {
  let worst = 0;
  original.forEach((ring, r) => {
    const got = imported.coordinates[r];
    expect(got).toHaveLength(ring.length);
    // The importer orients rings (RFC 7946); compare each original vertex with its nearest imported one.
    for (const p of ring) worst = Math.max(worst, Math.min(...got.map((q) => metresBetween(p, q))));
  });
  return worst;
}

function relativeAreaError(original: LonLat[][], areaM2: string): number {
  const expected = geodesicArea({ type: 'Polygon', coordinates: original });
  return Math.abs(Number(areaM2) - expected) / expected;
}

describe('部颁坐标格式 text', () => {
  it('zone 37 without prefix: reprojects within 0.01 m and keeps the area within 0.5 %', async () => {
    const result = await parseText(text({ zone: 37 }));
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('ministry-text');
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号37');
    expect(result.features).toHaveLength(1);
    const [feature] = result.features;
    expect(feature).toMatchObject({ index: 0, code: 'YY-2026-001', name: '赫山区龙岭地块', use: '住宅用地' });
    expect(feature.properties).toMatchObject({ 地块编号: 'YY-2026-001', 地类编码: '0701', 图形属性: '面', 点数: 9 });
    expect(feature.geometry.type).toBe('Polygon');
    expect(worstVertexError(PARCEL_ZONE_37, feature.geometry as Polygon)).toBeLessThan(0.01);
    expect(relativeAreaError(PARCEL_ZONE_37, feature.areaM2)).toBeLessThan(0.005);
    expect(feature.areaM2).toMatch(/^\d+\.\d{2}$/);
    // 面积 in the header is the plane area in 公顷: within the GK scale distortion (≈ 0.05 % here).
    expect(Number(feature.declaredAreaM2)).toBeGreaterThan(0);
    expect(Math.abs(Number(feature.declaredAreaM2) - Number(feature.areaM2)) / Number(feature.areaM2)).toBeLessThan(0.005);
  });

  it('zone 38 with the zone prefix and a hole', async () => {
    const source = buildMinistryText({
      zone: 38,
      withPrefix: true,
      parcels: [{ code: 'YY-2026-002', name: '带内环地块', use: '商服用地', rings: PARCEL_ZONE_38_WITH_HOLE }],
    });
    expect(source).toMatch(/\nJ1,1,3\d{6}\.\d{3},38\d{6}\.\d{3}\r/);
    const result = await parseText(source);
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号38');
    const polygon = result.features[0].geometry as Polygon;
    expect(polygon.coordinates).toHaveLength(2);
    expect(worstVertexError(PARCEL_ZONE_38_WITH_HOLE, polygon)).toBeLessThan(0.01);
    expect(relativeAreaError(PARCEL_ZONE_38_WITH_HOLE, result.features[0].areaM2)).toBeLessThan(0.005);
    const outerOnly = geodesicArea({ type: 'Polygon', coordinates: [PARCEL_ZONE_38_WITH_HOLE[0]] });
    expect(Number(result.features[0].areaM2)).toBeLessThan(outerOnly);
  });

  it('zone 38 without prefix, and zone taken from the prefix when 带号 is missing', async () => {
    const plain = await parseText(
      buildMinistryText({ zone: 38, parcels: [{ code: 'A', name: '甲', use: '工业用地', rings: PARCEL_ZONE_38_WITH_HOLE }] }),
    );
    expect(plain.problems).toEqual([]);
    expect(worstVertexError(PARCEL_ZONE_38_WITH_HOLE, plain.features[0].geometry as Polygon)).toBeLessThan(0.01);

    const prefixOnly = await parseText(
      buildMinistryText({ zone: 38, withPrefix: true, zoneHeader: false, parcels: [{ code: 'A', name: '甲', use: '工业用地', rings: PARCEL_ZONE_38_WITH_HOLE }] }),
    );
    expect(prefixOnly.problems).toEqual([]);
    expect(prefixOnly.sourceCrs).toBe('CGCS2000 3° GK 带号38');
  });

  it('asks for the zone when neither 带号 nor a prefix says it, and uses the chosen zone', async () => {
    const source = text({ zone: 37, zoneHeader: false });
    const unknown = await parseText(source);
    expect(unknown.features).toEqual([]);
    expect(unknown.problems).toEqual([{ index: null, message: expect.stringContaining('请选择带号') }]);
    const chosen = await parseText(source, { zone: 37 });
    expect(chosen.problems).toEqual([]);
    expect(worstVertexError(PARCEL_ZONE_37, chosen.features[0].geometry as Polygon)).toBeLessThan(0.01);
  });

  it('reads several parcels in file order', async () => {
    const result = await parseText(
      buildMinistryText({
        zone: 37,
        parcels: [
          { code: 'P1', name: '一号地块', use: '住宅用地', rings: PARCEL_ZONE_37 },
          { code: 'P2', name: '二号地块', use: '公园与绿地', rings: PARCEL_ZONE_37_SMALL },
        ],
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.features.map((f) => [f.index, f.code])).toEqual([
      [0, 'P1'],
      [1, 'P2'],
    ]);
  });

  it('decodes GBK text (auto-detected and when chosen) with Chinese names intact', async () => {
    const source = text({ zone: 37 });
    const gbk = new Uint8Array(iconv.encode(source, 'gbk'));
    expect(Buffer.from(gbk).equals(Buffer.from(utf8(source)))).toBe(false);
    for (const encoding of ['auto', 'gbk'] as const) {
      const result = await parseText(gbk, { encoding });
      expect(result.problems).toEqual([]);
      expect(result.features[0]).toMatchObject({ name: '赫山区龙岭地块', use: '住宅用地' });
    }
  });

  it('reads the geographic-degree variant (计量单位=度, X = latitude, Y = longitude)', async () => {
    const result = await parseText(buildMinistryText({ zone: 37, unit: '度', parcels: [{ code: 'D1', name: '经纬度地块', use: '住宅用地', rings: PARCEL_ZONE_37 }] }));
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('EPSG:4490');
    expect(worstVertexError(PARCEL_ZONE_37, result.features[0].geometry as Polygon)).toBeLessThan(0.001);
  });

  it('accepts full-width commas and blank lines', async () => {
    const source = text({ zone: 37 }).replace(/\r\nJ3,/, '\r\n\r\nJ3，').replace(/(J4,1,[\d.]+),/, '$1，');
    const result = await parseText(source);
    expect(result.problems).toEqual([]);
  });

  it('reports a zone that contradicts the easting prefix', async () => {
    const source = buildMinistryText({ zone: 38, withPrefix: true, zoneHeader: 37, parcels: [{ code: 'A', name: '甲', use: '住宅用地', rings: PARCEL_ZONE_38_WITH_HOLE }] });
    const result = await parseText(source);
    expect(result.features).toEqual([]);
    expect(result.problems).toEqual([{ index: null, message: '属性描述中的带号 37 与坐标中的带号前缀 38 不一致' }]);
  });

  it('refuses 西安80 and 6° zones', async () => {
    const xian = await parseText(text({ zone: 37, coordinateSystem: '1980西安坐标系' }));
    expect(xian.problems[0].message).toContain('1980 西安坐标系');
    const sixDegree = await parseText(text({ zone: 37 }).replace('几度分带=3', '几度分带=6'));
    expect(sixDegree.problems[0].message).toContain('只支持 3 度分带');
  });
});
