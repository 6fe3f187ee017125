import { describe, expect, it } from 'vitest';
import { allocationProblem, bondShareCheck, coverageCheck, coverageRatio, executionRate, RULE_SOURCES_FUNDS } from '../../src/modules/funds/rules';

describe('B19: bond money ≤ 70% of expected land-sale income', () => {
  const income = '100000000.00'; // 10,000 万元 → limit 7,000 万元

  it('at the limit: allowed', () => {
    expect(bondShareCheck({ expectedIncome: income, bondAllocated: '70000000.00' })).toEqual({
      ok: true,
      limit: '70000000.00',
      allocated: '70000000.00',
      ratioPercent: '70.00',
      message: null,
    });
  });

  it('a fen under the limit: allowed', () => {
    const r = bondShareCheck({ expectedIncome: income, bondAllocated: '69999999.99' });
    expect(r.ok).toBe(true);
    expect(r.message).toBeNull();
  });

  it('a fen over the limit: refused, with the amounts in 万元', () => {
    const r = bondShareCheck({ expectedIncome: income, bondAllocated: '70000000.01' });
    expect(r.ok).toBe(false);
    expect(r.ratioPercent).toBe('70.01'); // rounded up: a breach never reads as "70.00"
    expect(r.message).toBe(
      '专项债券资金 7,000.00 万元（70,000,000.01 元）超过项目预计土地出让收入 10,000.00 万元的 70%（上限 7,000.00 万元），超出 0.01 元',
    );
  });

  it('the limit is rounded down to the fen, and the percentage is configurable', () => {
    // 0.70 × 1,234,567.89 = 864,197.523 → limit 864,197.52
    expect(bondShareCheck({ expectedIncome: '1234567.89', bondAllocated: '864197.52' }).ok).toBe(true);
    const over = bondShareCheck({ expectedIncome: '1234567.89', bondAllocated: '864197.53' });
    expect(over.ok).toBe(false);
    expect(over.limit).toBe('864197.52');
    expect(bondShareCheck({ expectedIncome: income, bondAllocated: '60000000.00', limitPercent: '60' }).ok).toBe(true);
    const sixty = bondShareCheck({ expectedIncome: income, bondAllocated: '60000000.01', limitPercent: '60' });
    expect(sixty.ok).toBe(false);
    expect(sixty.message).toContain('的 60%');
  });

  it('no expected income: any bond money is refused, none is fine', () => {
    const r = bondShareCheck({ expectedIncome: '0.00', bondAllocated: '1.00' });
    expect(r).toMatchObject({ ok: false, limit: '0.00', ratioPercent: null });
    expect(r.message).toBe('项目未填写预计土地出让收入（或为 0），不能安排专项债券资金 1.00 元');
    expect(bondShareCheck({ expectedIncome: '0.00', bondAllocated: '0.00' }).ok).toBe(true);
  });
});

describe('coverage ratio = expected income ÷ (principal + interest)', () => {
  // principal 100,000,000 + interest 20,000,000 = 120,000,000; × 1.2 = 144,000,000.
  const debt = { principal: '100000000.00', interest: '20000000.00' };

  it('at the threshold: 1.20, ok', () => {
    expect(coverageCheck({ expectedIncome: '144000000.00', ...debt })).toEqual({ ratio: '1.20', ok: true, message: null });
  });

  it('a fen under: 1.19 (truncated), warning', () => {
    const r = coverageCheck({ expectedIncome: '143999999.99', ...debt });
    expect(r.ratio).toBe('1.19');
    expect(r.ok).toBe(false);
    expect(r.message).toBe('本息覆盖倍数 1.19 低于预警值 1.2：预计土地出让收入 14,400.00 万元（143,999,999.99 元），专项债券本息合计 12,000.00 万元');
  });

  it('a fen over: ok', () => {
    expect(coverageCheck({ expectedIncome: '144000000.01', ...debt })).toEqual({ ratio: '1.20', ok: true, message: null });
  });

  it('configurable threshold and plain ratios', () => {
    expect(coverageCheck({ expectedIncome: '144000000.00', ...debt, threshold: '1.5' }).ok).toBe(false);
    expect(coverageCheck({ expectedIncome: '180000000.00', ...debt, threshold: '1.5' }).ok).toBe(true);
    expect(coverageRatio('100.00', '30.00', '0.00')).toBe('3.33');
    expect(coverageRatio('200.00', '30.00', '0.00')).toBe('6.66');
    expect(coverageRatio('0.00', '30.00', '0.00')).toBe('0.00');
  });

  it('no debt: no ratio and nothing to warn about', () => {
    expect(coverageRatio('100.00', '0.00', '0.00')).toBeNull();
    expect(coverageCheck({ expectedIncome: '100.00', principal: '0', interest: '0' })).toEqual({ ratio: null, ok: true, message: null });
  });
});

describe('allocations within a bond', () => {
  const bond = { bondAmount: '100000000.00', allocatedToOthers: '60000000.00' };

  it('up to what is left: fine', () => {
    expect(allocationProblem({ ...bond, requested: '40000000.00' })).toBeNull();
    expect(allocationProblem({ ...bond, requested: '39999999.99' })).toBeNull();
  });

  it('beyond: says how much is left', () => {
    expect(allocationProblem({ ...bond, requested: '40000000.01' })).toBe(
      '分配金额 4,000.00 万元（40,000,000.01 元）超过债券可分配余额：债券金额 10,000.00 万元，已分配给其他项目 6,000.00 万元，尚可分配 4,000.00 万元',
    );
  });

  it('already fully allocated', () => {
    expect(allocationProblem({ bondAmount: '100.00', allocatedToOthers: '100.00', requested: '0.01' })).toContain('尚可分配 0.00 元');
    expect(allocationProblem({ bondAmount: '100.00', allocatedToOthers: '100.00', requested: '0.00' })).toBeNull();
  });
});

describe('预算执行率', () => {
  it.each([
    ['4567.00', '10000.00', '45.67'],
    ['1.00', '3.00', '33.33'],
    ['2.00', '3.00', '66.67'],
    ['0.00', '3.00', '0.00'],
    ['15000.00', '10000.00', '150.00'],
    ['0.01', '30000.00', '0.00'],
    ['-100.00', '10000.00', '-1.00'],
  ])('%s ÷ %s = %s%%', (spent, budget, rate) => {
    expect(executionRate(spent, budget)).toBe(rate);
  });

  it('no budget: no rate', () => {
    expect(executionRate('100.00', '0.00')).toBeNull();
    expect(executionRate('0.00', '0')).toBeNull();
  });
});

describe('rule sources', () => {
  it('name F18, B19 (70%), N45 and the configurable coverage threshold', () => {
    expect(RULE_SOURCES_FUNDS.channels).toContain('财综〔2018〕8号');
    expect(RULE_SOURCES_FUNDS.bondShare).toContain('财预〔2019〕89号');
    expect(RULE_SOURCES_FUNDS.bondShare).toContain('70%');
    expect(RULE_SOURCES_FUNDS.balance).toMatch(/^《土地储备项目预算管理办法（试行）》（财预〔2019〕89号）：土地储备项目应实现总体收支平衡和年度收支平衡/);
    expect(RULE_SOURCES_FUNDS.balance).toContain('只计一次');
    expect(RULE_SOURCES_FUNDS.coverage).toContain('1.2');
    expect(RULE_SOURCES_FUNDS.coverage).toContain('可配置');
  });
});
