import { describe, expect, it } from 'vitest';
import type { TStage } from '../../src/modules/parcels/stages';
import {
  addDays,
  daysBetween,
  isIsoDate,
  parcelWarnings,
  warningLevel,
  type ParcelWarning,
  type TWarningCode,
  type WarningFacts,
  type WarningLimits,
} from '../../src/modules/parcels/rules';

const TODAY = '2026-06-30';
const LIMITS: WarningLimits = {
  reserveLimitDays: 730,
  reserveDueSoonDays: 90,
  tempUseLimitMonths: 24,
  inspectionIntervalDays: 30,
  stalledDevelopmentDays: 90,
  supervisionNoDays: 30,
};

/** TODAY shifted by n days, computed independently of the module under test. */
function ago(n: number): string {
  const [y, m, d] = TODAY.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}
const ahead = (n: number) => ago(-n);

/** A parcel in reserve that raises no warning today. */
function facts(over: Partial<WarningFacts> = {}): WarningFacts {
  return {
    stage: '已入库',
    reservedOn: ago(100),
    custodyMode: '自管',
    tempUseStart: null,
    tempUseEnd: null,
    lastInspectionOn: ago(5),
    lastDevelopmentUpdateOn: null,
    stageSince: ago(100),
    supervisionNo: '4309022026B00101',
    ...over,
  };
}

const warn = (over: Partial<WarningFacts>, limits: WarningLimits = LIMITS) => parcelWarnings(facts(over), limits, TODAY);
function one(over: Partial<WarningFacts>, family: TWarningCode[]): ParcelWarning | null {
  const found = warn(over).filter((w) => family.includes(w.code));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ?? null;
}
const summary = (w: ParcelWarning | null) => (w ? `${w.code}/${w.level}` : null);

describe('date helpers', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-04-31', false],
    ['2026-1-01', false],
    ['', false],
    [null, false],
  ])('isIsoDate(%j) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('counts whole days across leap years and month ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween('2024-01-01', '2026-01-01')).toBe(731);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('test helper agrees with the module', () => {
    expect(ago(812)).toBe(addDays(TODAY, -812));
  });
});

describe('parcelWarnings: the quiet case', () => {
  it.each<TStage>(['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止'])('%s raises nothing', (stage) => {
    expect(warn({ stage, stageSince: ago(10) })).toEqual([]);
  });

  it('throws on a malformed today', () => {
    expect(() => parcelWarnings(facts(), LIMITS, '2026-6-30')).toThrow(/today/);
  });
});

describe('reserved too long (limit 730, due soon 90)', () => {
  const reserve = (daysAgo: number, stage: TStage = '已入库') =>
    one({ stage, reservedOn: ago(daysAgo), lastInspectionOn: ago(1) }, ['reserve-overdue', 'reserve-due-soon']);

  it.each<[number, string | null]>([
    [639, null],
    [640, 'reserve-due-soon/amber'],
    [641, 'reserve-due-soon/amber'],
    [729, 'reserve-due-soon/amber'],
    [730, 'reserve-due-soon/amber'],
    [731, 'reserve-overdue/red'],
    [2000, 'reserve-overdue/red'],
  ])('%i days → %s', (days, expected) => {
    expect(summary(reserve(days))).toBe(expected);
  });

  it('states the numbers', () => {
    expect(reserve(812)?.message).toBe('已入库 812 天未供应（期限 730 天）');
    expect(reserve(700)?.message).toBe('已入库 700 天未供应，距期限（730 天）还剩 30 天');
  });

  it.each<[TStage, boolean]>([
    ['拟收储', false],
    ['收储中', false],
    ['已入库', true],
    ['前期开发', true],
    ['可供应', true],
    ['已供应', false],
    ['终止', false],
  ])('stage %s counts: %s', (stage, counts) => {
    expect(reserve(900, stage) !== null).toBe(counts);
  });

  it('follows the configured limits', () => {
    const limits = { ...LIMITS, reserveLimitDays: 365, reserveDueSoonDays: 0 };
    const r = (d: number) => parcelWarnings(facts({ reservedOn: ago(d) }), limits, TODAY).find((w) => w.code.startsWith('reserve'));
    expect(r(364)).toBeUndefined();
    expect(r(365)?.code).toBe('reserve-due-soon');
    expect(r(366)?.code).toBe('reserve-overdue');
  });

  it('needs a valid date of entry', () => {
    expect(one({ reservedOn: null }, ['reserve-overdue', 'reserve-due-soon'])).toBeNull();
    expect(one({ reservedOn: 'garbage' }, ['reserve-overdue', 'reserve-due-soon'])).toBeNull();
  });
});

