/**
 * GeoJSON reader: FeatureCollection, Feature or a bare Polygon/MultiPolygon. RFC 7946 says
 * lon/lat WGS84; Chinese tools also write CGCS2000 metres, announced by the legacy `crs` member
 * or recognisable by the numbers (|x| > 180): those are read as CGCS2000 3° Gauss-Krüger.
 */
import { pickParcelFields, toAttributes } from './attributes';
import { crsFromName, resolveSourceCrs, WGS84_GEOGRAPHIC, type DeclaredCrs } from './crs';
import { partsFromGeometry } from './geojson-geometry';
import { decodeText } from './text-decoding';
import { makePacer, yieldToEventLoop } from './yield';
import { ImportError, tooManyFeaturesMessage, type ImportProblem, type ParseOptions, type ReaderOutput, type SourceFeature } from './types';

function jsonErrorPosition(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `（第 ${line} 行第 ${column} 列附近）`;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(`GeoJSON 文件不是有效的 JSON${jsonErrorPosition(text, error)}，文件可能不完整或已损坏`);
  }
}

function declaredCrs(root: Record<string, unknown>): DeclaredCrs | null {
  const crs = root.crs as { properties?: { name?: unknown } } | undefined | null;
  if (crs === undefined || crs === null) return null;
  const name = crs.properties?.name;
  if (typeof name !== 'string') throw new ImportError('GeoJSON 的 crs 成员格式错误：缺少坐标系名称');
  const found = crsFromName(name, 'GeoJSON 的 crs 成员');
  if (!found) {
    throw new ImportError(`GeoJSON 声明的坐标系 ${name} 不受支持，请使用 2000 国家大地坐标系（CGCS2000）经纬度或 3 度分带高斯-克吕格投影`);
  }
  return found;
}

function sourceFeature(index: number, geometry: unknown, properties: unknown, problems: ImportProblem[]): SourceFeature | null {
  const attributes = toAttributes(properties);
  const parts = partsFromGeometry(geometry);
  if (typeof parts === 'string') {
    problems.push({ index, message: parts });
    return null;
  }
  return { index, ...pickParcelFields(attributes), properties: attributes, declaredAreaM2: null, parts };
}

async function featureList(root: Record<string, unknown>, problems: ImportProblem[], maxFeatures?: number): Promise<SourceFeature[]> {
  const features: SourceFeature[] = [];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new ImportError('GeoJSON 的 FeatureCollection 缺少 features 数组');
    // Refused before any feature is read: the per-feature work is what takes the time.
    if (maxFeatures !== undefined && root.features.length > maxFeatures) {
      throw new ImportError(tooManyFeaturesMessage(root.features.length, maxFeatures));
    }
    const items: unknown[] = root.features;
    const pace = makePacer();
    for (let index = 0; index < items.length; index++) {
      await pace();
      const item = items[index];
      if (typeof item !== 'object' || item === null || (item as { type?: unknown }).type !== 'Feature') {
        problems.push({ index, message: '不是 GeoJSON Feature 对象' });
        continue;
      }
      const { geometry, properties } = item as { geometry?: unknown; properties?: unknown };
      const feature = sourceFeature(index, geometry, properties, problems);
      if (feature) features.push(feature);
    }
    return features;
  }
  if (root.type === 'Feature') {
    const feature = sourceFeature(0, root.geometry, root.properties, problems);
    return feature ? [feature] : [];
  }
  if (typeof root.type === 'string' && 'coordinates' in root) {
    const feature = sourceFeature(0, root, {}, problems);
    return feature ? [feature] : [];
  }
  throw new ImportError('GeoJSON 顶层对象必须是 FeatureCollection、Feature 或 Polygon/MultiPolygon 几何');
}

const FEATURE_TYPE = /"type"\s*:\s*"Feature"/g;
const SCAN_SLICE = 512 * 1024;

/**
 * Counts `"type": "Feature"` in the text, a slice at a time with yields, so a file with far too
 * many features is refused before JSON.parse (the one step that cannot be sliced) holds the
 * event loop. A property value spelling the same text can only overcount, never let a file by.
 */
async function countFeatureObjects(text: string): Promise<number> {
  let count = 0;
  for (let start = 0; start < text.length; start += SCAN_SLICE) {
    if (start > 0) await yieldToEventLoop();
    // Overlap the next slice so a match across the boundary is seen; count matches that start here.
    const slice = text.slice(start, start + SCAN_SLICE + 64);
    for (const m of slice.matchAll(FEATURE_TYPE)) if (m.index < SCAN_SLICE) count++;
  }
  return count;
}

export async function readGeoJson(bytes: Uint8Array, options: ParseOptions): Promise<ReaderOutput> {
  const { text } = decodeText(bytes, options.encoding ?? 'auto', 'GeoJSON 文件');
  await yieldToEventLoop();
  if (options.maxFeatures !== undefined) {
    const found = await countFeatureObjects(text);
    if (found > options.maxFeatures) throw new ImportError(tooManyFeaturesMessage(found, options.maxFeatures));
  }
  const root = parseJson(text);
  await yieldToEventLoop();
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ImportError('GeoJSON 顶层对象必须是 FeatureCollection、Feature 或 Polygon/MultiPolygon 几何');
  }
  const problems: ImportProblem[] = [];
  const declared = declaredCrs(root as Record<string, unknown>);
  const features = await featureList(root as Record<string, unknown>, problems, options.maxFeatures);
  await yieldToEventLoop();
  const resolved = resolveSourceCrs(features, declared, options.zone, WGS84_GEOGRAPHIC.label);
  return { crs: resolved.crs, features: resolved.features, problems };
}
