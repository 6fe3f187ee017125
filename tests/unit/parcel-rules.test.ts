import { describe, expect, it } from 'vitest';
import { STAGES, type TStage } from '../../src/modules/parcels/stages';
import {
  checkTransition,
  deriveStage,
  nextStages,
  RULE_SOURCES,
  type GuardProblem,
  type TransitionFacts,
  type TTransitionKind,
} from '../../src/modules/parcels/rules';

const TODAY = '2026-03-15';

/** Facts under which every allowed transition passes its guards. */
function goodFacts(over: Partial<TransitionFacts> = {}): TransitionFacts {
  return {
    today: TODAY,
    eventDate: '2026-03-10',
    lastEventDate: '2026-03-01',
    reason: '规划调整，不再收储',
    docNo: '益政函〔2026〕18号',
    plan: { title: '2026年度土地储备计划', planType: 'annual', startYear: 2026, endYear: 2026, docNo: '益政函〔2026〕5号' },
    compensation: { parties: 3, allSigned: true, allPaid: true },
    titleRegistered: true,
    hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardFlood: '通过', hazardGeology: '通过' },
    hazardReasons: {},
    plannedUse: '住宅用地',
    soilKeySupervised: false,
    acquisitionDocNo: '益储购〔2026〕001号',
    supervisionNo: '4309022026B00101',
    supervisionNoDays: 30,
    supervisionNoSource: '本中心规定：入库后超过该天数仍未录入电子监管号的列为红色预警（待核实）',
    workPackages: [
      { workType: '道路', acceptedOn: '2026-02-01' },
      { workType: '平整', acceptedOn: '2026-02-20' },
    ],
    netLand: {
      exemptions: [{ workType: '拆除', reason: '收回的国有空地，地上无建（构）筑物' }],
      titleCertNo: '湘(2025)益阳市不动产权第0001234号',
      titleCancellations: [{ certNo: '湘(2025)益阳市不动产权第0001234号', cancelledOn: '2026-03-02' }],
      supplyPlans: [{ year: 2026, docNo: '益政函〔2026〕8号', listedOn: '2026-02-10' }],
      custodyMode: '自管',
      tempUseStart: null,
      tempUseEnd: null,
      tempUseEndedOn: null,
    },
    supply: {
      mode: '挂牌',
      noticeDate: '2026-02-01',
      bidStartDate: '2026-02-21',
      listingEndDate: '2026-03-03',
      startingPrice: '1000000.00',
      dealPrice: '1200000.00',
      dealDate: '2026-03-05',
      transferee: '益阳某置业有限公司',
      contractNo: '430900-2026-001',
    },
    acquisitionRoute: '收购',
    ...over,
  };
}

function problemsOf(from: TStage, to: TStage, facts: TransitionFacts): GuardProblem[] {
  const r = checkTransition(from, to, facts);
  return r.ok ? [] : r.problems;
}
const codesOf = (from: TStage, to: TStage, facts: TransitionFacts) => problemsOf(from, to, facts).map((p) => p.code);
const only = (problems: GuardProblem[], code: string) => {
  const found = problems.filter((p) => p.code === code);
  expect(found, `expected exactly one ${code} in ${JSON.stringify(problems)}`).toHaveLength(1);
  return found[0];
};

describe('nextStages', () => {
  const table: [TStage, { to: TStage; kind: TTransitionKind; label: string }[]][] = [
    ['拟收储', [{ to: '收储中', kind: 'advance', label: '启动收储' }, { to: '终止', kind: 'cancel', label: '终止收储' }]],
    ['收储中', [{ to: '已入库', kind: 'advance', label: '入库' }, { to: '终止', kind: 'cancel', label: '终止收储' }]],
    ['已入库', [{ to: '前期开发', kind: 'advance', label: '进入前期开发' }, { to: '终止', kind: 'cancel', label: '终止收储' }]],
    ['前期开发', [{ to: '可供应', kind: 'advance', label: '转为可供应' }, { to: '终止', kind: 'cancel', label: '终止收储' }]],
    ['可供应', [{ to: '已供应', kind: 'advance', label: '供应' }, { to: '终止', kind: 'cancel', label: '终止收储' }]],
    ['已供应', [{ to: '可供应', kind: 'abort-trade', label: '交易中止' }]],
    ['终止', []],
  ];
  it.each(table)('%s → %j', (stage, expected) => {
    expect(nextStages(stage)).toEqual(expected);
  });

  it('covers every stage', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...STAGES].sort());
  });

  it('returns copies callers cannot corrupt', () => {
    nextStages('拟收储')[0].label = 'changed';
    expect(nextStages('拟收储')[0].label).toBe('启动收储');
  });
});

