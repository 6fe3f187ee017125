import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { appendAudit } from '@/platform/audit/write';
import { insertInBatches } from '@/platform/db/batch';
import { users } from '@/platform/auth/schema';
import { districts } from '@/platform/geo/schema';
import { isPolygonalGeometry } from '@/platform/geo/geometry';
import { todayInShanghai } from '@/ui/format';
import { plans } from '@/modules/plans/schema';
import { compensationItems, compensationParties, custodyInspections, parcelCosts, parcelEvents, parcels, reserveProjects, supplies, workPackages } from './schema';
import { supplyPlanListings, titleCancellations, workExemptions } from './net-land/schema';
import { STAGES, type TStage } from './stages';
import { buildDemoData, type DemoData } from './demo/build';
import type { DemoActor } from './demo/parcel';
import type { DistrictShape } from './demo/shapes';

/**
 * Demo data of the 计划实施 module (演示数据): 3 plans (one adjusted once), 20 projects and 300
 * parcels inside the real 益阳 districts at every stage, with events, compensation, acquisition costs, works,
 * patrols and supplies, all consistent with the lifecycle rules. Rows are written directly, in
 * one transaction with one audit entry. Idempotent: nothing happens once a demo project exists.
 */

export interface ReserveDemoCounts {
  plans: number;
  projects: number;
  parcels: number;
  events: number;
  parties: number;
  items: number;
  costs: number;
  workPackages: number;
  inspections: number;
  supplies: number;
  /** 净地 records: reasons no works were needed, certificate cancellations, supply-plan listings. */
  netLand: number;
  byStage: Record<TStage, number>;
}

function emptyCounts(): ReserveDemoCounts {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<TStage, number>;
  return { plans: 0, projects: 0, parcels: 0, events: 0, parties: 0, items: 0, costs: 0, workPackages: 0, inspections: 0, supplies: 0, netLand: 0, byStage };
}

async function loadDistricts(tx: Tx): Promise<DistrictShape[]> {
  const rows = await tx.select().from(districts).orderBy(asc(districts.adcode));
  return rows.flatMap((r): DistrictShape[] => {
    if (!isPolygonalGeometry(r.geometry)) return [];
    const bbox = { minLon: r.minLon, minLat: r.minLat, maxLon: r.maxLon, maxLat: r.maxLat };
    return [{ adcode: r.adcode, name: r.name, seat: [r.centerLon, r.centerLat], geometry: r.geometry, bbox }];
  });
}

/** The demo users who "did" the steps, when the foundation demo created them. */
async function loadActors(tx: Tx): Promise<{ clerk: DemoActor; chief: DemoActor }> {
  const rows = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.username, ['clerk', 'chief']), eq(users.isDemo, true)));
  const find = (username: string): DemoActor => {
    const u = rows.find((r) => r.username === username);
    return u ? { id: u.id, name: u.displayName } : { id: null, name: '演示数据' };
  };
  return { clerk: find('clerk'), chief: find('chief') };
}

/**
 * An installation may already hold a current plan of the same type and year (plans allow only
 * one): the demo then points its projects there and leaves that plan untouched.
 */
async function keepExistingPlans(tx: Tx, data: DemoData): Promise<DemoData['plans']> {
  const current = await tx
    .select({ id: plans.id, planType: plans.planType, startYear: plans.startYear })
    .from(plans)
    .where(eq(plans.status, 'current'));
  const skippedGroups = new Set<string>();
  const replaced = new Map<string, string>();
  for (const row of data.plans) {
    const clash = current.find((c) => c.planType === row.planType && c.startYear === row.startYear);
    if (!clash) continue;
    skippedGroups.add(row.groupId);
    if (row.status === 'current') replaced.set(row.id!, clash.id);
  }
  for (const p of data.projects) if (p.planId && replaced.has(p.planId)) p.planId = replaced.get(p.planId)!;
  return data.plans.filter((r) => !skippedGroups.has(r.groupId));
}

export async function seedReserveDemo(db: Db): Promise<ReserveDemoCounts> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: reserveProjects.id }).from(reserveProjects).where(eq(reserveProjects.isDemo, true)).limit(1);
    if (existing) return emptyCounts();

    const data = buildDemoData({
      today: todayInShanghai(),
      districts: await loadDistricts(tx),
      takenParcelCodes: new Set((await tx.select({ code: parcels.code }).from(parcels)).map((r) => r.code)),
      takenProjectCodes: new Set((await tx.select({ code: reserveProjects.code }).from(reserveProjects)).map((r) => r.code)),
      actors: await loadActors(tx),
    });
    const planRows = await keepExistingPlans(tx, data);
    const counts = emptyCounts();
    counts.plans = await insertInBatches(tx, plans, planRows);
    counts.projects = await insertInBatches(tx, reserveProjects, data.projects);
    counts.parcels = await insertInBatches(
      tx,
      parcels,
      data.parcels.map((p) => p.parcel),
    );
    counts.events = await insertInBatches(tx, parcelEvents, data.parcels.flatMap((p) => p.events));
    counts.parties = await insertInBatches(tx, compensationParties, data.parcels.flatMap((p) => p.parties));
    counts.items = await insertInBatches(tx, compensationItems, data.parcels.flatMap((p) => p.items));
    counts.costs = await insertInBatches(tx, parcelCosts, data.parcels.flatMap((p) => p.costs));
    counts.workPackages = await insertInBatches(tx, workPackages, data.parcels.flatMap((p) => p.works));
    counts.inspections = await insertInBatches(tx, custodyInspections, data.parcels.flatMap((p) => p.inspections));
    counts.supplies = await insertInBatches(tx, supplies, data.parcels.flatMap((p) => p.supplies));
    counts.netLand =
      (await insertInBatches(tx, workExemptions, data.parcels.flatMap((p) => p.netLand.exemptions))) +
      (await insertInBatches(tx, titleCancellations, data.parcels.flatMap((p) => p.netLand.cancellations))) +
      (await insertInBatches(tx, supplyPlanListings, data.parcels.flatMap((p) => p.netLand.listings)));
    for (const p of data.parcels) counts.byStage[p.stage]++;

    await appendAudit(tx, {
      action: '生成演示数据',
      objectType: '系统',
      result: '成功',
      message: `计划实施演示数据：${summariseReserveDemo(counts)}`,
    });
    return counts;
  });
}

/** One Chinese line for the seed script and the audit entry. */
export function summariseReserveDemo(c: ReserveDemoCounts): string {
  const stages = STAGES.map((s) => `${s} ${c.byStage[s]}`).join('、');
  return (
    `储备计划 ${c.plans} 个版本、项目 ${c.projects} 个、地块 ${c.parcels} 宗（${stages}）、环节事件 ${c.events} 条、` +
    `补偿对象 ${c.parties} 户、补偿明细 ${c.items} 条、收储费用 ${c.costs} 条、开发工程 ${c.workPackages} 项、巡查记录 ${c.inspections} 条、供应记录 ${c.supplies} 条、净地记录 ${c.netLand} 条`
  );
}
