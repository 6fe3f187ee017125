import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { createProject } from '../../src/modules/projects/mutations';
import { addArchiveItem } from '../../src/modules/archives/mutations';
import { archiveIdOf } from '../../src/modules/archives/queries';
import { archiveFileResponse, NOT_BORROWED_MESSAGE } from '../../src/modules/archives/files';
import { activeLoanFor, approveLoan, leaderApproveLoan, refuseLoan, requestLoan, returnLoan } from '../../src/modules/archives/loans';
import { getLoan, listLoans } from '../../src/modules/archives/loan-queries';
import { loanTodos } from '../../src/modules/archives/loan-todos';
import { ZLoanFilter } from '../../src/modules/archives/loan-validation';
import { seedArchivesDemo, tinyPdf } from '../../src/modules/archives/demo-items';
import { archiveItemFiles, archiveItems } from '../../src/modules/archives/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { documentProblem, sniffDocumentType } from '../../src/platform/storage/document-types';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';

/*
 * 借阅 (issue 16 item 5): request → 档案管理员 → (内部) 中心领导 → access within the period →
 * returned. `today` is passed in, so the tests move the clock.
 */

let database: Database;
const db = (): Db => database.db;
let archivist: Actor;
let clerk: Actor;
let clerk2: Actor;
let leader: Actor;
let finance: Actor;
const items: Record<string, { id: string; archiveNo: string }> = {};
let archiveIdForFiles: string;

const TODAY = '2027-03-01';
const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function addItem(title: string, secrecy: '公开' | '内部', archiveId: string) {
  const r = await addArchiveItem.execute(db(), archivist, {
    archiveId,
    stage: '收储',
    title,
    category: '合同协议',
    itemDate: '2026-03-15',
    department: '收储科',
    retention: '永久',
    secrecy,
    file: { fileName: `${title}.pdf`, bytes: PDF(title) },
  });
  if (!r.ok) throw new Error(r.error);
  items[title] = r.data;
}

async function request(actor: Actor, over: Record<string, unknown> = {}) {
  return requestLoan.execute(db(), actor, { itemIds: [items['公开条目'].id], purpose: '核对收购面积', untilDate: '2027-03-10', today: TODAY, ...over });
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-archive-loans-'));
  resetConfigCache();
  database = await createTestDatabase();
  archivist = await createActor(db(), ['archivist']);
  clerk = await createActor(db(), ['clerk']);
  clerk2 = await createActor(db(), ['clerk']);
  leader = await createActor(db(), ['leader']);
  finance = await createActor(db(), ['finance']);
  const res = await createProject.execute(db(), await createActor(db(), ['chief']), { code: 'XM-JY-01', name: '借阅测试项目', acquisitionRoute: '收购' });
  if (!res.ok) throw new Error(res.error);
  const archiveId = (await archiveIdOf(db(), '项目', res.data.id))!;
  archiveIdForFiles = archiveId;
  await addItem('公开条目', '公开', archiveId);
  await addItem('内部条目', '内部', archiveId);
  await addItem('另一公开条目', '公开', archiveId);
});
afterAll(async () => {
  await database?.close();
});

