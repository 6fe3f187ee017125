import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { plans } from '../../src/modules/plans/schema';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { adjustPlan, createPlan } from '../../src/modules/plans/mutations';
import { getAdjustmentWarnings, getCarryOver, getPlan, getPlanActuals } from '../../src/modules/plans/queries';
import { PLAN_SECOND_ADJUSTMENT } from '../../src/modules/plans/rules';
import { PLAN_SOURCES } from '../../src/modules/plans/sources';
import type { TCreatePlanInput } from '../../src/modules/plans/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let chief: Actor;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  chief = await createActor(db(), ['chief']);
  const [project] = await db().insert(reserveProjects).values({ code: 'CO-P', name: '结转测试项目', acquisitionRoute: '征收' }).returning({ id: reserveProjects.id });
  // Each parcel's steps: [stage, date]
  const histories: [string, string, [string, string][]][] = [
    ['CO-A', '1000.50', [['拟收储', '2024-05-01'], ['收储中', '2025-03-01'], ['已入库', '2026-02-01']]], // 收储中 at 2025 end
    ['CO-B', '2000.00', [['拟收储', '2024-05-01'], ['收储中', '2024-08-01'], ['已入库', '2025-06-01'], ['可供应', '2025-09-01'], ['已供应', '2025-11-01']]], // supplied
    ['CO-C', '3000.00', [['拟收储', '2026-01-05']]], // registered after the year end
    ['CO-D', '4000.25', [['拟收储', '2024-01-01'], ['收储中', '2024-03-01'], ['已入库', '2024-09-01'], ['前期开发', '2025-04-01'], ['可供应', '2025-12-31']]], // ready on the last day
    ['CO-E', '5000.00', [['拟收储', '2025-01-01'], ['终止', '2025-10-01']]], // cancelled
    ['CO-F', '6000.00', [['拟收储', '2025-07-01']]], // still planned
    ['CO-G', '7000.00', [['拟收储', '2024-02-01'], ['收储中', '2024-06-01'], ['已入库', '2025-01-10'], ['可供应', '2025-05-01'], ['已供应', '2025-06-01'], ['可供应', '2025-08-01']]], // trade aborted
  ];
  for (const [code, area, steps] of histories) {
    const [p] = await db()
      .insert(parcels)
      .values({ code, name: code, projectId: project.id, areaM2: area, stage: steps.at(-1)![0], stageSince: steps.at(-1)![1] })
      .returning({ id: parcels.id });
    await db().insert(parcelEvents).values(steps.map(([to, date], i) => ({ parcelId: p.id, seq: i + 1, fromStage: i ? steps[i - 1][0] : null, toStage: to, eventDate: date })));
  }
});
afterAll(async () => {
  await database?.close();
});

const plan = (patch: Partial<TCreatePlanInput> = {}): TCreatePlanInput => ({
  planType: 'annual',
  startYear: '2026',
  title: '2026年度土地储备计划',
  approvedOn: '2026-03-01',
  carryPlannedCount: '2',
  carryPlannedArea: '7000.50',
  carryReservedCount: '2',
  carryReservedArea: '11000.25',
  newPlannedCount: '6',
  newPlannedArea: '60000',
  acquireCount: '4',
  acquireArea: '40000',
  ...patch,
});

describe('R17 二(五) 1: carry-over from the records', () => {
  it('counts parcels by their stage after the last event up to 31 December of the year before', async () => {
    expect(await getCarryOver(db(), 2026)).toEqual({
      asOf: '2025-12-31',
      planned: { count: 2, area: '7000.50' }, // A (收储中), F (拟收储)
      reserved: { count: 2, area: '11000.25' }, // D (可供应 on 12-31), G (back to 可供应)
    });
    expect(await getCarryOver(db(), 2025)).toEqual({
      asOf: '2024-12-31',
      planned: { count: 3, area: '10000.50' }, // A (拟收储), B and G (收储中)
      reserved: { count: 1, area: '4000.25' }, // D
    });
    expect(await getCarryOver(db(), 2024)).toEqual({ asOf: '2023-12-31', planned: { count: 0, area: '0.00' }, reserved: { count: 0, area: '0.00' } });
  });

  it('the data migration of 0009 fills annual plans’ carry-over the same way and leaves rolling plans at zero', async () => {
    const annual = await createPlan.execute(db(), chief, plan({ startYear: '2025', title: '2025年度计划', carryPlannedCount: '0', carryPlannedArea: '0', carryReservedCount: '0', carryReservedArea: '0' }));
    const rolling = await createPlan.execute(db(), chief, plan({ planType: 'rolling', startYear: '2025', title: '2025—2027年三年滚动计划' }));
    if (!annual.ok || !rolling.ok) throw new Error('setup');
    const file = readFileSync('drizzle/0009_supply_legality_plan_carryover.sql', 'utf8');
    const marker = file.indexOf('-- data migration (hand-written)');
    expect(marker).toBeGreaterThan(0);
    const statements = file.slice(marker).split('--> statement-breakpoint').map((t) => t.replace(/^--.*$/gm, '').trim()).filter(Boolean);
    expect(statements).toHaveLength(1);
    for (const statement of statements) await db().execute(sql.raw(statement));
    const carry = await getCarryOver(db(), 2025);
    expect(await getPlan(db(), annual.data.id)).toMatchObject({
      carryPlannedCount: carry.planned.count,
      carryPlannedArea: carry.planned.area,
      carryReservedCount: carry.reserved.count,
      carryReservedArea: carry.reserved.area,
    });
    expect(await getPlan(db(), rolling.data.id)).toMatchObject({ carryPlannedCount: 0, carryPlannedArea: '0.00', carryReservedCount: 0, carryReservedArea: '0.00' });
  });
});

