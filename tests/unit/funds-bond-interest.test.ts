import { describe, expect, it } from 'vitest';
import { splitBondInterest, sumAmounts } from '../../src/modules/funds/rules';

const project = (code: string, amount: string, status = 'active') => ({ projectId: `id-${code}`, projectCode: code, projectName: `项目${code}`, projectStatus: status, amount });

describe('bond interest split over the projects', () => {
  it('gives each project interest × allocation ÷ bond amount, the largest allocation taking the rounding', () => {
    const r = splitBondInterest('100000.01', '10000000', [project('A', '3333333.33'), project('B', '3333333.33'), project('C', '3333333.34')]);
    expect(r.shares.map((s) => [s.projectCode, s.amount, s.percent])).toEqual([
      ['A', '33333.34', '33.33'],
      ['B', '33333.34', '33.33'],
      ['C', '33333.33', '33.33'],
    ]);
    expect(sumAmounts(r.shares.map((s) => s.amount))).toBe('100000.01');
    expect(r.unallocated).toBe('0.00');
  });

  it('leaves the unallocated part of a bond to no project, without adjusting the shares', () => {
    const r = splitBondInterest('300000', '10000000', [project('A', '4000000'), project('B', '1000000')]);
    expect(r.shares.map((s) => s.amount)).toEqual(['120000.00', '30000.00']);
    expect(r.unallocated).toBe('150000.00');
  });

  it('posts everything as unallocated when the bond has no allocation, and nothing for zero interest', () => {
    expect(splitBondInterest('300000', '10000000', [])).toEqual({ shares: [], unallocated: '300000.00' });
    expect(splitBondInterest('0', '10000000', [project('A', '10000000')]).shares.map((s) => s.amount)).toEqual(['0.00']);
  });
});