describe('checkTransition: every pair of the 7 × 7 stages', () => {
  const allowed: Record<string, TTransitionKind> = {
    '拟收储→收储中': 'advance',
    '拟收储→终止': 'cancel',
    '收储中→已入库': 'advance',
    '收储中→终止': 'cancel',
    '已入库→前期开发': 'advance',
    '已入库→终止': 'cancel',
    '前期开发→可供应': 'advance',
    '前期开发→终止': 'cancel',
    '可供应→已供应': 'advance',
    '可供应→终止': 'cancel',
    '已供应→可供应': 'abort-trade',
  };
  const pairs = STAGES.flatMap((from) => STAGES.map((to) => [from, to] as [TStage, TStage]));

  it('has 49 pairs, 11 allowed', () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter(([f, t]) => `${f}→${t}` in allowed)).toHaveLength(11);
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const result = checkTransition(from, to, goodFacts());
    const kind = allowed[`${from}→${to}`];
    if (kind) {
      expect(result).toEqual({ ok: true, kind });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => p.code)).toEqual(['transition-not-allowed']);
      expect(result.problems[0].rule).toBe(RULE_SOURCES.lifecycle);
    }
  });

  it('explains refusals in Chinese with the options that are open', () => {
    const [p] = problemsOf('拟收储', '已供应', goodFacts());
    expect(p.message).toContain('不能从“拟收储”直接转为“已供应”');
    expect(p.message).toContain('启动收储');
    expect(p.message).toContain('终止收储');
    expect(problemsOf('终止', '拟收储', goodFacts())[0].message).toContain('已终止收储');
    expect(problemsOf('已入库', '已入库', goodFacts())[0].message).toContain('已处于“已入库”');
    expect(problemsOf('已供应', '终止', goodFacts())[0].message).toContain('交易中止');
  });

  it('nothing leaves 终止, whatever the facts', () => {
    for (const to of STAGES) expect(checkTransition('终止', to, goodFacts()).ok).toBe(false);
  });

  it('reports date problems together with a refused pair', () => {
    expect(codesOf('拟收储', '已入库', goodFacts({ eventDate: '2026-13-01' }))).toEqual(['transition-not-allowed', 'date-invalid']);
  });
});

describe('deriveStage', () => {
  it.each<[string, { toStage: TStage; seq: number }[], TStage]>([
    ['no events', [], '拟收储'],
    ['one event', [{ toStage: '收储中', seq: 1 }], '收储中'],
    [
      'ordered',
      [
        { toStage: '收储中', seq: 1 },
        { toStage: '已入库', seq: 2 },
        { toStage: '前期开发', seq: 3 },
      ],
      '前期开发',
    ],
    [
      'unordered input: highest seq wins, not the last in the array',
      [
        { toStage: '已供应', seq: 6 },
        { toStage: '可供应', seq: 7 },
        { toStage: '收储中', seq: 1 },
      ],
      '可供应',
    ],
    [
      'aborted trade then supplied again',
      [
        { toStage: '已供应', seq: 5 },
        { toStage: '可供应', seq: 6 },
        { toStage: '已供应', seq: 7 },
      ],
      '已供应',
    ],
    [
      'cancelled',
      [
        { toStage: '收储中', seq: 1 },
        { toStage: '终止', seq: 2 },
      ],
      '终止',
    ],
  ])('%s', (_name, events, expected) => {
    expect(deriveStage(events)).toBe(expected);
  });
});

