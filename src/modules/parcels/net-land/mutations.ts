import 'server-only';
import { and, eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { parcels, workPackages } from '../schema';
import { normaliseCertNo } from '../rules';
import { lockParcelRef, type ParcelRef } from '../acquisition/parcel-ref';
import { developmentStageProblem } from '../development/validation';
import { supplyPlanListings, titleCancellations, workExemptions } from './schema';
import { ZNetLandRef, ZSupplyPlanListing, ZTitleCancellation, ZWorkExemption } from './validation';

const OBJECT_TYPE = '净地条件';

/** 净地 records are kept in the stages that lead to supply (已入库, 前期开发, 可供应). */
function requireStage(parcel: ParcelRef) {
  const problem = developmentStageProblem(parcel.stage)?.replace('前期开发工作包', '净地条件');
  if (problem) fail(problem);
}

/** In 可供应 the conditions it was granted on must hold: nothing they rest on may be removed. */
function requireNotReady(parcel: ParcelRef, what: string) {
  if (parcel.stage === '可供应') fail(`地块已转为可供应，净地条件须保持：不能删除${what}`);
}

async function lockRow<T extends { parcelId: string }>(tx: Tx, load: () => Promise<T | undefined>): Promise<{ parcel: ParcelRef; row: T }> {
  const first = await load();
  if (!first) fail('记录不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const parcel = await lockParcelRef(tx, first.parcelId);
  const row = await load();
  if (!row) fail('记录不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return { parcel, row };
}

export const createWorkExemption = defineMutation({
  name: '登记无须施工原因',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZWorkExemption,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireStage(parcel);
    const [pkg] = await tx
      .select({ id: workPackages.id })
      .from(workPackages)
      .where(and(eq(workPackages.parcelId, parcel.id), eq(workPackages.workType, input.workType)))
      .limit(1);
    if (pkg) fail(`已登记${input.workType}工作包，无须登记原因；如确实无须${input.workType}，请先删除该工作包`, 'RULE_VIOLATION', { workType: `已有${input.workType}工作包` });
    const [taken] = await tx
      .select({ id: workExemptions.id })
      .from(workExemptions)
      .where(and(eq(workExemptions.parcelId, parcel.id), eq(workExemptions.workType, input.workType)));
    if (taken) fail(`已登记无须${input.workType}的原因`, 'CONFLICT', { workType: `已登记无须${input.workType}的原因` });
    const after = { workType: input.workType, reason: input.reason, recordedOn: todayInShanghai() };
    const [{ id }] = await tx
      .insert(workExemptions)
      .values({ ...after, parcelId: parcel.id, createdBy: actor.userId })
      .returning({ id: workExemptions.id });
    await ctx.audit({ action: '登记无须施工原因', objectType: OBJECT_TYPE, objectId: id, before: null, after, message: `地块 ${parcel.code}：无须${input.workType}（${input.reason}）` });
    return { id };
  },
});

export const deleteWorkExemption = defineMutation({
  name: '撤销无须施工原因',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZNetLandRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, row } = await lockRow(tx, async () => (await tx.select().from(workExemptions).where(eq(workExemptions.id, input.id)))[0]);
    requireStage(parcel);
    requireNotReady(parcel, `无须${row.workType}的原因`);
    await tx.delete(workExemptions).where(eq(workExemptions.id, row.id));
    await ctx.audit({
      action: '撤销无须施工原因',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { workType: row.workType, reason: row.reason, recordedOn: row.recordedOn },
      after: null,
      message: `地块 ${parcel.code}：撤销无须${row.workType}的原因`,
    });
    return { id: row.id };
  },
});

