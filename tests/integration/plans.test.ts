import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { plans } from '../../src/modules/plans/schema';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { ledgerEntries } from '../../src/modules/funds/schema';
import { adjustPlan, createPlan, PLAN_ADJUSTED_BY_OTHERS } from '../../src/modules/plans/mutations';
import { getPlan, getPlanActuals, listCurrentPlanOptions, listPlans, listPlanVersions } from '../../src/modules/plans/queries';
import { ZPlanFilter, type TCreatePlanInput } from '../../src/modules/plans/validation';
import { toVersionViews } from '../../src/modules/plans/view';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let chief: Actor;
let finance: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  chief = await createActor(database.db, ['chief']);
  finance = await createActor(database.db, ['finance']);
});
afterAll(async () => {
  await database?.close();
});

const db = () => database.db;

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function planCount() {
  return (await db().select({ id: plans.id }).from(plans)).length;
}

const base = (patch: Partial<TCreatePlanInput> = {}): TCreatePlanInput => ({
  planType: 'annual',
  startYear: '2030',
  title: '益阳市2030年度土地储备计划',
  docNo: '益政函〔2030〕1号',
  approvedOn: '2030-01-15',
  acquireCount: '10',
  acquireArea: '100000',
  developCount: '5',
  developArea: '50000.5',
  supplyCount: '8',
  supplyArea: '80000',
  custodyCount: '20',
  custodyArea: '200000',
  fundNeed: '12345.67',
  ...patch,
});

