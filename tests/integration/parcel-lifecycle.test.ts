import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { getLifecycleOverview } from '../../src/modules/parcels/lifecycle/queries';
import { compensationParties, parcelEvents, parcels, reserveProjects, supplies, workPackages } from '../../src/modules/parcels/schema';
import { plans } from '../../src/modules/plans/schema';
import { systemSettings } from '../../src/platform/settings/schema';
import { getParcelDetail } from '../../src/modules/parcels/queries';
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
import { createSupplyPlanListing, createTitleCancellation, createWorkExemption } from '../../src/modules/parcels/net-land/mutations';

let database: Database;
let clerk: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(database.db, ['clerk']);
});
afterAll(async () => {
  await database?.close();
});

/** The test projects are in no plan: 启动收储 cites a government approval unless a test says otherwise. */
async function go(parcelId: string, toStage: string, extra: Record<string, unknown> = {}, actor: Actor = clerk) {
  const row = await parcelRow(database.db, parcelId);
  return transitionParcel.execute(database.db, actor, { parcelId, version: row.version, toStage, eventDate: '2025-03-01', docNo: '益政函〔2025〕8号', ...extra });
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
    .set({
      titleCertNo: '湘(2025)益阳市不动产权第0000001号',
      titleRegisteredOn: '2025-02-10',
      acquisitionDocNo: '湘政地〔2025〕12号',
      hazardSoil: '通过',
      hazardRelics: '通过',
      hazardMinerals: '通过',
      hazardFlood: '通过',
      hazardGeology: '通过',
    })
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

    // 可供应 needs 净地: every condition is named at once.
    const notClean = await go(parcelId, '可供应');
    expect(notClean.ok).toBe(false);
    if (!notClean.ok) {
      expect(notClean.error).toMatch(/^不能转为可供应：1\. 尚未达到净地/);
      expect(notClean.error).toContain('2. 不动产权证书 湘(2025)益阳市不动产权第0000001号 尚未注销');
      expect(notClean.error).toContain('3. 地块尚未纳入 2025 年度供应计划');
    }
    await database.db.insert(workPackages).values({ parcelId, workType: '道路', progress: 60, startedOn: '2025-02-01' });
    await database.db.insert(workPackages).values({ parcelId, workType: '平整', progress: 100, startedOn: '2025-02-01', acceptedOn: '2025-02-18' });
    expect((await createWorkExemption.execute(database.db, clerk, { parcelId, workType: '拆除', reason: '收回的国有空地，地上无建（构）筑物' })).ok).toBe(true);
    expect((await createTitleCancellation.execute(database.db, clerk, { parcelId, certNo: '湘（2025）益阳市不动产权第0000001号', cancelledOn: '2025-02-26' })).ok).toBe(true);
    expect((await createSupplyPlanListing.execute(database.db, clerk, { parcelId, planYear: 2025, docNo: '益政函〔2025〕11号', listedOn: '2025-02-20' })).ok).toBe(true);
    const unaccepted = await go(parcelId, '可供应');
    expect(unaccepted.ok).toBe(false);
    if (!unaccepted.ok) expect(unaccepted.error).toBe('不能转为可供应：1. 以下前期开发工作包尚未验收：道路。请验收合格并录入验收日期后再转为可供应');
    await database.db.update(workPackages).set({ progress: 100, acceptedOn: '2025-02-20' }).where(eq(workPackages.parcelId, parcelId));
    expect(await go(parcelId, '可供应')).toMatchObject({ ok: true });

    const noTerms = await go(parcelId, '已供应', { supply: { mode: '挂牌' } });
    expect(noTerms.ok).toBe(false);
    const supply = { mode: '挂牌', noticeDate: '2025-01-20', bidStartDate: '2025-02-10', listingEndDate: '2025-02-28', startingPrice: '12000000', dealPrice: '13500000.50', transferee: '益阳某置业有限公司', contractNo: 'CR-2025-01', dealDate: '2025-03-01' };
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
    const input = { parcelId, version: row.version, toStage: '收储中', eventDate: '2025-03-01', docNo: '益政函〔2025〕8号' };
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

describe('启动收储: in the current annual plan, or with a government approval (R17)', () => {
  async function planFor(years: [number, number], planType: 'annual' | 'rolling' = 'annual', status: 'current' | 'superseded' = 'current', groupId = `G-${Math.random()}`) {
    const [plan] = await database.db
      .insert(plans)
      .values({ groupId, version: status === 'current' ? 2 : 1, status, planType, startYear: years[0], endYear: years[1], title: `${years[0]}年度土地储备计划（测试）`, docNo: '益政函〔2025〕3号' })
      .returning({ id: plans.id, groupId: plans.groupId });
    return plan;
  }
  async function parcelInPlan(planId: string | null) {
    const created = await createTestParcel(database.db);
    await database.db.update(reserveProjects).set({ planId }).where(eq(reserveProjects.id, created.projectId));
    return created.parcelId;
  }

  it('refuses a parcel outside any plan without the approval number, at the number field, writing nothing', async () => {
    const parcelId = await parcelInPlan(null);
    for (const docNo of [null, '', '   ']) {
      const refused = await go(parcelId, '收储中', { docNo });
      expect(refused).toMatchObject({ ok: false, fieldErrors: { docNo: '所属项目未纳入储备计划，须填写人民政府批准文件的文号' } });
      if (!refused.ok) expect(refused.error).toMatch(/^不能启动收储：/);
    }
    expect((await parcelRow(database.db, parcelId)).stage).toBe('拟收储');
    const overview = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    const start = overview!.steps.find((s) => s.to === '收储中')!;
    expect(start.blockers).toEqual([]);
    expect(start.docNeed).toMatchObject({ required: true, note: '所属项目未纳入储备计划，须填写人民政府批准文件的文号' });
    expect(start.docNeed!.rule).toContain('国土资规〔2017〕17号');
    expect(await go(parcelId, '收储中', { docNo: '益政函〔2025〕8号' })).toMatchObject({ ok: true });
  });

  it('starts a parcel of the annual plan in force without a number; a plan of other years or a rolling plan is not enough', async () => {
    const inPlan = await parcelInPlan((await planFor([2025, 2025])).id);
    const overview = await getLifecycleOverview(database.db, inPlan, '2025-03-02');
    expect(overview!.steps.find((s) => s.to === '收储中')!.docNeed).toMatchObject({ required: false, note: '所属项目已纳入现行储备计划「2025年度土地储备计划（测试）」（益政函〔2025〕3号）' });
    expect(await go(inPlan, '收储中', { docNo: null })).toMatchObject({ ok: true });

    const lastYear = await parcelInPlan((await planFor([2024, 2024])).id);
    const refused = await go(lastYear, '收储中', { docNo: null });
    expect(refused.ok ? '' : refused.error).toContain('所属项目的计划「2024年度土地储备计划（测试）」不含 2025 年');
    const rolling = await parcelInPlan((await planFor([2025, 2027], 'rolling')).id);
    expect((await go(rolling, '收储中', { docNo: null })).ok).toBe(false);
  });

  it('reads the adjusted version of the plan a project was filed under', async () => {
    const v1 = await planFor([2024, 2024], 'annual', 'superseded', 'G-adjusted');
    await planFor([2025, 2025], 'annual', 'current', 'G-adjusted');
    const parcelId = await parcelInPlan(v1.id);
    expect(await go(parcelId, '收储中', { docNo: null })).toMatchObject({ ok: true });
  });
});

describe('入库: the acquisition document, the 电子监管号 and the hazard checks', () => {
  async function ready(route: '征收' | '收回' | '收购' | '优先购买' = '征收') {
    const { parcelId } = await createTestParcel(database.db, { route });
    expect(await go(parcelId, '收储中')).toMatchObject({ ok: true });
    await makeReservable(parcelId);
    return parcelId;
  }
  const setting = async (key: string, value: string | null) => {
    await database.db.delete(systemSettings).where(eq(systemSettings.key, key));
    if (value !== null) await database.db.insert(systemSettings).values({ key, value, updatedAt: new Date() });
  };

  it.each([
    ['征收', '尚未录入征地批复文号'],
    ['收回', '尚未录入收回决定书文号'],
    ['收购', '尚未录入收购协议编号'],
    ['优先购买', '尚未录入优先购买协议编号'],
  ] as const)('%s needs its document number: %s', async (route, message) => {
    const parcelId = await ready(route);
    await database.db.update(parcels).set({ acquisitionDocNo: null }).where(eq(parcels.id, parcelId));
    const refused = await go(parcelId, '已入库');
    expect(refused.ok ? '' : refused.error).toContain(message);
    await database.db.update(parcels).set({ acquisitionDocNo: '益政土收〔2025〕001号' }).where(eq(parcels.id, parcelId));
    expect(await go(parcelId, '已入库')).toMatchObject({ ok: true });
  });

  it('with parcel.supervisionNoDays = 0 needs the 电子监管号 first; by default warns after the days set, citing the setting as 待核实', async () => {
    const parcelId = await ready();
    await setting('parcel.supervisionNoDays', '0');
    const refused = await go(parcelId, '已入库');
    expect(refused.ok ? '' : refused.error).toContain('尚未录入电子监管号');
    const overview = await getLifecycleOverview(database.db, parcelId, '2025-03-02');
    const blocker = overview!.steps.find((s) => s.to === '已入库')!.blockers.find((b) => b.code === 'supervision-no-missing')!;
    expect(blocker.rule).toMatch(/^本中心规定：.*（待核实）$/);
    await setting('parcel.supervisionNoDays', null);
    expect(await go(parcelId, '已入库')).toMatchObject({ ok: true });
    // Reserved on 2025-03-01 without the number: 30 days by default, long past today.
    const detail = await getParcelDetail(database.db, parcelId);
    const w = detail!.warnings.find((x) => x.code === 'supervision-no-overdue')!;
    expect(w.level).toBe('red');
    expect(w.rule).toMatch(/^本中心规定：.*（待核实）$/);
    await database.db.update(parcels).set({ supervisionNo: '4309022025B00123' }).where(eq(parcels.id, parcelId));
    expect((await getParcelDetail(database.db, parcelId))!.warnings.map((x) => x.code)).not.toContain('supervision-no-overdue');
  });

  it('takes the soil survey as optional for industrial use, and refuses 不涉及 without a reason', async () => {
    const parcelId = await ready();
    await database.db.update(parcels).set({ plannedUse: '工业用地', hazardSoil: '未查', hazardFlood: '不涉及', hazardFloodReason: null }).where(eq(parcels.id, parcelId));
    const refused = await go(parcelId, '已入库');
    expect(refused.ok ? '' : refused.error).toContain('以下调查评估为“不涉及”但未写明理由：洪涝隐患排查');
    expect(refused.ok ? '' : refused.error).not.toContain('土壤');
    await database.db.update(parcels).set({ hazardFloodReason: '地块高于片区防洪水位' }).where(eq(parcels.id, parcelId));
    expect(await go(parcelId, '已入库')).toMatchObject({ ok: true });
  });

  it('requires the soil survey for residential use (土壤污染防治法 第59条)', async () => {
    const parcelId = await ready();
    await database.db.update(parcels).set({ plannedUse: '居住用地', hazardSoil: '未查' }).where(eq(parcels.id, parcelId));
    const refused = await go(parcelId, '已入库');
    expect(refused.ok ? '' : refused.error).toContain('土壤污染状况调查尚未完成（未查）：规划用途为居住用地（住宅）');
    expect((await parcelRow(database.db, parcelId)).stage).toBe('收储中');
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
