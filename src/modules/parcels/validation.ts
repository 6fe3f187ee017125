import { z } from 'zod';
import { isIsoDate } from '@/platform/dates';
import Decimal from 'decimal.js';
import { hasControlChars, zId, zOptionalText, zText, zFilterText, zFilterId, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import { geodesicArea, pointInPolygon, type PolygonalGeometry } from '@/platform/geo/geometry';
import { HAZARD_CHECKS, HAZARD_REASON_MAX, HAZARD_RESULTS, STAGES } from './stages';
import { hazardReasonProblem, soilNotApplicableProblem } from './rules/hazards';

/**
 * Parcel form and list-filter schemas, shared by the client forms and the server mutations.
 * Client-safe: no database code.
 */

export const SERVICING_OPTIONS = ['三通一平', '五通一平', '七通一平', '九通一平'] as const;

export const PARCEL_SORTS = ['code', 'area', 'stageSince', 'created'] as const;
export type TParcelSort = (typeof PARCEL_SORTS)[number];
export const PARCEL_SORT_LABELS: Record<TParcelSort, string> = { code: '地块编号', area: '面积', stageSince: '环节起始日期', created: '登记时间' };

/** Warning filter: any warning, or only red / only amber ones. */
export const WARNING_FILTERS = ['any', 'red', 'amber'] as const;
export type TWarningFilter = (typeof WARNING_FILTERS)[number];
export const WARNING_FILTER_LABELS: Record<TWarningFilter, string> = { any: '有预警（红/黄）', red: '红色预警', amber: '黄色预警' };

export const CODE_RULE = '地块编号为 2–40 个字符，不含空格';

const zCode = z
  .string({ error: '请填写地块编号' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, '请填写地块编号')
      .min(2, CODE_RULE)
      .max(40, CODE_RULE)
      .refine((s) => !/\s/.test(s) && !hasControlChars(s), CODE_RULE),
  );

const zOptionalDate = (label: string) =>
  z
    .string()
    .optional()
    .nullable()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || isIsoDate(s), `${label}应为有效日期（YYYY-MM-DD）`)
    .refine((s) => s === '' || s <= todayInShanghai(), `${label}不能晚于今天`)
    .transform((s) => (s === '' ? null : s));

const PLOT_RATIO = /^\d{1,2}(\.\d{1,2})?$/;

/** 0–20, at most two decimals; stored as a decimal string with two places. */
const zPlotRatio = z
  .union([z.string(), z.number()], { error: '容积率应为数字' })
  .optional()
  .nullable()
  .transform((v) => (v === null || v === undefined ? '' : String(v).trim()))
  .refine((s) => s === '' || PLOT_RATIO.test(s), '容积率应为 0–20 之间的数，最多两位小数')
  // zod runs every refine even after one failed: only a well-formed number reaches Decimal (which throws).
  .refine((s) => s === '' || !PLOT_RATIO.test(s) || new Decimal(s).lte(20), '容积率不能大于 20')
  .transform((s) => (s === '' ? null : new Decimal(s).toFixed(2)));

const zHazard = (label: string) => z.enum(HAZARD_RESULTS, { error: `${label}结果应为 ${HAZARD_RESULTS.join('、')} 之一` }).default('未查');

