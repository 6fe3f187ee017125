import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { systemSettings } from '../../src/platform/settings/schema';
import { attachments } from '../../src/platform/storage/schema';
import { parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { fundAccounts, fundCounters, ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { APPROVED_IS_FINAL, approvedTotals, type TEntryStatus } from '../../src/modules/funds/rules';
import {
  approveEntry,
  createEntry,
  deleteEntry,
  deleteEntryAttachment,
  leaderApproveEntry,
  returnEntry,
  reverseEntry,
  reviewEntry,
  submitEntry,
  updateEntry,
  uploadEntryAttachment,
} from '../../src/modules/funds/ledger/mutations';
import { countMyPendingEntries, getEntry, listEntries } from '../../src/modules/funds/ledger/queries';
import { entryActions, isPendingFor } from '../../src/modules/funds/ledger/entry-actions';
import { ledgerFileResponse } from '../../src/modules/funds/ledger/files';
import { exportLedgerXlsx } from '../../src/modules/funds/ledger/export';
import ExcelJS from 'exceljs';
import { ENTRY_CHANGED_BY_OTHERS, PROJECT_CLOSED, TREASURY_INCOME_NO_ACCOUNT, ZLedgerFilter, type TOrigin } from '../../src/modules/funds/ledger/validation';
import { getSpendingCheck } from '../../src/modules/funds/ledger/spending';
import { todayInShanghai } from '../../src/ui/format';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

/** These tests are not about the funds warnings: every approval acknowledges them all. */
const ACK = [...SPENDING_WARNING_CODES];

let database: Database;
const db = () => database.db;
let clerk: Actor;
let clerk2: Actor;
let chief: Actor;
let chief2: Actor;
let finance: Actor;
let finance2: Actor;
let leader: Actor;
let archivist: Actor;
let fiscalAccount: string;
let bondAccount: string;
let closedAccount: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-ledger-'));
  resetConfigCache();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  clerk2 = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  chief2 = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
  finance2 = await createActor(db(), ['finance']);
  leader = await createActor(db(), ['leader']);
  archivist = await createActor(db(), ['archivist']);
  const accounts = await db()
    .insert(fundAccounts)
    .values([
      { sourceCode: 'other_fiscal', name: '财政拨款专户', bankName: '工商银行益阳分行', accountNo: '1908000001' },
      { sourceCode: 'bond', name: '专项债券资金专户', bankName: '建设银行益阳分行', accountNo: '4305000002' },
      { sourceCode: 'other_fiscal', name: '已撤销的财政账户', status: 'closed' },
    ])
    .returning({ id: fundAccounts.id });
  [fiscalAccount, bondAccount, closedAccount] = accounts.map((a) => a.id);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertProject(status: 'active' | 'closed' = 'active'): Promise<{ projectId: string; parcelId: string }> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `LED-P${seq}`, name: `资金测试项目${seq}`, acquisitionRoute: '收购', status, expectedIncome: '50000000' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `LED-${seq}`, name: `资金测试地块${seq}`, projectId: project.id, stage: '收储中', stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return { projectId: project.id, parcelId: parcel.id };
}

const expense = (projectId: string, extra: Record<string, unknown> = {}) => ({
  direction: 'expense',
  entryDate: '2025-03-10',
  amount: '12345.67',
  category: '前期开发',
  sourceCode: 'other_fiscal',
  accountId: '',
  projectId,
  parcelId: '',
  contractNo: 'HT-2025-001',
  voucherNo: '记-0031',
  counterparty: '益阳某建设工程有限公司',
  description: '场地平整工程进度款',
  ...extra,
});

async function entryRow(id: string) {
  const [row] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return row;
}

async function entryCount() {
  const [{ n }] = await db().select({ n: count() }).from(ledgerEntries);
  return n;
}

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

async function version(id: string) {
  return (await entryRow(id)).version;
}

/** Creates and submits as `by`, reviews as `reviewer`: the entry waits for finance. */
async function reviewed(projectId: string, extra: Record<string, unknown> = {}, by = clerk, reviewer = chief) {
  const { id } = await ok(createEntry.execute(db(), by, { ...expense(projectId), ...extra, submit: true }));
  await ok(reviewEntry.execute(db(), reviewer, { id, version: await version(id), acknowledged: ACK }));
  return id;
}

async function approved(projectId: string, extra: Record<string, unknown> = {}) {
  const id = await reviewed(projectId, extra);
  await ok(approveEntry.execute(db(), finance, { id, version: await version(id), accountId: fiscalAccount, acknowledged: ACK }));
  expect((await entryRow(id)).status).toBe('approved');
  return id;
}

const filter = (f: Record<string, unknown>) => ZLedgerFilter.parse(f);

describe('entry numbers and the full workflow', () => {
  it('numbers entries per year of the entry date under the counter', async () => {
    const { projectId } = await insertProject();
    const a = await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2023-05-01' })));
    const b = await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2023-12-31' })));
    const c = await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2024-01-01' })));
    expect(a.entryNo).toMatch(/^ZJ2023-\d{6}$/);
    expect(Number(b.entryNo.slice(7))).toBe(Number(a.entryNo.slice(7)) + 1);
    expect(c.entryNo).toBe('ZJ2024-000001');
    const [counter] = await db().select().from(fundCounters).where(eq(fundCounters.scope, 'ledger-entry:2023'));
    expect(counter.lastValue).toBe(Number(b.entryNo.slice(7)));
  });

  it('a new year counter continues after numbers already used that year without a counter', async () => {
    const { projectId } = await insertProject();
    await db()
      .insert(ledgerEntries)
      .values({ entryNo: 'ZJ2019-000041', direction: 'expense', entryDate: '2019-06-01', amount: '1.00', category: '其他', projectId, status: 'approved', isDemo: true });
    const next = await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2019-07-01' })));
    expect(next.entryNo).toBe('ZJ2019-000042');
  });

  it('draft → submit → review → finance approval (account chosen at approval) → counts in the approved totals', async () => {
    const { projectId, parcelId } = await insertProject();
    const created = await ok(createEntry.execute(db(), clerk, expense(projectId, { parcelId, sourceCode: '' })));
    expect(created.status).toBe('draft');
    let row = await entryRow(created.id);
    expect(row).toMatchObject({ status: 'draft', amount: '12345.67', createdBy: clerk.userId, origin: 'manual', sourceCode: null, accountId: null, version: 1 });
    expect(await lastAudit()).toMatchObject({ action: '登记资金收支', objectId: created.id, result: '成功' });

    expect(await listEntries(db(), filter({ project: projectId }))).toMatchObject({ total: 1, totals: { approved: { expense: '0.00' }, all: { expense: '12345.67' } } });

    await ok(submitEntry.execute(db(), clerk, { id: created.id, version: 1 }));
    row = await entryRow(created.id);
    expect(row).toMatchObject({ status: 'submitted', submittedBy: clerk.userId, version: 2 });

    await ok(reviewEntry.execute(db(), chief, { id: created.id, version: 2, comment: '同意', acknowledged: ACK }));
    row = await entryRow(created.id);
    expect(row).toMatchObject({ status: 'reviewed', reviewedBy: chief.userId, version: 3 });

    const noAccount = await approveEntry.execute(db(), finance, { id: created.id, version: 3, acknowledged: ACK });
    expect(noAccount).toEqual({ ok: false, error: '财务审批时请选择资金账户' });
    const closed = await approveEntry.execute(db(), finance, { id: created.id, version: 3, accountId: closedAccount, acknowledged: ACK });
    expect(closed).toEqual({ ok: false, error: '资金账户「已撤销的财政账户」已停用，请选择其他账户' });

    await ok(approveEntry.execute(db(), finance, { id: created.id, version: 3, accountId: bondAccount, comment: '已核对凭证', acknowledged: ACK }));
    row = await entryRow(created.id);
    expect(row).toMatchObject({ status: 'approved', approvedBy: finance.userId, accountId: bondAccount, sourceCode: 'bond', leaderRequired: false, version: 4 });

    const list = await listEntries(db(), filter({ project: projectId }));
    expect(list.totals.approved).toEqual({ count: 1, income: '0.00', expense: '12345.67', net: '-12345.67' });
    expect(list.rows[0]).toMatchObject({ accountName: '专项债券资金专户', sourceName: '专项债券资金', parcelCode: expect.stringMatching(/^LED-/) });

    const detail = await getEntry(db(), created.id);
    expect(detail?.steps.map((s) => [s.action, s.fromStatus, s.toStatus, s.comment])).toEqual([
      ['create', null, 'draft', null],
      ['submit', 'draft', 'submitted', null],
      ['review', 'submitted', 'reviewed', '同意'],
      ['approve', 'reviewed', 'approved', '已核对凭证'],
    ]);
    expect(detail?.steps[2].actor).toEqual({ name: `测试${chief.username}`, department: null });
    expect(detail?.people.approvedBy).toEqual({ name: `测试${finance.username}`, department: null });
    expect(await lastAudit()).toMatchObject({ action: '财务审批资金收支', objectId: created.id, userId: finance.userId });
  });

  it('creates and submits in one step, refusing a source mismatch at approval', async () => {
    const { projectId } = await insertProject();
    const id = await reviewed(projectId, { sourceCode: 'other_fiscal' });
    const row = await entryRow(id);
    expect(row.submittedBy).toBe(clerk.userId);
    const mismatch = await approveEntry.execute(db(), finance, { id, version: row.version, accountId: bondAccount, acknowledged: ACK });
    expect(mismatch).toEqual({ ok: false, error: '资金账户「专项债券资金专户」属于「专项债券资金」，与记录的资金来源「其他财政资金」不一致' });
    expect((await entryRow(id)).status).toBe('reviewed');
  });

  it('leader approval only above the configured threshold', async () => {
    const { projectId } = await insertProject();
    const atThreshold = await approved(projectId, { amount: '1000000.00' });
    expect((await entryRow(atThreshold)).leaderRequired).toBe(false);

    const above = await reviewed(projectId, { amount: '1000000.01' });
    await ok(approveEntry.execute(db(), finance, { id: above, version: await version(above), accountId: fiscalAccount, acknowledged: ACK }));
    expect(await entryRow(above)).toMatchObject({ status: 'leader', leaderRequired: true });
    expect((await listEntries(db(), filter({ project: projectId }))).totals.approved.expense).toBe('1000000.00');

    expect(await leaderApproveEntry.execute(db(), finance2, { id: above, version: await version(above), acknowledged: ACK })).toEqual({ ok: false, error: PERMISSION_DENIED });
    await ok(leaderApproveEntry.execute(db(), leader, { id: above, version: await version(above), comment: '同意支付', acknowledged: ACK }));
    expect(await entryRow(above)).toMatchObject({ status: 'approved', leaderBy: leader.userId });
    expect((await listEntries(db(), filter({ project: projectId }))).totals.approved.expense).toBe('2000000.01');

    // The threshold is a setting: lowered to 500 元, a 600 元 entry needs the leader.
    await db().insert(systemSettings).values({ key: 'fund.leaderThresholdYuan', value: '500', updatedAt: new Date() });
    try {
      const small = await reviewed(projectId, { amount: '600' });
      await ok(approveEntry.execute(db(), finance, { id: small, version: await version(small), accountId: fiscalAccount, acknowledged: ACK }));
      expect((await entryRow(small)).status).toBe('leader');
    } finally {
      await db().delete(systemSettings).where(eq(systemSettings.key, 'fund.leaderThresholdYuan'));
    }
  });
});

describe('separation of duties', () => {
  it('a clerk can neither review nor approve nor leader-approve', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk2, { ...expense(projectId), submit: true }));
    expect(await reviewEntry.execute(db(), clerk, { id, version: 1, acknowledged: ACK })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await approveEntry.execute(db(), clerk, { id, version: 1, accountId: fiscalAccount, acknowledged: ACK })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await leaderApproveEntry.execute(db(), clerk, { id, version: 1, acknowledged: ACK })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await returnEntry.execute(db(), clerk, { id, version: 1, comment: '不对' })).toEqual({ ok: false, error: '您没有退回该记录的权限' });
    expect(await lastAudit()).toMatchObject({ action: '退回资金收支', result: '拒绝', userId: clerk.userId });
    expect((await entryRow(id)).status).toBe('submitted');
  });

  it('only the creator edits, submits or deletes a draft', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk, expense(projectId)));
    expect(await submitEntry.execute(db(), clerk2, { id, version: 1 })).toEqual({ ok: false, error: '只有经办人本人可以提交该记录' });
    expect(await updateEntry.execute(db(), clerk2, { ...expense(projectId), id, version: 1 })).toEqual({ ok: false, error: '只有经办人本人可以修改该记录' });
    expect(await deleteEntry.execute(db(), clerk2, { id, version: 1 })).toEqual({ ok: false, error: '只有经办人本人可以删除该记录' });
    expect(await entryRow(id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('finance cannot approve their own submission; nobody reviews their own', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), finance, { ...expense(projectId), submit: true }));
    await ok(reviewEntry.execute(db(), chief, { id, version: 1, acknowledged: ACK }));
    expect(await approveEntry.execute(db(), finance, { id, version: 2, accountId: fiscalAccount, acknowledged: ACK })).toEqual({ ok: false, error: '不能审批本人提交的记录' });
    expect(await lastAudit()).toMatchObject({ action: '财务审批资金收支', result: '拒绝', message: '不能审批本人提交的记录' });
    expect((await entryRow(id)).status).toBe('reviewed');
    await ok(approveEntry.execute(db(), finance2, { id, version: 2, accountId: fiscalAccount, acknowledged: ACK }));

    const own = await ok(createEntry.execute(db(), chief, { ...expense(projectId), submit: true }));
    expect(await reviewEntry.execute(db(), chief, { id: own.id, version: 1, acknowledged: ACK })).toEqual({ ok: false, error: '不能审核本人提交的记录' });
    await ok(reviewEntry.execute(db(), chief2, { id: own.id, version: 1, acknowledged: ACK }));
  });

  it('the reviewer cannot also give the finance approval', async () => {
    const both = await createActor(db(), ['chief', 'finance']);
    const { projectId } = await insertProject();
    const id = await reviewed(projectId, {}, clerk, both);
    expect(await approveEntry.execute(db(), both, { id, version: await version(id), accountId: fiscalAccount, acknowledged: ACK })).toEqual({
      ok: false,
      error: '财务审批人不能与科室审核人为同一人',
    });
    await ok(approveEntry.execute(db(), finance, { id, version: await version(id), accountId: fiscalAccount, acknowledged: ACK }));
  });

  it('refuses steps out of order', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk, { ...expense(projectId), submit: true }));
    expect(await approveEntry.execute(db(), finance, { id, version: 1, accountId: fiscalAccount, acknowledged: ACK })).toEqual({
      ok: false,
      error: '记录当前为「待科室审核」，不能财务审批',
    });
    expect(await submitEntry.execute(db(), clerk, { id, version: 1 })).toEqual({ ok: false, error: '记录当前为「待科室审核」，不能提交' });
  });
});

