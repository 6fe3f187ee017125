import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { compensationItems, compensationParties } from '../schema';
import { Money } from '../rules';
import type { TCompensationCategory } from '../stages';
import { sumMoney } from './fields';
import { findParcelRef, type ParcelRef } from './parcel-ref';
import { compensationEditable, COMPENSATION_FROZEN_MESSAGE } from './stage-rules';

/** One compensated household or entity as lists show it: personal fields masked only. */
export interface PartyView {
  id: string;
  partyType: '个人' | '单位';
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  agreementNo: string | null;
  agreementSignedOn: string | null;
  amountAgreed: string;
  amountPaid: string;
  unpaid: string;
  signed: boolean;
  fullyPaid: boolean;
  items: { id: string; category: TCompensationCategory; amount: string; note: string | null }[];
  itemsTotal: string;
}

export interface CompensationSummary {
  parties: number;
  signedCount: number;
  agreed: string;
  paid: string;
  unpaid: string;
  allSigned: boolean;
  allPaid: boolean;
  /** 补偿是否完成: at least one party, every agreement signed and every party paid in full. */
  complete: boolean;
}

export async function listCompensationParties(db: Db | Tx, parcelId: string): Promise<PartyView[]> {
  const parties = await db
    .select({
      id: compensationParties.id,
      partyType: compensationParties.partyType,
      name: compensationParties.name,
      idNumberMasked: compensationParties.idNumberMasked,
      phoneMasked: compensationParties.phoneMasked,
      agreementNo: compensationParties.agreementNo,
      agreementSignedOn: compensationParties.agreementSignedOn,
      amountAgreed: compensationParties.amountAgreed,
      amountPaid: compensationParties.amountPaid,
    })
    .from(compensationParties)
    .where(eq(compensationParties.parcelId, parcelId))
    .orderBy(asc(compensationParties.createdAt), asc(compensationParties.id));
  const items = await db
    .select({
      id: compensationItems.id,
      partyId: compensationItems.partyId,
      category: compensationItems.category,
      amount: compensationItems.amount,
      note: compensationItems.note,
    })
    .from(compensationItems)
    .where(eq(compensationItems.parcelId, parcelId))
    .orderBy(asc(compensationItems.createdAt), asc(compensationItems.id));
  const byParty = new Map<string, PartyView['items']>();
  for (const item of items) {
    const list = byParty.get(item.partyId) ?? [];
    list.push({ id: item.id, category: item.category as TCompensationCategory, amount: item.amount, note: item.note });
    byParty.set(item.partyId, list);
  }
  return parties.map((p) => {
    const partyItems = byParty.get(p.id) ?? [];
    const unpaid = new Money(p.amountAgreed).minus(p.amountPaid);
    return {
      ...p,
      partyType: p.partyType as PartyView['partyType'],
      unpaid: (unpaid.isNegative() ? new Money(0) : unpaid).toFixed(2),
      signed: !!p.agreementSignedOn,
      fullyPaid: new Money(p.amountPaid).greaterThanOrEqualTo(p.amountAgreed),
      items: partyItems,
      itemsTotal: sumMoney(partyItems.map((i) => i.amount)),
    };
  });
}

export function summariseCompensation(parties: readonly Pick<PartyView, 'amountAgreed' | 'amountPaid' | 'signed' | 'fullyPaid'>[]): CompensationSummary {
  const agreed = sumMoney(parties.map((p) => p.amountAgreed));
  const paid = sumMoney(parties.map((p) => p.amountPaid));
  const unpaid = new Money(agreed).minus(paid);
  const signedCount = parties.filter((p) => p.signed).length;
  const allSigned = signedCount === parties.length;
  const allPaid = parties.every((p) => p.fullyPaid);
  return {
    parties: parties.length,
    signedCount,
    agreed,
    paid,
    unpaid: (unpaid.isNegative() ? new Money(0) : unpaid).toFixed(2),
    allSigned,
    allPaid,
    complete: parties.length > 0 && allSigned && allPaid,
  };
}

/**
 * For the 入库 guard: how many parties, whether every agreement is signed and every party paid
 * in full. With no parties both flags are (vacuously) true — the guard decides whether the
 * acquisition route needs parties at all.
 */
export async function getCompensationStatus(db: Db | Tx, parcelId: string): Promise<{ parties: number; allSigned: boolean; allPaid: boolean }> {
  const rows = await db
    .select({ signedOn: compensationParties.agreementSignedOn, agreed: compensationParties.amountAgreed, paid: compensationParties.amountPaid })
    .from(compensationParties)
    .where(eq(compensationParties.parcelId, parcelId));
  return {
    parties: rows.length,
    allSigned: rows.every((r) => !!r.signedOn),
    allPaid: rows.every((r) => new Money(r.paid).greaterThanOrEqualTo(r.agreed)),
  };
}

export interface AcquisitionView {
  parcel: ParcelRef;
  parties: PartyView[];
  summary: CompensationSummary;
  /** Why the records cannot be changed in this stage, or null. */
  frozenReason: string | null;
}

export async function getAcquisitionView(db: Db, parcelId: string): Promise<AcquisitionView | null> {
  const parcel = await findParcelRef(db, parcelId);
  if (!parcel) return null;
  const parties = await listCompensationParties(db, parcel.id);
  return {
    parcel,
    parties,
    summary: summariseCompensation(parties),
    frozenReason: compensationEditable(parcel.stage) ? null : COMPENSATION_FROZEN_MESSAGE,
  };
}
