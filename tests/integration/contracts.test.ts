import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { compensationParties, parcels, reserveProjects, workPackages } from '../../src/modules/parcels/schema';
import { fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { approveEntry, createEntry, reviewEntry, submitEntry } from '../../src/modules/funds/ledger/mutations';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { getProjectBalances } from '../../src/modules/funds/balances/queries';
import { contracts, contractWorkPackages } from '../../src/modules/contracts/schema';
import {
  addMilestone,
  createContract,
  decideChange,
  requestChange,
  setContractStatus,
  updateContract,
} from '../../src/modules/contracts/mutations';
import { getContract, listContracts, listContractsOf, listContractPaymentOptions } from '../../src/modules/contracts/queries';
import { importLegacyContracts, listUnmatched } from '../../src/modules/contracts/legacy';
import { contractTodos } from '../../src/modules/contracts/todos';
import { ZContractFilter } from '../../src/modules/contracts/validation';
import { createTestDatabase } from '../helpers/db';
import ExcelJS from 'exceljs';
import { desc } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { auditLog } from '../../src/platform/audit/schema';
import { ContractDetailView } from '../../src/modules/contracts/components/contract-detail';
import { ContractsList } from '../../src/modules/contracts/components/contracts-list';
import { changeFlowViews } from '../../src/modules/contracts/flow-views';
import { exportContractsXlsx } from '../../src/modules/contracts/export';
import { ContractForm } from '../../src/modules/contracts/components/contract-form';
import { EMPTY_CONTRACT_FORM } from '../../src/modules/contracts/view';
import { EntryForm } from '../../src/modules/funds/ledger/components/entry-form';
import { EMPTY_ENTRY_FORM } from '../../src/modules/funds/ledger/view';
import { toContractPaymentOptions } from '../../src/modules/contracts/payment-options';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor, roleId } from '../helpers/actors';
import { flowDefinitions, flowHistory, flowState } from '../../src/platform/flow';
import { CHANGE_FLOW_OBJECT, defaultChangeFlow } from '../../src/modules/contracts/flow';

// The page's client islands ask for the router; server rendering here has none mounted.
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push() {}, replace() {}, refresh() {}, back() {}, prefetch() {} }),
  usePathname: () => '/contracts',
  useSearchParams: () => new URLSearchParams(),
}));