export const createTitleCancellation = defineMutation({
  name: '登记不动产权证书注销',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZTitleCancellation,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireStage(parcel);
    const existing = await tx.select({ certNo: titleCancellations.certNo }).from(titleCancellations).where(eq(titleCancellations.parcelId, parcel.id));
    const twin = existing.find((e) => normaliseCertNo(e.certNo) === normaliseCertNo(input.certNo));
    if (twin) fail(`不动产权证书 ${twin.certNo} 已登记注销`, 'CONFLICT', { certNo: '该证书已登记注销' });
    const [p] = await tx.select({ registeredOn: parcels.titleRegisteredOn }).from(parcels).where(eq(parcels.id, parcel.id));
    if (p?.registeredOn && input.cancelledOn < p.registeredOn) {
      fail(`注销日期（${input.cancelledOn}）不能早于权属登记日期（${p.registeredOn}）`, 'INVALID_INPUT', { cancelledOn: `不能早于权属登记日期（${p.registeredOn}）` });
    }
    const after = { certNo: input.certNo, cancelledOn: input.cancelledOn, note: input.note };
    const [{ id }] = await tx
      .insert(titleCancellations)
      .values({ ...after, parcelId: parcel.id, createdBy: actor.userId })
      .returning({ id: titleCancellations.id });
    await ctx.audit({
      action: '登记不动产权证书注销',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after,
      message: `地块 ${parcel.code}：不动产权证书 ${input.certNo} 于 ${input.cancelledOn} 注销`,
    });
    return { id };
  },
});

export const deleteTitleCancellation = defineMutation({
  name: '删除不动产权证书注销记录',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZNetLandRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, row } = await lockRow(tx, async () => (await tx.select().from(titleCancellations).where(eq(titleCancellations.id, input.id)))[0]);
    requireStage(parcel);
    requireNotReady(parcel, '证书注销记录');
    await tx.delete(titleCancellations).where(eq(titleCancellations.id, row.id));
    await ctx.audit({
      action: '删除不动产权证书注销记录',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { certNo: row.certNo, cancelledOn: row.cancelledOn, note: row.note },
      after: null,
      message: `地块 ${parcel.code}：删除证书 ${row.certNo} 的注销记录`,
    });
    return { id: row.id };
  },
});

export const createSupplyPlanListing = defineMutation({
  name: '登记纳入供应计划',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZSupplyPlanListing,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireStage(parcel);
    const [taken] = await tx
      .select({ docNo: supplyPlanListings.docNo })
      .from(supplyPlanListings)
      .where(and(eq(supplyPlanListings.parcelId, parcel.id), eq(supplyPlanListings.planYear, input.planYear)));
    if (taken) fail(`地块已登记纳入 ${input.planYear} 年度供应计划（${taken.docNo}）`, 'CONFLICT', { planYear: `已纳入 ${input.planYear} 年度供应计划` });
    const after = { planYear: input.planYear, docNo: input.docNo, listedOn: input.listedOn };
    const [{ id }] = await tx
      .insert(supplyPlanListings)
      .values({ ...after, parcelId: parcel.id, createdBy: actor.userId })
      .returning({ id: supplyPlanListings.id });
    await ctx.audit({
      action: '登记纳入供应计划',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after,
      message: `地块 ${parcel.code}：纳入 ${input.planYear} 年度供应计划（${input.docNo}）`,
    });
    return { id };
  },
});

export const deleteSupplyPlanListing = defineMutation({
  name: '删除纳入供应计划记录',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZNetLandRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, row } = await lockRow(tx, async () => (await tx.select().from(supplyPlanListings).where(eq(supplyPlanListings.id, input.id)))[0]);
    requireStage(parcel);
    if (parcel.stage === '可供应') {
      // The listing of the year the parcel became ready holds it there; another year's may go.
      const [p] = await tx.select({ since: parcels.stageSince }).from(parcels).where(eq(parcels.id, parcel.id));
      if (p && Number(p.since.slice(0, 4)) === row.planYear) requireNotReady(parcel, `${row.planYear} 年度供应计划的纳入记录`);
    }
    await tx.delete(supplyPlanListings).where(eq(supplyPlanListings.id, row.id));
    await ctx.audit({
      action: '删除纳入供应计划记录',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { planYear: row.planYear, docNo: row.docNo, listedOn: row.listedOn },
      after: null,
      message: `地块 ${parcel.code}：删除纳入 ${row.planYear} 年度供应计划（${row.docNo}）的记录`,
    });
    return { id: row.id };
  },
});
