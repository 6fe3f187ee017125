import { formatDateTime } from '@/ui/format';
import { dec, describeArea, formatHectares, formatM2, formatMu, formatWan, formatYuan, groupThousands, yuanToWan } from './amounts';
import type { CarryOver, PlanOption, PlanRow } from './queries';
import { diffPlanTargets, progressBarValue, progressPercent, type CountArea, type PlanActualsWithFunds, type TargetChange } from './rules';
import { PLAN_SOURCES } from './sources';
import { PLAN_STATUS_LABELS, PLAN_TYPE_LABELS, planYearsLabel, type TPlanStatus, type TPlanType } from './validation';

/** Plain, serialisable shapes the plan pages hand to their client islands. */

export interface PlanTargetValues {
  carryPlannedCount: string;
  carryPlannedArea: string;
  carryReservedCount: string;
  carryReservedArea: string;
  newPlannedCount: string;
  newPlannedArea: string;
  acquireCount: string;
  acquireArea: string;
  developCount: string;
  developArea: string;
  supplyCount: string;
  supplyArea: string;
  custodyCount: string;
  custodyArea: string;
  /** 万元 */
  fundNeed: string;
}

export interface PlanRowView {
  id: string;
  planType: TPlanType;
  typeLabel: string;
  startYear: number;
  endYear: number;
  yearsLabel: string;
  title: string;
  docNo: string | null;
  version: number;
  status: TPlanStatus;
  statusLabel: string;
  approvedOn: string | null;
  isDemo: boolean;
}

export function toPlanRowView(p: PlanRow): PlanRowView {
  return {
    id: p.id,
    planType: p.planType,
    typeLabel: PLAN_TYPE_LABELS[p.planType],
    startYear: p.startYear,
    endYear: p.endYear,
    yearsLabel: planYearsLabel(p.startYear, p.endYear),
    title: p.title,
    docNo: p.docNo,
    version: p.version,
    status: p.status,
    statusLabel: PLAN_STATUS_LABELS[p.status],
    approvedOn: p.approvedOn,
    isDemo: p.isDemo,
  };
}

/** The form's values for a plan (areas in m², fund need in 万元), to prefill an adjustment. */
export function toPlanTargetValues(p: PlanRow): PlanTargetValues {
  const area = (v: string) => dec(v).toFixed(2);
  return {
    carryPlannedCount: String(p.carryPlannedCount),
    carryPlannedArea: area(p.carryPlannedArea),
    carryReservedCount: String(p.carryReservedCount),
    carryReservedArea: area(p.carryReservedArea),
    newPlannedCount: String(p.newPlannedCount),
    newPlannedArea: area(p.newPlannedArea),
    acquireCount: String(p.acquireCount),
    acquireArea: area(p.acquireArea),
    developCount: String(p.developCount),
    developArea: area(p.developArea),
    supplyCount: String(p.supplyCount),
    supplyArea: area(p.supplyArea),
    custodyCount: String(p.custodyCount),
    custodyArea: area(p.custodyArea),
    fundNeed: yuanToWan(p.fundNeed),
  };
}

export interface ProgressView {
  target: string;
  actual: string;
  /** Unformatted (count, m² or 元), for the page kit's columns. */
  targetRaw: string;
  actualRaw: string;
  /** Above 100% is a warning (money spent beyond the need), not an achievement. */
  overIsWarning?: boolean;
  /** Secondary line under the numbers (亩 / 公顷). */
  detail: string | null;
  /** null: no target set */
  percent: number | null;
  bar: number;
}

export interface TargetGroupView {
  key: 'newPlanned' | 'acquire' | 'develop' | 'supply' | 'custody';
  title: string;
  note: string;
  count: ProgressView;
  area: ProgressView;
}

export interface PlanProgressView {
  groups: TargetGroupView[];
  fund: ProgressView;
}

function progress(target: string, actual: string, format: (v: string) => string, detail: string | null = null): ProgressView {
  const percent = progressPercent(actual, target);
  return { target: format(target), actual: format(actual), targetRaw: target, actualRaw: actual, detail, percent, bar: progressBarValue(percent) };
}

/** Spending beyond the plan's fund need, said in 万元. */
function fundDetail(need: string, spent: string): string | null {
  const over = dec(spent).minus(dec(need));
  return dec(need).gt(0) && over.gt(0) ? `超出资金需求 ${formatWan(over.toFixed(2))} 万元` : null;
}

const countText = (v: string) => `${groupThousands(dec(v).toFixed(0))} 宗`;
const areaText = (v: string) => `${formatM2(v)} m²`;
const areaDetail = (target: string, actual: string) =>
  `目标 ${formatMu(target)} 亩 / ${formatHectares(target)} 公顷；实际 ${formatMu(actual)} 亩 / ${formatHectares(actual)} 公顷`;

