import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../src/platform/geo/geometry';
import { describeProblem, lonLatToGk, parseBoundaryFile, type ImportResult } from '../../src/platform/geo/import';
import { buildMinistryText, type MinistryParcel } from '../fixtures/geo-import/ministry-text';
import { PARCEL_ZONE_37, PARCEL_ZONE_38_WITH_HOLE, ringFromOffsets } from '../fixtures/geo-import/parcels';
import { orientRing, prjGkCm, writeShapefile, zipFiles, type XY } from '../fixtures/geo-import/shapefile-writer';

const MB = 1024 * 1024;
const MAX = 5 * MB;
const utf8 = (text: string) => new TextEncoder().encode(text);

async function parse(name: string, bytes: Uint8Array, opts: Partial<Parameters<typeof parseBoundaryFile>[2]> = {}): Promise<ImportResult> {
  const result = await parseBoundaryFile(name, bytes, { maxBytes: MAX, ...opts });
  // Whatever went wrong, every message is Chinese prose, never an exception text or a stack.
  for (const problem of result.problems) {
    expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
    expect(problem.message).not.toMatch(/Error|\bat\s+\S+\s+\(|undefined|NaN/);
  }
  return result;
}

function ministry(parcels: MinistryParcel[], zone = 37): string {
  return buildMinistryText({ zone, parcels });
}

const parcel = (rings = PARCEL_ZONE_37, extra: Partial<MinistryParcel> = {}): MinistryParcel => ({ code: 'B-1', name: '问题地块', use: '住宅用地', rings, ...extra });

function gbkShapefileZip(files: Partial<Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', boolean>> = {}, cpg = 'UTF-8'): Uint8Array {
  const shape = PARCEL_ZONE_37[0].map(([lon, lat]): XY => {
    const { easting, northing } = lonLatToGk(37, lon, lat);
    return [easting, northing];
  });
  const written = writeShapefile({
    shapes: [[orientRing(shape, true)]],
    fields: [{ name: '地块名称', type: 'C', length: 40 }],
    records: [['赫山区龙岭地块']],
    encoding: 'gbk',
  });
  const include = { shp: true, shx: true, dbf: true, prj: true, cpg: false, ...files };
  const entries: Record<string, Uint8Array | string> = {};
  if (include.shp) entries['地块.shp'] = written.shp;
  if (include.shx) entries['地块.shx'] = written.shx;
  if (include.dbf) entries['地块.dbf'] = written.dbf;
  if (include.prj) entries['地块.prj'] = prjGkCm(37);
  if (include.cpg) entries['地块.cpg'] = cpg;
  return zipFiles(entries);
}

/** Deterministic pseudo-random bytes. */
function garbage(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let seed = 20260301;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = seed >>> 24;
  }
  return out;
}

