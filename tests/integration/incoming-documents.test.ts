import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { departments, users } from '../../src/platform/auth/schema';
import { attachments } from '../../src/platform/storage/schema';
import { incomingAssignments, incomingCounters, incomingDocuments, incomingSteps } from '../../src/modules/documents/incoming/schema';
import {
  archiveIncoming,
  assignIncoming,
  completeIncoming,
  deleteIncomingAttachment,
  handleIncoming,
  instructIncoming,
  proposeIncoming,
  registerIncoming,
  returnIncoming,
  uploadIncomingAttachment,
} from '../../src/modules/documents/incoming/mutations';
import { getIncoming, listIncoming } from '../../src/modules/documents/incoming/queries';
import { incomingTodos } from '../../src/modules/documents/incoming/todos';
import { incomingFileResponse } from '../../src/modules/documents/incoming/files';
import { exportIncomingXlsx } from '../../src/modules/documents/incoming/export';
import { ZIncomingFilter } from '../../src/modules/documents/incoming/validation';
import { addDays } from '../../src/modules/documents/incoming/rules';
import { todayInShanghai } from '../../src/ui/format';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { actorFor, createActor } from '../helpers/actors';

let database: Database;
const db = () => database.db;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));

let clerk: Actor; // 经办, 收储科: 登记, 办理 for 收储科
let clerkKf: Actor; // 经办, 开发科
let chief: Actor; // 科室负责人, 收储科: 拟办, 分办, 办结
let leader: Actor; // 中心领导: 批示
let archivist: Actor; // 档案管理员: 归档
let auditor: Actor; // 审计: view only
let sck: string;
let kfk: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function inDepartment(actor: Actor, departmentId: string): Promise<Actor> {
  await db().update(users).set({ departmentId }).where(eq(users.id, actor.userId));
  return actorFor(db(), actor.userId);
}

const REG = {
  senderOrg: '益阳市自然资源和规划局',
  senderNo: '益自然资发〔2026〕8号',
  title: '关于报送2026年度土地储备计划执行情况的通知',
  docType: '通知',
  urgency: '加急',
  secrecy: '内部',
  receivedOn: today,
  writtenOn: addDays(today, -3),
  pageCount: '4',
  summary: '请于月底前报送执行情况。',
};

async function register(over: Record<string, unknown> = {}, actor = clerk): Promise<string> {
  const r = await registerIncoming.execute(db(), actor, { ...REG, ...over });
  if (!r.ok) throw new Error(r.error);
  return r.data.id;
}

async function docOf(id: string) {
  const [d] = await db().select().from(incomingDocuments).where(eq(incomingDocuments.id, id));
  return d;
}

async function partsOf(id: string) {
  return db().select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id)).orderBy(asc(incomingAssignments.assignedAt), asc(incomingAssignments.id));
}

/** Registered, proposed and instructed: waiting for 分办. */
async function instructed(): Promise<string> {
  const id = await register();
  expect((await proposeIncoming.execute(db(), chief, { id, opinion: '拟请收储科办理' })).ok).toBe(true);
  expect((await instructIncoming.execute(db(), leader, { id, opinion: '同意，请收储科按期报送' })).ok).toBe(true);
  return id;
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-incoming-'));
  resetConfigCache();
  database = await createTestDatabase();
  const [centre] = await db().insert(departments).values({ name: '测试中心', code: 'T_CENTRE' }).returning({ id: departments.id });
  [{ id: sck }] = await db().insert(departments).values({ name: '收储科', code: 'T_SCK', parentId: centre.id, sortOrder: 10 }).returning({ id: departments.id });
  [{ id: kfk }] = await db().insert(departments).values({ name: '开发科', code: 'T_KFK', parentId: centre.id, sortOrder: 20 }).returning({ id: departments.id });
  clerk = await inDepartment(await createActor(db(), ['clerk']), sck);
  clerkKf = await inDepartment(await createActor(db(), ['clerk']), kfk);
  chief = await inDepartment(await createActor(db(), ['chief']), sck);
  leader = await createActor(db(), ['leader']);
  archivist = await createActor(db(), ['archivist']);
  auditor = await createActor(db(), ['auditor']);
});

