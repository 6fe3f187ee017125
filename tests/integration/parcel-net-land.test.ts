import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { todayInShanghai } from '../../src/ui/format';
import { parcels, reserveProjects, workPackages } from '../../src/modules/parcels/schema';
import { supplyPlanListings, titleCancellations, workExemptions } from '../../src/modules/parcels/net-land/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import {
  createSupplyPlanListing,
  createTitleCancellation,
  createWorkExemption,
  deleteSupplyPlanListing,
  deleteTitleCancellation,
  deleteWorkExemption,
} from '../../src/modules/parcels/net-land/mutations';
import { getNetLandView, listSupplyPlanParcels } from '../../src/modules/parcels/net-land/queries';
import { createWorkPackage, updateWorkPackage } from '../../src/modules/parcels/development/mutations';
import { getLifecycleOverview } from '../../src/modules/parcels/lifecycle/queries';
import { plans } from '../../src/modules/plans/schema';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let finance: Actor;
const db = () => database.db;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  finance = await createActor(db(), ['finance']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(stage: TStage = '前期开发', extra: Partial<typeof parcels.$inferInsert> = {}): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `NL-P${seq}`, name: `净地测试项目${seq}`, acquisitionRoute: '收购' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({
      code: `NL-${seq}`,
      name: `净地测试地块${seq}`,
      projectId: project.id,
      stage,
      stageSince: `${year}-01-02`,
      titleCertNo: '湘(2024)益阳市不动产权第0007001号',
      titleRegisteredOn: '2024-06-01',
      ...extra,
    })
    .returning({ id: parcels.id });
  return parcel.id;
}
const lastAudit = async () => (await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];

