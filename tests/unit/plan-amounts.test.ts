import { describe, expect, it } from 'vitest';
import {
  describeArea,
  formatHectares,
  formatMu,
  formatWan,
  groupThousands,
  wanToYuan,
  yuanToWan,
  zAreaM2,
  zCount,
  zWanToYuan,
} from '../../src/modules/plans/amounts';
import { zOptionalDate, zOptionalLine } from '../../src/modules/plans/form-fields';
import { ZCreatePlan, planEndYear } from '../../src/modules/plans/validation';

describe('money: 万元 in, 元 stored, exact', () => {
  it.each([
    ['1', '10000.00'],
    ['0.01', '100.00'],
    ['0.1', '1000.00'],
    ['12345.67', '123456700.00'],
    ['99999999.99', '999999999900.00'],
    ['0', '0.00'],
  ])('%s 万元 → %s 元', (wan, yuan) => {
    expect(wanToYuan(wan)).toBe(yuan);
    const parsed = zWanToYuan('金额').safeParse(wan);
    expect(parsed.success && parsed.data).toBe(yuan);
  });

  it('accepts numbers and surrounding blanks, and an empty optional amount as 0', () => {
    expect(zWanToYuan('金额').parse(' 0.3 ')).toBe('3000.00');
    expect(zWanToYuan('金额').parse(0.3)).toBe('3000.00');
    expect(zWanToYuan('金额', { optional: true }).parse('')).toBe('0.00');
    expect(zWanToYuan('金额', { optional: true }).parse(undefined)).toBe('0.00');
  });

  it.each([
    ['-1', '金额不能为负数'],
    ['abc', '金额须为数字（单位：万元）'],
    ['1e5', '金额须为数字（单位：万元）'],
    ['1,000', '金额须为数字（单位：万元）'],
    ['1.234', '金额最多保留 2 位小数'],
    ['100000000', '金额不能超过 99,999,999.99 万元'],
    ['', '请填写金额'],
    ['NaN', '金额须为数字（单位：万元）'],
  ])('refuses %j: %s', (raw, message) => {
    const parsed = zWanToYuan('金额').safeParse(raw);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0].message).toBe(message);
  });

  it('refuses a non-numeric type', () => {
    expect(zWanToYuan('金额').safeParse({ a: 1 }).success).toBe(false);
    expect(zWanToYuan('金额').safeParse(Number.NaN).success).toBe(false);
  });

  it('shows 元 as 万元 with separators, and back for the form', () => {
    expect(formatWan('123456700.00')).toBe('12,345.67');
    expect(formatWan('12345.00')).toBe('1.23');
    expect(yuanToWan('123456700.00')).toBe('12345.67');
    expect(yuanToWan('12345.00')).toBe('1.2345');
    expect(yuanToWan('0.00')).toBe('0');
    expect(groupThousands('-1234567.5')).toBe('-1,234,567.5');
  });
});

describe('area: m², 亩 and 公顷', () => {
  it('converts with 1 亩 = 10000/15 m²', () => {
    expect(formatMu('666.67')).toBe('1.00');
    expect(formatMu('10000')).toBe('15.00');
    expect(formatHectares('12345.6')).toBe('1.2346');
    expect(describeArea('12000')).toBe('12,000.00 m²（18.00 亩 / 1.2000 公顷）');
  });

  it('validates area input', () => {
    expect(zAreaM2('面积').parse('12000.5')).toBe('12000.50');
    expect(zAreaM2('面积').safeParse('-3').success).toBe(false);
    expect(zAreaM2('面积').safeParse('1.005').success).toBe(false);
    expect(zAreaM2('面积').safeParse('999999999999').success).toBe(false);
  });

  it('validates counts', () => {
    expect(zCount('宗数').parse('12')).toBe(12);
    expect(zCount('宗数').parse('')).toBe(0);
    expect(zCount('宗数').safeParse('1.5').success).toBe(false);
    expect(zCount('宗数').safeParse('-1').success).toBe(false);
    expect(zCount('宗数').safeParse('100001').success).toBe(false);
  });
});

describe('form fields', () => {
  it.each([
    ['2026-02-28', '2026-02-28'],
    ['', null],
    [null, null],
  ])('date %j → %j', (raw, out) => {
    expect(zOptionalDate('日期').parse(raw)).toBe(out);
  });
  it.each(['2026-02-30', '2026/02/01', '26-02-01', '1850-01-01'])('refuses date %j', (raw) => {
    expect(zOptionalDate('日期').safeParse(raw).success).toBe(false);
  });
  it('refuses line breaks and control characters in single-line fields', () => {
    expect(zOptionalLine('文号').safeParse('益政函\n〔2026〕1号').success).toBe(false);
    expect(zOptionalLine('文号').safeParse('益政函\u0007').success).toBe(false);
    expect(zOptionalLine('文号').parse(' 益政函〔2026〕1号 ')).toBe('益政函〔2026〕1号');
  });
});

describe('plan form', () => {
  it('an annual plan covers one year, a rolling plan three', () => {
    expect(planEndYear('annual', 2026)).toBe(2026);
    expect(planEndYear('rolling', 2026)).toBe(2028);
  });

  it('parses a complete plan', () => {
    const parsed = ZCreatePlan.parse({ planType: 'rolling', startYear: '2026', title: ' 三年计划 ', fundNeed: '12.5', acquireCount: '3', acquireArea: '1000' });
    expect(parsed).toMatchObject({ planType: 'rolling', startYear: 2026, title: '三年计划', fundNeed: '125000.00', acquireCount: 3, acquireArea: '1000.00', docNo: null, approvedOn: null });
  });

  it.each([
    [{ startYear: '26' }, 'startYear', '起始年度须为四位数字年份'],
    [{ startYear: '1999' }, 'startYear', '起始年度不能早于 2000 年'],
    [{ planType: 'monthly' }, 'planType', '请选择计划类型'],
    [{ title: '' }, 'title', '请填写计划名称'],
    [{ title: 'x'.repeat(101) }, 'title', '计划名称不能超过 100 个字符'],
  ])('refuses %j', (patch, field, message) => {
    const parsed = ZCreatePlan.safeParse({ planType: 'annual', startYear: '2026', title: '计划', ...patch });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path[0] === field);
      expect(issue?.message).toBe(message);
    }
  });
});