/** The boundary as a GeoJSON value (or its text); normalised to a Polygon / MultiPolygon. */
export const zBoundary = z.unknown().transform((value, ctx) => {
  if (value === null || value === undefined || value === '') {
    ctx.addIssue({ code: 'custom', message: '请填写地块边界' });
    return z.NEVER;
  }
  const result = normaliseBoundary(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.geometry;
});

const parcelFields = {
  code: zCode,
  name: zText('地块名称', { max: 100 }),
  supervisionNo: zOptionalText('电子监管号', 64),
  location: zOptionalText('坐落位置', 200),
  projectId: z.string({ error: '请选择所属项目' }).min(1, '请选择所属项目').pipe(zId('项目')),
  currentUse: zOptionalText('现状用途', 64),
  plannedUse: zOptionalText('规划用途', 64),
  plotRatio: zPlotRatio,
  servicing: zOptionalText('开发程度', 64),
  titleCertNo: zOptionalText('不动产权证号', 100),
  titleRegisteredOn: zOptionalDate('权属登记日期'),
  hazardSoil: zHazard('土壤污染状况调查'),
  hazardRelics: zHazard('文物考古调查'),
  hazardMinerals: zHazard('压覆矿产调查'),
  hazardFlood: zHazard('洪涝隐患排查'),
  hazardGeology: zHazard('地质灾害危险性评估'),
  hazardSoilReason: zOptionalText('土壤污染状况调查“不涉及”的理由', HAZARD_REASON_MAX),
  hazardRelicsReason: zOptionalText('文物考古调查“不涉及”的理由', HAZARD_REASON_MAX),
  hazardMineralsReason: zOptionalText('压覆矿产调查“不涉及”的理由', HAZARD_REASON_MAX),
  hazardFloodReason: zOptionalText('洪涝隐患排查“不涉及”的理由', HAZARD_REASON_MAX),
  hazardGeologyReason: zOptionalText('地质灾害危险性评估“不涉及”的理由', HAZARD_REASON_MAX),
  soilKeySupervised: z.boolean({ error: '请选择是否为土壤污染重点监管单位用地' }).default(false),
  acquisitionDocNo: zOptionalText('取得依据文号', 100),
  boundary: zBoundary,
};

type THazardFields = { [K in (typeof HAZARD_CHECKS)[number]['key']]: (typeof HAZARD_RESULTS)[number] } & {
  [K in (typeof HAZARD_CHECKS)[number]['reasonKey']]: string | null;
} & { plannedUse: string | null; soilKeySupervised: boolean };

/** 不涉及 needs its reason; the soil survey cannot be 不涉及 where the law requires it (土壤污染防治法 第59、67条). */
function checkHazards(v: THazardFields, ctx: z.RefinementCtx) {
  for (const h of HAZARD_CHECKS) {
    const problem = hazardReasonProblem(h.label, v[h.key], v[h.reasonKey]);
    if (problem) ctx.addIssue({ code: 'custom', path: [h.reasonKey], message: problem });
  }
  const soil = soilNotApplicableProblem(v, v.hazardSoil);
  if (soil) ctx.addIssue({ code: 'custom', path: ['hazardSoil'], message: soil });
}

/** A reason is kept only beside 不涉及 (a reason left from an earlier choice is dropped). */
export function keepHazardReasons<T extends THazardFields>(v: T): T {
  const out = { ...v };
  for (const h of HAZARD_CHECKS) if (out[h.key] !== '不涉及') (out as THazardFields)[h.reasonKey] = null;
  return out;
}

export const ZCreateParcel = z.object(parcelFields).superRefine(checkHazards);
export type TCreateParcel = z.input<typeof ZCreateParcel>;

export const ZUpdateParcel = z
  .object({
    id: zId('地块'),
    version: z.coerce.number({ error: '缺少版本号，请刷新后重试' }).int().min(1, '版本号无效，请刷新后重试'),
    ...parcelFields,
  })
  .superRefine(checkHazards);
export type TUpdateParcel = z.input<typeof ZUpdateParcel>;


/** List filters from the URL; anything malformed is ignored rather than failing the page. */
export const ZParcelFilter = z.object({
  q: zFilterText(),
  stage: z.enum(STAGES).optional().catch(undefined),
  district: z.string().regex(/^[0-9A-Z]{6}$/).optional().catch(undefined),
  project: zFilterId,
  use: zFilterText(),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  warn: z.enum(WARNING_FILTERS).optional().catch(undefined),
  sort: z.enum(PARCEL_SORTS).catch('created'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TParcelFilter = z.infer<typeof ZParcelFilter>;


/** Limits on a boundary typed or pasted into the form (files go through the import library). */
export const MAX_BOUNDARY_VERTICES = 10_000;

type Ring = [number, number][];
export type TBoundaryResult = { ok: true; geometry: PolygonalGeometry } | { ok: false; message: string };

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Feature / FeatureCollection of one feature / bare geometry → the geometry object. */
function unwrapGeometry(value: unknown): { geometry: Record<string, unknown> } | { message: string } {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return { message: '地块边界不是有效的 GeoJSON 文本' };
    }
  }
  let obj = record(v);
  if (!obj) return { message: '地块边界应为 GeoJSON 对象' };
  if (obj.type === 'FeatureCollection') {
    const features = Array.isArray(obj.features) ? obj.features : [];
    if (features.length !== 1) return { message: `GeoJSON 含有 ${features.length} 个要素，一个地块只能填写一个边界` };
    obj = record(features[0]);
    if (!obj) return { message: 'GeoJSON 要素格式错误' };
  }
  if (obj.type === 'Feature') {
    obj = record(obj.geometry);
    if (!obj) return { message: 'GeoJSON 要素没有几何图形' };
  }
  if (obj.type !== 'Polygon' && obj.type !== 'MultiPolygon') {
    return { message: `地块边界应为面（Polygon 或 MultiPolygon），而不是 ${typeof obj.type === 'string' ? obj.type : '未知类型'}` };
  }
  return { geometry: obj };
}

/** Reads one ring: positions as [lon, lat] (altitude dropped), repeated points removed, closed. */
function readRing(raw: unknown, label: string): Ring | string {
  if (!Array.isArray(raw)) return `${label}格式错误`;
  const ring: Ring = [];
  for (const [i, p] of raw.entries()) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return `${label}第 ${i + 1} 个点不是有效坐标`;
    }
    const [lon, lat] = p as [number, number];
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      return `${label}第 ${i + 1} 个点（${lon}, ${lat}）不是经纬度；投影坐标请通过边界文件导入`;
    }
    const last = ring.at(-1);
    if (!last || last[0] !== lon || last[1] !== lat) ring.push([lon, lat]);
  }
  if (ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1]) ring.pop();
  if (ring.length < 3) return `${label}少于 3 个不同的顶点`;
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

