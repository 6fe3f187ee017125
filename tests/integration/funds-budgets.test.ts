import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { budgetLines, budgetVersions, ledgerEntries } from '../../src/modules/funds/schema';
import { saveBudget } from '../../src/modules/funds/budgets/mutations';
import {
  getBudgetOverview,
  getCentreExecution,
  getExecutionByCategory,
  getExecutionByProject,
  getLifeExecutionByCategory,
  getProjectBudgets,
  getProjectExecutionByYear,
} from '../../src/modules/funds/budgets/queries';
import { BUDGET_CHANGED_BY_OTHERS } from '../../src/modules/funds/budgets/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let chief: Actor;
let finance: Actor;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertProject(values: Partial<typeof reserveProjects.$inferInsert> = {}): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `BUD-P${String(seq).padStart(3, '0')}`, name: `预算测试项目${seq}`, acquisitionRoute: '收购', expectedIncome: '500000000', ...values })
    .returning({ id: reserveProjects.id });
  return project.id;
}

const AMOUNTS = { 征收补偿: '1000000.10', 前期开发: '200000.20', 管护: '0', 融资成本: '30000', 其他: '' };
const APPROVAL = { approvalDocNo: '益财预〔2025〕18号', approvedOn: '2025-03-01' };

async function versionsOf(projectId: string) {
  return db()
    .select()
    .from(budgetVersions)
    .where(eq(budgetVersions.projectId, projectId))
    .orderBy(asc(budgetVersions.kind), asc(budgetVersions.year), asc(budgetVersions.version));
}

