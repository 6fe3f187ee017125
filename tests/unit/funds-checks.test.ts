import { describe, expect, it } from 'vitest';
import {
  allocationProblem,
  bondShareCheck,
  costsNotPaidByBond,
  coverageBasisOf,
  coverageCheck,
  coverageRatio,
  executionRate,
  RULE_SOURCES_FUNDS,
  type CoverageInput,
} from '../../src/modules/funds/rules';
import { SETTINGS, settingSourceText } from '../../src/platform/settings/catalog';

describe('本中心规定（待核实）: bond money ≤ the configured share of expected land-sale income (fund.bondShareLimitPercent, default 70)', () => {
  const income = '100000000.00'; // 10,000 万元 → limit 7,000 万元
  const limitPercent = String(SETTINGS['fund.bondShareLimitPercent'].default);

  it('at the limit: allowed', () => {
    expect(bondShareCheck({ expectedIncome: income, bondAllocated: '70000000.00', limitPercent })).toEqual({
      ok: true,
      limit: '70000000.00',
      allocated: '70000000.00',
      ratioPercent: '70.00',
      message: null,
    });
  });

  it('a fen under the limit: allowed', () => {
    const r = bondShareCheck({ expectedIncome: income, bondAllocated: '69999999.99', limitPercent });
    expect(r.ok).toBe(true);
    expect(r.message).toBeNull();
  });

  it('a fen over the limit: refused, with the amounts in 万元', () => {
    const r = bondShareCheck({ expectedIncome: income, bondAllocated: '70000000.01', limitPercent });
    expect(r.ok).toBe(false);
    expect(r.ratioPercent).toBe('70.01'); // rounded up: a breach never reads as "70.00"
    expect(r.message).toBe(
      '专项债券资金 7,000.00 万元（70,000,000.01 元）超过项目预计土地出让收入 10,000.00 万元的 70%（上限 7,000.00 万元），超出 0.01 元',
    );
  });

  it('the limit is rounded down to the fen, and the percentage is configurable', () => {
    // 0.70 × 1,234,567.89 = 864,197.523 → limit 864,197.52
    expect(bondShareCheck({ expectedIncome: '1234567.89', bondAllocated: '864197.52', limitPercent }).ok).toBe(true);
    const over = bondShareCheck({ expectedIncome: '1234567.89', bondAllocated: '864197.53', limitPercent });
    expect(over.ok).toBe(false);
    expect(over.limit).toBe('864197.52');
    expect(bondShareCheck({ expectedIncome: income, bondAllocated: '60000000.00', limitPercent: '60' }).ok).toBe(true);
    const sixty = bondShareCheck({ expectedIncome: income, bondAllocated: '60000000.01', limitPercent: '60' });
    expect(sixty.ok).toBe(false);
    expect(sixty.message).toContain('的 60%');
  });

  it('no expected income: any bond money is refused, none is fine', () => {
    const r = bondShareCheck({ expectedIncome: '0.00', bondAllocated: '1.00', limitPercent });
    expect(r).toMatchObject({ ok: false, limit: '0.00', ratioPercent: null });
    expect(r.message).toBe('项目未填写预计土地出让收入（或为 0），不能安排专项债券资金 1.00 元');
    expect(bondShareCheck({ expectedIncome: '0.00', bondAllocated: '0.00', limitPercent }).ok).toBe(true);
  });

  it('is cited as the centre’s own rule, 待核实 until confirmed — never to 财预〔2019〕89号', () => {
    const text = settingSourceText('fund.bondShareLimitPercent', 70, null);
    expect(text).toBe('本中心规定：项目使用的专项债券资金不超过项目预计土地出让收入的该比例（待核实）');
    expect(SETTINGS['fund.bondShareLimitPercent'].source.kind).toBe('local');
    expect(JSON.stringify(RULE_SOURCES_FUNDS)).not.toMatch(/70%|不得超过项目预计土地出让收入/);
    expect(text).not.toContain('89号');
    expect(settingSourceText('fund.bondShareLimitPercent', 70, { value: 70, note: '主任办公会确认', confirmedByName: null, confirmedAt: new Date() })).toMatch(/（已核实：主任办公会确认）$/);
  });
});