describe('temporary use (R17 一般不超过两年: 24 calendar months from start; 60 days warning)', () => {
  const tempUse = (over: Partial<WarningFacts>) => one({ custodyMode: '临时利用', ...over }, ['temp-use-over', 'temp-use-due-soon']);

  it.each<[string, string | null]>([
    ['2024-08-30', null], // may run to 2026-08-30: 61 days left
    ['2024-08-29', 'temp-use-due-soon/amber'], // 60 days left
    ['2024-06-30', 'temp-use-due-soon/amber'], // ends today
    ['2024-06-29', 'temp-use-over/red'], // ended yesterday
  ])('started %s → %s', (start, expected) => {
    expect(summary(tempUse({ tempUseStart: start }))).toBe(expected);
  });

  it('《民法典》第二百零二条: from 2024-02-29 the two years end on 2026-02-28, not a day later', () => {
    const at = (today: string) => parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: '2024-02-29', reservedOn: '2024-01-01', lastInspectionOn: today }), LIMITS, today);
    expect(at('2026-02-28').map(summary)).toEqual(['reserve-overdue/red', 'temp-use-due-soon/amber']);
    const over = at('2026-03-01').find((w) => w.code === 'temp-use-over');
    expect(over?.message).toBe('临时利用自 2024-02-29 起已超过 2 年（最迟至 2026-02-28）1 天');
  });

  it('counts a leap day inside the term as a calendar day, not against a 730-day count', () => {
    // 2023-03-01 → 2025-03-01 is 731 days but exactly two years.
    const w = (today: string) => parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: '2023-03-01', reservedOn: '2023-01-01', lastInspectionOn: today }), LIMITS, today);
    expect(w('2025-03-01').map((x) => x.code)).toContain('temp-use-due-soon');
    expect(w('2025-03-02').map((x) => x.code)).toContain('temp-use-over');
  });

  it.each<[number, string | null]>([
    [61, null],
    [60, 'temp-use-due-soon/amber'],
    [1, 'temp-use-due-soon/amber'],
    [0, 'temp-use-due-soon/amber'],
    [-1, 'temp-use-over/red'],
  ])('ends in %i days → %s', (days, expected) => {
    expect(summary(tempUse({ tempUseStart: ago(10), tempUseEnd: ahead(days) }))).toBe(expected);
  });

  it('states the numbers', () => {
    expect(tempUse({ tempUseStart: '2024-05-01' })?.message).toBe('临时利用自 2024-05-01 起已超过 2 年（最迟至 2026-05-01）60 天');
    expect(tempUse({ tempUseStart: '2024-07-30' })?.message).toBe('临时利用自 2024-07-30 起将满 2 年（最迟至 2026-07-30），还剩 30 天');
    expect(tempUse({ tempUseEnd: ago(12) })?.message).toBe(`临时利用已超过约定结束日期（${ago(12)}）12 天`);
    expect(tempUse({ tempUseEnd: ahead(20) })?.message).toBe(`临时利用将于 20 天后到期（${ahead(20)}）`);
    expect(tempUse({ tempUseEnd: TODAY })?.message).toBe(`临时利用今天到期（${TODAY}）`);
  });

  it('carries the limit source when given', () => {
    const limits = { ...LIMITS, tempUseLimitSource: 'R17（待核实）' };
    const [w] = parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: '2024-05-01' }), limits, TODAY).filter((x) => x.code === 'temp-use-over');
    expect(w.rule).toBe('R17（待核实）');
    expect(tempUse({ tempUseStart: '2024-05-01' })?.rule).toBeUndefined();
  });

  it('gives one warning, red winning over amber, with every reason', () => {
    const both = tempUse({ tempUseStart: '2024-05-01', tempUseEnd: ago(3) });
    expect(both?.level).toBe('red');
    expect(both?.message).toContain('60 天');
    expect(both?.message).toContain('3 天');
    expect(summary(tempUse({ tempUseStart: '2024-05-01', tempUseEnd: ahead(30) }))).toBe('temp-use-over/red');
    expect(summary(tempUse({ tempUseStart: '2024-07-30', tempUseEnd: ahead(-1) }))).toBe('temp-use-over/red');
  });

  it('applies only to a running 临时利用 in custody stages (an ended one has another mode)', () => {
    expect(one({ custodyMode: '自管', tempUseStart: ago(900) }, ['temp-use-over'])).toBeNull();
    expect(one({ custodyMode: '委托', tempUseEnd: ago(5) }, ['temp-use-over'])).toBeNull();
    expect(tempUse({ stage: '已供应', tempUseStart: ago(900) })).toBeNull();
    expect(tempUse({ stage: '收储中', tempUseStart: ago(900) })).toBeNull();
    expect(summary(tempUse({ stage: '可供应', tempUseStart: ago(900) }))).toBe('temp-use-over/red');
    expect(tempUse({ tempUseStart: null, tempUseEnd: null })).toBeNull();
  });

  it('follows the configured limit in months', () => {
    const limits = { ...LIMITS, tempUseLimitMonths: 12 };
    const w = parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: '2025-06-29' }), limits, TODAY);
    expect(w.map((x) => x.code)).toEqual(['temp-use-over']);
    expect(w[0].message).toContain('超过 1 年（最迟至 2026-06-29）1 天');
    const eighteen = parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: '2024-12-31' }), { ...LIMITS, tempUseLimitMonths: 18 }, TODAY);
    expect(eighteen[0].message).toBe('临时利用自 2024-12-31 起将满 18 个月（最迟至 2026-06-30），还剩 0 天');
  });
});