async function newPlan(patch: Partial<TCreatePlanInput> = {}): Promise<string> {
  const res = await createPlan.execute(db(), chief, base(patch));
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

describe('creating plans', () => {
  it('creates an annual plan covering one year, fund need stored in 元 exactly, and audits it', async () => {
    const res = await createPlan.execute(db(), chief, base());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const row = await getPlan(db(), res.data.id);
    expect(row).toMatchObject({
      planType: 'annual',
      startYear: 2030,
      endYear: 2030,
      version: 1,
      status: 'current',
      docNo: '益政函〔2030〕1号',
      approvedOn: '2030-01-15',
      acquireCount: 10,
      acquireArea: '100000.00',
      developArea: '50000.50',
      fundNeed: '123456700.00',
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新建储备计划', objectType: '储备计划', objectId: res.data.id, result: '成功', userId: chief.userId });
    const diff = JSON.parse(audit.diff ?? '{}') as Record<string, { from: unknown; to: unknown }>;
    expect(diff.fundNeed).toEqual({ from: null, to: '123456700.00' });
    expect(diff.planType).toEqual({ from: null, to: '年度计划' });
  });

  it('a rolling plan covers three years', async () => {
    const id = await newPlan({ planType: 'rolling', startYear: '2030', title: '2030—2032年三年滚动计划' });
    expect(await getPlan(db(), id)).toMatchObject({ planType: 'rolling', startYear: 2030, endYear: 2032 });
  });

  it('refuses a second current plan of the same type and start year', async () => {
    const before = await planCount();
    const res = await createPlan.execute(db(), chief, base({ title: '重复计划' }));
    expect(res).toEqual({ ok: false, error: '2030 年的年度计划已存在，如需变更请对其进行调整' });
    expect(await planCount()).toBe(before);
  });

  it.each([
    ['negative fund need', { fundNeed: '-5' }, '资金需求不能为负数'],
    ['non-numeric fund need', { fundNeed: '一百' }, '资金需求须为数字（单位：万元）'],
    ['three decimals in 万元', { fundNeed: '1.234' }, '资金需求最多保留 2 位小数'],
    ['huge amount', { fundNeed: '1000000000' }, '资金需求不能超过 99,999,999.99 万元'],
    ['negative area', { acquireArea: '-1' }, '新增入库面积不能为负数'],
    ['fractional count', { supplyCount: '2.5' }, '供应宗数须为整数'],
    ['over-long title', { title: '计'.repeat(101) }, '计划名称不能超过 100 个字符'],
    ['control character', { title: '计划\u0000' }, '计划名称不能包含控制字符'],
    ['line break in doc no', { docNo: '益政函\n1号' }, '批准文号不能包含换行或制表符'],
    ['impossible date', { approvedOn: '2030-02-30' }, '批准日期格式应为 YYYY-MM-DD，且须是有效日期'],
    ['year out of range', { startYear: '2101' }, '起始年度不能晚于 2100 年'],
  ] as const)('refuses %s, writing nothing', async (_name, patch, message) => {
    const before = await planCount();
    const res = await createPlan.execute(db(), chief, base({ startYear: '2040', ...patch }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toBe(message);
    expect(await planCount()).toBe(before);
  });

  it('a finance user can read plans but not create them (denial audited)', async () => {
    const before = await planCount();
    const res = await createPlan.execute(db(), finance, base({ startYear: '2041' }));
    expect(res).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await planCount()).toBe(before);
    expect(await lastAudit()).toMatchObject({ action: '新建储备计划', result: '拒绝', userId: finance.userId });
    const list = await listPlans(db(), ZPlanFilter.parse({}));
    expect(list.total).toBeGreaterThan(0);
  });
});

describe('adjusting plans', () => {
  it('creates a new version, keeps the old one as superseded, and shows the diff', async () => {
    const v1 = await newPlan({ startYear: '2031', title: '2031年度计划', docNo: '益政函〔2031〕1号' });
    const res = await adjustPlan.execute(db(), chief, {
      ...base({ title: '2031年度计划（调整）', acquireCount: '12', fundNeed: '20000' }),
      id: v1,
      reason: '新增两宗收储地块',
      docNo: '',
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.version).toBe(2);
    const old = await getPlan(db(), v1);
    const next = await getPlan(db(), res.data.id);
    expect(old).toMatchObject({ status: 'superseded', version: 1, acquireCount: 10 });
    expect(next).toMatchObject({
      status: 'current',
      version: 2,
      groupId: old!.groupId,
      startYear: 2031,
      endYear: 2031,
      acquireCount: 12,
      fundNeed: '200000000.00',
      adjustReason: '新增两宗收储地块',
      docNo: '益政函〔2031〕1号', // kept when no new doc no is given
    });

    const versions = await listPlanVersions(db(), old!.groupId);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    const views = toVersionViews(versions);
    expect(views[0].changes).toContain('新增入库宗数：10 → 12 宗（+2）');
    expect(views[0].changes).toContain('资金需求：12,345.67 → 20,000.00 万元（+7,654.33）');

    const [adjusted] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, '调整储备计划'), eq(auditLog.objectId, res.data.id)));
    const diff = JSON.parse(adjusted.diff ?? '{}') as Record<string, { from: unknown; to: unknown }>;
    expect(diff.acquireCount).toEqual({ from: 10, to: 12 });
    expect(diff.version).toEqual({ from: 1, to: 2 });
    const [superseded] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, '计划版本转为历史'), eq(auditLog.objectId, v1)));
    expect(JSON.parse(superseded.diff ?? '{}')).toEqual({ status: { from: 'current', to: 'superseded' } });

    // The current-plan options offer only version 2.
    const options = await listCurrentPlanOptions(db());
    expect(options.some((o) => o.id === res.data.id)).toBe(true);
    expect(options.some((o) => o.id === v1)).toBe(false);
  });

  it('requires a reason and refuses to adjust a superseded version', async () => {
    const v1 = await newPlan({ startYear: '2032' });
    const noReason = await adjustPlan.execute(db(), chief, { ...base({ startYear: '2032' }), id: v1, reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: '请填写调整原因' });
    const first = await adjustPlan.execute(db(), chief, { ...base({ acquireCount: '11' }), id: v1, reason: '第一次调整' });
    expect(first.ok).toBe(true);
    const count = await planCount();
    const stale = await adjustPlan.execute(db(), chief, { ...base({ acquireCount: '13' }), id: v1, reason: '基于旧版本的调整' });
    expect(stale).toEqual({ ok: false, error: PLAN_ADJUSTED_BY_OTHERS });
    expect(await planCount()).toBe(count);
  });

  it('refuses an adjustment that changes nothing', async () => {
    const v1 = await newPlan({ startYear: '2033' });
    const res = await adjustPlan.execute(db(), chief, { ...base(), id: v1, reason: '无变化' });
    expect(res).toEqual({ ok: false, error: '调整内容与现行版本相同，没有需要保存的变更' });
    expect((await getPlan(db(), v1))?.status).toBe('current');
  });

  it('two concurrent adjustments of the same version: one wins, the other is told to refresh', async () => {
    const v1 = await newPlan({ startYear: '2034' });
    const [a, b] = await Promise.all([
      adjustPlan.execute(db(), chief, { ...base({ acquireCount: '20' }), id: v1, reason: '甲的调整' }),
      adjustPlan.execute(db(), chief, { ...base({ acquireCount: '30' }), id: v1, reason: '乙的调整' }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: PLAN_ADJUSTED_BY_OTHERS }]);
    const group = (await getPlan(db(), v1))!.groupId;
    const versions = await listPlanVersions(db(), group);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
  });

  it('a finance user cannot adjust', async () => {
    const v1 = await newPlan({ startYear: '2035' });
    const res = await adjustPlan.execute(db(), finance, { ...base({ acquireCount: '1' }), id: v1, reason: '越权' });
    expect(res).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect((await getPlan(db(), v1))?.status).toBe('current');
  });
});