describe('R17 二(五) 2: new 拟收储 apart from new 入库', () => {
  it('stores both targets and counts both actuals; a rolling plan carries nothing over', async () => {
    const res = await createPlan.execute(db(), chief, plan());
    if (!res.ok) throw new Error(res.error);
    const row = (await getPlan(db(), res.data.id))!;
    expect(row).toMatchObject({ carryPlannedCount: 2, carryPlannedArea: '7000.50', newPlannedCount: 6, newPlannedArea: '60000.00', acquireCount: 4 });
    const actuals = await getPlanActuals(db(), { startYear: 2025, endYear: 2025 });
    expect(actuals.newPlanned).toEqual({ count: 1, area: '1000.50' }); // A started in 2025
    expect((await getPlanActuals(db(), { startYear: 2024, endYear: 2024 })).newPlanned).toEqual({ count: 3, area: '13000.25' }); // B, D, G
    expect((await getPlanActuals(db(), { startYear: 2025, endYear: 2025 })).acquire).toEqual({ count: 2, area: '9000.00' }); // B, G

    const rolling = await createPlan.execute(db(), chief, plan({ planType: 'rolling', startYear: '2026', title: '2026—2028年三年滚动计划' }));
    if (!rolling.ok) throw new Error(rolling.error);
    expect(await getPlan(db(), rolling.data.id)).toMatchObject({ carryPlannedCount: 0, carryReservedArea: '0.00', newPlannedCount: 6 });
  });
});

describe('R17: a second adjustment in one year warns', () => {
  it('R17: the first adjustment of the year passes; the second needs 已知悉, then is saved with the warning audited', async () => {
    const created = await createPlan.execute(db(), chief, plan({ startYear: '2027', title: '2027年度计划', approvedOn: '2027-02-01' }));
    if (!created.ok) throw new Error(created.error);
    const first = await adjustPlan.execute(db(), chief, { ...plan({ title: '2027年度计划（调整）', acquireCount: '5' }), id: created.data.id, reason: '年中调整', approvedOn: '2027-07-01' });
    if (!first.ok) throw new Error(first.error);
    const v2 = (await getPlan(db(), first.data.id))!;
    expect(await getAdjustmentWarnings(db(), v2, '2027-10-01')).toHaveLength(1);
    expect(await getAdjustmentWarnings(db(), v2, '2028-01-02')).toEqual([]);

    const second = { ...plan({ title: '2027年度计划（再调整）', acquireCount: '6' }), id: first.data.id, reason: '土地市场政策变化，须再次调整', approvedOn: '2027-10-01' };
    const refused = await adjustPlan.execute(db(), chief, second);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { acknowledge: '请确认已知悉上述提示' } });
    if (!refused.ok) expect(refused.error).toContain('本计划 2027 年已调整 1 次：第 2 版（2027-07-01）');
    expect((await getPlan(db(), first.data.id))!.status).toBe('current');

    const saved = await adjustPlan.execute(db(), chief, { ...second, acknowledged: [PLAN_SECOND_ADJUSTMENT] });
    expect(saved).toMatchObject({ ok: true, data: { version: 3 } });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, '调整储备计划'), eq(auditLog.result, '成功'))).orderBy(desc(auditLog.seq)).limit(1);
    expect(JSON.parse(audit.diff!).adjustWarnings.to).toContain('每年中期可调整一次');
    expect(PLAN_SOURCES.adjustment).toContain('国土资规〔2017〕17号');
  });

  it('R17 二(四): a rolling plan is adjusted without the warning', async () => {
    const created = await createPlan.execute(db(), chief, plan({ planType: 'rolling', startYear: '2029', title: '2029—2031年三年滚动计划' }));
    if (!created.ok) throw new Error(created.error);
    const a = await adjustPlan.execute(db(), chief, { ...plan({ title: '滚动（调整）', acquireCount: '7' }), id: created.data.id, reason: '一调', approvedOn: '2029-05-01' });
    if (!a.ok) throw new Error(a.error);
    expect(await adjustPlan.execute(db(), chief, { ...plan({ title: '滚动（再调整）', acquireCount: '8' }), id: a.data.id, reason: '二调', approvedOn: '2029-09-01' })).toMatchObject({ ok: true });
    expect((await db().select().from(plans).where(eq(plans.groupId, (await getPlan(db(), a.data.id))!.groupId))).length).toBe(3);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
