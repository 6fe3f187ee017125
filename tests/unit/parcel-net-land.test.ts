import { describe, expect, it } from 'vitest';
import { checkTransition, netLandProblems, normaliseCertNo, problemFieldErrors, RULE_SOURCES, type NetLandFacts, type TNetLandInput } from '../../src/modules/parcels/rules';

/** A parcel that is 净地 on 2026-03-10: levelling accepted, no demolition needed, certificate cancelled, in the 2026 plan, no temporary use. */
function input(net: Partial<NetLandFacts> = {}, over: Partial<TNetLandInput> = {}): TNetLandInput {
  return {
    today: '2026-03-15',
    eventDate: '2026-03-10',
    titleRegistered: true,
    workPackages: [{ workType: '平整', acceptedOn: '2026-02-20' }],
    netLand: {
      exemptions: [{ workType: '拆除', reason: '收回的国有空地，地上无建（构）筑物' }],
      titleCertNo: '湘(2025)益阳市不动产权第0001234号',
      titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn: '2026-03-02' }],
      supplyPlans: [{ year: 2026, docNo: '益政函〔2026〕8号', listedOn: '2026-02-10' }],
      custodyMode: '自管',
      tempUseStart: null,
      tempUseEnd: null,
      tempUseEndedOn: null,
      ...net,
    },
    ...over,
  };
}
const codes = (i: TNetLandInput) => netLandProblems(i).map((p) => p.code);