const ACK = [...SPENDING_WARNING_CODES];
let database: Database;
const db = () => database.db;
let clerk: Actor;
let clerk2: Actor;
let chief: Actor;
let finance: Actor;
let leader: Actor;
let leader2: Actor;
let archivist: Actor;
let account: string;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-contracts-'));
  resetConfigCache();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  clerk2 = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
  leader = await createActor(db(), ['leader']);
  leader2 = await createActor(db(), ['leader']);
  archivist = await createActor(db(), ['archivist']);
  [{ id: account }] = await db().insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '合同测试财政专户' }).returning({ id: fundAccounts.id });
});
afterAll(async () => {
  await database?.close();
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

let seq = 0;
async function insertProject(): Promise<{ projectId: string; parcelId: string }> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `HT-P${seq}`, name: `合同测试项目${seq}`, acquisitionRoute: '收购', expectedIncome: '50000000' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `HT-${seq}`, name: `合同测试地块${seq}`, projectId: project.id, stage: '收储中', stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return { projectId: project.id, parcelId: parcel.id };
}

const contractInput = (projectId: string, extra: Record<string, unknown> = {}) => ({
  contractNo: `HT-2025-${String(++seq).padStart(3, '0')}`,
  name: '场地平整工程施工合同',
  contractType: '工程施工',
  ourParty: '益阳市土地储备中心',
  counterparty: '益阳某建设工程有限公司',
  counterpartyCreditCode: '91350100M000100Y43',
  amount: '100000.00',
  signedOn: '2025-01-10',
  startOn: '2025-01-15',
  endOn: '2025-12-31',
  projectId,
  parcelIds: [],
  workPackageIds: [],
  ...extra,
});

async function contractRow(id: string) {
  const [row] = await db().select().from(contracts).where(eq(contracts.id, id));
  return row;
}

/** A registered and 生效 contract. */
async function effectiveContract(projectId: string, extra: Record<string, unknown> = {}) {
  const { id } = await ok(createContract.execute(db(), clerk, contractInput(projectId, extra)));
  await ok(setContractStatus.execute(db(), leader, { id, version: (await contractRow(id)).version, status: 'effective' }));
  return id;
}

const payment = (projectId: string, contractId: string, amount: string, extra: Record<string, unknown> = {}) => ({
  direction: 'expense',
  entryDate: '2025-03-10',
  amount,
  category: '前期开发',
  sourceCode: 'other_fiscal',
  projectId,
  contractId,
  description: '工程进度款',
  ...extra,
});

async function entryVersion(id: string) {
  const [row] = await db().select({ v: ledgerEntries.version }).from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return row.v;
}

async function approvePayment(id: string) {
  await ok(reviewEntry.execute(db(), chief, { id, version: await entryVersion(id), acknowledged: ACK }));
  await ok(approveEntry.execute(db(), finance, { id, version: await entryVersion(id), accountId: account, acknowledged: ACK }));
}

describe('register', () => {
  it('registers a draft, checks the credit code, edits the draft only, and makes it 生效 with a sign date', async () => {
    const { projectId, parcelId } = await insertProject();
    const bad = await createContract.execute(db(), clerk, contractInput(projectId, { counterpartyCreditCode: '91350100M000100Y44' }));
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toContain('校验位不正确');
    const { id } = await ok(createContract.execute(db(), clerk, contractInput(projectId, { parcelIds: [parcelId], counterpartyCreditCode: '91350100m000100y43' })));
    let row = await contractRow(id);
    expect(row).toMatchObject({ status: 'draft', counterpartyCreditCode: '91350100M000100Y43', amount: '100000.00', createdBy: clerk.userId });
    const dup = await createContract.execute(db(), clerk, contractInput(projectId, { contractNo: row.contractNo }));
    expect(!dup.ok && dup.error).toContain('已存在');
    await ok(updateContract.execute(db(), clerk, { ...contractInput(projectId, { contractNo: row.contractNo, amount: '120000', parcelIds: [parcelId] }), id, version: row.version }));
    row = await contractRow(id);
    expect(row.amount).toBe('120000.00');
    // Only contract:approve holders make it 生效.
    const denied = await setContractStatus.execute(db(), clerk, { id, version: row.version, status: 'effective' });
    expect(denied).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    await ok(setContractStatus.execute(db(), leader, { id, version: row.version, status: 'effective' }));
    row = await contractRow(id);
    expect(row.status).toBe('effective');
    const edit = await updateContract.execute(db(), clerk, { ...contractInput(projectId, { contractNo: row.contractNo }), id, version: row.version });
    expect(!edit.ok && edit.error).toContain('只有草稿可以修改');
    expect((await listContractsOf(db(), { parcelId })).map((c) => c.id)).toContain(id);
    expect((await listContracts(db(), ZContractFilter.parse({ q: row.contractNo }))).total).toBe(1);
  });

  it('refuses a draft without a sign date to become 生效, and 解除 without a reason', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createContract.execute(db(), clerk, contractInput(projectId, { signedOn: '' })));
    const r = await setContractStatus.execute(db(), leader, { id, version: 1, status: 'effective' });
    expect(!r.ok && r.error).toContain('签订日期');
    const t = await setContractStatus.execute(db(), leader, { id, version: 1, status: 'terminated' });
    expect(!t.ok && t.error).toContain('原因');
  });

  it('permissions: the archivist cannot register; a clerk cannot approve a change', async () => {
    const { projectId } = await insertProject();
    expect(await createContract.execute(db(), archivist, contractInput(projectId))).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    const id = await effectiveContract(projectId);
    const { id: changeId } = await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '变更', delta: '1000', reason: '增加工程量' }));
    expect(await decideChange.execute(db(), clerk2, { id: changeId, decision: 'approve' })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
  });
});

