import { describe, expect, it } from 'vitest';
import { dateRangeProblem, isIsoDate, parseTypedDate } from '../../src/platform/dates';

describe('a date as people type or paste it', () => {
  it.each([
    ['2025-06-18', '2025-06-18'],
    ['2025/6/18', '2025-06-18'],
    ['2025.6.18', '2025-06-18'],
    ['2025年6月18日', '2025-06-18'],
    ['2025年6月18', '2025-06-18'],
    ['20250618', '2025-06-18'],
    [' 2025-06-18 ', '2025-06-18'],
    ['２０２５－０６－１８', '2025-06-18'],
    ['2024-2-29', '2024-02-29'],
  ])('%j is %s', (typed, iso) => {
    expect(parseTypedDate(typed)).toEqual({ kind: 'date', iso });
  });

  it('blank is no date', () => {
    expect(parseTypedDate('   ')).toEqual({ kind: 'empty' });
  });

  it.each([
    ['1', '「1」不是日期，请按「年-月-日」填写，如 2025-06-18'],
    ['2025-06-1x', '「2025-06-1x」不是日期，请按「年-月-日」填写，如 2025-06-18'],
    ['2025061', '「2025061」不是日期，请按「年-月-日」填写，如 2025-06-18'],
    ['2025-02-30', '2025 年 2 月只有 28 天，没有 30 日'],
    ['2023-02-29', '2023 年 2 月只有 28 天，没有 29 日'],
    ['2025-04-31', '2025 年 4 月只有 30 天，没有 31 日'],
    ['2025-13-01', '月份应为 1–12，「2025-13-01」的月份是 13'],
    ['2025-00-10', '月份应为 1–12，「2025-00-10」的月份是 0'],
    ['2025-06-00', '2025 年 6 月只有 30 天，没有 0 日'],
    ['1899-12-31', '年份应在 1900–2100 之间'],
    ['2101-01-01', '年份应在 1900–2100 之间'],
  ])('%j is refused: %s', (typed, message) => {
    expect(parseTypedDate(typed)).toEqual({ kind: 'invalid', message });
  });

  it('only the exact YYYY-MM-DD form is an ISO date', () => {
    expect(isIsoDate('2025-06-18')).toBe(true);
    expect(isIsoDate('2025-6-18')).toBe(false);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate(20250618)).toBe(false);
  });

  it('says which bound a date is outside, wording today as 今天', () => {
    expect(dateRangeProblem('2025-06-18', { min: '2025-06-18', max: '2025-06-18' })).toBeNull();
    expect(dateRangeProblem('2025-06-17', { min: '2025-06-18' })).toBe('不能早于 2025-06-18');
    expect(dateRangeProblem('2025-06-19', { max: '2025-06-18' })).toBe('不能晚于 2025-06-18');
    expect(dateRangeProblem('2025-06-19', { max: '2025-06-18', maxIsToday: true })).toBe('不能晚于今天（2025-06-18）');
  });
});
