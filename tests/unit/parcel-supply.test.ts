import { describe, expect, it } from 'vitest';
import { SUPPLY_MODES } from '../../src/modules/parcels/stages';
import {
  checkTransition,
  parseMoney,
  premiumRate,
  RULE_SOURCES,
  type GuardProblem,
  type TransitionFacts,
  type TSupplyContext,
  type TSupplyFacts,
  supplyTermsForMode,
  supplyWarnings,
  unacknowledgedWarnings,
} from '../../src/modules/parcels/rules';
import { cleanNetLand } from '../helpers/net-land';

const TODAY = '2026-03-15';

const AUCTION: TSupplyFacts = {
  mode: '挂牌',
  noticeDate: '2026-02-01',
  bidStartDate: '2026-02-21',
  listingEndDate: '2026-03-03',
  startingPrice: '1000000.00',
  dealPrice: '1200000.00',
  dealDate: '2026-03-05',
  transferee: '益阳某置业有限公司',
  contractNo: '430900-2026-001',
};
const AGREEMENT: TSupplyFacts = { mode: '协议', dealPrice: '800000.00', benchmarkPrice: '100', dealDate: '2026-03-05', transferee: '某公司', contractNo: 'XY-01' };
const ALLOCATION: TSupplyFacts = {
  mode: '划拨',
  dealPrice: '0',
  allocationCategory: '（五）非营利性教育设施用地',
  dealDate: '2026-03-05',
  transferee: '益阳市某小学',
  contractNo: '益划〔2026〕3号',
};
/** A school plot: 协议 and 划拨 (as education) are both lawful for it. */
const CONTEXT: TSupplyContext = { plannedUse: '教育用地', areaM2: '10000.00', agreementFloor: { percent: 70, source: '令21号（测试）（待核实）' } };

function supplyProblems(supply: TSupplyFacts | undefined, over: Partial<TransitionFacts> = {}): GuardProblem[] {
  const facts: TransitionFacts = {
    today: TODAY,
    eventDate: '2026-03-10',
    lastEventDate: '2026-01-10',
    compensation: { parties: 1, allSigned: true, allPaid: true },
    titleRegistered: true,
    hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardFlood: '通过', hazardGeology: '通过' },
    hazardReasons: {},
    plan: null,
    plannedUse: '商服用地',
    soilKeySupervised: false,
    acquisitionDocNo: '益储购〔2026〕001号',
    supervisionNo: '4309022026B00101',
    supervisionNoDays: 30,
    supervisionNoSource: '本中心规定（待核实）',
    workPackages: [{ workType: '道路', acceptedOn: '2026-01-01' }],
    netLand: cleanNetLand(),
    supply,
    supplyContext: CONTEXT,
    acquisitionRoute: '收购',
    ...over,
  };
  const r = checkTransition('可供应', '已供应', facts);
  return r.ok ? [] : r.problems;
}
const codes = (supply: TSupplyFacts | undefined, over: Partial<TransitionFacts> = {}) => supplyProblems(supply, over).map((p) => p.code);
const withAuction = (over: TSupplyFacts) => ({ ...AUCTION, ...over });

