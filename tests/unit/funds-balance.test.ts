import { describe, expect, it } from 'vitest';
import { approvedTotals, monthlySeries, projectBalanceCheck, projectCashByYear, type LedgerFact, type ProjectCashFlow } from '../../src/modules/funds/rules';

const inc = (amount: string, entryDate: string, status: LedgerFact['status'] = 'approved'): LedgerFact => ({ direction: 'income', amount, entryDate, status });
const exp = (amount: string, entryDate: string, status: LedgerFact['status'] = 'approved'): LedgerFact => ({ direction: 'expense', amount, entryDate, status });

describe('approved totals, with reversals', () => {
  it('only approved entries count; a reversal (negative, same direction) cancels its original', () => {
    const entries = [
      inc('1000.00', '2024-01-05'),
      exp('300.00', '2024-01-10'), // wrong amount…
      exp('-300.00', '2024-01-12'), // …reversed
      exp('250.00', '2024-01-12'), // …and entered again correctly
      exp('999.00', '2024-01-20', 'submitted'),
      exp('888.00', '2024-01-20', 'reviewed'),
      exp('777.00', '2024-01-20', 'leader'),
      inc('5.00', '2024-01-21', 'returned'),
      inc('6.00', '2024-01-21', 'draft'),
    ];
    expect(approvedTotals(entries)).toEqual({ income: '1000.00', expense: '250.00', balance: '750.00' });
  });

  it('a reversed income takes the income back to zero', () => {
    expect(approvedTotals([inc('0.10', '2024-01-01'), inc('0.20', '2024-01-01'), inc('-0.30', '2024-02-01')])).toEqual({
      income: '0.00',
      expense: '0.00',
      balance: '0.00',
    });
  });

  it('an empty ledger and a negative balance', () => {
    expect(approvedTotals([])).toEqual({ income: '0.00', expense: '0.00', balance: '0.00' });
    expect(approvedTotals([exp('0.01', '2024-01-01')]).balance).toBe('-0.01');
  });
});

describe('财预〔2019〕89号 年度收支平衡: the project’s own cash year by year', () => {
  const flow = (year: number, f: Partial<ProjectCashFlow>): ProjectCashFlow => ({ year, ownIncome: '0.00', otherIncome: '0.00', expense: '0.00', principal: '0.00', ...f });

  it('own income less spending and principal, cumulated; gap years filled; other fiscal money shown, not counted', () => {
    expect(
      projectCashByYear([
        flow(2025, { ownIncome: '1000.00', principal: '300.00' }),
        flow(2022, { ownIncome: '500.00', otherIncome: '900.00', expense: '200.00' }),
        flow(2024, { expense: '450.00', otherIncome: '100.00' }),
        flow(2024, { expense: '-50.00' }), // a reversal in the same year
      ]),
    ).toEqual([
      { year: 2022, ownIncome: '500.00', otherIncome: '900.00', expense: '200.00', principal: '0.00', net: '300.00', cumulative: '300.00', negative: false, bridged: '900.00' },
      { year: 2023, ownIncome: '0.00', otherIncome: '0.00', expense: '0.00', principal: '0.00', net: '0.00', cumulative: '300.00', negative: false, bridged: '900.00' },
      { year: 2024, ownIncome: '0.00', otherIncome: '100.00', expense: '400.00', principal: '0.00', net: '-400.00', cumulative: '-100.00', negative: true, bridged: '1000.00' },
      { year: 2025, ownIncome: '1000.00', otherIncome: '0.00', expense: '0.00', principal: '300.00', net: '700.00', cumulative: '600.00', negative: false, bridged: '1000.00' },
    ]);
  });

  it('a fen of principal beyond own income is a gap; exactly covered is balanced', () => {
    expect(projectCashByYear([flow(2025, { ownIncome: '1000.00', expense: '700.00', principal: '300.00' })])[0]).toMatchObject({ cumulative: '0.00', negative: false });
    expect(projectCashByYear([flow(2025, { ownIncome: '1000.00', expense: '700.00', principal: '300.01' })])[0]).toMatchObject({ cumulative: '-0.01', negative: true });
  });

  it('other fiscal funds never close a gap, however large', () => {
    const [y] = projectCashByYear([flow(2024, { ownIncome: '0.00', otherIncome: '99999999.00', expense: '1.00' })]);
    expect(y).toMatchObject({ net: '-1.00', cumulative: '-1.00', negative: true, bridged: '99999999.00' });
  });

  it('no flows: no years', () => {
    expect(projectCashByYear([])).toEqual([]);
  });
});

