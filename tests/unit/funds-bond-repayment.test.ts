import { describe, expect, it } from 'vitest';
import { coverPrincipalWithSupply, unsuppliedBeforePrincipal, type PrincipalInstalment } from '../../src/modules/funds/rules';
import { SETTINGS } from '../../src/platform/settings/catalog';

const inst = (bondCode: string, seq: number, dueDate: string, principal: string, settled = false): PrincipalInstalment => ({ bondId: `B-${bondCode}`, bondCode, seq, dueDate, principal, settled });

describe('财预〔2017〕62号: the project’s land-sale income repays its bonds first', () => {
  const instalments = [inst('B2', 2, '2031-09-16', '3000000.00'), inst('B1', 7, '2032-04-22', '5000000.00'), inst('B2', 1, '2027-09-16', '1000000.00')];

  it('sets the supply income against the principal in the order it falls due', () => {
    const r = coverPrincipalWithSupply('3500000.00', instalments);
    expect(r.instalments.map((i) => [i.bondCode, i.seq, i.covered, i.uncovered])).toEqual([
      ['B2', 1, '1000000.00', '0.00'],
      ['B2', 2, '2500000.00', '500000.00'],
      ['B1', 7, '0.00', '5000000.00'],
    ]);
    expect(r).toMatchObject({ principal: '9000000.00', covered: '3500000.00', uncovered: '5500000.00', surplus: '0.00' });
  });

  it('exactly enough covers everything; a fen more is surplus, a fen less leaves a fen uncovered', () => {
    expect(coverPrincipalWithSupply('9000000.00', instalments)).toMatchObject({ covered: '9000000.00', uncovered: '0.00', surplus: '0.00' });
    expect(coverPrincipalWithSupply('9000000.01', instalments)).toMatchObject({ covered: '9000000.00', uncovered: '0.00', surplus: '0.01' });
    expect(coverPrincipalWithSupply('8999999.99', instalments)).toMatchObject({ covered: '8999999.99', uncovered: '0.01', surplus: '0.00' });
  });

  it('no supply yet: nothing covered', () => {
    expect(coverPrincipalWithSupply('0.00', instalments)).toMatchObject({ covered: '0.00', uncovered: '9000000.00' });
    expect(coverPrincipalWithSupply('0.00', [])).toMatchObject({ instalments: [], principal: '0.00', covered: '0.00' });
  });
});

describe('本中心规定: a bond-funded parcel still unsupplied within N months (fund.bondUnsuppliedWarnMonths) of a principal date warns', () => {
  const months = SETTINGS['fund.bondUnsuppliedWarnMonths'].default;
  const unsupplied = [
    { code: 'P-1', stage: '可供应' },
    { code: 'P-2', stage: '前期开发' },
  ];
  const due = [inst('HN2025-TDCB-05', 2, '2027-09-16', '1200000.00')];
  const warn = (today: string, over: Partial<Parameters<typeof unsuppliedBeforePrincipal>[0]> = {}) =>
    unsuppliedBeforePrincipal({ today, months, projectCode: 'YY-2024-001', instalments: due, unsupplied, ...over });

  it('12 months by default, a local rule', () => {
    expect(months).toBe(12);
    expect(SETTINGS['fund.bondUnsuppliedWarnMonths'].source.kind).toBe('local');
  });

  it('exactly 12 months before the principal date: warns, naming the bond, the amount and the parcels', () => {
    expect(warn('2026-09-16')).toEqual([
      { bondId: 'B-HN2025-TDCB-05', message: '专项债券 HN2025-TDCB-05 第 2 期本金（项目应还 120.00 万元）将于 2027-09-16 到期，项目 YY-2024-001 仍有 2 宗地块未供应：P-1（可供应）、P-2（前期开发）' },
    ]);
  });

  it('a day earlier than 12 months: no warning', () => {
    expect(warn('2026-09-15')).toEqual([]);
  });

  it('overdue and unpaid: still warns; repaid, or every parcel supplied or cancelled: none', () => {
    expect(warn('2027-10-01')[0].message).toContain('已于 2027-09-16 到期');
    expect(warn('2027-10-01', { instalments: [inst('HN2025-TDCB-05', 2, '2027-09-16', '1200000.00', true)] })).toEqual([]);
    expect(warn('2027-10-01', { unsupplied: [] })).toEqual([]);
  });

  it('the setting moves the threshold', () => {
    expect(warn('2027-03-16', { months: 6 })).toHaveLength(1);
    expect(warn('2027-03-15', { months: 6 })).toEqual([]);
  });

  it('lists at most five parcels by code', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ code: `Q-${i + 1}`, stage: '已入库' }));
    expect(warn('2027-01-01', { unsupplied: many })[0].message).toMatch(/仍有 7 宗地块未供应：Q-1（已入库）、Q-2（已入库）、Q-3（已入库）、Q-4（已入库）、Q-5（已入库） 等 7 宗$/);
  });
});
