import { and, eq, inArray, min } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { appendAudit } from '@/platform/audit/write';
import { insertInBatches } from '@/platform/db/batch';
import { tagSeededEntries } from './ledger/integrity';
import { users } from '@/platform/auth/schema';
import { getSettings } from '@/platform/settings';
import { todayInShanghai } from '@/ui/format';
import { compensationParties, parcelEvents, parcels, reserveProjects, supplies, workPackages } from '@/modules/parcels/schema';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundAccounts, fundCounters, ledgerEntries, ledgerSteps } from './schema';
import { buildFundsDemo, type FundsDemoInput } from './demo/build';

/**
 * Demo data of the funds module (演示数据), derived from the 计划实施 demo already in the
 * database (run after it). One transaction, one audit entry; nothing happens when demo ledger
 * entries already exist or there are no demo projects.
 */

export interface FundsDemoCounts {
  accounts: number;
  bonds: number;
  allocations: number;
  scheduleRows: number;
  payments: number;
  entries: number;
  pending: number;
  reversals: number;
  budgetVersions: number;
}

async function loadActors(tx: Tx): Promise<FundsDemoInput['actors']> {
  const names = ['clerk', 'chief', 'finance', 'finance2', 'leader'] as const;
  const rows = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.username, [...names]), eq(users.isDemo, true)));
  const find = (u: string) => {
    const row = rows.find((r) => r.username === u);
    return row ? { id: row.id, name: row.displayName } : { id: null, name: '演示数据' };
  };
  return { clerk: find('clerk'), chief: find('chief'), finance: find('finance'), finance2: find('finance2'), leader: find('leader') };
}

async function loadInput(tx: Tx, now: Date): Promise<FundsDemoInput | null> {
  const today = todayInShanghai(now);
  const projects = await tx.select().from(reserveProjects).where(eq(reserveProjects.isDemo, true));
  if (projects.length === 0) return null;
  const projectIds = projects.map((p) => p.id);
  const parcelRows = await tx
    .select({ id: parcels.id, code: parcels.code, projectId: parcels.projectId, stage: parcels.stage, tempUseStart: parcels.tempUseStart, tempUseEnd: parcels.tempUseEnd, custodian: parcels.custodian })
    .from(parcels)
    .where(inArray(parcels.projectId, projectIds));
  const parcelIds = parcelRows.map((p) => p.id);
  const events = parcelIds.length
    ? await tx.select({ parcelId: parcelEvents.parcelId, toStage: parcelEvents.toStage, eventDate: parcelEvents.eventDate }).from(parcelEvents).where(inArray(parcelEvents.parcelId, parcelIds))
    : [];
  const starts = await tx
    .select({ projectId: parcels.projectId, first: min(parcelEvents.eventDate) })
    .from(parcelEvents)
    .innerJoin(parcels, eq(parcels.id, parcelEvents.parcelId))
    .where(inArray(parcels.projectId, projectIds))
    .groupBy(parcels.projectId);
  const startOf = new Map(starts.map((s) => [s.projectId, s.first ?? today]));
  const firstDate = (parcelId: string, stage: string) =>
    events
      .filter((e) => e.parcelId === parcelId && e.toStage === stage)
      .map((e) => e.eventDate)
      .sort()[0] ?? null;
  const lastDate = (parcelId: string, stages: string[]) =>
    events
      .filter((e) => e.parcelId === parcelId && stages.includes(e.toStage))
      .map((e) => e.eventDate)
      .sort()
      .at(-1) ?? null;

  const parties = parcelIds.length ? await tx.select().from(compensationParties).where(inArray(compensationParties.parcelId, parcelIds)) : [];
  const works = parcelIds.length ? await tx.select().from(workPackages).where(inArray(workPackages.parcelId, parcelIds)) : [];
  const supplyRows = parcelIds.length ? await tx.select().from(supplies).where(and(inArray(supplies.parcelId, parcelIds), eq(supplies.status, '成交'))) : [];
  const projectStartOfParcel = new Map(parcelRows.map((p) => [p.id, startOf.get(p.projectId) ?? today]));
  const settings = await getSettings(tx);
  return {
    now,
    today,
    leaderThreshold: String(settings['fund.leaderThresholdYuan']),
    extractionPercent: String(settings['fund.statutoryExtractionPercent']),
    annualCouponMaxYears: settings['fund.bondAnnualCouponMaxYears'],
    actors: await loadActors(tx),
    projects: projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      status: p.status,
      expectedIncome: p.expectedIncome,
      estimatedCost: p.estimatedCost,
      nationalCode: p.nationalCode,
      planId: p.planId,
      createdAt: startOf.get(p.id) ?? today,
    })),
    parcels: parcelRows.map((p) => {
      const reservedOn = firstDate(p.id, '已入库');
      return {
        id: p.id,
        code: p.code,
        projectId: p.projectId,
        stage: p.stage,
        reservedOn,
        cancelledOn: firstDate(p.id, '终止'),
        leftCustodyOn: reservedOn ? lastDate(p.id, ['已供应', '终止']) : null,
        tempUseStart: p.tempUseStart,
        tempUseEnd: p.tempUseEnd,
        custodian: p.custodian,
      };
    }),
    parties: parties.map((p) => ({
      id: p.id,
      parcelId: p.parcelId,
      name: p.name,
      amountPaid: p.amountPaid,
      signedOn: p.agreementSignedOn,
      startedOn: firstDate(p.parcelId, '收储中') ?? projectStartOfParcel.get(p.parcelId) ?? today,
    })),
    works: works.map((w) => ({ parcelId: w.parcelId, contractor: w.contractor, contractNo: w.contractNo, contractAmount: w.contractAmount, progress: w.progress, startedOn: w.startedOn, acceptedOn: w.acceptedOn })),
    supplies: supplyRows.map((s) => ({ parcelId: s.parcelId, dealPrice: s.dealPrice, dealDate: s.dealDate })),
  };
}