describe('借阅: request → approval → access within the period → return', () => {
  it('内部 item: archivist then leader; access until the until date, not the day after; returned → no access', async () => {
    const r = await request(clerk, { itemIds: [items['公开条目'].id, items['内部条目'].id], untilDate: '2027-03-10' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.data.needsLeader).toBe(true);
    const loanId = r.data.id;
    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, TODAY)).toBeNull();

    // A clerk cannot approve; the archivist can (→ 待领导审批); the archivist's step is then done.
    expect(await approveLoan.execute(db(), clerk2, { loanId, version: 1, today: TODAY })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    // The leader cannot take the archivist's step.
    expect(await leaderApproveLoan.execute(db(), leader, { loanId, version: 1, today: TODAY })).toMatchObject({ ok: false, error: '该借阅已由他人处理，请刷新后重试' });
    const a = await approveLoan.execute(db(), archivist, { loanId, version: 1, today: TODAY });
    expect(a).toMatchObject({ ok: true, data: { status: '待领导审批' } });
    // A second decision on the same version is refused.
    expect(await approveLoan.execute(db(), archivist, { loanId, version: 1, today: TODAY })).toMatchObject({ ok: false, error: '该借阅已由他人处理，请刷新后重试' });
    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, TODAY)).toBeNull();
    // Only a holder of archive:loan-approve takes the leader's step.
    expect(await leaderApproveLoan.execute(db(), archivist, { loanId, version: 2, today: TODAY })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    const l = await leaderApproveLoan.execute(db(), leader, { loanId, version: 2, today: TODAY });
    expect(l).toMatchObject({ ok: true, data: { status: '借阅中' } });

    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, TODAY)).toEqual({ loanId, untilDate: '2027-03-10' });
    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, '2027-03-10')).not.toBeNull();
    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, '2027-03-11')).toBeNull();
    // Someone else, or another item, has no access through this loan.
    expect(await activeLoanFor(db(), clerk2.userId, items['内部条目'].id, TODAY)).toBeNull();
    expect(await activeLoanFor(db(), clerk.userId, items['另一公开条目'].id, TODAY)).toBeNull();

    const detail = await getLoan(db(), loanId, '2027-03-11');
    expect(detail).toMatchObject({ status: '借阅中', shown: '已逾期', active: false });
    expect(detail!.items.map((i) => [i.title, i.secrecy, i.files.length])).toEqual([
      ['公开条目', '公开', 1],
      ['内部条目', '内部', 1],
    ]);
    expect(detail!.history.map((h) => h.what)).toEqual(['申请借阅', '档案管理员同意，转领导审批', '中心领导同意']);

    // Returning: another user may not; the borrower may; then no access; returning again is refused.
    expect(await returnLoan.execute(db(), clerk2, { loanId, version: 3, today: TODAY })).toMatchObject({ ok: false, error: '只有借阅人或档案管理员可以办理归还' });
    expect(await returnLoan.execute(db(), clerk, { loanId, version: 3, today: TODAY })).toMatchObject({ ok: true, data: { status: '已归还' } });
    expect(await activeLoanFor(db(), clerk.userId, items['内部条目'].id, TODAY)).toBeNull();
    expect(await returnLoan.execute(db(), clerk, { loanId, version: 4, today: TODAY })).toMatchObject({ ok: false, error: '该借阅未在借阅中，无需归还' });

    const audited = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.objectId, loanId), eq(auditLog.result, '成功'))).orderBy(auditLog.seq);
    expect(audited.map((x) => x.action)).toEqual(['申请借阅档案', '审批档案借阅', '领导审批档案借阅', '归还档案']);
  });

  it('公开 items: the archivist alone; the applicant cannot approve their own; the archivist returns it', async () => {
    const own = await request(archivist, { itemIds: [items['另一公开条目'].id] });
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    expect(own.data.needsLeader).toBe(false);
    expect(await approveLoan.execute(db(), archivist, { loanId: own.data.id, version: 1, today: TODAY })).toMatchObject({ ok: false, error: '不能审批本人的借阅申请' });

    const r = await request(finance);
    if (!r.ok) throw new Error(r.error);
    expect(await approveLoan.execute(db(), archivist, { loanId: r.data.id, version: 1, today: TODAY })).toMatchObject({ ok: true, data: { status: '借阅中' } });
    expect(await activeLoanFor(db(), finance.userId, items['公开条目'].id, TODAY)).not.toBeNull();
    expect(await returnLoan.execute(db(), archivist, { loanId: r.data.id, version: 2, today: TODAY })).toMatchObject({ ok: true });
  });

  it('refusal needs a reason and is taken by the approver of the step; refused loans give no access', async () => {
    const r = await request(clerk2, { itemIds: [items['内部条目'].id] });
    if (!r.ok) throw new Error(r.error);
    const loanId = r.data.id;
    expect(await refuseLoan.execute(db(), clerk, { loanId, version: 1, reason: '不行' })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    expect(await refuseLoan.execute(db(), leader, { loanId, version: 1, reason: '用途不明确' })).toMatchObject({ ok: false, error: '该借阅待档案管理员审批，您不能处理' });
    const empty = await refuseLoan.execute(db(), archivist, { loanId, version: 1, reason: ' ' });
    expect(empty).toMatchObject({ ok: false, error: '请填写不予批准的理由' });
    expect(await approveLoan.execute(db(), archivist, { loanId, version: 1, today: TODAY })).toMatchObject({ ok: true });
    expect(await refuseLoan.execute(db(), archivist, { loanId, version: 2, reason: '用途不明确' })).toMatchObject({ ok: false, error: '该借阅待中心领导审批，您不能处理' });
    expect(await refuseLoan.execute(db(), leader, { loanId, version: 2, reason: '内部档案不宜外借' })).toMatchObject({ ok: true, data: { status: '未批准' } });
    expect(await leaderApproveLoan.execute(db(), leader, { loanId, version: 3, today: TODAY })).toMatchObject({ ok: false, error: '该借阅已由他人处理，请刷新后重试' });
    expect(await activeLoanFor(db(), clerk2.userId, items['内部条目'].id, TODAY)).toBeNull();
    const detail = await getLoan(db(), loanId, TODAY);
    expect(detail!.history.at(-1)).toMatchObject({ what: '不予批准', note: '内部档案不宜外借' });
    expect(detail!.history.at(-1)!.who).toContain(leader.displayName);
    expect(await returnLoan.execute(db(), clerk2, { loanId, version: 3, today: TODAY })).toMatchObject({ ok: false, error: '该借阅未在借阅中，无需归还' });
  });

  it('the same person cannot borrow an item twice while a loan of it is open; after it ends they can', async () => {
    const first = await request(clerk2, { itemIds: [items['另一公开条目'].id], untilDate: '2027-03-05' });
    if (!first.ok) throw new Error(first.error);
    const before = await snapshotDb(db());
    const again = await request(clerk2, { itemIds: [items['公开条目'].id, items['另一公开条目'].id] });
    expect(again).toMatchObject({ ok: false, error: `《另一公开条目》（档号 ${items['另一公开条目'].archiveNo}）已在您的借阅中，不能重复借阅` });
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
    // Someone else may ask for it.
    expect((await request(clerk, { itemIds: [items['另一公开条目'].id] })).ok).toBe(true);
    // Once the first loan's period has passed, a new request is accepted.
    expect((await request(clerk2, { itemIds: [items['另一公开条目'].id], today: '2027-03-06', untilDate: '2027-03-20' })).ok).toBe(true);
  });

  it('concurrent decisions: one wins, the other is told the loan was handled; concurrent requests of one item: one passes', async () => {
    const r = await request(finance, { itemIds: [items['另一公开条目'].id] });
    if (!r.ok) throw new Error(r.error);
    const second = await createActor(db(), ['archivist']);
    const results = await Promise.all([approveLoan.execute(db(), archivist, { loanId: r.data.id, version: 1, today: TODAY }), approveLoan.execute(db(), second, { loanId: r.data.id, version: 1, today: TODAY })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.find((x) => !x.ok)).toMatchObject({ error: '该借阅已由他人处理，请刷新后重试' });
    const someone = await createActor(db(), ['chief']);
    const twin = await Promise.all([request(someone), request(someone)]);
    expect(twin.filter((x) => x.ok)).toHaveLength(1);
    expect(twin.find((x) => !x.ok)).toMatchObject({ error: expect.stringContaining('已在您的借阅中，不能重复借阅') });
  });

  it('bad input: Chinese messages, nothing written', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['until today', { untilDate: TODAY }, /归还日期须晚于今天（2027-03-01），最早为 2027-03-02/],
      ['past date', { untilDate: '2027-02-01' }, /归还日期须晚于今天/],
      ['too far', { untilDate: '2027-04-01' }, /借阅期限最长 30 天，归还日期不能晚于 2027-03-31/],
      ['impossible date', { untilDate: '2027-02-30' }, /归还日期格式应为 YYYY-MM-DD/],
      ['other format', { untilDate: '2027/3/5' }, /归还日期格式应为 YYYY-MM-DD/],
      ['no date', { untilDate: '' }, /请填写归还日期/],
      ['empty purpose', { purpose: '  ' }, /请填写借阅用途/],
      ['short purpose', { purpose: '看' }, /借阅用途至少需要 2 个字符/],
      ['long purpose', { purpose: '查'.repeat(201) }, /借阅用途不能超过 200 个字符/],
      ['no items', { itemIds: [] }, /请至少选择 1 个要借阅的档案条目/],
      ['items missing', { itemIds: undefined }, /请选择要借阅的档案条目/],
      ['too many items', { itemIds: Array.from({ length: 51 }, (_, i) => `x${i}`) }, /一次最多借阅 50 个档案条目/],
      ['unknown id', { itemIds: ['no-such-item'] }, /所选档案条目不存在/],
      ['bad id', { itemIds: ["'; drop table x"] }, /档案条目标识无效/],
    ];
    const before = await snapshotDb(db());
    for (const [name, over, message] of cases) {
      const r = await request(clerk, over);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error, name).toMatch(message);
    }
    for (const bad of [null, 'x', [], { loanId: 'nope', version: 1 }, { loanId: 'nope', version: 'a' }]) {
      const r = await approveLoan.execute(db(), archivist, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
  });
});

