import { newId } from '@/platform/ids';
import { compensationItems, compensationParties } from '../schema';
import type { TAcquisitionRoute, TCompensationCategory } from '../stages';
import { amountFor, Dec, splitExact, sumOf, type TDec } from './money';
import { creditCode, formerUserCompany, idNumber, landline, mobile, personName, storePersonal, villageCollective } from './people';
import { daysBetween, addDays, dateBetween, yearOf, type Rng } from './random';

/**
 * Households and entities compensated on a demo parcel, with their items by category. Parcels
 * that reached 已入库 have every agreement signed and paid in full; parcels still in (or
 * cancelled during) 收储中 are partly signed and partly paid.
 */

type PartyRow = typeof compensationParties.$inferInsert;
type ItemRow = typeof compensationItems.$inferInsert;
type PartyKind = 'collective' | 'household' | 'company';

const CATEGORIES: Record<PartyKind, { always: TCompensationCategory; optional: TCompensationCategory[] }> = {
  collective: { always: '土地补偿费', optional: ['安置补助费', '青苗补偿费', '地上附着物补偿费', '被征地农民社会保障费用'] },
  household: { always: '住宅房屋拆迁补偿', optional: ['地上附着物补偿费', '搬迁及临时安置费', '提前搬迁奖励', '青苗补偿费'] },
  company: { always: '非住宅房屋拆迁补偿', optional: ['地上附着物补偿费', '停产停业损失补偿', '搬迁及临时安置费', '提前搬迁奖励'] },
};

export interface CompensationInput {
  parcelId: string;
  route: TAcquisitionRoute;
  districtCode: string;
  districtShort: string;
  areaM2: string;
  /** 元/m² */
  costRate: number;
  /** Date acquisition began (entry into 收储中). */
  startedOn: string;
  /** Date of entry into 已入库, or null when acquisition is unfinished. */
  reservedOn: string | null;
  /** Last day agreements can carry when unfinished (today, or the cancellation date). */
  endOn: string;
  nextAgreementNo: (year: number) => number;
}

export interface CompensationResult {
  parties: PartyRow[];
  items: ItemRow[];
  agreed: TDec;
}

function partyKinds(rng: Rng, route: TAcquisitionRoute): PartyKind[] {
  switch (route) {
    case '征收':
      return ['collective', ...Array.from({ length: rng.int(0, 7) }, () => 'household' as const)];
    case '收购':
      return Array.from({ length: rng.int(1, 4) }, (_, i) => (i === 0 || rng.chance(0.5) ? 'company' : 'household'));
    case '收回':
      return rng.chance(0.6) ? [] : ['company'];
    case '优先购买':
      return ['company'];
  }
}

const AGREEMENT_WORD: Record<TAcquisitionRoute, string> = { 征收: '征补', 收购: '收购', 收回: '收回补', 优先购买: '优购' };

export function buildCompensation(rng: Rng, input: CompensationInput): CompensationResult {
  const kinds = partyKinds(rng, input.route);
  if (!kinds.length) return { parties: [], items: [], agreed: new Dec(0) };
  const total = amountFor(input.areaM2, input.costRate * rng.between(0.85, 1.15));
  const weights = kinds.map((k) => (k === 'collective' ? rng.between(0.35, 0.55) * kinds.length : rng.between(0.5, 1.5)));
  const amounts = splitExact(total, weights);
  const finished = input.reservedOn !== null;
  const parties: PartyRow[] = [];
  const items: ItemRow[] = [];

  kinds.forEach((kind, i) => {
    const id = newId();
    const agreed = amounts[i];
    let signedOn: string | null;
    let paid: TDec;
    if (finished) {
      const lastDay = addDays(input.reservedOn!, -Math.min(5, daysBetween(input.startedOn, input.reservedOn!)));
      signedOn = dateBetween(rng, input.startedOn, lastDay);
      paid = agreed;
    } else {
      signedOn = rng.chance(0.55) ? dateBetween(rng, input.startedOn, input.endOn) : null;
      const r = rng.float();
      paid = !signedOn || r < 0.2 ? new Dec(0) : r < 0.55 ? agreed.mul(new Dec(rng.between(0.3, 0.9).toFixed(2))).toDecimalPlaces(2) : agreed;
    }
    const personal =
      kind === 'household'
        ? storePersonal(idNumber(rng), mobile(rng))
        : storePersonal(creditCode(rng, kind === 'collective' ? 'N2' : '91', input.districtCode), rng.chance(0.5) ? landline(rng) : mobile(rng));
    const name = kind === 'household' ? personName(rng) : kind === 'collective' ? villageCollective(rng) : formerUserCompany(rng);
    const year = yearOf(signedOn ?? input.startedOn);
    parties.push({
      id,
      parcelId: input.parcelId,
      partyType: kind === 'household' ? '个人' : '单位',
      name,
      ...personal,
      agreementNo: signedOn ? `${input.districtShort}${AGREEMENT_WORD[input.route]}〔${year}〕${String(input.nextAgreementNo(year)).padStart(4, '0')}号` : null,
      agreementSignedOn: signedOn,
      amountAgreed: agreed.toFixed(2),
      amountPaid: paid.toFixed(2),
    });
    const { always, optional } = CATEGORIES[kind];
    const categories = [always, ...rng.sample(optional, rng.int(1, Math.min(4, optional.length)))];
    const parts = splitExact(
      agreed,
      categories.map((_, k) => (k === 0 ? rng.between(2, 4) : rng.between(0.2, 1))),
    );
    categories.forEach((category, k) => {
      items.push({ partyId: id, parcelId: input.parcelId, category, amount: parts[k].toFixed(2) });
    });
  });
  return { parties, items, agreed: sumOf(amounts) };
}