describe('event date guard', () => {
  const advance = (facts: Partial<TransitionFacts>) => problemsOf('拟收储', '收储中', goodFacts(facts));

  it.each<[string, Partial<TransitionFacts>, string[]]>([
    ['today is fine', { eventDate: TODAY }, []],
    ['same day as the last event is fine', { eventDate: '2026-03-01', lastEventDate: '2026-03-01' }, []],
    ['first event (no last date)', { eventDate: '2000-01-01', lastEventDate: null }, []],
    ['tomorrow', { eventDate: '2026-03-16' }, ['date-future']],
    ['next year', { eventDate: '2027-01-01' }, ['date-future']],
    ['a day before the last event', { eventDate: '2026-02-28', lastEventDate: '2026-03-01' }, ['date-before-last']],
    ['empty', { eventDate: '' }, ['date-missing']],
    ['blank', { eventDate: '   ' }, ['date-missing']],
    ['slashes', { eventDate: '2026/03/01' }, ['date-invalid']],
    ['not a date', { eventDate: 'yesterday' }, ['date-invalid']],
    ['February 30', { eventDate: '2026-02-30' }, ['date-invalid']],
    ['February 29 of a common year', { eventDate: '2025-02-29' }, ['date-invalid']],
    ['month 13', { eventDate: '2025-13-01' }, ['date-invalid']],
    ['with a time', { eventDate: '2026-03-01T00:00:00Z' }, ['date-invalid']],
  ])('%s', (_name, facts, expected) => {
    expect(advance(facts).map((p) => p.code)).toEqual(expected);
  });

  it('accepts February 29 of a leap year', () => {
    expect(advance({ today: '2024-03-01', eventDate: '2024-02-29', lastEventDate: '2024-02-01' })).toEqual([]);
  });

  it('names the dates in the messages', () => {
    expect(advance({ eventDate: '2026-03-16' })[0].message).toBe('办理日期（2026-03-16）不能晚于今天（2026-03-15）');
    expect(advance({ eventDate: '2026-02-28', lastEventDate: '2026-03-01' })[0].message).toBe('日期不能早于上一环节（2026-03-01）');
    expect(advance({ eventDate: '2026-02-30' })[0].message).toContain('YYYY-MM-DD');
  });

  it('reports a future date and a date before the last event together', () => {
    // Only possible when the last event itself is dated after today (bad legacy data); both are reported.
    expect(advance({ eventDate: '2026-03-20', lastEventDate: '2026-03-25' }).map((p) => p.code)).toEqual(['date-future', 'date-before-last']);
  });

  it('applies to every kind of transition', () => {
    const facts = goodFacts({ eventDate: '2026-04-01' });
    for (const [from, to] of [
      ['拟收储', '终止'],
      ['收储中', '已入库'],
      ['前期开发', '可供应'],
      ['可供应', '已供应'],
      ['已供应', '可供应'],
    ] as [TStage, TStage][]) {
      expect(codesOf(from, to, facts)).toContain('date-future');
    }
  });

  it('throws on a bad system date (a bug, not user input)', () => {
    expect(() => checkTransition('拟收储', '收储中', goodFacts({ today: '15/03/2026' }))).toThrow(/today/);
    expect(() => checkTransition('拟收储', '收储中', goodFacts({ lastEventDate: '2026-02-30' }))).toThrow(/lastEventDate/);
  });
});

describe('reason guard (终止收储, 交易中止)', () => {
  const cases: [TStage, TStage, string][] = [
    ['拟收储', '终止', '终止收储原因'],
    ['收储中', '终止', '终止收储原因'],
    ['已入库', '终止', '终止收储原因'],
    ['前期开发', '终止', '终止收储原因'],
    ['可供应', '终止', '终止收储原因'],
    ['已供应', '可供应', '交易中止原因'],
  ];
  it.each(cases)('%s → %s needs a reason', (from, to, what) => {
    for (const reason of [null, undefined, '', '   \n ']) {
      const problems = problemsOf(from, to, goodFacts({ reason }));
      expect(problems.map((p) => p.code)).toEqual(['reason-missing']);
      expect(problems[0].message).toBe(`请填写${what}`);
    }
    expect(checkTransition(from, to, goodFacts({ reason: '因' })).ok).toBe(true);
  });

  it('allows 500 characters (counted as characters, not UTF-16 units) and refuses 501', () => {
    expect(checkTransition('拟收储', '终止', goodFacts({ reason: '规'.repeat(500) })).ok).toBe(true);
    expect(checkTransition('拟收储', '终止', goodFacts({ reason: '𠀀'.repeat(500) })).ok).toBe(true);
    expect(checkTransition('拟收储', '终止', goodFacts({ reason: `  ${'规'.repeat(500)}  ` })).ok).toBe(true);
    const [p] = problemsOf('拟收储', '终止', goodFacts({ reason: '规'.repeat(501) }));
    expect(p.code).toBe('reason-too-long');
    expect(p.message).toContain('501');
  });

  it('does not ask for a reason on forward steps', () => {
    expect(checkTransition('拟收储', '收储中', goodFacts({ reason: null })).ok).toBe(true);
  });

  it('cancellation ignores the guards of the stage it skips', () => {
    const facts = goodFacts({
      titleRegistered: false,
      compensation: { parties: 0, allSigned: true, allPaid: true },
      workPackages: [],
      supply: undefined,
    });
    expect(checkTransition('收储中', '终止', facts)).toEqual({ ok: true, kind: 'cancel' });
    expect(checkTransition('前期开发', '终止', facts)).toEqual({ ok: true, kind: 'cancel' });
    expect(checkTransition('已供应', '可供应', facts)).toEqual({ ok: true, kind: 'abort-trade' });
  });
});

