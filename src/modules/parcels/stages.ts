/** Lifecycle stages of a parcel (DOMAIN.md). Client-safe constants. */
export const STAGES = ['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止'] as const;
export type TStage = (typeof STAGES)[number];

export const ACQUISITION_ROUTES = ['收回', '收购', '征收', '优先购买'] as const;
export type TAcquisitionRoute = (typeof ACQUISITION_ROUTES)[number];

export const SUPPLY_MODES = ['招标', '拍卖', '挂牌', '协议', '划拨'] as const;
export type TSupplyMode = (typeof SUPPLY_MODES)[number];

/** 前期开发 works: R17's 通平 list (道路 … 围挡, 平整), F18's 照明 and 绿化, and 拆除 of what stands on the land (净地). */
export const WORK_TYPES = ['拆除', '平整', '道路', '供水', '供电', '燃气', '排水', '通信', '照明', '绿化', '围挡'] as const;
export type TWorkType = (typeof WORK_TYPES)[number];

export const CUSTODY_MODES = ['自管', '委托', '临时利用'] as const;
export type TCustodyMode = (typeof CUSTODY_MODES)[number];

/** The 入库 hazard checks (R17: 污染、文物遗存、矿产压覆、洪涝隐患、地质灾害风险), in the text's order. */
export const HAZARD_CHECKS = [
  { key: 'hazardSoil', reasonKey: 'hazardSoilReason', label: '土壤污染状况调查' },
  { key: 'hazardRelics', reasonKey: 'hazardRelicsReason', label: '文物考古调查' },
  { key: 'hazardMinerals', reasonKey: 'hazardMineralsReason', label: '压覆矿产调查' },
  { key: 'hazardFlood', reasonKey: 'hazardFloodReason', label: '洪涝隐患排查' },
  { key: 'hazardGeology', reasonKey: 'hazardGeologyReason', label: '地质灾害危险性评估' },
] as const;
export type THazardKey = (typeof HAZARD_CHECKS)[number]['key'];
export type THazardReasonKey = (typeof HAZARD_CHECKS)[number]['reasonKey'];
/** 不涉及: the check does not apply to this parcel, with the reason recorded beside it. */
export const HAZARD_RESULTS = ['未查', '通过', '不通过', '不涉及'] as const;
export type THazardResult = (typeof HAZARD_RESULTS)[number];
/** Longest reason for a 不涉及 result. */
export const HAZARD_REASON_MAX = 200;

/**
 * What a compensated party is owed (a party's agreement is the sum of its items): the items of
 * 《土地管理法》第四十八条 (土地补偿费, 安置补助费, 农村村民住宅 / 其他地上附着物和青苗的补偿费用,
 * 被征地农民社会保障费用) and, for houses and businesses, demolition, relocation and temporary
 * housing, business-interruption loss and the early-move bonus (DOMAIN.md 收储中). 住宅房屋拆迁补偿
 * covers 农村村民住宅.
 */
export const COMPENSATION_CATEGORIES = [
  '土地补偿费',
  '安置补助费',
  '地上附着物补偿费',
  '青苗补偿费',
  '被征地农民社会保障费用',
  '住宅房屋拆迁补偿',
  '非住宅房屋拆迁补偿',
  '搬迁及临时安置费',
  '停产停业损失补偿',
  '提前搬迁奖励',
] as const;
export type TCompensationCategory = (typeof COMPENSATION_CATEGORIES)[number];

/**
 * Taxes, fees and contingency of an acquisition: costs of the project, paid to the tax office,
 * the land authority or a contractor — never owed to a compensated party, so never part of an
 * agreement nor of 补偿到位. Recorded per parcel (parcel_costs).
 */
export const ACQUISITION_COST_CATEGORIES = ['耕地开垦费', '耕地占用税', '评估费', '不可预见费'] as const;
export type TAcquisitionCostCategory = (typeof ACQUISITION_COST_CATEGORIES)[number];

export const PARTY_TYPES = ['个人', '单位'] as const;