describe('财预〔2019〕89号 收支平衡: financing cost counted once', () => {
  const yearly = [
    { year: 2023, cumulative: '100.00' },
    { year: 2024, cumulative: '0.00' },
  ];

  it('the budget’s 融资成本 line is the financing cost: income equal to the budget balances (nothing added on top)', () => {
    // Old behaviour added booked + future interest on top of a budget that already holds them.
    expect(projectBalanceCheck({ expectedIncome: '1200.00', lifeBudget: '1200.00', budgetFinancing: '200.00', knownFinancing: '200.00', yearly })).toEqual({
      lifeOk: true,
      cashOk: true,
      firstNegativeYear: null,
      financing: '200.00',
      financingAboveBudget: false,
      spending: '1200.00',
      messages: [],
    });
    expect(projectBalanceCheck({ expectedIncome: '1200.00', lifeBudget: '1200.00', budgetFinancing: '200.00', knownFinancing: '150.00', yearly })).toMatchObject({ lifeOk: true, spending: '1200.00', messages: [] });
  });

  it('a fen short of the budget: unbalanced, with the gap', () => {
    const r = projectBalanceCheck({ expectedIncome: '119999999.99', lifeBudget: '120000000.00', budgetFinancing: '20000000.00', knownFinancing: '0.00', yearly });
    expect(r).toMatchObject({ lifeOk: false, cashOk: true, spending: '120000000.00' });
    expect(r.messages).toEqual([
      '项目总体收支不平衡：预计土地出让收入 12,000.00 万元（119,999,999.99 元）低于全生命周期支出 12,000.00 万元（全生命周期预算，含融资成本 2,000.00 万元），缺口 0.01 元',
    ]);
  });

  it('a known financing cost above the budget line replaces it (still once), and says the budget understates it', () => {
    // Budget 1,000 of which 融资成本 100; interest known 300 → spending 1,200.
    const at = projectBalanceCheck({ expectedIncome: '1200.00', lifeBudget: '1000.00', budgetFinancing: '100.00', knownFinancing: '300.00', yearly });
    expect(at).toMatchObject({ lifeOk: true, financing: '300.00', financingAboveBudget: true, spending: '1200.00' });
    expect(at.messages).toEqual(['全生命周期预算中的融资成本 100.00 元低于已发生及专项债券待付利息 300.00 元，收支平衡按后者计算（融资成本只计一次），请调整预算']);
    const below = projectBalanceCheck({ expectedIncome: '1199.99', lifeBudget: '1000.00', budgetFinancing: '100.00', knownFinancing: '300.00', yearly });
    expect(below.lifeOk).toBe(false);
    expect(below.messages[1]).toBe('项目总体收支不平衡：预计土地出让收入 1,199.99 元低于全生命周期支出 1,200.00 元（全生命周期预算 1,000.00 元，融资成本按 300.00 元计），缺口 0.01 元');
  });

  it('names the first year the project’s own cash goes negative, and what other money bridged by then', () => {
    const r = projectBalanceCheck({
      expectedIncome: '5000.00',
      lifeBudget: '1000.00',
      budgetFinancing: '0.00',
      knownFinancing: '0.00',
      yearly: [
        { year: 2025, cumulative: '-500000.00', bridged: '600000.00' },
        { year: 2023, cumulative: '10.00', bridged: '0.00' },
        { year: 2024, cumulative: '-0.01', bridged: '0.01' },
      ],
    });
    expect(r).toMatchObject({ lifeOk: true, cashOk: false, firstNegativeYear: 2024 });
    expect(r.messages).toEqual([
      '2024 年末项目自身资金累计为 -0.01 元：安排的土地出让收入和专项债券资金不足以支付累计支出和还本付息，年度收支不平衡（其他财政资金、国有土地收益基金至该年末已垫付 0.01 元，不计入项目自身收入）',
    ]);
  });

  it('works with projectCashByYear output directly', () => {
    const rows = projectCashByYear([
      { year: 2023, ownIncome: '100.00', otherIncome: '0.00', expense: '0.00', principal: '0.00' },
      { year: 2024, ownIncome: '0.00', otherIncome: '50.00', expense: '150.00', principal: '0.00' },
    ]);
    const r = projectBalanceCheck({ expectedIncome: '200.00', lifeBudget: '150.00', budgetFinancing: '0.00', knownFinancing: '0.00', yearly: rows });
    expect(r.firstNegativeYear).toBe(2024);
    expect(r.messages[0]).toContain('已垫付 50.00 元');
  });
});

describe('monthly series', () => {
  it('12 months of the year, approved only, reversals included', () => {
    const series = monthlySeries(
      [
        inc('100.00', '2024-01-15'),
        exp('30.00', '2024-01-31'),
        exp('20.00', '2024-02-29'),
        exp('-20.00', '2024-02-29'),
        inc('7.77', '2024-12-31'),
        inc('999.00', '2023-12-31'),
        inc('999.00', '2025-01-01'),
        exp('999.00', '2024-05-05', 'reviewed'),
      ],
      2024,
    );
    expect(series).toHaveLength(12);
    expect(series.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    expect(series[0]).toEqual({ month: '2024-01', income: '100.00', expense: '30.00', net: '70.00' });
    expect(series[1]).toEqual({ month: '2024-02', income: '0.00', expense: '0.00', net: '0.00' });
    expect(series[4]).toEqual({ month: '2024-05', income: '0.00', expense: '0.00', net: '0.00' });
    expect(series[11]).toEqual({ month: '2024-12', income: '7.77', expense: '0.00', net: '7.77' });
  });
});
