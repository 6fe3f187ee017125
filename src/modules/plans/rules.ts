import type { TStage } from '@/modules/parcels/stages';
import { dec, Dec, type TDec } from './amounts';

/**
 * Pure plan rules (no I/O): which parcel events count towards a plan's targets, how far a
 * target is reached, and what an adjustment changed. Unit-tested in tests/unit/plan-rules.test.ts.
 */

const STAGE = {
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
 * - acquire: parcels that entered 已入库 in the years;
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

  return { acquire, develop, supply, custody };
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
  { key: 'acquireCount', label: '收储入库宗数', unit: 'count' },
  { key: 'acquireArea', label: '收储入库面积', unit: 'm2' },
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
