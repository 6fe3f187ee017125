import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import { defineMutation, fail, type Actor } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { encryptPersonal } from '@/platform/crypto/keys';
import { openPersonal } from '@/platform/crypto/personal';
import { todayInShanghai } from '@/ui/format';
import { compareAmounts, sumAmounts } from '@/modules/funds/rules';
import { ledgerEntries } from '@/modules/funds/schema';
import { postCompensationPayment } from '@/modules/funds/ledger/posting';
import { compensationItems, compensationParties, parcels } from '../schema';
import { maskIdNumber, maskPhone } from '../rules';
import { lockParcelRef, type ParcelRef } from './parcel-ref';
import { compensationEditable, COMPENSATION_FROZEN_MESSAGE } from './stage-rules';
import { ID_NUMBER_LABEL, paymentOverAgreed, ZCreateParty, ZPartyRef, ZUpdateParty } from './validation';

const OBJECT_TYPE = '补偿对象';

type TItemInput = { category: string; amount: string; note: string | null };

/**
 * Audit snapshot of a party. The ID number and phone appear only as their SM4 ciphertexts under
 * the keys `idNumber` / `phone`, which the audit diff masks as '***': a change is recorded,
 * the value never is.
 */
function snapshot(p: {
  partyType: string;
  name: string;
  idNumberEnc: string | null;
  phoneEnc: string | null;
  agreementNo: string | null;
  agreementSignedOn: string | null;
  amountAgreed: string;
  amountPaid: string;
  items: TItemInput[];
}) {
  return {
    partyType: p.partyType,
    name: p.name,
    idNumber: p.idNumberEnc,
    phone: p.phoneEnc,
    agreementNo: p.agreementNo,
    agreementSignedOn: p.agreementSignedOn,
    amountAgreed: p.amountAgreed,
    amountPaid: p.amountPaid,
    items: p.items.map((i) => ({ category: i.category, amount: i.amount, note: i.note })),
  };
}

/** The party and its parcel, with the parcel row locked (lock order: parcel, then party). */
async function loadPartyForChange(tx: Tx, partyId: string) {
  const [ref] = await tx.select({ parcelId: compensationParties.parcelId }).from(compensationParties).where(eq(compensationParties.id, partyId));
  if (!ref) fail('补偿对象不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const parcel = await lockParcelRef(tx, ref.parcelId);
  const [party] = await tx.select().from(compensationParties).where(eq(compensationParties.id, partyId)).for('update');
  if (!party) fail('补偿对象不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const items = await tx
    .select({ category: compensationItems.category, amount: compensationItems.amount, note: compensationItems.note })
    .from(compensationItems)
    .where(eq(compensationItems.partyId, partyId))
    .orderBy(asc(compensationItems.createdAt), asc(compensationItems.id));
  return { parcel, party, items };
}

function requireEditable(parcel: ParcelRef) {
  if (!compensationEditable(parcel.stage)) fail(COMPENSATION_FROZEN_MESSAGE);
}

/** Refusals of the compensation ↔ ledger link (payments post to 资金管理 as expense entries). */
export const PARTY_HAS_PAYMENTS = '该补偿对象已有资金支付记录，不能删除；如登记有误，请在资金管理中删除或冲销对应的支付记录';

/**
 * A payment recorded on a party (a new party with an amount paid, or a higher amount paid) is
 * posted to the ledger as a compensation expense of the parcel's project, in the same
 * transaction, awaiting the funds workflow.
 */
async function postPayment(tx: Tx, actor: Actor, parcel: ParcelRef, party: { id: string; name: string }, amount: string, paidOn: string | null) {
  if (compareAmounts(amount, '0') <= 0) return null;
  const [row] = await tx.select({ projectId: parcels.projectId }).from(parcels).where(eq(parcels.id, parcel.id));
  return postCompensationPayment(tx, actor, {
    projectId: row.projectId,
    parcelId: parcel.id,
    partyId: party.id,
    partyName: party.name,
    amount,
    entryDate: paidOn ?? todayInShanghai(),
    parcelCode: parcel.code,
  });
}

async function insertItems(tx: Tx, parcelId: string, partyId: string, items: TItemInput[]) {
  if (items.length === 0) return;
  await tx.insert(compensationItems).values(items.map((i) => ({ parcelId, partyId, category: i.category, amount: i.amount, note: i.note })));
}

export const createParty = defineMutation({
  name: '新增补偿对象',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZCreateParty,
  async run(ctx, input) {
    const { tx } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireEditable(parcel);
    // The schema requires the ID number on creation.
    const idNumber = input.idNumber ?? fail(`请填写${ID_NUMBER_LABEL[input.partyType]}`, 'INVALID_INPUT');
    const values = {
      parcelId: parcel.id,
      partyType: input.partyType,
      name: input.name,
      idNumberEnc: encryptPersonal(idNumber, 'idNumber'),
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: input.phone ? encryptPersonal(input.phone, 'phone') : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      agreementNo: input.agreementNo,
      agreementSignedOn: input.agreementSignedOn,
      amountAgreed: input.amountAgreed,
      amountPaid: input.newPayment,
    };
    const [{ id }] = await tx.insert(compensationParties).values(values).returning({ id: compensationParties.id });
    await insertItems(tx, parcel.id, id, input.items);
    const posted = await postPayment(tx, ctx.actor, parcel, { id, name: input.name }, input.newPayment, input.paymentDate);
    await ctx.audit({
      action: '新增补偿对象',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: snapshot({ ...values, items: input.items }),
      message: `地块 ${parcel.code}：新增补偿对象「${input.name}」${posted ? `，支付 ${input.newPayment} 元已登记为资金支付记录 ${posted.entryNo}（待审批）` : ''}`,
    });
    return { id, entryNo: posted?.entryNo ?? null };
  },
});

export const updateParty = defineMutation({
  name: '修改补偿对象',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZUpdateParty,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, party, items } = await loadPartyForChange(tx, input.id);
    requireEditable(parcel);
    if (input.partyType !== party.partyType && !input.idNumber) {
      fail(`对象类型已改为「${input.partyType}」，请重新填写${ID_NUMBER_LABEL[input.partyType]}`, 'INVALID_INPUT');
    }
    const idChange = input.idNumber ? { idNumberEnc: encryptPersonal(input.idNumber, 'idNumber'), idNumberMasked: maskIdNumber(input.idNumber) } : {};
    const phoneChange = input.phone
      ? { phoneEnc: encryptPersonal(input.phone, 'phone'), phoneMasked: maskPhone(input.phone) }
      : input.clearPhone
        ? { phoneEnc: null, phoneMasked: null }
        : {};
    // amount_paid holds the payments registered so far (approved or in the workflow).
    const registered = sumAmounts([party.amountPaid, input.newPayment]);
    if (compareAmounts(input.amountAgreed, party.amountPaid) < 0) {
      fail(`协议金额不能低于已登记的支付 ${party.amountPaid} 元`, 'INVALID_INPUT', { amountAgreed: `协议金额不能低于已登记的支付 ${party.amountPaid} 元；如支付登记有误，请在资金管理中删除或冲销对应的支付记录` });
    }
    if (compareAmounts(registered, input.amountAgreed) > 0) {
      const message = paymentOverAgreed(party.amountPaid, input.newPayment, input.amountAgreed);
      fail(message, 'INVALID_INPUT', { newPayment: message });
    }
    const changes = {
      partyType: input.partyType,
      name: input.name,
      ...idChange,
      ...phoneChange,
      agreementNo: input.agreementNo,
      agreementSignedOn: input.agreementSignedOn,
      amountAgreed: input.amountAgreed,
      amountPaid: registered,
    };
    await tx.update(compensationParties).set(changes).where(eq(compensationParties.id, party.id));
    await tx.delete(compensationItems).where(and(eq(compensationItems.partyId, party.id), eq(compensationItems.parcelId, parcel.id)));
    await insertItems(tx, parcel.id, party.id, input.items);
    const posted = await postPayment(tx, ctx.actor, parcel, { id: party.id, name: input.name }, input.newPayment, input.paymentDate);
    await ctx.audit({
      action: '修改补偿对象',
      objectType: OBJECT_TYPE,
      objectId: party.id,
      before: snapshot({ ...party, items }),
      after: snapshot({ ...party, ...changes, items: input.items }),
      message: `地块 ${parcel.code}：修改补偿对象「${input.name}」${posted ? `，新增支付 ${input.newPayment} 元已登记为资金支付记录 ${posted.entryNo}（待审批）` : ''}`,
    });
    return { id: party.id, entryNo: posted?.entryNo ?? null };
  },
});