describe('已供应 guards: the required items', () => {
  it.each([
    ['招标', { ...AUCTION, mode: '招标' }],
    ['拍卖', { ...AUCTION, mode: '拍卖' }],
    ['挂牌', AUCTION],
    ['协议', AGREEMENT],
    ['划拨', ALLOCATION],
  ])('a complete %s supply passes', (_mode, supply) => {
    expect(checkTransition('可供应', '已供应', { ...baseFacts(), supply })).toEqual({ ok: true, kind: 'advance' });
  });

  it('lists every missing item when nothing is entered', () => {
    for (const supply of [undefined, {}, { mode: '', dealPrice: '', dealDate: '  ', transferee: ' ', contractNo: null }]) {
      const problems = supplyProblems(supply);
      expect(problems.map((p) => p.code)).toEqual([
        'supply-mode-missing',
        'supply-deal-date-missing',
        'supply-deal-price-missing',
        'supply-transferee-missing',
        'supply-contract-missing',
      ]);
      expect(problems.map((p) => p.message)).toEqual([
        '请选择供应方式（招标、拍卖、挂牌、协议、划拨）',
        '请填写成交日期',
        '请填写成交价（元）',
        '请填写受让人',
        '请填写出让合同编号',
      ]);
    }
  });

  it.each<[string, TSupplyFacts, string, string]>([
    ['mode', { mode: null }, 'supply-mode-missing', '供应方式'],
    ['deal date', { dealDate: null }, 'supply-deal-date-missing', '成交日期'],
    ['deal price', { dealPrice: null }, 'supply-deal-price-missing', '成交价'],
    ['transferee', { transferee: '' }, 'supply-transferee-missing', '受让人'],
    ['contract number', { contractNo: '   ' }, 'supply-contract-missing', '出让合同编号'],
    ['starting price', { startingPrice: null }, 'supply-starting-price-missing', '起始价'],
    ['notice date', { noticeDate: '' }, 'supply-notice-date-missing', '公告日期'],
  ])('missing %s is named', (_name, over, code, word) => {
    const problems = supplyProblems(withAuction(over));
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].message).toContain(word);
  });

  it('refuses a mode outside SUPPLY_MODES', () => {
    const problems = supplyProblems(withAuction({ mode: '租赁' }));
    expect(problems.map((p) => p.code)).toEqual(['supply-mode-invalid']);
    expect(problems[0].message).toContain('租赁');
    expect(problems[0].rule).toBe(RULE_SOURCES.supplyMode);
    expect(SUPPLY_MODES).not.toContain('租赁');
  });

  it('asks 划拨 for the allocation decision instead of a transfer contract', () => {
    const problems = supplyProblems({ ...ALLOCATION, contractNo: '', transferee: '' });
    expect(problems.map((p) => p.message)).toEqual(['请填写土地使用者（划拨对象）', '请填写国有建设用地划拨决定书编号']);
  });
});

function baseFacts(): Omit<TransitionFacts, 'supply'> {
  return {
    today: TODAY,
    eventDate: '2026-03-10',
    lastEventDate: '2026-01-10',
    compensation: { parties: 1, allSigned: true, allPaid: true },
    titleRegistered: true,
    hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardFlood: '通过', hazardGeology: '通过' },
    hazardReasons: {},
    plan: null,
    plannedUse: '商服用地',
    soilKeySupervised: false,
    acquisitionDocNo: '益储购〔2026〕001号',
    supervisionNo: '4309022026B00101',
    supervisionNoDays: 30,
    supervisionNoSource: '本中心规定（待核实）',
    workPackages: [],
    supplyContext: CONTEXT,
    netLand: cleanNetLand(),
    acquisitionRoute: '收购',
  };
}

