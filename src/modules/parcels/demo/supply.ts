import { supplies } from '../schema';
import type { TSupplyMode } from '../stages';
import { ALLOCATED_USES, type TPlannedUse } from './catalog';
import { amountFor, Dec, roundTo, type TDec } from './money';
import { allocationUser, transfereeCompany } from './people';
import { addDays, daysBetween, yearOf, type Rng } from './random';
import type { TimelineStep } from './timeline';

/**
 * Supply records of a demo parcel, one per 已供应 step: the mode by planned use (allocation for
 * public and transport land under its 《划拨用地目录》 item; 招标/拍卖/挂牌 for 住宅, 商服 and 工业 —
 * never 协议, 令39号 第四条), the notice 20–30 days before bidding starts (第十条), a listing of
 * 10–15 days ending on the deal day (第十九条), starting price from the expected land price, deal
 * at a 0–40 % premium. An aborted trade keeps its row as 中止.
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
  if (use === '工业用地') return rng.chance(0.85) ? '挂牌' : '拍卖';
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
    let bidStart: string | null = null;
    let listingEnd: string | null = null;
    let start: TDec | null = null;
    let deal: TDec;
    let user: { user: string; category: string | null };
    if (allocation) {
      deal = new Dec(0);
      user = allocationUser(rng, input.plannedUse);
    } else {
      // 挂牌 ends on the deal day after 10–15 days; an auction or tender is decided on its day.
      // The notice comes 20–30 days before the start, not before the parcel was ready (the
      // timeline leaves at least 30 days between 可供应 and 已供应).
      const listing = mode === '挂牌' ? Math.max(10, Math.min(rng.int(10, 15), daysBetween(readyOn, dealDate) - 20)) : 0;
      bidStart = addDays(dealDate, -listing);
      listingEnd = mode === '挂牌' ? dealDate : null;
      const room = daysBetween(readyOn, bidStart);
      notice = addDays(bidStart, -Math.max(20, Math.min(rng.int(20, 30), room)));
      if (daysBetween(notice, readyOn) > 0) throw new Error(`demo supply: no room for the notice before ${dealDate} (ready ${readyOn})`);
      user = { user: transfereeCompany(rng, input.plannedUse), category: null };
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
      bidStartDate: bidStart,
      listingEndDate: listingEnd,
      allocationCategory: user.category,
      startingPrice: start ? start.toFixed(2) : null,
      dealPrice: deal.toFixed(2),
      transferee: user.user,
      contractNo,
      dealDate,
      handoverDate: !aborted && daysBetween(handover, input.today) >= 0 ? handover : null,
      status: aborted ? '中止' : '成交',
    });
    byStep.set(i, { deal, contractNo });
  });
  return { rows, byStep };
}