describe('return with comments', () => {
  it('requires a comment, sends the entry back to its creator, who corrects and resubmits', async () => {
    const { projectId } = await insertProject();
    const id = await reviewed(projectId);
    const v = await version(id);
    expect(await returnEntry.execute(db(), finance, { id, version: v, comment: '  ' })).toMatchObject({ ok: false, error: '退回时请填写退回意见' });
    expect(await returnEntry.execute(db(), finance, { id, version: v })).toMatchObject({ ok: false, error: '退回时请填写退回意见' });
    expect(await returnEntry.execute(db(), chief2, { id, version: v, comment: '不对' })).toEqual({ ok: false, error: '您没有退回该记录的权限' });
    await ok(returnEntry.execute(db(), finance, { id, version: v, comment: '凭证号与附件不符，请更正' }));
    expect(await entryRow(id)).toMatchObject({ status: 'returned', returnComment: '凭证号与附件不符，请更正' });

    const fix = await ok(updateEntry.execute(db(), clerk, { ...expense(projectId), id, version: v + 1, voucherNo: '记-0032', amount: '12345.60' }));
    expect(fix.version).toBe(v + 2);
    await ok(submitEntry.execute(db(), clerk, { id, version: v + 2 }));
    expect(await entryRow(id)).toMatchObject({ status: 'submitted', reviewedBy: null, approvedBy: null, returnComment: null, voucherNo: '记-0032', amount: '12345.60' });
    // The earlier reviewer may review the resubmission again; the workflow starts over.
    await ok(reviewEntry.execute(db(), chief, { id, version: v + 3, acknowledged: ACK }));
    await ok(approveEntry.execute(db(), finance, { id, version: v + 4, accountId: fiscalAccount, acknowledged: ACK }));
    const steps = (await getEntry(db(), id))!.steps.map((s) => s.action);
    expect(steps).toEqual(['create', 'submit', 'review', 'return', 'submit', 'review', 'approve']);
  });

  it('the leader can return an entry waiting for them', async () => {
    const { projectId } = await insertProject();
    const id = await reviewed(projectId, { amount: '2000000' });
    await ok(approveEntry.execute(db(), finance, { id, version: await version(id), accountId: fiscalAccount, acknowledged: ACK }));
    await ok(returnEntry.execute(db(), leader, { id, version: await version(id), comment: '请补充会议纪要' }));
    expect((await entryRow(id)).status).toBe('returned');
  });
});