describe('milestones, payments and the remaining amount', () => {
  it('paid (approved) vs planned vs contract amount, exact to the fen', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '100000.01' });
    const badAmount = await addMilestone.execute(db(), clerk, { contractId: id, dueOn: '2025-03-01', amount: '30000.005', paymentCondition: '开工' });
    expect(!badAmount.ok && badAmount.error).toContain('两位小数');
    await ok(addMilestone.execute(db(), clerk, { contractId: id, dueOn: '2025-03-01', amount: '30000.01', paymentCondition: '开工后付 30%' }));
    await ok(addMilestone.execute(db(), clerk, { contractId: id, dueOn: '2025-09-01', amount: '70000.00', paymentCondition: '竣工验收后' }));
    const e1 = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '0.10'), submit: true }));
    await approvePayment(e1.id);
    const e2 = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '0.20'), submit: true }));
    await approvePayment(e2.id);
    const e3 = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '30000.00'), submit: true }));
    const detail = (await getContract(db(), id, { today: '2025-08-15', soonDays: 30 }))!;
    // 0.10 + 0.20 is 0.30 exactly (floats would give 0.30000000000000004).
    expect(detail.figures).toMatchObject({ original: '100000.01', effective: '100000.01', paid: '0.30', inApproval: '30000.00', remaining: '69999.71', planned: '100000.01', unplanned: '0.00' });
    expect(detail.payments.map((p) => p.id)).toEqual([e1.id, e2.id, e3.id]);
    expect(detail.milestones.map((m) => [m.dueOn, m.covered, m.overdue, m.dueSoon])).toEqual([
      ['2025-03-01', false, true, false],
      ['2025-09-01', false, false, true],
    ]);
    const row = await db().select({ contractNo: ledgerEntries.contractNo }).from(ledgerEntries).where(eq(ledgerEntries.id, e1.id));
    expect(row[0].contractNo).toBe((await contractRow(id)).contractNo);
  });

  it('refuses a payment over the remaining amount at submit, naming the remaining amount; a draft over it may be saved', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '1000.00' });
    const first = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '600.00'), submit: true }));
    await approvePayment(first.id);
    const over = await createEntry.execute(db(), clerk, { ...payment(projectId, id, '400.01'), submit: true });
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error).toContain('剩余可付金额为 400.00 元');
    expect(!over.ok && over.error).toContain('超出 0.01 元');
    const draft = await ok(createEntry.execute(db(), clerk, payment(projectId, id, '400.01')));
    const sub = await submitEntry.execute(db(), clerk, { id: draft.id, version: 1 });
    expect(!sub.ok && sub.error).toContain('剩余可付金额为 400.00 元');
    const exact = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '400.00'), submit: true }));
    expect(exact.status).toBe('submitted');
  });

  it('two payments submitted at once: the contract row lock lets exactly one through', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '1000.00' });
    const a = await ok(createEntry.execute(db(), clerk, payment(projectId, id, '700.00')));
    const b = await ok(createEntry.execute(db(), clerk2, payment(projectId, id, '700.00')));
    const results = await Promise.all([submitEntry.execute(db(), clerk, { id: a.id, version: 1 }), submitEntry.execute(db(), clerk2, { id: b.id, version: 1 })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error).toContain('剩余可付金额为 300.00 元');
  });

  it('a payment names an effective contract of its own project, as an expense', async () => {
    const { projectId } = await insertProject();
    const other = await insertProject();
    const id = await effectiveContract(projectId);
    const wrongProject = await createEntry.execute(db(), clerk, payment(other.projectId, id, '1.00'));
    expect(!wrongProject.ok && wrongProject.error).toContain('与本记录的项目不一致');
    const { id: draftContract } = await ok(createContract.execute(db(), clerk, contractInput(projectId)));
    const notEffective = await createEntry.execute(db(), clerk, payment(projectId, draftContract, '1.00'));
    expect(!notEffective.ok && notEffective.error).toContain('只有生效的合同可以登记付款');
    const income = await createEntry.execute(db(), clerk, payment(projectId, id, '1.00', { direction: 'income', category: '其他财政资金' }));
    expect(income.ok).toBe(false);
  });
});

