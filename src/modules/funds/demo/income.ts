import { Dec, dec, type TDec } from '@/modules/plans/amounts';
import { addDays, maxDate, minDate, type Rng } from '@/modules/parcels/demo/random';
import { TREASURY_INCOME } from '../rules/money';
import { FIRST_DAY, lastDayOf } from './common';
import type { FundsDemoInput } from './build';
import type { Draft } from './workflow';

/**
 * Income of the demo besides bond proceeds and fiscal top-ups: the land-sale income 财政 arranges
 * back to a project when one of its parcels is sold — the cost accounted for that parcel, not a
 * share of the price (财综〔2018〕8号: 从已供应储备土地产生的土地出让收入中安排…费用) — and the
 * 零星收入 of parcels in temporary use, paid into the treasury (收支两条线).
 */

/**
 * For each parcel sold at a price: 30–90 days after the deal, the costs accounted to it by then —
 * its own spending plus an equal part of the project's spending not tied to a parcel (its
 * parcels not cancelled share it) — at most the deal price.
 */
export function landIncomeByCost(rng: Rng, input: FundsDemoInput, expenses: readonly Draft[]): Draft[] {
  const lastDay = lastDayOf(input);
  const parcelById = new Map(input.parcels.map((p) => [p.id, p]));
  const sharing = new Map<string, number>();
  for (const p of input.parcels) if (!p.cancelledOn) sharing.set(p.projectId, (sharing.get(p.projectId) ?? 0) + 1);
  const drafts: Draft[] = [];
  for (const s of input.supplies) {
    const parcel = parcelById.get(s.parcelId);
    if (!parcel || !s.dealPrice || !s.dealDate || dec(s.dealPrice).lte(0)) continue;
    const date = maxDate(addDays(s.dealDate, rng.int(30, 90)), FIRST_DAY);
    if (date > lastDay) continue;
    let own = new Dec(0);
    let common = new Dec(0);
    for (const e of expenses) {
      if (e.projectId !== parcel.projectId || e.date > date) continue;
      if (e.parcelId === parcel.id) own = own.add(e.amount);
      else if (!e.parcelId) common = common.add(e.amount);
    }
    const cost = own.add(common.div(sharing.get(parcel.projectId) ?? 1)).toDecimalPlaces(2, Dec.ROUND_DOWN);
    const amount = Dec.min(cost, dec(s.dealPrice));
    if (amount.lte(0)) continue;
    drafts.push({
      direction: 'income',
      date,
      amount,
      category: '土地出让收入安排',
      source: 'land_income',
      projectId: parcel.projectId,
      parcelId: parcel.id,
      origin: 'manual',
      counterparty: '益阳市财政局',
      description: `地块 ${parcel.code} 已供应，按核算成本安排土地出让收入（演示）`,
    });
  }
  return drafts;
}

/** Rent of parcels in temporary use, every six months of the use up to yesterday: paid into the treasury. */
export function temporaryUseRent(rng: Rng, input: FundsDemoInput): Draft[] {
  const lastDay = lastDayOf(input);
  const drafts: Draft[] = [];
  for (const p of input.parcels) {
    if (!p.tempUseStart) continue;
    const end = minDate(p.tempUseEnd ?? lastDay, lastDay);
    const rent: TDec = new Dec(rng.int(8, 40) * 1000);
    for (let from = maxDate(p.tempUseStart, FIRST_DAY); from <= end; from = addDays(from, 182)) {
      const date = minDate(addDays(from, rng.int(5, 20)), lastDay);
      drafts.push({
        direction: 'income',
        date,
        amount: rent,
        category: TREASURY_INCOME,
        source: null,
        projectId: p.projectId,
        parcelId: p.id,
        origin: 'manual',
        counterparty: p.custodian ?? '临时使用单位（演示）',
        description: `地块 ${p.code} 临时利用租金（${from.slice(0, 7)} 起半年，缴入国库，演示）`,
      });
    }
  }
  return drafts;
}
