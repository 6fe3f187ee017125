import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { compensationParties, parcels, reserveProjects, supplies } from '../../src/modules/parcels/schema';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundAccounts, ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { dec } from '../../src/modules/plans/amounts';
import { sumAmounts, INCOME_CATEGORIES, LEDGER_CATEGORIES } from '../../src/modules/funds/rules/money';
import { approvedTotals } from '../../src/modules/funds/rules/balance';
import { bondCheckSettings, getProjectsBondChecks } from '../../src/modules/funds/bonds/project-checks';
import { scheduleTotals } from '../../src/modules/funds/rules/schedule';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedReserveDemo } from '../../src/modules/parcels/demo-seed';
import { seedFundsDemo, type FundsDemoCounts } from '../../src/modules/funds/demo-seed';
import { getAccountBalances } from '../../src/modules/funds/accounts/queries';
import { getProjectCash } from '../../src/modules/funds/balances/queries';
import { todayInShanghai } from '../../src/ui/format';
import { createTestDatabase } from '../helpers/db';

let database: Database;
let counts: FundsDemoCounts | null;
const db = () => database.db;
type Entry = typeof ledgerEntries.$inferSelect;
let entries: Entry[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFoundationDemo(db());
  await seedReserveDemo(db());
  counts = await seedFundsDemo(db());
  entries = await db().select().from(ledgerEntries);
}, 180_000);
afterAll(async () => {
  await database?.close();
});