describe('bad boundary files: rings and coordinates (部颁 text)', () => {
  it('unclosed ring: reported, the feature still returned for the preview', async () => {
    const lines = ministry([parcel()]).split('\r\n');
    const closing = lines.lastIndexOf(lines.find((l) => l.startsWith('J1,1,'))!);
    lines.splice(closing, 1);
    const source = lines.join('\r\n').replace(/^9,/m, '8,');
    const result = await parse('a.txt', utf8(source));
    expect(result.problems).toEqual([{ index: 0, message: '第 1 圈未闭合：首点（点 J1）与末点（点 J8）坐标不同，最后一个点必须与第一个点相同' }]);
    expect(result.features).toHaveLength(1);
    const ring = (result.features[0].geometry as Polygon).coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('self-intersecting bow-tie', async () => {
    const bowTie = [ringFromOffsets(112.35, 28.55, [[0, 0], [200, 200], [200, 0], [0, 200]])];
    const result = await parse('a.txt', utf8(ministry([parcel(bowTie)])));
    expect(result.problems).toEqual([{ index: 0, message: '第 1 圈自相交：J1–J2 边与J3–J4 边相交' }]);
  });

  it('hole outside the outer ring', async () => {
    const rings = [PARCEL_ZONE_37[0], ringFromOffsets(112.35, 28.55, [[400, 400], [450, 400], [450, 450], [400, 450]])];
    const result = await parse('a.txt', utf8(ministry([parcel(rings)])));
    expect(result.problems).toEqual([{ index: 0, message: '第 2 圈不在第 1 圈之内（内环必须位于外环内部）' }]);
  });

  it('coordinates outside the declared zone', async () => {
    // A parcel at 111.9°E written as zone 38 (central meridian 114°E): 2.1° west of it.
    const far = [ringFromOffsets(111.9, 28.5, [[0, 0], [100, 0], [100, 100], [0, 100]])];
    const result = await parse('a.txt', utf8(ministry([parcel(far)], 38)));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].index).toBe(0);
    expect(result.problems[0].message).toMatch(/^坐标超出带号 38 的范围（中央经线 114°E，有效经度约 112\.2°E–115\.8°E）：第 1 圈点 J1（东经 111\.9000°）等 5 个点，请检查带号和坐标$/);
  });

  it('X and Y columns swapped, with and without the zone prefix', async () => {
    const swap = (text: string) => text.replace(/^(J\d+,\d+),([\d.]+),([\d.]+)$/gm, '$1,$3,$2');
    const prefixed = await parse('a.txt', utf8(swap(buildMinistryText({ zone: 37, withPrefix: true, parcels: [parcel()] }))));
    expect(prefixed.problems).toEqual([{ index: null, message: '坐标的北坐标与东坐标可能颠倒：北坐标的数值像是带有带号前缀的东坐标，请检查坐标顺序' }]);
    const plain = await parse('a.txt', utf8(swap(ministry([parcel()]))));
    expect(plain.problems[0].message).toMatch(/^坐标的北坐标与东坐标可能颠倒/);
  });

  it('a point count that does not match the header', async () => {
    const result = await parse('a.txt', utf8(ministry([parcel(PARCEL_ZONE_37, { pointCount: 12 })])));
    expect(result.problems).toEqual([{ index: 0, message: '第 13 行地块信息声明 12 个点，实际有 9 个坐标点' }]);
  });

  it('non-numeric coordinates and points before any parcel header', async () => {
    const source = ministry([parcel()]).replace(/^(J3,1,)[\d.]+/m, '$1abc').replace('[地块坐标]\r\n', '[地块坐标]\r\nJ0,1,1,1\r\n');
    const result = await parse('a.txt', utf8(source));
    expect(result.problems).toContainEqual({ index: null, message: '第 13 行：坐标点出现在第一个地块信息行（以 @ 结尾）之前' });
    expect(result.problems).toContainEqual({ index: 0, message: '第 17 行：X 坐标「abc」不是数字' });
  });

  it('duplicated parcel codes within one file', async () => {
    const result = await parse('a.txt', utf8(ministry([parcel(), parcel(PARCEL_ZONE_37, { name: '重复' })])));
    expect(result.problems).toEqual([{ index: 1, message: '地块编号 B-1 与第 1 个地块重复' }]);
    expect(result.features).toHaveLength(2);
    expect(describeProblem(result.problems[0], result.features)).toBe('第 2 个地块（B-1 重复）：地块编号 B-1 与第 1 个地块重复');
    expect(describeProblem({ index: null, message: '文件为空' }, [])).toBe('文件为空');
  });

  it('a .txt that is not in the ministry format', async () => {
    const result = await parse('notes.txt', utf8('会议纪要\n地块坐标待测量'));
    expect(result.problems).toEqual([{ index: null, message: '不是有效的部颁坐标格式文本：文件中没有「[地块坐标]」段' }]);
  });
});

