import { describe, expect, it } from 'vitest';
import { geodesicArea, type MultiPolygon, type Polygon } from '../../src/platform/geo/geometry';
import { lonLatToGk, parseBoundaryFile, type ImportResult } from '../../src/platform/geo/import';
import { metresBetween, PARCEL_ZONE_37, PARCEL_ZONE_37_SMALL, PARCEL_ZONE_38_WITH_HOLE, type LonLat } from '../fixtures/geo-import/parcels';
import {
  orientRing,
  PRJ_CGCS2000_GEOGRAPHIC,
  PRJ_XIAN80_GK,
  prjGkCm,
  prjGkZone,
  writeShapefile,
  zipFiles,
  type DbfFieldSpec,
  type XY,
} from '../fixtures/geo-import/shapefile-writer';

const MAX = 5 * 1024 * 1024;
const FIELDS: DbfFieldSpec[] = [
  { name: '地块编号', type: 'C', length: 20 },
  { name: '地块名称', type: 'C', length: 40 },
  { name: 'DKYT', type: 'C', length: 20 },
  { name: 'MJ', type: 'N', length: 14, decimals: 2 },
];
/** QGIS-style exports: pinyin-initial field names, UTF-8 values. */
const FIELDS_ASCII: DbfFieldSpec[] = [
  { name: 'DKBH', type: 'C', length: 20 },
  { name: 'DKMC', type: 'C', length: 40 },
  { name: 'DKYT', type: 'C', length: 20 },
  { name: 'MJ', type: 'N', length: 14, decimals: 2 },
];

function toGk(zone: number, ring: LonLat[], withPrefix = false): XY[] {
  return ring.map(([lon, lat]) => {
    const { easting, northing } = lonLatToGk(zone, lon, lat, { withPrefix });
    return [easting, northing];
  });
}

/** ESRI orientation: outer rings clockwise, holes counter-clockwise. */
function esri(rings: XY[][]): XY[][] {
  return rings.map((ring, k) => orientRing(ring, k === 0));
}

function worstError(original: LonLat[][], polygon: Polygon): number {
  let worst = 0;
  original.forEach((ring, r) => {
    for (const p of ring) worst = Math.max(worst, Math.min(...polygon.coordinates[r].map((q) => metresBetween(p, q))));
  });
  return worst;
}

async function parseZip(bytes: Uint8Array, opts: Partial<Parameters<typeof parseBoundaryFile>[2]> = {}): Promise<ImportResult> {
  return parseBoundaryFile('地块.zip', bytes, { maxBytes: MAX, ...opts });
}

