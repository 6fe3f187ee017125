import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { getLifecycleOverview } from '../../src/modules/parcels/lifecycle/queries';
import { compensationParties, parcelEvents, parcels, supplies, workPackages } from '../../src/modules/parcels/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';
import { createTestParcel, parcelRow } from '../helpers/parcels';
import { fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { approveEntry, reviewEntry } from '../../src/modules/funds/ledger/mutations';
import { createParty } from '../../src/modules/parcels/acquisition/mutations';
import { idNumberCheckChar } from '../../src/modules/parcels/rules';

let database: Database;
let clerk: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(database.db, ['clerk']);
});
afterAll(async () => {
  await database?.close();
});

async function go(parcelId: string, toStage: string, extra: Record<string, unknown> = {}, actor: Actor = clerk) {
  const row = await parcelRow(database.db, parcelId);
  return transitionParcel.execute(database.db, actor, { parcelId, version: row.version, toStage, eventDate: '2025-03-01', ...extra });
}

/** Paid means approved ledger payments: the party's payment is booked as an approved 征收补偿 expense. */
async function makeReservable(parcelId: string) {
  const [party] = await database.db
    .insert(compensationParties)
    .values({ parcelId, partyType: '个人', name: '张三', agreementSignedOn: '2025-02-01', amountAgreed: '100000.10', amountPaid: '100000.10' })
    .returning({ id: compensationParties.id });
  const { projectId } = await parcelRow(database.db, parcelId);
  await database.db.insert(ledgerEntries).values({
    entryNo: `ZJ-LC-${parcelId.slice(-6)}`,
    direction: 'expense',
    entryDate: '2025-02-05',
    amount: '100000.10',
    category: '征收补偿',
    projectId,
    parcelId,
    partyId: party.id,
    status: 'approved',
    origin: 'compensation',
  });
  await database.db
    .update(parcels)
    .set({ titleCertNo: '湘(2025)益阳市不动产权第0000001号', titleRegisteredOn: '2025-02-10', hazardSoil: '通过', hazardRelics: '通过', hazardMinerals: '通过', hazardGeology: '通过' })
    .where(eq(parcels.id, parcelId));
}

describe('parcel lifecycle', () => {
  it('walks a parcel from 拟收储 to 已供应 with guards on the way, and back on an aborted trade', async () => {
    const { parcelId } = await createTestParcel(database.db);
    expect(await go(parcelId, '收储中')).toMatchObject({ ok: true });

    const refused = await go(parcelId, '已入库');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatch(/^不能入库：/);
      expect(refused.error).toContain('土壤污染状况调查');
    }
    expect((await parcelRow(database.db, parcelId)).stage).toBe('收储中');

    await makeReservable(parcelId);
    expect(await go(parcelId, '已入库')).toMatchObject({ ok: true });
    expect(await go(parcelId, '前期开发')).toMatchObject({ ok: true });

    const noWorks = await go(parcelId, '可供应');
    expect(noWorks.ok).toBe(false);
    await database.db.insert(workPackages).values({ parcelId, workType: '道路', progress: 60, startedOn: '2025-02-01' });
    const unaccepted = await go(parcelId, '可供应');
    expect(unaccepted.ok).toBe(false);
    if (!unaccepted.ok) expect(unaccepted.error).toContain('道路');
    await database.db.update(workPackages).set({ progress: 100, acceptedOn: '2025-02-20' }).where(eq(workPackages.parcelId, parcelId));
    expect(await go(parcelId, '可供应')).toMatchObject({ ok: true });

    const noTerms = await go(parcelId, '已供应', { supply: { mode: '挂牌' } });
    expect(noTerms.ok).toBe(false);
    const supply = { mode: '挂牌', noticeDate: '2025-02-25', startingPrice: '12000000', dealPrice: '13500000.50', transferee: '益阳某置业有限公司', contractNo: 'CR-2025-01', dealDate: '2025-03-01' };
    expect(await go(parcelId, '已供应', { supply })).toMatchObject({ ok: true });
    const [deal] = await database.db.select().from(supplies).where(eq(supplies.parcelId, parcelId));
    expect(deal).toMatchObject({ status: '成交', dealPrice: '13500000.50', mode: '挂牌' });

    expect((await go(parcelId, '可供应')).ok).toBe(false); // abort needs a reason
    expect(await go(parcelId, '可供应', { reason: '竞得人未按期签订出让合同' })).toMatchObject({ ok: true });
    const [aborted] = await database.db.select().from(supplies).where(eq(supplies.parcelId, parcelId));
    expect(aborted.status).toBe('中止');

    const events = await database.db.select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId)).orderBy(asc(parcelEvents.seq));
    expect(events.map((e) => e.toStage)).toEqual(['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '可供应']);
    const row = await parcelRow(database.db, parcelId);
    expect(row).toMatchObject({ stage: '可供应', version: 7 });
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.objectId, parcelId), eq(auditLog.result, '成功')));
    expect(audits).toHaveLength(6);
  });

  it('refuses a date in the future or before the last step, and 终止 without a reason', async () => {
    const { parcelId } = await createTestParcel(database.db, { eventDate: '2025-02-01' });
    const early = await go(parcelId, '收储中', { eventDate: '2025-01-01' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toContain('2025-02-01');
    expect((await go(parcelId, '收储中', { eventDate: '2999-01-01' })).ok).toBe(false);
    expect((await go(parcelId, '终止')).ok).toBe(false);
    expect(await go(parcelId, '终止', { reason: '规划调整，不再收储' })).toMatchObject({ ok: true });
    expect((await go(parcelId, '收储中')).ok).toBe(false); // nothing leaves 终止
  });

  it('lets exactly one of two concurrent transitions of the same parcel win', async () => {
    const { parcelId } = await createTestParcel(database.db);
    const row = await parcelRow(database.db, parcelId);
    const input = { parcelId, version: row.version, toStage: '收储中', eventDate: '2025-03-01' };
    const results = await Promise.all([transitionParcel.execute(database.db, clerk, input), transitionParcel.execute(database.db, clerk, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: '地块状态已被他人更新（当前环节为「收储中」），请刷新后重试' });
    const events = await database.db.select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId));
    expect(events).toHaveLength(2);
  });

  it('refuses users without parcel:transition and bad input, writing nothing', async () => {
    const { parcelId } = await createTestParcel(database.db);
    const finance = await createActor(database.db, ['finance']);
    expect(await go(parcelId, '收储中', {}, finance)).toEqual({ ok: false, error: '您没有执行此操作的权限' });
    expect((await go(parcelId, '收储中', { eventDate: '2025-02-30' })).ok).toBe(false);
    expect((await go(parcelId, '收储中', { amount: '-5' })).ok).toBe(false);
    expect((await go(parcelId, '收储中', { amount: '1.234' })).ok).toBe(false);
    expect((await go(parcelId, 'nonsense')).ok).toBe(false);
    const [last] = await database.db.select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId)).orderBy(desc(parcelEvents.seq)).limit(1);
    expect(last.seq).toBe(1);
  });

  it('previews what blocks each next step', async () => {
    const { parcelId } = await createTestParcel(database.db);
    await go(parcelId, '收储中');
    const overview = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    const reserve = overview?.steps.find((s) => s.to === '已入库');
    expect(reserve?.blockers.length).toBeGreaterThan(0);
    expect(reserve?.blockers.every((b) => b.rule.length > 0)).toBe(true);
    const cancel = overview?.steps.find((s) => s.to === '终止');
    expect(cancel?.blockers).toEqual([]);
  });
});