describe('入库 guards (收储中 → 已入库)', () => {
  const reserve = (facts: Partial<TransitionFacts>) => problemsOf('收储中', '已入库', goodFacts(facts));
  const comp = (parties: number, allSigned: boolean, allPaid: boolean) => ({ parties, allSigned, allPaid });

  it.each<[string, Partial<TransitionFacts>, string[]]>([
    ['everything complete', {}, []],
    ['no parties under 收购', { compensation: comp(0, true, true) }, ['compensation-none']],
    ['no parties under 征收', { compensation: comp(0, true, true), acquisitionRoute: '征收' }, ['compensation-none']],
    ['no parties under 优先购买', { compensation: comp(0, true, true), acquisitionRoute: '优先购买' }, ['compensation-none']],
    ['no parties under 收回 is allowed', { compensation: comp(0, true, true), acquisitionRoute: '收回' }, []],
    ['收回 with parties still needs signatures', { compensation: comp(2, false, true), acquisitionRoute: '收回' }, ['compensation-unsigned']],
    ['an agreement unsigned', { compensation: comp(3, false, true) }, ['compensation-unsigned']],
    ['compensation unpaid', { compensation: comp(3, true, false) }, ['compensation-unpaid']],
    ['unsigned and unpaid', { compensation: comp(1, false, false) }, ['compensation-unsigned', 'compensation-unpaid']],
    ['title not registered', { titleRegistered: false }, ['title-not-registered']],
  ])('%s', (_name, facts, expected) => {
    expect(reserve(facts).map((p) => p.code)).toEqual(expected);
  });

  it('names each unchecked hazard check by its label, and only those', () => {
    const p = only(
      reserve({ hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '未查', hazardFlood: '未查', hazardGeology: '通过' } }),
      'hazard-unchecked',
    );
    expect(p.message).toContain('压覆矿产调查、洪涝隐患排查');
    expect(p.message).not.toContain('文物考古调查');
    expect(p.message).not.toContain('地质灾害危险性评估');
    expect(p.message).not.toContain('土壤');
  });

  it.each([
    ['hazardSoil', '土壤污染状况调查'],
    ['hazardRelics', '文物考古调查'],
    ['hazardMinerals', '压覆矿产调查'],
    ['hazardFlood', '洪涝隐患排查'],
    ['hazardGeology', '地质灾害危险性评估'],
  ] as const)('%s 不通过 is named as %s', (key, label) => {
    const hazards = { ...goodFacts().hazards, [key]: '不通过' as const };
    const problems = reserve({ hazards });
    expect(problems.map((p) => p.code)).toEqual(['hazard-failed']);
    expect(problems[0].message).toContain(label);
    expect(problems[0].message).toContain('不通过');
  });

  it('lists unchecked and failed checks separately', () => {
    const problems = reserve({
      plannedUse: '商服用地',
      hazards: { hazardSoil: '不通过', hazardRelics: '未查', hazardMinerals: '通过', hazardFlood: '通过', hazardGeology: '不通过' },
    });
    expect(only(problems, 'hazard-unchecked').message).toContain('文物考古调查');
    expect(only(problems, 'hazard-unchecked').message).not.toContain('土壤');
    expect(only(problems, 'hazard-failed').message).toContain('土壤污染状况调查、地质灾害危险性评估');
  });

  it('reports every missing item at once, each with its rule', () => {
    const problems = reserve({
      eventDate: '2026-04-01',
      compensation: comp(2, false, false),
      titleRegistered: false,
      acquisitionDocNo: null,
      supervisionNo: null,
      supervisionNoDays: 0,
      hazards: { hazardSoil: '未查', hazardRelics: '不通过', hazardMinerals: '未查', hazardFlood: '不涉及', hazardGeology: '未查' },
    });
    expect(problems.map((p) => p.code)).toEqual([
      'date-future',
      'compensation-unsigned',
      'compensation-unpaid',
      'title-not-registered',
      'acquisition-doc-missing',
      'supervision-no-missing',
      'soil-survey-required',
      'hazard-unchecked',
      'hazard-reason-missing',
      'hazard-failed',
    ]);
    expect(only(problems, 'compensation-unsigned').rule).toBe(RULE_SOURCES.compensation);
    expect(only(problems, 'title-not-registered').rule).toBe(RULE_SOURCES.title);
    expect(only(problems, 'hazard-failed').rule).toBe(RULE_SOURCES.hazards);
    for (const p of problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.rule.length).toBeGreaterThan(10);
    }
  });

  it('says what to do, and cites the rule with its to-confirm marker', () => {
    expect(only(reserve({ titleRegistered: false }), 'title-not-registered').message).toContain('不动产登记');
    expect(only(reserve({ compensation: comp(0, true, true) }), 'compensation-none').message).toContain('补偿协议');
    expect(RULE_SOURCES.hazards).toContain('国土资规〔2017〕17号');
    expect(RULE_SOURCES.hazards).toContain('洪涝隐患');
    expect(RULE_SOURCES.hazards).toContain('选择“不涉及”并写明理由（本中心业务登记规则）');
  });

  it('applies only to 入库', () => {
    const facts = goodFacts({ titleRegistered: false, compensation: comp(0, false, false) });
    expect(checkTransition('拟收储', '收储中', facts).ok).toBe(true);
    expect(checkTransition('已入库', '前期开发', facts).ok).toBe(true);
  });
});