describe('已供应 guards: prices', () => {
  it.each<[string, string, string[]]>([
    ['0', '协议', ['supply-deal-price-zero']],
    ['0.00', '协议', ['supply-deal-price-zero']],
    ['0.01', '协议', []],
    ['0', '划拨', []],
    ['0.00', '划拨', []],
    ['150000.5', '划拨', []],
    ['-1', '划拨', ['supply-deal-price-negative']],
    ['-0.01', '协议', ['supply-deal-price-negative']],
    ['1.234', '协议', ['supply-deal-price-invalid']],
    ['1.234', '划拨', ['supply-deal-price-invalid']],
    ['abc', '协议', ['supply-deal-price-invalid']],
    ['1e6', '协议', ['supply-deal-price-invalid']],
    ['１００', '协议', ['supply-deal-price-invalid']],
    ['1,000.00', '协议', ['supply-deal-price-invalid']],
    ['.5', '协议', ['supply-deal-price-invalid']],
    ['12345678901234567', '协议', ['supply-deal-price-invalid']],
    ['1234567890123456.99', '协议', []],
    ['  800000.00  ', '协议', []],
  ])('deal price %j under %s', (dealPrice, mode, expected) => {
    const base = mode === '划拨' ? ALLOCATION : AGREEMENT;
    expect(codes({ ...base, dealPrice })).toEqual(expected);
  });

  it('explains why 0 is refused and when it is allowed', () => {
    const [p] = supplyProblems({ ...AGREEMENT, dealPrice: '0' });
    expect(p.message).toBe('成交价必须大于 0');
    expect(p.rule).toBe(RULE_SOURCES.allocation);
    expect(RULE_SOURCES.allocation).toContain('划拨');
    expect(RULE_SOURCES.allocation).toContain('0');
  });

  it.each(['招标', '拍卖', '挂牌'])('%s needs a positive starting price and a deal at or above it', (mode) => {
    const s = (over: TSupplyFacts) => codes({ ...AUCTION, mode, ...over });
    expect(s({})).toEqual([]);
    expect(s({ startingPrice: '0' })).toEqual(['supply-starting-price-zero']);
    expect(s({ startingPrice: '-5' })).toEqual(['supply-starting-price-negative']);
    expect(s({ startingPrice: '1.001' })).toEqual(['supply-starting-price-invalid']);
    expect(s({ dealPrice: '1000000.00' })).toEqual([]);
    expect(s({ dealPrice: '999999.99' })).toEqual(['supply-deal-below-start']);
    expect(s({ dealPrice: '0' })).toEqual(['supply-deal-price-zero']);
  });

  it('names both prices when the deal is below the start', () => {
    const [p] = supplyProblems(withAuction({ startingPrice: '1000000', dealPrice: '999999.99' }));
    expect(p.message).toContain('999999.99 元');
    expect(p.message).toContain('1000000.00 元');
    expect(p.rule).toBe(RULE_SOURCES.auction);
  });

  it('compares prices as decimals, not as text or floats', () => {
    expect(codes(withAuction({ startingPrice: '9.90', dealPrice: '10' }))).toEqual([]);
    expect(codes(withAuction({ startingPrice: '0.30', dealPrice: '0.3' }))).toEqual([]);
    expect(codes(withAuction({ startingPrice: '9007199254740993.00', dealPrice: '9007199254740992.99' }))).toEqual(['supply-deal-below-start']);
  });

  it('does not need a starting price or notice for 协议 and 划拨', () => {
    expect(codes({ ...AGREEMENT, startingPrice: null, noticeDate: null })).toEqual([]);
    expect(codes({ ...ALLOCATION, startingPrice: '', noticeDate: '' })).toEqual([]);
    // and does not compare against one that happens to be entered
    expect(codes({ ...AGREEMENT, startingPrice: '9000000' })).toEqual([]);
  });
});

describe('已供应 guards: dates', () => {
  it.each<[string, TSupplyFacts, string[]]>([
    ['notice not a date', { noticeDate: '2026-02-30' }, ['supply-notice-date-invalid']],
    ['deal date not a date', { dealDate: '20260305' }, ['supply-deal-date-invalid']],
    ['deal today', { dealDate: TODAY }, []],
    ['deal on the listing end day', { dealDate: '2026-03-03' }, []],
    ['deal tomorrow', { dealDate: '2026-03-16' }, ['supply-deal-date-future']],
    ['deal before the last event', { dealDate: '2026-01-09', noticeDate: '2025-12-01', bidStartDate: '2025-12-21', listingEndDate: '2025-12-31' }, ['supply-deal-date-before-last']],
    ['deal on the day of the last event', { dealDate: '2026-01-10', noticeDate: '2025-12-01', bidStartDate: '2025-12-21', listingEndDate: '2025-12-31' }, []],
  ])('%s', (_name, over, expected) => {
    expect(codes(withAuction(over))).toEqual(expected);
  });

  it('names the dates', () => {
    const [q] = supplyProblems(withAuction({ dealDate: '2026-01-09', noticeDate: '2025-12-01', bidStartDate: '2025-12-21', listingEndDate: '2025-12-31' }));
    expect(q.message).toBe('成交日期不能早于上一环节（2026-01-10）');
  });

  it('a supply dated by its deal date (as the form sends it) reports a future date once, for the deal date', () => {
    expect(codes(withAuction({ dealDate: '2026-03-16' }), { eventDate: '2026-03-16' })).toEqual(['supply-deal-date-future']);
    expect(codes(withAuction({ dealDate: '' }), { eventDate: '' })).toEqual(['supply-deal-date-missing']);
  });

  it('reports event date, price and party problems together', () => {
    expect(codes(withAuction({ dealPrice: '5', transferee: '' }), { eventDate: '2026-04-01' })).toEqual([
      'date-future',
      'supply-transferee-missing',
      'supply-deal-below-start',
    ]);
  });

  it('without a start date still refuses a notice after the deal', () => {
    expect(codes(withAuction({ mode: '拍卖', bidStartDate: '', noticeDate: '2026-03-06', dealDate: '2026-03-05' }))).toEqual([
      'supply-bid-start-missing',
      'supply-notice-after-deal',
    ]);
  });
});

