/**
 * GeoJSON geometry objects (from a GeoJSON file or from KML through togeojson) → the reader's
 * SourcePart list, with ring labels for messages. Untrusted input: every level is checked.
 */
import type { SourcePart, SourceRing, XY } from './types';

const TYPE_NAMES: Record<string, string> = {
  Point: '点',
  MultiPoint: '多点',
  LineString: '线',
  MultiLineString: '多线',
  GeometryCollection: '几何集合',
};

function ringLabel(part: number, ring: number, multi: boolean): string {
  const prefix = multi ? `第 ${part + 1} 部分的` : '';
  return ring === 0 ? `${prefix}外环` : `${prefix}第 ${ring} 个内环`;
}

function toRing(value: unknown, label: string): SourceRing | string {
  if (!Array.isArray(value)) return `${label}的坐标格式错误：应为坐标点数组`;
  const points: XY[] = [];
  for (let i = 0; i < value.length; i++) {
    const p: unknown = value[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return `${label}第 ${i + 1} 个点的坐标格式错误：应为 [x, y] 数字`;
    }
    points.push([p[0], p[1]]);
  }
  return { label, points };
}

function toPart(value: unknown, part: number, multi: boolean): SourcePart | string {
  const where = multi ? `第 ${part + 1} 部分` : '面';
  if (!Array.isArray(value) || value.length === 0) return `${where}的坐标格式错误：应为至少包含一个环的数组`;
  const rings: SourceRing[] = [];
  for (let k = 0; k < value.length; k++) {
    const ring = toRing(value[k], ringLabel(part, k, multi));
    if (typeof ring === 'string') return ring;
    rings.push(ring);
  }
  return { rings };
}

function describeType(type: unknown): string {
  if (typeof type !== 'string') return '未知';
  return TYPE_NAMES[type] ? `${type}（${TYPE_NAMES[type]}）` : type;
}

/** Polygon / MultiPolygon (or a GeometryCollection of them) → parts; anything else → a Chinese problem. */
export function partsFromGeometry(geometry: unknown): SourcePart[] | string {
  if (geometry === null || geometry === undefined) return '没有几何图形';
  if (typeof geometry !== 'object' || Array.isArray(geometry)) return '几何图形格式错误';
  const { type, coordinates, geometries } = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'Polygon') {
    const part = toPart(coordinates, 0, false);
    return typeof part === 'string' ? part : [part];
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return 'MultiPolygon 的坐标格式错误：应为面的数组';
    const parts: SourcePart[] = [];
    for (let p = 0; p < coordinates.length; p++) {
      const part = toPart(coordinates[p], p, coordinates.length > 1);
      if (typeof part === 'string') return part;
      parts.push(part);
    }
    return parts;
  }
  if (type === 'GeometryCollection' && Array.isArray(geometries) && geometries.length > 0) {
    const members = geometries as unknown[];
    const polygons = members.filter((g): g is { type: string; coordinates: unknown } => {
      const t = (g as { type?: unknown } | null)?.type;
      return t === 'Polygon' || t === 'MultiPolygon';
    });
    if (polygons.length === members.length) {
      const coordinates = polygons.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [null]));
      return partsFromGeometry({ type: 'MultiPolygon', coordinates });
    }
    const other = members.find((g) => !polygons.includes(g as { type: string; coordinates: unknown })) as { type?: unknown } | null;
    return `几何集合中含有 ${describeType(other?.type)}，只支持面（Polygon、MultiPolygon）`;
  }
  if (typeof type !== 'string') return '几何图形缺少类型（type），只支持面（Polygon、MultiPolygon）';
  return `几何类型是 ${describeType(type)}，只支持面（Polygon、MultiPolygon）`;
}
