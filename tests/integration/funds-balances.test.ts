import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { count, desc } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { setDatabase } from '../../src/platform/db';
import { getActor } from '../../src/platform/run-action';
import { compensationParties, parcels, reserveProjects, workPackages } from '../../src/modules/parcels/schema';
import { contracts } from '../../src/modules/contracts/schema';
import { importLegacyContracts } from '../../src/modules/contracts/legacy';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetLines, budgetVersions, fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { getAccountBalances } from '../../src/modules/funds/accounts/queries';
import { getBondBalances } from '../../src/modules/funds/bonds/queries';
import { Dec } from '../../src/modules/plans/amounts';
import {
  getCentreSummary,
  getExecutionReport,
  getMonthlyFlow,
  getProjectBalances,
  getProjectCash,
} from '../../src/modules/funds/balances/queries';
import { getCentreExecution, getExecutionByCategory, getExecutionByProject } from '../../src/modules/funds/budgets/queries';
import { GET } from '../../src/app/api/funds/export/route';
import { useTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { unlabelledAuditFields } from '../helpers/audit-labels';

vi.mock('../../src/platform/run-action', () => ({ getActor: vi.fn() }));

let database: Database;
const db = () => database.db;
let finance: Actor;
let clerk: Actor;
let auditor: Actor;
const ids = { a: '', b: '', c: '' };

let entrySeq = 0;
type EntryInput = {
  project: string;
  direction: 'income' | 'expense';
  date: string;
  amount: string;
  category: string;
  source?: string | null;
  status?: 'draft' | 'submitted' | 'reviewed' | 'leader' | 'approved' | 'returned';
  origin?: 'manual' | 'compensation' | 'reversal';
};
function entry(e: EntryInput): typeof ledgerEntries.$inferInsert {
  entrySeq++;
  return {
    entryNo: `T${String(entrySeq).padStart(6, '0')}`,
    direction: e.direction,
    entryDate: e.date,
    amount: e.amount,
    category: e.category,
    sourceCode: e.source === undefined ? 'other_fiscal' : e.source,
    projectId: e.project,
    status: e.status ?? 'approved',
    origin: e.origin ?? 'manual',
  };
}

async function insertBudget(projectId: string, kind: 'life' | 'annual', year: number, version: number, status: 'current' | 'superseded', lines: Record<string, string>) {
  const total = Object.values(lines)
    .reduce((s, v) => s.plus(v), new Dec(0))
    .toFixed(2);
  const [v] = await db()
    .insert(budgetVersions)
    .values({ projectId, kind, year, version, status, total })
    .returning({ id: budgetVersions.id });
  for (const [category, amount] of Object.entries(lines)) await db().insert(budgetLines).values({ versionId: v.id, category, amount });
}

beforeAll(async () => {
  database = await useTestDatabase();
  finance = await createActor(db(), ['finance']);
  clerk = await createActor(db(), ['clerk']);
  auditor = await createActor(db(), ['auditor']);
  const [{ n }] = await db().select({ n: count() }).from(ledgerEntries);
  expect(n).toBe(0);
  const [{ p }] = await db().select({ p: count() }).from(reserveProjects);
  expect(p).toBe(0);

  const [a, b, c] = await db()
    .insert(reserveProjects)
    .values([
      { code: 'BAL-A', name: '余额测试项目甲', acquisitionRoute: '征收', expectedIncome: '50000000.00' },
      { code: 'BAL-B', name: '余额测试项目乙', acquisitionRoute: '收购', status: 'closed' },
      { code: 'BAL-C', name: '余额测试项目丙', acquisitionRoute: '收回', expectedIncome: '1000.00' },
    ])
    .returning({ id: reserveProjects.id });
  Object.assign(ids, { a: a.id, b: b.id, c: c.id });

  const [a1, a2, b1] = await db()
    .insert(parcels)
    .values([
      { code: 'BAL-A1', name: '甲一', projectId: a.id, stageSince: '2024-01-01' },
      { code: 'BAL-A2', name: '甲二', projectId: a.id, stageSince: '2024-01-01' },
      { code: 'BAL-B1', name: '乙一', projectId: b.id, stageSince: '2024-01-01' },
    ])
    .returning({ id: parcels.id });
  await db()
    .insert(compensationParties)
    .values([
      { parcelId: a1.id, partyType: '个人', name: '张三', agreementNo: 'BAL-BC-1', amountAgreed: '1000000.00' },
      { parcelId: a1.id, partyType: '单位', name: '某公司', agreementNo: 'BAL-BC-2', amountAgreed: '234567.89' },
      { parcelId: b1.id, partyType: '个人', name: '李四', agreementNo: 'BAL-BC-3', amountAgreed: '100.00' },
    ]);
  await db().insert(workPackages).values({ parcelId: a2.id, workType: '道路', contractNo: 'BAL-GC-1', contractAmount: '500000.10' });
  // 合同承诺 comes from the contracts module (issue 15): the agreements and the works contract above
  // become 生效 contracts as migration 0023 turns them; a draft contract commits nothing yet.
  await importLegacyContracts(db());
  await db().insert(contracts).values({ contractNo: 'BAL-DRAFT', name: '未生效合同', contractType: '服务', ourParty: '中心', counterparty: '某公司', amount: '999.00', status: 'draft', projectId: a.id });

  await insertBudget(a.id, 'life', 0, 1, 'superseded', { 征收补偿: '99.00' });
  await insertBudget(a.id, 'life', 0, 2, 'current', { 征收补偿: '6000000.00', 前期开发: '3000000.00', 管护: '500000.00', 融资成本: '500000.00' });
  await insertBudget(a.id, 'annual', 2024, 1, 'superseded', { 征收补偿: '7777777.00' });
  await insertBudget(a.id, 'annual', 2024, 2, 'current', { 征收补偿: '2000000.00', 前期开发: '1000000.00', 管护: '50000.55', 融资成本: '0.00', 其他: '0.00' });
  await insertBudget(a.id, 'annual', 2025, 1, 'current', { 征收补偿: '100.00' });
  await insertBudget(b.id, 'life', 0, 1, 'current', { 管护: '1000000.00' });
  await insertBudget(b.id, 'annual', 2024, 1, 'current', { 管护: '10000.00' });

  const A = a.id;
  const B = b.id;
  await db()
    .insert(ledgerEntries)
    .values([
      entry({ project: A, direction: 'income', date: '2023-12-31', amount: '1000000.00', category: '土地出让收入安排', source: 'land_income' }),
      entry({ project: A, direction: 'income', date: '2024-01-15', amount: '5000000.00', category: '其他财政资金' }),
      entry({ project: A, direction: 'income', date: '2024-03-10', amount: '3000000.00', category: '专项债券资金', source: 'bond' }),
      entry({ project: A, direction: 'income', date: '2024-05-05', amount: '777.00', category: '其他财政资金', status: 'draft' }),
      entry({ project: A, direction: 'income', date: '2024-05-06', amount: '888.00', category: '其他财政资金', status: 'returned' }),
      entry({ project: A, direction: 'expense', date: '2024-01-20', amount: '1200000.00', category: '征收补偿', origin: 'compensation' }),
      entry({ project: A, direction: 'expense', date: '2024-02-29', amount: '300000.10', category: '前期开发' }),
      entry({ project: A, direction: 'expense', date: '2024-02-29', amount: '999.99', category: '前期开发', status: 'submitted' }),
      entry({ project: A, direction: 'expense', date: '2024-03-01', amount: '5000.00', category: '管护', status: 'reviewed' }),
      entry({ project: A, direction: 'expense', date: '2024-03-02', amount: '2000000.00', category: '征收补偿', status: 'leader' }),
      entry({ project: A, direction: 'expense', date: '2024-06-01', amount: '0.10', category: '管护' }),
      entry({ project: A, direction: 'expense', date: '2024-06-01', amount: '0.20', category: '管护' }),
      entry({ project: A, direction: 'expense', date: '2024-06-15', amount: '200000.00', category: '征收补偿' }),
      entry({ project: A, direction: 'expense', date: '2024-07-01', amount: '-200000.00', category: '征收补偿', origin: 'reversal' }),
      entry({ project: A, direction: 'expense', date: '2024-12-31', amount: '50000.00', category: '融资成本', source: 'bond' }),
      entry({ project: A, direction: 'expense', date: '2025-01-01', amount: '1000.00', category: '其他' }),
      entry({ project: B, direction: 'expense', date: '2022-05-01', amount: '100.00', category: '征收补偿' }),
      entry({ project: B, direction: 'income', date: '2024-04-01', amount: '20.00', category: '其他财政资金', source: null }),
      // 零星收入 (rent of temporary use) goes to the treasury: no balance, total or report counts it.
      entry({ project: A, direction: 'income', date: '2024-04-10', amount: '12345.67', category: '零星收入', source: null }),
    ]);
  // 1,000 entries of 0.01 (10.00 exactly), and 1,000 pending ones that must not count.
  await db()
    .insert(ledgerEntries)
    .values(Array.from({ length: 1000 }, () => entry({ project: B, direction: 'expense', date: '2024-04-01', amount: '0.01', category: '管护', source: null })));
  await db()
    .insert(ledgerEntries)
    .values(Array.from({ length: 1000 }, () => entry({ project: B, direction: 'expense', date: '2024-04-02', amount: '0.01', category: '管护', status: 'submitted' })));

  // A bond of 10,000,000 of which 3,000,000 goes to project A: interest due after 2026-01-01 counts.
  const [bond] = await db()
    .insert(bonds)
    .values({ code: 'BAL-BOND', name: '测试债券', amount: '10000000.00', annualRate: '3.0000', termYears: 80, issueDate: '2020-06-01', repaymentType: 'bullet' })
    .returning({ id: bonds.id });
  await db().insert(bondAllocations).values({ bondId: bond.id, projectId: A, amount: '3000000.00', allocatedOn: '2020-06-01' });
  await db()
    .insert(bondSchedule)
    .values([
      { bondId: bond.id, seq: 1, periodStart: '2019-06-01', dueDate: '2020-06-01', days: 366, principal: '0', interest: '100000.00', outstandingAfter: '10000000.00' },
      { bondId: bond.id, seq: 2, periodStart: '2098-06-01', dueDate: '2099-06-01', days: 365, principal: '0', interest: '333333.33', outstandingAfter: '10000000.00' },
      { bondId: bond.id, seq: 3, periodStart: '2099-06-01', dueDate: '2100-06-01', days: 365, principal: '10000000.00', interest: '10.01', outstandingAfter: '0' },
    ]);
});

afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

describe('per-project balances', () => {
  it('sums approved entries only, nets reversals and reads commitments and current budgets, to the fen', async () => {
    const { rows, total, totals, year } = await getProjectBalances(db(), {});
    expect(year).toBeNull();
    expect(total).toBe(3);
    expect(rows.map((r) => r.code)).toEqual(['BAL-A', 'BAL-B', 'BAL-C']);
    expect(rows[0]).toEqual({
      projectId: ids.a,
      code: 'BAL-A',
      name: '余额测试项目甲',
      status: 'active',
      expectedIncome: '50000000.00',
      lifeBudget: '10000000.00',
      received: '9000000.00',
      spent: '1551000.40',
      committed: '1734567.99',
      outstanding: '234567.89',
      balance: '7448999.60',
      executionRate: '15.51',
      annualBudget: null,
      annualRate: null,
    });
    expect(rows[1]).toMatchObject({
      status: 'closed',
      lifeBudget: '1000000.00',
      received: '20.00',
      spent: '110.00',
      committed: '100.00',
      outstanding: '0.00',
      balance: '-90.00',
      executionRate: '0.01',
    });
    expect(rows[2]).toMatchObject({ lifeBudget: '0.00', received: '0.00', spent: '0.00', committed: '0.00', balance: '0.00', executionRate: null });
    expect(totals).toEqual({
      expectedIncome: '50001000.00',
      lifeBudget: '11000000.00',
      received: '9000020.00',
      spent: '1551110.40',
      committed: '1734667.99',
      outstanding: '234567.89',
      balance: '7448909.60',
      executionRate: '14.10',
      annualBudget: null,
      annualRate: null,
    });
  });

  it('takes received and spent of the chosen year, with the annual budget and its rate', async () => {
    const { rows, totals } = await getProjectBalances(db(), { year: 2024 });
    expect(rows[0]).toMatchObject({
      received: '8000000.00',
      spent: '1550000.40',
      balance: '6449999.60',
      executionRate: '15.50',
      annualBudget: '3050000.55',
      annualRate: '50.82',
      // Commitments are over the project's life, whatever the year.
      committed: '1734567.99',
      outstanding: '234567.89',
    });
    expect(rows[1]).toMatchObject({ received: '20.00', spent: '10.00', annualBudget: '10000.00', annualRate: '0.10' });
    expect(rows[2]).toMatchObject({ annualBudget: '0.00', annualRate: null });
    expect(totals).toMatchObject({ received: '8000020.00', spent: '1550010.40', annualBudget: '3060000.55', annualRate: '50.65' });
  });

  it('filters by search and status and pages the rows while the totals cover every match', async () => {
    const byName = await getProjectBalances(db(), { q: '乙' });
    expect(byName.rows.map((r) => r.code)).toEqual(['BAL-B']);
    expect(byName.totals.spent).toBe('110.00');
    const closed = await getProjectBalances(db(), { status: 'closed' });
    expect(closed.rows.map((r) => r.code)).toEqual(['BAL-B']);
    const active = await getProjectBalances(db(), { status: 'active', q: 'bal-' });
    expect(active.rows.map((r) => r.code)).toEqual(['BAL-A', 'BAL-C']);
    const page2 = await getProjectBalances(db(), { page: 2, size: 2 });
    expect(page2.rows.map((r) => r.code)).toEqual(['BAL-C']);
    expect(page2.total).toBe(3);
    expect(page2.totals.received).toBe('9000020.00');
    const none = await getProjectBalances(db(), { q: '100%_不存在' });
    expect(none).toMatchObject({ rows: [], total: 0, totals: { received: '0.00', executionRate: null } });
  });
});

describe('centre summary and monthly flow', () => {
  it('totals a year by direction, source and category', async () => {
    const s = await getCentreSummary(db(), { year: 2024 });
    expect(s).toMatchObject({
      year: 2024,
      income: '8000020.00',
      expense: '1550010.40',
      net: '6450009.60',
      closingBalance: '7449909.60',
      budget: '3060000.55',
      executionRate: '50.65',
    });
    expect(s.bySource).toEqual([
      { code: 'land_income', name: '土地出让收入安排', income: '0.00', expense: '0.00', net: '0.00' },
      { code: 'land_fund', name: '国有土地收益基金', income: '0.00', expense: '0.00', net: '0.00' },
      { code: 'bond', name: '专项债券资金', income: '3000000.00', expense: '50000.00', net: '2950000.00' },
      { code: 'other_fiscal', name: '其他财政资金', income: '5000000.00', expense: '1500000.40', net: '3499999.60' },
      { code: '', name: '未指定来源', income: '20.00', expense: '10.00', net: '10.00' },
    ]);
    expect(s.expenseByCategory).toEqual([
      { category: '征收补偿', budget: '2000000.00', spent: '1200000.00', rate: '60.00' },
      { category: '前期开发', budget: '1000000.00', spent: '300000.10', rate: '30.00' },
      { category: '管护', budget: '60000.55', spent: '10.30', rate: '0.02' },
      { category: '融资成本', budget: '0.00', spent: '50000.00', rate: null },
      { category: '其他', budget: '0.00', spent: '0.00', rate: null },
    ]);
    expect(s.incomeByCategory).toEqual([
      { category: '土地出让收入安排', amount: '0.00' },
      { category: '国有土地收益基金', amount: '0.00' },
      { category: '专项债券资金', amount: '3000000.00' },
      { category: '其他财政资金', amount: '5000020.00' },
    ]);
    expect(s.treasuryIncome).toBe('12345.67');
  });

  it('without a year uses every approved entry and the life budgets', async () => {
    const s = await getCentreSummary(db());
    expect(s).toMatchObject({ income: '9000020.00', expense: '1551110.40', closingBalance: '7448909.60', budget: '11000000.00', executionRate: '14.10' });
  });

  it('gives 12 months with the opening balance carried into the cumulative column', async () => {
    const flow = await getMonthlyFlow(db(), { year: 2024 });
    expect(flow.opening).toBe('999900.00');
    expect(flow.months).toHaveLength(12);
    expect(flow.months.map((m) => [m.month, m.income, m.expense, m.net, m.cumulative])).toEqual([
      ['2024-01', '5000000.00', '1200000.00', '3800000.00', '4799900.00'],
      ['2024-02', '0.00', '300000.10', '-300000.10', '4499899.90'],
      ['2024-03', '3000000.00', '0.00', '3000000.00', '7499899.90'],
      ['2024-04', '20.00', '10.00', '10.00', '7499909.90'],
      ['2024-05', '0.00', '0.00', '0.00', '7499909.90'],
      ['2024-06', '0.00', '200000.30', '-200000.30', '7299909.60'],
      ['2024-07', '0.00', '-200000.00', '200000.00', '7499909.60'],
      ['2024-08', '0.00', '0.00', '0.00', '7499909.60'],
      ['2024-09', '0.00', '0.00', '0.00', '7499909.60'],
      ['2024-10', '0.00', '0.00', '0.00', '7499909.60'],
      ['2024-11', '0.00', '0.00', '0.00', '7499909.60'],
      ['2024-12', '0.00', '50000.00', '-50000.00', '7449909.60'],
    ]);
    expect(flow.totals).toEqual({ income: '8000020.00', expense: '1550010.40', net: '6450009.60', closing: '7449909.60' });
    // The closing balance of the flow is the centre's closing balance of the year.
    expect(flow.totals.closing).toBe((await getCentreSummary(db(), { year: 2024 })).closingBalance);

    const b = await getMonthlyFlow(db(), { year: 2024, projectId: ids.b });
    expect(b.opening).toBe('-100.00');
    expect(b.months[3]).toEqual({ month: '2024-04', income: '20.00', expense: '10.00', net: '10.00', cumulative: '-90.00' });
    expect(b.totals.closing).toBe('-90.00');
  });
});

describe('project cash (财预〔2019〕89号 收支平衡)', () => {
  it('gives the project’s own cash year by year and counts the budget’s 融资成本 line once', async () => {
    const cash = await getProjectCash(db(), ids.a, '2026-01-01');
    expect(cash).not.toBeNull();
    // Own income: 土地出让收入安排 and 专项债券资金; the 5,000,000 of 其他财政资金 is shown, not counted.
    expect(cash!.yearly.map((y) => [y.year, y.ownIncome, y.otherIncome, y.expense, y.principal, y.cumulative, y.negative])).toEqual([
      [2023, '1000000.00', '0.00', '0.00', '0.00', '1000000.00', false],
      [2024, '3000000.00', '5000000.00', '1550000.40', '0.00', '2449999.60', false],
      [2025, '0.00', '0.00', '1000.00', '0.00', '2448999.60', false],
    ]);
    // 333,333.33 × 0.3 = 99,999.999 → 100,000.00; 10.01 × 0.3 = 3.003 → 3.00; the 2020 row is past.
    expect(cash!.financing).toEqual({ budget: '500000.00', booked: '50000.00', futureBondInterest: '100003.00', known: '150003.00' });
    expect(cash!.lifeBudget).toBe('10000000.00');
    expect(cash!.check).toMatchObject({ lifeOk: true, cashOk: true, firstNegativeYear: null, financing: '500000.00', spending: '10000000.00', messages: [] });
  });

  it('balances a project whose income equals its budget (interest within the 融资成本 line), and finds a year its own money does not cover spending and principal', async () => {
    const [d] = await db().insert(reserveProjects).values({ code: 'BAL-D', name: '余额测试项目丁', acquisitionRoute: '征收', expectedIncome: '1000000.00' }).returning({ id: reserveProjects.id });
    await insertBudget(d.id, 'life', 0, 1, 'current', { 征收补偿: '800000.00', 融资成本: '200000.00' });
    const [bond] = await db()
      .insert(bonds)
      .values({ code: 'BAL-BOND-D', name: '测试债券丁', amount: '1000000.00', annualRate: '2.0000', termYears: 2, issueDate: '2018-06-01', repaymentType: 'amortizing' })
      .returning({ id: bonds.id });
    await db().insert(bondAllocations).values({ bondId: bond.id, projectId: d.id, amount: '500000.00', allocatedOn: '2018-06-01' });
    const [row1] = await db()
      .insert(bondSchedule)
      .values([
        { bondId: bond.id, seq: 1, periodStart: '2018-06-01', dueDate: '2019-06-01', days: 365, principal: '100000.00', interest: '20000.00', outstandingAfter: '900000.00' },
        { bondId: bond.id, seq: 2, periodStart: '2019-06-01', dueDate: '2026-06-01', days: 365, principal: '900000.00', interest: '18000.00', outstandingAfter: '0' },
      ])
      .returning({ id: bondSchedule.id });
    await db().insert(bondPayments).values({ bondId: bond.id, scheduleId: row1.id, paidOn: '2019-06-01', principalPaid: '100000.00', interestPaid: '20000.00' });
    await db()
      .insert(ledgerEntries)
      .values([
        entry({ project: d.id, direction: 'income', date: '2018-06-10', amount: '500000.00', category: '专项债券资金', source: 'bond' }),
        entry({ project: d.id, direction: 'expense', date: '2018-07-01', amount: '400000.00', category: '征收补偿' }),
        entry({ project: d.id, direction: 'expense', date: '2019-06-01', amount: '10000.00', category: '融资成本', source: 'bond' }),
        entry({ project: d.id, direction: 'income', date: '2019-03-01', amount: '100000.00', category: '其他财政资金' }),
        entry({ project: d.id, direction: 'expense', date: '2019-04-01', amount: '100000.00', category: '征收补偿' }),
      ]);
    const cash = await getProjectCash(db(), d.id, '2026-01-01');
    // 2019: no own income; spending 110,000 and half of the 100,000 principal repaid.
    expect(cash!.yearly.map((y) => [y.year, y.ownIncome, y.otherIncome, y.expense, y.principal, y.net, y.cumulative, y.negative, y.bridged])).toEqual([
      [2018, '500000.00', '0.00', '400000.00', '0.00', '100000.00', '100000.00', false, '0.00'],
      [2019, '0.00', '100000.00', '110000.00', '50000.00', '-160000.00', '-60000.00', true, '100000.00'],
    ]);
    // Interest known: 10,000 booked + 9,000 still due (18,000 × 50%) — within the budget's 200,000 line,
    // so the budget (1,000,000) is the whole-life spending and an income of 1,000,000 balances it.
    expect(cash!.financing).toEqual({ budget: '200000.00', booked: '10000.00', futureBondInterest: '9000.00', known: '19000.00' });
    expect(cash!.check).toMatchObject({ lifeOk: true, cashOk: false, firstNegativeYear: 2019, financing: '200000.00', financingAboveBudget: false, spending: '1000000.00' });
    expect(cash!.check.messages).toEqual([
      '2019 年末项目自身资金累计为 -6.00 万元：安排的土地出让收入和专项债券资金不足以支付累计支出和还本付息，年度收支不平衡（其他财政资金、国有土地收益基金至该年末已垫付 10.00 万元，不计入项目自身收入）',
    ]);
  });

  it('reports a negative year and income below the budget', async () => {
    const cash = await getProjectCash(db(), ids.b, '2026-01-01');
    expect(cash!.yearly.map((y) => [y.year, y.cumulative])).toEqual([
      [2022, '-100.00'],
      [2023, '-100.00'],
      [2024, '-110.00'],
    ]);
    expect(cash!.check.lifeOk).toBe(false);
    expect(cash!.check.cashOk).toBe(false);
    expect(cash!.check.firstNegativeYear).toBe(2022);
    expect(cash!.check.messages).toEqual([
      '项目总体收支不平衡：预计土地出让收入 0.00 元低于全生命周期支出 100.00 万元（全生命周期预算，含融资成本 0.00 元），缺口 100.00 万元',
      '2022 年末项目自身资金累计为 -100.00 元：安排的土地出让收入和专项债券资金不足以支付累计支出和还本付息，年度收支不平衡',
    ]);
    expect(await getProjectCash(db(), 'NOPE')).toBeNull();
  });
});

/** The budgets' definitions computed independently from the raw rows (approved, entry_date in the year). */
async function rawExecution(year: number) {
  const all = await db().select().from(ledgerEntries);
  const spent = new Map<string, InstanceType<typeof Dec>>();
  const received = new Map<string, InstanceType<typeof Dec>>();
  for (const e of all) {
    if (e.status !== 'approved' || !e.entryDate.startsWith(`${year}-`)) continue;
    if (e.direction === 'income' && e.category === '零星收入') continue; // paid into the treasury, not reserve money
    const map = e.direction === 'expense' ? spent : received;
    const k = `${e.projectId}|${e.direction === 'expense' ? e.category : (e.sourceCode ?? '')}`;
    map.set(k, (map.get(k) ?? new Dec(0)).plus(e.amount));
  }
  const versions = await db().select().from(budgetVersions);
  const lines = await db().select().from(budgetLines);
  const budget = new Map<string, InstanceType<typeof Dec>>();
  for (const l of lines) {
    const v = versions.find((x) => x.id === l.versionId)!;
    if (v.kind !== 'annual' || v.year !== year || v.status !== 'current') continue;
    const k = `${v.projectId}|${l.category}`;
    budget.set(k, (budget.get(k) ?? new Dec(0)).plus(l.amount));
  }
  const f = (m: Map<string, InstanceType<typeof Dec>>, k: string) => (m.get(k) ?? new Dec(0)).toFixed(2);
  return { spent: (p: string, c: string) => f(spent, `${p}|${c}`), received: (p: string, s: string) => f(received, `${p}|${s}`), budget: (p: string, c: string) => f(budget, `${p}|${c}`) };
}

describe('资金执行情况表', () => {
  it('lists the annual budget, executed amount and rate by category and income by source, per project and for the centre', async () => {
    const report = await getExecutionReport(db(), { year: 2024 });
    expect(report.categories).toEqual(['征收补偿', '前期开发', '管护', '融资成本', '其他']);
    expect(report.sources.map((s) => s.code)).toEqual(['land_income', 'land_fund', 'bond', 'other_fiscal', '']);
    // C has neither a 2024 budget nor 2024 entries.
    expect(report.rows.map((r) => r.code)).toEqual(['BAL-A', 'BAL-B']);
    const [a, b] = report.rows;
    expect(a.budget).toEqual({ 征收补偿: '2000000.00', 前期开发: '1000000.00', 管护: '50000.55', 融资成本: '0.00', 其他: '0.00' });
    expect(a.executed).toEqual({ 征收补偿: '1200000.00', 前期开发: '300000.10', 管护: '0.30', 融资成本: '50000.00', 其他: '0.00' });
    expect(a.rate).toEqual({ 征收补偿: '60.00', 前期开发: '30.00', 管护: '0.00', 融资成本: null, 其他: null });
    expect([a.budgetTotal, a.executedTotal, a.rateTotal, a.incomeTotal]).toEqual(['3050000.55', '1550000.40', '50.82', '8000000.00']);
    expect(a.income).toEqual({ land_income: '0.00', land_fund: '0.00', bond: '3000000.00', other_fiscal: '5000000.00', '': '0.00' });
    expect([b.budgetTotal, b.executedTotal, b.rateTotal, b.incomeTotal, b.income['']]).toEqual(['10000.00', '10.00', '0.10', '20.00', '20.00']);
    expect(report.total).toMatchObject({ projectId: null, name: '全中心合计', budgetTotal: '3060000.55', executedTotal: '1550010.40', rateTotal: '50.65', incomeTotal: '8000020.00' });
    expect(report.total.executed['管护']).toBe('10.30');

    // Same definitions as the budgets pages and the centre summary.
    const raw = await rawExecution(2024);
    for (const row of report.rows) {
      for (const c of report.categories) {
        expect(row.executed[c]).toBe(raw.spent(row.projectId!, c));
        expect(row.budget[c]).toBe(raw.budget(row.projectId!, c));
      }
      for (const s of report.sources) expect(row.income[s.code]).toBe(raw.received(row.projectId!, s.code));
    }
    const centre = await getCentreSummary(db(), { year: 2024 });
    expect([report.total.executedTotal, report.total.incomeTotal, report.total.budgetTotal]).toEqual([centre.expense, centre.income, centre.budget]);
    const balances = await getProjectBalances(db(), { year: 2024 });
    for (const row of report.rows) {
      const bal = balances.rows.find((r) => r.projectId === row.projectId)!;
      expect([row.executedTotal, row.incomeTotal, row.budgetTotal, row.rateTotal]).toEqual([bal.spent, bal.received, bal.annualBudget, bal.annualRate]);
    }
  });

  it('equals the budgets pages (getExecutionByProject, getExecutionByCategory, getCentreExecution)', async () => {
    const report = await getExecutionReport(db(), { year: 2024 });
    const byProject = await getExecutionByProject(db(), { year: 2024 });
    for (const row of report.rows) {
      const e = byProject.find((p) => p.projectId === row.projectId)!;
      expect([row.budgetTotal, row.executedTotal, row.rateTotal]).toEqual([e.annualBudget, e.annualSpent, e.annualRate]);
      const cats = await getExecutionByCategory(db(), { year: 2024, projectId: row.projectId! });
      for (const c of cats) expect([row.budget[c.category], row.executed[c.category], row.rate[c.category]]).toEqual([c.budget, c.spent, c.rate]);
    }
    const centre = await getCentreExecution(db(), { year: 2024 });
    expect([report.total.budgetTotal, report.total.executedTotal, report.total.rateTotal]).toEqual([centre.budget, centre.spent, centre.rate]);
    // Over the life: the balances' budget, spent and rate are the budgets' life figures.
    const life = await getProjectBalances(db(), {});
    for (const row of life.rows) {
      const e = byProject.find((p) => p.projectId === row.projectId)!;
      expect([row.lifeBudget, row.spent, row.executionRate]).toEqual([e.lifeBudget, e.lifeSpent, e.lifeRate]);
    }
    expect([life.totals.lifeBudget, life.totals.spent, life.totals.executionRate]).toEqual([centre.lifeBudget, centre.lifeSpent, centre.lifeRate]);
  });

  it('gives one project (even without figures) with its own total row', async () => {
    const one = await getExecutionReport(db(), { year: 2025, projectId: ids.a });
    expect(one.rows.map((r) => r.code)).toEqual(['BAL-A']);
    expect(one.rows[0].budget['征收补偿']).toBe('100.00');
    expect(one.rows[0].executed['其他']).toBe('1000.00');
    expect(one.total).toMatchObject({ name: '合计', budgetTotal: '100.00', executedTotal: '1000.00', rateTotal: '1000.00' });
    const empty = await getExecutionReport(db(), { year: 2030, projectId: ids.c });
    expect(empty.rows.map((r) => r.code)).toEqual(['BAL-C']);
    expect(empty.total).toMatchObject({ budgetTotal: '0.00', executedTotal: '0.00', rateTotal: null, incomeTotal: '0.00' });
  });
});

async function download(actor: Actor | null, query: string): Promise<Response> {
  vi.mocked(getActor).mockResolvedValue(actor);
  return GET(new Request(`http://localhost/api/funds/export?${query}`));
}

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** A numeric cell as a 2-decimal string (the workbook stores numbers). */
function cellAmount(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  expect(typeof v).toBe('number');
  return (v as number).toFixed(2);
}

describe('Excel export', () => {
  it('refuses without a session (401) and without fund:export (403), and audits each refusal (安全审计)', async () => {
    const before = await db().select({ n: count() }).from(auditLog);
    expect((await download(null, 'kind=projects')).status).toBe(401);
    const denied = await download(clerk, 'kind=projects');
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: '您没有导出资金数据的权限' });
    const after = await db().select({ n: count() }).from(auditLog);
    expect(after[0].n).toBe(before[0].n + 2);
    const refusals = await db().select({ result: auditLog.result, userId: auditLog.userId }).from(auditLog).orderBy(desc(auditLog.seq)).limit(2);
    expect(refusals.map((r) => r.result)).toEqual(['拒绝', '拒绝']);
    expect(refusals.map((r) => r.userId)).toEqual([clerk.userId, null]);
  });

  it('rejects an unknown kind with a Chinese message', async () => {
    const res = await download(finance, 'kind=secret');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('导出类型无效');
  });

  it('exports the project balances with the same numbers as the query, and audits it', async () => {
    const res = await download(finance, 'kind=projects&year=2024&status=active');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const sheet = (await workbookOf(res)).getWorksheet('项目资金余额')!;
    const data = await getProjectBalances(db(), { year: 2024, status: 'active' });
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['项目编号', '项目名称', '状态']);
    const col = (title: string) => header.indexOf(title) + 1;
    expect(col('2024 年支出（元）')).toBeGreaterThan(0);
    for (const [i, r] of data.rows.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.code);
      expect(cellAmount(row.getCell(col('2024 年到位资金（元）')).value)).toBe(r.received);
      expect(cellAmount(row.getCell(col('2024 年支出（元）')).value)).toBe(r.spent);
      expect(cellAmount(row.getCell(col('合同承诺（元）')).value)).toBe(r.committed);
      expect(cellAmount(row.getCell(col('2024 年收支差额（元）')).value)).toBe(r.balance);
      expect(row.getCell(col('2024 年支出（元）')).numFmt).toBe('#,##0.00');
    }
    const totalRow = sheet.getRow(data.rows.length + 2);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(cellAmount(totalRow.getCell(col('2024 年支出（元）')).value)).toBe(data.totals.spent);
    expect(cellAmount(totalRow.getCell(col('2024 年度预算（元）')).value)).toBe(data.totals.annualBudget);
    const [last] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({ action: '导出资金数据', userId: finance.userId, result: '成功' });
    expect(last.message).toContain('项目资金余额');
    expect(last.message).toContain('年度 2024');
  });

  it('exports the monthly flow and the execution report with the query figures', async () => {
    const monthly = await download(auditor, `kind=monthly&year=2024&projectId=${ids.a}`);
    expect(monthly.status).toBe(200);
    const ms = (await workbookOf(monthly)).getWorksheet('月度收支')!;
    const flow = await getMonthlyFlow(db(), { year: 2024, projectId: ids.a });
    expect(ms.getRow(2).getCell(1).value).toBe('年初余额');
    expect(cellAmount(ms.getRow(2).getCell(5).value)).toBe(flow.opening);
    for (const [i, m] of flow.months.entries()) {
      const row = ms.getRow(i + 3);
      expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value, row.getCell(5).value].map(cellAmount)).toEqual([m.income, m.expense, m.net, m.cumulative]);
    }
    expect(cellAmount(ms.getRow(15).getCell(3).value)).toBe(flow.totals.expense);

    const res = await download(finance, 'kind=report&year=2024');
    expect(res.status).toBe(200);
    const sheet = (await workbookOf(res)).getWorksheet('资金执行情况表')!;
    const report = await getExecutionReport(db(), { year: 2024 });
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts[0]).toBe('2024 年度资金执行情况表');
    expect(texts[1]).toBe('编制单位：益阳市土地储备发展中心');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    // Part 一: three lines per project; find each block by its code and line label.
    const rowsOf = () => {
      const out: ExcelJS.Row[] = [];
      sheet.eachRow((row) => out.push(row));
      return out;
    };
    const all = rowsOf();
    const headIdx = all.findIndex((r) => r.getCell(4).value === '指标');
    const cats = report.categories;
    const blocks = [...report.rows, report.total];
    blocks.forEach((r, i) => {
      const budgetRow = all[headIdx + 1 + i * 3];
      const execRow = all[headIdx + 2 + i * 3];
      expect(budgetRow.getCell(4).value).toBe('年度预算数');
      expect(execRow.getCell(4).value).toBe('执行数');
      cats.forEach((c, j) => {
        expect(cellAmount(budgetRow.getCell(5 + j).value)).toBe(r.budget[c]);
        expect(cellAmount(execRow.getCell(5 + j).value)).toBe(r.executed[c]);
      });
      expect(cellAmount(budgetRow.getCell(5 + cats.length).value)).toBe(r.budgetTotal);
      expect(cellAmount(execRow.getCell(5 + cats.length).value)).toBe(r.executedTotal);
    });
    // Part 二: income by source.
    const head2 = all.findIndex((r) => r.getCell(4).value === '土地出让收入安排');
    blocks.forEach((r, i) => {
      const row = all[head2 + 1 + i];
      report.sources.forEach((s, j) => expect(cellAmount(row.getCell(4 + j).value)).toBe(r.income[s.code]));
      expect(cellAmount(row.getCell(4 + report.sources.length).value)).toBe(r.incomeTotal);
    });
    const [last] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last.message).toContain('资金执行情况表');
  });
});