describe('令39号 第10条: the notice at least 20 days before bidding, auction or listing starts', () => {
  it.each(['招标', '拍卖', '挂牌'])('令39号 第10条 (%s): announcement 19 days before the start is refused, 20 is accepted', (mode) => {
    const base = { ...AUCTION, mode, bidStartDate: '2026-02-21', listingEndDate: mode === '挂牌' ? '2026-03-03' : null };
    expect(codes({ ...base, noticeDate: '2026-02-01' })).toEqual([]);
    expect(codes({ ...base, noticeDate: '2026-01-31' })).toEqual([]);
    const refused = supplyProblems({ ...base, noticeDate: '2026-02-02' });
    expect(refused.map((p) => p.code)).toEqual(['supply-notice-lead-short']);
    expect(refused[0].rule).toBe(RULE_SOURCES.noticeLead);
    expect(refused[0].rule).toContain('国土资源部令第39号）第十条');
  });

  it('令39号 第10条: names the start by mode and the latest lawful notice date', () => {
    const [p] = supplyProblems(withAuction({ noticeDate: '2026-02-02' }));
    expect(p.message).toBe('公告日期（2026-02-02）距挂牌起始日期（2026-02-21）仅 19 日，出让公告应至少在挂牌起始日期前 20 日发布（最迟 2026-02-01）');
    const [q] = supplyProblems({ ...AUCTION, mode: '拍卖', listingEndDate: null, noticeDate: '2026-02-25', bidStartDate: '2026-02-21' });
    expect(q.message).toBe('公告日期（2026-02-25）晚于拍卖日期（2026-02-21），出让公告应至少在拍卖日期前 20 日发布');
    const [r] = supplyProblems({ ...AUCTION, mode: '招标', listingEndDate: null, bidStartDate: '' });
    expect(r.message).toBe('请填写投标开始日期');
  });

  it('counts calendar days across a month and a leap day', () => {
    // 2024-02-09 + 20 days = 2024-02-29 (leap year)
    const base = { ...AUCTION, mode: '拍卖', listingEndDate: null, bidStartDate: '2024-02-29', dealDate: '2024-02-29' };
    const facts = { lastEventDate: '2024-01-01' };
    expect(codes({ ...base, noticeDate: '2024-02-09' }, facts)).toEqual([]);
    expect(codes({ ...base, noticeDate: '2024-02-10' }, facts)).toEqual(['supply-notice-lead-short']);
  });
});

describe('令39号 第19条: a listing of at least 10 days', () => {
  it('令39号 第19条: a 挂牌 period of 9 days is refused, 10 is accepted', () => {
    expect(codes(withAuction({ bidStartDate: '2026-02-21', listingEndDate: '2026-03-03' }))).toEqual([]);
    const refused = supplyProblems(withAuction({ bidStartDate: '2026-02-21', listingEndDate: '2026-03-02' }));
    expect(refused.map((p) => p.code)).toEqual(['supply-listing-period-short']);
    expect(refused[0].message).toBe('挂牌期限自 2026-02-21 至 2026-03-02 仅 9 日，挂牌时间不得少于 10 日（截止日期最早为 2026-03-03）');
    expect(refused[0].rule).toBe(RULE_SOURCES.listingPeriod);
    expect(refused[0].rule).toContain('第十九条');
  });

  it('令39号 第19条: the end before the start, and a missing end, are refused', () => {
    expect(codes(withAuction({ listingEndDate: '2026-02-20' }))).toEqual(['supply-listing-period-short']);
    expect(supplyProblems(withAuction({ listingEndDate: '2026-02-20' }))[0].message).toBe('挂牌截止日期（2026-02-20）早于挂牌起始日期（2026-02-21）');
    expect(codes(withAuction({ listingEndDate: '' }))).toEqual(['supply-listing-end-missing']);
    expect(codes(withAuction({ listingEndDate: '2026-02-31' }))).toEqual(['supply-listing-end-invalid']);
  });

  it('令39号: the deal is not before the listing end (挂牌) or the start (招标/拍卖)', () => {
    expect(codes(withAuction({ dealDate: '2026-03-02', listingEndDate: '2026-03-03' }))).toEqual(['supply-deal-date-before-listing-end']);
    expect(codes(withAuction({ dealDate: '2026-03-03', listingEndDate: '2026-03-03' }))).toEqual([]);
    const auction = { ...AUCTION, mode: '拍卖', listingEndDate: null };
    expect(codes({ ...auction, dealDate: '2026-02-20' }, { lastEventDate: '2026-01-01' })).toEqual(['supply-deal-date-before-bid']);
    expect(codes({ ...auction, dealDate: '2026-02-21' }, { lastEventDate: '2026-01-01' })).toEqual([]);
  });

  it('a listing end given for an auction is not required nor checked', () => {
    expect(codes({ ...AUCTION, mode: '拍卖', listingEndDate: null })).toEqual([]);
  });
});