async function linesOf(versionId: string) {
  const rows = await db().select().from(budgetLines).where(eq(budgetLines.versionId, versionId));
  return Object.fromEntries(rows.map((r) => [r.category, r.amount]));
}

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('saving a budget', () => {
  it('draws up the first version without a reason; total is the exact sum of the lines', async () => {
    const projectId = await insertProject();
    const res = await saveBudget.execute(db(), finance, { projectId, kind: 'life', baseVersion: 0, amounts: AMOUNTS });
    expect(res).toMatchObject({ ok: true, data: { version: 1, total: '1230000.30', warnings: [] } });
    const [v] = await versionsOf(projectId);
    expect(v).toMatchObject({ kind: 'life', year: 0, version: 1, status: 'current', total: '1230000.30', reason: null, approvalDocNo: null, createdBy: finance.userId });
    expect(await linesOf(v.id)).toEqual({ 征收补偿: '1000000.10', 前期开发: '200000.20', 管护: '0.00', 融资成本: '30000.00', 其他: '0.00' });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '编制项目预算', objectType: '项目预算', objectId: v.id, result: '成功' });
    expect(JSON.parse(audit.diff!)).toMatchObject({ budgetScope: { from: null, to: '全生命周期预算' }, budgetTotal: { from: null, to: '1230000.30' } });
  });

  it('sums 0.1 + 0.2 style amounts to the fen, and takes 万元 exactly', async () => {
    const projectId = await insertProject();
    const res = await saveBudget.execute(db(), finance, {
      projectId,
      kind: 'annual',
      year: 2025,
      baseVersion: 0,
      amounts: { 征收补偿: '0.1', 前期开发: '0.2', 管护: '0.000001', 融资成本: '12,345.678901', 其他: '0' },
      unit: 'wan',
    });
    // 0.1 万 = 1000, 0.2 万 = 2000, 0.000001 万 = 0.01, 12,345.678901 万 = 123456789.01
    expect(res).toMatchObject({ ok: true, data: { version: 1, total: '123459789.02' } });
    const [v] = await versionsOf(projectId);
    expect(await linesOf(v.id)).toEqual({ 征收补偿: '1000.00', 前期开发: '2000.00', 管护: '0.01', 融资成本: '123456789.01', 其他: '0.00' });
  });

  it('refuses an adjustment without reason or approval, and keeps the history of a valid one', async () => {
    const projectId = await insertProject();
    expect((await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 0, amounts: AMOUNTS, ...APPROVAL })).ok).toBe(true);
    const changed = { ...AMOUNTS, 征收补偿: '1500000.10', 管护: '8000' };

    const noReason = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: changed, ...APPROVAL });
    expect(noReason).toMatchObject({ ok: false, error: '请填写调整原因', fieldErrors: { reason: '请填写调整原因' } });
    const noDoc = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: changed, reason: '征收范围扩大', approvedOn: '2025-06-01' });
    expect(noDoc).toMatchObject({ ok: false, error: '预算调整须填写批准文号' });
    const noDate = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: changed, reason: '征收范围扩大', approvalDocNo: '益财预〔2025〕40号' });
    expect(noDate).toMatchObject({ ok: false, error: '预算调整须填写批准日期' });
    const longReason = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: changed, reason: '长'.repeat(501), ...APPROVAL });
    expect(longReason).toMatchObject({ ok: false, error: '调整原因不能超过 500 个字符' });
    expect(await versionsOf(projectId)).toHaveLength(1);

    const same = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: AMOUNTS, reason: '重新报批', ...APPROVAL });
    expect(same).toEqual({ ok: false, error: '各科目金额与现行第 1 版相同，没有需要保存的调整' });

    const ok = await saveBudget.execute(db(), finance, {
      projectId,
      kind: 'annual',
      year: 2025,
      baseVersion: 1,
      amounts: changed,
      reason: '征收范围扩大',
      approvalDocNo: '益财预〔2025〕40号',
      approvedOn: '2025-06-01',
    });
    expect(ok).toMatchObject({ ok: true, data: { version: 2, total: '1738000.30' } });
    const versions = await versionsOf(projectId);
    expect(versions.map((v) => [v.version, v.status, v.reason, v.total])).toEqual([
      [1, 'superseded', null, '1230000.30'],
      [2, 'current', '征收范围扩大', '1738000.30'],
    ]);
    expect(await linesOf(versions[0].id)).toMatchObject({ 征收补偿: '1000000.10', 管护: '0.00' });

    const budgets = await getProjectBudgets(db(), projectId);
    expect(budgets.life).toBeNull();
    expect(budgets.annual.map((a) => [a.year, a.version])).toEqual([[2025, 2]]);
    expect(budgets.history.map((h) => [h.version, h.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    expect(budgets.history[0].changes).toEqual([
      { category: '征收补偿', from: '1000000.10', to: '1500000.10', delta: '500000.00' },
      { category: '管护', from: '0.00', to: '8000.00', delta: '8000.00' },
    ]);
    expect(budgets.history[1].changes).toEqual([]);

    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '调整项目预算', objectId: versions[1].id, result: '成功' });
    expect(audit.message).toContain('第 1 版 → 第 2 版');
    expect(JSON.parse(audit.diff!)).toEqual({
      version: { from: 1, to: 2 },
      budgetTotal: { from: '1230000.30', to: '1738000.30' },
      budgetCompensation: { from: '1000000.10', to: '1500000.10' },
      budgetCustody: { from: '0.00', to: '8000.00' },
      reason: { from: null, to: '征收范围扩大' },
      docNo: { from: '益财预〔2025〕18号', to: '益财预〔2025〕40号' },
      approvedOn: { from: '2025-03-01', to: '2025-06-01' },
    });

    // A client that still shows version 1 is told to refresh.
    const stale = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 1, amounts: AMOUNTS, reason: '再调', ...APPROVAL });
    expect(stale).toEqual({ ok: false, error: BUDGET_CHANGED_BY_OTHERS });
    expect(await versionsOf(projectId)).toHaveLength(2);
  });

  it('lets exactly one of two concurrent adjustments win', async () => {
    const projectId = await insertProject();
    expect((await saveBudget.execute(db(), finance, { projectId, kind: 'life', baseVersion: 0, amounts: AMOUNTS })).ok).toBe(true);
    const adjust = (amount: string, reason: string) =>
      saveBudget.execute(db(), finance, { projectId, kind: 'life', baseVersion: 1, amounts: { ...AMOUNTS, 其他: amount }, reason, ...APPROVAL });
    const results = await Promise.all([adjust('100', '甲调整'), adjust('200', '乙调整')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: BUDGET_CHANGED_BY_OTHERS }]);
    const versions = await versionsOf(projectId);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);

    // Two first versions of the same annual budget at once: one is created, the other refused.
    const first = () => saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2026, baseVersion: 0, amounts: AMOUNTS });
    const firsts = await Promise.all([first(), first()]);
    expect(firsts.filter((r) => r.ok)).toHaveLength(1);
    expect(firsts.filter((r) => !r.ok)).toEqual([{ ok: false, error: BUDGET_CHANGED_BY_OTHERS }]);
    const annual = await db()
      .select()
      .from(budgetVersions)
      .where(and(eq(budgetVersions.projectId, projectId), eq(budgetVersions.kind, 'annual')));
    expect(annual).toHaveLength(1);
  });

  it('refuses bad amounts with a Chinese message and saves nothing', async () => {
    const projectId = await insertProject();
    const attempt = (amounts: Record<string, unknown>, unit?: 'yuan' | 'wan') =>
      saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 0, amounts: { ...AMOUNTS, ...amounts }, unit });
    expect(await attempt({ 前期开发: '100.123' })).toMatchObject({ ok: false, error: '前期开发（元）最多两位小数（分）', fieldErrors: { 'amounts.前期开发': '前期开发（元）最多两位小数（分）' } });
    expect(await attempt({ 管护: '-5' })).toMatchObject({ ok: false, error: '管护（元）不能为负数' });
    expect(await attempt({ 其他: '一百元' })).toMatchObject({ ok: false, error: '其他（元）应为数字金额' });
    expect(await attempt({ 征收补偿: '1.0000001' }, 'wan')).toMatchObject({ ok: false, error: '征收补偿以万元填写时最多 6 位小数（精确到分）' });
    expect(await attempt({ 征收补偿: '-1' }, 'wan')).toMatchObject({ ok: false, error: '征收补偿（万元）不能为负数' });
    expect(await attempt({ 征收补偿: '1e5' }, 'wan')).toMatchObject({ ok: false, error: '征收补偿（万元）应为数字金额' });
    expect(await attempt({ 融资成本: '99999999999999999' })).toMatchObject({ ok: false, error: '融资成本（元）超出允许范围' });
    expect(await saveBudget.execute(db(), finance, { projectId, kind: 'annual', baseVersion: 0, amounts: AMOUNTS })).toMatchObject({ ok: false, error: '请选择预算年度' });
    expect(await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 1999, baseVersion: 0, amounts: AMOUNTS })).toMatchObject({
      ok: false,
      error: '预算年度不能早于 2000 年',
    });
    expect(await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 0, amounts: AMOUNTS, approvedOn: '2025-02-30' })).toMatchObject({
      ok: false,
      error: '批准日期格式应为 YYYY-MM-DD，且须是有效日期',
    });
    expect(await versionsOf(projectId)).toEqual([]);
    expect(await db().select().from(budgetLines).innerJoin(budgetVersions, eq(budgetVersions.id, budgetLines.versionId)).where(eq(budgetVersions.projectId, projectId))).toEqual([]);
  });

  it('refuses budgets for a closed project or an unknown one', async () => {
    const projectId = await insertProject({ status: 'closed', name: '已关闭的项目' });
    expect(await saveBudget.execute(db(), finance, { projectId, kind: 'life', baseVersion: 0, amounts: AMOUNTS })).toEqual({
      ok: false,
      error: '项目「已关闭的项目」已关闭，不能编制或调整预算',
    });
    expect(await saveBudget.execute(db(), finance, { projectId: 'NOPE', kind: 'life', baseVersion: 0, amounts: AMOUNTS })).toEqual({
      ok: false,
      error: '项目不存在或已被删除，请刷新后重试',
    });
    expect(await versionsOf(projectId)).toEqual([]);
  });

  it('denies budget edits to a clerk and a chief', async () => {
    const projectId = await insertProject();
    for (const actor of [clerk, chief]) {
      expect(await saveBudget.execute(db(), actor, { projectId, kind: 'life', baseVersion: 0, amounts: AMOUNTS })).toEqual({ ok: false, error: PERMISSION_DENIED });
    }
    expect(await saveBudget.execute(db(), null, { projectId, kind: 'life', baseVersion: 0, amounts: AMOUNTS })).toMatchObject({ ok: false });
    expect(await versionsOf(projectId)).toEqual([]);
  });

  it('warns (without blocking) when the annual budgets of a category exceed its life budget', async () => {
    const projectId = await insertProject();
    const life = { 征收补偿: '1000000', 前期开发: '500000', 管护: '10000', 融资成本: '0', 其他: '0' };
    expect((await saveBudget.execute(db(), finance, { projectId, kind: 'life', baseVersion: 0, amounts: life })).ok).toBe(true);
    const y2024 = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2024, baseVersion: 0, amounts: { ...life, 征收补偿: '600000', 管护: '5000' } });
    expect(y2024).toMatchObject({ ok: true, data: { warnings: [] } });
    const y2025 = await saveBudget.execute(db(), finance, { projectId, kind: 'annual', year: 2025, baseVersion: 0, amounts: { 征收补偿: '400000.01', 管护: '5000', 融资成本: '0.01' } });
    expect(y2025.ok).toBe(true);
    if (!y2025.ok) return;
    expect(y2025.data.warnings).toEqual([
      '「征收补偿」2024、2025 年度预算合计 100.00 万元（1,000,000.01 元），超过全生命周期预算 100.00 万元，超出 0.01 元',
      '「融资成本」2025 年度预算合计 0.01 元，超过全生命周期预算 0.00 元，超出 0.01 元',
    ]);
    const budgets = await getProjectBudgets(db(), projectId);
    expect(budgets.warnings.map((w) => [w.category, w.annualSum, w.life, w.excess, w.years])).toEqual([
      ['征收补偿', '1000000.01', '1000000.00', '0.01', [2024, 2025]],
      ['融资成本', '0.01', '0.00', '0.01', [2025]],
    ]);
  });
});