describe('Excel export of account and bond balances', () => {
  it('has the overview’s rows and exact totals', async () => {
    const [account] = await db().insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '导出测试财政专户' }).returning({ id: fundAccounts.id });
    await db()
      .insert(ledgerEntries)
      .values([
        { ...entry({ project: ids.b, direction: 'income', date: '2024-08-01', amount: '0.10', category: '其他财政资金' }), accountId: account.id },
        { ...entry({ project: ids.b, direction: 'expense', date: '2024-08-02', amount: '0.20', category: '管护' }), accountId: account.id },
        { ...entry({ project: ids.b, direction: 'income', date: '2024-08-03', amount: '0.20', category: '其他财政资金' }), accountId: account.id },
      ]);
    const accounts = await getAccountBalances(db());
    expect(accounts.find((a) => a.accountId === account.id)).toMatchObject({ income: '0.30', expense: '0.20', balance: '0.10' });
    const res = await download(finance, 'kind=accounts');
    expect(res.status).toBe(200);
    const sheet = (await workbookOf(res)).getWorksheet('资金账户余额')!;
    accounts.forEach((a, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(a.name);
      expect([4, 5, 6].map((c) => cellAmount(row.getCell(c).value))).toEqual([a.income, a.expense, a.balance]);
    });
    expect(sheet.getRow(accounts.length + 2).getCell(1).value).toBe('合计');

    const list = await getBondBalances(db());
    expect(list.length).toBeGreaterThan(0);
    const bondsRes = await download(finance, 'kind=bonds');
    const bs = (await workbookOf(bondsRes)).getWorksheet('专项债券余额')!;
    list.forEach((b, i) => {
      const row = bs.getRow(i + 2);
      expect(row.getCell(1).value).toBe(b.code);
      expect([3, 4, 5, 6, 7, 8].map((c) => cellAmount(row.getCell(c).value))).toEqual([b.amount, b.allocated, b.principalRepaid, b.interestPaid, b.outstanding, b.interestDue]);
    });
    const [last] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last.message).toContain('专项债券余额');
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