describe('inspection overdue (interval 30)', () => {
  const insp = (over: Partial<WarningFacts>) => one(over, ['inspection-overdue']);

  it.each<[number, string | null]>([
    [0, null],
    [30, null],
    [31, 'inspection-overdue/amber'],
    [60, 'inspection-overdue/amber'],
    [61, 'inspection-overdue/red'],
  ])('last inspected %i days ago → %s', (days, expected) => {
    expect(summary(insp({ lastInspectionOn: ago(days) }))).toBe(expected);
  });

  it('counts from entry into reserve when never inspected', () => {
    expect(summary(insp({ lastInspectionOn: null, reservedOn: ago(30) }))).toBeNull();
    expect(summary(insp({ lastInspectionOn: null, reservedOn: ago(31) }))).toBe('inspection-overdue/amber');
    expect(summary(insp({ lastInspectionOn: null, reservedOn: ago(61) }))).toBe('inspection-overdue/red');
    expect(insp({ lastInspectionOn: null, reservedOn: ago(45) })?.message).toBe('入库后 45 天未巡查（巡查间隔 30 天）');
  });

  it('falls back to the stage date when neither date is known', () => {
    expect(insp({ lastInspectionOn: null, reservedOn: null, stageSince: ago(40) })?.message).toBe(`自 ${ago(40)} 起 40 天未巡查（巡查间隔 30 天）`);
  });

  it('states the numbers', () => {
    expect(insp({ lastInspectionOn: ago(45) })?.message).toBe(`距上次巡查（${ago(45)}）已 45 天（巡查间隔 30 天）`);
  });

  it.each<[TStage, boolean]>([
    ['拟收储', false],
    ['收储中', false],
    ['已入库', true],
    ['前期开发', true],
    ['可供应', true],
    ['已供应', false],
    ['终止', false],
  ])('stage %s counts: %s', (stage, counts) => {
    expect(insp({ stage, lastInspectionOn: ago(100), stageSince: ago(1) }) !== null).toBe(counts);
  });
});

describe('development stalled (90 days)', () => {
  const dev = (over: Partial<WarningFacts>) => one({ stage: '前期开发', ...over }, ['development-stalled']);

  it.each<[number, string | null]>([
    [89, null],
    [90, null],
    [91, 'development-stalled/amber'],
    [400, 'development-stalled/amber'],
  ])('last update %i days ago → %s', (days, expected) => {
    expect(summary(dev({ lastDevelopmentUpdateOn: ago(days), stageSince: ago(500) }))).toBe(expected);
  });

  it('counts from entry into 前期开发 when there is no update', () => {
    expect(dev({ lastDevelopmentUpdateOn: null, stageSince: ago(90) })).toBeNull();
    expect(dev({ lastDevelopmentUpdateOn: null, stageSince: ago(91) })?.message).toBe(`前期开发已 91 天无进展（自 ${ago(91)} 起，期限 90 天）`);
  });

  it('ignores updates from before the stage began', () => {
    expect(dev({ lastDevelopmentUpdateOn: ago(300), stageSince: ago(10) })).toBeNull();
  });

  it('only in 前期开发', () => {
    for (const stage of ['已入库', '可供应', '收储中'] as TStage[]) {
      expect(one({ stage, lastDevelopmentUpdateOn: ago(300), stageSince: ago(300) }, ['development-stalled'])).toBeNull();
    }
  });
});

describe('several warnings and warningLevel', () => {
  it('lists all in a fixed order', () => {
    const all = warn({
      stage: '前期开发',
      reservedOn: ago(800),
      custodyMode: '临时利用',
      tempUseStart: ago(700),
      lastInspectionOn: ago(45),
      lastDevelopmentUpdateOn: ago(120),
      stageSince: ago(200),
    });
    expect(all.map(summary)).toEqual([
      'reserve-overdue/red',
      'temp-use-due-soon/amber',
      'inspection-overdue/amber',
      'development-stalled/amber',
    ]);
    expect(warningLevel(all)).toBe('red');
  });

  it.each<[ParcelWarning['level'][], 'red' | 'amber' | null]>([
    [[], null],
    [['amber'], 'amber'],
    [['amber', 'amber'], 'amber'],
    [['amber', 'red'], 'red'],
    [['red'], 'red'],
  ])('%j → %s', (levels, expected) => {
    expect(warningLevel(levels.map((level) => ({ level })))).toBe(expected);
  });
});
