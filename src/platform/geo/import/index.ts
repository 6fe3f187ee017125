/**
 * Parcel boundary import: GeoJSON, zipped Shapefile, KML/KMZ and the 部颁坐标格式 text, to
 * CGCS2000 lon/lat polygons with ellipsoidal areas and per-feature problems in Chinese.
 *
 * Contract for callers: a result with ANY problem must be refused as a whole (write nothing);
 * the features are still returned so the UI can preview them and show what is wrong with each.
 * Pure computation on bytes (no I/O besides logging an unexpected failure); no 'server-only' so
 * scripts can use it under tsx. Client components import types from here and `describeProblem`
 * from './describe' only (this module pulls in proj4, iconv-lite and the logger).
 */
import { briefError, getLogger } from '../../logger';
import { detectFormat, extensionProblem } from './detect';
import { readGeoJson } from './geojson';
import { readKml } from './kml';
import { readMinistryText } from './ministry-text';
import { finishFeaturesYielding } from './pipeline';
import { yieldToEventLoop } from './yield';
import { hasShapefileParts, readShapefileZip, usableEntries } from './shapefile';
import { formatMegabytes, sizeOverLimitMessage } from '../../storage/file-size';
import { ImportError, tooManyFeaturesMessage, type ImportedFeature, type ImportFormat, type ImportProblem, type ImportResult, type ParseOptions, type ReaderOutput } from './types';
import { checkDeclaredSizes, listZipEntries, readZipEntry } from './zip';

export type { ImportedFeature, ImportEncoding, ImportFormat, ImportProblem, ImportResult, ParseOptions } from './types';
export { gkToLonLat, lonLatToGk, GK_ZONE_MAX, GK_ZONE_MIN } from './gauss-kruger';
export { describeProblem } from './describe';

export const UNKNOWN_FORMAT_MESSAGE = '无法识别的文件格式，请上传 GeoJSON、KML、Shapefile（zip）或部颁坐标文本';
const UNEXPECTED_FAILURE = '文件解析失败，文件可能已损坏或格式不正确';

function failed(format: ImportFormat | null, message: string): ImportResult {
  return { format, features: [], problems: [{ index: null, message }], sourceCrs: '' };
}

function readZip(bytes: Uint8Array, options: ParseOptions): { format: ImportFormat; output: ReaderOutput } {
  const entries = listZipEntries(bytes);
  if (hasShapefileParts(entries)) return { format: 'shapefile-zip', output: readShapefileZip(bytes, entries, options) };
  const kmls = usableEntries(entries).filter((e) => e.name.toLowerCase().endsWith('.kml'));
  if (kmls.length > 0) {
    const budget = { remaining: options.maxBytes * 10, limitText: formatMegabytes(options.maxBytes * 10) };
    const doc = kmls.find((e) => e.name.toLowerCase() === 'doc.kml') ?? kmls[0];
    checkDeclaredSizes([doc], budget);
    return { format: 'kml', output: readKml(readZipEntry(bytes, doc, budget), options, 'KMZ 中的 KML 文件') };
  }
  throw new ImportError('压缩包中没有 Shapefile（.shp、.dbf）或 KML 文件');
}

/** Problems sorted file-level first, then by feature index, keeping each feature's own order. */
function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, order) => ({ p, order }))
    .sort((a, b) => (a.p.index ?? -1) - (b.p.index ?? -1) || a.order - b.order)
    .map(({ p }) => p);
}

function duplicateCodeProblems(features: ImportedFeature[]): ImportProblem[] {
  const firstByCode = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const feature of features) {
    if (!feature.code) continue;
    const first = firstByCode.get(feature.code);
    if (first === undefined) firstByCode.set(feature.code, feature.index);
    else problems.push({ index: feature.index, message: `地块编号 ${feature.code} 与第 ${first + 1} 个地块重复` });
  }
  return problems;
}

async function read(fileName: string, bytes: Uint8Array, options: ParseOptions): Promise<{ format: ImportFormat; output: ReaderOutput } | ImportResult> {
  switch (detectFormat(fileName, bytes)) {
    case 'geojson':
      return { format: 'geojson', output: await readGeoJson(bytes, options) };
    case 'kml':
      return { format: 'kml', output: readKml(bytes, options) };
    case 'ministry-text':
      return { format: 'ministry-text', output: readMinistryText(bytes, options) };
    case 'zip':
      return readZip(bytes, options);
    case 'shapefile-part':
      return failed('shapefile-zip', 'Shapefile 请将 .shp、.shx、.dbf、.prj（及 .cpg）文件一起打包成 zip 后上传');
    default:
      return failed(null, UNKNOWN_FORMAT_MESSAGE);
  }
}

/**
 * Parses an uploaded boundary file. Never throws for bad input: every failure is a problem
 * with a Chinese message. `fileName` only helps recognise the format.
 */
export async function parseBoundaryFile(fileName: string, bytes: Uint8Array, opts: ParseOptions): Promise<ImportResult> {
  if (!(opts.maxBytes > 0)) throw new RangeError('maxBytes must be a positive number');
  if (bytes.byteLength > opts.maxBytes) return failed(null, sizeOverLimitMessage(bytes.byteLength, opts.maxBytes));
  if (bytes.byteLength === 0) return failed(null, '文件为空');
  const mismatch = extensionProblem(fileName, bytes);
  if (mismatch) return failed(null, mismatch);
  let format: ImportFormat | null = null;
  try {
    const outcome = await read(fileName, bytes, opts);
    if (!('output' in outcome)) return outcome;
    format = outcome.format;
    const { crs, features: sourceFeatures, problems: readProblems } = outcome.output;
    if (opts.maxFeatures !== undefined && sourceFeatures.length > opts.maxFeatures) {
      return failed(format, tooManyFeaturesMessage(sourceFeatures.length, opts.maxFeatures));
    }
    // Reading is one synchronous pass; let waiting requests in before the per-feature checks.
    await yieldToEventLoop();
    const { features, problems } = await finishFeaturesYielding(sourceFeatures, crs);
    const all = sortProblems([...readProblems, ...problems, ...duplicateCodeProblems(features)]);
    if (features.length === 0 && all.length === 0) all.push({ index: null, message: '文件中没有任何面状地块' });
    return { format, features, problems: all, sourceCrs: crs.label };
  } catch (error) {
    if (error instanceof ImportError) return failed(format ?? detectFormatSafe(fileName, bytes), error.message);
    try {
      // The error's name and a capped message only: a parse error can quote the whole payload.
      getLogger().error({ error: briefError(error), format }, 'boundary import: unexpected failure');
    } catch {
      // Logging must never turn a refused file into a crash.
    }
    return failed(format, UNEXPECTED_FAILURE);
  }
}

function detectFormatSafe(fileName: string, bytes: Uint8Array): ImportFormat | null {
  const kind = detectFormat(fileName, bytes);
  if (kind === 'zip') return /\.kmz$/i.test(fileName) ? 'kml' : 'shapefile-zip';
  if (kind === 'shapefile-part') return 'shapefile-zip';
  return kind;
}
