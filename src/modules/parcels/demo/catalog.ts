import type { TAcquisitionRoute } from '../stages';

/**
 * The fixed outline of the demo reserve projects (储备片区, route, main use, size). Zone and road
 * names are illustrative; everything built from them is marked demo (演示数据).
 */

export const PLANNED_USES = ['住宅用地', '商服用地', '工业用地', '公共管理与公共服务用地', '交通运输用地'] as const;
export type TPlannedUse = (typeof PLANNED_USES)[number];

/** Uses supplied by allocation (划拨) at no price. */
export const ALLOCATED_USES: readonly TPlannedUse[] = ['公共管理与公共服务用地', '交通运输用地'];

export type TProjectKind = 'residential' | 'commercial' | 'industrial';

export interface ProjectOutline {
  district: string;
  zone: string;
  route: TAcquisitionRoute;
  kind: TProjectKind;
  parcels: number;
  /** Where the zone centre is searched: [lon, lat] (null: the district's seat) and half-widths in degrees. */
  near: [number, number] | null;
  spread: [number, number];
}

const HS = '430903';
const ZY = '430902';
const HS_NEAR: [number, number] = [112.375, 28.535];
const HS_SPREAD: [number, number] = [0.09, 0.06];
const ZY_NEAR: [number, number] = [112.32, 28.615];
const ZY_SPREAD: [number, number] = [0.07, 0.03];

/** 20 projects, 300 parcels; 228 of them (76 %) in 赫山区 and 资阳区 around the city centre. */
export const PROJECT_OUTLINES: readonly ProjectOutline[] = [
  { district: HS, zone: '龙岭片区', route: '征收', kind: 'residential', parcels: 24, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '梓山湖片区', route: '征收', kind: 'residential', parcels: 19, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '会龙山片区', route: '收购', kind: 'commercial', parcels: 17, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '谢林港片区', route: '征收', kind: 'industrial', parcels: 15, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '东部新区片区', route: '征收', kind: 'commercial', parcels: 18, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '沧水铺片区', route: '征收', kind: 'industrial', parcels: 15, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '鱼形山片区', route: '收回', kind: 'residential', parcels: 13, near: HS_NEAR, spread: HS_SPREAD },
  { district: HS, zone: '衡龙桥片区', route: '优先购买', kind: 'industrial', parcels: 16, near: HS_NEAR, spread: HS_SPREAD },
  { district: ZY, zone: '长春片区', route: '征收', kind: 'industrial', parcels: 17, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: ZY, zone: '大码头片区', route: '收购', kind: 'commercial', parcels: 16, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: ZY, zone: '迎风桥片区', route: '征收', kind: 'residential', parcels: 15, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: ZY, zone: '新桥河片区', route: '收回', kind: 'industrial', parcels: 15, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: ZY, zone: '资阳老城片区', route: '收购', kind: 'commercial', parcels: 14, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: ZY, zone: '马良片区', route: '征收', kind: 'residential', parcels: 14, near: ZY_NEAR, spread: ZY_SPREAD },
  { district: '430921', zone: '南洲片区', route: '征收', kind: 'residential', parcels: 12, near: null, spread: [0.035, 0.03] },
  { district: '430922', zone: '桃花江片区', route: '征收', kind: 'residential', parcels: 12, near: null, spread: [0.035, 0.03] },
  { district: '430922', zone: '灰山港片区', route: '收购', kind: 'industrial', parcels: 12, near: null, spread: [0.05, 0.04] },
  { district: '430923', zone: '东坪片区', route: '征收', kind: 'commercial', parcels: 10, near: null, spread: [0.03, 0.02] },
  { district: '430981', zone: '琼湖片区', route: '收购', kind: 'residential', parcels: 13, near: null, spread: [0.035, 0.03] },
  { district: '430981', zone: '胭脂湖片区', route: '征收', kind: 'commercial', parcels: 13, near: null, spread: [0.035, 0.03] },
];

export const USE_MIX: Record<TProjectKind, Partial<Record<TPlannedUse, number>>> = {
  residential: { 住宅用地: 70, 商服用地: 14, 公共管理与公共服务用地: 10, 交通运输用地: 6 },
  commercial: { 商服用地: 58, 住宅用地: 30, 公共管理与公共服务用地: 7, 交通运输用地: 5 },
  industrial: { 工业用地: 86, 交通运输用地: 8, 公共管理与公共服务用地: 6 },
};

/**
 * Expected land price in 元/m² by use: [min, max] for the city districts and for the counties.
 * 商服 is not drawn from here: see commercialLandPrice (the real 2024 标定地价). The others are
 * synthetic (演示数据), in proportion to it.
 */
export const PRICE_RANGE: Record<TPlannedUse, { city: [number, number]; county: [number, number] }> = {
  住宅用地: { city: [1500, 3000], county: [800, 1600] },
  商服用地: { city: [4300, 7200], county: [1900, 4300] },
  工业用地: { city: [200, 330], county: [160, 260] },
  公共管理与公共服务用地: { city: [0, 0], county: [0, 0] },
  交通运输用地: { city: [0, 0], county: [0, 0] },
};

export const PLOT_RATIO_RANGE: Record<TPlannedUse, [number, number] | null> = {
  住宅用地: [1.8, 3.0],
  // The plot ratios of the 2024 标定地价 商服 parcels (1.56–3.88).
  商服用地: [1.6, 3.9],
  工业用地: [1.0, 2.0],
  公共管理与公共服务用地: [0.8, 2.0],
  交通运输用地: null,
};

