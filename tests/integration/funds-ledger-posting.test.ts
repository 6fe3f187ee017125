import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { compensationParties, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { idNumberCheckChar } from '../../src/modules/parcels/rules';
import { PARTY_HAS_PAYMENTS, createParty, deleteParty, updateParty } from '../../src/modules/parcels/acquisition/mutations';
import { fundAccounts, ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { approveEntry, deleteEntry, returnEntry, reverseEntry, reviewEntry, submitEntry, updateEntry } from '../../src/modules/funds/ledger/mutations';
import { getEntry, listEntries } from '../../src/modules/funds/ledger/queries';
import { PROJECT_CLOSED, ZLedgerFilter } from '../../src/modules/funds/ledger/validation';
import { todayInShanghai } from '../../src/ui/format';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

/** These tests are not about the funds warnings: every approval acknowledges them all. */
const ACK = [...SPENDING_WARNING_CODES];

let database: Database;
const db = () => database.db;
let clerk: Actor;
let chief: Actor;
let finance: Actor;
let finance2: Actor;
let account: string;

const ID_A = '43090219900101123' + idNumberCheckChar('43090219900101123');

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
  finance2 = await createActor(db(), ['finance']);
  [{ id: account }] = await db().insert(fundAccounts).values({ sourceCode: 'land_income', name: '出让收入返还专户' }).returning({ id: fundAccounts.id });
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(projectStatus: 'active' | 'closed' = 'active') {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `POST-P${seq}`, name: `补偿入账项目${seq}`, acquisitionRoute: '征收', status: projectStatus })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `POST-${seq}`, name: `补偿入账地块${seq}`, projectId: project.id, stage: '收储中', stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return { projectId: project.id, parcelId: parcel.id, parcelCode: `POST-${seq}` };
}

const party = (parcelId: string, extra: Record<string, unknown> = {}) => ({
  parcelId,
  partyType: '个人',
  name: '王五',
  idNumber: ID_A,
  phone: '',
  agreementNo: 'BC-2025-009',
  agreementSignedOn: '2025-01-10',
  amountAgreed: '300000',
  newPayment: '120000.25',
  items: [],
  ...extra,
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

async function entriesOf(partyId: string) {
  return db().select().from(ledgerEntries).where(eq(ledgerEntries.partyId, partyId)).orderBy(ledgerEntries.createdAt, ledgerEntries.id);
}

async function paidOf(partyId: string) {
  const [row] = await db().select({ amountPaid: compensationParties.amountPaid }).from(compensationParties).where(eq(compensationParties.id, partyId));
  return row?.amountPaid;
}

async function version(id: string) {
  const [row] = await db().select({ version: ledgerEntries.version }).from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return row.version;
}

async function approve(id: string) {
  await ok(reviewEntry.execute(db(), chief, { id, version: await version(id), acknowledged: ACK }));
  await ok(approveEntry.execute(db(), finance, { id, version: await version(id), accountId: account, acknowledged: ACK }));
}

describe('compensation payments post to the ledger', () => {
  it('a new party with an amount paid posts one submitted compensation expense of the parcel’s project', async () => {
    const { projectId, parcelId, parcelCode } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId)));
    const [entry] = await entriesOf(created.id);
    expect(entry).toMatchObject({
      entryNo: created.entryNo,
      direction: 'expense',
      amount: '120000.25',
      category: '征收补偿',
      origin: 'compensation',
      status: 'submitted',
      projectId,
      parcelId,
      partyId: created.id,
      counterparty: '王五',
      description: `地块 ${parcelCode} 征收补偿款（由征收补偿登记自动生成）`,
      createdBy: clerk.userId,
      submittedBy: clerk.userId,
      sourceCode: null,
      accountId: null,
      entryDate: todayInShanghai(),
    });
    const steps = await db().select().from(ledgerSteps).where(eq(ledgerSteps.entryId, entry.id));
    expect(steps.map((s) => [s.action, s.fromStatus, s.toStatus, s.comment])).toEqual([['submit', null, 'submitted', '由征收补偿登记自动生成']]);
    const audits = await db().select().from(auditLog).where(eq(auditLog.objectId, entry.id));
    expect(audits.map((a) => [a.action, a.result])).toEqual([['登记征收补偿支付', '成功']]);
    const [partyAudit] = await db().select().from(auditLog).where(eq(auditLog.objectId, created.id)).orderBy(desc(auditLog.seq));
    expect(partyAudit.message).toContain(created.entryNo!);
  });

  it('posts nothing for a party without payment, and each payment registered later as its own entry', async () => {
    const { parcelId } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId, { newPayment: '' })));
    expect(created.entryNo).toBeNull();
    expect(await entriesOf(created.id)).toHaveLength(0);
    const first = await ok(updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '100000' }));
    const second = await ok(updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '0.10' }));
    const same = await ok(updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '0' }));
    expect(same.entryNo).toBeNull();
    expect((await entriesOf(created.id)).map((e) => [e.entryNo, e.amount])).toEqual([
      [first.entryNo, '100000.00'],
      [second.entryNo, '0.10'],
    ]);
    expect(await paidOf(created.id)).toBe('100000.10');
  });

  it('refuses a payment beyond the agreement and the deletion of a party with payments; nothing changes', async () => {
    const { parcelId } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId)));
    expect(await updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '179999.76' })).toMatchObject({
      ok: false,
      error: '本次支付后已登记支付合计 300,000.01 元（此前已登记 120,000.25 元），超过协议金额 300,000.00 元',
    });
    expect(await deleteParty.execute(db(), clerk, { id: created.id })).toEqual({ ok: false, error: PARTY_HAS_PAYMENTS });
    expect(await paidOf(created.id)).toBe('120000.25');
    expect(await entriesOf(created.id)).toHaveLength(1);
  });

  it('refuses a payment on a closed project: no party, no entry', async () => {
    const { parcelId } = await insertParcel('closed');
    const [{ n: before }] = await db().select({ n: count() }).from(ledgerEntries);
    expect(await createParty.execute(db(), clerk, party(parcelId))).toEqual({ ok: false, error: PROJECT_CLOSED });
    expect(await db().select().from(compensationParties).where(eq(compensationParties.parcelId, parcelId))).toHaveLength(0);
    const [{ n: after }] = await db().select({ n: count() }).from(ledgerEntries);
    expect(after).toBe(before);
    // Without a payment the party can still be registered.
    await ok(createParty.execute(db(), clerk, party(parcelId, { newPayment: '0' })));
  });

  it('finance chooses the account at approval; the payment then counts in the project’s approved spending', async () => {
    const { projectId, parcelId } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId)));
    const [entry] = await entriesOf(created.id);
    await approve(entry.id);
    const [row] = await entriesOf(created.id);
    expect(row).toMatchObject({ status: 'approved', accountId: account, sourceCode: 'land_income' });
    const list = await listEntries(db(), ZLedgerFilter.parse({ project: projectId }));
    expect(list.totals.approved.expense).toBe('120000.25');
    expect(list.rows[0]).toMatchObject({ origin: 'compensation', counterparty: '王五' });
  });
});

