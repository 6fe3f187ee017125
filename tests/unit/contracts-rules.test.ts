import { describe, expect, it } from 'vitest';
import {
  changeApprovalProblem,
  contractFigures,
  CREDIT_CODE_CHARS,
  creditCodeCheckChar,
  creditCodeProblem,
  milestoneStates,
  overpaymentProblem,
  statusTransitionProblem,
} from '../../src/modules/contracts/rules';
import { ZCreateContract } from '../../src/modules/contracts/validation';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes whose 18th character is the check character', () => {
    // The standard's worked example and a published code.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('911100001000079554')).toBeNull();
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull();
  });

  it('computes the check character as 31 − (Σ value × 3^(i−1) mod 31) mod 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // By hand: 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + Y(30)·30 + 4·28
    const sum = 9 * 1 + 1 * 3 + 3 * 9 + 5 * 27 + 1 * 26 + 21 * 20 + 1 * 8 + 30 * 30 + 4 * 28;
    expect(CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]).toBe('3');
  });

  it('refuses a wrong check character, a wrong length, letters not in the code set, and a non-numeric area code', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toContain('应为「3」');
    expect(creditCodeProblem('91350100M000100Y4')).toContain('18 位');
    expect(creditCodeProblem('91350100M000100I43')).toContain('「I」');
    expect(creditCodeProblem('913501O0M000100Y43')).toContain('「O」');
    expect(creditCodeProblem('91A50100M000100Y43')).toContain('行政区划码');
  });

  it('every single-character change of a valid code is caught (a mod-31 check detects any one substitution)', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const ch of CREDIT_CODE_CHARS) {
        if (ch === code[i]) continue;
        const altered = code.slice(0, i) + ch + code.slice(i + 1);
        expect(creditCodeProblem(altered)).not.toBeNull();
      }
    }
  });

  it('the form schema normalises to upper case and refuses a bad code in Chinese', () => {
    const base = { contractNo: 'HT-1', name: '合同', contractType: '服务', ourParty: '中心', counterparty: '公司', amount: '1', projectId: 'p1' };
    expect(ZCreateContract.parse({ ...base, counterpartyCreditCode: '91350100m000100y43' }).counterpartyCreditCode).toBe('91350100M000100Y43');
    expect(ZCreateContract.parse({ ...base, counterpartyCreditCode: '' }).counterpartyCreditCode).toBeNull();
    const bad = ZCreateContract.safeParse({ ...base, counterpartyCreditCode: '91350100M000100Y40' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toContain('校验位不正确');
  });
});

describe('paid vs planned vs contract amount, to the fen', () => {
  it('sums exactly: 0.10 + 0.20 is 0.30, approved changes count, pending ones do not', () => {
    const f = contractFigures({
      amount: '100000.01',
      changes: [
        { delta: '500.50', status: 'approved' },
        { delta: '-0.51', status: 'approved' },
        { delta: '9999.99', status: 'pending' },
        { delta: '7.00', status: 'returned' },
      ],
      payments: [
        { amount: '0.10', status: 'approved' },
        { amount: '0.20', status: 'approved' },
        { amount: '-0.10', status: 'approved' },
        { amount: '30000.00', status: 'submitted' },
        { amount: '1.00', status: 'reviewed' },
        { amount: '2.00', status: 'leader' },
        { amount: '5.00', status: 'draft' },
        { amount: '6.00', status: 'returned' },
      ],
      milestones: [{ amount: '30000.01' }, { amount: '70000.00' }, { amount: '500.00' }],
    });
    expect(f).toEqual({
      original: '100000.01',
      approvedChanges: '499.99',
      pendingChanges: '9999.99',
      effective: '100500.00',
      paid: '0.20',
      inApproval: '30003.00',
      remaining: '70496.80',
      planned: '100500.01',
      unplanned: '-0.01',
      paidPercent: '0.00',
    });
  });

  it('paid percent rounds half up to 2 decimals; none for a zero amount', () => {
    expect(contractFigures({ amount: '3.00', changes: [], payments: [{ amount: '1.00', status: 'approved' }], milestones: [] }).paidPercent).toBe('33.33');
    expect(contractFigures({ amount: '3.00', changes: [], payments: [{ amount: '2.00', status: 'approved' }], milestones: [] }).paidPercent).toBe('66.67');
    expect(contractFigures({ amount: '0', changes: [], payments: [], milestones: [] }).paidPercent).toBeNull();
  });
});

describe('remaining amount and refusals', () => {
  it('a payment up to the remaining amount passes; one fen more is refused naming the remaining amount and the excess', () => {
    expect(overpaymentProblem('HT-1', '400.00', '400.00')).toBeNull();
    const msg = overpaymentProblem('HT-1', '400.01', '400.00');
    expect(msg).toContain('合同 HT-1 剩余可付金额为 400.00 元');
    expect(msg).toContain('超出 0.01 元');
    expect(overpaymentProblem('HT-1', '1234567.89', '0.00')).toContain('本笔支付 1,234,567.89 元');
  });

  it('a negative change may not bring the contract below what is paid and in approval', () => {
    const f = contractFigures({ amount: '1000', changes: [], payments: [{ amount: '600', status: 'approved' }, { amount: '100', status: 'submitted' }], milestones: [] });
    expect(changeApprovalProblem(f, '-300.00')).toBeNull();
    expect(changeApprovalProblem(f, '-300.01')).toContain('低于已支付和审批中的金额合计 700.00 元');
    expect(changeApprovalProblem(contractFigures({ amount: '10', changes: [], payments: [], milestones: [] }), '-10.01')).toContain('不能为负数');
  });

  it('status moves 草稿 → 生效 → 履行完毕 / 解除 only', () => {
    expect(statusTransitionProblem('draft', 'effective')).toBeNull();
    expect(statusTransitionProblem('effective', 'completed')).toBeNull();
    expect(statusTransitionProblem('effective', 'terminated')).toBeNull();
    expect(statusTransitionProblem('draft', 'completed')).toContain('只能改为「生效」或「解除」');
    expect(statusTransitionProblem('completed', 'effective')).toContain('不能再改变');
  });
});

describe('milestones: covered in due-date order, overdue, due soon', () => {
  const ms = [
    { id: 'b', dueOn: '2025-06-01', amount: '700.00' },
    { id: 'a', dueOn: '2025-03-01', amount: '300.00' },
    { id: 'c', dueOn: '2025-12-01', amount: '0.01' },
  ];
  it('paid 300 covers the first; the second is due soon within N days, then overdue', () => {
    const s1 = milestoneStates(ms, '300.00', '2025-05-10', 30);
    expect(s1.map((m) => [m.id, m.cumulative, m.covered, m.overdue, m.dueSoon])).toEqual([
      ['a', '300.00', true, false, false],
      ['b', '1000.00', false, false, true],
      ['c', '1000.01', false, false, false],
    ]);
    const s2 = milestoneStates(ms, '999.99', '2025-06-02', 30);
    expect(s2.map((m) => [m.id, m.overdue])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    expect(milestoneStates(ms, '1000.01', '2026-01-01', 30).every((m) => m.covered)).toBe(true);
    // The due date itself counts as within N days (0 days: only today's).
    expect(milestoneStates(ms, '300.00', '2025-06-01', 0)[1].dueSoon).toBe(true);
  });
});