describe('change orders', () => {
  it('the effective amount changes only when a change is approved, by someone other than the requester; history is kept', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '1000.00' });
    const { id: c1 } = await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '变更', delta: '500.50', reason: '增加排水工程' }));
    let d = (await getContract(db(), id))!;
    expect(d.figures).toMatchObject({ effective: '1000.00', pendingChanges: '500.50' });
    // A payment above the original amount is still refused while the change waits.
    const early = await createEntry.execute(db(), clerk, { ...payment(projectId, id, '1200.00'), submit: true });
    expect(!early.ok && early.error).toContain('剩余可付金额为 1,000.00 元');
    await ok(decideChange.execute(db(), leader, { id: c1, decision: 'approve', comment: '同意' }));
    const twice = await decideChange.execute(db(), leader2, { id: c1, decision: 'approve' });
    expect(!twice.ok && twice.error).toContain('不能重复审批');
    d = (await getContract(db(), id))!;
    expect(d.figures).toMatchObject({ effective: '1500.50', approvedChanges: '500.50', pendingChanges: '0.00' });
    await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '1200.00'), submit: true }));

    // The leader approves changes but does not request them (no contract:edit).
    expect(await requestChange.execute(db(), leader, { contractId: id, kind: '签证', delta: '-100', reason: '核减' })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    const { id: c3 } = await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '签证', delta: '-400', reason: '核减工程量' }));
    // 1500.50 − 400 = 1100.50 < 1200 in approval: refused.
    const below = await decideChange.execute(db(), leader, { id: c3, decision: 'approve' });
    expect(!below.ok && below.error).toContain('低于已支付和审批中的金额合计');
    const noComment = await decideChange.execute(db(), leader, { id: c3, decision: 'return' });
    expect(!noComment.ok && noComment.error).toContain('退回请填写意见');
    await ok(decideChange.execute(db(), leader, { id: c3, decision: 'return', comment: '核减依据不足' }));
    d = (await getContract(db(), id))!;
    expect(d.changes.map((c) => [c.seq, c.status, c.delta])).toEqual([
      [1, 'approved', '500.50'],
      [2, 'returned', '-400.00'],
    ]);
    expect(d.changes[0].decider?.name).toBe(leader.displayName);
  });

  it('goes through the step-flow engine (kind 合同变更): an added review step keeps it pending until the last step; to-dos and history follow', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '1000.00' });
    const { id: first } = await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '变更', delta: '10', reason: '默认流程' }));
    expect(await flowState(db(), CHANGE_FLOW_OBJECT, first)).toMatchObject({ kind: '合同变更', status: '进行中', currentStep: { key: 'approve' } });
    expect((await contractTodos(db(), leader)).find((t) => t.key === 'contract-changes')?.refs.map((r) => r.id)).toContain(id);
    await ok(decideChange.execute(db(), leader, { id: first, decision: 'approve', comment: '同意' }));
    expect((await flowHistory(db(), CHANGE_FLOW_OBJECT, first)).map((h) => [h.stepName, h.decision])).toEqual([
      ['申请', '通过'],
      ['审批', '通过'],
    ]);
    // The administrator adds a 科室负责人 审核 step before 审批.
    const def = await defaultChangeFlow(db());
    const chiefRole = await roleId(db(), 'chief');
    await db()
      .update(flowDefinitions)
      .set({ steps: [def.steps[0], { key: 'review', name: '审核', roleId: chiefRole, mode: 'single' }, def.steps[1]] })
      .where(eq(flowDefinitions.kind, '合同变更'));
    const { id: second } = await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '签证', delta: '20', reason: '两步审批' }));
    // The leader cannot act before the review (not the step's role).
    const early = await decideChange.execute(db(), leader, { id: second, decision: 'approve' });
    expect(!early.ok && early.error).toContain('不是「审核」步骤的办理人');
    const reviewer = await createActor(db(), ['chief', 'leader']);
    await ok(decideChange.execute(db(), reviewer, { id: second, decision: 'approve', comment: '核实' }));
    expect((await getContract(db(), id))!.figures.effective).toBe('1010.00');
    await ok(decideChange.execute(db(), leader, { id: second, decision: 'approve' }));
    expect((await getContract(db(), id))!.figures.effective).toBe('1030.00');
  });

  it('the requester cannot approve their own change', async () => {
    const { projectId } = await insertProject();
    const id = await effectiveContract(projectId);
    const both = await createActor(db(), ['chief', 'leader']).catch(() => null);
    if (!both) return;
    const { id: c } = await ok(requestChange.execute(db(), both, { contractId: id, kind: '变更', delta: '10', reason: '测试' }));
    const self = await decideChange.execute(db(), both, { id: c, decision: 'approve' });
    expect(!self.ok && self.error).toContain('不能审批本人申请');
  });
});