describe('zipped Shapefile', () => {
  it('GBK attributes and a CGCS2000 3° GK zone 37 .prj (CM_111E style)', async () => {
    const files = writeShapefile({
      shapes: [esri([toGk(37, PARCEL_ZONE_37[0])]), esri([toGk(37, PARCEL_ZONE_37_SMALL[0])])],
      fields: FIELDS,
      records: [
        ['HS-001', '赫山区龙岭工业园地块', '工业用地', 42063.38],
        ['HS-002', '会龙山街道小地块', '住宅用地', null],
      ],
      encoding: 'gbk',
    });
    const zip = zipFiles({ '地块.shp': files.shp, '地块.shx': files.shx, '地块.dbf': files.dbf, '地块.prj': prjGkCm(37) });
    const result = await parseZip(zip);
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('shapefile-zip');
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号37');
    expect(result.features).toHaveLength(2);
    expect(result.features[0]).toMatchObject({ index: 0, code: 'HS-001', name: '赫山区龙岭工业园地块', use: '工业用地', declaredAreaM2: null });
    expect(result.features[0].properties).toEqual({ 地块编号: 'HS-001', 地块名称: '赫山区龙岭工业园地块', DKYT: '工业用地', MJ: 42063.38 });
    expect(result.features[1].properties.MJ).toBeNull();
    expect(worstError(PARCEL_ZONE_37, result.features[0].geometry as Polygon)).toBeLessThan(0.001);
    const expected = geodesicArea({ type: 'Polygon', coordinates: PARCEL_ZONE_37 });
    expect(Math.abs(Number(result.features[0].areaM2) - expected) / expected).toBeLessThan(0.005);
  });

  it('EPSG:4490 lon/lat, UTF-8 attributes with a .cpg, files in a sub-folder', async () => {
    const files = writeShapefile({
      shapes: [esri(PARCEL_ZONE_38_WITH_HOLE.map((ring) => ring.map(([x, y]): XY => [x, y])))],
      fields: FIELDS_ASCII,
      records: [['ZY-007', '资阳区长春镇地块', '商服用地', 71177.03]],
      encoding: 'utf8',
    });
    const zip = zipFiles({
      'export/parcels.shp': files.shp,
      'export/parcels.shx': files.shx,
      'export/parcels.dbf': files.dbf,
      'export/parcels.prj': PRJ_CGCS2000_GEOGRAPHIC,
      'export/parcels.cpg': 'UTF-8',
    });
    const result = await parseZip(zip);
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('EPSG:4490');
    const [feature] = result.features;
    expect(feature).toMatchObject({ code: 'ZY-007', name: '资阳区长春镇地块', use: '商服用地' });
    const polygon = feature.geometry as Polygon;
    expect(polygon.coordinates).toHaveLength(2);
    expect(worstError(PARCEL_ZONE_38_WITH_HOLE, polygon)).toBeLessThan(1e-6);
  });

  it('Zone_38 style .prj with prefixed eastings; UTF-8 detected without a .cpg', async () => {
    const files = writeShapefile({
      shapes: [esri(PARCEL_ZONE_38_WITH_HOLE.map((ring) => toGk(38, ring, true)))],
      fields: FIELDS_ASCII,
      records: [['ZY-008', '资阳区地块', '住宅用地', null]],
      encoding: 'utf8',
    });
    const zip = zipFiles({ 'a.shp': files.shp, 'a.dbf': files.dbf, 'a.prj': prjGkZone(38) });
    const result = await parseZip(zip);
    expect(result.problems).toEqual([]);
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号38');
    expect(result.features[0].name).toBe('资阳区地块');
    expect(worstError(PARCEL_ZONE_38_WITH_HOLE, result.features[0].geometry as Polygon)).toBeLessThan(0.001);
  });

  it('UTF-8 Chinese field names cut at 10 bytes lose only the broken character', async () => {
    const files = writeShapefile({
      shapes: [esri([toGk(37, PARCEL_ZONE_37[0])])],
      fields: FIELDS,
      records: [['HS-020', '龙岭地块', '住宅用地', null]],
      encoding: 'utf8',
    });
    const result = await parseZip(zipFiles({ 't.shp': files.shp, 't.dbf': files.dbf, 't.prj': prjGkCm(37) }));
    expect(result.problems).toEqual([]);
    // 「地块编号」 is 12 UTF-8 bytes: the field name keeps 「地块编」.
    expect(Object.keys(result.features[0].properties)).toEqual(['地块编', '地块名', 'DKYT', 'MJ']);
    expect(result.features[0].properties['地块名']).toBe('龙岭地块');
  });

  it('a record with two outer rings becomes a MultiPolygon', async () => {
    const files = writeShapefile({
      shapes: [esri([toGk(37, PARCEL_ZONE_37[0])]).concat(esri([toGk(37, PARCEL_ZONE_37_SMALL[0])]))],
      fields: FIELDS,
      records: [['HS-010', '两块飞地', '住宅用地', null]],
      encoding: 'gbk',
    });
    const result = await parseZip(zipFiles({ 'b.shp': files.shp, 'b.dbf': files.dbf, 'b.prj': prjGkCm(37) }));
    expect(result.problems).toEqual([]);
    const geometry = result.features[0].geometry as MultiPolygon;
    expect(geometry.type).toBe('MultiPolygon');
    expect(geometry.coordinates).toHaveLength(2);
  });

  it('without a .prj: degrees are read as CGCS2000, metres need a prefix or a chosen zone', async () => {
    const degrees = writeShapefile({ shapes: [esri([PARCEL_ZONE_37[0].map(([x, y]): XY => [x, y])])], fields: FIELDS, records: [['A', '甲', '', null]], encoding: 'gbk' });
    const r1 = await parseZip(zipFiles({ 'c.shp': degrees.shp, 'c.dbf': degrees.dbf }));
    expect(r1.problems).toEqual([]);
    expect(r1.sourceCrs).toContain('无 .prj');

    const metres = writeShapefile({ shapes: [esri([toGk(37, PARCEL_ZONE_37[0])])], fields: FIELDS, records: [['A', '甲', '', null]], encoding: 'gbk' });
    const zip = zipFiles({ 'd.shp': metres.shp, 'd.dbf': metres.dbf });
    const r2 = await parseZip(zip);
    expect(r2.problems[0].message).toContain('无法确定投影带');
    const r3 = await parseZip(zip, { zone: 37 });
    expect(r3.problems).toEqual([]);
    expect(worstError(PARCEL_ZONE_37, r3.features[0].geometry as Polygon)).toBeLessThan(0.001);
  });

  it('refuses a .prj it does not support (西安80)', async () => {
    const files = writeShapefile({ shapes: [esri([toGk(37, PARCEL_ZONE_37[0])])], fields: FIELDS, records: [['A', '甲', '', null]], encoding: 'gbk' });
    const result = await parseZip(zipFiles({ 'e.shp': files.shp, 'e.dbf': files.dbf, 'e.prj': PRJ_XIAN80_GK }));
    expect(result.features).toEqual([]);
    expect(result.problems).toEqual([{ index: null, message: expect.stringContaining('1980 西安坐标系') }]);
  });

  it('reports a null shape per feature and still returns the others', async () => {
    const files = writeShapefile({
      shapes: [null, esri([toGk(37, PARCEL_ZONE_37[0])])],
      fields: FIELDS,
      records: [['N', '空图形', '', null], ['OK', '正常', '', null]],
      encoding: 'gbk',
    });
    const result = await parseZip(zipFiles({ 'f.shp': files.shp, 'f.dbf': files.dbf, 'f.prj': prjGkCm(37) }));
    expect(result.problems).toEqual([{ index: 0, message: '没有几何图形' }]);
    expect(result.features.map((f) => f.code)).toEqual(['OK']);
  });
});
