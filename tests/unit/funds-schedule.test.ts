import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  allocateSchedule,
  BOND_ISSUE_SOURCE,
  BOND_TENORS,
  couponsPerYearFor,
  generateSchedule,
  maturityDate,
  parsePrincipalPercents,
  principalPercentsProblem,
  repaymentLabel,
  REPAYMENT_TYPES,
  scheduleTotals,
  type BondTerms,
  type ScheduleRow,
} from '../../src/modules/funds/rules';
import { SETTINGS } from '../../src/platform/settings/catalog';

function rowsOf(terms: BondTerms): ScheduleRow[] {
  const result = generateSchedule(terms);
  if (!result.ok) throw new Error(result.message);
  return result.rows;
}

const pick = (rows: ScheduleRow[]) => rows.map((r) => [r.dueDate, r.days, r.principal, r.interest, r.outstandingAfter]);
const bullet = (over: Partial<BondTerms> = {}): BondTerms => ({ amount: '100000000.00', annualRatePercent: '3.25', termYears: 3, issueDate: '2023-03-15', couponsPerYear: 1, repaymentType: 'bullet', ...over });

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
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2025-08-31', 12, '2026-08-31'],
    ['2025-03-31', 6, '2025-09-30'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-03-10', -12, '2025-03-10'],
  ])('addMonths(%s, %i) = %s (a day past the month’s end is its last day)', (date, months, result) => {
    expect(addMonths(date, months)).toBe(result);
  });
});

describe('tenors and coupons as local government bonds are issued (财政部地方政府债券发行管理有关规定, 待核实)', () => {
  it('the issued tenors are 1, 2, 3, 5, 7, 10, 15, 20 and 30 years; others are refused', () => {
    expect(BOND_TENORS).toEqual([1, 2, 3, 5, 7, 10, 15, 20, 30]);
    for (const termYears of BOND_TENORS) expect(generateSchedule(bullet({ termYears })).ok).toBe(true);
    for (const termYears of [0, 4, 6, 8, 9, 11, 25, 31, 2.5]) {
      expect(generateSchedule(bullet({ termYears }))).toEqual({ ok: false, message: '债券期限应为 1、2、3、5、7、10、15、20、30 年之一' });
    }
    expect(BOND_ISSUE_SOURCE).toContain('待核实');
  });

  it('interest once a year up to the set tenor (10 by default), every half year above', () => {
    const max = SETTINGS['fund.bondAnnualCouponMaxYears'].default;
    expect(max).toBe(10);
    expect(SETTINGS['fund.bondAnnualCouponMaxYears'].source).toMatchObject({ kind: 'national', toConfirm: true });
    expect(couponsPerYearFor(10, max)).toBe(1);
    expect(couponsPerYearFor(15, max)).toBe(2);
    expect(couponsPerYearFor(7, 5)).toBe(2);
    expect(couponsPerYearFor(5, 5)).toBe(1);
  });

  it('labels the coupon and principal in Chinese', () => {
    expect(REPAYMENT_TYPES).toEqual({ bullet: '到期一次还本', amortizing: '分年按比例还本' });
    expect(repaymentLabel(1, 'bullet')).toBe('按年付息、到期一次还本');
    expect(repaymentLabel(2, 'amortizing')).toBe('每半年付息、分年按比例还本');
  });
});