describe('bad boundary files: the file itself', () => {
  it('size over the limit is refused unread', async () => {
    const result = await parse('big.geojson', new Uint8Array(1.5 * MB), { maxBytes: 1 * MB });
    expect(result).toEqual({ format: null, features: [], problems: [{ index: null, message: '文件大小 1.5 MB 超过上限 1 MB' }], sourceCrs: '' });
    const justOver = await parse('big.geojson', new Uint8Array(MB + 1000), { maxBytes: MB });
    expect(justOver.problems[0].message).toBe('文件大小 1.001 MB 超过上限 1 MB');
  });

  it('empty file', async () => {
    expect((await parse('a.geojson', new Uint8Array(0))).problems).toEqual([{ index: null, message: '文件为空' }]);
  });

  it('garbage bytes, whatever the name', async () => {
    const bytes = garbage(4096);
    for (const name of ['parcels.geojson', 'parcels.kml', 'parcels.txt', 'noext']) {
      const result = await parse(name, bytes);
      expect(result.problems).toEqual([{ index: null, message: '无法识别的文件格式，请上传 GeoJSON、KML、Shapefile（zip）或部颁坐标文本' }]);
      expect(result.format).toBeNull();
    }
    // An extension outside the boundary formats, and a .zip that is no zip (Web 防护: 上传, tests/unit/upload-checks.test.ts).
    expect((await parse('data.bin', bytes)).problems[0].message).toMatch(/^不支持的文件类型「\.bin」/);
    expect((await parse('parcels.zip', bytes)).problems).toEqual([{ index: null, message: '文件「.zip」的内容不是 zip 压缩包（按文件内容识别，改扩展名无效），请重新打包后上传' }]);
  });

  it('malformed JSON and XML', async () => {
    const json = await parse('a.geojson', utf8('{"type": "FeatureCollection",\n "features": [ {"type": "Feature", }\n]}'));
    expect(json.problems).toEqual([{ index: null, message: 'GeoJSON 文件不是有效的 JSON（第 2 行第 36 列附近），文件可能不完整或已损坏' }]);
    const xml = await parse('a.kml', utf8('<?xml version="1.0"?>\n<kml><Document><Placemark></Document></kml>'));
    expect(xml.format).toBe('kml');
    expect(xml.problems[0].message).toMatch(/^KML 文件不是有效的 XML/);
  });

  it('wrong encoding declared', async () => {
    const gbkText = new Uint8Array(iconv.encode(ministry([parcel()]), 'gbk'));
    const asUtf8 = await parse('a.txt', gbkText, { encoding: 'utf8' });
    expect(asUtf8.problems).toEqual([{ index: null, message: '坐标文本指定为 UTF-8 编码，但内容不是有效的 UTF-8（可能是 GBK 编码），请选择 GBK 编码或“自动识别”后重新导入' }]);
    const asGbk = await parse('a.txt', utf8(ministry([parcel()])), { encoding: 'gbk' });
    expect(asGbk.problems).toEqual([{ index: null, message: '坐标文本指定为 GBK 编码，但内容是 UTF-8 编码，请选择 UTF-8 编码或“自动识别”后重新导入' }]);
    const cpgSaysUtf8 = await parse('a.zip', gbkShapefileZip({ cpg: true }, 'UTF-8'));
    expect(cpgSaysUtf8.problems).toEqual([
      { index: null, message: '属性表（.dbf）的编码由 .cpg 文件指定为 UTF-8，但内容不是有效的 UTF-8（可能是 GBK 编码），请选择 GBK 编码或修正 .cpg 文件后重新导入' },
    ]);
    // The user's explicit choice overrides a wrong .cpg.
    const overridden = await parse('a.zip', gbkShapefileZip({ cpg: true }, 'UTF-8'), { encoding: 'gbk' });
    expect(overridden.problems).toEqual([]);
    expect(overridden.features[0].name).toBe('赫山区龙岭地块');
  });

  it('truncated zip', async () => {
    const zip = gbkShapefileZip();
    for (const length of [zip.length - 10, Math.floor(zip.length / 2), 30]) {
      const result = await parse('a.zip', zip.subarray(0, length));
      expect(result.problems).toEqual([{ index: null, message: '压缩包不完整或已损坏，请重新打包后上传' }]);
    }
  });

  it('missing .dbf or .shp, and a bare .shp', async () => {
    expect((await parse('a.zip', gbkShapefileZip({ dbf: false }))).problems).toEqual([{ index: null, message: '压缩包中缺少 地块.dbf（属性表）' }]);
    expect((await parse('a.zip', gbkShapefileZip({ shp: false }))).problems).toEqual([{ index: null, message: '压缩包中缺少 地块.shp（图形文件）' }]);
    const bare = writeShapefile({ shapes: [], fields: [{ name: 'A', type: 'C', length: 1 }], records: [], encoding: 'utf8' }).shp;
    expect((await parse('地块.shp', bare)).problems).toEqual([{ index: null, message: 'Shapefile 请将 .shp、.shx、.dbf、.prj（及 .cpg）文件一起打包成 zip 后上传' }]);
  });

  it('zip bombs: declared expansion over 10× the limit, and an entry that lies about its size', async () => {
    const bomb = zipFiles({ '地块.shp': new Uint8Array(12 * MB), '地块.dbf': new Uint8Array(10) });
    expect(bomb.length).toBeLessThan(MB);
    const declared = await parse('a.zip', bomb, { maxBytes: MB });
    expect(declared.problems).toEqual([{ index: null, message: '压缩包解压后的大小超过上限 10 MB，已拒绝处理' }]);

    // Patch the central directory so the 12 MB entry claims to be 1 000 bytes: inflation stops
    // as soon as the output passes the declared size.
    const liar = bomb.slice();
    const view = new DataView(liar.buffer);
    for (let at = liar.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      if (view.getUint32(at + 24, true) === 12 * MB) view.setUint32(at + 24, 1000, true);
    }
    const lying = await parse('a.zip', liar, { maxBytes: MB });
    expect(lying.problems).toEqual([{ index: null, message: '压缩包不完整或已损坏，请重新打包后上传' }]);
  });

  it('a zip with neither a shapefile nor a KML', async () => {
    const result = await parse('a.zip', zipFiles({ 'readme.txt': '说明' }));
    expect(result.problems).toEqual([{ index: null, message: '压缩包中没有 Shapefile（.shp、.dbf）或 KML 文件' }]);
  });

  it('a file with no polygons at all', async () => {
    const result = await parse('a.geojson', utf8('{"type":"FeatureCollection","features":[]}'));
    expect(result.problems).toEqual([{ index: null, message: '文件中没有任何面状地块' }]);
  });

  it('a hole in the zone-38 parcel moved outside is caught in GeoJSON too', async () => {
    const [outer, hole] = PARCEL_ZONE_38_WITH_HOLE;
    const moved = hole.map(([lon, lat]) => [lon + 0.01, lat]);
    const result = await parse('a.geojson', utf8(JSON.stringify({ type: 'Polygon', coordinates: [outer, moved] })));
    expect(result.problems).toEqual([{ index: 0, message: '第 1 个内环不在外环之内（内环必须位于外环内部）' }]);
  });
});
