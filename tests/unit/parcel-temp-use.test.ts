import { describe, expect, it } from 'vitest';
import { addMonths, monthsText, RULE_SOURCES, tempUseLatestEnd, tempUseTermProblem } from '../../src/modules/parcels/rules';

const SOURCE = '《土地储备管理办法》（国土资规〔2017〕17号）：储备土地的临时利用一般不超过两年（待核实）';

describe('addMonths: calendar months (《民法典》第二百零二条: the corresponding day, else the month end)', () => {
  it.each<[string, number, string]>([
    ['2024-02-29', 24, '2026-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-03-01', 24, '2026-03-01'],
    ['2023-03-01', 24, '2025-03-01'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-10', -13, '2024-12-10'],
    ['2026-05-05', 0, '2026-05-05'],
    ['2000-02-29', 1200, '2100-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses a malformed date or a fractional count (programming errors)', () => {
    expect(() => addMonths('2025-02-30', 1)).toThrow();
    expect(() => addMonths('2025-01-01', 1.5)).toThrow();
  });

  it('names whole years in years', () => {
    expect(monthsText(24)).toBe('2 年');
    expect(monthsText(18)).toBe('18 个月');
    expect(monthsText(1)).toBe('1 个月');
  });
});

describe('tempUseTermProblem: R17 临时利用一般不超过两年, counted in calendar terms (民法典第二百零一、二百零二条)', () => {
  it('R17 + 民法典: 2024-02-29 may run to 2026-02-28 and no further', () => {
    expect(tempUseLatestEnd('2024-02-29', 24)).toBe('2026-02-28');
    expect(tempUseTermProblem('2024-02-29', '2026-02-28', 24, SOURCE)).toBeNull();
    const over = tempUseTermProblem('2024-02-29', '2026-03-01', 24, SOURCE);
    expect(over?.code).toBe('temp-use-term-over');
    expect(over?.message).toBe('临时利用期限（2024-02-29 至 2026-03-01）超过 2 年：自 2024-02-29 起最迟至 2026-02-28，超出 1 天。请缩短期限或按规定报批');
  });

  it('R17 + 民法典: two years across a leap day is 731 days and still within the limit (not 730 days)', () => {
    expect(tempUseTermProblem('2024-01-01', '2026-01-01', 24, SOURCE)).toBeNull();
    expect(tempUseTermProblem('2023-03-01', '2025-03-01', 24, SOURCE)).toBeNull();
    expect(tempUseTermProblem('2023-03-01', '2025-03-02', 24, SOURCE)?.message).toContain('超出 1 天');
  });

  it.each<[string | null, string | null, number, string | null]>([
    ['2025-01-01', '2027-01-01', 24, null],
    ['2025-01-01', '2027-01-02', 24, 'temp-use-term-over'],
    ['2026-01-01', '2026-01-01', 24, null],
    ['2026-01-02', '2026-01-01', 24, 'temp-use-term-order'],
    ['2026-01-31', '2026-02-28', 1, null],
    ['2026-01-31', '2026-03-01', 1, 'temp-use-term-over'],
    ['2026-01-01', '2027-07-01', 18, null],
    ['2026-01-01', '2027-07-02', 18, 'temp-use-term-over'],
    [null, '2026-01-01', 24, null],
    ['2026-01-01', null, 24, null],
    ['2026-02-30', '2029-01-01', 24, null],
  ])('R17 limit: %s → %s (limit %i months) → %s', (start, end, limit, expected) => {
    expect(tempUseTermProblem(start, end, limit, SOURCE)?.code ?? null).toBe(expected);
  });

  it('cites the setting with its status and the calendar rule', () => {
    const over = tempUseTermProblem('2025-01-01', '2027-06-30', 24, SOURCE)!;
    expect(over.rule).toBe(`${SOURCE}；${RULE_SOURCES.calendarTerm}`);
    expect(over.rule).toContain('（待核实）');
    expect(over.rule).toContain('第二百零二条');
  });
});