describe('bullet, interest yearly: principal at maturity', () => {
  it('a known bond, checked by hand', () => {
    // 100,000,000.00 元 at 3.25% for 3 years from 2023-03-15: interest each year = 3,250,000.00.
    const rows = rowsOf(bullet());
    expect(pick(rows)).toEqual([
      ['2024-03-15', 366, '0.00', '3250000.00', '100000000.00'],
      ['2025-03-15', 365, '0.00', '3250000.00', '100000000.00'],
      ['2026-03-15', 365, '100000000.00', '3250000.00', '0.00'],
    ]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.periodStart)).toEqual(['2023-03-15', '2024-03-15', '2025-03-15']);
    expect(scheduleTotals(rows)).toEqual({ principal: '100000000.00', interest: '9750000.00', total: '109750000.00' });
  });

  it('issued on 29 February 2024: anniversaries fall on 28 February, back to the 29th in 2028; every period pays a full coupon', () => {
    const rows = rowsOf(bullet({ amount: '10000000.00', annualRatePercent: '2.5', termYears: 5, issueDate: '2024-02-29' }));
    expect(pick(rows)).toEqual([
      ['2025-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2026-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2027-02-28', 365, '0.00', '250000.00', '10000000.00'],
      ['2028-02-29', 366, '0.00', '250000.00', '10000000.00'],
      ['2029-02-28', 365, '10000000.00', '250000.00', '0.00'],
    ]);
  });

  it('no short first coupon: the first period is a full year from the issue date', () => {
    const [first] = rowsOf(bullet({ issueDate: '2025-07-10', termYears: 5 }));
    expect([first.periodStart, first.dueDate]).toEqual(['2025-07-10', '2026-07-10']);
  });
});

