import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { todayInShanghai } from '../../src/ui/format';
import { parcels, reserveProjects, workPackages } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { addDays } from '../../src/modules/parcels/rules';
import { createWorkPackage, deleteWorkPackage, updateWorkPackage } from '../../src/modules/parcels/development/mutations';
import { getDevelopmentView, getLastDevelopmentUpdateOn, getWorkPackageStatus } from '../../src/modules/parcels/development/queries';
import { summariseWorkPackages } from '../../src/modules/parcels/development/progress';
import { READY_KEEP_ACCEPTED } from '../../src/modules/parcels/development/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let finance: Actor;
const db = () => database.db;
const today = todayInShanghai();

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  finance = await createActor(db(), ['finance']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(stage: TStage = '前期开发'): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `DEV-P${seq}`, name: `开发测试项目${seq}`, acquisitionRoute: '收购' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `DEV-${seq}`, name: `开发测试地块${seq}`, projectId: project.id, stage, stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return parcel.id;
}

const pkg = (parcelId: string, extra: Record<string, unknown> = {}) => ({
  parcelId,
  workType: '道路',
  contractor: '益阳市政工程有限公司',
  supervisor: '湖南某监理公司',
  contractNo: 'KF-2024-01',
  contractAmount: '1000000',
  progress: 40,
  startedOn: '2024-05-01',
  acceptedOn: '',
  ...extra,
});

