import { describe, expect, it } from 'vitest';
import {
  addYears,
  allocateSchedule,
  generateSchedule,
  maturityDate,
  REPAYMENT_TYPES,
  scheduleTotals,
  yearBasisDays,
  type BondTerms,
  type ScheduleRow,
} from '../../src/modules/funds/rules';

function rowsOf(terms: BondTerms): ScheduleRow[] {
  const result = generateSchedule(terms);
  if (!result.ok) throw new Error(result.message);
  return result.rows;
}

const pick = (rows: ScheduleRow[]) => rows.map((r) => [r.dueDate, r.days, r.principal, r.interest, r.outstandingAfter]);

describe('dates', () => {
  it.each([
    ['2023-03-15', 3, '2026-03-15'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 5, '2029-02-28'],
    ['2023-12-31', 30, '2053-12-31'],
  ])('maturity of %s + %i years = %s', (issue, years, due) => {
    expect(maturityDate(issue, years)).toBe(due);
  });

  it('addYears goes back too', () => {
    expect(addYears('2025-02-28', -1)).toBe('2024-02-28');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });

  it.each([
    ['2023-12-31', 365],
    ['2024-02-28', 365],
    ['2024-02-29', 366],
    ['2024-03-01', 366],
    ['2025-02-28', 366],
    ['2025-03-01', 365],
    ['2100-03-01', 365],
    ['2000-03-01', 366],
  ])('the year ending %s has %i days', (due, days) => {
    expect(yearBasisDays(due)).toBe(days);
  });
});

describe('bullet: interest yearly, principal at maturity', () => {
  it('a known bond, checked by hand', () => {
    // 100,000,000.00 元 at 3.25% for 3 years from 2023-03-15, full years only:
    // interest each year = 100,000,000 × 0.0325 × 1 = 3,250,000.00; total 9,750,000.00.
    const rows = rowsOf({ amount: '100000000.00', annualRatePercent: '3.25', termYears: 3, issueDate: '2023-03-15', repaymentType: 'bullet' });
    expect(pick(rows)).toEqual([
      ['2024-03-15', 366, '0.00', '3250000.00', '100000000.00'],
      ['2025-03-15', 365, '0.00', '3250000.00', '100000000.00'],
      ['2026-03-15', 365, '100000000.00', '3250000.00', '0.00'],
    ]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.periodStart)).toEqual(['2023-03-15', '2024-03-15', '2025-03-15']);
    expect(scheduleTotals(rows)).toEqual({ principal: '100000000.00', interest: '9750000.00', total: '109750000.00' });
  });

  it('issued on 29 February 2024: anniversaries fall on 28 February, back to the 29th in 2028; every full year is exactly 1', () => {
    // 10,000,000.00 at 2.5%: each full period = 250,000.00 whether it has 365 or 366 days.
    const rows = rowsOf({ amount: '10000000.00', annualRatePercent: '2.5', termYears: 4, issueDate: '2024-02-29', repaymentType: 'bullet' });
    expect(pick(rows)).toEqual([
      ['2025-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2026-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2027-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2028-02-29', 366, '10000000.00', '250000.00', '0.00'],
    ]);
  });

  it('a first payment date exactly one year after a 29 February issue is the ordinary schedule', () => {
    const base = { amount: '10000000.00', annualRatePercent: '2.5', termYears: 4, issueDate: '2024-02-29', repaymentType: 'bullet' } as const;
    expect(rowsOf({ ...base, firstPaymentDate: '2025-02-28' })).toEqual(rowsOf(base));
    expect(rowsOf({ ...base, firstPaymentDate: '' })).toEqual(rowsOf(base));
    expect(rowsOf({ ...base, firstPaymentDate: null })).toEqual(rowsOf(base));
  });

  it('partial first year (first payment date 31 December), stubs priced actual/actual', () => {
    // 50,000,000.00 at 3.10%, 3 years from 2023-07-10, paying every 31 December; a year's
    // interest is 50,000,000 × 0.031 = 1,550,000.
    // stub 2023-07-10 → 2023-12-31: 21 + 31 + 30 + 31 + 30 + 31 = 174 days; the year ending
    //   2023-12-31 has 365 days → 1,550,000 × 174 / 365 = 738,904.1095… → 738,904.11
    // 2024 and 2025: full years → 1,550,000.00 each (2024 has 366 days: still exactly 1)
    // stub 2025-12-31 → 2026-07-10: 31+28+31+30+31+30 + 10 = 191 days, year of 365 →
    //   1,550,000 × 191 / 365 = 811,095.8904… → 811,095.89
    // total 738,904.11 + 3,100,000 + 811,095.89 = 4,650,000.00 = 3 × 1,550,000 (174 + 191 = 365).
    const rows = rowsOf({
      amount: '50000000.00',
      annualRatePercent: '3.10',
      termYears: 3,
      issueDate: '2023-07-10',
      repaymentType: 'bullet',
      firstPaymentDate: '2023-12-31',
    });
    expect(pick(rows)).toEqual([
      ['2023-12-31', 174, '0.00', '738904.11', '50000000.00'],
      ['2024-12-31', 366, '0.00', '1550000.00', '50000000.00'],
      ['2025-12-31', 365, '0.00', '1550000.00', '50000000.00'],
      ['2026-07-10', 191, '50000000.00', '811095.89', '0.00'],
    ]);
    expect(scheduleTotals(rows).interest).toBe('4650000.00');
  });
});