/** `now`: the moment the demo is generated (nothing in it happens later); tests pass an early hour. */
export async function seedFundsDemo(db: Db, now = new Date()): Promise<FundsDemoCounts | null> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.isDemo, true)).limit(1);
    if (existing) return null;
    const input = await loadInput(tx, now);
    if (!input) return null;
    const data = buildFundsDemo(input);
    const counts: FundsDemoCounts = {
      accounts: await insertInBatches(tx, fundAccounts, data.accounts),
      bonds: await insertInBatches(tx, bonds, data.bonds),
      allocations: await insertInBatches(tx, bondAllocations, data.allocations),
      scheduleRows: await insertInBatches(tx, bondSchedule, data.schedule),
      payments: await insertInBatches(tx, bondPayments, data.payments),
      entries: await insertInBatches(tx, ledgerEntries, data.entries),
      pending: data.entries.filter((e) => e.status !== 'approved').length,
      reversals: data.entries.filter((e) => e.origin === 'reversal').length,
      budgetVersions: await insertInBatches(tx, budgetVersions, data.versions),
    };
    await insertInBatches(tx, ledgerSteps, data.steps);
    // The demo's approved entries get their integrity tags like entries approved in the app.
    await tagSeededEntries(tx);
    await insertInBatches(tx, budgetLines, data.lines);
    // Continue the demo's entry numbers: a counter row per year (no upsert — see COMPAT.md).
    for (const c of data.counters) {
      const [row] = await tx.select().from(fundCounters).where(eq(fundCounters.scope, c.scope)).for('update');
      if (!row) await tx.insert(fundCounters).values(c);
      else if (row.lastValue < c.lastValue) await tx.update(fundCounters).set({ lastValue: c.lastValue }).where(eq(fundCounters.scope, c.scope));
    }
    await appendAudit(tx, { action: '生成演示数据', objectType: '系统', result: '成功', message: `资金管理演示数据：${summariseFundsDemo(counts)}` });
    return counts;
  });
}

/** One Chinese line for the seed script and the audit entry. */
export function summariseFundsDemo(c: FundsDemoCounts): string {
  return (
    `资金账户 ${c.accounts} 个、专项债券 ${c.bonds} 只（分配 ${c.allocations} 个项目、还本付息计划 ${c.scheduleRows} 期、已还 ${c.payments} 期）、` +
    `收支记录 ${c.entries} 条（审批中 ${c.pending} 条、冲销 ${c.reversals} 条）、预算版本 ${c.budgetVersions} 个`
  );
}