describe('令39号 第4条: 经营性用地 only by 招标/拍卖/挂牌', () => {
  const withUse = (plannedUse: string | null) => ({ supplyContext: { ...CONTEXT, plannedUse } });

  it.each([
    ['商服用地', '商业、旅游、娱乐'],
    ['商业服务业用地', '商业、旅游、娱乐'],
    ['零售商业用地', '商业'],
    ['旅馆用地', '旅游'],
    ['娱乐康体用地', '娱乐'],
    ['城镇住宅用地', '商品住宅'],
    ['住宅用地', '商品住宅'],
    ['商住用地', '商业、商品住宅'],
    ['工业用地', '工业'],
    ['仓储用地', '工业'],
    ['0701 城镇住宅用地', '商品住宅'],
  ])('令39号 第4条: %s by 协议 or 划拨 is refused, by 挂牌 accepted', (use, kinds) => {
    for (const supply of [AGREEMENT, ALLOCATION]) {
      const problems = supplyProblems(supply, withUse(use));
      expect(problems.map((p) => p.code)).toEqual(['supply-competitive-only']);
      expect(problems[0].message).toContain(`属${kinds}用地，应当以招标、拍卖或者挂牌方式出让`);
      expect(problems[0].rule).toBe(RULE_SOURCES.competitiveOnly);
      expect(problems[0].rule).toContain('国土资源部令第39号）第四条');
      expect(problems[0].rule).toContain('国发〔2006〕31号');
    }
    expect(codes(AUCTION, withUse(use))).toEqual([]);
  });

  it('令39号 第4条: the message names the mode refused', () => {
    expect(supplyProblems(AGREEMENT, withUse('商服用地'))[0].message).toBe('规划用途「商服用地」属商业、旅游、娱乐用地，应当以招标、拍卖或者挂牌方式出让，不得协议出让');
    expect(supplyProblems(ALLOCATION, withUse('工业用地'))[0].message).toBe('规划用途「工业用地」属工业用地，应当以招标、拍卖或者挂牌方式出让，不得划拨');
  });

  it('令39号 第4条: 采矿用地 (not industrial land in 第四条) and 农村宅基地 (not 商品住宅) may be sold by 协议', () => {
    expect(codes(AGREEMENT, withUse('采矿用地'))).toEqual([]);
    expect(codes(AGREEMENT, withUse('农村宅基地'))).toEqual([]);
  });

  it('协议 and 划拨 need a planned use the classification knows; 招拍挂 do not', () => {
    expect(codes(AGREEMENT, withUse(null))).toEqual(['supply-use-missing']);
    expect(codes(ALLOCATION, withUse('  '))).toEqual(['supply-use-missing']);
    expect(codes(AGREEMENT, withUse('好地'))).toEqual(['supply-use-unknown']);
    expect(supplyProblems(AGREEMENT, withUse('好地'))[0].message).toContain('规划用途「好地」不是用地分类的类别名称');
    expect(codes(AUCTION, withUse(null))).toEqual([]);
    expect(codes(AUCTION, withUse('好地'))).toEqual([]);
    // Tolerated spellings: a missing 用地 suffix, spaces
    expect(codes(AGREEMENT, withUse('教育'))).toEqual([]);
    expect(codes(AGREEMENT, withUse(' 教育 用地 '))).toEqual([]);
  });
});