describe('借阅: the file route serves borrowed items, within the period, to the borrower only', () => {
  it('200 with the bytes while 借阅中; 403 the day after, for another user, for an item not lent, and after return; every view audited', async () => {
    const fileOf = async (title: string) => (await db().select({ id: archiveItemFiles.id }).from(archiveItemFiles).where(eq(archiveItemFiles.itemId, items[title].id)))[0].id;
    await addItem('借阅下载条目', '公开', archiveIdForFiles);
    const r = await request(clerk2, { itemIds: [items['借阅下载条目'].id], untilDate: '2027-03-05' });
    if (!r.ok) throw new Error(r.error);
    expect(await approveLoan.execute(db(), archivist, { loanId: r.data.id, version: 1, today: TODAY })).toMatchObject({ ok: true, data: { status: '借阅中' } });
    const file = await fileOf('借阅下载条目');
    const ok = await archiveFileResponse(db(), clerk2, file, {}, TODAY);
    expect(ok.status).toBe(200);
    expect(new TextDecoder().decode(await ok.arrayBuffer())).toContain('借阅下载条目');
    const [seen] = await db().select({ message: auditLog.message }).from(auditLog).where(and(eq(auditLog.objectId, file), eq(auditLog.action, '查看档案文件'))).orderBy(desc(auditLog.seq)).limit(1);
    expect(seen.message).toContain('借阅至 2027-03-05');
    for (const [who, id, today] of [
      [clerk2, file, '2027-03-06'],
      [clerk, file, TODAY],
      [clerk2, await fileOf('内部条目'), TODAY],
      [clerk2, 'no-such-file', TODAY],
    ] as const) {
      const refused = await archiveFileResponse(db(), who, id, {}, today);
      expect(refused.status, `${id} ${today}`).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe(NOT_BORROWED_MESSAGE);
    }
    expect(await returnLoan.execute(db(), clerk2, { loanId: r.data.id, version: 2, today: TODAY })).toMatchObject({ ok: true });
    expect((await archiveFileResponse(db(), clerk2, file, {}, TODAY)).status).toBe(403);
    // The archivist reads any file without a loan.
    expect((await archiveFileResponse(db(), archivist, file, {}, TODAY)).status).toBe(200);
  });
});