describe('semi-annual coupons (tenors above 10 years)', () => {
  it('15 years at 2.2% from 2025-08-31: 30 half-year coupons of 1.1%, on the month’s last day when the 31st does not exist', () => {
    const rows = rowsOf({ amount: '200000000.00', annualRatePercent: '2.2', termYears: 15, issueDate: '2025-08-31', couponsPerYear: 2, repaymentType: 'bullet' });
    expect(rows).toHaveLength(30);
    expect(pick(rows.slice(0, 3))).toEqual([
      ['2026-02-28', 181, '0.00', '2200000.00', '200000000.00'],
      ['2026-08-31', 184, '0.00', '2200000.00', '200000000.00'],
      ['2027-02-28', 181, '0.00', '2200000.00', '200000000.00'],
    ]);
    expect(rows[29]).toMatchObject({ dueDate: '2040-08-31', principal: '200000000.00', interest: '2200000.00', outstandingAfter: '0.00' });
    expect(scheduleTotals(rows).interest).toBe('66000000.00');
  });

  it('principal by yearly percentages falls on the anniversaries, the half-year coupon between carries none', () => {
    const percents = ['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '20', '20', '20', '20', '20'];
    const rows = rowsOf({ amount: '100000000.00', annualRatePercent: '2', termYears: 15, issueDate: '2025-06-18', couponsPerYear: 2, repaymentType: 'amortizing', principalPercents: percents });
    // Years 11–15 (coupons 22, 24, …, 30) repay 20,000,000 each; the coupon after repays interest on 80,000,000 → 800,000.
    expect(rows.filter((r) => r.principal !== '0.00').map((r) => [r.seq, r.dueDate, r.principal])).toEqual([
      [22, '2036-06-18', '20000000.00'],
      [24, '2037-06-18', '20000000.00'],
      [26, '2038-06-18', '20000000.00'],
      [28, '2039-06-18', '20000000.00'],
      [30, '2040-06-18', '20000000.00'],
    ]);
    expect(rows[21].interest).toBe('1000000.00');
    expect(rows[22].interest).toBe('800000.00');
    expect(scheduleTotals(rows).principal).toBe('100000000.00');
  });
});

describe('principal by a schedule of percentages per year', () => {
  const amortizing = (over: Partial<BondTerms>): BondTerms => ({ amount: '100000000.00', annualRatePercent: '3', termYears: 5, issueDate: '2022-06-01', couponsPerYear: 1, repaymentType: 'amortizing', principalPercents: ['20', '20', '20', '20', '20'], ...over });

  it('a known bond, checked by hand', () => {
    // 20% a year: interest on the outstanding 3,000,000; 2,400,000; 1,800,000; 1,200,000; 600,000.
    const rows = rowsOf(amortizing({}));
    expect(rows.map((r) => [r.principal, r.interest, r.outstandingAfter])).toEqual([
      ['20000000.00', '3000000.00', '80000000.00'],
      ['20000000.00', '2400000.00', '60000000.00'],
      ['20000000.00', '1800000.00', '40000000.00'],
      ['20000000.00', '1200000.00', '20000000.00'],
      ['20000000.00', '600000.00', '0.00'],
    ]);
    expect(scheduleTotals(rows)).toEqual({ principal: '100000000.00', interest: '9000000.00', total: '109000000.00' });
  });

  it('a 10-year bond repaying 10% a year from its second year and 20% in its last', () => {
    const rows = rowsOf(amortizing({ amount: '120000000.00', annualRatePercent: '2.06', termYears: 10, issueDate: '2025-09-16', principalPercents: ['0', '10', '10', '10', '10', '10', '10', '10', '10', '20'] }));
    expect(rows.map((r) => r.principal)).toEqual(['0.00', ...Array(8).fill('12000000.00'), '24000000.00']);
    expect(rows.slice(0, 3).map((r) => r.interest)).toEqual(['2472000.00', '2472000.00', '2224800.00']);
  });

  it('Σ principal = amount exactly for an awkward amount, the last year taking the remainder', () => {
    // 100,000,000.01 × 14.29% = 14,290,000.0014… → 14,290,000.00 (six times); the last year takes
    // the rest: 100,000,000.01 − 85,740,000.00 = 14,260,000.01.
    const percents = ['14.29', '14.29', '14.29', '14.29', '14.29', '14.29', '14.26'];
    const rows = rowsOf(amortizing({ amount: '100000000.01', annualRatePercent: '2.85', termYears: 7, issueDate: '2021-11-20', principalPercents: percents }));
    expect(rows.slice(0, 6).every((r) => r.principal === '14290000.00')).toBe(true);
    expect(rows[6].principal).toBe('14260000.01');
    expect(scheduleTotals(rows).principal).toBe('100000000.01');
    expect(rows[6].outstandingAfter).toBe('0.00');
  });

  it.each([
    ['0.07', 30],
    ['0.45', 30],
    ['99999999.99', 3],
    ['123456789.01', 30],
  ])('Σ principal of %s over %i years is exact and no instalment is negative', (amount, years) => {
    const even = (100 / years).toFixed(2);
    const percents = [...Array(years - 1).fill(even), (100 - Number(even) * (years - 1)).toFixed(2)];
    const rows = rowsOf(amortizing({ amount, termYears: years, principalPercents: percents }));
    expect(scheduleTotals(rows).principal).toBe(amount);
    expect(rows.every((r) => !r.principal.startsWith('-'))).toBe(true);
  });

  it('the percentages: one per year, each 0–100 with at most two decimals, Σ 100, the last year above 0', () => {
    expect(principalPercentsProblem(['50', '50'], 2)).toBeNull();
    expect(principalPercentsProblem(['99.99', '0.01'], 2)).toBeNull();
    expect(principalPercentsProblem(['50'], 2)).toBe('分年还本比例应按年填写 2 个（每年一个），现为 1 个');
    expect(principalPercentsProblem(['50', '49.99'], 2)).toBe('分年还本比例合计应为 100%，现为 99.99%');
    expect(principalPercentsProblem(['50', '50.01'], 2)).toBe('分年还本比例合计应为 100%，现为 100.01%');
    expect(principalPercentsProblem(['100', '0'], 2)).toBe('最后一年的还本比例应大于 0（到期日还清本金）');
    expect(principalPercentsProblem(['50.001', '49.999'], 2)).toBe('分年还本比例「50.001」无效，应为 0–100 的数字，最多两位小数');
    expect(principalPercentsProblem(['-5', '105'], 2)).toBe('分年还本比例「-5」无效，应为 0–100 的数字，最多两位小数');
    expect(generateSchedule(amortizing({ principalPercents: null }))).toEqual({ ok: false, message: '分年还本比例应按年填写 5 个（每年一个），现为 0 个' });
  });

  it('parses what a user types: commas, 、, spaces, a trailing %', () => {
    expect(parsePrincipalPercents('0,0， 20、20% 60 ')).toEqual(['0', '0', '20', '20', '60']);
    expect(parsePrincipalPercents('  ')).toEqual([]);
  });
});

describe('bad terms: Chinese messages, no schedule', () => {
  const good = bullet({ amount: '1000000.00', annualRatePercent: '3', termYears: 5, issueDate: '2024-01-15' });
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
    [{ issueDate: '2023-02-29' }, '发行日期无效，应为 YYYY-MM-DD 格式的日期'],
    [{ issueDate: '2024/01/15' }, '发行日期无效，应为 YYYY-MM-DD 格式的日期'],
    [{ couponsPerYear: 4 as 1 }, '付息频率无效'],
  ])('%j → %s', (over, message) => {
    expect(generateSchedule({ ...good, ...over })).toEqual({ ok: false, message });
  });

  it('the edges themselves are accepted', () => {
    expect(generateSchedule({ ...good, annualRatePercent: '20' }).ok).toBe(true);
    expect(generateSchedule({ ...good, annualRatePercent: '0.0001' }).ok).toBe(true);
    expect(generateSchedule({ ...good, termYears: 1 }).ok).toBe(true);
    expect(generateSchedule({ ...good, termYears: 30, couponsPerYear: 2 }).ok).toBe(true);
  });
});

