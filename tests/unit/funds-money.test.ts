import { describe, expect, it } from 'vitest';
import {
  compareAmounts,
  FUND_SOURCES,
  fundSourceName,
  INCOME_CATEGORIES,
  OWN_INCOME_CATEGORIES,
  sourceOfIncomeCategory,
  TREASURY_INCOME,
  TREASURY_INCOME_NOTE,
  isNegative,
  LEDGER_CATEGORIES,
  negateAmount,
  parseAmount,
  subtractAmounts,
  sumAmounts,
  wanPhrase,
  zAmount,
  zOptionalAmount,
} from '../../src/modules/funds/rules';

describe('parseAmount: accepted input, normalised to 2 decimals', () => {
  it.each([
    ['1,234.5', '1234.50'],
    [' 12 ', '12.00'],
    ['0.1', '0.10'],
    ['007.05', '7.05'],
    ['1.230', '1.23'],
    ['1,234,567.89', '1234567.89'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('%j → %s', (raw, value) => {
    expect(parseAmount(raw, { label: '金额' })).toEqual({ ok: true, value });
  });

  it('accepts numbers (as typed, not float-rounded)', () => {
    expect(parseAmount(12.5, { label: '金额' })).toEqual({ ok: true, value: '12.50' });
    expect(parseAmount(0.1 + 0.2, { label: '金额' })).toEqual({ ok: false, message: '金额最多两位小数（分）' });
  });

  it('accepts negative amounts and zero only when allowed', () => {
    expect(parseAmount('-3.10', { label: '金额', allowNegative: true })).toEqual({ ok: true, value: '-3.10' });
    expect(parseAmount('0', { label: '金额', allowZero: true })).toEqual({ ok: true, value: '0.00' });
    expect(parseAmount('-0', { label: '金额', allowZero: true })).toEqual({ ok: true, value: '0.00' });
  });

  it.each<[string | number | null | undefined, Parameters<typeof parseAmount>[1], string]>([
    ['', { label: '支付金额' }, '请填写支付金额'],
    ['   ', { label: '支付金额' }, '请填写支付金额'],
    [null, { label: '支付金额' }, '请填写支付金额'],
    [undefined, { label: '支付金额' }, '请填写支付金额'],
    ['abc', { label: '支付金额' }, '支付金额应为数字金额'],
    ['1e5', { label: '支付金额' }, '支付金额应为数字金额'],
    ['12,34', { label: '支付金额' }, '支付金额应为数字金额'],
    ['1.2.3', { label: '支付金额' }, '支付金额应为数字金额'],
    [Number.NaN, { label: '支付金额' }, '支付金额应为数字金额'],
    ['1.234', { label: '支付金额' }, '支付金额最多两位小数（分）'],
    ['0.001', { label: '支付金额' }, '支付金额最多两位小数（分）'],
    ['-3.10', { label: '支付金额' }, '支付金额不能为负数'],
    ['0', { label: '支付金额' }, '支付金额必须大于 0'],
    ['0.00', { label: '支付金额' }, '支付金额必须大于 0'],
    ['0', { label: '支付金额', allowNegative: true }, '支付金额必须大于 0'],
    ['10000000000000000', { label: '支付金额' }, '支付金额超出允许范围'],
    ['-10000000000000000', { label: '支付金额', allowNegative: true }, '支付金额超出允许范围'],
    ['500.01', { label: '支付金额', max: '500' }, '支付金额超出允许范围'],
  ])('%j %j → %s', (raw, opts, message) => {
    expect(parseAmount(raw, opts)).toEqual({ ok: false, message });
  });

  it('accepts exactly the max', () => {
    expect(parseAmount('500.00', { label: '金额', max: '500' })).toEqual({ ok: true, value: '500.00' });
  });
});

describe('zAmount / zOptionalAmount', () => {
  it('parses to the normalised string and reports the Chinese message', () => {
    expect(zAmount('金额').parse('1,000')).toBe('1000.00');
    expect(zAmount('金额').parse(3)).toBe('3.00');
    const bad = zAmount('金额').safeParse('1.005');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('金额最多两位小数（分）');
    const missing = zAmount('金额').safeParse(undefined);
    expect(missing.error?.issues[0].message).toBe('请填写金额');
    const wrongType = zAmount('金额').safeParse({});
    expect(wrongType.error?.issues[0].message).toBe('金额应为数字金额');
    expect(zAmount('冲销金额', { allowNegative: true }).parse('-1.5')).toBe('-1.50');
  });

  it('gives null for blank optional amounts and still validates the rest', () => {
    const schema = zOptionalAmount('合同金额');
    expect(schema.parse('')).toBeNull();
    expect(schema.parse('  ')).toBeNull();
    expect(schema.parse(null)).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
    expect(schema.parse('8.8')).toBe('8.80');
    expect(schema.safeParse('-1').error?.issues[0].message).toBe('合同金额不能为负数');
  });
});

describe('exact sums', () => {
  it('0.10 + 0.20 = 0.30 (not 0.30000000000000004)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
  });

  it('a million entries of 0.01 sum to exactly 10000.00', () => {
    const entries = new Array<string>(1_000_000).fill('0.01');
    let float = 0;
    for (let i = 0; i < 1_000_000; i++) float += 0.01;
    expect(float).not.toBe(10000); // the float sum drifts
    expect(sumAmounts(entries)).toBe('10000.00');
  });

  it('mixed signs, large values and an empty list', () => {
    expect(sumAmounts(['1000.00', '-999.99', '0.01', '-0.02'])).toBe('0.00');
    expect(sumAmounts(['-0.10', '-0.20'])).toBe('-0.30');
    expect(sumAmounts(['9999999999999998.99', '1.00'])).toBe('9999999999999999.99');
    expect(sumAmounts(['0.01', '-0.01'])).toBe('0.00');
    expect(sumAmounts([])).toBe('0.00');
  });

  it('subtract, negate, compare, sign', () => {
    expect(subtractAmounts('0.30', '0.10')).toBe('0.20');
    expect(subtractAmounts('1.00', '1.00')).toBe('0.00');
    expect(subtractAmounts('1.00', '2.50')).toBe('-1.50');
    expect(negateAmount('12.30')).toBe('-12.30');
    expect(negateAmount('0.00')).toBe('0.00');
    expect(compareAmounts('0.30', '0.3')).toBe(0);
    expect(compareAmounts('10.00', '9.99')).toBe(1);
    expect(compareAmounts('-1.00', '0.00')).toBe(-1);
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('0.01')).toBe(false);
  });

  it('wanPhrase rounds 万元 to what the unit shows and keeps a fen difference visible in 元', () => {
    expect(wanPhrase('1234500.00')).toBe('123.45 万元');
    expect(wanPhrase('-50000.00')).toBe('-5.00 万元');
    expect(wanPhrase('70000000.01')).toBe('7,000.00 万元（70,000,000.01 元）');
    expect(wanPhrase('-1200000.50')).toBe('-120.00 万元（-1,200,000.50 元）');
    expect(wanPhrase('0.00')).toBe('0.00 元');
    expect(wanPhrase('0.01')).toBe('0.01 元');
    expect(wanPhrase('9999.99')).toBe('9,999.99 元');
    expect(wanPhrase('10000')).toBe('1.00 万元');
  });
});

describe('dictionaries', () => {
  it('财综〔2018〕8号: exactly four fund sources, in its order; an income category per channel, then 零星收入', () => {
    expect(LEDGER_CATEGORIES).toEqual(['征收补偿', '前期开发', '管护', '融资成本', '其他']);
    expect(FUND_SOURCES.map((s) => s.code)).toEqual(['land_income', 'land_fund', 'bond', 'other_fiscal']);
    expect(FUND_SOURCES.map((s) => s.name)).toEqual(['土地出让收入安排', '国有土地收益基金', '专项债券资金', '其他财政资金']);
    expect(FUND_SOURCES.every((s) => s.note.length > 10)).toBe(true);
    expect(INCOME_CATEGORIES).toEqual([...FUND_SOURCES.map((s) => s.name), '零星收入']);
    expect(TREASURY_INCOME).toBe('零星收入');
    expect(TREASURY_INCOME_NOTE).toContain('缴入国库');
    expect(TREASURY_INCOME_NOTE).toContain('收支两条线');
  });

  it('财综〔2018〕8号: an income category names its channel; 零星收入 is none of them', () => {
    expect(INCOME_CATEGORIES.map(sourceOfIncomeCategory)).toEqual(['land_income', 'land_fund', 'bond', 'other_fiscal', null]);
    expect(sourceOfIncomeCategory('财政拨款')).toBeNull();
    expect(fundSourceName('bond')).toBe('专项债券资金');
    expect(fundSourceName('fiscal')).toBe('fiscal');
  });

  it('财预〔2019〕89号: the project’s own income is land-sale income arranged back and bond proceeds only', () => {
    expect(OWN_INCOME_CATEGORIES).toEqual(['土地出让收入安排', '专项债券资金']);
  });
});
