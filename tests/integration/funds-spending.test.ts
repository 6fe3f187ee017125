import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { systemSettings } from '../../src/platform/settings/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { budgetLines, budgetVersions, fundAccounts, ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { approveEntry, createEntry, leaderApproveEntry, reviewEntry } from '../../src/modules/funds/ledger/mutations';
import { getSpendingCheck } from '../../src/modules/funds/ledger/spending';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
const db = () => database.db;
let clerk: Actor;
let chief: Actor;
let finance: Actor;
let leader: Actor;
let account: string;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-spending-'));
  resetConfigCache();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
  leader = await createActor(db(), ['leader']);
  [{ id: account }] = await db().insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '财政拨款专户' }).returning({ id: fundAccounts.id });
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function project(): Promise<string> {
  seq++;
  const [p] = await db()
    .insert(reserveProjects)
    .values({ code: `SP-${seq}`, name: `预算校验项目${seq}`, acquisitionRoute: '收购', status: 'active', expectedIncome: '90000000' })
    .returning({ id: reserveProjects.id });
  return p.id;
}

async function budget(projectId: string, kind: 'life' | 'annual', year: number, lines: Record<string, string>) {
  const total = Object.values(lines).reduce((a, b) => a + Number(b), 0).toFixed(2);
  const [v] = await db()
    .insert(budgetVersions)
    .values({ projectId, kind, year: kind === 'life' ? 0 : year, version: 1, total })
    .returning({ id: budgetVersions.id });
  await db().insert(budgetLines).values(Object.entries(lines).map(([category, amount]) => ({ versionId: v.id, category, amount })));
}

