import { supplies } from '../schema';
import type { TSupplyMode } from '../stages';
import { ALLOCATED_USES, type TPlannedUse } from './catalog';
import { amountFor, Dec, roundTo, type TDec } from './money';
import { allocationUser, transfereeCompany } from './people';
import { addDays, daysBetween, maxDate, yearOf, type Rng } from './random';
import type { TimelineStep } from './timeline';

/**
 * Supply records of a demo parcel, one per 已供应 step: the mode by planned use (allocation for
 * public and transport land, mostly listing otherwise), notice before the deal, starting price
 * from the expected land price, deal at a 0–40 % premium. An aborted trade keeps its row as 中止.
 */

type SupplyRow = typeof supplies.$inferInsert;

export interface SupplyInput {
  parcelId: string;
  plannedUse: TPlannedUse;
  areaM2: string;
  /** Expected land price, 元/m². */
  priceRate: number;
  steps: readonly TimelineStep[];
  today: string;
  nextContractNo: (year: number, allocation: boolean) => number;
}

export interface SupplyResult {
  rows: SupplyRow[];
  /** Deal price and contract number by the index of its 已供应 step in `steps`. */
  byStep: Map<number, { deal: TDec; contractNo: string }>;
}

function modeFor(rng: Rng, use: TPlannedUse): TSupplyMode {
  if (ALLOCATED_USES.includes(use)) return '划拨';
  if (use === '工业用地') return rng.chance(0.85) ? '挂牌' : '协议';
  return rng.weighted({ 挂牌: 75, 拍卖: 18, 招标: 7 });
}

/** Premium over the starting price: often none, rarely up to 40 %; auctions run higher. */
function premium(rng: Rng, mode: TSupplyMode): number {
  if (mode === '协议') return 0;
  const r = rng.float();
  const none = mode === '拍卖' ? 0.15 : 0.45;
  return r < none ? 0 : ((r - none) / (1 - none)) ** 2 * 0.4;
}

export function buildSupplies(rng: Rng, input: SupplyInput): SupplyResult {
  const rows: SupplyRow[] = [];
  const byStep = new Map<number, { deal: TDec; contractNo: string }>();
  const mode = modeFor(rng, input.plannedUse);
  input.steps.forEach((step, i) => {
    if (step.to !== '已供应') return;
    const dealDate = step.date;
    const readyOn = input.steps[i - 1].date;
    const aborted = input.steps[i + 1]?.to === '可供应';
    const allocation = mode === '划拨';
    let notice: string | null = null;
    let start: TDec | null = null;
    let deal: TDec;
    if (allocation) {
      deal = new Dec(0);
    } else {
      notice = maxDate(readyOn, addDays(dealDate, -rng.int(20, 40)));
      if (daysBetween(notice, dealDate) < 1) notice = addDays(dealDate, -1);
      start = roundTo(amountFor(input.areaM2, input.priceRate * rng.between(0.9, 1.1)), 10_000);
      deal = roundTo(start.mul(new Dec((1 + premium(rng, mode)).toFixed(4))), 10_000);
      if (deal.lt(start)) deal = start;
    }
    const year = yearOf(dealDate);
    const no = String(input.nextContractNo(year, allocation)).padStart(4, '0');
    const contractNo = allocation ? `益划〔${year}〕${no}号` : `YYCR-${year}-${no}`;
    const handover = addDays(dealDate, rng.int(30, 90));
    rows.push({
      parcelId: input.parcelId,
      mode,
      noticeDate: notice,
      startingPrice: start ? start.toFixed(2) : null,
      dealPrice: deal.toFixed(2),
      transferee: allocation ? allocationUser(rng, input.plannedUse) : transfereeCompany(rng, input.plannedUse),
      contractNo,
      dealDate,
      handoverDate: !aborted && daysBetween(handover, input.today) >= 0 ? handover : null,
      status: aborted ? '中止' : '成交',
    });
    byStep.set(i, { deal, contractNo });
  });
  return { rows, byStep };
}