/**
 * 商服 land prices consistent with the real 2024 标定地价 of 益阳's central districts
 * (data-reference/yiyang-standard-land-prices-2024.csv: 表1 益阳市中心城区商服用地标定地价更新成果表,
 * 益资规发〔2024〕21号, valuation date 2024-01-01): there the floor price (楼面价) falls as the plot
 * ratio rises — 2,448 元/m² at 1.76 to about 1,820 元/m² at 3.75–3.88 — and land price = floor
 * price × plot ratio (4,308–7,153 元/m²). The band below is that line ± 12 %, which holds every
 * complete row of the table (tests/unit/demo-land-prices.test.ts). County seats are not in the
 * table: their prices are a synthetic 45–60 % of it (演示数据).
 */
export const COMMERCIAL_FLOOR_PRICE = { atRatio: 1.76, price: 2450, slopePerRatio: 300, spread: 0.12 } as const;
export const COUNTY_COMMERCIAL_SHARE: [number, number] = [0.45, 0.6];

/** The band of 2024 商服 floor prices (元/m² of floor area) at a plot ratio. */
export function commercialFloorPriceBand(plotRatio: number): [number, number] {
  const c = COMMERCIAL_FLOOR_PRICE;
  const mid = c.price - c.slopePerRatio * (plotRatio - c.atRatio);
  return [mid * (1 - c.spread), mid * (1 + c.spread)];
}

/** A 商服 land price (元/m² of land) for a plot ratio; `u` and `v` are uniform draws in [0, 1). */
export function commercialLandPrice(plotRatio: number, county: boolean, u: number, v: number): number {
  const [lo, hi] = commercialFloorPriceBand(plotRatio);
  const share = county ? COUNTY_COMMERCIAL_SHARE[0] + (COUNTY_COMMERCIAL_SHARE[1] - COUNTY_COMMERCIAL_SHARE[0]) * v : 1;
  return (lo + (hi - lo) * u) * plotRatio * share;
}

export const CURRENT_USES: Record<TAcquisitionRoute, readonly string[]> = {
  征收: ['耕地', '村庄', '园地', '林地', '坑塘水面'],
  收购: ['工矿仓储用地', '城镇住宅用地', '商服用地'],
  收回: ['空闲地', '工矿仓储用地', '城镇住宅用地'],
  优先购买: ['工矿仓储用地'],
};

export const DISTRICT_SHORT: Record<string, { name: string; short: string; registry: string }> = {
  '430902': { name: '资阳区', short: '资', registry: '益阳市' },
  '430903': { name: '赫山区', short: '赫', registry: '益阳市' },
  '430921': { name: '南县', short: '南', registry: '南县' },
  '430922': { name: '桃江县', short: '桃', registry: '桃江县' },
  '430923': { name: '安化县', short: '安', registry: '安化县' },
  '430981': { name: '沅江市', short: '沅', registry: '沅江市' },
};

export const ROADS: Record<string, readonly string[]> = {
  '430902': ['资阳大道', '五一西路', '马良路', '长春路', '汽车北路', '迎风桥路', '新桥河大道'],
  '430903': ['龙岭大道', '银城大道', '康富路', '迎宾路', '梓山路', '会龙路', '桃花仑路', '谢林港路', '衡龙大道'],
  '430921': ['南洲路', '兴盛大道', '育才路', '城西路'],
  '430922': ['桃花江路', '建设路', '资江路', '灰山港大道'],
  '430923': ['东坪大道', '资江路', '黄沙坪路'],
  '430981': ['琼湖路', '胭脂湖大道', '庆云路', '太阳路'],
};

export const TERMINATION_REASONS = [
  '规划调整，地块纳入生态保护范围，经研究终止收储（演示）',
  '征收补偿协商未果，经集体研究终止收储（演示）',
  '土地权属争议未能解决，暂不具备收储条件（演示）',
  '年度资金计划调减，项目暂缓实施，终止收储（演示）',
  '原土地使用者申请自行开发，经批准终止收储（演示）',
] as const;

export const ABORT_REASONS = [
  '竞得人未按期签订出让合同，成交结果作废（演示）',
  '竞得人未按期缴纳土地出让价款，解除出让合同（演示）',
  '规划条件调整，经批准中止交易（演示）',
] as const;

export const INSPECTION_ISSUES = [
  { findings: '发现少量建筑垃圾倾倒', rectification: '已联系环卫清运，增设警示牌' },
  { findings: '围挡局部破损', rectification: '已通知管护单位修复围挡' },
  { findings: '有村民零星种植蔬菜', rectification: '已劝离并恢复原状' },
  { findings: '场地积水，排水沟堵塞', rectification: '已疏通排水沟' },
  { findings: '发现临时搭建的简易棚', rectification: '已责令当事人自行拆除' },
] as const;

export const INSPECTION_OK = ['现场围挡完好，无违法占用', '地块现状良好，无私搭乱建', '巡查未发现异常', '场地平整，无倾倒垃圾'] as const;

export const INSPECTORS = ['王经办（演示）', '李科长（演示）', '赵巡查员（演示）', '孙巡查员（演示）', '罗巡查员（演示）'] as const;
