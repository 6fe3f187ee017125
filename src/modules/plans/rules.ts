import type { TStage } from '@/modules/parcels/stages';
import { dec, Dec, type TDec } from './amounts';

/**
 * Pure plan rules (no I/O): which parcel events count towards a plan's targets, how far a
 * target is reached, and what an adjustment changed. Unit-tested in tests/unit/plan-rules.test.ts.
 */

const STAGE = {
  acquiring: '收储中',
  reserved: '已入库',
  developing: '前期开发',
  ready: '可供应',
  supplied: '已供应',
} as const satisfies Record<string, TStage>;

/** Stages in which the centre holds and looks after the land (DOMAIN.md: custody alongside 3–5). */
export const CUSTODY_STAGES: readonly TStage[] = [STAGE.reserved, STAGE.developing, STAGE.ready];

/** One parcel event in the plan's years, with the parcel's area. */
export interface PlanEventRow {
  parcelId: string;
  seq: number;
  fromStage: string | null;
  toStage: string;
  /** 'YYYY-MM-DD' */
  eventDate: string;
  /** The parcel's area in m² (null if the parcel is missing). */
  areaM2: string | null;
}

/** A parcel as it stands now (for the custody snapshot). */
export interface ParcelSnapshotRow {
  id: string;
  stage: string;
  areaM2: string | null;
}

export interface CountArea {
  count: number;
  /** m², 2 decimals */
  area: string;
}

export interface PlanActuals {
  /** New 拟收储: acquisition started (→ 收储中) in the years (R17 二(五) 2). */
  newPlanned: CountArea;
  /** New 入库: entries into 已入库 in the years. */
  acquire: CountArea;
  develop: CountArea;
  supply: CountArea;
  /** A snapshot of today, not tied to the plan's years. */
  custody: CountArea;
}

/** Actuals with the money: approved ledger spending in the plan's years (元, 2 decimals). */
export interface PlanActualsWithFunds extends PlanActuals {
  fundSpent: string;
}

export interface PlanWindow {
  startYear: number;
  endYear: number;
}

/** First and last day of the plan's years, as 'YYYY-MM-DD'. */
export function planDateRange(w: PlanWindow): { from: string; to: string } {
  return { from: `${String(w.startYear).padStart(4, '0')}-01-01`, to: `${String(w.endYear).padStart(4, '0')}-12-31` };
}

function inWindow(date: string, range: { from: string; to: string }): boolean {
  return date >= range.from && date <= range.to;
}

/** Distinct parcels, each counted once with its area. */
function countParcels(rows: { parcelId: string; areaM2: string | null }[]): CountArea {
  const areas = new Map<string, string | null>();
  for (const r of rows) if (!areas.has(r.parcelId)) areas.set(r.parcelId, r.areaM2);
  let total: TDec = new Dec(0);
  for (const a of areas.values()) total = total.add(dec(a));
  return { count: areas.size, area: total.toFixed(2) };
}

/**
 * Actuals of a plan from the parcel events of its years:
 * - newPlanned: parcels whose acquisition started (entered 收储中) in the years — new 拟收储土地;
 * - acquire: parcels that entered 已入库 in the years — new 入库储备土地;
 * - develop: parcels that entered 前期开发 in the years;
 * - supply: parcels that entered 已供应 in the years, unless a later event of the same parcel
 *   in those years took it back to 可供应 (an aborted trade does not count);
 * - custody: parcels now in 已入库/前期开发/可供应 (snapshot, independent of the years);
 * (The money spent comes from the funds ledger, not from events: see getPlanActuals.)
 * Events outside the years are ignored, so the caller may pass a wider set.
 */
export function computePlanActuals(w: PlanWindow, events: readonly PlanEventRow[], parcelsNow: readonly ParcelSnapshotRow[]): PlanActuals {
  const range = planDateRange(w);
  const inYears = events.filter((e) => inWindow(e.eventDate, range));

  const newPlanned = countParcels(inYears.filter((e) => e.toStage === STAGE.acquiring));
  const acquire = countParcels(inYears.filter((e) => e.toStage === STAGE.reserved));
  const develop = countParcels(inYears.filter((e) => e.toStage === STAGE.developing));

  const byParcel = new Map<string, PlanEventRow[]>();
  for (const e of inYears) byParcel.set(e.parcelId, [...(byParcel.get(e.parcelId) ?? []), e]);
  const supplied: PlanEventRow[] = [];
  for (const list of byParcel.values()) {
    const ordered = [...list].sort((a, b) => a.seq - b.seq);
    const supplies = ordered.filter((e) => e.toStage === STAGE.supplied);
    const lastSupply = supplies[supplies.length - 1];
    if (!lastSupply) continue;
    const abortedLater = ordered.some((e) => e.seq > lastSupply.seq && e.toStage === STAGE.ready);
    if (!abortedLater) supplied.push(lastSupply);
  }
  const supply = countParcels(supplied);

  const custody = countParcels(
    parcelsNow.filter((p) => (CUSTODY_STAGES as readonly string[]).includes(p.stage)).map((p) => ({ parcelId: p.id, areaM2: p.areaM2 })),
  );

  return { newPlanned, acquire, develop, supply, custody };
}

/**
 * How much of a target is reached, in percent with one decimal (may exceed 100);
 * null when the target is zero (nothing to measure against).
 */