describe('划拨用地目录 (国土资源部令第9号): 划拨 only for uses in the catalogue', () => {
  const withUse = (plannedUse: string) => ({ supplyContext: { ...CONTEXT, plannedUse } });
  const allocate = (category: string | null, use: string) => codes({ ...ALLOCATION, allocationCategory: category }, withUse(use));

  it.each<[string, string]>([
    ['教育用地', '（五）非营利性教育设施用地'],
    ['医疗卫生用地', '（九）非营利性医疗卫生设施用地'],
    ['城镇道路用地', '（三）城市基础设施用地（供水、燃气、供热、公共交通、环境卫生、道路广场、绿地）'],
    ['公园绿地', '（三）城市基础设施用地（供水、燃气、供热、公共交通、环境卫生、道路广场、绿地）'],
    ['公路用地', '（十六）公路交通设施用地'],
    ['机关团体用地', '（一）党政机关和人民团体用地'],
    ['公共管理与公共服务用地', '（十）非营利性社会福利设施用地'],
    ['交通运输用地', '（十五）铁路交通设施用地'],
    ['监教场所用地', '（十九）特殊用地（监狱、劳教所、戒毒所、看守所、治安拘留所、收容教育所等）'],
  ])('划拨用地目录: %s under %s is accepted', (use, category) => {
    expect(allocate(category, use)).toEqual([]);
  });

  it('划拨用地目录: a use the item does not cover is refused, naming the items it could use', () => {
    const problems = supplyProblems({ ...ALLOCATION, allocationCategory: '（十六）公路交通设施用地' }, withUse('教育用地'));
    expect(problems.map((p) => p.code)).toEqual(['supply-allocation-use-mismatch']);
    expect(problems[0].message).toBe('规划用途「教育用地」与所选目录项目「（十六）公路交通设施用地」不符；该用途可依据的目录项目：（五）非营利性教育设施用地');
    expect(problems[0].rule).toBe(RULE_SOURCES.allocationCatalogue);
  });

  it('划拨用地目录: a use outside the catalogue (not 经营性) is refused whatever item is named', () => {
    expect(allocate('（五）非营利性教育设施用地', '新闻出版用地')).toEqual(['supply-not-allocatable']);
    expect(allocate(null, '宗教用地')).toEqual(['supply-not-allocatable']);
    expect(supplyProblems(ALLOCATION, withUse('宗教用地'))[0].message).toBe('规划用途「宗教用地」不在《划拨用地目录》所列用途内，不得划拨');
  });

  it('划拨用地目录: the item is required and must be one of the 19', () => {
    expect(allocate(null, '教育用地')).toEqual(['supply-allocation-category-missing']);
    expect(allocate('（二十）其他用地', '教育用地')).toEqual(['supply-allocation-category-invalid']);
    // the bare item name is understood too
    expect(allocate('非营利性教育设施用地', '教育用地')).toEqual([]);
  });
});

describe('supplyTermsForMode', () => {
  it('clears the fields the chosen mode does not record', () => {
    const all = { ...AUCTION, allocationCategory: '（五）非营利性教育设施用地', benchmarkPrice: '100' };
    expect(supplyTermsForMode({ ...all, mode: '协议' })).toMatchObject({ noticeDate: null, startingPrice: null, bidStartDate: null, listingEndDate: null, allocationCategory: null, benchmarkPrice: '100' });
    expect(supplyTermsForMode({ ...all, mode: '拍卖' })).toMatchObject({ noticeDate: '2026-02-01', bidStartDate: '2026-02-21', listingEndDate: null, allocationCategory: null, benchmarkPrice: null });
    expect(supplyTermsForMode({ ...all, mode: '挂牌' })).toMatchObject({ listingEndDate: '2026-03-03' });
    expect(supplyTermsForMode({ ...all, mode: '划拨' })).toMatchObject({ allocationCategory: '（五）非营利性教育设施用地', startingPrice: null });
  });
});

