import { describe, expect, it } from 'vitest';
import { entrySourceProblem, isTreasuryIncome, TREASURY_INCOME_NO_ACCOUNT, ZCreateEntry } from '../../src/modules/funds/ledger/validation';

const base = {
  direction: 'income',
  entryDate: '2024-03-01',
  amount: '1000',
  category: '土地出让收入安排',
  sourceCode: '',
  accountId: '',
  projectId: 'P1',
  parcelId: '',
  contractNo: '',
  voucherNo: '',
  counterparty: '益阳市财政局',
  description: '',
};

describe('财综〔2018〕8号: an income is booked under its category’s channel', () => {
  it('the source follows the income category (filled in when left blank)', () => {
    for (const [category, source] of [
      ['土地出让收入安排', 'land_income'],
      ['国有土地收益基金', 'land_fund'],
      ['专项债券资金', 'bond'],
      ['其他财政资金', 'other_fiscal'],
    ] as const) {
      const parsed = ZCreateEntry.parse({ ...base, category });
      expect(parsed.sourceCode).toBe(source);
    }
  });

  it('an income under another channel than its category is refused, with both named', () => {
    expect(entrySourceProblem({ direction: 'income', category: '专项债券资金', sourceCode: 'bond', accountId: null })).toBeNull();
    expect(entrySourceProblem({ direction: 'income', category: '专项债券资金', sourceCode: 'other_fiscal', accountId: null })).toEqual({
      path: 'sourceCode',
      message: '收入科目「专项债券资金」的资金来源应为「专项债券资金」，不能记为「其他财政资金」',
    });
    const r = ZCreateEntry.safeParse({ ...base, category: '专项债券资金', sourceCode: 'land_income' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['sourceCode'], message: '收入科目「专项债券资金」的资金来源应为「专项债券资金」，不能记为「土地出让收入安排」' });
  });

  it('an expense keeps the source it names, or none until 财务审批', () => {
    expect(ZCreateEntry.parse({ ...base, direction: 'expense', category: '前期开发', sourceCode: 'bond' }).sourceCode).toBe('bond');
    expect(ZCreateEntry.parse({ ...base, direction: 'expense', category: '前期开发' }).sourceCode).toBeNull();
    expect(entrySourceProblem({ direction: 'expense', category: '前期开发', sourceCode: 'land_fund', accountId: 'A1' })).toBeNull();
  });
});

describe('财综〔2018〕8号: 零星收入 goes to the treasury (收支两条线)', () => {
  it('is recorded with no fund source and no reserve account', () => {
    const parsed = ZCreateEntry.parse({ ...base, category: '零星收入', counterparty: '临时利用承租人' });
    expect(parsed).toMatchObject({ category: '零星收入', sourceCode: null, accountId: null });
    expect(isTreasuryIncome(parsed)).toBe(true);
    expect(isTreasuryIncome({ direction: 'expense', category: '零星收入' })).toBe(false);
  });

  it('refuses a source or an account', () => {
    expect(entrySourceProblem({ direction: 'income', category: '零星收入', sourceCode: 'other_fiscal', accountId: null })).toEqual({ path: 'sourceCode', message: TREASURY_INCOME_NO_ACCOUNT });
    expect(entrySourceProblem({ direction: 'income', category: '零星收入', sourceCode: null, accountId: 'A1' })).toEqual({ path: 'accountId', message: TREASURY_INCOME_NO_ACCOUNT });
    const r = ZCreateEntry.safeParse({ ...base, category: '零星收入', accountId: 'A1' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['accountId'], message: '零星收入缴入国库，不属于土地储备资金，不选择资金来源和资金账户' });
  });

  it('the old categories are no longer accepted', () => {
    for (const category of ['财政拨款', '出让收入返还', '其他收入']) expect(ZCreateEntry.safeParse({ ...base, category }).success).toBe(false);
  });
});