describe('可供应 guards (前期开发 → 可供应)', () => {
  /** The given packages besides an accepted 平整 (净地 needs it: net-land tests cover that rule). */
  const ready = (workPackages: TransitionFacts['workPackages']) =>
    problemsOf('前期开发', '可供应', goodFacts({ workPackages: [{ workType: '平整', acceptedOn: '2026-01-04' }, ...workPackages] }));

  it('passes when every package is accepted and the land is clean', () => {
    expect(ready([{ workType: '道路', acceptedOn: '2026-01-05' }])).toEqual([]);
  });

  it('R17 前期开发验收: an unaccepted package refuses, citing R17 with F18 照明/绿化', () => {
    const problems = ready([{ workType: '照明', acceptedOn: null }]);
    expect(problems.map((p) => p.code)).toEqual(['work-packages-unaccepted']);
    expect(problems[0].rule).toBe(RULE_SOURCES.ready);
    expect(problems[0].rule).toContain('国土资规〔2017〕17号');
    expect(problems[0].rule).toContain('财综〔2018〕8号');
  });

  it('names the unaccepted types only', () => {
    const problems = ready([
      { workType: '道路', acceptedOn: '2026-01-05' },
      { workType: '供水', acceptedOn: null },
      { workType: '供电', acceptedOn: '2026-01-06' },
      { workType: '围挡', acceptedOn: null },
    ]);
    expect(problems.map((p) => p.code)).toEqual(['work-packages-unaccepted']);
    expect(problems[0].message).toContain('供水、围挡');
    expect(problems[0].message).not.toContain('道路');
    expect(problems[0].message).not.toContain('供电');
  });

  it('counts several unaccepted packages of one type', () => {
    const [p] = ready([
      { workType: '道路', acceptedOn: null },
      { workType: '道路', acceptedOn: null },
      { workType: '道路', acceptedOn: '2026-01-01' },
    ]);
    expect(p.message).toContain('道路（2 项）');
  });

  it('treats a blank or malformed acceptance date as not accepted', () => {
    expect(ready([{ workType: '绿化', acceptedOn: '' }])[0].message).toContain('绿化');
    expect(ready([{ workType: '绿化', acceptedOn: '2026-02-30' }])[0].message).toContain('绿化');
  });

  it('applies only to 可供应 by advance, not to an aborted trade', () => {
    expect(checkTransition('已供应', '可供应', goodFacts({ workPackages: [] })).ok).toBe(true);
    expect(checkTransition('已入库', '前期开发', goodFacts({ workPackages: [] })).ok).toBe(true);
  });
});
