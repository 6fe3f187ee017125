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

export const HAZARD_CHECKS = [
  { key: 'hazardSoil', label: '土壤污染状况调查' },
  { key: 'hazardRelics', label: '文物考古调查' },
  { key: 'hazardMinerals', label: '压覆矿产调查' },
  { key: 'hazardGeology', label: '地质灾害危险性评估' },
] as const;
export const HAZARD_RESULTS = ['未查', '通过', '不通过'] as const;
export type THazardResult = (typeof HAZARD_RESULTS)[number];

/** Compensation cost items (DOMAIN.md, 收储中). */
export const COMPENSATION_CATEGORIES = [
  '土地补偿费',
  '青苗补偿费',
  '地上附着物补偿费',
  '住宅房屋拆迁补偿',
  '非住宅房屋拆迁补偿',
  '搬迁及临时安置费',
  '停产停业损失补偿',
  '提前搬迁奖励',
  '耕地开垦费',
  '耕地占用税',
  '评估费',
  '不可预见费',
] as const;
export type TCompensationCategory = (typeof COMPENSATION_CATEGORIES)[number];

export const PARTY_TYPES = ['个人', '单位'] as const;