describe('funds demo data', () => {
  it('has about 5,000 entries from 2022 on, all marked demo, most approved, some in the workflow and a few reversals', () => {
    expect(counts).not.toBeNull();
    expect(entries.length).toBeGreaterThan(4000);
    expect(entries.length).toBeLessThan(7000);
    expect(entries.every((e) => e.isDemo)).toBe(true);
    expect(entries.every((e) => e.entryDate >= '2022-01-01' && e.entryDate <= todayInShanghai())).toBe(true);
    const years = new Set(entries.map((e) => e.entryDate.slice(0, 4)));
    for (const y of ['2022', '2023', '2024', '2025']) expect(years.has(y)).toBe(true);
    const byStatus = new Map<string, number>();
    for (const e of entries) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
    expect(byStatus.get('approved')!).toBeGreaterThan(entries.length * 0.9);
    expect((byStatus.get('submitted') ?? 0) + (byStatus.get('reviewed') ?? 0)).toBeGreaterThan(0);
    expect(entries.filter((e) => e.origin === 'reversal')).toHaveLength(counts!.reversals);
    expect(counts!.reversals).toBeGreaterThan(0);
  });

  it('numbers entries uniquely per year and fits categories to directions', () => {
    expect(new Set(entries.map((e) => e.entryNo)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.entryNo.startsWith(`ZJ${e.entryDate.slice(0, 4)}-`)).toBe(true);
      const allowed: readonly string[] = e.direction === 'income' ? INCOME_CATEGORIES : LEDGER_CATEGORIES;
      expect(allowed).toContain(e.category);
    }
  });

  it('keeps each project’s money at hand (every source, top-ups included) at or above zero at every year end', () => {
    const byProject = new Map<string, Entry[]>();
    for (const e of entries) byProject.set(e.projectId, [...(byProject.get(e.projectId) ?? []), e]);
    for (const list of byProject.values()) {
      const facts = list.map((e) => ({ direction: e.direction as 'income' | 'expense', amount: e.amount, status: e.status as 'approved', entryDate: e.entryDate }));
      for (const year of new Set(list.map((e) => e.entryDate.slice(0, 4)))) {
        expect(dec(approvedTotals(facts.filter((f) => f.entryDate.slice(0, 4) <= year)).balance).gte(0)).toBe(true);
      }
    }
  });

  it('posts each compensation party payment to the ledger exactly once, to the fen', async () => {
    const parties = await db().select().from(compensationParties);
    const paid = parties.filter((p) => dec(p.amountPaid).gt(0));
    expect(paid.length).toBeGreaterThan(50);
    for (const p of paid) {
      const mine = entries.filter((e) => e.partyId === p.id);
      expect(mine.every((e) => e.origin === 'compensation' && e.category === '征收补偿')).toBe(true);
      expect(sumAmounts(mine.map((e) => e.amount))).toBe(dec(p.amountPaid).toFixed(2));
    }
  });

  it('posts each bond interest payment to its projects exactly once, to the fen, linked to the payment', async () => {
    const payments = await db().select().from(bondPayments);
    const withInterest = payments.filter((p) => dec(p.interestPaid).gt(0));
    // Every coupon due by yesterday is paid (the 2025 bonds have paid their first by the end of 2026).
    const due = (await db().select().from(bondSchedule)).filter((r) => r.dueDate < todayInShanghai());
    expect(withInterest.length).toBe(due.length);
    expect(withInterest.length).toBeGreaterThanOrEqual(2);
    for (const p of withInterest) {
      const mine = entries.filter((e) => e.bondPaymentId === p.id);
      expect(mine.length).toBeGreaterThan(1);
      expect(mine.every((e) => e.origin === 'bond-interest' && e.category === '融资成本' && e.entryDate === p.paidOn)).toBe(true);
      // The demo bonds are fully allocated: the shares add up to the interest paid.
      expect(sumAmounts(mine.map((e) => e.amount))).toBe(dec(p.interestPaid).toFixed(2));
    }
    expect(entries.filter((e) => e.origin === 'bond-interest').every((e) => withInterest.some((p) => p.id === e.bondPaymentId))).toBe(true);
  });

  it('reverses in full, with the original linked, and never lets the same user submit and approve', () => {
    for (const r of entries.filter((e) => e.origin === 'reversal')) {
      const original = entries.find((e) => e.id === r.reversalOf)!;
      expect(original.reversedBy).toBe(r.id);
      expect(dec(original.amount).add(r.amount).isZero()).toBe(true);
    }
    for (const e of entries.filter((x) => x.status === 'approved')) {
      expect(e.approvedBy).not.toBeNull();
      expect(e.approvedBy).not.toBe(e.submittedBy);
      expect(e.reviewedBy).not.toBe(e.submittedBy);
    }
  });

  it('arranges land-sale income back by the cost accounted for the parcel sold, never above its price, not a fixed share of it', async () => {
    const deals = await db().select().from(supplies).where(eq(supplies.status, '成交'));
    const arranged = entries.filter((e) => e.category === '土地出让收入安排' && e.origin === 'manual' && e.parcelId);
    expect(arranged.length).toBeGreaterThan(10);
    const shares = new Set<string>();
    for (const e of arranged) {
      const deal = deals.find((d) => d.parcelId === e.parcelId && d.dealDate! <= e.entryDate)!;
      expect(dec(e.amount).lte(deal.dealPrice!)).toBe(true);
      // Cost accounted: what the project had spent by then bounds it.
      const spent = entries.filter((x) => x.projectId === e.projectId && x.direction === 'expense' && x.entryDate <= e.entryDate).reduce((t, x) => t.add(x.amount), dec(0));
      expect(dec(e.amount).lte(spent)).toBe(true);
      shares.add(dec(e.amount).div(deal.dealPrice!).toFixed(2));
    }
    expect(shares.size).toBeGreaterThan(5);
  });

  it('records temporary-use rent as 零星收入, paid into the treasury: no fund source, no account', () => {
    const rent = entries.filter((e) => e.category === '零星收入');
    expect(rent.length).toBeGreaterThan(0);
    for (const e of rent) expect(e).toMatchObject({ direction: 'income', sourceCode: null, accountId: null, status: 'approved' });
  });

  it('adjusts the whole-life budget of a bond-funded project so its 融资成本 line holds the bond interest (counted once)', async () => {
    const allocs = await db().select().from(bondAllocations);
    expect(allocs.length).toBeGreaterThan(2);
    for (const a of allocs) {
      const cash = await getProjectCash(db(), a.projectId);
      expect(cash!.check.financingAboveBudget).toBe(false);
      expect(dec(cash!.financing.budget).gte(cash!.financing.known)).toBe(true);
      const versions = await db().select().from(budgetVersions).where(eq(budgetVersions.projectId, a.projectId));
      expect(versions.find((v) => v.kind === 'life' && v.status === 'current')?.reason).toBe('使用土地储备专项债券，按还本付息计划调整融资成本（演示）');
    }
  });

  it('records a step trail for every entry that left draft', async () => {
    const steps = await db().select({ entryId: ledgerSteps.entryId }).from(ledgerSteps);
    const withSteps = new Set(steps.map((s) => s.entryId));
    expect(entries.every((e) => withSteps.has(e.id))).toBe(true);
  });

  it('has two 2025 bonds issued by 湖南省 at 2025 rates, whose schedules repay the amount exactly, whose allocations stay within the centre’s cap and whose projects cover principal and interest (62号)', async () => {
    const bondRows = await db().select().from(bonds);
    expect(bondRows).toHaveLength(2);
    expect(new Set(bondRows.map((b) => b.repaymentType))).toEqual(new Set(['bullet', 'amortizing']));
    for (const b of bondRows) {
      // Land reserve special bonds restarted after 2024: 2025 issues, 5–10 years at about 1.8–2.3%.
      expect(b).toMatchObject({ issuer: '湖南省', couponsPerYear: 1 });
      expect(b.issueDate.startsWith('2025-')).toBe(true);
      expect(b.termYears).toBeGreaterThanOrEqual(5);
      expect(b.termYears).toBeLessThanOrEqual(10);
      expect(dec(b.annualRate).gte('1.8') && dec(b.annualRate).lte('2.3')).toBe(true);
      expect(b.repaymentType === 'amortizing' ? sumAmounts(b.principalPercents!.map((p) => dec(p).toFixed(2))) : null).toBe(b.repaymentType === 'amortizing' ? '100.00' : null);
    }
    for (const b of bondRows) {
      const rows = await db().select().from(bondSchedule).where(eq(bondSchedule.bondId, b.id));
      expect(scheduleTotals(rows).principal).toBe(dec(b.amount).toFixed(2));
      const allocs = await db().select().from(bondAllocations).where(eq(bondAllocations.bondId, b.id));
      expect(sumAmounts(allocs.map((a) => a.amount))).toBe(dec(b.amount).toFixed(2));
      const checks = await getProjectsBondChecks(db(), allocs.map((a) => a.projectId), await bondCheckSettings(db()));
      for (const a of allocs) {
        const [project] = await db().select().from(reserveProjects).where(eq(reserveProjects.id, a.projectId));
        expect(project.nationalCode).not.toBeNull();
        expect(checks.get(a.projectId)!.share.ok).toBe(true);
        // 62号 on the default (net) basis, and above the 1.2 warning line.
        expect(checks.get(a.projectId)!.coverage).toMatchObject({ basis: 'net', covered: true, ok: true });
      }
    }
  });

  it('gives every demo project a whole-life budget whose total is the sum of its lines, one current version each', async () => {
    const versions = await db().select().from(budgetVersions);
    const lines = await db().select().from(budgetLines);
    const projects = await db().select({ id: reserveProjects.id }).from(reserveProjects);
    for (const p of projects) {
      const current = versions.filter((v) => v.projectId === p.id && v.kind === 'life' && v.status === 'current');
      expect(current).toHaveLength(1);
    }
    for (const v of versions) {
      expect(sumAmounts(lines.filter((l) => l.versionId === v.id).map((l) => l.amount))).toBe(dec(v.total).toFixed(2));
    }
    expect(versions.some((v) => v.version === 2 && v.reason)).toBe(true);
    expect(versions.some((v) => v.kind === 'annual')).toBe(true);
  });

  it('never leaves an account below zero (F18: separate accounts, money spent only as it arrives)', async () => {
    const balances = await getAccountBalances(db());
    expect(balances).toHaveLength(4);
    for (const b of balances) expect(dec(b.balance).isNegative()).toBe(false);
  });

  it('has an account per F18 source and seeds nothing twice', async () => {
    const accounts = await db().select().from(fundAccounts);
    expect(new Set(accounts.map((a) => a.sourceCode))).toEqual(new Set(['land_income', 'land_fund', 'bond', 'other_fiscal']));
    expect(await seedFundsDemo(db())).toBeNull();
    expect((await db().select({ id: ledgerEntries.id }).from(ledgerEntries)).length).toBe(entries.length);
    expect((await db().select({ id: parcels.id }).from(parcels)).length).toBeGreaterThan(0);
  });
});