describe('concurrency', () => {
  it('two finance users approving the same entry at once: exactly one succeeds', async () => {
    const { projectId } = await insertProject();
    const id = await reviewed(projectId);
    const v = await version(id);
    const results = await Promise.all([
      approveEntry.execute(db(), finance, { id, version: v, accountId: fiscalAccount, acknowledged: ACK }),
      approveEntry.execute(db(), finance2, { id, version: v, accountId: fiscalAccount, acknowledged: ACK }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: ENTRY_CHANGED_BY_OTHERS }]);
    const steps = await db().select().from(ledgerSteps).where(and(eq(ledgerSteps.entryId, id), eq(ledgerSteps.action, 'approve')));
    expect(steps).toHaveLength(1);
    expect(await entryRow(id)).toMatchObject({ status: 'approved', version: v + 1 });
  });

  it('a stale version is refused for every transition', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk, expense(projectId)));
    await ok(submitEntry.execute(db(), clerk, { id, version: 1 }));
    expect(await submitEntry.execute(db(), clerk, { id, version: 1 })).toEqual({ ok: false, error: ENTRY_CHANGED_BY_OTHERS });
    expect(await reviewEntry.execute(db(), chief, { id, version: 1, acknowledged: ACK })).toEqual({ ok: false, error: ENTRY_CHANGED_BY_OTHERS });
    expect(await returnEntry.execute(db(), chief, { id, version: 1, comment: 'x' })).toEqual({ ok: false, error: ENTRY_CHANGED_BY_OTHERS });
    await ok(reviewEntry.execute(db(), chief, { id, version: 2, acknowledged: ACK }));
    expect(await approveEntry.execute(db(), finance, { id, version: 2, accountId: fiscalAccount, acknowledged: ACK })).toEqual({ ok: false, error: ENTRY_CHANGED_BY_OTHERS });
  });
});