describe('净地 before 可供应', () => {
  it('passes a clean parcel', () => {
    expect(netLandProblems(input())).toEqual([]);
  });

  describe('demolition and levelling (R17 通平 + 本中心净地规则)', () => {
    it('refuses with neither an accepted package nor a reason, naming each, citing its source', () => {
      const problems = netLandProblems(input({ exemptions: [] }, { workPackages: [] }));
      expect(problems.map((p) => p.code)).toEqual(['net-land-works']);
      expect(problems[0].message).toContain('地上建（构）筑物拆除（无已验收的拆除工作包，也未登记无须拆除的原因）');
      expect(problems[0].message).toContain('场地平整');
      expect(problems[0].rule).toBe(RULE_SOURCES.netLandWorks);
      expect(problems[0].rule).toContain('国土资规〔2017〕17号');
    });

    it.each<[string, TNetLandInput, boolean]>([
      ['accepted 拆除 + accepted 平整', input({ exemptions: [] }, { workPackages: [{ workType: '拆除', acceptedOn: '2026-01-10' }, { workType: '平整', acceptedOn: '2026-02-01' }] }), true],
      ['reasons for both, no packages', input({ exemptions: [{ workType: '拆除', reason: '无建筑' }, { workType: '平整', reason: '已平整' }] }, { workPackages: [] }), true],
      ['平整 package not accepted', input({}, { workPackages: [{ workType: '平整', acceptedOn: null }] }), false],
      ['平整 acceptance date malformed', input({}, { workPackages: [{ workType: '平整', acceptedOn: '2026-02-30' }] }), false],
      ['a blank reason is no reason', input({ exemptions: [{ workType: '拆除', reason: '  ' }] }), false],
      ['other works do not count', input({}, { workPackages: [{ workType: '道路', acceptedOn: '2026-02-01' }] }), false],
    ])('%s → ok=%s', (_, facts, ok) => {
      expect(codes(facts).includes('net-land-works')).toBe(!ok);
    });
  });

  describe('certificates cancelled (本中心规则: 供应前注销已核发的不动产权证书)', () => {
    it('refuses a certificate not cancelled, naming it', () => {
      const [p] = netLandProblems(input({ titleCancellations: [] }));
      expect(p.code).toBe('net-land-title');
      expect(p.message).toContain('湘(2025)益阳市不动产权第0001234号 尚未注销');
      expect(p.rule).toBe(RULE_SOURCES.titleCancelled);
    });

    it('matches the number however its brackets and spaces were typed', () => {
      expect(normaliseCertNo('湘（2025） 益阳市不动产权第0001234号')).toBe('湘(2025)益阳市不动产权第0001234号');
      expect(codes(input({ titleCancellations: [{ certNo: '湘（2025）益阳市 不动产权第0001234号', cancelledOn: '2026-03-01' }] }))).toEqual([]);
      expect(codes(input({ titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001235号', cancelledOn: '2026-03-01' }] }))).toEqual(['net-land-title']);
    });

    it.each<[string, string[]]>([
      ['2026-03-10', []],
      ['2026-03-11', ['net-land-late-title']],
    ])('cancelled on %s, ready on 2026-03-10 → %j', (cancelledOn, expected) => {
      expect(codes(input({ titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn }] }))).toEqual(expected);
    });

    it('asks for the number of a registration recorded without one; nothing when never registered', () => {
      expect(codes(input({ titleCertNo: null, titleCancellations: [] }))).toEqual(['net-land-title-cert-no']);
      expect(codes(input({ titleCertNo: '  ', titleCancellations: [] }))).toEqual(['net-land-title-cert-no']);
      expect(codes(input({ titleCertNo: null, titleCancellations: [] }, { titleRegistered: false }))).toEqual([]);
    });
  });

  describe("the year's supply plan (R17: 纳入当地市、县土地供应计划)", () => {
    it('refuses a parcel listed only in another year, naming the year of the 可供应 date', () => {
      const [p] = netLandProblems(input({ supplyPlans: [{ year: 2025, docNo: '益政函〔2025〕67号', listedOn: '2025-08-26' }] }));
      expect(p.code).toBe('net-land-plan');
      expect(p.message).toContain('2026 年度供应计划');
      expect(p.rule).toBe(RULE_SOURCES.supplyPlan);
    });

    it.each<[string, string, string[]]>([
      ['2025-12-31', '2026-01-01', []],
      ['2026-01-01', '2026-01-01', []],
      ['2026-01-02', '2026-01-01', ['net-land-late-plan']],
    ])('listed %s, ready %s → %j', (listedOn, eventDate, expected) => {
      const facts = input({ supplyPlans: [{ year: 2026, docNo: '益政函〔2026〕8号', listedOn }], titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn: '2025-12-01' }] }, { eventDate });
      expect(codes(facts)).toEqual(expected);
    });

    it('takes the year from the 可供应 date, or today while the date is not valid', () => {
      const listed2025 = { supplyPlans: [{ year: 2025, docNo: '益政函〔2025〕67号', listedOn: '2025-08-26' }], titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn: '2025-12-01' }] };
      expect(codes(input(listed2025, { eventDate: '2025-12-31' }))).toEqual([]);
      expect(codes(input(listed2025, { eventDate: '2026-01-01' }))).toEqual(['net-land-plan']);
      expect(codes(input(listed2025, { eventDate: '', today: '2025-12-31' }))).toEqual([]);
    });
  });

  describe('temporary use ended (R17: 临时利用不能影响土地供应)', () => {
    it('refuses while the temporary use runs', () => {
      const [p] = netLandProblems(input({ custodyMode: '临时利用', tempUseStart: '2025-01-01', tempUseEnd: '2026-12-31' }));
      expect(p.code).toBe('net-land-temp-use');
      expect(p.message).toContain('（2025-01-01 至 2026-12-31）');
      expect(p.rule).toBe(RULE_SOURCES.tempUseEnded);
    });

    it.each<[string, string[]]>([
      ['2026-03-10', []],
      ['2026-03-11', ['net-land-late-temp-use']],
    ])('ended on %s, ready on 2026-03-10 → %j', (endedOn, expected) => {
      expect(codes(input({ custodyMode: '自管', tempUseStart: '2025-01-01', tempUseEnd: '2026-12-31', tempUseEndedOn: endedOn }))).toEqual(expected);
    });
  });

  it('reports every unmet condition at once, through checkTransition too', () => {
    const bare: TNetLandInput = input({ exemptions: [], titleCancellations: [], supplyPlans: [], custodyMode: '临时利用', tempUseStart: '2025-01-01', tempUseEnd: '2026-12-31' }, { workPackages: [] });
    expect(codes(bare)).toEqual(['net-land-works', 'net-land-title', 'net-land-plan', 'net-land-temp-use']);
    const verdict = checkTransition('前期开发', '可供应', {
      ...bare,
      lastEventDate: '2026-01-01',
      compensation: { parties: 1, allSigned: true, allPaid: true },
      hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardFlood: '通过', hazardGeology: '通过' },
      hazardReasons: {},
      plan: null,
      plannedUse: null,
      soilKeySupervised: false,
      acquisitionDocNo: null,
      supervisionNo: null,
      supervisionNoDays: 30,
      supervisionNoSource: '',
      acquisitionRoute: '收购',
    });
    expect(verdict.ok ? [] : verdict.problems.map((p) => p.code)).toEqual(['net-land-works', 'net-land-title', 'net-land-plan', 'net-land-temp-use']);
  });

  it('puts a date conflict at the 办理日期 field, the other conditions at none', () => {
    const problems = netLandProblems(input({ titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn: '2026-03-12' }], supplyPlans: [] }));
    expect(problems.map((p) => p.code)).toEqual(['net-land-late-title', 'net-land-plan']);
    expect(problemFieldErrors(problems, { supply: false })).toEqual({ eventDate: problems[0].message });
  });
});
