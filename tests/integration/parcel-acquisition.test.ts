import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { decryptPersonal } from '../../src/platform/crypto/keys';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { compensationItems, compensationParties, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { idNumberCheckChar } from '../../src/modules/parcels/rules';
import { creditCodeCheckChar, isValidCreditCode } from '../../src/modules/parcels/acquisition/credit-code';
import { createParty, deleteParty, revealPersonalInfo, updateParty } from '../../src/modules/parcels/acquisition/mutations';
import { getAcquisitionView, getCompensationStatus, listCompensationParties } from '../../src/modules/parcels/acquisition/queries';
import { COMPENSATION_FROZEN_MESSAGE } from '../../src/modules/parcels/acquisition/stage-rules';
import { PARTY_HAS_PAYMENTS } from '../../src/modules/parcels/acquisition/mutations';
import { createParcelCost, deleteParcelCost, updateParcelCost } from '../../src/modules/parcels/acquisition/cost-mutations';
import { ledgerEntries } from '../../src/modules/funds/schema';
import { formatWanYuan, formatYuan } from '../../src/modules/parcels/acquisition/fields';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let chief: Actor;
let leader: Actor;
const db = () => database.db;

const ID_A = '43090219900101123' + idNumberCheckChar('43090219900101123');
const ID_B = '11010519850505002' + idNumberCheckChar('11010519850505002');
const USCC = '91430900MA4L1234' + 'X';
const CREDIT_CODE = USCC.slice(0, 17) + creditCodeCheckChar(USCC.slice(0, 17));
const PHONE = '13812345678';

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-acq-'));
  resetConfigCache();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  leader = await createActor(db(), ['leader']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(stage: TStage = '收储中'): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `ACQ-P${seq}`, name: `征收测试项目${seq}`, acquisitionRoute: '征收' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `ACQ-${seq}`, name: `征收测试地块${seq}`, projectId: project.id, stage, stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return parcel.id;
}

const person = (parcelId: string, extra: Record<string, unknown> = {}) => ({
  parcelId,
  partyType: '个人',
  name: '张三',
  idNumber: ID_A,
  phone: PHONE,
  agreementNo: 'BC-2024-001',
  agreementSignedOn: '2024-03-01',
  amountAgreed: '150000.50',
  newPayment: '100000',
  items: [
    { category: '住宅房屋拆迁补偿', amount: '120000.50' },
    { category: '搬迁及临时安置费', amount: '30000', note: '含过渡期 6 个月' },
  ],
  ...extra,
});

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function partyCount(parcelId: string) {
  return (await db().select({ id: compensationParties.id }).from(compensationParties).where(eq(compensationParties.parcelId, parcelId))).length;
}

describe('compensation parties', () => {
  it('credit-code helper accepts a code with the right check character only', () => {
    expect(isValidCreditCode(CREDIT_CODE)).toBe(true);
    expect(isValidCreditCode(CREDIT_CODE.toLowerCase())).toBe(true);
    const wrong = CREDIT_CODE.slice(0, 17) + (CREDIT_CODE[17] === '0' ? '1' : '0');
    expect(isValidCreditCode(wrong)).toBe(false);
    expect(isValidCreditCode('91430900MA4L1234I' + '0')).toBe(false);
  });

  it('stores the ID number and phone SM4-encrypted with masked copies, and lists them masked only', async () => {
    const parcelId = await insertParcel();
    const res = await createParty.execute(db(), clerk, person(parcelId));
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    const [row] = await db().select().from(compensationParties).where(eq(compensationParties.id, res.data.id));
    expect(row.idNumberEnc).not.toContain(ID_A);
    expect(row.idNumberEnc).toMatch(/^v2:\d+:/);
    expect(row.phoneEnc).not.toContain(PHONE);
    expect(decryptPersonal(row.idNumberEnc!, 'idNumber')).toBe(ID_A);
    expect(decryptPersonal(row.phoneEnc!, 'phone')).toBe(PHONE);
    expect(row.idNumberMasked).toBe(`4309**********${ID_A.slice(-4)}`);
    expect(row.phoneMasked).toBe('138****5678');
    expect(row.amountAgreed).toBe('150000.50');

    const list = await listCompensationParties(db(), parcelId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ idNumberMasked: row.idNumberMasked, phoneMasked: '138****5678', signed: true, fullyPaid: false, unpaid: '150000.50', pendingTotal: '100000.00' });
    expect(list[0].items.map((i) => i.category)).toEqual(['住宅房屋拆迁补偿', '搬迁及临时安置费']);
    const text = JSON.stringify(list);
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain(PHONE);

    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新增补偿对象', result: '成功', objectId: res.data.id, userId: clerk.userId });
    expect(audit.diff).not.toContain(ID_A);
    expect(audit.diff).not.toContain(PHONE);
    expect(audit.diff).not.toContain(row.idNumberEnc);
    expect(JSON.parse(audit.diff!).idNumber).toEqual({ from: null, to: '***' });
  });

  it('accepts an entity with a valid unified social credit code and refuses a bad one', async () => {
    const parcelId = await insertParcel();
    const entity = { ...person(parcelId), partyType: '单位', name: '益阳某某建材有限公司', idNumber: CREDIT_CODE.toLowerCase(), phone: '0737-4221234', items: [], amountAgreed: '80000', newPayment: '80000' };
    const ok = await createParty.execute(db(), clerk, entity);
    expect(ok.ok).toBe(true);
    const bad = await createParty.execute(db(), clerk, { ...entity, idNumber: ID_A });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('统一社会信用代码不正确') });
    const badPerson = await createParty.execute(db(), clerk, person(parcelId, { idNumber: ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0') }));
    expect(badPerson).toMatchObject({ ok: false, error: expect.stringContaining('身份证号码不正确') });
    const noId = await createParty.execute(db(), clerk, person(parcelId, { idNumber: '' }));
    expect(noId).toMatchObject({ ok: false, error: '请填写身份证号码' });
    const badPhone = await createParty.execute(db(), clerk, person(parcelId, { phone: '12345' }));
    expect(badPhone).toMatchObject({ ok: false, error: expect.stringContaining('联系电话格式不正确') });
    expect(await partyCount(parcelId)).toBe(1);
  });

  it('requires the agreed amount to equal the sum of the items, and a payment within the agreement', async () => {
    const parcelId = await insertParcel();
    const mismatch = await createParty.execute(db(), clerk, person(parcelId, { amountAgreed: '150000.00' }));
    expect(mismatch).toMatchObject({ ok: false, error: '协议金额（150,000.00 元）须等于补偿明细合计（150,000.50 元）' });
    expect(mismatch.ok ? null : mismatch.fieldErrors?.amountAgreed).toBeTruthy();
    const overpaid = await createParty.execute(db(), clerk, person(parcelId, { newPayment: '150000.51' }));
    expect(overpaid).toMatchObject({ ok: false, error: '本次支付后已登记支付合计 150,000.51 元（此前已登记 0.00 元），超过协议金额 150,000.50 元' });
    const unsigned = await createParty.execute(db(), clerk, person(parcelId, { agreementNo: '', agreementSignedOn: '' }));
    expect(unsigned).toMatchObject({ ok: false, fieldErrors: { newPayment: '尚未签订补偿协议，不能登记支付；请先填写协议编号和签订日期' } });
    const duplicate = await createParty.execute(
      db(),
      clerk,
      person(parcelId, { amountAgreed: '2', newPayment: '0', items: [{ category: '安置补助费', amount: '1' }, { category: '安置补助费', amount: '1' }] }),
    );
    expect(duplicate).toMatchObject({ ok: false, error: expect.stringContaining('补偿类别「安置补助费」重复') });
    // Without items any agreed amount is fine.
    expect((await createParty.execute(db(), clerk, person(parcelId, { items: [], amountAgreed: '99.99', newPayment: '0' }))).ok).toBe(true);
    expect(await partyCount(parcelId)).toBe(1);
    expect((await db().select().from(compensationItems).where(eq(compensationItems.parcelId, parcelId))).length).toBe(0);
  });

  it.each([
    ['-100', '协议金额不能为负数'],
    ['abc', '协议金额应为以元为单位的数字，最多两位小数'],
    ['100.123', '协议金额最多保留两位小数（分）'],
    ['1e5', '协议金额应为以元为单位的数字，最多两位小数'],
    ['', '请填写协议金额'],
  ])('refuses the agreed amount %j', async (amount, message) => {
    const parcelId = await insertParcel();
    const res = await createParty.execute(db(), clerk, person(parcelId, { amountAgreed: amount, newPayment: '0', items: [] }));
    expect(res).toMatchObject({ ok: false, error: message });
    expect(await partyCount(parcelId)).toBe(0);
  });

  it('refuses a negative item amount and a negative payment', async () => {
    const parcelId = await insertParcel();
    const item = await createParty.execute(db(), clerk, person(parcelId, { items: [{ category: '安置补助费', amount: '-1' }] }));
    expect(item).toMatchObject({ ok: false, error: '明细金额不能为负数' });
    const paid = await createParty.execute(db(), clerk, person(parcelId, { newPayment: '-0.01' }));
    expect(paid).toMatchObject({ ok: false, error: '本次支付金额不能为负数' });
  });

  it('accepts amounts with thousands separators', async () => {
    const parcelId = await insertParcel();
    const res = await createParty.execute(db(), clerk, person(parcelId, { amountAgreed: '1,000,000', newPayment: '1,000.5', items: [] }));
    expect(res.ok).toBe(true);
    expect((await listCompensationParties(db(), parcelId))[0]).toMatchObject({ amountAgreed: '1000000.00', amountPaid: '1000.50', pendingTotal: '1000.50', paidApproved: '0.00' });
  });

  it('edits a party: blank ID number keeps the stored one, items are replaced, the phone can be cleared', async () => {
    const parcelId = await insertParcel();
    const created = await createParty.execute(db(), clerk, person(parcelId));
    if (!created.ok) throw new Error(created.error);
    const [before] = await db().select().from(compensationParties).where(eq(compensationParties.id, created.data.id));
    const res = await updateParty.execute(db(), clerk, {
      ...person(parcelId),
      id: created.data.id,
      idNumber: '',
      phone: '',
      clearPhone: true,
      amountAgreed: '150000.50',
      newPayment: '50000.50',
      items: [{ category: '土地补偿费', amount: '150000.50' }],
    });
    expect(res.ok).toBe(true);
    const [after] = await db().select().from(compensationParties).where(eq(compensationParties.id, created.data.id));
    expect(after.idNumberEnc).toBe(before.idNumberEnc);
    expect(after.phoneEnc).toBeNull();
    expect(after.phoneMasked).toBeNull();
    const items = await db().select().from(compensationItems).where(eq(compensationItems.partyId, created.data.id));
    expect(items.map((i) => [i.category, i.amount])).toEqual([['土地补偿费', '150000.50']]);

    // Registered payments (150,000.50 元) bound the agreement and any further payment.
    const lower = await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, idNumber: ID_B, items: [], amountAgreed: '150000.49', newPayment: '0' });
    expect(lower).toMatchObject({ ok: false, fieldErrors: { amountAgreed: expect.stringContaining('协议金额不能低于已登记的支付 150000.50 元') } });
    const over = await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, idNumber: ID_B, newPayment: '0.01' });
    expect(over).toMatchObject({ ok: false, fieldErrors: { newPayment: '本次支付后已登记支付合计 150,000.51 元（此前已登记 150,000.50 元），超过协议金额 150,000.50 元' } });
    const newId = await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, idNumber: ID_B, newPayment: '' });
    expect(newId.ok).toBe(true);
    const [changed] = await db().select().from(compensationParties).where(eq(compensationParties.id, created.data.id));
    expect(decryptPersonal(changed.idNumberEnc!, 'idNumber')).toBe(ID_B);
    const audit = await lastAudit();
    expect(audit.action).toBe('修改补偿对象');
    expect(JSON.parse(audit.diff!).idNumber).toEqual({ from: '***', to: '***' });
    expect(audit.diff).not.toContain(ID_B);

    const typeChange = await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, partyType: '单位', idNumber: '' });
    expect(typeChange).toMatchObject({ ok: false, error: '对象类型已改为「单位」，请重新填写统一社会信用代码' });
  });

  it('summarises the parcel and reports the compensation status for the 入库 guard', async () => {
    const parcelId = await insertParcel();
    expect(await getCompensationStatus(db(), parcelId)).toEqual({ parties: 0, allSigned: true, allPaid: true, unapproved: [] });
    const zhang = await createParty.execute(db(), clerk, person(parcelId, { items: [], amountAgreed: '100000', newPayment: '100000' }));
    await createParty.execute(db(), clerk, person(parcelId, { name: '李四', idNumber: ID_B, items: [], agreementNo: '', agreementSignedOn: '', amountAgreed: '50000', newPayment: '' }));
    // Paid means approved: 张三's payment is still waiting for the funds workflow.
    const [pending] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.partyId, zhang.ok ? zhang.data.id : ''));
    const view = await getAcquisitionView(db(), parcelId);
    expect(view?.summary).toEqual({
      parties: 2,
      signedCount: 1,
      agreed: '150000.00',
      paid: '0.00',
      pending: '100000.00',
      unpaid: '150000.00',
      allSigned: false,
      allPaid: false,
      complete: false,
    });
    expect(view?.parties[0]).toMatchObject({ amountPaid: '100000.00', paidApproved: '0.00', pendingTotal: '100000.00', fullyPaid: false });
    expect(view?.parties[0].pendingPayments).toEqual([{ id: pending.id, entryNo: pending.entryNo, amount: '100000.00', status: 'submitted', statusLabel: '待科室审核' }]);
    expect(view?.frozenReason).toBeNull();
    expect(await getCompensationStatus(db(), parcelId)).toEqual({
      parties: 2,
      allSigned: false,
      allPaid: false,
      unapproved: [{ partyName: '张三', entryNo: pending.entryNo, amount: '100000.00', statusLabel: '待科室审核' }],
    });
    await db().update(ledgerEntries).set({ status: 'approved' }).where(eq(ledgerEntries.id, pending.id));
    const approved = await getAcquisitionView(db(), parcelId);
    expect(approved?.summary).toMatchObject({ paid: '100000.00', pending: '0.00', unpaid: '50000.00' });
    expect(approved?.parties[0]).toMatchObject({ paidApproved: '100000.00', fullyPaid: true });
    expect(formatYuan(view!.summary.agreed)).toBe('150,000.00');
    expect(formatWanYuan(view!.summary.agreed)).toBe('15.00');
  });

  it('requires an agreement number when a signed date is given, and refuses a future signed date', async () => {
    const parcelId = await insertParcel();
    const noNo = await createParty.execute(db(), clerk, person(parcelId, { agreementNo: '' }));
    expect(noNo).toMatchObject({ ok: false, error: '已填写协议签订日期，请同时填写协议编号' });
    const future = await createParty.execute(db(), clerk, person(parcelId, { agreementSignedOn: '2099-01-01' }));
    expect(future).toMatchObject({ ok: false, error: '协议签订日期不能晚于今天' });
  });

  it.each(['已供应', '终止'] as const)('refuses every change when the parcel is %s', async (stage) => {
    const parcelId = await insertParcel('收储中');
    const created = await createParty.execute(db(), clerk, person(parcelId));
    if (!created.ok) throw new Error(created.error);
    await db().update(parcels).set({ stage }).where(eq(parcels.id, parcelId));
    expect(await createParty.execute(db(), clerk, person(parcelId))).toEqual({ ok: false, error: COMPENSATION_FROZEN_MESSAGE });
    expect(await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id })).toEqual({ ok: false, error: COMPENSATION_FROZEN_MESSAGE });
    expect(await deleteParty.execute(db(), clerk, { id: created.data.id })).toEqual({ ok: false, error: COMPENSATION_FROZEN_MESSAGE });
    expect(await partyCount(parcelId)).toBe(1);
    expect((await getAcquisitionView(db(), parcelId))?.frozenReason).toBe(COMPENSATION_FROZEN_MESSAGE);
    expect(await lastAudit()).toMatchObject({ action: '删除补偿对象', result: '失败', message: COMPENSATION_FROZEN_MESSAGE });
  });

  it('deletes a party with its items (no payment recorded)', async () => {
    const parcelId = await insertParcel();
    const created = await createParty.execute(db(), clerk, person(parcelId, { newPayment: '0' }));
    if (!created.ok) throw new Error(created.error);
    expect((await deleteParty.execute(db(), clerk, { id: created.data.id })).ok).toBe(true);
    expect(await partyCount(parcelId)).toBe(0);
    expect(await db().select().from(compensationItems).where(eq(compensationItems.partyId, created.data.id))).toHaveLength(0);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '删除补偿对象', objectId: created.data.id });
    expect(audit.diff).not.toContain(ID_A);
    expect(await deleteParty.execute(db(), clerk, { id: created.data.id })).toEqual({ ok: false, error: '补偿对象不存在或已被删除，请刷新后重试' });
  });

  it('posts each payment to the funds ledger, and refuses to delete a party with payments', async () => {
    const parcelId = await insertParcel();
    const created = await createParty.execute(db(), clerk, person(parcelId));
    if (!created.ok) throw new Error(created.error);
    expect(created.data.entryNo).toMatch(/^ZJ\d{4}-\d{6}$/);
    const raised = await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, idNumber: '', newPayment: '50000.50', paymentDate: '2024-05-06' });
    expect(raised).toMatchObject({ ok: true });
    const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.partyId, created.data.id));
    expect(entries.map((e) => [e.amount, e.category, e.origin, e.status]).sort()).toEqual([
      ['100000.00', '征收补偿', 'compensation', 'submitted'],
      ['50000.50', '征收补偿', 'compensation', 'submitted'],
    ]);
    expect(entries.find((e) => e.amount === '50000.50')?.entryDate).toBe('2024-05-06');
    // No new payment: nothing more is posted.
    await updateParty.execute(db(), clerk, { ...person(parcelId), id: created.data.id, idNumber: '', newPayment: '' });
    expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.partyId, created.data.id))).toHaveLength(2);
    expect(await deleteParty.execute(db(), clerk, { id: created.data.id })).toEqual({ ok: false, error: PARTY_HAS_PAYMENTS });
    expect(await partyCount(parcelId)).toBe(1);
  });

  it('reveals the full values only to holders of personal-info:view, and audits each reveal without the values', async () => {
    const parcelId = await insertParcel();
    const created = await createParty.execute(db(), clerk, person(parcelId));
    if (!created.ok) throw new Error(created.error);

    const denied = await revealPersonalInfo.execute(db(), clerk, { id: created.data.id });
    expect(denied).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await lastAudit()).toMatchObject({ action: '查看个人信息', result: '拒绝', userId: clerk.userId });

    const shown = await revealPersonalInfo.execute(db(), chief, { id: created.data.id });
    expect(shown).toEqual({ ok: true, data: { id: created.data.id, idNumber: ID_A, phone: PHONE, problems: { idNumber: null, phone: null } } });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '查看个人信息', result: '成功', objectId: created.data.id, userId: chief.userId });
    expect(`${audit.message}${audit.diff ?? ''}`).not.toContain(ID_A);
    expect(`${audit.message}${audit.diff ?? ''}`).not.toContain(PHONE);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('denies editing without parcel:edit', async () => {
    const parcelId = await insertParcel();
    expect(await createParty.execute(db(), leader, person(parcelId))).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await createParty.execute(db(), null, person(parcelId))).toMatchObject({ ok: false });
    expect(await partyCount(parcelId)).toBe(0);
  });

  it('answers an unknown parcel with a clear message', async () => {
    expect(await createParty.execute(db(), clerk, person('NOPE'))).toEqual({ ok: false, error: '地块不存在或已被删除' });
    expect(await getAcquisitionView(db(), 'NOPE')).toBeNull();
    expect(await getAcquisitionView(db(), '../etc')).toBeNull();
  });
});

