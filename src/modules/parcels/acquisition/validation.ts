import { z } from 'zod';
import { zId, zOptionalText, zText } from '@/platform/validation';
import { COMPENSATION_CATEGORIES, PARTY_TYPES } from '../stages';
import { Money, isValidIdNumber, isValidPhone } from '../rules';
import { isValidCreditCode } from './credit-code';
import { formatYuan, sumMoney, zMoney, zOptionalDate } from './fields';

/**
 * Compensation party (被征收人) forms, shared by the client dialog and the server mutations.
 * Client-safe: no database code.
 */

export const ID_NUMBER_LABEL = { 个人: '身份证号码', 单位: '统一社会信用代码' } as const;
export const ID_NUMBER_RULE = {
  个人: '18 位居民身份证号码（含出生日期和校验位），或 15 位旧号码',
  单位: '18 位统一社会信用代码（含校验位）',
} as const;
/** Short form for the field hint. */
export const ID_NUMBER_HINT = { 个人: '18 位身份证号码（含校验位）', 单位: '18 位统一社会信用代码' } as const;
export const PHONE_RULE = '手机号，或带区号的固定电话（如 0737-4221234）';
export const ITEM_SUM_RULE = '填写了补偿明细时，协议金额须等于各项明细金额之和';

const zItem = z.object({
  category: z.enum(COMPENSATION_CATEGORIES, { error: '请选择补偿类别' }),
  amount: zMoney('明细金额'),
  note: zOptionalText('明细说明', 200),
});

/** Uppercased, spaces removed; blank becomes null. */
const zIdNumber = zOptionalText('证件号码', 32).transform((s) => (s === null ? null : s.replace(/\s+/g, '').toUpperCase()));
const zPhone = zOptionalText('联系电话', 32).transform((s) => (s === null ? null : s.replace(/\s+/g, '')));

const partyFields = {
  partyType: z.enum(PARTY_TYPES, { error: '请选择对象类型（个人或单位）' }),
  name: zText('姓名或单位名称', { max: 100 }),
  idNumber: zIdNumber,
  phone: zPhone,
  agreementNo: zOptionalText('协议编号', 64),
  agreementSignedOn: zOptionalDate('协议签订日期', { notFuture: true }),
  amountAgreed: zMoney('协议金额'),
  /** A payment made now (blank = none): posted to the ledger as a 征收补偿 expense awaiting approval. */
  newPayment: z.preprocess((v) => (v === '' || v === null || v === undefined ? '0' : v), zMoney('本次支付金额')),
  paymentDate: zOptionalDate('支付日期', { notFuture: true }),
  items: z.array(zItem, { error: '补偿明细格式不正确' }).max(COMPENSATION_CATEGORIES.length, '补偿明细行数过多').default([]),
};

type TPartyFields = z.output<z.ZodObject<typeof partyFields>>;

/** Why a payment cannot be registered: with it, the registered payments would exceed the agreement. */
export function paymentOverAgreed(registeredBefore: string, payment: string, agreed: string): string {
  const total = new Money(registeredBefore).plus(payment).toFixed(2);
  return `本次支付后已登记支付合计 ${formatYuan(total)} 元（此前已登记 ${formatYuan(registeredBefore)} 元），超过协议金额 ${formatYuan(agreed)} 元`;
}

/** Cross-field rules of a party; `idRequired` is false when editing (blank keeps the stored number). */
function checkParty(v: TPartyFields, ctx: z.RefinementCtx, idRequired: boolean) {
  const idLabel = ID_NUMBER_LABEL[v.partyType];
  if (v.idNumber === null) {
    if (idRequired) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `请填写${idLabel}` });
  } else if (v.partyType === '个人' ? !isValidIdNumber(v.idNumber) : !isValidCreditCode(v.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `${idLabel}不正确：应为${ID_NUMBER_RULE[v.partyType]}` });
  }
  if (v.phone !== null && !isValidPhone(v.phone)) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: `联系电话格式不正确：应为${PHONE_RULE}` });
  }
  if (v.agreementSignedOn && !v.agreementNo) {
    ctx.addIssue({ code: 'custom', path: ['agreementNo'], message: '已填写协议签订日期，请同时填写协议编号' });
  }
  const paying = new Money(v.newPayment).greaterThan(0);
  // Against the payments registered before, the server checks again (the form checks what it was shown).
  if (paying && new Money(v.newPayment).greaterThan(v.amountAgreed)) {
    ctx.addIssue({ code: 'custom', path: ['newPayment'], message: paymentOverAgreed('0', v.newPayment, v.amountAgreed) });
  }
  if (paying && !v.agreementSignedOn) {
    ctx.addIssue({ code: 'custom', path: ['newPayment'], message: '尚未签订补偿协议，不能登记支付；请先填写协议编号和签订日期' });
  }
  const seen = new Set<string>();
  v.items.forEach((item, i) => {
    if (seen.has(item.category)) {
      ctx.addIssue({ code: 'custom', path: ['items', i, 'category'], message: `补偿类别「${item.category}」重复，每个类别只填写一行` });
    }
    seen.add(item.category);
  });
  if (v.items.length > 0) {
    const total = sumMoney(v.items.map((i) => i.amount));
    if (!new Money(total).equals(v.amountAgreed)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountAgreed'],
        message: `协议金额（${formatYuan(v.amountAgreed)} 元）须等于补偿明细合计（${formatYuan(total)} 元）`,
      });
    }
  }
}

export const ZCreateParty = z
  .object({ parcelId: zId('地块'), ...partyFields })
  .superRefine((v, ctx) => checkParty(v, ctx, true));
export type TCreateParty = z.input<typeof ZCreateParty>;

/** Editing: a blank ID number or phone keeps the stored (encrypted) value; `clearPhone` removes the phone. */
export const ZUpdateParty = z
  .object({ id: zId('补偿对象'), ...partyFields, clearPhone: z.boolean().optional().default(false) })
  .superRefine((v, ctx) => checkParty(v, ctx, false));
export type TUpdateParty = z.input<typeof ZUpdateParty>;

export const ZPartyRef = z.object({ id: zId('补偿对象') });
export type TPartyRef = z.input<typeof ZPartyRef>;