describe('the ledger keeps the party’s amount paid in step', () => {
  it('deleting a returned compensation entry takes its amount off the party', async () => {
    const { parcelId } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId, { newPayment: '1000' })));
    await ok(updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '500.50' }));
    const [, increase] = await entriesOf(created.id);
    expect(increase.amount).toBe('500.50');

    // Only status draft/returned can be deleted; its amount, project and parcel are fixed.
    expect(await deleteEntry.execute(db(), clerk, { id: increase.id, version: 1 })).toEqual({
      ok: false,
      error: '记录当前为「待科室审核」，不能删除；如需删除，请先由审核人退回',
    });
    await ok(returnEntry.execute(db(), chief, { id: increase.id, version: 1, comment: '重复登记' }));
    expect(
      await updateEntry.execute(db(), clerk, {
        id: increase.id,
        version: 2,
        direction: 'expense',
        entryDate: increase.entryDate,
        amount: '400',
        category: '征收补偿',
        projectId: increase.projectId,
        parcelId: increase.parcelId,
      }),
    ).toEqual({
      ok: false,
      error: '由征收补偿登记生成的支付记录不能修改收支方向、金额、科目、项目和地块；金额有误时，请删除本记录，再在地块的征收补偿登记中重新登记支付',
    });
    // Other fields may be corrected and the entry resubmitted.
    await ok(
      updateEntry.execute(db(), clerk, {
        id: increase.id,
        version: 2,
        direction: 'expense',
        entryDate: increase.entryDate,
        amount: '500.5',
        category: '征收补偿',
        projectId: increase.projectId,
        parcelId: increase.parcelId,
        voucherNo: '记-2025-118',
        counterparty: '王五',
      }),
    );
    await ok(submitEntry.execute(db(), clerk, { id: increase.id, version: 3 }));
    await ok(returnEntry.execute(db(), chief, { id: increase.id, version: 4, comment: '确认重复，删除' }));
    await ok(deleteEntry.execute(db(), clerk, { id: increase.id, version: 5 }));
    expect(await paidOf(created.id)).toBe('1000.00');
    expect((await entriesOf(created.id)).map((e) => e.amount)).toEqual(['1000.00']);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, created.id), eq(auditLog.action, '冲减补偿已支付金额')));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].diff!)).toEqual({ amountPaid: { from: '1500.50', to: '1000.00' } });
  });

  it('an approved reversal of a compensation payment takes the amount off the party; a pending one does not', async () => {
    const { projectId, parcelId } = await insertParcel();
    const created = await ok(createParty.execute(db(), clerk, party(parcelId, { newPayment: '80000' })));
    const [entry] = await entriesOf(created.id);
    await approve(entry.id);
    const rev = await ok(reverseEntry.execute(db(), finance, { id: entry.id, version: await version(entry.id), reason: '支付退回' }));
    expect(await paidOf(created.id)).toBe('80000.00');
    await ok(reviewEntry.execute(db(), chief, { id: rev.id, version: await version(rev.id), acknowledged: ACK }));
    await ok(approveEntry.execute(db(), finance2, { id: rev.id, version: await version(rev.id), acknowledged: ACK }));
    expect(await paidOf(created.id)).toBe('0.00');
    expect((await getEntry(db(), entry.id))?.reversedBy).toBe(rev.id);
    expect((await listEntries(db(), ZLedgerFilter.parse({ project: projectId }))).totals.approved.expense).toBe('0.00');
    // The party now shows nothing paid; a new payment posts again.
    await ok(updateParty.execute(db(), clerk, { ...party(parcelId), id: created.id, idNumber: '', newPayment: '80000' }));
    expect(await entriesOf(created.id)).toHaveLength(3);
  });
});

describe('audit trail', () => {
  it('keeps the chain intact', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
