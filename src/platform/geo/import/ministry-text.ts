/**
 * 部颁坐标格式 (the ministry's land-boundary coordinate text, used for land approval submissions):
 *
 *   [属性描述]
 *   坐标系=2000国家大地坐标系   几度分带=3   投影类型=高斯克吕格   计量单位=米   带号=38 …
 *   [地块坐标]
 *   点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@
 *   点号,圈号,X,Y          X = northing, Y = easting (may carry the zone prefix)
 *
 * Ring 1 is the outer ring, higher ring numbers are holes; each ring repeats its first point
 * last, and 点数 counts every point line of the parcel including those repeats. The geographic
 * variant (计量单位=度) has X = latitude, Y = longitude.
 */
import Decimal from 'decimal.js';
import { parseMinistryCrs } from './ministry-crs';
import { decodeText } from './text-decoding';
import { ImportError, type ImportProblem, type ParseOptions, type ReaderOutput, type SourceFeature, type SourceRing, type XY } from './types';

interface PointLine {
  label: string;
  ring: number;
  x: number;
  y: number;
  line: number;
}

interface ParcelBlock {
  index: number;
  line: number;
  fields: string[];
  /** Raw point lines (fields, line number) until the unit is known; then parsed into `points`. */
  raw: { fields: string[]; line: number }[];
  points: PointLine[];
  problems: string[];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DMS = /^([+-]?\d+)[°度]\s*(\d+)['′分]\s*(\d+(?:\.\d+)?)\s*(?:["″]|秒)?$/;

function parseCoordinate(text: string, degrees: boolean): number | null {
  const value = text.trim();
  if (NUMBER.test(value)) return Number(value);
  if (!degrees) return null;
  const dms = DMS.exec(value);
  if (!dms) return null;
  const sign = dms[1].startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(dms[1])) + Number(dms[2]) / 60 + Number(dms[3]) / 3600);
}

/** Splits a data line; full-width commas are common in hand-edited files. */
function fieldsOf(line: string): string[] {
  return line.replace(/，/g, ',').split(',').map((f) => f.trim());
}

function isHeader(fields: string[]): boolean {
  return fields.some((f) => f === '@');
}

interface Sections {
  attributes: Map<string, string>;
  parcels: ParcelBlock[];
  fileProblems: ImportProblem[];
}

function readSections(text: string): Sections {
  const attributes = new Map<string, string>();
  const parcels: ParcelBlock[] = [];
  const fileProblems: ImportProblem[] = [];
  let section: string | null = null;
  let sawCoordinates = false;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (!line) return;
    const heading = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (heading) {
      section = heading[1];
      if (section === '地块坐标') sawCoordinates = true;
      return;
    }
    if (section === '属性描述') {
      const eq = line.search(/[=＝]/);
      if (eq > 0) attributes.set(line.slice(0, eq).replace(/\s+/g, ''), line.slice(eq + 1).trim());
      return;
    }
    if (section !== '地块坐标') return;
    const fields = fieldsOf(line);
    if (isHeader(fields)) {
      parcels.push({ index: parcels.length, line: lineNo, fields, raw: [], points: [], problems: [] });
      return;
    }
    const parcel = parcels[parcels.length - 1];
    if (!parcel) {
      fileProblems.push({ index: null, message: `第 ${lineNo} 行：坐标点出现在第一个地块信息行（以 @ 结尾）之前` });
      return;
    }
    parcel.raw.push({ fields, line: lineNo });
  });
  if (!sawCoordinates) {
    throw new ImportError('不是有效的部颁坐标格式文本：文件中没有「[地块坐标]」段');
  }
  if (parcels.length === 0) fileProblems.push({ index: null, message: '「[地块坐标]」段中没有任何地块（缺少以 @ 结尾的地块信息行）' });
  return { attributes, parcels, fileProblems };
}

function parsePointLine(fields: string[], lineNo: number, degrees: boolean): PointLine | string {
  const used = fields.length > 4 && fields.slice(4).every((f) => f === '') ? fields.slice(0, 4) : fields;
  if (used.length !== 4) return `第 ${lineNo} 行格式错误：坐标点应为「点号,圈号,X,Y」四项，实际 ${used.length} 项`;
  const [label, ringText, xText, yText] = used;
  if (!/^\d+$/.test(ringText) || Number(ringText) < 1) return `第 ${lineNo} 行：圈号「${ringText}」不是正整数`;
  const x = parseCoordinate(xText, degrees);
  const y = parseCoordinate(yText, degrees);
  if (x === null) return `第 ${lineNo} 行：X 坐标「${xText}」不是数字`;
  if (y === null) return `第 ${lineNo} 行：Y 坐标「${yText}」不是数字`;
  return { label: label || `${lineNo}`, ring: Number(ringText), x, y, line: lineNo };
}

