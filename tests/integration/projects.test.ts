import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { districts } from '../../src/platform/geo/schema';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { adjustPlan, createPlan } from '../../src/modules/plans/mutations';
import { createProject, setProjectStatus, updateProject } from '../../src/modules/projects/mutations';
import { getProject, getProjectStageTotals, listProjectEvents, listProjectParcels, listProjects } from '../../src/modules/projects/queries';
import { ZProjectFilter, type TCreateProjectInput } from '../../src/modules/projects/validation';
import { toProjectTotalsView } from '../../src/modules/projects/view';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let chief: Actor;
let finance: Actor;
let planV1: string;
let planV2: string;

const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(database.db, ['clerk']);
  chief = await createActor(database.db, ['chief']);
  finance = await createActor(database.db, ['finance']);
  const created = await createPlan.execute(database.db, chief, { planType: 'annual', startYear: '2026', title: '2026年度计划', acquireCount: '5' });
  if (!created.ok) throw new Error(created.error);
  planV1 = created.data.id;
  const adjusted = await adjustPlan.execute(database.db, chief, { id: planV1, title: '2026年度计划', reason: '调增', acquireCount: '6' });
  if (!adjusted.ok) throw new Error(adjusted.error);
  planV2 = adjusted.data.id;
});
afterAll(async () => {
  await database?.close();
});

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function projectCount() {
  return (await db().select({ id: reserveProjects.id }).from(reserveProjects)).length;
}

const input = (patch: Partial<TCreateProjectInput> = {}): TCreateProjectInput => ({
  code: 'YY-2026-001',
  name: '龙岭工业园收储项目',
  zone: '龙岭片区',
  planId: planV2,
  acquisitionRoute: '收购',
  implDocNo: '益自然资〔2026〕8号',
  estimatedCost: '5200.5',
  expectedIncome: '9800',
  nationalCode: '430900-2026-0001',
  note: '',
  ...patch,
});