describe('借阅: lists and workbench reminders', () => {
  it('overdue and ending loans for the borrower; waiting and overdue for the archivist; waiting for the leader', async () => {
    const fresh = await createActor(db(), ['clerk']);
    const ending = await request(fresh, { itemIds: [items['公开条目'].id], untilDate: '2027-03-03' });
    const late = await request(fresh, { itemIds: [items['内部条目'].id], untilDate: '2027-03-20' });
    if (!ending.ok || !late.ok) throw new Error('request failed');
    expect(await approveLoan.execute(db(), archivist, { loanId: ending.data.id, version: 1, today: TODAY })).toMatchObject({ ok: true });

    const keysOf = async (a: Actor, today: string) => (await loanTodos(db(), a, today)).map((t) => `${t.key}:${t.count}`);
    expect(await keysOf(fresh, TODAY)).toEqual(['archive-loans-ending:1']);
    expect((await keysOf(archivist, TODAY)).some((k) => k.startsWith('archive-loans-waiting:'))).toBe(true);
    // The leader approves the 内部 one; time passes beyond the first loan's end.
    expect(await approveLoan.execute(db(), archivist, { loanId: late.data.id, version: 1, today: TODAY })).toMatchObject({ ok: true });
    expect(await keysOf(leader, TODAY)).toContain('archive-loans-leader:1');
    expect(await leaderApproveLoan.execute(db(), leader, { loanId: late.data.id, version: 2, today: TODAY })).toMatchObject({ ok: true });
    const later = '2027-03-04';
    const todos = await loanTodos(db(), fresh, later);
    expect(todos.map((t) => `${t.key}:${t.count}`)).toEqual(['archive-loans-overdue:1']);
    expect(todos[0]).toMatchObject({ tone: 'error', path: `/archives/loans?scope=mine&status=${encodeURIComponent('已逾期')}` });
    expect(todos[0].refs[0]).toMatchObject({ id: ending.data.id, code: items['公开条目'].archiveNo, href: `/archives/loans/${ending.data.id}` });
    expect(await keysOf(fresh, '2027-03-18')).toEqual(['archive-loans-overdue:1', 'archive-loans-ending:1']);
    expect((await loanTodos(db(), archivist, later)).find((t) => t.key === 'archive-loans-overdue-all')?.count).toBeGreaterThanOrEqual(1);

    // The list: 已逾期 derived from 借阅中 past the until date.
    const mine = await listLoans(db(), { userId: fresh.userId, permissions: fresh.permissions }, ZLoanFilter.parse({}), later);
    expect(mine.scope).toBe('mine');
    expect(mine.rows.map((r) => r.shown).sort()).toEqual(['借阅中', '已逾期']);
    const overdue = await listLoans(db(), { userId: fresh.userId, permissions: fresh.permissions }, ZLoanFilter.parse({ status: '已逾期' }), later);
    expect(overdue.rows.map((r) => r.id)).toEqual([ending.data.id]);
    const lent = await listLoans(db(), { userId: fresh.userId, permissions: fresh.permissions }, ZLoanFilter.parse({ status: '借阅中' }), later);
    expect(lent.rows.map((r) => r.id)).toEqual([late.data.id]);
    // A clerk asking for the archivist's scope gets their own.
    expect((await listLoans(db(), { userId: fresh.userId, permissions: fresh.permissions }, ZLoanFilter.parse({ scope: 'all' }), later)).scope).toBe('mine');
    const waiting = await listLoans(db(), { userId: archivist.userId, permissions: archivist.permissions }, ZLoanFilter.parse({ scope: 'todo' }), later);
    expect(waiting.rows.every((r) => r.status === '待审批' && r.borrowerId !== archivist.userId)).toBe(true);
  });
});