describe('listing plans', () => {
  it('filters by type and by a year the plan covers; current versions unless asked', async () => {
    const annual2031 = await listPlans(db(), ZPlanFilter.parse({ type: 'annual', year: '2031' }));
    expect(annual2031.rows.map((r) => [r.title, r.version])).toEqual([['2031年度计划（调整）', 2]]);
    const all2031 = await listPlans(db(), ZPlanFilter.parse({ type: 'annual', year: '2031', status: 'all' }));
    expect(all2031.rows.map((r) => r.version)).toEqual([2, 1]);
    const covering2032 = await listPlans(db(), ZPlanFilter.parse({ year: '2032' }));
    // the rolling plan 2030–2032 and the annual plan for 2032
    expect(covering2032.rows.map((r) => r.planType).sort()).toEqual(['annual', 'rolling']);
    const rolling = await listPlans(db(), ZPlanFilter.parse({ type: 'rolling' }));
    expect(rolling.rows.every((r) => r.planType === 'rolling')).toBe(true);
  });

  it('sorts by year and by approval date either way, plans not yet approved last', async () => {
    await newPlan({ startYear: '2050', title: '排序2050', approvedOn: '2050-03-01' });
    await newPlan({ startYear: '2051', title: '排序2051', approvedOn: '' });
    await newPlan({ startYear: '2052', title: '排序2052', approvedOn: '2049-12-01' });
    const titles = async (q: Record<string, string>) =>
      (await listPlans(db(), ZPlanFilter.parse({ ...q, size: '100' }))).rows.map((r) => r.title).filter((t) => t.startsWith('排序'));
    expect(await titles({})).toEqual(['排序2052', '排序2051', '排序2050']);
    expect(await titles({ sort: 'year', order: 'asc' })).toEqual(['排序2050', '排序2051', '排序2052']);
    expect(await titles({ sort: 'approvedOn', order: 'asc' })).toEqual(['排序2052', '排序2050', '排序2051']);
    expect(await titles({ sort: 'approvedOn', order: 'desc' })).toEqual(['排序2050', '排序2052', '排序2051']);
  });
});

