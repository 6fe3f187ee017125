import { describe, expect, it } from 'vitest';
import { spendingCheck, unacknowledged, type SpendingFacts } from '../../src/modules/funds/rules';

const facts = (over: Partial<SpendingFacts> = {}): SpendingFacts => ({
  amount: '100.00',
  category: '管护',
  year: 2025,
  lifeBudget: '1000.00',
  annualBudget: '500.00',
  categoryLifeBudget: '400.00',
  categoryAnnualBudget: '200.00',
  spentLife: '300.00',
  spentYear: '100.00',
  categorySpentLife: '300.00',
  categorySpentYear: '100.00',
  received: '1000.00',
  pendingOther: '0.00',
  pendingOtherCount: 0,
  ...over,
});

const codes = (f: SpendingFacts) => spendingCheck(f).warnings.map((w) => w.code);

describe('spending check at approval', () => {
  it('spending up to exactly the budget and the balance is fine', () => {
    expect(codes(facts({ amount: '100.00', categorySpentLife: '300.00', categorySpentYear: '100.00' }))).toEqual([]);
    expect(codes(facts({ amount: '700.00', lifeBudget: '1000.00', categoryLifeBudget: '1000.00', annualBudget: '800.00', categoryAnnualBudget: '800.00', received: '1000.00' }))).toEqual([]);
  });

  it.each([
    ['whole-life budget', { spentLife: '900.01' }, ['life-over', 'balance-negative']],
    ['category whole-life budget', { categorySpentLife: '300.01' }, ['category-life-over']],
    ['annual budget', { spentYear: '400.01' }, ['annual-over']],
    ['category annual budget', { categorySpentYear: '100.01' }, ['category-annual-over']],
    ['balance', { received: '399.99' }, ['balance-negative']],
    ['no whole-life budget', { lifeBudget: null }, ['no-life-budget']],
    ['no annual budget', { annualBudget: null }, ['no-annual-budget']],
  ] as const)('a fen over the %s is a warning', (_, over, expected) => {
    expect(codes(facts(over))).toEqual(expected);
  });

  it('without a budget of a kind its category line is not shown', () => {
    const check = spendingCheck(facts({ lifeBudget: null, annualBudget: null }));
    expect(check.lines.map((l) => [l.key, l.budget, l.rateAfter])).toEqual([
      ['life', null, null],
      ['annual', null, null],
    ]);
  });

  it('every warning not ticked by the approver is still open', () => {
    const { warnings } = spendingCheck(facts({ lifeBudget: null, received: '0' }));
    expect(unacknowledged(warnings, ['no-life-budget']).map((w) => w.code)).toEqual(['balance-negative']);
    expect(unacknowledged(warnings, ['no-life-budget', 'balance-negative'])).toEqual([]);
  });
});