export const deleteParty = defineMutation({
  name: '删除补偿对象',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZPartyRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, party, items } = await loadPartyForChange(tx, input.id);
    requireEditable(parcel);
    const [{ n }] = await tx.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.partyId, party.id));
    if (n > 0) fail(PARTY_HAS_PAYMENTS);
    await tx.delete(compensationItems).where(eq(compensationItems.partyId, party.id));
    await tx.delete(compensationParties).where(eq(compensationParties.id, party.id));
    await ctx.audit({
      action: '删除补偿对象',
      objectType: OBJECT_TYPE,
      objectId: party.id,
      before: snapshot({ ...party, items }),
      after: null,
      message: `地块 ${parcel.code}：删除补偿对象「${party.name}」`,
    });
    return { id: party.id };
  },
});

/**
 * Returns the decrypted ID number and phone of one party. A read, but audited (查看个人信息),
 * and only for holders of personal-info:view. The audit entry names the party, never the values.
 */
export const revealPersonalInfo = defineMutation({
  name: '查看个人信息',
  permission: 'personal-info:view',
  objectType: OBJECT_TYPE,
  schema: ZPartyRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const [party] = await tx
      .select({ id: compensationParties.id, parcelId: compensationParties.parcelId, name: compensationParties.name, idNumberEnc: compensationParties.idNumberEnc, phoneEnc: compensationParties.phoneEnc })
      .from(compensationParties)
      .where(eq(compensationParties.id, input.id));
    if (!party) fail('补偿对象不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const idNumber = openPersonal(party.idNumberEnc, 'idNumber');
    const phone = openPersonal(party.phoneEnc, 'phone');
    await ctx.audit({
      action: '查看个人信息',
      objectType: OBJECT_TYPE,
      objectId: party.id,
      message: `查看补偿对象「${party.name}」的完整证件号码与联系电话${[idNumber.problem && `；证件号码：${idNumber.problem}`, phone.problem && `；联系电话：${phone.problem}`].filter(Boolean).join('')}`,
    });
    return { id: party.id, idNumber: idNumber.value, phone: phone.value, problems: { idNumber: idNumber.problem, phone: phone.problem } };
  },
});