function orientation(a: readonly number[], b: readonly number[], c: readonly number[]): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: readonly number[], b: readonly number[], p: readonly number[]): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

function segmentsIntersect(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** First pair of non-adjacent edges that touch or cross, as 1-based edge numbers (O(n²), rings are small). */
function selfIntersection(ring: Ring): [number, number] | null {
  const n = ring.length - 1; // edges
  for (let i = 0; i < n; i++) {
    const [a, b] = [ring[i], ring[i + 1]];
    const [minX, maxX, minY, maxY] = [Math.min(a[0], b[0]), Math.max(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edges share the closing vertex
      const [c, d] = [ring[j], ring[j + 1]];
      if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX || Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
      if (segmentsIntersect(a, b, c, d)) return [i + 1, j + 1];
    }
  }
  return null;
}

/**
 * Checks a boundary typed into the form and returns it as a clean Polygon / MultiPolygon in
 * lon/lat: rings closed, altitude and repeated points dropped, no self-intersection, holes
 * inside their outer ring, area above zero. Messages are Chinese and name the ring and point.
 */
export function normaliseBoundary(value: unknown): TBoundaryResult {
  const unwrapped = unwrapGeometry(value);
  if ('message' in unwrapped) return { ok: false, message: unwrapped.message };
  const { type, coordinates } = unwrapped.geometry;
  const rawPolygons: unknown[] = type === 'Polygon' ? [coordinates] : Array.isArray(coordinates) ? coordinates : [];
  if (!rawPolygons.length) return { ok: false, message: '地块边界没有坐标' };
  const polygons: Ring[][] = [];
  let vertices = 0;
  for (const [pi, rawPolygon] of rawPolygons.entries()) {
    const partLabel = rawPolygons.length > 1 ? `第 ${pi + 1} 个面的` : '';
    if (!Array.isArray(rawPolygon) || !rawPolygon.length) return { ok: false, message: `${partLabel || '地块边界的'}坐标格式错误` };
    const rings: Ring[] = [];
    for (const [ri, rawRing] of rawPolygon.entries()) {
      const label = `${partLabel}${ri === 0 ? '外环' : `第 ${ri} 个内环`}`;
      const ring = readRing(rawRing, label);
      if (typeof ring === 'string') return { ok: false, message: ring };
      vertices += ring.length;
      if (vertices > MAX_BOUNDARY_VERTICES) return { ok: false, message: `地块边界顶点超过 ${MAX_BOUNDARY_VERTICES} 个，请简化后再填写` };
      const crossing = selfIntersection(ring);
      if (crossing) return { ok: false, message: `${label}自相交（第 ${crossing[0]} 条边与第 ${crossing[1]} 条边相交）` };
      if (ri > 0) {
        const outer: PolygonalGeometry = { type: 'Polygon', coordinates: [rings[0]] };
        if (!ring.slice(0, -1).every(([lon, lat]) => pointInPolygon(lon, lat, outer))) {
          return { ok: false, message: `${label}不在外环之内` };
        }
      }
      rings.push(ring);
    }
    polygons.push(rings);
  }
  const geometry: PolygonalGeometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  if (!(geodesicArea(geometry) > 0.005)) return { ok: false, message: '地块边界面积为 0，请检查坐标' };
  return { ok: true, geometry };
}