async function rows(parcelId: string) {
  return db().select().from(workPackages).where(eq(workPackages.parcelId, parcelId));
}

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('work packages', () => {
  it('records a package with updated_on = today, and acceptance sets progress to 100', async () => {
    const parcelId = await insertParcel();
    const res = await createWorkPackage.execute(db(), clerk, pkg(parcelId));
    if (!res.ok) throw new Error(res.error);
    let [row] = await rows(parcelId);
    expect(row).toMatchObject({ workType: '道路', progress: 40, contractAmount: '1000000.00', acceptedOn: null, updatedOn: today });

    // Simulate an older update, then accept: updated_on moves to today, progress to 100.
    await db().update(workPackages).set({ updatedOn: '2024-06-01' }).where(eq(workPackages.id, res.data.id));
    const accept = await updateWorkPackage.execute(db(), clerk, { ...pkg(parcelId), id: res.data.id, progress: 70, acceptedOn: '2024-09-30' });
    expect(accept.ok).toBe(true);
    [row] = await rows(parcelId);
    expect(row).toMatchObject({ progress: 100, acceptedOn: '2024-09-30', updatedOn: today });
    expect(await lastAudit()).toMatchObject({ action: '验收前期开发工作包', objectId: res.data.id, result: '成功' });
    expect(JSON.parse((await lastAudit()).diff!)).toMatchObject({ progress: { from: 40, to: 100 }, acceptedOn: { from: null, to: '2024-09-30' } });
    expect(await getLastDevelopmentUpdateOn(db(), parcelId)).toBe(today);
  });

  it.each([
    [{ acceptedOn: '2024-04-30' }, '验收日期（2024-04-30）不能早于开工日期（2024-05-01）'],
    [{ startedOn: '', acceptedOn: '2024-04-30' }, '已填写验收日期，请同时填写开工日期'],
    [{ acceptedOn: addDays(today, 1) }, '验收日期不能晚于今天'],
    [{ progress: 101 }, '进度应为 0–100 之间的整数（%）'],
    [{ progress: '12.5' }, '进度应为 0–100 之间的整数（%）'],
    [{ progress: -1 }, '进度应为 0–100 之间的整数（%）'],
    [{ contractAmount: '-5' }, '合同金额不能为负数'],
    [{ contractAmount: '12.345' }, '合同金额最多保留两位小数（分）'],
    [{ contractAmount: '十万' }, '合同金额应为以元为单位的数字，最多两位小数'],
    [{ workType: '土方外运' }, '请选择工程类型（拆除、平整、道路、供水、供电、燃气、排水、通信、照明、绿化、围挡）'],
  ])('refuses %j', async (extra, message) => {
    const parcelId = await insertParcel();
    expect(await createWorkPackage.execute(db(), clerk, pkg(parcelId, extra))).toMatchObject({ ok: false, error: message });
    expect(await rows(parcelId)).toHaveLength(0);
  });

  it.each(['照明', '绿化', '拆除'])('F18 前期开发 (道路…照明、绿化、土地平整) and 净地 拆除: records a %s package', async (workType) => {
    const parcelId = await insertParcel();
    const res = await createWorkPackage.execute(db(), clerk, pkg(parcelId, { workType }));
    expect(res.ok).toBe(true);
    expect((await rows(parcelId)).map((r) => r.workType)).toEqual([workType]);
  });

  it('computes overall progress weighted by contract amount, and unweighted when amounts are 0', async () => {
    const parcelId = await insertParcel();
    await createWorkPackage.execute(db(), clerk, pkg(parcelId, { contractAmount: '100', progress: 100, acceptedOn: '2024-06-01' }));
    await createWorkPackage.execute(db(), clerk, pkg(parcelId, { workType: '供水', contractAmount: '300', progress: 0 }));
    const view = await getDevelopmentView(db(), parcelId);
    expect(view?.summary).toEqual({ count: 2, acceptedCount: 1, overallProgress: '25.0', weighted: true, totalAmount: '400.00', allAccepted: false });
    expect(await getWorkPackageStatus(db(), parcelId)).toEqual({
      workPackages: [
        { workType: '道路', acceptedOn: '2024-06-01' },
        { workType: '供水', acceptedOn: null },
      ],
    });

    expect(summariseWorkPackages([])).toMatchObject({ count: 0, overallProgress: '0.0', allAccepted: false });
    expect(
      summariseWorkPackages([
        { contractAmount: '0', progress: 100, acceptedOn: '2024-01-01' },
        { contractAmount: '0.00', progress: 50, acceptedOn: null },
        { contractAmount: '0', progress: 0, acceptedOn: null },
      ]),
    ).toMatchObject({ overallProgress: '50.0', weighted: false, allAccepted: false });
    expect(summariseWorkPackages([{ contractAmount: '3', progress: 100, acceptedOn: '2024-01-01' }])).toMatchObject({ allAccepted: true, overallProgress: '100.0' });
  });

  it('allows packages only from 已入库 to 可供应, and in 可供应 they must stay accepted', async () => {
    for (const stage of ['拟收储', '收储中', '已供应', '终止'] as const) {
      const parcelId = await insertParcel(stage);
      expect(await createWorkPackage.execute(db(), clerk, pkg(parcelId))).toEqual({
        ok: false,
        error: `地块当前为「${stage}」，只有已入库、前期开发或可供应阶段的地块可以登记前期开发工作包`,
      });
    }
    const parcelId = await insertParcel('前期开发');
    const created = await createWorkPackage.execute(db(), clerk, pkg(parcelId, { acceptedOn: '2024-06-01' }));
    if (!created.ok) throw new Error(created.error);
    await db().update(parcels).set({ stage: '可供应' }).where(eq(parcels.id, parcelId));
    expect(await createWorkPackage.execute(db(), clerk, pkg(parcelId, { workType: '围挡' }))).toEqual({ ok: false, error: READY_KEEP_ACCEPTED });
    expect(await updateWorkPackage.execute(db(), clerk, { ...pkg(parcelId), id: created.data.id, acceptedOn: '' })).toEqual({ ok: false, error: READY_KEEP_ACCEPTED });
    expect(await deleteWorkPackage.execute(db(), clerk, { id: created.data.id })).toEqual({ ok: false, error: READY_KEEP_ACCEPTED });
    // A correction that keeps the acceptance is fine.
    expect((await updateWorkPackage.execute(db(), clerk, { ...pkg(parcelId), id: created.data.id, contractor: '另一家公司', acceptedOn: '2024-06-01' })).ok).toBe(true);
    expect((await rows(parcelId))[0]).toMatchObject({ contractor: '另一家公司', acceptedOn: '2024-06-01', progress: 100 });
  });

  it('deletes a package before the parcel is ready', async () => {
    const parcelId = await insertParcel('已入库');
    const created = await createWorkPackage.execute(db(), clerk, pkg(parcelId));
    if (!created.ok) throw new Error(created.error);
    expect((await deleteWorkPackage.execute(db(), clerk, { id: created.data.id })).ok).toBe(true);
    expect(await rows(parcelId)).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: '删除前期开发工作包', objectId: created.data.id });
  });

  it('denies changes without parcel:edit', async () => {
    const parcelId = await insertParcel();
    expect(await createWorkPackage.execute(db(), finance, pkg(parcelId))).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await rows(parcelId)).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: '新增前期开发工作包', result: '拒绝', userId: finance.userId });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
