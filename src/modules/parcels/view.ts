import Decimal from 'decimal.js';
import type { PolygonalGeometry } from '@/platform/geo/geometry';
import { formatDateTime, groupThousands } from '@/ui/format';
import { HAZARD_CHECKS, type TAcquisitionRoute, type TStage, type THazardResult } from './stages';
import type { ParcelDetail } from './queries';
import type { TParcelFilter } from './validation';

/**
 * Plain, serialisable shapes the parcel pages hand to their client islands, the mapping from
 * query rows, and display helpers (stage colours, area units) the map and workbench can reuse.
 * Client-safe: no database code.
 */

export { STAGE_COLORS, WARNING_COLORS } from './colors';

export type TWarningLevelView = 'red' | 'amber';
export const WARNING_LEVEL_LABELS: Record<TWarningLevelView, string> = { red: '红色预警', amber: '黄色预警' };

export interface AreaView {
  /** m², 2 decimals, thousands separators. */
  m2: string;
  /** 亩 (1 亩 = 10000/15 m²), 2 decimals. */
  mu: string;
  /** 公顷, 4 decimals. */
  ha: string;
}

/** Area (decimal string in m²) in m², 亩 and 公顷, computed with decimal.js. */
export function areaView(areaM2: string | number | null | undefined): AreaView {
  const m2 = new Decimal(areaM2 ?? 0);
  return {
    m2: groupThousands(m2.toFixed(2)),
    mu: groupThousands(m2.times(15).dividedBy(10000).toFixed(2)),
    ha: groupThousands(m2.dividedBy(10000).toFixed(4)),
  };
}

/** Plain numbers for the Excel export (no separators): m² 2 decimals, 亩 2, 公顷 4. */
export function areaNumbers(areaM2: string): { m2: number; mu: number; ha: number } {
  const m2 = new Decimal(areaM2);
  return {
    m2: Number(m2.toFixed(2)),
    mu: Number(m2.times(15).dividedBy(10000).toFixed(2)),
    ha: Number(m2.dividedBy(10000).toFixed(4)),
  };
}

export interface WarningView {
  level: TWarningLevelView;
  message: string;
  /** The source of the limit, when the warning cites one. */
  rule?: string;
}

export interface ParcelRowView {
  id: string;
  code: string;
  name: string;
  projectId: string;
  projectLabel: string;
  districtName: string | null;
  stage: TStage;
  stageSince: string;
  area: AreaView;
  /** m², as stored (the kit formats it). */
  areaM2: string | null;
  plannedUse: string | null;
  warnings: WarningView[];
  warningLevel: TWarningLevelView | null;
  isDemo: boolean;
}

interface RowLike {
  id: string;
  code: string;
  name: string;
  projectId: string;
  projectCode: string | null;
  projectName: string | null;
  districtName: string | null;
  stage: TStage;
  stageSince: string;
  areaM2: string;
  plannedUse: string | null;
  warnings: readonly { level: TWarningLevelView; message: string; rule?: string }[];
  warningLevel: TWarningLevelView | null;
  isDemo: boolean;
}

export function projectLabel(code: string | null, name: string | null): string {
  return code ? `${code} ${name ?? ''}`.trim() : '（项目已删除）';
}

export function toParcelRowView(r: RowLike): ParcelRowView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    projectId: r.projectId,
    projectLabel: projectLabel(r.projectCode, r.projectName),
    districtName: r.districtName,
    stage: r.stage,
    stageSince: r.stageSince,
    area: areaView(r.areaM2),
    areaM2: r.areaM2 === null || r.areaM2 === undefined ? null : String(r.areaM2),
    plannedUse: r.plannedUse,
    warnings: r.warnings.map((w) => ({ level: w.level, message: w.message, ...(w.rule ? { rule: w.rule } : {}) })),
    warningLevel: r.warningLevel,
    isDemo: r.isDemo,
  };
}

export type ParcelFilterView = TParcelFilter;

export interface OptionView {
  value: string;
  label: string;
}

/** A project to choose in the parcel form, with its acquisition route (which names the 取得依据 document). */
export interface ProjectOptionView extends OptionView {
  route: TAcquisitionRoute;
}

/** The parcel form's values: strings as the inputs hold them, the boundary as a geometry. */
export interface ParcelFormValues {
  code: string;
  name: string;
  supervisionNo: string;
  location: string;
  projectId: string;
  currentUse: string;
  plannedUse: string;
  plotRatio: string;
  servicing: string;
  titleCertNo: string;
  titleRegisteredOn: string;
  hazardSoil: THazardResult;
  hazardRelics: THazardResult;
  hazardMinerals: THazardResult;
  hazardFlood: THazardResult;
  hazardGeology: THazardResult;
  hazardSoilReason: string;
  hazardRelicsReason: string;
  hazardMineralsReason: string;
  hazardFloodReason: string;
  hazardGeologyReason: string;
  soilKeySupervised: boolean;
  acquisitionDocNo: string;
  boundary: PolygonalGeometry | null;
}