describe('targets against actuals from parcel events', () => {
  it('counts acquisition, development, supply (minus aborted trades), custody, and the approved spending of the years', async () => {
    const [project] = await db()
      .insert(reserveProjects)
      .values({ code: 'PLAN-T-1', name: '计划统计测试项目', acquisitionRoute: '收购' })
      .returning({ id: reserveProjects.id });
    const parcel = async (code: string, areaM2: string, stage: string) => {
      const [p] = await db()
        .insert(parcels)
        .values({ code, name: `地块${code}`, projectId: project.id, areaM2, stage, stageSince: '2036-01-01' })
        .returning({ id: parcels.id });
      return p.id;
    };
    const events = async (parcelId: string, steps: [string | null, string, string, string | null][]) => {
      let seq = 0;
      for (const [fromStage, toStage, eventDate, amount] of steps) {
        seq++;
        await db().insert(parcelEvents).values({ parcelId, seq, fromStage, toStage, eventDate, amount });
      }
    };
    const a = await parcel('PT-A', '10000.00', '前期开发');
    const b = await parcel('PT-B', '6666.67', '已供应');
    const c = await parcel('PT-C', '2000.50', '可供应');
    const d = await parcel('PT-D', '3000.00', '已入库');
    await events(a, [
      [null, '拟收储', '2035-03-01', null],
      ['拟收储', '收储中', '2035-05-01', '1500000.00'],
      ['收储中', '已入库', '2036-02-01', '250000.50'],
      ['已入库', '前期开发', '2036-04-01', null],
    ]);
    await events(b, [
      ['收储中', '已入库', '2035-12-31', null], // the year before: not acquired in 2036
      ['已入库', '可供应', '2036-01-10', null],
      ['可供应', '已供应', '2036-06-01', '30000000.00'],
    ]);
    await events(c, [
      ['收储中', '已入库', '2036-01-05', null],
      ['已入库', '可供应', '2036-02-05', null],
      ['可供应', '已供应', '2036-07-01', null],
      ['已供应', '可供应', '2036-08-01', null], // trade aborted: not supplied
    ]);
    await events(d, [['收储中', '已入库', '2037-01-01', null]]); // the year after
    // The money spent is the approved ledger spending, never the amounts on events (a deal price is income).
    let n = 0;
    const entry = async (direction: 'income' | 'expense', entryDate: string, amount: string, status = 'approved') =>
      db()
        .insert(ledgerEntries)
        .values({ entryNo: `ZJ-PLAN-${++n}`, direction, entryDate, amount, category: direction === 'expense' ? '征收补偿' : '其他财政资金', projectId: project.id, status, origin: 'manual' });
    await entry('expense', '2036-01-01', '1500000.00');
    await entry('expense', '2036-12-31', '250000.50');
    await entry('expense', '2036-06-30', '-0.50'); // an approved reversal
    await entry('expense', '2036-07-01', '99999.00', 'submitted'); // not approved: not spent
    await entry('income', '2036-08-01', '30000000.00');
    await entry('expense', '2035-12-31', '700000.00'); // the year before

    const id = await newPlan({ startYear: '2036', acquireCount: '4', acquireArea: '24001', supplyCount: '2', fundNeed: '10000' });
    const plan = (await getPlan(db(), id))!;
    const actuals = await getPlanActuals(db(), plan);
    expect(actuals.acquire).toEqual({ count: 2, area: '12000.50' });
    expect(actuals.develop).toEqual({ count: 1, area: '10000.00' });
    expect(actuals.supply).toEqual({ count: 1, area: '6666.67' });
    // custody: a (前期开发), c (可供应), d (已入库) as they stand now
    expect(actuals.custody).toEqual({ count: 3, area: '15000.50' });
    expect(actuals.fundSpent).toBe('1750000.00');

    // A rolling plan over 2035–2037 sees all of them.
    const rolling = await newPlan({ planType: 'rolling', startYear: '2035', title: '2035—2037年三年滚动计划' });
    const wide = await getPlanActuals(db(), (await getPlan(db(), rolling))!);
    expect(wide.acquire.count).toBe(4);
    expect(wide.fundSpent).toBe('2450000.00');
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