describe('令21号 第5条 (setting, to confirm): a 协议 price below 70% of the 基准地价 warns', () => {
  const warn = (dealPrice: string, benchmarkPrice = '100', areaM2 = '10000.00', percent = 70) =>
    supplyWarnings({ ...AGREEMENT, dealPrice, benchmarkPrice }, { ...CONTEXT, areaM2, agreementFloor: { percent, source: '令21号（测试）（待核实）' } });

  it('令21号 第5条: 699,999.99 元 against a floor of 700,000.00 元 warns, 700,000.00 does not', () => {
    expect(warn('700000.00')).toEqual([]);
    expect(warn('700000.01')).toEqual([]);
    const [w] = warn('699999.99');
    expect(w.code).toBe('supply-agreement-below-benchmark');
    expect(w.message).toBe(
      '协议出让价款 699,999.99 元低于按基准地价核算的最低价 700,000.00 元（基准地价 100.00 元/平方米 × 面积 10,000.00 平方米 × 70%），仅为基准地价总额的 69.99%',
    );
    expect(w.rule).toBe('令21号（测试）（待核实）');
  });

  it('follows the setting: at 60% the same price passes', () => {
    expect(warn('650000', '100', '10000', 60)).toEqual([]);
    expect(warn('650000', '100', '10000', 70)).toHaveLength(1);
  });

  it('rounds the floor to the fen: 0.7 × 33.33 × 3 = 69.993 → 69.99', () => {
    expect(warn('69.99', '33.33', '3')).toEqual([]);
    expect(warn('69.98', '33.33', '3')).toHaveLength(1);
  });

  it('only 协议 is checked, and only with a valid price, benchmark and area', () => {
    expect(supplyWarnings({ ...AUCTION, benchmarkPrice: '100000' }, CONTEXT)).toEqual([]);
    expect(warn('abc')).toEqual([]);
    expect(warn('1', '')).toEqual([]);
    expect(warn('1', '100', '0')).toEqual([]);
    expect(supplyWarnings(AGREEMENT, undefined)).toEqual([]);
  });

  it('协议 needs the 基准地价, cited with the setting source', () => {
    const problems = supplyProblems({ ...AGREEMENT, benchmarkPrice: '' });
    expect(problems.map((p) => p.code)).toEqual(['supply-benchmark-price-missing']);
    expect(problems[0].message).toBe('请填写地块所在级别的基准地价（元/平方米），用于核对协议出让最低价');
    expect(problems[0].rule).toBe(CONTEXT.agreementFloor.source);
    expect(codes({ ...AGREEMENT, benchmarkPrice: '0' })).toEqual(['supply-benchmark-price-zero']);
    expect(codes({ ...AGREEMENT, benchmarkPrice: '1.234' })).toEqual(['supply-benchmark-price-invalid']);
  });

  it('unacknowledgedWarnings keeps the warnings whose code was not ticked', () => {
    const warnings = warn('1');
    expect(unacknowledgedWarnings(warnings, [])).toEqual(warnings);
    expect(unacknowledgedWarnings(warnings, undefined)).toEqual(warnings);
    expect(unacknowledgedWarnings(warnings, ['supply-agreement-below-benchmark'])).toEqual([]);
  });
});

describe('premiumRate', () => {
  it.each<[string | null, string | null, string | null]>([
    ['1000000.00', '1125000.00', '12.50'],
    ['1000000', '1000000', '0.00'],
    ['1000', '900', '-10.00'],
    ['3', '4', '33.33'],
    ['3', '5', '66.67'],
    ['3', '2', '-33.33'],
    ['3', '1', '-66.67'],
    // 0.01 ÷ 8 = 0.125 % exactly: half-up gives 0.13 (float arithmetic gives 0.12499999… → 0.12)
    ['8.00', '8.01', '0.13'],
    ['8.00', '7.99', '-0.13'],
    // 0.1 + 0.2 style: (0.3 − 0.1) ÷ 0.1 is exactly 200 %
    ['0.1', '0.3', '200.00'],
    ['0.30', '0.60', '100.00'],
    ['0.10', '0.20', '100.00'],
    // a tiny negative premium rounds to zero without a minus sign
    ['100000000.00', '99999999.99', '0.00'],
    ['9999999999999999.99', '9999999999999999.99', '0.00'],
    ['1.00', '9999999999999999.99', '999999999999999899.00'],
    ['  1000 ', '1100', '10.00'],
    [null, '100', null],
    ['', '100', null],
    ['0', '100', null],
    ['0.00', '100', null],
    ['100', null, null],
    ['100', '', null],
    ['abc', '100', null],
    ['100', '1.234', null],
    ['-100', '100', null],
  ])('(%j → %j) = %j', (start, deal, expected) => {
    expect(premiumRate(start, deal)).toBe(expected);
  });
});

describe('parseMoney', () => {
  it.each<[string | null | undefined, string]>([
    [null, 'missing'],
    [undefined, 'missing'],
    ['  ', 'missing'],
    ['-3', 'negative'],
    ['-0', 'invalid'],
    ['1.2.3', 'invalid'],
    ['+5', 'invalid'],
  ])('%j → %s', (value, reason) => {
    const r = parseMoney(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('keeps exact decimal values', () => {
    const r = parseMoney('1234567890123456.78');
    expect(r.ok && r.value.toFixed(2)).toBe('1234567890123456.78');
  });
});
