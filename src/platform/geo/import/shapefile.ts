/**
 * Zipped shapefile: .shp + .dbf (required), .prj (CRS; without it degrees are read as CGCS2000
 * lon/lat and metres need a zone prefix or a chosen zone), .cpg (attribute encoding), possibly
 * in a sub-folder. .shx is not needed: records are read in sequence.
 */
import { pickParcelFields } from './attributes';
import { resolveSourceCrs } from './crs';
import { readDbf, type DbfRecord } from './dbf';
import { crsFromPrj } from './prj';
import { locatePoint, twiceSignedArea } from './segments';
import { readShp } from './shp';
import { formatMegabytes } from '../../storage/file-size';
import { decodeText } from './text-decoding';
import { ImportError, type ImportEncoding, type ImportProblem, type ParseOptions, type ReaderOutput, type SourceFeature, type SourcePart, type XY } from './types';
import { checkDeclaredSizes, readZipEntry, type ZipBudget, type ZipEntry } from './zip';

const NO_PRJ_LABEL = 'EPSG:4490（无 .prj，按经纬度坐标识别）';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function extension(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function stem(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot < 0 ? path : path.slice(0, dot)).toLowerCase();
}

/** Archive members that are not macOS resource forks or hidden files. */
export function usableEntries(entries: ZipEntry[]): ZipEntry[] {
  return entries.filter((e) => !e.name.startsWith('__MACOSX/') && !baseName(e.name).startsWith('.'));
}

export function hasShapefileParts(entries: ZipEntry[]): boolean {
  return usableEntries(entries).some((e) => ['shp', 'dbf', 'shx'].includes(extension(e.name)));
}

function cpgEncoding(text: string): ImportEncoding {
  const value = text.trim().toUpperCase().replace(/[\s_-]/g, '');
  if (['UTF8', '65001'].includes(value)) return 'utf8';
  if (['GBK', '936', 'CP936', 'GB2312', 'GB18030', 'ANSI936', 'EUCCN', '54936'].includes(value)) return 'gbk';
  return 'auto';
}

function isClockwise(ring: XY[]): boolean {
  return twiceSignedArea(ring) < 0;
}

function contains(outer: XY[], inner: XY[]): boolean {
  const closed = [...outer, outer[0]];
  for (const p of inner) {
    const where = locatePoint(closed, p);
    if (where !== 'boundary') return where === 'inside';
  }
  return false;
}

/**
 * ESRI rings: clockwise outer rings, counter-clockwise holes, each hole inside one outer ring.
 * A record with no clockwise ring at all was written with the orientation reversed: its rings
 * are read as outer rings.
 */
function assemble(rings: XY[][], problems: string[]): SourcePart[] {
  let outers = rings.filter(isClockwise);
  let holes = rings.filter((r) => !isClockwise(r));
  if (outers.length === 0) {
    outers = holes;
    holes = [];
  }
  const multi = outers.length > 1;
  const parts = outers.map((ring, p) => ({ rings: [{ label: multi ? `第 ${p + 1} 部分的外环` : '外环', points: ring }] }));
  const areas = outers.map((r) => Math.abs(twiceSignedArea(r)));
  for (const hole of holes) {
    const candidates = outers.map((_, p) => p).filter((p) => contains(outers[p], hole));
    if (candidates.length === 0) {
      problems.push(`第 ${rings.indexOf(hole) + 1} 个环是内环（逆时针），但不在任何外环之内`);
      continue;
    }
    const p = candidates.reduce((best, c) => (areas[c] < areas[best] ? c : best));
    const k = parts[p].rings.length;
    parts[p].rings.push({ label: multi ? `第 ${p + 1} 部分的第 ${k} 个内环` : `第 ${k} 个内环`, points: hole });
  }
  return parts;
}

function find(entries: ZipEntry[], base: string, ext: string): ZipEntry | undefined {
  return entries.find((e) => stem(e.name) === base && extension(e.name) === ext);
}

export function readShapefileZip(bytes: Uint8Array, allEntries: ZipEntry[], options: ParseOptions): ReaderOutput {
  const entries = usableEntries(allEntries);
  const budget: ZipBudget = { remaining: options.maxBytes * 10, limitText: formatMegabytes(options.maxBytes * 10) };
  checkDeclaredSizes(entries, budget);
  const shps = entries.filter((e) => extension(e.name) === 'shp');
  if (shps.length > 1) {
    throw new ImportError(`压缩包中有多个 Shapefile（${shps.map((e) => baseName(e.name)).join('、')}），请每次只上传一个`);
  }
  if (shps.length === 0) {
    const other = entries.find((e) => ['dbf', 'shx', 'prj'].includes(extension(e.name)));
    const expected = other ? `${baseName(other.name).replace(/\.[^.]+$/, '')}.shp` : '.shp';
    throw new ImportError(`压缩包中缺少 ${expected}（图形文件）`);
  }
  const shp = shps[0];
  const base = stem(shp.name);
  const shpName = baseName(shp.name).replace(/\.[^.]+$/, '');
  const dbf = find(entries, base, 'dbf');
  if (!dbf) throw new ImportError(`压缩包中缺少 ${shpName}.dbf（属性表）`);
  const prj = find(entries, base, 'prj');
  const cpg = find(entries, base, 'cpg');

  const records = readShp(readZipEntry(bytes, shp, budget));
  const cpgStated = cpg ? cpgEncoding(new TextDecoder('latin1').decode(readZipEntry(bytes, cpg, budget))) : 'auto';
  const chosen = options.encoding ?? 'auto';
  const [stated, statedBy] = chosen !== 'auto' ? [chosen, '导入选项'] : [cpgStated, ' .cpg 文件'];
  const table = readDbf(readZipEntry(bytes, dbf, budget), stated, statedBy);
  const declared = prj ? crsFromPrj(decodeText(readZipEntry(bytes, prj, budget), 'auto', '.prj 文件').text) : null;

  const problems: ImportProblem[] = [];
  if (table.records.length !== records.length) {
    problems.push({ index: null, message: `图形文件（.shp）有 ${records.length} 个图形，属性表（.dbf）有 ${table.records.length} 条记录，数量不一致` });
  }
  const features: SourceFeature[] = [];
  for (const record of records) {
    const row: DbfRecord | undefined = table.records[record.index];
    if (row?.deleted) continue;
    const values = row?.values ?? {};
    if (!record.rings || record.rings.length === 0) {
      problems.push({ index: record.index, message: '没有几何图形' });
      continue;
    }
    const messages: string[] = [];
    const parts = assemble(record.rings, messages);
    for (const message of messages) problems.push({ index: record.index, message });
    features.push({ index: record.index, ...pickParcelFields(values), properties: values, declaredAreaM2: null, parts });
  }
  const resolved = resolveSourceCrs(features, declared, options.zone, NO_PRJ_LABEL);
  return { crs: resolved.crs, features: resolved.features, problems };
}