describe('amortizing: interest yearly, principal in equal parts', () => {
  it('a known bond, checked by hand', () => {
    // 100,000,000.00 at 3% over 5 years: principal 20,000,000 a year; interest on the
    // outstanding at each period start: 3,000,000; 2,400,000; 1,800,000; 1,200,000; 600,000
    // → total 9,000,000.00.
    const rows = rowsOf({ amount: '100000000.00', annualRatePercent: '3', termYears: 5, issueDate: '2022-06-01', repaymentType: 'amortizing' });
    expect(rows.map((r) => [r.principal, r.interest, r.outstandingAfter])).toEqual([
      ['20000000.00', '3000000.00', '80000000.00'],
      ['20000000.00', '2400000.00', '60000000.00'],
      ['20000000.00', '1800000.00', '40000000.00'],
      ['20000000.00', '1200000.00', '20000000.00'],
      ['20000000.00', '600000.00', '0.00'],
    ]);
    expect(scheduleTotals(rows)).toEqual({ principal: '100000000.00', interest: '9000000.00', total: '109000000.00' });
  });

  it('Σ principal = amount exactly for an awkward amount (100,000,000.01 over 7 years)', () => {
    // 100,000,000.01 / 7 = 14,285,714.287… → 14,285,714.29 × 6 = 85,714,285.74;
    // last = 100,000,000.01 − 85,714,285.74 = 14,285,714.27.
    const rows = rowsOf({ amount: '100000000.01', annualRatePercent: '2.85', termYears: 7, issueDate: '2021-11-20', repaymentType: 'amortizing' });
    expect(rows).toHaveLength(7);
    expect(rows.slice(0, 6).every((r) => r.principal === '14285714.29')).toBe(true);
    expect(rows[6].principal).toBe('14285714.27');
    expect(scheduleTotals(rows).principal).toBe('100000000.01');
    expect(rows[6].outstandingAfter).toBe('0.00');
  });

  it.each([
    ['1000000.00', 3],
    ['0.07', 30],
    ['0.45', 30],
    ['99999999.99', 13],
    ['123456789.01', 30],
  ])('Σ principal of %s over %i years is exact and no instalment is negative', (amount, years) => {
    const rows = rowsOf({ amount, annualRatePercent: '3.3333', termYears: years, issueDate: '2020-01-31', repaymentType: 'amortizing' });
    expect(rows).toHaveLength(years);
    expect(scheduleTotals(rows).principal).toBe(amount);
    expect(rows.every((r) => !r.principal.startsWith('-'))).toBe(true);
  });

  it('partial first year across a leap day, with a short last period', () => {
    // 10,000,000.00 at 4%, 2 years from 2023-09-01, paying every 31 March: 3 payments,
    // principal 3,333,333.33 / 3,333,333.33 / 3,333,333.34.
    // stub 2023-09-01 → 2024-03-31 = 30+31+30+31+31+29+30 = 212 days; the year ending 2024-03-31
    //   contains 2024-02-29 → 366: 10,000,000 × 0.04 × 212/366 = 231,693.989… → 231,693.99
    // full year on 6,666,666.67: × 0.04 = 266,666.6668 → 266,666.67
    // stub 2025-03-31 → 2025-09-01 = 30+31+30+31+31+1 = 154 days, year of 365:
    //   3,333,333.34 × 0.04 × 154/365 = 56,255.707… → 56,255.71
    const rows = rowsOf({
      amount: '10000000.00',
      annualRatePercent: '4',
      termYears: 2,
      issueDate: '2023-09-01',
      repaymentType: 'amortizing',
      firstPaymentDate: '2024-03-31',
    });
    expect(pick(rows)).toEqual([
      ['2024-03-31', 212, '3333333.33', '231693.99', '6666666.67'],
      ['2025-03-31', 365, '3333333.33', '266666.67', '3333333.34'],
      ['2025-09-01', 154, '3333333.34', '56255.71', '0.00'],
    ]);
  });
});