export function toPlanProgressView(p: PlanRow, a: PlanActualsWithFunds, today: string): PlanProgressView {
  const years = planYearsLabel(p.startYear, p.endYear);
  const group = (
    key: TargetGroupView['key'],
    title: string,
    note: string,
    targetCount: number,
    targetArea: string,
    actual: { count: number; area: string },
  ): TargetGroupView => ({
    key,
    title,
    note,
    count: progress(String(targetCount), String(actual.count), countText),
    area: progress(targetArea, actual.area, areaText, areaDetail(targetArea, actual.area)),
  });
  return {
    groups: [
      group('newPlanned', '新增拟收储', `${years}内启动收储（转入「收储中」）的地块`, p.newPlannedCount, p.newPlannedArea, a.newPlanned),
      group('acquire', '新增入库', `${years}内办理入库（转入「已入库」）的地块`, p.acquireCount, p.acquireArea, a.acquire),
      group('develop', '前期开发', `${years}内转入「前期开发」的地块`, p.developCount, p.developArea, a.develop),
      group('supply', '供应', `${years}内转入「已供应」的地块，其后交易中止退回「可供应」的不计`, p.supplyCount, p.supplyArea, a.supply),
      group('custody', '管护', `当前快照（截至 ${today}）：处于已入库、前期开发、可供应环节的地块，不按年度统计`, p.custodyCount, p.custodyArea, a.custody),
    ],
    fund: { ...progress(p.fundNeed, a.fundSpent, (v) => `${formatWan(v)} 万元`, fundDetail(p.fundNeed, a.fundSpent)), overIsWarning: true },
  };
}

export interface VersionView {
  id: string;
  version: number;
  status: TPlanStatus;
  statusLabel: string;
  title: string;
  docNo: string | null;
  approvedOn: string | null;
  reason: string | null;
  createdAt: string;
  /** Changes against the version before it (empty for version 1). */
  changes: string[];
}

function changeText(c: TargetChange): string {
  const sign = dec(c.delta).isPositive() ? '+' : '';
  if (c.unit === 'count') return `${c.label}：${c.from} → ${c.to} 宗（${sign}${c.delta}）`;
  if (c.unit === 'm2') return `${c.label}：${formatM2(c.from)} → ${formatM2(c.to)} m²（${sign}${formatM2(c.delta)}）`;
  return `${c.label}：${formatWan(c.from)} → ${formatWan(c.to)} 万元（${sign}${formatWan(c.delta)}）`;
}

/** Versions newest first, each with what it changed against the one before. */
export function toVersionViews(versions: PlanRow[]): VersionView[] {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  return versions.map((v) => {
    const prev = byVersion.get(v.version - 1);
    const changes = prev ? diffPlanTargets(prev, v).map(changeText) : [];
    if (prev && prev.title !== v.title) changes.unshift(`计划名称：${prev.title} → ${v.title}`);
    if (prev && prev.docNo !== v.docNo) changes.push(`批准文号：${prev.docNo ?? '无'} → ${v.docNo ?? '无'}`);
    return {
      id: v.id,
      version: v.version,
      status: v.status,
      statusLabel: PLAN_STATUS_LABELS[v.status],
      title: v.title,
      docNo: v.docNo,
      approvedOn: v.approvedOn,
      reason: v.adjustReason,
      createdAt: formatDateTime(v.createdAt),
      changes,
    };
  });
}

export interface PlanFactsView {
  fundNeedWan: string;
  fundNeedYuan: string;
  /** Where the plan's contents come from (R17 二(五) annual, 二(四) rolling). */
  source: string;
  /** Annual plans: the carry-over the plan states, with the figure the records give beside it. */
  carryOver: { label: string; text: string; records: string }[];
  areas: { label: string; text: string }[];
}

const countAreaText = (count: number, area: string) => `${count} 宗，${describeArea(area)}`;

export function toPlanFacts(p: PlanRow, carry: CarryOver | null): PlanFactsView {
  const records = (c: CountArea) => (carry ? `系统核算（截至 ${carry.asOf}）：${countAreaText(c.count, c.area)}` : '');
  return {
    fundNeedWan: formatWan(p.fundNeed),
    fundNeedYuan: formatYuan(p.fundNeed),
    source: p.planType === 'rolling' ? PLAN_SOURCES.rolling : PLAN_SOURCES.annual,
    carryOver:
      p.planType === 'annual'
        ? [
            { label: '上年结转拟收储', text: countAreaText(p.carryPlannedCount, p.carryPlannedArea), records: carry ? records(carry.planned) : '' },
            { label: '上年结转入库储备', text: countAreaText(p.carryReservedCount, p.carryReservedArea), records: carry ? records(carry.reserved) : '' },
          ]
        : [],
    areas: [
      { label: '新增拟收储', text: countAreaText(p.newPlannedCount, p.newPlannedArea) },
      { label: '新增入库', text: `${p.acquireCount} 宗，${describeArea(p.acquireArea)}` },
      { label: '前期开发', text: `${p.developCount} 宗，${describeArea(p.developArea)}` },
      { label: '供应', text: `${p.supplyCount} 宗，${describeArea(p.supplyArea)}` },
      { label: '管护', text: `${p.custodyCount} 宗，${describeArea(p.custodyArea)}` },
    ],
  };
}

export interface PlanOptionView {
  value: string;
  label: string;
}

/** "2026 年 年度计划：益阳市2026年度土地储备计划（第 2 版）" */
export function planOptionLabel(p: PlanOption): string {
  const version = p.version > 1 ? `（第 ${p.version} 版）` : '';
  const superseded = p.status === 'superseded' ? '（历史版本）' : '';
  return `${planYearsLabel(p.startYear, p.endYear)} ${PLAN_TYPE_LABELS[p.planType]}：${p.title}${version}${superseded}`;
}

export function toPlanOptions(list: PlanOption[]): PlanOptionView[] {
  return list.map((p) => ({ value: p.id, label: planOptionLabel(p) }));
}
