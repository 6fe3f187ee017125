import { describe, expect, it } from 'vitest';
import { approvedTotals, monthlySeries, projectBalanceCheck, yearlyCash, type LedgerFact } from '../../src/modules/funds/rules';

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

describe('year-by-year cash', () => {
  const entries = [
    inc('500.00', '2022-03-01'),
    exp('200.00', '2022-09-30'),
    exp('450.00', '2024-02-29'),
    exp('-50.00', '2024-03-01'), // reversal of part of the 2024 spending
    inc('1000.00', '2025-12-31'),
    exp('10000.00', '2023-06-01', 'submitted'), // not approved: ignored
  ];

  it('sorted, gap years filled, cumulative from the opening balance', () => {
    expect(yearlyCash(entries)).toEqual([
      { year: 2022, income: '500.00', expense: '200.00', net: '300.00', cumulative: '300.00', negative: false },
      { year: 2023, income: '0.00', expense: '0.00', net: '0.00', cumulative: '300.00', negative: false },
      { year: 2024, income: '0.00', expense: '400.00', net: '-400.00', cumulative: '-100.00', negative: true },
      { year: 2025, income: '1000.00', expense: '0.00', net: '1000.00', cumulative: '900.00', negative: false },
    ]);
  });

  it('an opening balance can keep the cash positive', () => {
    const rows = yearlyCash(entries, '100.00');
    expect(rows.map((r) => [r.year, r.cumulative, r.negative])).toEqual([
      [2022, '400.00', false],
      [2023, '400.00', false],
      [2024, '0.00', false],
      [2025, '1000.00', false],
    ]);
  });

  it('no approved entry: no years', () => {
    expect(yearlyCash([exp('1.00', '2024-01-01', 'draft')])).toEqual([]);
  });
});

describe('N45 project balance', () => {
  const yearly = [
    { year: 2023, cumulative: '100.00' },
    { year: 2024, cumulative: '0.00' },
  ];

  it('income exactly covering budget + financing cost, cash never below zero: balanced', () => {
    expect(projectBalanceCheck({ expectedIncome: '1200.00', lifeBudget: '1000.00', financingCost: '200.00', yearly })).toEqual({
      lifeOk: true,
      cashOk: true,
      firstNegativeYear: null,
      messages: [],
    });
  });

  it('a fen short over the life: unbalanced, with the gap', () => {
    const r = projectBalanceCheck({ expectedIncome: '119999999.99', lifeBudget: '100000000.00', financingCost: '20000000.00', yearly });
    expect(r.lifeOk).toBe(false);
    expect(r.cashOk).toBe(true);
    expect(r.messages).toEqual([
      '项目收支不平衡：预计土地出让收入 12,000.00 万元（119,999,999.99 元）低于全生命周期预算 10,000.00 万元与融资成本 2,000.00 万元之和，缺口 0.01 元',
    ]);
  });

  it('names the first year the cumulative cash goes negative (years given in any order)', () => {
    const r = projectBalanceCheck({
      expectedIncome: '5000.00',
      lifeBudget: '1000.00',
      financingCost: '0.00',
      yearly: [
        { year: 2025, cumulative: '-500000.00' },
        { year: 2023, cumulative: '10.00' },
        { year: 2024, cumulative: '-0.01' },
      ],
    });
    expect(r).toMatchObject({ lifeOk: true, cashOk: false, firstNegativeYear: 2024 });
    expect(r.messages).toEqual(['2024 年末累计资金余额为 -0.01 元，资金出现缺口（逐年累计余额不得为负）']);
  });

  it('works with yearlyCash output directly', () => {
    const rows = yearlyCash([inc('100.00', '2023-01-01'), exp('150.00', '2024-01-01'), inc('100.00', '2025-01-01')]);
    const r = projectBalanceCheck({ expectedIncome: '200.00', lifeBudget: '150.00', financingCost: '10.00', yearly: rows });
    expect(r.firstNegativeYear).toBe(2024);
    expect(r.lifeOk).toBe(true);
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