describe('bad terms: Chinese messages, no schedule', () => {
  const good: BondTerms = { amount: '1000000.00', annualRatePercent: '3', termYears: 5, issueDate: '2024-01-15', repaymentType: 'bullet' };
  it.each<[Partial<BondTerms>, string]>([
    [{ amount: '0' }, '债券金额必须大于 0'],
    [{ amount: '-5' }, '债券金额不能为负数'],
    [{ amount: '100.001' }, '债券金额最多两位小数（分）'],
    [{ amount: '' }, '请填写债券金额'],
    [{ annualRatePercent: '0' }, '年利率应大于 0 且不超过 20%'],
    [{ annualRatePercent: '20.0001' }, '年利率应大于 0 且不超过 20%'],
    [{ annualRatePercent: '25' }, '年利率应大于 0 且不超过 20%'],
    [{ annualRatePercent: '3.12345' }, '年利率最多四位小数'],
    [{ annualRatePercent: '-1' }, '年利率应为数字（百分比，如 3.25）'],
    [{ annualRatePercent: 'abc' }, '年利率应为数字（百分比，如 3.25）'],
    [{ termYears: 0 }, '债券期限应为 1–30 的整数年'],
    [{ termYears: 31 }, '债券期限应为 1–30 的整数年'],
    [{ termYears: 2.5 }, '债券期限应为 1–30 的整数年'],
    [{ issueDate: '2023-02-29' }, '发行日期无效，应为 YYYY-MM-DD 格式的日期'],
    [{ issueDate: '2024/01/15' }, '发行日期无效，应为 YYYY-MM-DD 格式的日期'],
    [{ firstPaymentDate: '2024-13-01' }, '首次付息日无效，应为 YYYY-MM-DD 格式的日期'],
    [{ firstPaymentDate: '2024-01-15' }, '首次付息日应晚于发行日期'],
    [{ firstPaymentDate: '2023-12-31' }, '首次付息日应晚于发行日期'],
    [{ firstPaymentDate: '2025-01-16' }, '首次付息日不能晚于发行日期后一年'],
  ])('%j → %s', (over, message) => {
    expect(generateSchedule({ ...good, ...over })).toEqual({ ok: false, message });
  });

  it('the edges themselves are accepted', () => {
    expect(generateSchedule({ ...good, annualRatePercent: '20' }).ok).toBe(true);
    expect(generateSchedule({ ...good, annualRatePercent: '0.0001' }).ok).toBe(true);
    expect(generateSchedule({ ...good, termYears: 1 }).ok).toBe(true);
    expect(generateSchedule({ ...good, termYears: 30 }).ok).toBe(true);
    expect(generateSchedule({ ...good, firstPaymentDate: '2024-01-16' }).ok).toBe(true);
    expect(generateSchedule({ ...good, firstPaymentDate: '2025-01-15' }).ok).toBe(true);
  });

  it('labels both repayment types in Chinese', () => {
    expect(REPAYMENT_TYPES).toEqual({ bullet: '按年付息、到期一次还本', amortizing: '按年付息、分期等额还本' });
  });
});

describe("a project's share of a schedule", () => {
  const bond = rowsOf({ amount: '100000000.00', annualRatePercent: '3', termYears: 3, issueDate: '2022-06-01', repaymentType: 'amortizing' });

  it('scales principal and interest, the last row making the principal exact', () => {
    // share = 33,333,333.33 / 100,000,000 = 0.3333333333
    // bond principal 33,333,333.33 / 33,333,333.33 / 33,333,333.34; share of the first two:
    //   33,333,333.33 × 0.3333333333 = 11,111,111.1088… → 11,111,111.11;
    //   last = 33,333,333.33 − 2 × 11,111,111.11 = 11,111,111.11
    // interest: 3,000,000 × share = 999,999.9999 → 1,000,000.00; 2,000,000.00 × share → 666,666.67;
    //   1,000,000.00 × share → 333,333.33
    const share = allocateSchedule(bond, '100000000.00', '33333333.33');
    expect(pick(share)).toEqual([
      ['2023-06-01', 365, '11111111.11', '1000000.00', '22222222.22'],
      ['2024-06-01', 366, '11111111.11', '666666.67', '11111111.11'],
      ['2025-06-01', 365, '11111111.11', '333333.33', '0.00'],
    ]);
    expect(scheduleTotals(share).principal).toBe('33333333.33');
  });

  it('shares of all projects add up to the bond principal', () => {
    const awkward = rowsOf({ amount: '100000000.01', annualRatePercent: '2.85', termYears: 7, issueDate: '2021-11-20', repaymentType: 'amortizing' });
    const allocations = ['33333333.33', '33333333.33', '33333333.35'];
    const shares = allocations.map((a) => allocateSchedule(awkward, '100000000.01', a));
    shares.forEach((s, i) => expect(scheduleTotals(s).principal).toBe(allocations[i]));
    const bullet = rowsOf({ amount: '80000000.00', annualRatePercent: '3.5', termYears: 10, issueDate: '2022-03-01', repaymentType: 'bullet' });
    const half = allocateSchedule(bullet, '80000000.00', '40000000.00');
    expect(half.slice(0, 9).every((r) => r.principal === '0.00' && r.interest === '1400000.00')).toBe(true);
    expect(half[9].principal).toBe('40000000.00');
  });

  it('the whole bond is its own share; no rows give no rows', () => {
    expect(allocateSchedule(bond, '100000000.00', '100000000.00')).toEqual(bond);
    expect(allocateSchedule([], '100000000.00', '5.00')).toEqual([]);
    expect(() => allocateSchedule(bond, '0', '5.00')).toThrow();
  });
});