describe('migration of existing records', () => {
  it('turns work-package numbers and agreements into contracts, links matching ledger entries, lists the rest, and creates nothing twice', async () => {
    const { projectId, parcelId } = await insertProject();
    await db().insert(workPackages).values([
      { parcelId, workType: '拆除', contractor: '某拆除公司', contractNo: ' GC-MIG-1 ', contractAmount: '200000.00' },
      { parcelId, workType: '平整', contractor: '某拆除公司', contractNo: 'GC-MIG-1', contractAmount: '50000.00' },
      { parcelId, workType: '围挡', contractor: '某围挡公司', contractNo: null, contractAmount: '8000.00' },
    ]);
    const [party] = await db()
      .insert(compensationParties)
      .values({ parcelId, partyType: '个人', name: '张三', agreementNo: 'BC-MIG-1', agreementSignedOn: '2025-02-01', amountAgreed: '300000.00' })
      .returning({ id: compensationParties.id });
    await db().insert(compensationParties).values({ parcelId, partyType: '个人', name: '李四', amountAgreed: '1000.00' });
    const base = { direction: 'expense', entryDate: '2025-03-01', category: '前期开发', projectId, status: 'approved', origin: 'manual' } as const;
    await db()
      .insert(ledgerEntries)
      .values([
        { ...base, entryNo: 'ZJ2025-990001', amount: '100000.00', contractNo: 'GC-MIG-1 ' },
        { ...base, entryNo: 'ZJ2025-990002', amount: '10.00', contractNo: 'GC-MIG-404' },
        { ...base, entryNo: 'ZJ2025-990003', amount: '50000.00', category: '征收补偿', partyId: party.id, origin: 'compensation' },
      ]);
    const r1 = await importLegacyContracts(db());
    expect(r1).toMatchObject({ workContracts: 1, workPackagesLinked: 2, agreementContracts: 1, partiesLinked: 1 });
    const [work] = await db().select().from(contracts).where(eq(contracts.contractNo, 'GC-MIG-1'));
    expect(work).toMatchObject({ contractType: '工程施工', amount: '250000.00', counterparty: '某拆除公司', status: 'effective', projectId, origin: 'work-package' });
    const [agreement] = await db().select().from(contracts).where(eq(contracts.contractNo, 'BC-MIG-1'));
    expect(agreement).toMatchObject({ contractType: '征收补偿协议', amount: '300000.00', counterparty: '张三', partyId: party.id, signedOn: '2025-02-01' });
    const linked = await db().select({ no: ledgerEntries.entryNo, contractId: ledgerEntries.contractId, contractNo: ledgerEntries.contractNo }).from(ledgerEntries).where(eq(ledgerEntries.projectId, projectId));
    const byNo = Object.fromEntries(linked.map((l) => [l.no, l]));
    expect(byNo['ZJ2025-990001']).toMatchObject({ contractId: work.id, contractNo: 'GC-MIG-1 ' });
    expect(byNo['ZJ2025-990002'].contractId).toBeNull();
    expect(byNo['ZJ2025-990003'].contractId).toBe(agreement.id);
    expect((await getContract(db(), work.id))!.figures).toMatchObject({ paid: '100000.00', remaining: '150000.00' });

    const unmatched = await listUnmatched(db());
    expect(unmatched.entries.filter((e) => e.entryNo === 'ZJ2025-990002').map((e) => e.reason)).toEqual(['合同台账中没有编号为「GC-MIG-404」的合同']);
    expect(unmatched.parties.filter((p) => p.name === '李四').map((p) => p.reason)).toEqual(['补偿对象没有协议编号']);
    expect(unmatched.works.filter((w) => w.parcelId === parcelId).map((w) => w.workType)).toEqual(['围挡']);

    // Run again: nothing new.
    const r2 = await importLegacyContracts(db());
    expect(r2).toMatchObject({ workContracts: 0, workPackagesLinked: 0, agreementContracts: 0, partiesLinked: 0, entriesLinked: 0 });
    expect(await db().select().from(contractWorkPackages).where(eq(contractWorkPackages.contractId, work.id))).toHaveLength(2);

    // 合同承诺 of the project: the effective amounts of its 生效 contracts.
    const balances = await getProjectBalances(db(), { projectIds: [projectId] });
    expect(balances.rows[0].committed).toBe('550000.00');
  });
});