afterAll(async () => {
  await database?.close();
});

describe('收文登记', () => {
  it('登记 assigns the next 收文编号 of the year and records the step, the audit entry and the links', async () => {
    const before = (await db().select({ v: incomingCounters.lastValue }).from(incomingCounters).where(eq(incomingCounters.year, year)))[0]?.v ?? 0;
    const r = await registerIncoming.execute(db(), clerk, REG);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.receiptNo).toBe(`收文〔${year}〕${before + 1}号`);
    const d = await docOf(r.data.id);
    expect(d).toMatchObject({ state: 'registered', receiptSeq: before + 1, senderNo: REG.senderNo, pageCount: 4, urgency: '加急', secrecy: '内部', registeredBy: clerk.userId });
    const steps = await db().select().from(incomingSteps).where(eq(incomingSteps.documentId, r.data.id));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ action: 'register', toState: 'registered', actorId: clerk.userId, actorName: clerk.displayName });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, '登记收文'), eq(auditLog.objectId, r.data.id)));
    expect(audit.result).toBe('成功');
  });

  it('bad input is refused with a Chinese message and nothing is saved (and no number is used up)', async () => {
    const [{ n: before }] = await db().select({ n: count() }).from(incomingDocuments);
    const counter = async () => (await db().select({ v: incomingCounters.lastValue }).from(incomingCounters).where(eq(incomingCounters.year, year)))[0]?.v;
    const c0 = await counter();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: '' }, /请填写标题/],
      [{ senderOrg: '   ' }, /请填写来文单位/],
      [{ docType: '命令' }, /文种应为/],
      [{ urgency: '特快' }, /紧急程度应为/],
      [{ secrecy: '秘密' }, /密级应为/],
      [{ receivedOn: '2026-02-30' }, /收文日期应为有效日期/],
      [{ receivedOn: addDays(today, 2) }, /收文日期不能晚于今天/],
      [{ writtenOn: addDays(today, 1) }, /成文日期不能晚于/],
      [{ receivedOn: addDays(today, -10), writtenOn: addDays(today, -5) }, /成文日期不能晚于收文日期/],
      [{ pageCount: '0' }, /页数应为/],
      [{ pageCount: '3.5' }, /页数应为/],
      [{ title: 'x'.repeat(201) }, /标题不能超过 200 个字符/],
      [{ title: '正常\u202e标题' }, /不可见/],
      [{ projectId: 'no-such-project' }, /储备项目不存在/],
    ];
    for (const [over, message] of cases) {
      const r = await registerIncoming.execute(db(), clerk, { ...REG, ...over });
      expect(r.ok, JSON.stringify(over)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    const [{ n: after }] = await db().select({ n: count() }).from(incomingDocuments);
    expect(after).toBe(before);
    expect(await counter()).toBe(c0);
  });

  it('登记 needs incoming:register', async () => {
    for (const a of [leader, auditor, archivist]) {
      const r = await registerIncoming.execute(db(), a, REG);
      expect(r).toEqual({ ok: false, error: PERMISSION_DENIED });
    }
  });

  it('50 parallel 登记 get 50 consecutive, unique numbers', async () => {
    const [{ v: start }] = await db().select({ v: incomingCounters.lastValue }).from(incomingCounters).where(eq(incomingCounters.year, year));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => registerIncoming.execute(db(), clerk, { ...REG, title: `并发登记 ${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    const seqs = (await db().select({ s: incomingDocuments.receiptSeq, no: incomingDocuments.receiptNo }).from(incomingDocuments).where(eq(incomingDocuments.receiptYear, year)))
      .filter((r) => r.s > start)
      .map((r) => r.s)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => start + i + 1));
  });

  it('a year without a counter row: parallel registrations create it once and continue after the highest number used', async () => {
    await db().delete(incomingCounters).where(eq(incomingCounters.year, year));
    // Rows of this year exist: the recreated counter continues after the highest number used.
    const [{ max }] = await db().select({ max: sql<number>`max(${incomingDocuments.receiptSeq})`.mapWith(Number) }).from(incomingDocuments).where(eq(incomingDocuments.receiptYear, year));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => registerIncoming.execute(db(), clerk, { ...REG, title: `新年度 ${i}` })));
    expect(results.every((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok))).toBe(true);
    const nos = results.map((r) => (r.ok ? r.data.receiptNo : '')).sort();
    expect(new Set(nos).size).toBe(10);
    const [{ v }] = await db().select({ v: incomingCounters.lastValue }).from(incomingCounters).where(eq(incomingCounters.year, year));
    expect(v).toBe(max + 10);
  });
});

describe('收文办理流程', () => {
  it('walks 登记 → 拟办 → 批示 → 分办 → 办理 → 办结 → 归档, each by its role, with the history', async () => {
    const id = await register();
    expect((await proposeIncoming.execute(db(), chief, { id, opinion: '拟请收储科、开发科办理' })).ok).toBe(true);
    expect((await docOf(id)).state).toBe('proposed');
    expect((await instructIncoming.execute(db(), leader, { id, opinion: '同意' })).ok).toBe(true);
    expect((await docOf(id)).state).toBe('instructed');
    const due = addDays(today, 5);
    const a = await assignIncoming.execute(db(), chief, { id, opinion: '请按期办理', parts: [{ departmentId: sck, dueOn: due, request: '报送执行情况' }, { departmentId: kfk, dueOn: due }] });
    expect(a.ok, JSON.stringify(a)).toBe(true);
    expect((await docOf(id)).state).toBe('handling');
    const [p1, p2] = await partsOf(id);
    expect(p1).toMatchObject({ departmentId: sck, status: 'pending', dueOn: due, request: '报送执行情况' });

    // 办结 only when every part is done.
    const early = await completeIncoming.execute(db(), chief, { id });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatch(/还有 2 个科室未办理完毕/);

    expect((await handleIncoming.execute(db(), clerk, { assignmentId: p1.id, opinion: '已报送' })).ok).toBe(true);
    const half = await completeIncoming.execute(db(), chief, { id });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.error).toMatch(/还有 1 个科室未办理完毕/);
    expect((await handleIncoming.execute(db(), clerkKf, { assignmentId: p2.id, opinion: '无开发项目需报送' })).ok).toBe(true);

    // 归档 before 办结 is out of turn.
    const arch = await archiveIncoming.execute(db(), archivist, { id });
    expect(arch.ok).toBe(false);
    if (!arch.ok) expect(arch.error).toMatch(/办结后才能归档/);

    const done = await completeIncoming.execute(db(), chief, { id, opinion: '已按要求报送', replyDocId: 'FW-001', replyDocTitle: '关于2026年度土地储备计划执行情况的报告' });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect(await docOf(id)).toMatchObject({ state: 'completed', replyDocId: 'FW-001', replyDocTitle: '关于2026年度土地储备计划执行情况的报告', completedBy: chief.userId });
    expect((await archiveIncoming.execute(db(), archivist, { id })).ok).toBe(true);
    expect((await docOf(id)).state).toBe('archived');

    const detail = (await getIncoming(db(), id))!;
    expect(detail.steps.map((s) => s.action)).toEqual(['register', 'propose', 'instruct', 'assign', 'handle', 'handle', 'complete', 'archive']);
    expect(detail.steps.map((s) => s.actor?.name)).toEqual([clerk, chief, leader, chief, clerk, clerkKf, chief, archivist].map((a) => a.displayName));
    expect(detail.steps[1].opinion).toBe('拟请收储科、开发科办理');
    expect(detail.steps[4]).toMatchObject({ departmentName: '收储科', opinion: '已报送' });
    expect(detail.assignments.map((p) => p.status)).toEqual(['done', 'done']);
    expect(detail.people.instructedBy?.name).toBe(leader.displayName);
  });

  it('each step needs its permission: a clerk cannot 拟办, a chief cannot 批示, a leader cannot 分办, nobody but the archivist 归档', async () => {
    const id = await register();
    expect(await proposeIncoming.execute(db(), clerk, { id, opinion: 'x' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await proposeIncoming.execute(db(), leader, { id, opinion: 'x' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect((await proposeIncoming.execute(db(), chief, { id, opinion: '拟办' })).ok).toBe(true);
    expect(await instructIncoming.execute(db(), chief, { id, opinion: 'x' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect((await instructIncoming.execute(db(), leader, { id, opinion: '同意' })).ok).toBe(true);
    expect(await assignIncoming.execute(db(), leader, { id, parts: [{ departmentId: sck, dueOn: today }] })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await assignIncoming.execute(db(), clerk, { id, parts: [{ departmentId: sck, dueOn: today }] })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await archiveIncoming.execute(db(), chief, { id })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await handleIncoming.execute(db(), leader, { assignmentId: 'x', opinion: 'x' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect((await docOf(id)).state).toBe('instructed');
  });

  it('out-of-turn steps are refused with the state in words, and nothing is written', async () => {
    const id = await register();
    const steps = async () => (await db().select({ n: count() }).from(incomingSteps).where(eq(incomingSteps.documentId, id)))[0].n;
    const r1 = await instructIncoming.execute(db(), leader, { id, opinion: '同意' });
    expect(r1).toEqual({ ok: false, error: '该收文尚未拟办，请先由办公室拟办，再呈领导批示' });
    const r2 = await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: sck, dueOn: today }] });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error).toMatch(/须先经拟办和领导批示后才能分办/);
    const r3 = await completeIncoming.execute(db(), chief, { id });
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.error).toBe('该收文当前为「待拟办」，不能办结');
    expect((await docOf(id)).state).toBe('registered');
    expect(await steps()).toBe(1);
    expect(await partsOf(id)).toHaveLength(0);
  });

  it('拟办 twice at once: one passes, the other is refused (the row is locked)', async () => {
    const id = await register();
    const chief2 = await inDepartment(await createActor(db(), ['chief']), kfk);
    const results = await Promise.all([proposeIncoming.execute(db(), chief, { id, opinion: '甲' }), proposeIncoming.execute(db(), chief2, { id, opinion: '乙' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toEqual({ ok: false, error: '该收文已拟办，不能重复拟办，请刷新后查看' });
    const steps = await db().select().from(incomingSteps).where(and(eq(incomingSteps.documentId, id), eq(incomingSteps.action, 'propose')));
    expect(steps).toHaveLength(1);
  });

  it('办理 twice at once and 办结 twice at once: each done exactly once', async () => {
    const id = await instructed();
    expect((await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: sck, dueOn: today }] })).ok).toBe(true);
    const [p] = await partsOf(id);
    const handled = await Promise.all([handleIncoming.execute(db(), clerk, { assignmentId: p.id, opinion: '甲' }), handleIncoming.execute(db(), chief, { assignmentId: p.id, opinion: '乙' })]);
    expect(handled.filter((r) => r.ok)).toHaveLength(1);
    expect(handled.find((r) => !r.ok)).toEqual({ ok: false, error: '本科室已办理完毕，不能重复办理，请刷新后查看' });
    const completed = await Promise.all([completeIncoming.execute(db(), chief, { id }), completeIncoming.execute(db(), chief, { id })]);
    expect(completed.filter((r) => r.ok)).toHaveLength(1);
    expect(completed.find((r) => !r.ok)).toEqual({ ok: false, error: '该收文已办结，不能重复办结，请刷新后查看' });
    expect(await db().select().from(incomingSteps).where(and(eq(incomingSteps.documentId, id), eq(incomingSteps.action, 'complete')))).toHaveLength(1);
  });

  it('a department handles only its own part', async () => {
    const id = await instructed();
    expect((await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: kfk, dueOn: today }] })).ok).toBe(true);
    const [p] = await partsOf(id);
    expect(await handleIncoming.execute(db(), clerk, { assignmentId: p.id, opinion: '越权办理' })).toEqual({ ok: false, error: '只能办理本科室的分办事项' });
    expect(await returnIncoming.execute(db(), clerk, { assignmentId: p.id, opinion: '越权退回' })).toEqual({ ok: false, error: '只能办理本科室的分办事项' });
    const noDept = await createActor(db(), ['clerk']);
    expect(await handleIncoming.execute(db(), noDept, { assignmentId: p.id, opinion: 'x' })).toEqual({ ok: false, error: '只能办理本科室的分办事项' });
    expect((await partsOf(id))[0].status).toBe('pending');
    expect((await handleIncoming.execute(db(), clerkKf, { assignmentId: p.id, opinion: '已办理' })).ok).toBe(true);
  });

  it('a department returns its part to 分办 with a reason; 办结 waits until it is assigned again and done', async () => {
    const id = await instructed();
    expect((await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: kfk, dueOn: addDays(today, 3) }] })).ok).toBe(true);
    const [p] = await partsOf(id);
    const noReason = await returnIncoming.execute(db(), clerkKf, { assignmentId: p.id, opinion: '  ' });
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error).toBe('请填写退回原因');
    expect((await returnIncoming.execute(db(), clerkKf, { assignmentId: p.id, opinion: '不属于本科室职责，建议由收储科办理' })).ok).toBe(true);
    expect((await partsOf(id))[0]).toMatchObject({ status: 'returned', returnReason: '不属于本科室职责，建议由收储科办理', returnedBy: clerkKf.userId });
    // A returned part cannot be handled any more.
    const late = await handleIncoming.execute(db(), clerkKf, { assignmentId: p.id, opinion: 'x' });
    expect(late.ok).toBe(false);
    const c = await completeIncoming.execute(db(), chief, { id });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatch(/退回了分办，请先重新分办/);
    // The todo of the assigner names it again.
    const todos = await incomingTodos(db(), chief);
    expect(todos.find((t) => t.key === 'incoming-assign')?.refs.map((r) => r.id)).toContain(id);

    expect((await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: sck, dueOn: addDays(today, 3) }] })).ok).toBe(true);
    const parts = await partsOf(id);
    expect(parts.map((x) => [x.departmentId, x.status])).toEqual([
      [kfk, 'reassigned'],
      [sck, 'pending'],
    ]);
    // No second 分办 while nothing is returned.
    const again = await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: kfk, dueOn: today }] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatch(/没有退回的科室/);
    expect((await handleIncoming.execute(db(), clerk, { assignmentId: parts[1].id, opinion: '已办理' })).ok).toBe(true);
    expect((await completeIncoming.execute(db(), chief, { id })).ok).toBe(true);
    const detail = (await getIncoming(db(), id))!;
    expect(detail.steps.map((s) => s.action)).toEqual(['register', 'propose', 'instruct', 'assign', 'return', 'assign', 'handle', 'complete']);
  });

  it('分办 input: a department twice, a due date in the past, an unknown department, none at all', async () => {
    const id = await instructed();
    const cases: [unknown, RegExp][] = [
      [{ id, parts: [] }, /请至少选择一个承办科室/],
      [{ id, parts: [{ departmentId: sck, dueOn: today }, { departmentId: sck, dueOn: today }] }, /同一科室不能重复分办/],
      [{ id, parts: [{ departmentId: sck, dueOn: addDays(today, -1) }] }, /办理期限不能早于今天/],
      [{ id, parts: [{ departmentId: sck, dueOn: '2026/13/01' }] }, /办理期限应为有效日期/],
      [{ id, parts: [{ departmentId: 'no-such-dept', dueOn: today }] }, /承办科室不存在/],
    ];
    for (const [input, message] of cases) {
      const r = await assignIncoming.execute(db(), chief, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    expect(await partsOf(id)).toHaveLength(0);
    expect((await docOf(id)).state).toBe('instructed');
  });
});

describe('逾期与待办', () => {
  it('a part past its due date and not done is overdue: the list filter and the department todo put it first', async () => {
    const id = await instructed();
    expect((await assignIncoming.execute(db(), chief, { id, parts: [{ departmentId: sck, dueOn: addDays(today, 1) }, { departmentId: kfk, dueOn: addDays(today, 1) }] })).ok).toBe(true);
    // Time passes: move the due date of 收储科's part into the past.
    await db()
      .update(incomingAssignments)
      .set({ dueOn: addDays(today, -2) })
      .where(and(eq(incomingAssignments.documentId, id), eq(incomingAssignments.departmentId, sck)));
    const overdue = await listIncoming(db(), ZIncomingFilter.parse({ overdue: '1' }), today);
    expect(overdue.rows.map((r) => r.id)).toContain(id);
    const mine = await listIncoming(db(), ZIncomingFilter.parse({ overdue: '1', dept: kfk }), today);
    expect(mine.rows.map((r) => r.id)).not.toContain(id);

    const todos = await incomingTodos(db(), clerk);
    expect(todos[0].key).toBe('incoming-overdue');
    expect(todos[0].tone).toBe('error');
    expect(todos[0].refs.find((r) => r.id === id)?.name).toMatch(/逾期 2 天/);
    // 开发科's part is due tomorrow: within the reminder window (3 days) — a warning, not overdue.
    const kf = await incomingTodos(db(), clerkKf);
    expect(kf.find((t) => t.key === 'incoming-overdue')).toBeUndefined();
    const handle = kf.find((t) => t.key === 'incoming-handle')!;
    expect(handle.tone).toBe('warning');
    expect(handle.refs.find((r) => r.id === id)?.name).toMatch(/剩 1 天/);

    // Once handled it is no longer overdue.
    const [p] = (await partsOf(id)).filter((x) => x.departmentId === sck);
    expect((await handleIncoming.execute(db(), clerk, { assignmentId: p.id, opinion: '逾期办理完毕' })).ok).toBe(true);
    const after = await listIncoming(db(), ZIncomingFilter.parse({ overdue: '1' }), today);
    expect(after.rows.map((r) => r.id)).not.toContain(id);
  });

  it('todos follow the permissions: 拟办 for the chief, 批示 for the leader, 归档 for the archivist, none for the auditor', async () => {
    await register();
    const id = await register({ title: '待批示的收文' });
    expect((await proposeIncoming.execute(db(), chief, { id, opinion: '拟办' })).ok).toBe(true);
    expect((await incomingTodos(db(), chief)).map((t) => t.key)).toContain('incoming-propose');
    const leaderTodos = await incomingTodos(db(), leader);
    expect(leaderTodos.map((t) => t.key)).toEqual(['incoming-instruct']);
    expect(leaderTodos[0].refs.length).toBeGreaterThan(0);
    expect(leaderTodos[0].refs[0].href).toMatch(/^\/documents\/incoming\//);
    expect(await incomingTodos(db(), auditor)).toEqual([]);
    expect((await incomingTodos(db(), archivist)).map((t) => t.key)).toEqual(['incoming-archive']);
  });
});

describe('收文附件与导出', () => {
  it('uploads a PDF, refuses a disguised file, serves it to viewers only, refuses after 归档', async () => {
    const id = await register();
    const ok = await uploadIncomingAttachment.execute(db(), clerk, { documentId: id, fileName: '来文扫描件.pdf', bytes: PDF });
    expect(ok.ok).toBe(true);
    const exe = await uploadIncomingAttachment.execute(db(), clerk, { documentId: id, fileName: '来文.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) });
    expect(exe.ok).toBe(false);
    if (!exe.ok) expect(exe.error).toMatch(/按文件内容识别/);
    const script = await uploadIncomingAttachment.execute(db(), clerk, { documentId: id, fileName: '说明.pdf.exe', bytes: PDF });
    expect(script.ok).toBe(false);
    const empty = await uploadIncomingAttachment.execute(db(), clerk, { documentId: id, fileName: '空.pdf', bytes: new Uint8Array() });
    expect(empty.ok).toBe(false);
    expect(await uploadIncomingAttachment.execute(db(), leader, { documentId: id, fileName: 'a.pdf', bytes: PDF })).toEqual({ ok: false, error: PERMISSION_DENIED });
    const files = await db().select().from(attachments).where(eq(attachments.ownerId, id));
    expect(files).toHaveLength(1);
    if (!ok.ok) return;
    expect((await incomingFileResponse(db(), auditor, ok.data.id)).status).toBe(200);
    expect((await incomingFileResponse(db(), null, ok.data.id)).status).toBe(401);
    const nobody = await createActor(db(), ['sysadmin']);
    expect((await incomingFileResponse(db(), nobody, ok.data.id)).status).toBe(403);
    expect((await incomingFileResponse(db(), auditor, 'no-such-file')).status).toBe(404);
    expect((await deleteIncomingAttachment.execute(db(), clerk, { id: ok.data.id })).ok).toBe(true);
    expect(await db().select().from(attachments).where(eq(attachments.ownerId, id))).toHaveLength(0);
  });

  it('exports the filtered register as .xlsx', async () => {
    const { buffer, rows } = await exportIncomingXlsx(db(), chief, ZIncomingFilter.parse({ type: '通知' }));
    expect(rows).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('收文编号');
    expect(header).toContain('来文单位');
    expect(sheet.rowCount).toBe(rows + 1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, '导出收文登记簿'));
    expect(audit.length).toBe(1);
  });
});

describe('演示数据', () => {
  it('the demo seed adds one 收文 in each state, labelled as demo, one with an overdue part; a second run adds nothing', async () => {
    const { seedFoundationDemo } = await import('../../src/modules/admin/demo-seed');
    const { seedIncomingDemo } = await import('../../src/modules/documents/incoming/demo-seed');
    await seedFoundationDemo(db());
    expect(await seedIncomingDemo(db())).toEqual({ documents: 6 });
    const demo = await db().select().from(incomingDocuments).where(eq(incomingDocuments.isDemo, true));
    expect(demo.map((d) => d.state).sort()).toEqual(['archived', 'completed', 'handling', 'instructed', 'proposed', 'registered']);
    const overdue = await listIncoming(db(), ZIncomingFilter.parse({ overdue: '1' }), today);
    expect(overdue.rows.filter((r) => r.isDemo)).toHaveLength(1);
    const completed = demo.find((d) => d.state === 'completed')!;
    expect((await getIncoming(db(), completed.id))!.steps.map((s) => s.action)).toEqual(['register', 'propose', 'instruct', 'assign', 'handle', 'complete']);
    expect(await seedIncomingDemo(db())).toBeNull();
  });
});

describe('审计', () => {
  it('the audit log names a 收文 by its number and title, linking to it for viewers of 收文', async () => {
    const id = await register({ title: '审计对象测试' });
    const { resolveAuditObjects, auditObjectRef } = await import('../../src/modules/audit-log/object-refs');
    const ref = auditObjectRef(await resolveAuditObjects(db(), [{ objectType: '收文', objectId: id }], clerk), '收文', id);
    expect(ref).toMatchObject({ id, name: '审计对象测试', href: `/documents/incoming/${id}` });
    expect(ref?.code).toMatch(/^收文〔\d{4}〕\d+号$/);
  });

  it('every audit diff key has a Chinese name and the chain verifies', async () => {
    expect(await unlabelledAuditFields(db())).toEqual([]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