describe('reversals', () => {
  it('reverses an approved entry through the same workflow; totals net to zero once approved', async () => {
    const { projectId } = await insertProject();
    const id = await approved(projectId, { amount: '5000.10' });
    const before = await listEntries(db(), filter({ project: projectId }));
    expect(before.totals.approved.expense).toBe('5000.10');

    // An approved entry is never edited or deleted.
    const v = await version(id);
    expect(await updateEntry.execute(db(), clerk, { ...expense(projectId), id, version: v })).toEqual({ ok: false, error: APPROVED_IS_FINAL });
    expect(await deleteEntry.execute(db(), clerk, { id, version: v })).toEqual({ ok: false, error: APPROVED_IS_FINAL });
    expect(await reverseEntry.execute(db(), clerk, { id, version: v, reason: '重复支付' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await reverseEntry.execute(db(), finance, { id, version: v, reason: '' })).toMatchObject({ ok: false, error: '请填写冲销原因' });
    expect(await reverseEntry.execute(db(), finance, { id, version: v, reason: '重复支付', entryDate: '2025-03-09' })).toEqual({
      ok: false,
      error: '冲销日期不能早于原记录的发生日期（2025-03-10）',
    });

    const rev = await ok(reverseEntry.execute(db(), finance, { id, version: v, reason: '重复支付' }));
    const reversal = await entryRow(rev.id);
    expect(reversal).toMatchObject({
      amount: '-5000.10',
      direction: 'expense',
      category: '前期开发',
      origin: 'reversal',
      reversalOf: id,
      status: 'submitted',
      submittedBy: finance.userId,
      createdBy: finance.userId,
      entryDate: todayInShanghai(),
      accountId: fiscalAccount,
    });
    expect(reversal.description).toContain('重复支付');
    expect((await entryRow(id)).reversedBy).toBeNull();

    // A second reversal while one is pending is refused.
    expect(await reverseEntry.execute(db(), finance2, { id, version: await version(id), reason: '再次冲销' })).toEqual({
      ok: false,
      error: '该记录已有一笔冲销正在审批中，不能重复冲销',
    });
    const original = await getEntry(db(), id);
    expect(original?.hasPendingReversal).toBe(true);
    expect(entryActions({ ...original!, hasPendingReversal: true }, finance2).canReverse).toBe(false);

    // Not yet approved: the totals are unchanged.
    expect((await listEntries(db(), filter({ project: projectId }))).totals.approved.expense).toBe('5000.10');

    await ok(reviewEntry.execute(db(), chief, { id: rev.id, version: await version(rev.id), acknowledged: ACK }));
    expect(await approveEntry.execute(db(), finance, { id: rev.id, version: await version(rev.id), acknowledged: ACK })).toEqual({ ok: false, error: '不能审批本人提交的记录' });
    await ok(approveEntry.execute(db(), finance2, { id: rev.id, version: await version(rev.id), acknowledged: ACK }));

    expect((await entryRow(id)).reversedBy).toBe(rev.id);
    const after = await listEntries(db(), filter({ project: projectId }));
    expect(after.totals.approved).toMatchObject({ count: 2, expense: '0.00', income: '0.00', net: '0.00' });
    const facts = (await db().select().from(ledgerEntries).where(eq(ledgerEntries.projectId, projectId))).map((e) => ({
      direction: e.direction as 'income' | 'expense',
      amount: e.amount,
      status: e.status as TEntryStatus,
      entryDate: e.entryDate,
    }));
    expect(approvedTotals(facts)).toEqual({ income: '0.00', expense: '0.00', balance: '0.00' });

    expect(await reverseEntry.execute(db(), finance2, { id, version: await version(id), reason: '又一次' })).toEqual({ ok: false, error: '该记录已冲销，不能重复冲销' });
    expect(await reverseEntry.execute(db(), finance2, { id: rev.id, version: await version(rev.id), reason: 'x' })).toEqual({ ok: false, error: '冲销记录不能再冲销' });
    const steps = (await getEntry(db(), id))!.steps.map((s) => s.action);
    expect(steps).toEqual(['create', 'submit', 'review', 'approve', 'reverse', 'reversal-approved']);
    expect((await getEntry(db(), rev.id))?.original).toEqual({ id, entryNo: (await entryRow(id)).entryNo });
  });

  it('a returned reversal can be deleted, and the original becomes reversible again', async () => {
    const { projectId } = await insertProject();
    const id = await approved(projectId);
    const rev = await ok(reverseEntry.execute(db(), finance, { id, version: await version(id), reason: '金额有误' }));
    expect(await updateEntry.execute(db(), finance, { ...expense(projectId), id: rev.id, version: 1 })).toEqual({
      ok: false,
      error: '记录当前为「待科室审核」，不能修改；如需修改，请先由审核人退回',
    });
    await ok(returnEntry.execute(db(), chief, { id: rev.id, version: 1, comment: '无需冲销' }));
    expect(await updateEntry.execute(db(), finance, { ...expense(projectId), id: rev.id, version: 2 })).toEqual({
      ok: false,
      error: '冲销记录不能修改；如有误，请删除后重新办理冲销',
    });
    await ok(deleteEntry.execute(db(), finance, { id: rev.id, version: 2 }));
    expect(await entryRow(rev.id)).toBeUndefined();
    expect(await db().select().from(ledgerSteps).where(eq(ledgerSteps.entryId, rev.id))).toHaveLength(0);
    expect((await getEntry(db(), id))?.hasPendingReversal).toBe(false);
    await ok(reverseEntry.execute(db(), finance, { id, version: await version(id), reason: '确需冲销' }));
  });

  it('a reversal of an income entry carries the negated income', async () => {
    const { projectId } = await insertProject();
    const id = await approved(projectId, { direction: 'income', category: '其他财政资金', amount: '800000', counterparty: '益阳市财政局' });
    const rev = await ok(reverseEntry.execute(db(), finance, { id, version: await version(id), reason: '拨款退回' }));
    expect(await entryRow(rev.id)).toMatchObject({ direction: 'income', amount: '-800000.00', category: '其他财政资金' });
  });
});

describe('零星收入 (财综〔2018〕8号: paid into the treasury, 收支两条线)', () => {
  it('is recorded and approved without a fund source or account, and never becomes money the project can spend', async () => {
    const { projectId } = await insertProject();
    await approved(projectId, { direction: 'income', category: '其他财政资金', amount: '1000.00', sourceCode: null });
    const rent = { ...expense(projectId), direction: 'income', category: '零星收入', sourceCode: null, amount: '5000.00', counterparty: '临时利用承租人', description: '储备土地临时停车场租金', submit: true };
    expect(await createEntry.execute(db(), clerk, { ...rent, accountId: fiscalAccount })).toMatchObject({ ok: false, error: TREASURY_INCOME_NO_ACCOUNT });
    const { id } = await ok(createEntry.execute(db(), clerk, rent));
    expect(await entryRow(id)).toMatchObject({ sourceCode: null, accountId: null });
    await ok(reviewEntry.execute(db(), chief, { id, version: await version(id), acknowledged: ACK }));
    expect(await approveEntry.execute(db(), finance, { id, version: await version(id), accountId: fiscalAccount, acknowledged: ACK })).toMatchObject({
      ok: false,
      error: TREASURY_INCOME_NO_ACCOUNT,
    });
    await ok(approveEntry.execute(db(), finance, { id, version: await version(id), accountId: null, acknowledged: ACK }));
    expect(await entryRow(id)).toMatchObject({ status: 'approved', sourceCode: null, accountId: null });

    // The ledger lists it, apart from the income; the project's available money is the 1,000.00 only.
    const list = await listEntries(db(), filter({ project: projectId }));
    expect(list.total).toBe(2);
    expect(list.totals.approved).toEqual({ count: 2, income: '1000.00', expense: '0.00', net: '1000.00' });
    expect(list.totals.treasuryApproved).toBe('5000.00');
    const check = await getSpendingCheck(db(), { id: 'NEW', projectId, amount: '1500.00', category: '前期开发', entryDate: '2025-03-10' });
    expect(check.balanceBefore).toBe('1000.00');
    expect(check.balanceAfter).toBe('-500.00');
    expect(check.warnings.map((w) => w.code)).toContain('balance-negative');
  });
});

describe('bad input', () => {
  it.each([
    [{ amount: '100.123' }, '金额最多两位小数（分）'],
    [{ amount: '-5' }, '金额不能为负数'],
    [{ amount: '0' }, '金额必须大于 0'],
    [{ amount: 'abc' }, '金额应为数字金额'],
    [{ amount: '' }, '请填写金额'],
    [{ category: '其他财政资金' }, '支出的科目应为 征收补偿、前期开发、管护、融资成本、其他 之一，「其他财政资金」不适用'],
    [{ direction: 'income', category: '前期开发' }, '收入的科目应为 土地出让收入安排、国有土地收益基金、专项债券资金、其他财政资金、零星收入 之一，「前期开发」不适用'],
    [{ direction: 'transfer' }, '请选择收支方向（收入或支出）'],
    [{ entryDate: '2099-12-31' }, '发生日期不能晚于今天'],
    [{ entryDate: '2999-01-01' }, '发生日期格式应为 YYYY-MM-DD，且须是有效日期（1990–2100 年）'],
    [{ accountId: '../x' }, '资金账户标识无效'],
    [{ projectId: '' }, '请选择项目'],
    [{ category: '' }, '请选择科目'],
    [{ entryDate: '2025-02-30' }, '发生日期格式应为 YYYY-MM-DD，且须是有效日期（1990–2100 年）'],
    [{ sourceCode: 'bank' }, '资金来源应为 土地出让收入安排、国有土地收益基金、专项债券资金、其他财政资金 之一'],
    [{ voucherNo: 'x'.repeat(101) }, '凭证号不能超过 100 个字符'],
    [{ counterparty: 'x'.repeat(101) }, '收款/付款单位不能超过 100 个字符'],
    [{ description: 'x'.repeat(1001) }, '摘要说明不能超过 1000 个字符'],
  ])('refuses %j with a Chinese message and saves nothing', async (extra, message) => {
    const { projectId } = await insertProject();
    const n = await entryCount();
    const res = await createEntry.execute(db(), clerk, expense(projectId, extra));
    expect(res).toMatchObject({ ok: false, error: message });
    expect(await entryCount()).toBe(n);
  });

  it('refuses a parcel of another project, an account of another source, a closed account', async () => {
    const { projectId } = await insertProject();
    const other = await insertProject();
    const n = await entryCount();
    expect(await createEntry.execute(db(), clerk, expense(projectId, { parcelId: other.parcelId }))).toEqual({
      ok: false,
      error: expect.stringMatching(/^地块 LED-\d+ 不属于项目「LED-P\d+ 资金测试项目\d+」，请重新选择地块$/),
    });
    expect(await createEntry.execute(db(), clerk, expense(projectId, { accountId: bondAccount }))).toEqual({
      ok: false,
      error: '资金账户「专项债券资金专户」属于「专项债券资金」，与记录的资金来源「其他财政资金」不一致',
    });
    expect(await createEntry.execute(db(), clerk, expense(projectId, { accountId: closedAccount }))).toEqual({
      ok: false,
      error: '资金账户「已撤销的财政账户」已停用，请选择其他账户',
    });
    expect(await createEntry.execute(db(), clerk, expense('NOPE'))).toEqual({ ok: false, error: '项目不存在或已被删除' });
    expect(await entryCount()).toBe(n);
    // Without a source, the account's source is taken.
    const { id } = await ok(createEntry.execute(db(), clerk, expense(projectId, { sourceCode: null, accountId: bondAccount })));
    expect(await entryRow(id)).toMatchObject({ sourceCode: 'bond', accountId: bondAccount });
  });

  it('refuses spending against a closed project at create, submit and approval; income and reversals stay possible', async () => {
    const closed = await insertProject('closed');
    const n = await entryCount();
    expect(await createEntry.execute(db(), clerk, expense(closed.projectId))).toEqual({ ok: false, error: PROJECT_CLOSED });
    expect(await entryCount()).toBe(n);
    await ok(createEntry.execute(db(), clerk, expense(closed.projectId, { direction: 'income', category: '土地出让收入安排', sourceCode: null })));

    const open = await insertProject();
    const draft = await ok(createEntry.execute(db(), clerk, expense(open.projectId)));
    const waiting = await reviewed(open.projectId);
    const spent = await approved(open.projectId);
    await db().update(reserveProjects).set({ status: 'closed' }).where(eq(reserveProjects.id, open.projectId));
    expect(await submitEntry.execute(db(), clerk, { id: draft.id, version: 1 })).toEqual({ ok: false, error: PROJECT_CLOSED });
    expect(await approveEntry.execute(db(), finance, { id: waiting, version: await version(waiting), accountId: fiscalAccount, acknowledged: ACK })).toEqual({
      ok: false,
      error: PROJECT_CLOSED,
    });
    expect((await entryRow(waiting)).status).toBe('reviewed');
    // Reversing spending on a closed project reduces it, so it is allowed.
    await ok(reverseEntry.execute(db(), finance, { id: spent, version: await version(spent), reason: '结项前多付款项退回' }));
  });
});

describe('list, "待我处理" and the detail', () => {
  it('searches, filters by year and month, sorts and pages', async () => {
    const { projectId } = await insertProject();
    const a = await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2022-02-03', amount: '10', counterparty: '甲公司', voucherNo: 'V-FIND-1' })));
    await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2022-02-28', amount: '30' })));
    await ok(createEntry.execute(db(), clerk, expense(projectId, { entryDate: '2022-03-01', amount: '20', direction: 'income', category: '其他财政资金' })));
    expect((await listEntries(db(), filter({ project: projectId, year: '2022', month: '2' }))).total).toBe(2);
    expect((await listEntries(db(), filter({ project: projectId, year: '2022' }))).total).toBe(3);
    expect((await listEntries(db(), filter({ q: 'V-FIND' }))).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await listEntries(db(), filter({ q: a.entryNo }))).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await listEntries(db(), filter({ project: projectId, direction: 'income' }))).totals.all).toEqual({ income: '20.00', expense: '0.00', net: '20.00' });
    const byAmount = await listEntries(db(), filter({ project: projectId, sort: 'amount', order: 'asc', size: '10' }));
    expect(byAmount.rows.map((r) => r.amount)).toEqual(['10.00', '20.00', '30.00']);
    expect(byAmount.totals.all).toEqual({ income: '20.00', expense: '40.00', net: '-20.00' });
    const paged = await listEntries(db(), filter({ project: projectId, size: '10', page: '2' }));
    expect(paged).toMatchObject({ total: 3, rows: [] });
    // Malformed parameters fall back to "all".
    expect(ZLedgerFilter.parse({ status: 'nope', month: '13', sort: 'x', mine: 'yes' })).toMatchObject({ status: undefined, month: undefined, sort: 'date', mine: undefined });
  });

  it('"待我处理" (SQL) matches the actions each user sees, and the workbench count', async () => {
    const { projectId } = await insertProject();
    await ok(createEntry.execute(db(), clerk, expense(projectId)));
    await ok(createEntry.execute(db(), clerk, { ...expense(projectId), submit: true }));
    await ok(createEntry.execute(db(), chief, { ...expense(projectId), submit: true }));
    await reviewed(projectId);
    await reviewed(projectId, {}, finance);
    const big = await reviewed(projectId, { amount: '3000000' });
    await ok(approveEntry.execute(db(), finance, { id: big, version: await version(big), accountId: fiscalAccount, acknowledged: ACK }));
    const returned = await reviewed(projectId);
    await ok(returnEntry.execute(db(), finance2, { id: returned, version: await version(returned), comment: '退回' }));
    await approved(projectId);

    const all = await db().select().from(ledgerEntries);
    const pendingIdsFor = (actor: Actor) =>
      all
        .filter((e) =>
          isPendingFor(
            { ...e, status: e.status as TEntryStatus, origin: e.origin as TOrigin, hasPendingReversal: false },
            actor,
          ),
        )
        .map((e) => e.id)
        .sort();
    for (const actor of [clerk, clerk2, chief, chief2, finance, finance2, leader, archivist]) {
      const listed = await listEntries(db(), filter({ mine: '1', size: '100' }), actor);
      const expected = pendingIdsFor(actor);
      expect([...listed.rows.map((r) => r.id)].sort(), actor.username).toEqual(expected.slice(0, 100));
      expect(listed.total).toBe(expected.length);
      expect(await countMyPendingEntries(db(), actor)).toBe(expected.length);
    }
    expect(await countMyPendingEntries(db(), leader)).toBeGreaterThan(0);
    expect(await countMyPendingEntries(db(), archivist)).toBe(0);
    expect((await listEntries(db(), filter({ mine: '1' }))).total).toBe(0);
  });

  it('getEntry answers null for unknown or malformed ids', async () => {
    expect(await getEntry(db(), 'NOPE')).toBeNull();
    expect(await getEntry(db(), '../etc')).toBeNull();
  });
});

