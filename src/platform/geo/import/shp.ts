/**
 * ESRI shapefile geometry (.shp) reader for polygon files (types 5, 15 PolygonZ, 25 PolygonM;
 * Z and M values are ignored). Read by hand, bounds-checked record by record, so a truncated
 * file gets a clear message; rings are returned raw and assembled in `shapefile.ts`.
 */
import { ImportError, type XY } from './types';

const CORRUPT = '图形文件（.shp）不完整或已损坏';
const POLYGON_TYPES = new Set([5, 15, 25]);
const TYPE_NAMES: Record<number, string> = {
  1: '点',
  3: '线',
  8: '多点',
  11: '点',
  13: '线',
  18: '多点',
  21: '点',
  23: '线',
  28: '多点',
  31: '多面体',
};

export interface ShpRecord {
  /** 0-based position in the file. */
  index: number;
  /** null for a null shape (a record without geometry). */
  rings: XY[][] | null;
}

function readPolygon(data: DataView, at: number, contentLength: number): XY[][] {
  if (contentLength < 44) throw new ImportError(CORRUPT);
  const parts = data.getInt32(at + 36, true);
  const points = data.getInt32(at + 40, true);
  if (parts < 1 || points < 0 || 44 + parts * 4 + points * 16 > contentLength) throw new ImportError(CORRUPT);
  const starts: number[] = [];
  for (let p = 0; p < parts; p++) starts.push(data.getInt32(at + 44 + p * 4, true));
  const pointsAt = at + 44 + parts * 4;
  const rings: XY[][] = [];
  for (let p = 0; p < parts; p++) {
    const from = starts[p];
    const to = p + 1 < parts ? starts[p + 1] : points;
    if (from < 0 || to > points || from > to) throw new ImportError(CORRUPT);
    const ring: XY[] = [];
    for (let i = from; i < to; i++) ring.push([data.getFloat64(pointsAt + i * 16, true), data.getFloat64(pointsAt + i * 16 + 8, true)]);
    rings.push(ring);
  }
  return rings;
}

export function readShp(bytes: Uint8Array): ShpRecord[] {
  if (bytes.length < 100) throw new ImportError(CORRUPT);
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.getInt32(0, false) !== 9994) throw new ImportError('.shp 文件不是有效的 Shapefile 图形文件');
  const fileType = data.getInt32(32, true);
  if (fileType !== 0 && !POLYGON_TYPES.has(fileType)) {
    throw new ImportError(`Shapefile 的图形类型是${TYPE_NAMES[fileType] ?? `类型 ${fileType}`}，只支持面（Polygon）`);
  }
  const declaredLength = data.getInt32(24, false) * 2;
  if (declaredLength > bytes.length) throw new ImportError(CORRUPT);
  const records: ShpRecord[] = [];
  let at = 100;
  while (at + 8 <= declaredLength) {
    const contentLength = data.getInt32(at + 4, false) * 2;
    const content = at + 8;
    if (contentLength < 4 || content + contentLength > declaredLength) throw new ImportError(CORRUPT);
    const type = data.getInt32(content, true);
    if (type === 0) records.push({ index: records.length, rings: null });
    else if (POLYGON_TYPES.has(type)) records.push({ index: records.length, rings: readPolygon(data, content, contentLength) });
    else throw new ImportError(`Shapefile 中含有${TYPE_NAMES[type] ?? `类型 ${type}`}图形，只支持面（Polygon）`);
    at = content + contentLength;
  }
  return records;
}