describe('入库 needs compensation paid by approved ledger payments', () => {
  it('refuses while the payment awaits the funds workflow, naming it; passes once finance approves it', async () => {
    const { parcelId } = await createTestParcel(database.db);
    expect(await go(parcelId, '收储中')).toMatchObject({ ok: true });
    await makeReservable(parcelId);
    // A second household: agreed and registered as paid on the compensation form, not yet approved.
    const created = await createParty.execute(database.db, clerk, {
      parcelId,
      partyType: '个人',
      name: '李四',
      idNumber: '43090219900101123' + idNumberCheckChar('43090219900101123'),
      agreementNo: 'BC-2025-002',
      agreementSignedOn: '2025-02-01',
      amountAgreed: '50000',
      newPayment: '50000',
      paymentDate: '2025-02-20',
      items: [],
    });
    if (!created.ok) throw new Error(created.error);
    const entryNo = created.data.entryNo!;
    const refused = await go(parcelId, '已入库');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toContain(`补偿对象「李四」的支付记录 ${entryNo}（50,000.00 元）待科室审核`);
      expect(refused.error).toContain('不计为已支付');
    }
    const overview = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    expect(overview!.steps.find((s) => s.to === '已入库')!.blockers.map((b) => b.message).join()).toContain(entryNo);

    const [entry] = await database.db.select().from(ledgerEntries).where(eq(ledgerEntries.entryNo, entryNo));
    const chief = await createActor(database.db, ['chief']);
    const finance = await createActor(database.db, ['finance']);
    const [account] = await database.db.insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '财政专户（入库测试）' }).returning({ id: fundAccounts.id });
    const all = [...SPENDING_WARNING_CODES];
    expect(await reviewEntry.execute(database.db, chief, { id: entry.id, version: 1, acknowledged: all })).toMatchObject({ ok: true });
    const stillWaiting = await go(parcelId, '已入库');
    expect(stillWaiting.ok ? '' : stillWaiting.error).toContain(`${entryNo}（50,000.00 元）待财务审批`);
    expect(await approveEntry.execute(database.db, finance, { id: entry.id, version: 2, accountId: account.id, acknowledged: all })).toMatchObject({ ok: true });
    expect(await go(parcelId, '已入库')).toMatchObject({ ok: true });
  });
});

describe('lifecycle event documents', () => {
  it('attaches a PDF to an event, lists it, refuses other content and users without the permission', async () => {
    const { attachEventDocument } = await import('../../src/modules/parcels/lifecycle/documents');
    const { parcelId } = await createTestParcel(database.db);
    await go(parcelId, '收储中', { docNo: '益土储〔2025〕1号' });
    const overview = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    const event = overview!.events.at(-1)!;
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    expect(await attachEventDocument.execute(database.db, clerk, { eventId: event.id, fileName: '收储批复.pdf', bytes: pdf })).toMatchObject({ ok: true });
    const after = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    expect(after!.events.at(-1)!.documents.map((d) => d.fileName)).toEqual(['收储批复.pdf']);
    const fake = new TextEncoder().encode('MZ this is not a pdf');
    const refused = await attachEventDocument.execute(database.db, clerk, { eventId: event.id, fileName: 'virus.pdf', bytes: fake });
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.error).toContain('按文件内容识别');
    const finance = await createActor(database.db, ['finance']);
    expect(await attachEventDocument.execute(database.db, finance, { eventId: event.id, fileName: 'a.pdf', bytes: pdf })).toEqual({
      ok: false,
      error: '您没有执行此操作的权限',
    });
    const again = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    expect(again!.events.at(-1)!.documents).toHaveLength(1);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