async function newProject(patch: Partial<TCreateProjectInput> = {}): Promise<string> {
  const res = await createProject.execute(db(), clerk, input(patch));
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

describe('creating projects', () => {
  it('creates a project with amounts stored in 元 and audits it', async () => {
    const res = await createProject.execute(db(), clerk, input({ code: 'yy-2026-001' }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(await getProject(db(), res.data.id)).toMatchObject({
      code: 'YY-2026-001',
      name: '龙岭工业园收储项目',
      zone: '龙岭片区',
      planId: planV2,
      acquisitionRoute: '收购',
      estimatedCost: '52005000.00',
      expectedIncome: '98000000.00',
      nationalCode: '430900-2026-0001',
      status: 'active',
      note: null,
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新建储备项目', objectType: '储备项目', objectId: res.data.id, result: '成功', userId: clerk.userId });
    const diff = JSON.parse(audit.diff ?? '{}') as Record<string, { from: unknown; to: unknown }>;
    expect(diff.code).toEqual({ from: null, to: 'YY-2026-001' });
    expect(diff.estimatedCost).toEqual({ from: null, to: '52005000.00' });
    expect(String(diff.plan.to)).toContain('2026年度计划（第 2 版）');
  });

  it('refuses a duplicate code in any letter case, writing nothing', async () => {
    const before = await projectCount();
    const res = await createProject.execute(db(), clerk, input({ code: 'Yy-2026-001', name: '另一个项目' }));
    expect(res).toEqual({ ok: false, error: '项目编号「YY-2026-001」已被使用，请换一个', fieldErrors: { code: '项目编号「YY-2026-001」已被使用，请换一个' } });
    expect(await projectCount()).toBe(before);
  });

  it('refuses a superseded plan version', async () => {
    const res = await createProject.execute(db(), clerk, input({ code: 'YY-OLD-PLAN', planId: planV1 }));
    expect(res).toEqual({ ok: false, error: '所选储备计划已被调整，请选择现行版本' });
  });

  it.each([
    ['negative cost', { estimatedCost: '-1' }, '估算成本不能为负数'],
    ['non-numeric income', { expectedIncome: '很多' }, '预计出让收入须为数字（单位：万元）'],
    ['three decimals', { estimatedCost: '1.001' }, '估算成本最多保留 2 位小数'],
    ['bad code characters', { code: 'YY_2026' }, '项目编号为 2–32 位大写字母、数字或连字符（-）'],
    ['too short code', { code: 'Y' }, '项目编号为 2–32 位大写字母、数字或连字符（-）'],
    ['over-long code', { code: 'Y'.repeat(33) }, '项目编号不能超过 32 个字符'],
    ['over-long name', { name: '名'.repeat(101) }, '项目名称不能超过 100 个字符'],
    ['missing name', { name: '   ' }, '请填写项目名称'],
    ['control character in name', { name: '项目\u001b' }, '项目名称不能包含控制字符'],
    ['line break in zone', { zone: '龙岭\n片区' }, '储备片区不能包含换行或制表符'],
    ['unknown route', { acquisitionRoute: '抢占' }, '请选择收储方式（收回、收购、征收、优先购买）'],
    ['unknown plan', { planId: 'NOSUCHPLAN' }, '所选储备计划不存在，请刷新后重试'],
    ['malformed plan id', { planId: '../x' }, '储备计划标识无效'],
    ['bad national code', { nationalCode: '编码 1' }, '国家监测监管系统项目编码只能包含字母、数字和连字符'],
  ] as const)('refuses %s, writing nothing', async (_name, patch, message) => {
    const before = await projectCount();
    const res = await createProject.execute(db(), clerk, { ...input({ code: 'YY-BAD-1' }), ...patch });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toBe(message);
    expect(await projectCount()).toBe(before);
  });

  it('a finance user may view projects but not create, edit or close them', async () => {
    const before = await projectCount();
    expect(await createProject.execute(db(), finance, input({ code: 'FIN-1' }))).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await projectCount()).toBe(before);
    const id = await newProject({ code: 'FIN-TARGET' });
    expect(await updateProject.execute(db(), finance, { ...input({ code: 'FIN-TARGET', name: '改名' }), id })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await setProjectStatus.execute(db(), finance, { id, status: 'closed' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await getProject(db(), id)).toMatchObject({ name: '龙岭工业园收储项目', status: 'active' });
    expect(await lastAudit()).toMatchObject({ action: '变更储备项目状态', result: '拒绝', userId: finance.userId });
    const list = await listProjects(db(), ZProjectFilter.parse({ q: 'FIN-TARGET' }));
    expect(list.rows.map((r) => r.code)).toEqual(['FIN-TARGET']);
  });
});

describe('editing and closing projects', () => {
  it('edits fields with an audit diff, and refuses another project’s code', async () => {
    const id = await newProject({ code: 'ED-1' });
    await newProject({ code: 'ED-2' });
    const res = await updateProject.execute(db(), clerk, { ...input({ code: 'ED-1A', name: '改名后的项目', estimatedCost: '6000', planId: '' }), id });
    expect(res.ok).toBe(true);
    expect(await getProject(db(), id)).toMatchObject({ code: 'ED-1A', name: '改名后的项目', estimatedCost: '60000000.00', planId: null });
    const diff = JSON.parse((await lastAudit()).diff ?? '{}') as Record<string, { from: unknown; to: unknown }>;
    expect(diff.code).toEqual({ from: 'ED-1', to: 'ED-1A' });
    expect(diff.estimatedCost).toEqual({ from: '52005000.00', to: '60000000.00' });
    expect(diff.plan.to).toBeNull();
    expect(diff.zone).toBeUndefined();

    const taken = await updateProject.execute(db(), clerk, { ...input({ code: 'ed-2' }), id });
    expect(taken).toEqual({ ok: false, error: '项目编号「ED-2」已被使用，请换一个', fieldErrors: { code: '项目编号「ED-2」已被使用，请换一个' } });
    expect((await getProject(db(), id))?.code).toBe('ED-1A');
  });

  it('keeps a link to a plan version adjusted after it was chosen', async () => {
    const [{ id }] = await db()
      .insert(reserveProjects)
      .values({ code: 'KEEP-OLD', name: '旧计划项目', acquisitionRoute: '收回', planId: planV1 })
      .returning({ id: reserveProjects.id });
    const res = await updateProject.execute(db(), clerk, { ...input({ code: 'KEEP-OLD', name: '旧计划项目（改）', planId: planV1 }), id });
    expect(res.ok).toBe(true);
  });

  it('closes (then refuses edits), refuses closing twice, and reopens', async () => {
    const id = await newProject({ code: 'CL-1' });
    expect(await setProjectStatus.execute(db(), clerk, { id, status: 'closed' })).toEqual({ ok: true, data: { id } });
    expect((await getProject(db(), id))?.status).toBe('closed');
    expect(await lastAudit()).toMatchObject({ action: '关闭储备项目', objectId: id, result: '成功' });
    expect(JSON.parse((await lastAudit()).diff ?? '{}')).toEqual({ status: { from: '实施中', to: '已关闭' } });

    expect(await setProjectStatus.execute(db(), clerk, { id, status: 'closed' })).toEqual({ ok: false, error: '项目已是「已关闭」状态，请刷新后查看' });
    expect(await updateProject.execute(db(), clerk, { ...input({ code: 'CL-1', name: '关闭后改名' }), id })).toEqual({
      ok: false,
      error: '项目已关闭，不能修改；如需修改请先重新启用',
    });
    expect(await setProjectStatus.execute(db(), clerk, { id, status: 'active' })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: '重新启用储备项目', objectId: id });
  });

  it('refuses an unknown project', async () => {
    expect(await setProjectStatus.execute(db(), clerk, { id: 'NOSUCH', status: 'closed' })).toEqual({ ok: false, error: '项目不存在或已被删除，请刷新后重试' });
  });
});

describe('listing and the project page', () => {
  it('searches code, name and zone; filters by route, plan (any version) and status; pages', async () => {
    await newProject({ code: 'LS-1', name: '桃花仑片区收储', zone: '桃花仑', acquisitionRoute: '征收', planId: planV2 });
    await newProject({ code: 'LS-2', name: '资阳老城更新', zone: '大码头', acquisitionRoute: '收回', planId: '' });
    await newProject({ code: 'LS-3', name: '赫山工业区', zone: '桃花仑', acquisitionRoute: '优先购买', planId: planV2 });
    for (let i = 1; i <= 5; i++) await newProject({ code: `PG-${i}`, name: `分页项目${i}`, zone: '', planId: '' });

    const byZone = await listProjects(db(), ZProjectFilter.parse({ q: '桃花仑' }));
    expect(byZone.rows.map((r) => r.code).sort()).toEqual(['LS-1', 'LS-3']);
    const byCode = await listProjects(db(), ZProjectFilter.parse({ q: 'ls-2' }));
    expect(byCode.rows.map((r) => r.code)).toEqual(['LS-2']);
    const byName = await listProjects(db(), ZProjectFilter.parse({ q: '老城' }));
    expect(byName.rows.map((r) => r.code)).toEqual(['LS-2']);
    const literalPercent = await listProjects(db(), ZProjectFilter.parse({ q: '%' }));
    expect(literalPercent.total).toBe(0);

    const route = await listProjects(db(), ZProjectFilter.parse({ route: '征收' }));
    expect(route.rows.map((r) => r.code)).toEqual(['LS-1']);

    // Filtering by the superseded version finds projects of every version of that plan.
    const byOldVersion = await listProjects(db(), ZProjectFilter.parse({ plan: planV1, q: 'LS' }));
    expect(byOldVersion.rows.map((r) => r.code).sort()).toEqual(['LS-1', 'LS-3']);
    expect(byOldVersion.rows[0].plan).toMatchObject({ id: planV2, status: 'current' });

    const closed = await listProjects(db(), ZProjectFilter.parse({ status: 'closed' }));
    expect(closed.rows.every((r) => r.status === 'closed')).toBe(true);

    const page1 = await listProjects(db(), ZProjectFilter.parse({ size: '10' }));
    const page2 = await listProjects(db(), ZProjectFilter.parse({ size: '10', page: '2' }));
    expect(page1.rows).toHaveLength(10);
    expect(page2.total).toBe(page1.total);
    expect(page2.rows.length).toBe(page1.total - 10);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(page1.total);
  });

  it('sorts by code, estimated cost and expected income either way; anything else is newest first', async () => {
    await newProject({ code: 'SRT-B', name: '排序乙', estimatedCost: '300', expectedIncome: '100' });
    await newProject({ code: 'SRT-A', name: '排序甲', estimatedCost: '100', expectedIncome: '300' });
    await newProject({ code: 'SRT-C', name: '排序丙', estimatedCost: '200', expectedIncome: '200' });
    const codes = async (q: Record<string, string>) => (await listProjects(db(), ZProjectFilter.parse({ q: 'SRT', ...q }))).rows.map((r) => r.code);
    expect(await codes({ sort: 'code', order: 'asc' })).toEqual(['SRT-A', 'SRT-B', 'SRT-C']);
    expect(await codes({ sort: 'code', order: 'desc' })).toEqual(['SRT-C', 'SRT-B', 'SRT-A']);
    expect(await codes({ sort: 'estimatedCost', order: 'asc' })).toEqual(['SRT-A', 'SRT-C', 'SRT-B']);
    expect(await codes({ sort: 'expectedIncome', order: 'desc' })).toEqual(['SRT-A', 'SRT-C', 'SRT-B']);
    // Unknown values fall back to the default order (newest first).
    expect(await codes({ sort: 'name; drop table', order: 'sideways' })).toEqual(['SRT-C', 'SRT-A', 'SRT-B']);
  });

  it('shows totals by stage, the parcels with their district, and the latest events', async () => {
    const id = await newProject({ code: 'DT-1' });
    const [heshan] = await db().select({ adcode: districts.adcode, name: districts.name }).from(districts).where(eq(districts.name, '赫山区'));
    const parcel = async (code: string, stage: string, areaM2: string) => {
      const [p] = await db()
        .insert(parcels)
        .values({ code, name: `地块${code}`, projectId: id, stage, areaM2, stageSince: '2026-03-01', districtCode: heshan.adcode })
        .returning({ id: parcels.id });
      return p.id;
    };
    const a = await parcel('DT-P1', '已入库', '6666.67');
    const b = await parcel('DT-P2', '已入库', '3333.33');
    await parcel('DT-P3', '已供应', '10000.00');
    for (let i = 1; i <= 25; i++) {
      const day = String(i).padStart(2, '0');
      await db()
        .insert(parcelEvents)
        .values({ parcelId: i % 2 ? a : b, seq: i, toStage: '收储中', eventDate: `2026-01-${day}`, amount: i === 25 ? '12345.00' : null });
    }

    const totals = toProjectTotalsView(await getProjectStageTotals(db(), id));
    expect(totals).toMatchObject({ parcelCount: 3, openCount: 2, areaM2: '20,000.00', areaMu: '30.00', areaHa: '2.0000' });
    expect(totals.byStage.find((s) => s.stage === '已入库')).toMatchObject({ stage: '已入库', count: 2, areaMu: '15.00' });
    expect(Number(totals.byStage.find((s) => s.stage === '已入库')?.area)).toBe(10000);
    expect(Number(totals.area)).toBe(20000);
    expect(totals.byStage.map((s) => s.stage)).toEqual(['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应', '终止']);

    const list = await listProjectParcels(db(), id);
    expect(list.map((p) => [p.code, p.stage, p.districtName])).toEqual([
      ['DT-P1', '已入库', '赫山区'],
      ['DT-P2', '已入库', '赫山区'],
      ['DT-P3', '已供应', '赫山区'],
    ]);

    const events = await listProjectEvents(db(), id);
    expect(events).toHaveLength(20);
    expect(events[0]).toMatchObject({ eventDate: '2026-01-25', parcelCode: 'DT-P1', amount: '12345.00' });
    expect(events[19].eventDate).toBe('2026-01-06');

    const row = (await listProjects(db(), ZProjectFilter.parse({ q: 'DT-1' }))).rows[0];
    expect(row).toMatchObject({ parcelCount: 3, parcelArea: '20000.00' });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