function declaredArea(text: string | undefined, problems: string[]): string | null {
  const value = (text ?? '').trim();
  if (!value) return null;
  if (!NUMBER.test(value)) {
    problems.push(`地块信息行的面积「${value}」不是数字（单位：公顷）`);
    return null;
  }
  const hectares = new Decimal(value);
  if (hectares.isNegative()) {
    problems.push(`地块信息行的面积「${value}」不能为负数`);
    return null;
  }
  return hectares.times(10_000).toFixed(2);
}

function ringsOf(parcel: ParcelBlock): SourceRing[] {
  const rings: { number: number; points: PointLine[] }[] = [];
  const closed = new Set<number>();
  for (const point of parcel.points) {
    const current = rings[rings.length - 1];
    if (current && current.number === point.ring) {
      current.points.push(point);
      continue;
    }
    if (current) closed.add(current.number);
    if (closed.has(point.ring) || rings.some((r) => r.number === point.ring)) {
      parcel.problems.push(`第 ${point.line} 行：圈号 ${point.ring} 的坐标点不连续（同一圈的点必须连在一起）`);
      continue;
    }
    rings.push({ number: point.ring, points: [point] });
  }
  if (rings.length > 0 && !rings.some((r) => r.number === 1)) parcel.problems.push('缺少圈号为 1 的外环');
  rings.sort((a, b) => a.number - b.number);
  // X is the northing (or latitude), Y the easting (or longitude): stored as [x = Y, y = X].
  return rings.map((r) => ({
    label: `第 ${r.number} 圈`,
    points: r.points.map((p): XY => [p.y, p.x]),
    pointLabels: r.points.map((p) => p.label),
  }));
}

function toSourceFeature(parcel: ParcelBlock, degrees: boolean): SourceFeature | null {
  for (const { fields, line } of parcel.raw) {
    const point = parsePointLine(fields, line, degrees);
    if (typeof point === 'string') parcel.problems.push(point);
    else parcel.points.push(point);
  }
  const f = parcel.fields.slice(0, parcel.fields.indexOf('@'));
  const [countText, areaText, code, name, shape, sheet, use, landCode] = f;
  const declaredCount = (countText ?? '').trim();
  if (!/^\d+$/.test(declaredCount) || Number(declaredCount) === 0) {
    parcel.problems.push(`第 ${parcel.line} 行：地块信息行的点数「${declaredCount}」不是正整数`);
  } else if (Number(declaredCount) !== parcel.raw.length) {
    parcel.problems.push(`第 ${parcel.line} 行地块信息声明 ${declaredCount} 个点，实际有 ${parcel.raw.length} 个坐标点`);
  }
  const declaredAreaM2 = declaredArea(areaText, parcel.problems);
  if (parcel.points.length === 0) {
    parcel.problems.push('地块没有坐标点');
    return null;
  }
  const properties: Record<string, string | number | null> = {
    点数: /^\d+$/.test(declaredCount) ? Number(declaredCount) : declaredCount || null,
    面积公顷: areaText || null,
    地块编号: code || null,
    地块名称: name || null,
    图形属性: shape || null,
    图幅号: sheet || null,
    地块用途: use || null,
    地类编码: landCode || null,
  };
  return {
    index: parcel.index,
    code: code || null,
    name: name || null,
    use: use || null,
    properties,
    declaredAreaM2,
    parts: [{ rings: ringsOf(parcel) }],
  };
}

export function readMinistryText(bytes: Uint8Array, options: ParseOptions): ReaderOutput {
  const { text } = decodeText(bytes, options.encoding ?? 'auto', '坐标文本');
  const sections = readSections(text);
  const reader = parseMinistryCrs(sections.attributes);
  const problems: ImportProblem[] = [...sections.fileProblems];
  const features: SourceFeature[] = [];
  for (const parcel of sections.parcels) {
    const feature = toSourceFeature(parcel, reader.degrees);
    if (feature) features.push(feature);
    for (const message of parcel.problems) problems.push({ index: parcel.index, message });
  }
  const resolved = reader.resolve(features, options.zone);
  return { crs: resolved.crs, features: resolved.features, problems };
}
