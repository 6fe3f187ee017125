import { newId } from '@/platform/ids';
import type { parcelCosts } from '../schema';
import type { TAcquisitionRoute } from '../stages';
import { Dec, ZERO, type TDec } from './money';
import type { Rng } from './random';

/**
 * Acquisition costs of a demo parcel owed to no party: for 征收, 耕地开垦费 on the farmland taken
 * (6.6 万元/亩, 湘政办发〔2019〕38号 中等水田, from the reference data) and 耕地占用税 (an
 * illustrative 24 元/m²); for every route an appraisal fee and, often, a contingency line.
 */

type CostRow = typeof parcelCosts.$inferInsert;

const MU_PER_M2 = new Dec(15).div(10000);
const RECLAMATION_WAN_PER_MU = new Dec('6.6');
const OCCUPATION_TAX_PER_M2 = new Dec(24);

export interface CostInput {
  parcelId: string;
  route: TAcquisitionRoute;
  areaM2: string;
  /** Compensation agreed with the parties (the appraisal fee and contingency are shares of it). */
  agreed: TDec;
}

export function buildCosts(rng: Rng, input: CostInput): { rows: CostRow[]; total: TDec } {
  const rows: CostRow[] = [];
  const push = (category: CostRow['category'], amount: TDec, note: string) => {
    if (amount.gt(0)) rows.push({ id: newId(), parcelId: input.parcelId, category, amount: amount.toFixed(2), note: `${note}（演示数据）` });
  };
  if (input.route === '征收') {
    const farmland = new Dec(input.areaM2).mul(new Dec(rng.between(0.45, 0.8).toFixed(2))).toDecimalPlaces(0);
    const mu = farmland.mul(MU_PER_M2).toDecimalPlaces(2);
    push('耕地开垦费', mu.mul(RECLAMATION_WAN_PER_MU).mul(10000).toDecimalPlaces(2), `耕地 ${mu.toFixed(2)} 亩 × 6.6 万元/亩（湘政办发〔2019〕38号，中等水田）`);
    push('耕地占用税', farmland.mul(OCCUPATION_TAX_PER_M2).toDecimalPlaces(2), `耕地 ${farmland.toFixed(0)} 平方米 × 24 元/平方米（示意税额）`);
  }
  const base = input.agreed.gt(0) ? input.agreed : new Dec(input.areaM2).mul(200);
  push('评估费', base.mul(new Dec(rng.between(0.001, 0.003).toFixed(4))).toNearest(100).add(5000), '土地及地上附着物评估');
  if (rng.chance(0.6)) push('不可预见费', base.mul(new Dec(rng.between(0.02, 0.05).toFixed(3))).toNearest(100), '按补偿费用的比例预留');
  return { rows, total: rows.reduce((s, r) => s.add(r.amount), ZERO) };
}