describe('reminders', () => {
  it('lists milestones due soon, overdue payments and contracts ending soon for contract:view holders', async () => {
    const { projectId } = await insertProject();
    const today = new Date().toISOString().slice(0, 10);
    const plus = (days: number) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const id = await effectiveContract(projectId, { endOn: plus(10), startOn: '2025-01-01' });
    await ok(addMilestone.execute(db(), clerk, { contractId: id, dueOn: plus(-3), amount: '100', paymentCondition: '逾期节点' }));
    await ok(addMilestone.execute(db(), clerk, { contractId: id, dueOn: plus(5), amount: '100', paymentCondition: '将到期节点' }));
    const todos = await contractTodos(db(), clerk);
    const byKey = Object.fromEntries(todos.map((t) => [t.key, t]));
    expect(byKey['contract-overdue'].refs.map((r) => r.id)).toContain(id);
    expect(byKey['contract-milestones-due'].refs.map((r) => r.id)).toContain(id);
    expect(byKey['contract-ending'].refs.map((r) => r.id)).toContain(id);
    expect(await contractTodos(db(), archivist)).toEqual([]);
  });
});

describe('pages and export', () => {
  it('the contract page and the list render with real data; the export carries the figures and is audited', async () => {
    const { projectId, parcelId } = await insertProject();
    const id = await effectiveContract(projectId, { amount: '2000.00', parcelIds: [parcelId] });
    await ok(addMilestone.execute(db(), clerk, { contractId: id, dueOn: '2025-03-01', amount: '500.00', paymentCondition: '首付' }));
    const pay = await ok(createEntry.execute(db(), clerk, { ...payment(projectId, id, '500.00'), submit: true }));
    await approvePayment(pay.id);
    await ok(requestChange.execute(db(), clerk, { contractId: id, kind: '签证', delta: '100', reason: '增加' }));
    const detail = (await getContract(db(), id))!;
    const flows = await changeFlowViews(db(), detail.changes.map((c) => c.id), leader);
    const html = renderToStaticMarkup(
      createElement(ContractDetailView, { contract: detail, soonDays: 30, flows, can: { canEdit: true, canApprove: true, canEnterPayment: true, actorId: leader.userId } }),
    );
    expect(html).toContain('1,500.00');
    expect(html).toContain('待审批');
    expect(html).toContain('申请 ');
    const list = await listContracts(db(), ZContractFilter.parse({ project: projectId }));
    const listHtml = renderToStaticMarkup(
      createElement(ContractsList, { filter: ZContractFilter.parse({ project: projectId }), total: list.total, rows: list.rows, projects: [], years: [2025], canEdit: true, canExport: true, unmatched: 0 }),
    );
    expect(listHtml).toContain(detail.contractNo);
    const formHtml = renderToStaticMarkup(
      createElement(ContractForm, { contract: null, initial: { ...EMPTY_CONTRACT_FORM, projectId }, options: { projects: [{ value: projectId, label: '项目' }], parcels: [], workPackages: [], parties: [] }, today: '2025-06-01' }),
    );
    expect(formHtml).toContain('相对方统一社会信用代码');
    const options = toContractPaymentOptions(await listContractPaymentOptions(db()));
    const entryHtml = renderToStaticMarkup(
      createElement(EntryForm, {
        entry: null,
        initial: { ...EMPTY_ENTRY_FORM, projectId, contractId: id, contractNo: detail.contractNo },
        projects: [{ value: projectId, label: '项目', closed: false }],
        parcels: [],
        accounts: [],
        contracts: options,
        today: '2025-06-01',
      }),
    );
    expect(entryHtml).toContain('剩余可付 1,500.00 元');

    const { buffer, count } = await exportContractsXlsx(db(), clerk, ZContractFilter.parse({ project: projectId }));
    expect(count).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('合同台账')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const at = (h: string) => row[header.indexOf(h)];
    expect(at('合同编号')).toBe(detail.contractNo);
    expect(at('已付（元）')).toBe(500);
    expect(at('剩余可付（元）')).toBe(1500);
    const [audit] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ action: '导出合同台账', result: '成功' });
  });
});

describe('audit', () => {
  it('every field key in the audit diffs has a Chinese name', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