export function progressPercent(actual: string | number, target: string | number): number | null {
  const t = dec(target);
  if (t.lte(0)) return null;
  return dec(actual).div(t).mul(100).toDecimalPlaces(1).toNumber();
}

/** The bar shows at most a full bar; the label keeps the true percentage. */
export function progressBarValue(percent: number | null): number {
  if (percent === null) return 0;
  return Math.min(100, Math.max(0, percent));
}

/** The targets a plan version holds (areas m², fund need 元; decimal strings). */
export interface PlanTargets {
  carryPlannedCount: number;
  carryPlannedArea: string;
  carryReservedCount: number;
  carryReservedArea: string;
  newPlannedCount: number;
  newPlannedArea: string;
  acquireCount: number;
  acquireArea: string;
  developCount: number;
  developArea: string;
  supplyCount: number;
  supplyArea: string;
  custodyCount: number;
  custodyArea: string;
  fundNeed: string;
}

export type TTargetKey = keyof PlanTargets;
export type TTargetUnit = 'count' | 'm2' | 'yuan';

export const TARGET_FIELDS: readonly { key: TTargetKey; label: string; unit: TTargetUnit }[] = [
  { key: 'carryPlannedCount', label: '上年结转拟收储宗数', unit: 'count' },
  { key: 'carryPlannedArea', label: '上年结转拟收储面积', unit: 'm2' },
  { key: 'carryReservedCount', label: '上年结转入库储备宗数', unit: 'count' },
  { key: 'carryReservedArea', label: '上年结转入库储备面积', unit: 'm2' },
  { key: 'newPlannedCount', label: '新增拟收储宗数', unit: 'count' },
  { key: 'newPlannedArea', label: '新增拟收储面积', unit: 'm2' },
  { key: 'acquireCount', label: '新增入库宗数', unit: 'count' },
  { key: 'acquireArea', label: '新增入库面积', unit: 'm2' },
  { key: 'developCount', label: '前期开发宗数', unit: 'count' },
  { key: 'developArea', label: '前期开发面积', unit: 'm2' },
  { key: 'supplyCount', label: '供应宗数', unit: 'count' },
  { key: 'supplyArea', label: '供应面积', unit: 'm2' },
  { key: 'custodyCount', label: '管护宗数', unit: 'count' },
  { key: 'custodyArea', label: '管护面积', unit: 'm2' },
  { key: 'fundNeed', label: '资金需求', unit: 'yuan' },
];

export interface TargetChange {
  key: TTargetKey;
  label: string;
  unit: TTargetUnit;
  from: string;
  to: string;
  /** to − from, signed decimal string */
  delta: string;
}

/** The targets that differ between two versions, in display order. */
export function diffPlanTargets(before: PlanTargets, after: PlanTargets): TargetChange[] {
  const out: TargetChange[] = [];
  for (const f of TARGET_FIELDS) {
    const a = dec(before[f.key]);
    const b = dec(after[f.key]);
    if (a.eq(b)) continue;
    const places = f.unit === 'count' ? 0 : 2;
    out.push({ key: f.key, label: f.label, unit: f.unit, from: a.toFixed(places), to: b.toFixed(places), delta: b.sub(a).toFixed(places) });
  }
  return out;
}

/** Stages of land carried over at a year end: 拟收储土地 (title not complete) and 入库储备土地 (R17 二(五)). */
export const CARRY_PLANNED_STAGES: readonly TStage[] = ['拟收储', STAGE.acquiring];
export const CARRY_RESERVED_STAGES: readonly TStage[] = CUSTODY_STAGES;

/** The last day of the year before an annual plan: its carry-over is the land held then. */
export function carryOverDate(startYear: number): string {
  return `${String(startYear - 1).padStart(4, '0')}-12-31`;
}

/** When an adjustment happened: its approval date, else the day it was recorded. */
export interface PlanAdjustmentRow {
  version: number;
  /** 'YYYY-MM-DD' */
  date: string;
}

export const PLAN_SECOND_ADJUSTMENT = 'plan-second-adjustment';

/**
 * R17: an annual plan may be adjusted once a year, at mid-year. A further adjustment in the same
 * calendar year is not refused — policy may force it — but warns: the reason must say why and
 * the person acknowledges it. Rolling plans have no such limit. `earlier` are the plan's versions
 * after the first (the adjustments already made); `date` is the new one's.
 */
export function adjustmentWarnings(
  plan: { planType: 'annual' | 'rolling' },
  earlier: readonly PlanAdjustmentRow[],
  date: string,
  rule: string,
): { code: string; message: string; rule: string }[] {
  if (plan.planType !== 'annual') return [];
  const year = date.slice(0, 4);
  const same = earlier.filter((a) => a.version > 1 && a.date.slice(0, 4) === year).sort((a, b) => a.version - b.version);
  if (same.length === 0) return [];
  const list = same.map((a) => `第 ${a.version} 版（${a.date}）`).join('、');
  return [
    {
      code: PLAN_SECOND_ADJUSTMENT,
      message: `本计划 ${year} 年已调整 ${same.length} 次：${list}。年度土地储备计划每年中期可调整一次，本次为当年第 ${same.length + 1} 次调整，请在调整原因中说明再次调整的必要性`,
      rule,
    },
  ];
}