describe("a project's share of a schedule", () => {
  const bond = rowsOf({ amount: '100000000.00', annualRatePercent: '3', termYears: 3, issueDate: '2022-06-01', couponsPerYear: 1, repaymentType: 'amortizing', principalPercents: ['33.33', '33.33', '33.34'] });

  it('scales principal and interest, the last row making the principal exact', () => {
    // Bond principal 33,330,000 / 33,330,000 / 33,340,000; share = 33,333,333.33 / 100,000,000:
    //   33,330,000 × 0.3333333333 = 11,109,999.9989 → 11,110,000.00 (twice); last = 33,333,333.33 − 22,220,000.00 = 11,113,333.33.
    // interest: 3,000,000 × share → 1,000,000.00; 2,000,100 × share → 666,700.00; 1,000,200 × share → 333,400.00.
    const share = allocateSchedule(bond, '100000000.00', '33333333.33');
    expect(pick(share)).toEqual([
      ['2023-06-01', 365, '11110000.00', '1000000.00', '22223333.33'],
      ['2024-06-01', 366, '11110000.00', '666700.00', '11113333.33'],
      ['2025-06-01', 365, '11113333.33', '333400.00', '0.00'],
    ]);
    expect(scheduleTotals(share).principal).toBe('33333333.33');
  });

  it('shares of all projects add up to the bond principal', () => {
    const allocations = ['33333333.33', '33333333.33', '33333333.34'];
    const shares = allocations.map((a) => allocateSchedule(bond, '100000000.00', a));
    shares.forEach((s, i) => expect(scheduleTotals(s).principal).toBe(allocations[i]));
    const tenYears = rowsOf({ amount: '80000000.00', annualRatePercent: '3.5', termYears: 10, issueDate: '2022-03-01', couponsPerYear: 1, repaymentType: 'bullet' });
    const half = allocateSchedule(tenYears, '80000000.00', '40000000.00');
    expect(half.slice(0, 9).every((r) => r.principal === '0.00' && r.interest === '1400000.00')).toBe(true);
    expect(half[9].principal).toBe('40000000.00');
  });

  it('the whole bond is its own share; no rows give no rows', () => {
    expect(allocateSchedule(bond, '100000000.00', '100000000.00')).toEqual(bond);
    expect(allocateSchedule([], '100000000.00', '5.00')).toEqual([]);
    expect(() => allocateSchedule(bond, '0', '5.00')).toThrow();
  });
});