describe('Excel export', () => {
  it('exports the filtered rows with the exact totals of the list, and audits the export', async () => {
    const { projectId } = await insertProject();
    await approved(projectId, { amount: '0.10' });
    await approved(projectId, { amount: '0.20' });
    await approved(projectId, { direction: 'income', category: '其他财政资金', amount: '1000000.00', counterparty: '益阳市财政局' });
    await ok(createEntry.execute(db(), clerk, expense(projectId, { amount: '99' })));
    const f = filter({ project: projectId, sort: 'amount', order: 'asc' });
    const list = await listEntries(db(), f);
    const { buffer, count: rowsOut, truncated } = await exportLedgerXlsx(db(), finance, f);
    expect(rowsOut).toBe(4);
    expect(truncated).toBe(false);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('收支台账')!;
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1, 6)).toEqual(['收支编号', '发生日期', '收支方向', '科目', '金额（元）']);
    const nos = [2, 3, 4, 5].map((i) => sheet.getRow(i).getCell(1).value);
    expect(nos).toEqual(list.rows.map((r) => r.entryNo));
    expect(sheet.getRow(2).getCell(5).value).toBe(0.1);
    const labels = new Map<string, unknown>();
    sheet.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(5).value));
    expect(list.totals.approved).toMatchObject({ income: '1000000.00', expense: '0.30', net: '999999.70' });
    expect(labels.get('已审批支出合计')).toBe(0.3);
    expect(labels.get('已审批净额（收入 − 支出）')).toBe(999999.7);
    expect(labels.get('全部状态支出合计')).toBe(99.3);
    expect(await lastAudit()).toMatchObject({ action: '导出收支台账', userId: finance.userId, result: '成功' });
    expect((await lastAudit()).message).toContain('导出 4 条');
  });
});