describe('借阅: demo archive items', () => {
  it('a few 演示 items per demo project archive, each with a valid PDF; idempotent', async () => {
    const pdf = tinyPdf('Demo');
    expect(sniffDocumentType(pdf)).toBe('application/pdf');
    expect(documentProblem('a.pdf', pdf)).toBeNull();
    expect(await seedArchivesDemo(db())).toBe(0); // no demo archivist yet
    await createActor(db(), ['archivist'], { username: 'archivist' });
    await db().update(reserveProjects).set({ isDemo: true }).where(eq(reserveProjects.code, 'XM-JY-01'));
    expect(await seedArchivesDemo(db())).toBe(3);
    expect(await seedArchivesDemo(db())).toBe(0);
    const demo = await db().select({ id: archiveItems.id, title: archiveItems.title, secrecy: archiveItems.secrecy }).from(archiveItems).where(eq(archiveItems.isDemo, true));
    expect(demo.every((d) => d.title.includes('演示'))).toBe(true);
    expect(demo.map((d) => d.secrecy).sort()).toEqual(['公开', '公开', '内部']);
    const files = await db().select({ n: archiveItemFiles.id }).from(archiveItemFiles).where(inArray(archiveItemFiles.itemId, demo.map((d) => d.id)));
    expect(files).toHaveLength(3);
  });
});