/** An approved income or expense written directly: the project's money as it stands. */
async function booked(projectId: string, direction: 'income' | 'expense', amount: string, category: string, entryDate = '2025-02-01') {
  seq++;
  await db()
    .insert(ledgerEntries)
    .values({ entryNo: `ZJ-T${seq}`, direction, entryDate, amount, category, projectId, status: 'approved', origin: 'manual', accountId: account, sourceCode: 'other_fiscal' });
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

async function entry(id: string) {
  const [row] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return row;
}

async function submitted(projectId: string, amount: string, category = '前期开发', entryDate = '2025-06-18') {
  const input = { direction: 'expense', entryDate, amount, category, sourceCode: 'other_fiscal', accountId: '', projectId, parcelId: '', contractNo: '', voucherNo: '', counterparty: '益阳某工程公司', description: '测试支付', submit: true };
  return (await ok(createEntry.execute(db(), clerk, input))).id;
}

describe('an expense with no budget and no funds (the defect: 1,200,000.50 元 went through with no warning)', () => {
  it('each approval step shows the warnings and needs them acknowledged; they are kept on the step and in the audit log', async () => {
    const p = await project();
    const id = await submitted(p, '1200000.50');

    const check = await getSpendingCheck(db(), await entry(id));
    expect(check.warnings.map((w) => w.code)).toEqual(['no-life-budget', 'no-annual-budget', 'balance-negative']);
    expect(check.balanceAfter).toBe('-1200000.50');
    expect(check.warnings[2].message).toBe('项目可用余额 0.00 元，本笔支出后为 -120.00 万元（-1,200,000.50 元），资金不足');

    const refused = await reviewEntry.execute(db(), chief, { id, version: 1 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toContain('请阅读并勾选「已知悉」');
      expect(refused.error).toContain('项目尚未编制全生命周期预算');
      expect(refused.fieldErrors).toEqual({ acknowledge: '请确认已知悉上述资金预警' });
    }
    expect((await entry(id)).status).toBe('submitted');
    // A partial acknowledgement (figures moved since the page was opened) is not enough.
    expect((await reviewEntry.execute(db(), chief, { id, version: 1, acknowledged: ['no-life-budget'] })).ok).toBe(false);

    const all = check.warnings.map((w) => w.code);
    await ok(reviewEntry.execute(db(), chief, { id, version: 1, acknowledged: all }));
    const [step] = await db().select().from(ledgerSteps).where(eq(ledgerSteps.entryId, id)).orderBy(desc(ledgerSteps.createdAt), desc(ledgerSteps.id)).limit(1);
    expect(step.action).toBe('review');
    expect(step.warnings?.map((w) => w.code)).toEqual(all);
    const [audit] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit.action).toBe('审核资金收支');
    expect(audit.message).toContain('审批人已确认资金预警 3 项');
    expect(JSON.stringify(audit.diff)).toContain('资金不足');

    expect((await approveEntry.execute(db(), finance, { id, version: 2, accountId: account })).ok).toBe(false);
    await ok(approveEntry.execute(db(), finance, { id, version: 2, accountId: account, acknowledged: all }));
    expect((await entry(id)).status).toBe('leader');
    expect((await leaderApproveEntry.execute(db(), leader, { id, version: 3 })).ok).toBe(false);
    await ok(leaderApproveEntry.execute(db(), leader, { id, version: 3, acknowledged: all }));
    expect((await entry(id)).status).toBe('approved');
    const steps = await db().select().from(ledgerSteps).where(eq(ledgerSteps.entryId, id)).orderBy(asc(ledgerSteps.createdAt), asc(ledgerSteps.id));
    expect(steps.filter((s) => s.warnings?.length).map((s) => s.action)).toEqual(['review', 'approve', 'leader-approve']);
    expect(await unlabelledAuditFields(db())).toEqual([]);
  });

  it('with overspending refused by the settings, no approver can pass it, acknowledged or not', async () => {
    await db().insert(systemSettings).values({ key: 'fund.overspendPolicy', value: '0', updatedAt: new Date() });
    try {
      const p = await project();
      const id = await submitted(p, '5000.00');
      const res = await reviewEntry.execute(db(), chief, { id, version: 1, acknowledged: ['no-life-budget', 'no-annual-budget', 'balance-negative'] });
      expect(res).toMatchObject({ ok: false, error: expect.stringContaining('按系统参数不予审批') });
      expect((await entry(id)).version).toBe(1);
    } finally {
      await db().delete(systemSettings).where(eq(systemSettings.key, 'fund.overspendPolicy'));
    }
  });
});

describe('budgets and balance', () => {
  it('within budget and funds: no warning, nothing to acknowledge', async () => {
    const p = await project();
    await budget(p, 'life', 0, { 前期开发: '1000000', 征收补偿: '2000000' });
    await budget(p, 'annual', 2025, { 前期开发: '300000' });
    await booked(p, 'income', '500000', '其他财政资金');
    await booked(p, 'expense', '100000', '前期开发');
    const id = await submitted(p, '150000.00');
    const check = await getSpendingCheck(db(), await entry(id));
    expect(check.warnings).toEqual([]);
    expect(check.lines.map((l) => [l.key, l.budget, l.spent, l.after, l.rateAfter])).toEqual([
      ['life', '3000000.00', '100000.00', '250000.00', '8.33'],
      ['category-life', '1000000.00', '100000.00', '250000.00', '25.00'],
      ['annual', '300000.00', '100000.00', '250000.00', '83.33'],
      ['category-annual', '300000.00', '100000.00', '250000.00', '83.33'],
    ]);
    expect([check.balanceBefore, check.balanceAfter]).toEqual(['400000.00', '250000.00']);
    await ok(reviewEntry.execute(db(), chief, { id, version: 1 }));
  });

  it('a fen over the annual budget of the category is a warning; the whole-life budget is fine', async () => {
    const p = await project();
    await budget(p, 'life', 0, { 前期开发: '1000000' });
    await budget(p, 'annual', 2025, { 前期开发: '200000', 管护: '100000' });
    await booked(p, 'income', '900000', '其他财政资金');
    await booked(p, 'expense', '50000', '前期开发');
    await booked(p, 'expense', '40000', '前期开发', '2024-12-31'); // last year: not in the 2025 figures
    const id = await submitted(p, '150000.01');
    const check = await getSpendingCheck(db(), await entry(id));
    expect(check.warnings.map((w) => w.code)).toEqual(['category-annual-over']);
    expect(check.warnings[0].message).toBe('「前期开发」本笔支出后 2025 年累计 20.00 万元（200,000.01 元），超出该科目年度预算 20.00 万元，超出 0.01 元');
    expect(check.warnings[0].rule).toContain('财预〔2019〕89号');
  });

  it('other expenses still in the workflow are reported beside the figures, not counted in them', async () => {
    const p = await project();
    await budget(p, 'life', 0, { 前期开发: '1000000' });
    await budget(p, 'annual', 2025, { 前期开发: '1000000' });
    await booked(p, 'income', '1000000', '其他财政资金');
    await submitted(p, '300000.00');
    const id = await submitted(p, '200000.00');
    const check = await getSpendingCheck(db(), await entry(id));
    expect([check.pendingOtherCount, check.pendingOther, check.balanceAfter]).toEqual([1, '300000.00', '800000.00']);
  });
});