describe('净地 records', () => {
  it('records a reason for no demolition, refuses a second one and a package of that type, and lets the reason go before 可供应', async () => {
    const parcelId = await insertParcel();
    const res = await createWorkExemption.execute(db(), clerk, { parcelId, workType: '拆除', reason: '收回的国有空地，地上无建（构）筑物' });
    expect(res.ok).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: '登记无须施工原因', objectType: '净地条件', message: `地块 NL-${seq}：无须拆除（收回的国有空地，地上无建（构）筑物）` });
    expect(await createWorkExemption.execute(db(), clerk, { parcelId, workType: '拆除', reason: '再来一次' })).toMatchObject({ ok: false, error: '已登记无须拆除的原因' });

    const pkg = { parcelId, workType: '拆除', contractAmount: '0', progress: 0, startedOn: '', acceptedOn: '' };
    expect(await createWorkPackage.execute(db(), clerk, pkg)).toMatchObject({
      ok: false,
      error: '已登记无须拆除的原因，如需拆除，请先在「净地条件」中撤销该原因',
      fieldErrors: { workType: '已登记无须拆除' },
    });
    const road = await createWorkPackage.execute(db(), clerk, { ...pkg, workType: '道路' });
    expect(road.ok).toBe(true);
    if (road.ok) expect(await updateWorkPackage.execute(db(), clerk, { ...pkg, id: road.data.id })).toMatchObject({ ok: false });

    // A reason where a package of the type exists is refused the other way round.
    const levelling = await createWorkPackage.execute(db(), clerk, { ...pkg, workType: '平整' });
    expect(levelling.ok).toBe(true);
    expect(await createWorkExemption.execute(db(), clerk, { parcelId, workType: '平整', reason: '已平整' })).toMatchObject({
      ok: false,
      error: '已登记平整工作包，无须登记原因；如确实无须平整，请先删除该工作包',
    });
    expect(await createWorkExemption.execute(db(), clerk, { parcelId, workType: '道路', reason: 'x' })).toMatchObject({ ok: false, error: '请选择无须施工的工程（拆除、平整）' });

    const [row] = await db().select().from(workExemptions).where(eq(workExemptions.parcelId, parcelId));
    expect(await deleteWorkExemption.execute(db(), clerk, { id: row.id })).toEqual({ ok: true, data: { id: row.id } });
    expect(await db().select().from(workExemptions).where(eq(workExemptions.parcelId, parcelId))).toEqual([]);
  });

  it('records a certificate cancellation by number and date, matching the number however it is bracketed', async () => {
    const parcelId = await insertParcel();
    const early = await createTitleCancellation.execute(db(), clerk, { parcelId, certNo: '湘(2024)益阳市不动产权第0007001号', cancelledOn: '2024-05-31' });
    expect(early).toMatchObject({ ok: false, error: '注销日期（2024-05-31）不能早于权属登记日期（2024-06-01）', fieldErrors: { cancelledOn: '不能早于权属登记日期（2024-06-01）' } });
    const future = await createTitleCancellation.execute(db(), clerk, { parcelId, certNo: '湘(2024)益阳市不动产权第0007001号', cancelledOn: '2099-01-01' });
    expect(future).toMatchObject({ ok: false, error: '注销日期不能晚于今天' });
    expect((await createTitleCancellation.execute(db(), clerk, { parcelId, certNo: '湘（2024）益阳市不动产权第0007001号', cancelledOn: '2024-12-20', note: '注销登记受理号 ZX-0001' })).ok).toBe(true);
    expect(await createTitleCancellation.execute(db(), clerk, { parcelId, certNo: '湘(2024) 益阳市不动产权第0007001号', cancelledOn: '2024-12-21' })).toMatchObject({
      ok: false,
      error: '不动产权证书 湘（2024）益阳市不动产权第0007001号 已登记注销',
    });
    const view = await getNetLandView(db(), parcelId, today);
    expect(view.cancellations.map((c) => [c.certNo, c.cancelledOn, c.note])).toEqual([['湘（2024）益阳市不动产权第0007001号', '2024-12-20', '注销登记受理号 ZX-0001']]);
    expect(view.problems.map((p) => p.code)).toEqual(['net-land-works', 'net-land-plan']);
  });

  it('lists the parcel in a supply plan by year and document number; the plan page reads the year', async () => {
    const parcelId = await insertParcel();
    expect(await createSupplyPlanListing.execute(db(), clerk, { parcelId, planYear: year, docNo: `益政函〔${year}〕8号`, listedOn: `${year - 2}-12-30` })).toMatchObject({
      ok: false,
      error: `纳入 ${year} 年度供应计划的日期应在 ${year - 1} 年或 ${year} 年内`,
    });
    expect((await createSupplyPlanListing.execute(db(), clerk, { parcelId, planYear: year, docNo: `益政函〔${year}〕8号`, listedOn: `${year}-01-05` })).ok).toBe(true);
    expect(await createSupplyPlanListing.execute(db(), clerk, { parcelId, planYear: year, docNo: '另一文号', listedOn: `${year}-01-06` })).toMatchObject({
      ok: false,
      error: `地块已登记纳入 ${year} 年度供应计划（益政函〔${year}〕8号）`,
    });
    const listed = await listSupplyPlanParcels(db(), year);
    expect(listed.filter((r) => r.parcelId === parcelId)).toEqual([
      expect.objectContaining({ code: `NL-${seq}`, docNo: `益政函〔${year}〕8号`, listedOn: `${year}-01-05`, stage: '前期开发' }),
    ]);
    expect(await listSupplyPlanParcels(db(), year - 1)).toEqual([]);

    // The form suggests the current annual plan's document number.
    await db().insert(plans).values({ groupId: 'G-NL', version: 1, status: 'current', planType: 'annual', startYear: year, endYear: year, title: '年度计划', docNo: `益政函〔${year}〕3号` });
    expect((await getNetLandView(db(), parcelId, today)).planDocNos).toEqual({ [year]: `益政函〔${year}〕3号` });
  });

  it('keeps what 可供应 rests on: no deletion once ready, except another year’s plan listing', async () => {
    const parcelId = await insertParcel('可供应');
    await createWorkExemption.execute(db(), clerk, { parcelId, workType: '拆除', reason: '无建筑' });
    await createTitleCancellation.execute(db(), clerk, { parcelId, certNo: '湘(2024)益阳市不动产权第0007001号', cancelledOn: '2024-12-20' });
    await createSupplyPlanListing.execute(db(), clerk, { parcelId, planYear: year, docNo: '本年计划', listedOn: `${year}-01-01` });
    await createSupplyPlanListing.execute(db(), clerk, { parcelId, planYear: year + 1, docNo: '明年计划', listedOn: today });
    const [exemption] = await db().select().from(workExemptions).where(eq(workExemptions.parcelId, parcelId));
    const [cancellation] = await db().select().from(titleCancellations).where(eq(titleCancellations.parcelId, parcelId));
    const listings = await db().select().from(supplyPlanListings).where(eq(supplyPlanListings.parcelId, parcelId));
    const thisYear = listings.find((l) => l.planYear === year)!;
    const nextYear = listings.find((l) => l.planYear === year + 1)!;
    expect(await deleteWorkExemption.execute(db(), clerk, { id: exemption.id })).toEqual({ ok: false, error: '地块已转为可供应，净地条件须保持：不能删除无须拆除的原因' });
    expect(await deleteTitleCancellation.execute(db(), clerk, { id: cancellation.id })).toEqual({ ok: false, error: '地块已转为可供应，净地条件须保持：不能删除证书注销记录' });
    expect(await deleteSupplyPlanListing.execute(db(), clerk, { id: thisYear.id })).toEqual({ ok: false, error: `地块已转为可供应，净地条件须保持：不能删除${year} 年度供应计划的纳入记录` });
    expect((await deleteSupplyPlanListing.execute(db(), clerk, { id: nextYear.id })).ok).toBe(true);
    expect((await db().select().from(supplyPlanListings).where(eq(supplyPlanListings.parcelId, parcelId))).map((l) => l.planYear)).toEqual([year]);
  });

  it('refuses outside the stages that lead to supply, without parcel:edit, and for an unknown record', async () => {
    const early = await insertParcel('收储中');
    expect(await createWorkExemption.execute(db(), clerk, { parcelId: early, workType: '拆除', reason: '无建筑' })).toEqual({
      ok: false,
      error: '地块当前为「收储中」，只有已入库、前期开发或可供应阶段的地块可以登记净地条件',
    });
    const parcelId = await insertParcel();
    expect(await createSupplyPlanListing.execute(db(), finance, { parcelId, planYear: year, docNo: 'x', listedOn: today })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await deleteTitleCancellation.execute(db(), clerk, { id: 'NOPE' })).toMatchObject({ ok: false, error: '记录不存在或已被删除，请刷新后重试' });
    expect(await db().select().from(supplyPlanListings).where(eq(supplyPlanListings.parcelId, parcelId))).toEqual([]);
  });

  it('shows each unmet 净地 condition as a blocker of 转为可供应 on the lifecycle page, with its source', async () => {
    const parcelId = await insertParcel('前期开发', { custodyMode: '临时利用', tempUseStart: '2025-01-01', tempUseEnd: '2026-12-31' });
    await db().insert(workPackages).values({ parcelId, workType: '平整', progress: 100, startedOn: '2025-01-01', acceptedOn: '2025-02-01' });
    const overview = await getLifecycleOverview(db(), parcelId, today);
    const ready = overview!.steps.find((s) => s.to === '可供应')!;
    expect(ready.blockers.map((b) => b.code)).toEqual(['net-land-works', 'net-land-title', 'net-land-plan', 'net-land-temp-use']);
    expect(ready.blockers[0].message).toContain('地上建（构）筑物拆除');
    expect(ready.blockers[0].message).not.toContain('场地平整');
    expect(ready.blockers.every((b) => b.rule.length > 10)).toBe(true);
  });

  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(db())).toEqual([]);
  });
});
