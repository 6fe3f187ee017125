import type { parcels } from '../schema';
import type { THazardResult } from '../stages';
import { soilSurveyNeed } from '../rules/hazards';
import type { Rng } from './random';

/**
 * The five 入库 hazard checks of a demo parcel. A reserved parcel has every check 通过 or 不涉及
 * with a reason, and the soil survey 通过 wherever the law requires it (where it is optional it
 * was sometimes not done); a parcel still in 收储中 is part way through.
 */

type HazardColumns = Pick<
  typeof parcels.$inferInsert,
  | 'hazardSoil'
  | 'hazardRelics'
  | 'hazardMinerals'
  | 'hazardFlood'
  | 'hazardGeology'
  | 'hazardSoilReason'
  | 'hazardRelicsReason'
  | 'hazardMineralsReason'
  | 'hazardFloodReason'
  | 'hazardGeologyReason'
>;

/** Reasons a check does not apply, as a clerk would write them (demo). */
const NOT_APPLICABLE = {
  relics: '经市文物部门核查，地块不在地下文物埋藏区和文物保护范围内，不涉及考古调查勘探',
  minerals: '地块位于城镇开发边界内，经查询矿业权和矿产资源储量数据，不压覆重要矿产资源',
  flood: '地块地面高程高于所在片区防洪标准水位，不在洪涝风险区范围内',
  geology: '地块位于地质灾害低易发区，原为已建成用地，不涉及地质灾害危险性评估',
} as const;

export function demoHazards(
  rng: Rng,
  p: { reserved: boolean; started: boolean; plannedUse: string; soilKeySupervised: boolean },
): HazardColumns {
  const none: HazardColumns = {
    hazardSoil: '未查',
    hazardRelics: '未查',
    hazardMinerals: '未查',
    hazardFlood: '未查',
    hazardGeology: '未查',
    hazardSoilReason: null,
    hazardRelicsReason: null,
    hazardMineralsReason: null,
    hazardFloodReason: null,
    hazardGeologyReason: null,
  };
  if (!p.started) return none;
  const soilRequired = soilSurveyNeed(p.plannedUse, p.soilKeySupervised).required;
  const pick = (key: keyof typeof NOT_APPLICABLE): [THazardResult, string | null] => {
    const r: THazardResult = p.reserved
      ? rng.weighted({ 通过: 75, 不涉及: 25 })
      : rng.weighted({ 未查: 45, 通过: 38, 不涉及: 13, 不通过: 4 });
    return [r, r === '不涉及' ? NOT_APPLICABLE[key] : null];
  };
  const soil: THazardResult = p.reserved ? (soilRequired || rng.chance(0.7) ? '通过' : '未查') : rng.weighted({ 未查: 50, 通过: 46, 不通过: 4 });
  const [relics, relicsReason] = pick('relics');
  const [minerals, mineralsReason] = pick('minerals');
  const [flood, floodReason] = pick('flood');
  const [geology, geologyReason] = pick('geology');
  return {
    hazardSoil: soil,
    hazardRelics: relics,
    hazardMinerals: minerals,
    hazardFlood: flood,
    hazardGeology: geology,
    hazardSoilReason: null,
    hazardRelicsReason: relicsReason,
    hazardMineralsReason: mineralsReason,
    hazardFloodReason: floodReason,
    hazardGeologyReason: geologyReason,
  };
}
