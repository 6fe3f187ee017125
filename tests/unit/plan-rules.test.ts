import { describe, expect, it } from 'vitest';
import {
  adjustmentWarnings,
  carryOverDate,
  computePlanActuals,
  PLAN_SECOND_ADJUSTMENT,
  diffPlanTargets,
  planDateRange,
  progressBarValue,
  progressPercent,
  type ParcelSnapshotRow,
  type PlanEventRow,
  type PlanTargets,
} from '../../src/modules/plans/rules';

const W2026 = { startYear: 2026, endYear: 2026 };
const ROLLING = { startYear: 2025, endYear: 2027 };

let seqs = new Map<string, number>();
function ev(parcelId: string, toStage: string, eventDate: string, opts: { area?: string; fromStage?: string | null } = {}): PlanEventRow {
  const seq = (seqs.get(parcelId) ?? 0) + 1;
  seqs.set(parcelId, seq);
  return { parcelId, seq, toStage, eventDate, fromStage: opts.fromStage ?? null, areaM2: opts.area ?? '1000.00' };
}
const reset = () => {
  seqs = new Map();
};

describe('plan date range', () => {
  it('covers whole calendar years', () => {
    expect(planDateRange(W2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(planDateRange(ROLLING)).toEqual({ from: '2025-01-01', to: '2027-12-31' });
  });
});

describe('plan actuals from parcel events', () => {
  it('counts entries into 已入库 and 前期开发 in the years, once per parcel, with their areas', () => {
    reset();
    const events = [
      ev('A', '收储中', '2025-11-02', { area: '5000.50' }),
      ev('A', '已入库', '2026-01-01', { area: '5000.50' }),
      ev('B', '已入库', '2026-12-31', { area: '1234.25' }),
      ev('C', '已入库', '2025-12-31', { area: '9999.00' }), // the year before: not counted
      ev('D', '已入库', '2027-01-01', { area: '7777.00' }), // the year after: not counted
      ev('A', '前期开发', '2026-06-30', { area: '5000.50' }),
    ];
    const a = computePlanActuals(W2026, events, []);
    expect(a.acquire).toEqual({ count: 2, area: '6234.75' });
    expect(a.develop).toEqual({ count: 1, area: '5000.50' });
    expect(a.supply).toEqual({ count: 0, area: '0.00' });
  });

  it.each([
    // [case, events of parcel P (stage, date), expected supplied count]
    ['supplied in the year', [['已供应', '2026-03-01']], 1],
    ['supplied, then the trade aborted in the year', [['已供应', '2026-03-01'], ['可供应', '2026-04-01']], 0],
    ['supplied, aborted, supplied again', [['已供应', '2026-03-01'], ['可供应', '2026-04-01'], ['已供应', '2026-09-01']], 1],
    ['supplied in the year, aborted the next year', [['已供应', '2026-11-01'], ['可供应', '2027-02-01']], 1],
    ['supplied the year before, aborted in the year', [['已供应', '2025-11-01'], ['可供应', '2026-02-01']], 0],
    ['ready again before a supply (no abort)', [['可供应', '2026-01-10'], ['已供应', '2026-05-01']], 1],
  ] as const)('supply: %s', (_name, steps, expected) => {
    reset();
    const events = steps.map(([stage, date]) => ev('P', stage, date, { area: '2000.00' }));
    const a = computePlanActuals(W2026, events, []);
    expect(a.supply.count).toBe(expected);
    expect(a.supply.area).toBe(expected ? '2000.00' : '0.00');
  });

  it('orders by sequence, not by the order rows arrive in', () => {
    reset();
    const supplied = ev('P', '已供应', '2026-03-01');
    const aborted = ev('P', '可供应', '2026-03-01', { fromStage: '已供应' });
    expect(computePlanActuals(W2026, [aborted, supplied], []).supply.count).toBe(0);
  });

  it('a rolling plan counts all three years', () => {
    reset();
    const events = [ev('A', '已入库', '2025-02-01'), ev('B', '已入库', '2026-02-01'), ev('C', '已入库', '2027-12-31'), ev('D', '已入库', '2028-01-01')];
    expect(computePlanActuals(ROLLING, events, []).acquire.count).toBe(3);
  });

  it('custody is a snapshot of parcels now in 已入库, 前期开发 or 可供应', () => {
    const now: ParcelSnapshotRow[] = [
      { id: '1', stage: '已入库', areaM2: '100.10' },
      { id: '2', stage: '前期开发', areaM2: '200.20' },
      { id: '3', stage: '可供应', areaM2: '300.30' },
      { id: '4', stage: '已供应', areaM2: '400.00' },
      { id: '5', stage: '拟收储', areaM2: '500.00' },
      { id: '6', stage: '终止', areaM2: '600.00' },
      { id: '7', stage: '收储中', areaM2: null },
    ];
    expect(computePlanActuals(W2026, [], now).custody).toEqual({ count: 3, area: '600.60' });
  });

  it('gives zeros for no data', () => {
    expect(computePlanActuals(W2026, [], [])).toEqual({
      newPlanned: { count: 0, area: '0.00' },
      acquire: { count: 0, area: '0.00' },
      develop: { count: 0, area: '0.00' },
      supply: { count: 0, area: '0.00' },
      custody: { count: 0, area: '0.00' },
    });
  });
});

describe('progress', () => {
  it.each([
    ['5', '10', 50, 50],
    ['10', '10', 100, 100],
    ['15', '10', 150, 100],
    ['1', '3', 33.3, 33.3],
    ['0', '10', 0, 0],
    ['3', '0', null, 0],
    ['1234.56', '2469.12', 50, 50],
  ] as const)('actual %s of target %s → %s%% (bar %s)', (actual, target, percent, bar) => {
    const p = progressPercent(actual, target);
    expect(p).toBe(percent);
    expect(progressBarValue(p)).toBe(bar);
  });
});

describe('target diff between versions', () => {
  const base: PlanTargets = {
    carryPlannedCount: 4,
    carryPlannedArea: '40000.00',
    carryReservedCount: 6,
    carryReservedArea: '60000.00',
    newPlannedCount: 9,
    newPlannedArea: '90000.00',
    acquireCount: 10,
    acquireArea: '100000.00',
    developCount: 5,
    developArea: '50000.00',
    supplyCount: 8,
    supplyArea: '80000.00',
    custodyCount: 20,
    custodyArea: '200000.00',
    fundNeed: '1000000000.00',
  };

  it('lists only changed targets, with signed deltas', () => {
    const next = { ...base, acquireCount: 12, supplyArea: '75000.50', fundNeed: '1200000000.00' };
    expect(diffPlanTargets(base, next)).toEqual([
      { key: 'acquireCount', label: '新增入库宗数', unit: 'count', from: '10', to: '12', delta: '2' },
      { key: 'supplyArea', label: '供应面积', unit: 'm2', from: '80000.00', to: '75000.50', delta: '-4999.50' },
      { key: 'fundNeed', label: '资金需求', unit: 'yuan', from: '1000000000.00', to: '1200000000.00', delta: '200000000.00' },
    ]);
  });

  it('treats equal decimals written differently as unchanged', () => {
    expect(diffPlanTargets(base, { ...base, acquireArea: '100000' })).toEqual([]);
  });
});

describe('R17 二(五): new 拟收储 apart from new 入库', () => {
  it('R17 二(五): a parcel whose acquisition started in the year is new 拟收储; one entered into reserve is new 入库', () => {
    reset();
    const events = [
      ev('A', '收储中', '2026-02-01', { area: '3000.00' }),
      ev('A', '已入库', '2026-09-01', { area: '3000.00' }),
      ev('B', '收储中', '2025-12-31', { area: '5000.00' }), // started the year before: carried over, not new
      ev('B', '已入库', '2026-03-01', { area: '5000.00' }),
      ev('C', '收储中', '2027-01-01', { area: '7000.00' }),
    ];
    const a = computePlanActuals(W2026, events, []);
    expect(a.newPlanned).toEqual({ count: 1, area: '3000.00' });
    expect(a.acquire).toEqual({ count: 2, area: '8000.00' });
  });

  it('R17 二(五) 1: the carry-over is counted on 31 December of the year before', () => {
    expect(carryOverDate(2026)).toBe('2025-12-31');
    expect(carryOverDate(2000)).toBe('1999-12-31');
  });
});

describe('R17: an annual plan is adjusted once a year, at mid-year', () => {
  const RULE = '《土地储备管理办法》（测试）';
  const annual = { planType: 'annual' as const };

  it('R17: the first adjustment of a year does not warn, the second does', () => {
    expect(adjustmentWarnings(annual, [{ version: 1, date: '2026-03-01' }], '2026-07-01', RULE)).toEqual([]);
    const w = adjustmentWarnings(annual, [{ version: 1, date: '2026-03-01' }, { version: 2, date: '2026-07-01' }], '2026-10-15', RULE);
    expect(w).toEqual([
      {
        code: PLAN_SECOND_ADJUSTMENT,
        message: '本计划 2026 年已调整 1 次：第 2 版（2026-07-01）。年度土地储备计划每年中期可调整一次，本次为当年第 2 次调整，请在调整原因中说明再次调整的必要性',
        rule: RULE,
      },
    ]);
  });

  it('R17: an adjustment in another calendar year does not count; the first version is not an adjustment', () => {
    expect(adjustmentWarnings(annual, [{ version: 1, date: '2026-01-05' }, { version: 2, date: '2025-12-31' }], '2026-01-01', RULE)).toEqual([]);
    expect(adjustmentWarnings(annual, [{ version: 1, date: '2026-01-05' }], '2026-01-06', RULE)).toEqual([]);
    expect(adjustmentWarnings(annual, [{ version: 2, date: '2026-12-31' }], '2026-12-31', RULE)).toHaveLength(1);
  });

  it('R17: names every earlier adjustment of the year, in order', () => {
    const [w] = adjustmentWarnings(annual, [{ version: 3, date: '2026-09-01' }, { version: 2, date: '2026-06-01' }], '2026-11-01', RULE);
    expect(w.message).toContain('已调整 2 次：第 2 版（2026-06-01）、第 3 版（2026-09-01）');
    expect(w.message).toContain('本次为当年第 3 次调整');
  });

  it('R17 二(四): a rolling plan may be adjusted as often as needed', () => {
    expect(adjustmentWarnings({ planType: 'rolling' }, [{ version: 2, date: '2026-06-01' }], '2026-11-01', RULE)).toEqual([]);
  });
});
