import { describe, expect, it } from 'vitest';
import {
  ACQUISITION_DOC,
  acquisitionDocProblems,
  planCovers,
  startAcquisitionProblems,
  startDocRequirement,
  supervisionNoProblems,
} from '../../src/modules/parcels/rules/acquisition';
import { hazardProblems, hazardReasonProblem, soilNotApplicableProblem, soilSurveyNeed, type THazardFacts } from '../../src/modules/parcels/rules/hazards';
import { parcelWarnings, problemFieldErrors, RULE_SOURCES, type WarningFacts, type WarningLimits } from '../../src/modules/parcels/rules';
import type { TPlanFacts } from '../../src/modules/parcels/rules/types';
import { ACQUISITION_COST_CATEGORIES, COMPENSATION_CATEGORIES, HAZARD_CHECKS } from '../../src/modules/parcels/stages';

const ANNUAL_2026: TPlanFacts = { title: '2026年度土地储备计划', planType: 'annual', startYear: 2026, endYear: 2026, docNo: '益政函〔2026〕5号' };
const ROLLING: TPlanFacts = { title: '2025—2027年土地储备三年滚动计划', planType: 'rolling', startYear: 2025, endYear: 2027, docNo: null };
const start = (plan: TPlanFacts | null, eventDate: string, docNo: string | null = null) =>
  startAcquisitionProblems({ plan, docNo, eventDate, today: '2027-06-30' }).map((p) => p.code);

describe('国土资规〔2017〕17号 (计划管理): 启动收储 in the annual plan in force, or with a government approval', () => {
  it.each<[string, string, boolean]>([
    ['the day before the plan year', '2025-12-31', false],
    ['the first day of the plan year', '2026-01-01', true],
    ['the last day of the plan year', '2026-12-31', true],
    ['the day after the plan year', '2027-01-01', false],
  ])('an annual 2026 plan and %s (%s): covered %s', (_name, date, covered) => {
    expect(planCovers(ANNUAL_2026, date)).toBe(covered);
    expect(start(ANNUAL_2026, date)).toEqual(covered ? [] : ['start-doc-missing']);
    expect(start(ANNUAL_2026, date, '益政函〔2026〕18号')).toEqual([]);
  });

  it('a three-year rolling plan is not the annual plan: the approval number is needed', () => {
    expect(planCovers(ROLLING, '2026-05-01')).toBe(false);
    expect(startDocRequirement(ROLLING, '2026-05-01').note).toBe('所属项目只在「2025—2027年土地储备三年滚动计划」中（三年滚动计划不是年度计划），须填写人民政府批准文件的文号');
  });

  it('no plan at all, or a blank number, is refused with the source; a typed number passes', () => {
    const [p] = startAcquisitionProblems({ plan: null, docNo: '  ', eventDate: '2026-05-01', today: '2026-06-30' });
    expect(p).toEqual({ code: 'start-doc-missing', message: '所属项目未纳入储备计划，须填写人民政府批准文件的文号', rule: RULE_SOURCES.startAcquisition });
    expect(RULE_SOURCES.startAcquisition).toContain('国土资规〔2017〕17号');
    expect(RULE_SOURCES.startAcquisition).toContain('本中心业务登记规则');
    expect(start(null, '2026-05-01', '益政函〔2026〕18号')).toEqual([]);
  });

  it('names the plan in force when it covers the date, and the year it misses otherwise', () => {
    expect(startDocRequirement(ANNUAL_2026, '2026-05-01')).toEqual({ required: false, note: '所属项目已纳入现行储备计划「2026年度土地储备计划」（益政函〔2026〕5号）' });
    expect(startDocRequirement(ANNUAL_2026, '2027-02-01').note).toBe('所属项目的计划「2026年度土地储备计划」不含 2027 年，须填写人民政府批准文件的文号');
  });

  it('puts the refusal at the dialog’s number field', () => {
    const problems = startAcquisitionProblems({ plan: null, docNo: null, eventDate: '2026-05-01', today: '2026-06-30' });
    expect(problemFieldErrors(problems, { supply: false })).toEqual({ docNo: '所属项目未纳入储备计划，须填写人民政府批准文件的文号' });
  });
});

describe('国土资规〔2017〕17号 (取得方式及程序合规): 入库 needs the document the land is taken under', () => {
  it.each([
    ['征收', '征地批复文号', '征地批复'],
    ['收回', '收回决定书文号', '收回决定书'],
    ['收购', '收购协议编号', '收购协议'],
    ['优先购买', '优先购买协议编号', '优先购买协议'],
  ] as const)('%s: %s', (route, label, doc) => {
    expect(ACQUISITION_DOC[route]).toEqual({ doc, label });
    for (const blank of [null, '', '  ']) {
      const [p] = acquisitionDocProblems(route, blank);
      expect(p.code).toBe('acquisition-doc-missing');
      expect(p.message).toBe(`尚未录入${label}。“${route}”方式收储的土地须凭${doc}入库，请在地块信息中录入${label}后再入库`);
      expect(p.rule).toBe(RULE_SOURCES.acquisitionDoc);
    }
    expect(acquisitionDocProblems(route, '益政土收〔2025〕001号')).toEqual([]);
  });
});

