import { describe, expect, it } from 'vitest';
import type { TStage } from '../../src/modules/parcels/stages';
import {
  addDays,
  daysBetween,
  isIsoDate,
  parcelWarnings,
  tempUseTermProblem,
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
  tempUseLimitDays: 730,
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

describe('temporary use (limit 730 days from start; 60 days warning)', () => {
  const tempUse = (over: Partial<WarningFacts>) => one({ custodyMode: '临时利用', ...over }, ['temp-use-over', 'temp-use-due-soon']);

  it.each<[number, string | null]>([
    [669, null],
    [670, 'temp-use-due-soon/amber'],
    [730, 'temp-use-due-soon/amber'],
    [731, 'temp-use-over/red'],
  ])('started %i days ago → %s', (days, expected) => {
    expect(summary(tempUse({ tempUseStart: ago(days) }))).toBe(expected);
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
    expect(tempUse({ tempUseStart: ago(800) })?.message).toBe('临时利用已 800 天（期限 730 天）');
    expect(tempUse({ tempUseStart: ago(700) })?.message).toBe('临时利用已 700 天，距期限（730 天）还剩 30 天');
    expect(tempUse({ tempUseEnd: ago(12) })?.message).toBe(`临时利用已超过约定结束日期（${ago(12)}）12 天`);
    expect(tempUse({ tempUseEnd: ahead(20) })?.message).toBe(`临时利用将于 20 天后到期（${ahead(20)}）`);
    expect(tempUse({ tempUseEnd: TODAY })?.message).toBe(`临时利用今天到期（${TODAY}）`);
  });

  it('gives one warning, red winning over amber, with every reason', () => {
    const both = tempUse({ tempUseStart: ago(800), tempUseEnd: ago(3) });
    expect(both?.level).toBe('red');
    expect(both?.message).toContain('800 天');
    expect(both?.message).toContain('3 天');
    expect(summary(tempUse({ tempUseStart: ago(800), tempUseEnd: ahead(30) }))).toBe('temp-use-over/red');
    expect(summary(tempUse({ tempUseStart: ago(700), tempUseEnd: ahead(-1) }))).toBe('temp-use-over/red');
  });

  it('applies only to 临时利用 in custody stages', () => {
    expect(one({ custodyMode: '自管', tempUseStart: ago(900) }, ['temp-use-over'])).toBeNull();
    expect(one({ custodyMode: '委托', tempUseEnd: ago(5) }, ['temp-use-over'])).toBeNull();
    expect(tempUse({ stage: '已供应', tempUseStart: ago(900) })).toBeNull();
    expect(tempUse({ stage: '收储中', tempUseStart: ago(900) })).toBeNull();
    expect(summary(tempUse({ stage: '可供应', tempUseStart: ago(900) }))).toBe('temp-use-over/red');
    expect(tempUse({ tempUseStart: null, tempUseEnd: null })).toBeNull();
  });

  it('follows the configured limit', () => {
    const limits = { ...LIMITS, tempUseLimitDays: 365 };
    const w = parcelWarnings(facts({ custodyMode: '临时利用', tempUseStart: ago(366) }), limits, TODAY);
    expect(w.map((x) => x.code)).toEqual(['temp-use-over']);
    expect(w[0].message).toContain('期限 365 天');
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

describe('tempUseTermProblem', () => {
  it.each<[string | null, string | null, number, string | null]>([
    ['2024-01-01', '2025-12-31', 730, null],
    ['2025-01-01', '2027-01-01', 730, null],
    ['2025-01-01', '2027-01-02', 730, '731'],
    ['2024-01-01', '2026-01-01', 730, '731'],
    ['2026-01-01', '2026-01-01', 730, null],
    ['2026-01-02', '2026-01-01', 730, '不能早于开始日期'],
    ['2026-01-01', '2026-12-31', 300, '364'],
    [null, '2026-01-01', 730, null],
    ['2026-01-01', null, 730, null],
    ['2026-02-30', '2029-01-01', 730, null],
  ])('%s → %s (limit %i) → %j', (start, end, limit, expected) => {
    const result = tempUseTermProblem(start, end, limit);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });

  it('states the term, the limit and that the limit is configurable', () => {
    expect(tempUseTermProblem('2025-01-01', '2027-06-30', 730)).toBe(
      '临时利用期限 910 天，超过规定的 730 天（按本中心规定，可配置），请缩短期限或按规定报批',
    );
  });
});
