import { newId } from '@/platform/ids';
import { plans } from '@/modules/plans/schema';
import type { TStage } from '../stages';
import { Dec, roundTo, sumOf, ZERO, type TDec } from './money';
import type { Rng } from './random';
import type { TimelineStep } from './timeline';

/**
 * The three demo plans (2024 annual, 2025 annual adjusted once, 2025–2027 rolling), with targets
 * set near what the demo parcels actually did in those years, so the plan pages show believable
 * progress. Targets follow the plan module's counting: entries into 收储中 (new 拟收储) / 已入库 /
 * 前期开发 / 已供应 within the years, custody as the parcels held now; annual plans state last
 * year's carry-over as the records give it (R17 二(五)).
 */

type PlanRow = typeof plans.$inferInsert;

export interface PlanParcelFacts {
  steps: readonly TimelineStep[];
  stage: TStage;
  areaM2: string;
  acquisitionCost: TDec;
  developmentCost: TDec;
}

export type TDemoPlanKey = 'annual2024' | 'annual2025' | 'rolling2025';

interface Actuals {
  newPlanned: TDec[];
  acquire: TDec[];
  develop: TDec[];
  supply: TDec[];
  fund: TDec;
}

const CUSTODY: readonly TStage[] = ['已入库', '前期开发', '可供应'];

function actualsFor(parcels: readonly PlanParcelFacts[], from: number, to: number): Actuals {
  const inYears = (s: TimelineStep) => Number(s.date.slice(0, 4)) >= from && Number(s.date.slice(0, 4)) <= to;
  const out: Actuals = { newPlanned: [], acquire: [], develop: [], supply: [], fund: ZERO };
  for (const p of parcels) {
    const area = new Dec(p.areaM2);
    const steps = p.steps.filter(inYears);
    if (steps.some((s) => s.to === '收储中')) out.newPlanned.push(area);
    if (steps.some((s) => s.to === '已入库')) out.acquire.push(area);
    if (steps.some((s) => s.to === '前期开发')) out.develop.push(area);
    const lastSupply = steps.map((s) => s.to).lastIndexOf('已供应');
    if (lastSupply >= 0 && !steps.slice(lastSupply + 1).some((s) => s.to === '可供应')) out.supply.push(area);
    if (steps.some((s) => s.to === '收储中')) out.fund = out.fund.add(p.acquisitionCost);
    if (steps.some((s) => s.to === '前期开发')) out.fund = out.fund.add(p.developmentCost);
  }
  return out;
}

function target(rng: Rng, actual: TDec[], low: number, high: number): { count: number; area: string } {
  const f = rng.between(low, high);
  const count = Math.max(1, Math.round(actual.length * f));
  const area = sumOf(actual).mul(new Dec(f.toFixed(3))).div(100).toDecimalPlaces(0).mul(100);
  return { count, area: (area.gt(0) ? area : new Dec(count * 30_000)).toFixed(2) };
}

/**
 * Land carried over into a year (R17 二(五) 1), as the plan states it: each parcel's stage after its
 * last step on or before 31 December of the year before — the same count the plan page shows.
 */
function carryOver(parcels: readonly PlanParcelFacts[], year: number) {
  const end = `${year - 1}-12-31`;
  const planned: TDec[] = [];
  const reserved: TDec[] = [];
  for (const p of parcels) {
    const last = p.steps.filter((s) => s.date <= end).at(-1);
    if (!last) continue;
    if (last.to === '拟收储' || last.to === '收储中') planned.push(new Dec(p.areaM2));
    if (CUSTODY.includes(last.to)) reserved.push(new Dec(p.areaM2));
  }
  return {
    carryPlannedCount: planned.length,
    carryPlannedArea: sumOf(planned).toFixed(2),
    carryReservedCount: reserved.length,
    carryReservedArea: sumOf(reserved).toFixed(2),
  };
}

function targets(rng: Rng, a: Actuals, custody: TDec[], low: number, high: number) {
  const newPlanned = target(rng, a.newPlanned, low, high);
  const acquire = target(rng, a.acquire, low, high);
  const develop = target(rng, a.develop, low, high);
  const supply = target(rng, a.supply, low, high);
  const hold = target(rng, custody, 0.9, 1.15);
  return {
    newPlannedCount: newPlanned.count,
    newPlannedArea: newPlanned.area,
    acquireCount: acquire.count,
    acquireArea: acquire.area,
    developCount: develop.count,
    developArea: develop.area,
    supplyCount: supply.count,
    supplyArea: supply.area,
    custodyCount: hold.count,
    custodyArea: hold.area,
    fundNeed: roundTo(a.fund.mul(new Dec(rng.between(low, high).toFixed(3))), 1_000_000).toFixed(2),
  };
}

/** The plan rows (ids preset) and which row a project of each key should point to. */
export function buildPlans(rng: Rng, parcels: readonly PlanParcelFacts[], createdBy: string | null): { rows: PlanRow[]; idFor: Record<TDemoPlanKey, string> } {
  const custody = parcels.filter((p) => CUSTODY.includes(p.stage)).map((p) => new Dec(p.areaM2));
  const common = { status: 'current' as const, version: 1, createdBy, isDemo: true };

  const a2024: PlanRow = {
    ...common,
    id: newId(),
    groupId: newId(),
    planType: 'annual',
    startYear: 2024,
    endYear: 2024,
    title: '2024年度土地储备计划（演示）',
    docNo: '益政函〔2024〕18号',
    approvedOn: '2024-03-22',
    ...carryOver(parcels, 2024),
    ...targets(rng, actualsFor(parcels, 2024, 2024), custody, 0.9, 1.25),
  };
  const actual2025 = actualsFor(parcels, 2025, 2025);
  const group2025 = newId();
  const v1: PlanRow = {
    ...common,
    id: newId(),
    groupId: group2025,
    status: 'superseded',
    planType: 'annual',
    startYear: 2025,
    endYear: 2025,
    title: '2025年度土地储备计划（演示）',
    docNo: '益政函〔2025〕11号',
    approvedOn: '2025-03-18',
    ...carryOver(parcels, 2025),
    ...targets(rng, actual2025, custody, 1.2, 1.5),
  };
  const v2: PlanRow = {
    ...v1,
    id: newId(),
    version: 2,
    status: 'current',
    title: '2025年度土地储备计划（调整）（演示）',
    docNo: '益政函〔2025〕67号',
    approvedOn: '2025-08-26',
    adjustReason: '根据上半年项目实施进度和土地市场情况，调减年度收储和供应规模，相应调整资金需求（演示）',
    ...targets(rng, actual2025, custody, 0.9, 1.15),
  };
  const rolling: PlanRow = {
    ...common,
    id: newId(),
    groupId: newId(),
    planType: 'rolling',
    startYear: 2025,
    endYear: 2027,
    title: '2025—2027年土地储备三年滚动计划（演示）',
    docNo: '益政函〔2025〕5号',
    approvedOn: '2025-01-24',
    ...targets(rng, actualsFor(parcels, 2025, 2027), custody, 1.4, 1.8),
  };
  return { rows: [a2024, v1, v2, rolling], idFor: { annual2024: a2024.id!, annual2025: v2.id!, rolling2025: rolling.id! } };
}