describe('compensation items and acquisition costs (土地管理法 第48条)', () => {
  it('takes the items of 第48条 on a party, and refuses taxes, fees and contingency there', async () => {
    const parcelId = await insertParcel();
    const items = [
      { category: '土地补偿费', amount: '60000' },
      { category: '安置补助费', amount: '30000' },
      { category: '被征地农民社会保障费用', amount: '10000.50' },
    ];
    const ok = await createParty.execute(db(), clerk, person(parcelId, { items, amountAgreed: '100000.50', newPayment: '0' }));
    expect(ok.ok).toBe(true);
    for (const category of ['耕地开垦费', '耕地占用税', '评估费', '不可预见费']) {
      const refused = await createParty.execute(db(), clerk, person(parcelId, { items: [{ category, amount: '1' }], amountAgreed: '1', newPayment: '0' }));
      expect(refused).toMatchObject({ ok: false, error: '请选择补偿类别' });
    }
    expect(await partyCount(parcelId)).toBe(1);
  });

  it('records costs apart from the agreements: they never count towards 补偿到位', async () => {
    const parcelId = await insertParcel();
    const party = await createParty.execute(db(), clerk, person(parcelId, { items: [], amountAgreed: '1000', newPayment: '0' }));
    if (!party.ok) throw new Error(party.error);
    const before = await getCompensationStatus(db(), parcelId);
    const created = await createParcelCost.execute(db(), clerk, { parcelId, category: '耕地占用税', amount: '86,000.5', note: '缴款书 No.001' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await getCompensationStatus(db(), parcelId)).toEqual(before);
    let view = await getAcquisitionView(db(), parcelId);
    expect(view!.costs).toEqual([{ id: created.data.id, category: '耕地占用税', amount: '86000.50', note: '缴款书 No.001' }]);
    expect(view!.costsTotal).toBe('86000.50');
    expect(view!.summary.agreed).toBe('1000.00');

    expect(await updateParcelCost.execute(db(), clerk, { id: created.data.id, category: '评估费', amount: '5000', note: '' })).toMatchObject({ ok: true });
    view = await getAcquisitionView(db(), parcelId);
    expect(view!.costs).toEqual([{ id: created.data.id, category: '评估费', amount: '5000.00', note: null }]);

    expect(await createParcelCost.execute(db(), clerk, { parcelId, category: '土地补偿费', amount: '1' })).toMatchObject({
      ok: false,
      error: '请选择费用类别（耕地开垦费、耕地占用税、评估费、不可预见费）',
    });
    expect(await createParcelCost.execute(db(), clerk, { parcelId, category: '评估费', amount: '-1' })).toMatchObject({ ok: false, error: '费用金额不能为负数' });
    expect(await createParcelCost.execute(db(), leader, { parcelId, category: '评估费', amount: '1' })).toEqual({ ok: false, error: PERMISSION_DENIED });

    expect(await deleteParcelCost.execute(db(), clerk, { id: created.data.id })).toMatchObject({ ok: true });
    expect((await getAcquisitionView(db(), parcelId))!.costs).toEqual([]);
    const audits = await db().select().from(auditLog).where(eq(auditLog.objectId, created.data.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['修改收储费用', '删除收储费用', '新增收储费用']);
  });

  it('freezes costs once the parcel is supplied', async () => {
    const parcelId = await insertParcel('已供应');
    expect(await createParcelCost.execute(db(), clerk, { parcelId, category: '评估费', amount: '1' })).toMatchObject({ ok: false, error: COMPENSATION_FROZEN_MESSAGE });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