export const EMPTY_PARCEL_FORM: ParcelFormValues = {
  code: '',
  name: '',
  supervisionNo: '',
  location: '',
  projectId: '',
  currentUse: '',
  plannedUse: '',
  plotRatio: '',
  servicing: '',
  titleCertNo: '',
  titleRegisteredOn: '',
  hazardSoil: '未查',
  hazardRelics: '未查',
  hazardMinerals: '未查',
  hazardFlood: '未查',
  hazardGeology: '未查',
  hazardSoilReason: '',
  hazardRelicsReason: '',
  hazardMineralsReason: '',
  hazardFloodReason: '',
  hazardGeologyReason: '',
  soilKeySupervised: false,
  acquisitionDocNo: '',
  boundary: null,
};

interface DetailLike {
  code: string;
  name: string;
  supervisionNo: string | null;
  location: string | null;
  projectId: string;
  currentUse: string | null;
  plannedUse: string | null;
  plotRatio: string | null;
  servicing: string | null;
  titleCertNo: string | null;
  titleRegisteredOn: string | null;
  hazardSoil: THazardResult;
  hazardRelics: THazardResult;
  hazardMinerals: THazardResult;
  hazardFlood: THazardResult;
  hazardGeology: THazardResult;
  hazardSoilReason: string | null;
  hazardRelicsReason: string | null;
  hazardMineralsReason: string | null;
  hazardFloodReason: string | null;
  hazardGeologyReason: string | null;
  soilKeySupervised: boolean;
  acquisitionDocNo: string | null;
  geometry: PolygonalGeometry | null;
}

export function toParcelFormValues(d: DetailLike): ParcelFormValues {
  return {
    code: d.code,
    name: d.name,
    supervisionNo: d.supervisionNo ?? '',
    location: d.location ?? '',
    projectId: d.projectId,
    currentUse: d.currentUse ?? '',
    plannedUse: d.plannedUse ?? '',
    plotRatio: d.plotRatio ?? '',
    servicing: d.servicing ?? '',
    titleCertNo: d.titleCertNo ?? '',
    titleRegisteredOn: d.titleRegisteredOn ?? '',
    hazardSoil: d.hazardSoil,
    hazardRelics: d.hazardRelics,
    hazardMinerals: d.hazardMinerals,
    hazardFlood: d.hazardFlood,
    hazardGeology: d.hazardGeology,
    hazardSoilReason: d.hazardSoilReason ?? '',
    hazardRelicsReason: d.hazardRelicsReason ?? '',
    hazardMineralsReason: d.hazardMineralsReason ?? '',
    hazardFloodReason: d.hazardFloodReason ?? '',
    hazardGeologyReason: d.hazardGeologyReason ?? '',
    soilKeySupervised: d.soilKeySupervised,
    acquisitionDocNo: d.acquisitionDocNo ?? '',
    boundary: d.geometry,
  };
}

/** The 概况 facts, in reading order, as label/value pairs (null shown as a dash). */
export function toParcelFacts(d: ParcelDetail): { label: string; value: string | null }[] {
  const area = areaView(d.areaM2);
  const tempUse = d.tempUseStart || d.tempUseEnd ? `${d.tempUseStart ?? '？'} 至 ${d.tempUseEnd ?? '？'}` : null;
  return [
    { label: '地块编号', value: d.code },
    { label: '地块名称', value: d.name },
    { label: '电子监管号', value: d.supervisionNo },
    { label: '坐落位置', value: d.location },
    { label: '所属项目', value: projectLabel(d.projectCode, d.projectName) },
    { label: '所在区县', value: d.districtName },
    { label: '面积', value: `${area.mu} 亩（${area.m2} 平方米，${area.ha} 公顷）` },
    { label: '环节', value: `${d.stage}（自 ${d.stageSince}）` },
    { label: '现状用途', value: d.currentUse },
    { label: '规划用途', value: d.plannedUse },
    { label: '容积率', value: d.plotRatio },
    { label: '开发程度', value: d.servicing },
    { label: '取得依据文号', value: d.acquisitionDocNo },
    { label: '不动产权证号', value: d.titleCertNo },
    { label: '权属登记日期', value: d.titleRegisteredOn },
    ...HAZARD_CHECKS.map((h) => ({ label: h.label, value: d[h.key] === '不涉及' && d[h.reasonKey] ? `不涉及（${d[h.reasonKey]}）` : d[h.key] })),
    { label: '土壤污染重点监管单位用地', value: d.soilKeySupervised ? '是' : '否' },
    { label: '入库日期', value: d.reservedOn },
    { label: '管护方式', value: d.custodyMode ? `${d.custodyMode}${d.custodian ? `（${d.custodian}）` : ''}` : null },
    { label: '临时利用期限', value: tempUse },
    { label: '最近巡查', value: d.lastInspectionOn },
    { label: '登记时间', value: formatDateTime(d.createdAt) },
  ];
}