describe('预算执行率', () => {
  let entryNo = 0;
  async function entry(projectId: string, values: Partial<typeof ledgerEntries.$inferInsert>) {
    entryNo++;
    const [row] = await db()
      .insert(ledgerEntries)
      .values({
        entryNo: `BUDTEST-${entryNo}`,
        direction: 'expense',
        entryDate: '2023-05-10',
        amount: '100.00',
        category: '征收补偿',
        projectId,
        status: 'approved',
        ...values,
      })
      .returning({ id: ledgerEntries.id });
    return row.id;
  }

  it('counts approved expense only (reversals subtract), per project, category, year and for the centre', async () => {
    const before2023 = await getCentreExecution(db(), { year: 2023 });
    const a = await insertProject({ code: 'BUD-EXEC-A', name: '执行率项目甲' });
    const b = await insertProject({ code: 'BUD-EXEC-B', name: '执行率项目乙' });
    const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
    ok(await saveBudget.execute(db(), finance, { projectId: a, kind: 'life', baseVersion: 0, amounts: { 征收补偿: '1000000', 前期开发: '300000', 管护: '0', 融资成本: '0', 其他: '0' } }));
    ok(await saveBudget.execute(db(), finance, { projectId: a, kind: 'annual', year: 2023, baseVersion: 0, amounts: { 征收补偿: '300000', 前期开发: '100000' } }));
    // Adjusted: only the current version counts.
    ok(await saveBudget.execute(db(), finance, { projectId: a, kind: 'annual', year: 2023, baseVersion: 1, amounts: { 征收补偿: '400000', 前期开发: '100000' }, reason: '追加', ...APPROVAL }));
    ok(await saveBudget.execute(db(), finance, { projectId: b, kind: 'annual', year: 2023, baseVersion: 0, amounts: { 管护: '3' } }));

    const original = await entry(a, { amount: '150000.10' });
    await entry(a, { amount: '-50000.00', origin: 'reversal', reversalOf: original });
    await entry(a, { amount: '0.10', category: '前期开发', entryDate: '2023-12-31' });
    await entry(a, { amount: '0.20', category: '前期开发', entryDate: '2023-01-01' });
    await entry(a, { amount: '70000', entryDate: '2022-12-31' }); // previous year: life only
    await entry(a, { amount: '999999', status: 'submitted' });
    await entry(a, { amount: '888888', status: 'reviewed' });
    await entry(a, { amount: '777777', status: 'draft' });
    await entry(a, { amount: '666666', status: 'returned' });
    await entry(a, { amount: '5000000', direction: 'income', category: '其他财政资金' });
    await entry(b, { amount: '1.00', category: '管护', entryDate: '2023-07-01' });
    await entry(b, { amount: '0.01', category: '管护', entryDate: '2024-01-01' });

    const rows = await getExecutionByProject(db(), { year: 2023 });
    const rowA = rows.find((r) => r.projectId === a)!;
    expect(rowA).toEqual({
      projectId: a,
      projectCode: 'BUD-EXEC-A',
      projectName: '执行率项目甲',
      status: 'active',
      isDemo: false,
      hasLifeBudget: true,
      lifeBudget: '1300000.00',
      lifeSpent: '170000.40',
      lifeRate: '13.08',
      hasAnnualBudget: true,
      annualBudget: '500000.00',
      annualSpent: '100000.40',
      annualRate: '20.00',
    });
    expect(rows.find((r) => r.projectId === b)).toMatchObject({
      hasLifeBudget: false,
      lifeBudget: '0.00',
      lifeSpent: '1.01',
      lifeRate: null,
      annualBudget: '3.00',
      annualSpent: '1.00',
      annualRate: '33.33',
    });

    expect(await getExecutionByCategory(db(), { year: 2023, projectId: a })).toEqual([
      { category: '征收补偿', budget: '400000.00', spent: '100000.10', rate: '25.00' },
      { category: '前期开发', budget: '100000.00', spent: '0.30', rate: '0.00' },
      { category: '管护', budget: '0.00', spent: '0.00', rate: null },
      { category: '融资成本', budget: '0.00', spent: '0.00', rate: null },
      { category: '其他', budget: '0.00', spent: '0.00', rate: null },
    ]);
    expect(await getLifeExecutionByCategory(db(), { projectId: a })).toMatchObject([
      { category: '征收补偿', budget: '1000000.00', spent: '170000.10', rate: '17.00' },
      { category: '前期开发', budget: '300000.00', spent: '0.30', rate: '0.00' },
      {},
      {},
      {},
    ]);
    expect(await getProjectExecutionByYear(db(), a)).toEqual([
      { year: 2022, hasBudget: false, budget: '0.00', spent: '70000.00', rate: null },
      { year: 2023, hasBudget: true, budget: '500000.00', spent: '100000.40', rate: '20.00' },
    ]);

    // The centre: every project's current annual budgets and approved expense of the year.
    const centre = await getCentreExecution(db(), { year: 2023 });
    const plus = (x: string, y: string) => (Math.round(Number(x) * 100) + Math.round(Number(y) * 100)) / 100;
    expect(Number(centre.budget)).toBe(plus(before2023.budget, '500003.00'));
    expect(Number(centre.spent)).toBe(plus(before2023.spent, '100001.40'));
    const sumOf = (pick: (r: (typeof rows)[number]) => string) => rows.reduce((acc, r) => Math.round(acc * 100 + Number(pick(r)) * 100) / 100, 0);
    expect(Number(centre.budget)).toBe(sumOf((r) => r.annualBudget));
    expect(Number(centre.spent)).toBe(sumOf((r) => r.annualSpent));
    expect(Number(centre.lifeSpent)).toBe(sumOf((r) => r.lifeSpent));
    const centreByCategory = await getExecutionByCategory(db(), { year: 2023 });
    expect(centreByCategory.reduce((acc, r) => Math.round(acc * 100 + Number(r.spent) * 100) / 100, 0)).toBe(Number(centre.spent));

    // The list page: search by code, totals of the matches.
    const overview = await getBudgetOverview(db(), { year: 2023, q: 'bud-exec', page: 1, size: 20 });
    expect(overview.rows.map((r) => r.projectCode)).toEqual(['BUD-EXEC-A', 'BUD-EXEC-B']);
    expect(overview.filtered).toEqual({
      lifeBudget: '1300000.00',
      lifeSpent: '170001.41',
      lifeRate: '13.08',
      annualBudget: '500003.00',
      annualSpent: '100001.40',
      annualRate: '20.00',
    });
    expect(overview.centre).toEqual(centre);
    const budgetedOnly = await getBudgetOverview(db(), { year: 2024, q: 'bud-exec', only: 'budgeted', page: 1, size: 20 });
    expect(budgetedOnly.rows.map((r) => r.projectCode)).toEqual(['BUD-EXEC-A']);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
