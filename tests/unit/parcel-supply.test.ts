import { describe, expect, it } from 'vitest';
import { SUPPLY_MODES } from '../../src/modules/parcels/stages';
import {
  checkTransition,
  parseMoney,
  premiumRate,
  RULE_SOURCES,
  type GuardProblem,
  type TransitionFacts,
  type TSupplyFacts,
} from '../../src/modules/parcels/rules';
import { cleanNetLand } from '../helpers/net-land';

const TODAY = '2026-03-15';

const AUCTION: TSupplyFacts = {
  mode: '挂牌',
  noticeDate: '2026-02-01',
  startingPrice: '1000000.00',
  dealPrice: '1200000.00',
  dealDate: '2026-03-05',
  transferee: '益阳某置业有限公司',
  contractNo: '430900-2026-001',
};
const AGREEMENT: TSupplyFacts = { mode: '协议', dealPrice: '800000.00', dealDate: '2026-03-05', transferee: '某公司', contractNo: 'XY-01' };
const ALLOCATION: TSupplyFacts = { mode: '划拨', dealPrice: '0', dealDate: '2026-03-05', transferee: '益阳市某小学', contractNo: '益划〔2026〕3号' };

function supplyProblems(supply: TSupplyFacts | undefined, over: Partial<TransitionFacts> = {}): GuardProblem[] {
  const facts: TransitionFacts = {
    today: TODAY,
    eventDate: '2026-03-10',
    lastEventDate: '2026-01-10',
    compensation: { parties: 1, allSigned: true, allPaid: true },
    titleRegistered: true,
    hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardGeology: '通过' },
    workPackages: [{ workType: '道路', acceptedOn: '2026-01-01' }],
    netLand: cleanNetLand(),
    supply,
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
    hazards: { hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardGeology: '通过' },
    workPackages: [],
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
    ['notice on the deal day', { noticeDate: '2026-03-05', dealDate: '2026-03-05' }, []],
    ['notice a day after the deal', { noticeDate: '2026-03-06', dealDate: '2026-03-05' }, ['supply-notice-after-deal']],
    ['notice not a date', { noticeDate: '2026-02-30' }, ['supply-notice-date-invalid']],
    ['deal date not a date', { dealDate: '20260305' }, ['supply-deal-date-invalid']],
    ['deal today', { dealDate: TODAY }, []],
    ['deal tomorrow', { dealDate: '2026-03-16', noticeDate: '2026-03-01' }, ['supply-deal-date-future']],
    ['deal on the day of the last event', { dealDate: '2026-01-10', noticeDate: '2026-01-01' }, []],
    ['deal before the last event', { dealDate: '2026-01-09', noticeDate: '2026-01-01' }, ['supply-deal-date-before-last']],
  ])('%s', (_name, over, expected) => {
    expect(codes(withAuction(over))).toEqual(expected);
  });

  it('names the dates', () => {
    const [p] = supplyProblems(withAuction({ noticeDate: '2026-03-06', dealDate: '2026-03-05' }));
    expect(p.message).toBe('公告日期（2026-03-06）不能晚于成交日期（2026-03-05）');
    const [q] = supplyProblems(withAuction({ dealDate: '2026-01-09', noticeDate: '2026-01-01' }));
    expect(q.message).toBe('成交日期不能早于上一环节（2026-01-10）');
  });

  it('a supply dated by its deal date (as the form sends it) reports a future date once, for the deal date', () => {
    expect(codes(withAuction({ dealDate: '2026-03-16', noticeDate: '2026-03-01' }), { eventDate: '2026-03-16' })).toEqual(['supply-deal-date-future']);
    expect(codes(withAuction({ dealDate: '', noticeDate: '2026-03-01' }), { eventDate: '' })).toEqual(['supply-deal-date-missing']);
  });

  it('reports event date, price and party problems together', () => {
    expect(codes(withAuction({ dealPrice: '5', transferee: '' }), { eventDate: '2026-04-01' })).toEqual([
      'date-future',
      'supply-transferee-missing',
      'supply-deal-below-start',
    ]);
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
