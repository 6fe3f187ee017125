import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { compensationItems, compensationParties, parcelCosts } from '../schema';
import { Money, type TransitionFacts } from '../rules';
import type { TAcquisitionCostCategory, TCompensationCategory } from '../stages';
import { sumMoney } from './fields';
import { findParcelRef, type ParcelRef } from './parcel-ref';
import { compensationEditable, COMPENSATION_FROZEN_MESSAGE } from './stage-rules';
import { getCompensationPayments, type PendingCompensationPayment } from '@/modules/funds/ledger/compensation-payments';

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
  /** Payments registered on the form so far (approved or still in the workflow). */
  amountPaid: string;
  /** Approved ledger payments: what counts as paid (the 入库 guard reads this). */
  paidApproved: string;
  /** Registered payments not yet approved. */
  pendingPayments: PendingCompensationPayment[];
  pendingTotal: string;
  /** agreed − approved, not below 0. */
  unpaid: string;
  signed: boolean;
  fullyPaid: boolean;
  /**
   * Registered payments above the agreement (元), or null: happens where items that were not the
   * party's (taxes, fees) left its agreement in migration 0009; the extra payments are to be
   * reversed in the ledger.
   */
  overRegistered: string | null;
  items: { id: string; category: TCompensationCategory; amount: string; note: string | null }[];
  itemsTotal: string;
}

export interface CompensationSummary {
  parties: number;
  signedCount: number;
  agreed: string;
  /** Approved payments. */
  paid: string;
  /** Registered payments still in the workflow. */
  pending: string;
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
  const payments = await getCompensationPayments(
    db,
    parties.map((p) => p.id),
  );
  return parties.map((p) => {
    const partyItems = byParty.get(p.id) ?? [];
    const paid = payments.get(p.id)!;
    const unpaid = new Money(p.amountAgreed).minus(paid.approved);
    return {
      ...p,
      partyType: p.partyType as PartyView['partyType'],
      paidApproved: paid.approved,
      pendingPayments: paid.pending,
      pendingTotal: paid.pendingTotal,
      unpaid: (unpaid.isNegative() ? new Money(0) : unpaid).toFixed(2),
      signed: !!p.agreementSignedOn,
      fullyPaid: new Money(paid.approved).greaterThanOrEqualTo(p.amountAgreed),
      overRegistered: new Money(p.amountPaid).greaterThan(p.amountAgreed) ? new Money(p.amountPaid).minus(p.amountAgreed).toFixed(2) : null,
      items: partyItems,
      itemsTotal: sumMoney(partyItems.map((i) => i.amount)),
    };
  });
}

export function summariseCompensation(parties: readonly Pick<PartyView, 'amountAgreed' | 'paidApproved' | 'pendingTotal' | 'signed' | 'fullyPaid'>[]): CompensationSummary {
  const agreed = sumMoney(parties.map((p) => p.amountAgreed));
  const paid = sumMoney(parties.map((p) => p.paidApproved));
  const pending = sumMoney(parties.map((p) => p.pendingTotal));
  const unpaid = new Money(agreed).minus(paid);
  const signedCount = parties.filter((p) => p.signed).length;
  const allSigned = signedCount === parties.length;
  const allPaid = parties.every((p) => p.fullyPaid);
  return {
    parties: parties.length,
    signedCount,
    agreed,
    paid,
    pending,
    unpaid: (unpaid.isNegative() ? new Money(0) : unpaid).toFixed(2),
    allSigned,
    allPaid,
    complete: parties.length > 0 && allSigned && allPaid,
  };
}

/**
 * For the 入库 guard: how many parties, whether every agreement is signed and every party paid
 * in full by approved ledger payments, and the registered payments still awaiting approval
 * (the guard names them). With no parties both flags are (vacuously) true — the guard decides
 * whether the acquisition route needs parties at all.
 */
export async function getCompensationStatus(db: Db | Tx, parcelId: string): Promise<TransitionFacts['compensation']> {
  const rows = await db
    .select({ id: compensationParties.id, name: compensationParties.name, signedOn: compensationParties.agreementSignedOn, agreed: compensationParties.amountAgreed })
    .from(compensationParties)
    .where(eq(compensationParties.parcelId, parcelId))
    .orderBy(asc(compensationParties.createdAt), asc(compensationParties.id));
  const payments = await getCompensationPayments(
    db,
    rows.map((r) => r.id),
  );
  const short = rows.filter((r) => new Money(payments.get(r.id)!.approved).lessThan(r.agreed));
  return {
    parties: rows.length,
    allSigned: rows.every((r) => !!r.signedOn),
    allPaid: short.length === 0,
    unapproved: short.flatMap((r) => payments.get(r.id)!.pending.map((p) => ({ partyName: r.name, entryNo: p.entryNo, amount: p.amount, statusLabel: p.statusLabel }))),
  };
}

/** An acquisition cost owed to no party (tax, fee, appraisal, contingency). */
export interface ParcelCostView {
  id: string;
  category: TAcquisitionCostCategory;
  amount: string;
  note: string | null;
}

export async function listParcelCosts(db: Db | Tx, parcelId: string): Promise<ParcelCostView[]> {
  const rows = await db
    .select({ id: parcelCosts.id, category: parcelCosts.category, amount: parcelCosts.amount, note: parcelCosts.note })
    .from(parcelCosts)
    .where(eq(parcelCosts.parcelId, parcelId))
    .orderBy(asc(parcelCosts.createdAt), asc(parcelCosts.id));
  return rows.map((r) => ({ ...r, category: r.category as TAcquisitionCostCategory }));
}

export interface AcquisitionView {
  parcel: ParcelRef;
  parties: PartyView[];
  summary: CompensationSummary;
  costs: ParcelCostView[];
  costsTotal: string;
  /** Why the records cannot be changed in this stage, or null. */
  frozenReason: string | null;
}

export async function getAcquisitionView(db: Db, parcelId: string): Promise<AcquisitionView | null> {
  const parcel = await findParcelRef(db, parcelId);
  if (!parcel) return null;
  const parties = await listCompensationParties(db, parcel.id);
  const costs = await listParcelCosts(db, parcel.id);
  return {
    parcel,
    parties,
    summary: summariseCompensation(parties),
    costs,
    costsTotal: sumMoney(costs.map((c) => c.amount)),
    frozenReason: compensationEditable(parcel.stage) ? null : COMPENSATION_FROZEN_MESSAGE,
  };
}
