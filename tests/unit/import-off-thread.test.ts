import { describe, expect, it } from 'vitest';
import { packImportResult, packedTransferList, unpackImportResult } from '../../src/platform/geo/import/packed-result';
import { slicedJsonResponse } from '../../src/platform/http/sliced-json';
import type { ImportResult } from '../../src/platform/geo/import';

const result: ImportResult = {
  format: 'shapefile-zip',
  sourceCrs: 'EPSG:4490',
  problems: [{ index: 1, message: '面积为零' }, { index: null, message: '文件级问题' }],
  features: [
    {
      index: 0,
      code: 'A-1',
      name: '甲',
      use: null,
      properties: { 编号: 'A-1', 面积: 12.5, 空: null },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [[112.1, 28.1], [112.2, 28.1], [112.2, 28.2], [112.1, 28.1]],
          [[112.15, 28.12], [112.16, 28.13], [112.17, 28.12], [112.15, 28.12]],
        ],
      },
      areaM2: '100.00',
      declaredAreaM2: null,
    },
    {
      index: 2,
      code: null,
      name: null,
      use: '住宅',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[[[1, 2], [3, 4], [5, 6], [1, 2]]], [[[7, 8], [9, 10], [11, 12], [7, 8]]]],
      },
      areaM2: '5.25',
      declaredAreaM2: '6.00',
    },
  ],
};

describe('大文件导入不阻塞他人: worker result transfer and sliced JSON', () => {
  it('packs every coordinate into transferable buffers and rebuilds the identical result', async () => {
    const packed = packImportResult(result);
    expect(packed.coords).toHaveLength(2 * (4 + 4 + 4 + 4));
    expect([...packed.featureSizes]).toEqual([1, 2]);
    expect([...packed.polygonSizes]).toEqual([2, 1, 1]);
    expect(packedTransferList(packed)).toHaveLength(4);
    // What the receiving thread gets: a structured clone of the packed form.
    expect(await unpackImportResult(structuredClone(packed))).toEqual(result);
    expect(await unpackImportResult(packImportResult({ ...result, features: [] }))).toEqual({ ...result, features: [] });
  });

  it('streams the same JSON as JSON.stringify, the large array written in slices', async () => {
    const features = Array.from({ length: 3000 }, (_, i) => ({ i, name: `地块"${i}"`, ring: [[i, i + 0.5]] }));
    const body = { ok: false, preview: { features, format: 'geojson', fileProblems: ['问题'] }, error: '请选择地块所属的项目' };
    const response = slicedJsonResponse(422, body, ['preview', 'features'], { 'cache-control': 'no-store' });
    expect(response.status).toBe(422);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(await response.text())).toEqual(body);
    const empty = slicedJsonResponse(200, { preview: { features: [] } }, ['preview', 'features']);
    expect(JSON.parse(await empty.text())).toEqual({ preview: { features: [] } });
    // No array at the path: an ordinary JSON response.
    expect(JSON.parse(await slicedJsonResponse(400, { error: '无' }, ['preview', 'features']).text())).toEqual({ error: '无' });
  });
});
