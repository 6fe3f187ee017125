import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoundaryFile } from '../../src/platform/geo/import';

/**
 * The area a 部颁 file states (面积(公顷), the second field of the parcel header line
 * 点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@) is kept next to the computed one.
 * The fixtures are files as a surveying office writes them (CRLF, one in GBK, 面积 on the plane).
 */
const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/geo-import/ministry', name)));

async function parse(name: string) {
  const result = await parseBoundaryFile(name, fixture(name), { maxBytes: 1024 * 1024 });
  expect(result.problems).toEqual([]);
  return result;
}

/** Relative difference between the stated (plane) and the computed (ellipsoidal) area. */
const relative = (stated: string | null, computed: string) => Math.abs(Number(stated) - Number(computed)) / Number(computed);

describe('stated area of 部颁 parcels', () => {
  it('zone 37 without the zone prefix (GBK, two parcels): each header area in 公顷 becomes m²', async () => {
    const result = await parse('zone37-gbk.txt');
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号37');
    expect(result.features.map((f) => [f.code, f.name, f.use, f.declaredAreaM2, f.properties.地类编码])).toEqual([
      ['430903-2026-011', '龙岭产业园一号地块', '工业用地', '42082.00', '0601'],
      ['430903-2026-012', '龙岭产业园二号地块', '公园与绿地', '4890.00', '1403'],
    ]);
    for (const f of result.features) expect(relative(f.declaredAreaM2, f.areaM2)).toBeLessThan(0.001);
  });

  it('zone 37 with the zone prefix', async () => {
    const [feature] = (await parse('zone37-prefix.txt')).features;
    expect(feature).toMatchObject({ code: '430903-2026-013', declaredAreaM2: '4890.00' });
    expect(feature.properties).toMatchObject({ 点数: 5, 面积公顷: '0.4890', 图幅号: 'H49G001001', 地类编码: '0701' });
  });

  it('zone 38 with the zone prefix and a hole: the stated area is net of the hole, like the computed one', async () => {
    const result = await parse('zone38-prefix-hole.txt');
    expect(result.sourceCrs).toBe('CGCS2000 3° GK 带号38');
    const [feature] = result.features;
    expect(feature).toMatchObject({ code: '430903-2026-021', name: '泉交河镇带内环地块', use: '商服用地', declaredAreaM2: '40249.00' });
    expect(feature.geometry.coordinates).toHaveLength(2);
    expect(relative(feature.declaredAreaM2, feature.areaM2)).toBeLessThan(0.001);
  });

  it('zone 38 without the zone prefix', async () => {
    const [feature] = (await parse('zone38.txt')).features;
    expect(feature).toMatchObject({ code: '430903-2026-022', declaredAreaM2: '13038.00' });
    expect(relative(feature.declaredAreaM2, feature.areaM2)).toBeLessThan(0.001);
  });

  it('keeps an empty area as not stated and refuses one that is not a number', async () => {
    const text = new TextDecoder().decode(fixture('zone38.txt'));
    const empty = await parseBoundaryFile('a.txt', new TextEncoder().encode(text.replace(',1.3038,', ',,')), { maxBytes: 1024 * 1024 });
    expect(empty.problems).toEqual([]);
    expect(empty.features[0].declaredAreaM2).toBeNull();
    const words = await parseBoundaryFile('b.txt', new TextEncoder().encode(text.replace(',1.3038,', ',约1.3公顷,')), { maxBytes: 1024 * 1024 });
    expect(words.problems).toEqual([{ index: 0, message: '地块信息行的面积「约1.3公顷」不是数字（单位：公顷）' }]);
  });
});