describe('本中心规定 parcel.supervisionNoDays: the 电子监管号 at 入库 or within the days set', () => {
  const source = '本中心规定：……（待核实）';
  it.each<[number, string | null, string[]]>([
    [0, null, ['supervision-no-missing']],
    [0, '  ', ['supervision-no-missing']],
    [0, '4309022026B00101', []],
    [1, null, []],
    [30, null, []],
  ])('%i days, number %j → %j', (days, number, codes) => {
    const problems = supervisionNoProblems({ supervisionNo: number, supervisionNoDays: days, supervisionNoSource: source });
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const p of problems) expect(p.rule).toBe(source);
  });

  const LIMITS: WarningLimits = { reserveLimitDays: 730, reserveDueSoonDays: 90, tempUseLimitMonths: 24, inspectionIntervalDays: 30, stalledDevelopmentDays: 90, supervisionNoDays: 30, supervisionNoSource: source };
  const facts = (over: Partial<WarningFacts>): WarningFacts => ({
    stage: '已入库',
    reservedOn: '2026-06-01',
    custodyMode: '自管',
    tempUseStart: null,
    tempUseEnd: null,
    lastInspectionOn: '2026-06-29',
    lastDevelopmentUpdateOn: null,
    stageSince: '2026-06-01',
    supervisionNo: null,
    ...over,
  });
  const supervisionWarnings = (today: string, over: Partial<WarningFacts> = {}, limits = LIMITS) =>
    parcelWarnings(facts(over), limits, today).filter((w) => w.code.startsWith('supervision'));

  it.each<[string, string, string | null]>([
    ['the day of 入库', '2026-06-01', 'amber'],
    ['the last day of the 30', '2026-07-01', 'amber'],
    ['the day after', '2026-07-02', 'red'],
  ])('without the number, %s (%s) → %s', (_name, today, level) => {
    const [w] = supervisionWarnings(today);
    expect(w.level).toBe(level);
    expect(w.rule).toBe(source);
  });

  it('says how many days are left, or how long it is overdue', () => {
    expect(supervisionWarnings('2026-06-21')[0].message).toBe('尚未录入电子监管号：入库后 30 天内应录入，还剩 10 天');
    expect(supervisionWarnings('2026-07-02')[0].message).toBe('入库 31 天仍未录入电子监管号（期限 30 天）');
  });

  it('is silent with the number, outside custody, or before 入库', () => {
    expect(supervisionWarnings('2026-09-01', { supervisionNo: '4309022026B00101' })).toEqual([]);
    expect(supervisionWarnings('2026-09-01', { stage: '已供应' })).toEqual([]);
    expect(supervisionWarnings('2026-09-01', { stage: '收储中', reservedOn: null })).toEqual([]);
  });

  it('cites no source where the caller did not pass one (lists and map read the level only)', () => {
    const { supervisionNoSource: _omit, ...bare } = LIMITS;
    void _omit;
    expect(supervisionWarnings('2026-07-02', {}, bare)[0].rule).toBeUndefined();
  });
});

describe('土壤污染防治法 第59、67条: when the soil-pollution survey is required', () => {
  it.each<[string, boolean]>([
    ['住宅用地', true],
    ['城镇住宅用地', true],
    ['居住用地', true],
    ['农村宅基地', true],
    ['公共管理与公共服务用地', true],
    ['教育用地', true],
    ['医疗卫生用地', true],
    ['社会福利用地', true],
    ['文化设施用地', true],
    ['商服用地', false],
    ['商业服务业用地', false],
    ['工业用地', false],
    ['交通运输用地', false],
    ['仓储用地', false],
  ])('第59条: planned use %s → required %s', (use, required) => {
    expect(soilSurveyNeed(use, false).required).toBe(required);
  });

  it('第67条: a key-supervised site needs it whatever the use', () => {
    expect(soilSurveyNeed('工业用地', true)).toEqual({ required: true, because: '原为土壤污染重点监管单位生产经营用地' });
  });

  it('without a planned use it cannot be judged, so it is required', () => {
    expect(soilSurveyNeed('', false)).toEqual({ required: true, because: '尚未填写规划用途，无法判断可否免于调查' });
    expect(soilSurveyNeed(null, false).required).toBe(true);
  });

  it('the form refuses 不涉及 only where the survey is required', () => {
    expect(soilNotApplicableProblem({ plannedUse: '教育用地', soilKeySupervised: false }, '不涉及')).toBe('规划用途为教育用地（公共管理与公共服务），依法须进行土壤污染状况调查，不能选择“不涉及”');
    expect(soilNotApplicableProblem({ plannedUse: '工业用地', soilKeySupervised: false }, '不涉及')).toBeNull();
    expect(soilNotApplicableProblem({ plannedUse: '教育用地', soilKeySupervised: false }, '通过')).toBeNull();
  });
});