describe('财预〔2017〕62号: expected income covers the bond’s principal and interest (coverage ratio, warning threshold 1.2)', () => {
  // principal 100,000,000 + interest 20,000,000 = 120,000,000; × 1.2 = 144,000,000.
  const gross = (expectedIncome: string, threshold = '1.2'): CoverageInput => ({
    basis: 'gross',
    expectedIncome,
    extractionPercent: '20',
    costsNotPaidByBond: '5000000.00',
    principal: '100000000.00',
    interest: '20000000.00',
    threshold,
  });

  it('gross, at the threshold: 1.20, covered and ok; the text says gross', () => {
    expect(coverageCheck(gross('144000000.00'))).toEqual({
      basis: 'gross',
      income: '144000000.00',
      extraction: '0.00',
      ratio: '1.20',
      covered: true,
      ok: true,
      basisText: '按毛收入：预计土地出让收入 14,400.00 万元',
      requirement: null,
      message: null,
    });
  });

  it('gross, a fen under the threshold: 1.19 (truncated), covered (62号) but warned', () => {
    const r = coverageCheck(gross('143999999.99'));
    expect(r).toMatchObject({ ratio: '1.19', covered: true, ok: false, requirement: null });
    expect(r.message).toBe('本息覆盖倍数 1.19 低于预警值 1.2（按毛收入：预计土地出让收入 14,400.00 万元（143,999,999.99 元）），专项债券本息合计 12,000.00 万元');
  });

  it('gross, a fen over the threshold: ok', () => {
    expect(coverageCheck(gross('144000000.01'))).toMatchObject({ ratio: '1.20', covered: true, ok: true, message: null });
  });

  it('62号: income equal to principal + interest is covered; a fen less is not', () => {
    expect(coverageCheck(gross('120000000.00'))).toMatchObject({ ratio: '1.00', covered: true, ok: false, requirement: null });
    const r = coverageCheck(gross('119999999.99'));
    expect(r).toMatchObject({ ratio: '0.99', covered: false, ok: false, message: null });
    expect(r.requirement).toBe(
      '项目收入不能覆盖专项债券本息：本息覆盖倍数 0.99（按毛收入：预计土地出让收入 12,000.00 万元（119,999,999.99 元）），专项债券本息合计 12,000.00 万元，尚缺 0.01 元',
    );
  });

  it('net basis: less the statutory 计提 and the costs the bond does not pay, both sides of 1.2', () => {
    // 200,000,000 − 20% = 160,000,000 − 16,000,000 costs = 144,000,000 → 1.20.
    const net = (expectedIncome: string, costs: string): CoverageInput => ({ ...gross(expectedIncome), basis: 'net', costsNotPaidByBond: costs });
    expect(coverageCheck(net('200000000.00', '16000000.00'))).toEqual({
      basis: 'net',
      income: '144000000.00',
      extraction: '40000000.00',
      ratio: '1.20',
      covered: true,
      ok: true,
      basisText: '按净收入：预计土地出让收入 20,000.00 万元，扣除法定计提 4,000.00 万元（20%）和非债券资金承担的成本 1,600.00 万元后为 14,400.00 万元',
      requirement: null,
      message: null,
    });
    const under = coverageCheck(net('200000000.00', '16000000.01'));
    expect(under).toMatchObject({ ratio: '1.19', covered: true, ok: false });
    expect(under.message).toContain('按净收入');
    // The same expected income covers on the gross basis what it does not on the net one.
    expect(coverageCheck(net('130000000.00', '0.00')).covered).toBe(false);
    expect(coverageCheck(gross('130000000.00')).covered).toBe(true);
  });

  it('the threshold is a setting; plain ratios truncate', () => {
    expect(coverageCheck(gross('144000000.00', '1.5')).ok).toBe(false);
    expect(coverageCheck(gross('180000000.00', '1.5')).ok).toBe(true);
    expect(coverageRatio('100.00', '30.00', '0.00')).toBe('3.33');
    expect(coverageRatio('200.00', '30.00', '0.00')).toBe('6.66');
    expect(coverageRatio('0.00', '30.00', '0.00')).toBe('0.00');
  });

  it('no debt: no ratio and nothing to warn about', () => {
    expect(coverageRatio('100.00', '0.00', '0.00')).toBeNull();
    expect(coverageCheck({ ...gross('100.00'), principal: '0', interest: '0' })).toMatchObject({ ratio: null, covered: true, ok: true, requirement: null, message: null });
  });

  it('the basis setting: 0 gross, 1 net (the default)', () => {
    expect(coverageBasisOf(0)).toBe('gross');
    expect(coverageBasisOf(1)).toBe('net');
    expect(coverageBasisOf(SETTINGS['fund.coverageBasis'].default)).toBe('net');
  });

  it('costs not paid by the bond: the budget without its 融资成本 line (or the estimate) less the bond money, not below 0', () => {
    expect(costsNotPaidByBond({ lifeBudget: '10000000.00', budgetFinancing: '1000000.00', estimatedCost: '99.00', bondAllocated: '6000000.00' })).toBe('3000000.00');
    expect(costsNotPaidByBond({ lifeBudget: null, budgetFinancing: '0.00', estimatedCost: '8000000.00', bondAllocated: '6000000.00' })).toBe('2000000.00');
    expect(costsNotPaidByBond({ lifeBudget: '5000000.00', budgetFinancing: '0.00', estimatedCost: '0.00', bondAllocated: '6000000.00' })).toBe('0.00');
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
  it('name F18’s four channels, B19 for 收支平衡, 62号 for coverage, and the configurable coverage threshold', () => {
    expect(RULE_SOURCES_FUNDS.channels).toContain('财综〔2018〕8号');
    expect(RULE_SOURCES_FUNDS.channels).toContain('收支两条线');
    expect(RULE_SOURCES_FUNDS.coverageRequirement).toMatch(/^《地方政府土地储备专项债券管理办法（试行）》（财预〔2017〕62号）：/);
    expect(RULE_SOURCES_FUNDS.balance).toMatch(/^《土地储备项目预算管理办法（试行）》（财预〔2019〕89号）：土地储备项目应实现总体收支平衡和年度收支平衡/);
    expect(RULE_SOURCES_FUNDS.balance).toContain('只计一次');
    expect(RULE_SOURCES_FUNDS.coverage).toContain('1.2');
    expect(RULE_SOURCES_FUNDS.coverage).toContain('可配置');
  });
});