describe('delete', () => {
  it('deletes a draft with its steps and attachments', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk, expense(projectId)));
    await ok(uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '凭证.pdf', bytes: PDF }));
    expect(await deleteEntry.execute(db(), clerk, { id, version: 2 })).toEqual({ ok: false, error: ENTRY_CHANGED_BY_OTHERS });
    await ok(deleteEntry.execute(db(), clerk, { id, version: 1 }));
    expect(await entryRow(id)).toBeUndefined();
    expect(await db().select().from(ledgerSteps).where(eq(ledgerSteps.entryId, id))).toHaveLength(0);
    expect(await db().select().from(attachments).where(eq(attachments.ownerId, id))).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: '删除资金收支', objectId: id });
    expect(await deleteEntry.execute(db(), clerk, { id, version: 1 })).toEqual({ ok: false, error: '收支记录不存在或已被删除，请刷新后重试' });
  });
});

describe('attachments', () => {
  it('accepts PDF and PNG by content, refuses anything else, and serves them to fund:view only', async () => {
    const { projectId } = await insertProject();
    const { id } = await ok(createEntry.execute(db(), clerk, expense(projectId)));
    const pdf = await ok(uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '付款凭证.pdf', bytes: PDF }));
    await ok(uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '发票.png', bytes: PNG }));
    expect(await uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '照片.webp', bytes: WEBP })).toMatchObject({
      ok: false,
      error: '文件「照片.webp」不是 PDF、JPG 或 PNG（按文件内容识别，改扩展名无效）',
    });
    expect(await uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '假的.pdf', bytes: new TextEncoder().encode('hello') })).toMatchObject({
      ok: false,
      error: '文件「假的.pdf」不是 PDF、JPG 或 PNG（按文件内容识别，改扩展名无效）',
    });
    expect(await uploadEntryAttachment.execute(db(), clerk2, { entryId: id, fileName: 'a.pdf', bytes: PDF })).toEqual({
      ok: false,
      error: '只有经办人本人可以为该记录上传附件',
    });
    expect((await getEntry(db(), id))?.attachments.map((a) => [a.fileName, a.mimeType])).toEqual([
      ['付款凭证.pdf', 'application/pdf'],
      ['发票.png', 'image/png'],
    ]);

    const res = await ledgerFileResponse(db(), clerk, pdf.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    expect((await ledgerFileResponse(db(), clerk, pdf.id, { download: true })).headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await ledgerFileResponse(db(), archivist, pdf.id)).status).toBe(403);
    expect((await ledgerFileResponse(db(), null, pdf.id)).status).toBe(401);
    expect((await ledgerFileResponse(db(), clerk, 'NOPE')).status).toBe(404);
    const [foreign] = await db()
      .insert(attachments)
      .values({ ownerType: 'inspection', ownerId: 'X', fileName: 'p.png', mimeType: 'image/png', sizeBytes: 1, sm3: 'a'.repeat(64) })
      .returning({ id: attachments.id });
    expect((await ledgerFileResponse(db(), clerk, foreign.id)).status).toBe(404);

    // After submission: uploads still possible, deletion not; after approval neither.
    await ok(submitEntry.execute(db(), clerk, { id, version: 1 }));
    expect(await deleteEntryAttachment.execute(db(), clerk, { id: pdf.id })).toEqual({
      ok: false,
      error: '记录当前为「待科室审核」，不能删除附件；如需删除附件，请先由审核人退回',
    });
    await ok(uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '补充.pdf', bytes: PDF }));
    await ok(reviewEntry.execute(db(), chief, { id, version: 2, acknowledged: ACK }));
    expect(await uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: '迟到.pdf', bytes: PDF })).toEqual({
      ok: false,
      error: '记录当前为「待财务审批」，不能再上传附件',
    });
    await ok(returnEntry.execute(db(), finance, { id, version: 3, comment: '附件重复' }));
    await ok(deleteEntryAttachment.execute(db(), clerk, { id: pdf.id }));
    expect((await getEntry(db(), id))?.attachments.map((a) => a.fileName)).toEqual(['发票.png', '补充.pdf']);
    expect(await lastAudit()).toMatchObject({ action: '删除收支附件', objectId: pdf.id });
    await ok(submitEntry.execute(db(), clerk, { id, version: 4 }));
    await ok(reviewEntry.execute(db(), chief, { id, version: 5, acknowledged: ACK }));
    await ok(approveEntry.execute(db(), finance, { id, version: 6, accountId: fiscalAccount, acknowledged: ACK }));
    expect(await uploadEntryAttachment.execute(db(), clerk, { entryId: id, fileName: 'x.pdf', bytes: PDF })).toEqual({ ok: false, error: APPROVED_IS_FINAL });
  });
});

describe('audit trail', () => {
  it('keeps the chain intact', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    const steps = await db().select().from(ledgerSteps).orderBy(asc(ledgerSteps.createdAt)).limit(1);
    expect(steps.length).toBe(1);
  });

  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