describe('国土资规〔2017〕17号 (入库前核查) and 土壤污染防治法: the 入库 hazard checks', () => {
  const all = (r: '通过' | '未查' | '不涉及' | '不通过') => Object.fromEntries(HAZARD_CHECKS.map((h) => [h.key, r])) as THazardFacts['hazards'];
  const facts = (over: Partial<THazardFacts>): THazardFacts => ({ hazards: all('通过'), hazardReasons: {}, plannedUse: '工业用地', soilKeySupervised: false, ...over });
  const codes = (over: Partial<THazardFacts>) => hazardProblems(facts(over)).map((p) => p.code);

  it('has the five checks of R17 in its order, 洪涝隐患 included', () => {
    expect(HAZARD_CHECKS.map((h) => h.label)).toEqual(['土壤污染状况调查', '文物考古调查', '压覆矿产调查', '洪涝隐患排查', '地质灾害危险性评估']);
  });

  it('soil survey 未查: fine for industrial use, refused for residential use (第59条) with the law as source', () => {
    expect(codes({ hazards: { ...all('通过'), hazardSoil: '未查' } })).toEqual([]);
    const [p] = hazardProblems(facts({ plannedUse: '住宅用地', hazards: { ...all('通过'), hazardSoil: '未查' } }));
    expect(p.code).toBe('soil-survey-required');
    expect(p.rule).toBe(RULE_SOURCES.soilSurvey);
    expect(p.rule).toContain('第五十九条');
    expect(p.rule).toContain('第六十七条');
  });

  it('soil survey 不涉及: accepted with a reason where optional, refused where required', () => {
    expect(codes({ hazards: { ...all('通过'), hazardSoil: '不涉及' }, hazardReasons: { hazardSoilReason: '原为农用地' } })).toEqual([]);
    expect(codes({ soilKeySupervised: true, hazards: { ...all('通过'), hazardSoil: '不涉及' }, hazardReasons: { hazardSoilReason: '原为农用地' } })).toEqual(['soil-survey-required']);
  });

  it('every other check: 未查 refused, 不涉及 needs its reason, 不通过 refused', () => {
    const flood = (r: '通过' | '未查' | '不涉及' | '不通过', reason?: string) => codes({ hazards: { ...all('通过'), hazardFlood: r }, hazardReasons: { hazardFloodReason: reason } });
    expect(flood('通过')).toEqual([]);
    expect(flood('未查')).toEqual(['hazard-unchecked']);
    expect(flood('不涉及')).toEqual(['hazard-reason-missing']);
    expect(flood('不涉及', '   ')).toEqual(['hazard-reason-missing']);
    expect(flood('不涉及', '地块高于片区防洪水位')).toEqual([]);
    expect(flood('不通过')).toEqual(['hazard-failed']);
    const [p] = hazardProblems(facts({ hazards: { ...all('通过'), hazardFlood: '不涉及' } }));
    expect(p.message).toBe('以下调查评估为“不涉及”但未写明理由：洪涝隐患排查。请在地块信息中补录理由后再入库');
    expect(p.rule).toBe(RULE_SOURCES.hazards);
  });

  it('a reason is required for 不涉及 and at most 200 characters', () => {
    expect(hazardReasonProblem('洪涝隐患排查', '不涉及', '')).toBe('洪涝隐患排查选择“不涉及”时须写明理由');
    expect(hazardReasonProblem('洪涝隐患排查', '不涉及', '因'.repeat(200))).toBeNull();
    expect(hazardReasonProblem('洪涝隐患排查', '不涉及', '因'.repeat(201))).toBe('洪涝隐患排查“不涉及”的理由不能超过 200 字（现有 201 字）');
    expect(hazardReasonProblem('洪涝隐患排查', '通过', '')).toBeNull();
  });
});

describe('《土地管理法》第48条: what a party is owed, and what is a project cost', () => {
  it('names the items of 第48条 among the compensation categories', () => {
    for (const c of ['土地补偿费', '安置补助费', '地上附着物补偿费', '青苗补偿费', '被征地农民社会保障费用', '住宅房屋拆迁补偿']) expect(COMPENSATION_CATEGORIES).toContain(c);
  });

  it('keeps taxes, fees and contingency out of them', () => {
    expect(ACQUISITION_COST_CATEGORIES).toEqual(['耕地开垦费', '耕地占用税', '评估费', '不可预见费']);
    for (const c of ACQUISITION_COST_CATEGORIES) expect(COMPENSATION_CATEGORIES as readonly string[]).not.toContain(c);
    expect(RULE_SOURCES.compensationItems).toContain('第四十八条');
    expect(RULE_SOURCES.compensation).toContain('不计入');
  });
});
