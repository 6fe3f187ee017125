import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../src/platform/db/client';
import { defineMutation, fail, PERMISSION_DENIED, SESSION_EXPIRED } from '../../src/platform/action';
import { departments } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { zText } from '../../src/platform/validation';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { MUST_CHANGE_PASSWORD_MESSAGE, permissionsInForce } from '../../src/platform/auth/must-change';
import { listAuditEntries, ZAuditFilter } from '../../src/modules/audit-log/queries';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const createDept = defineMutation({
  name: '测试新建科室',
  permission: 'org:manage',
  objectType: '科室',
  schema: z.object({ name: zText('科室名称', { max: 64 }), failAfterInsert: z.boolean().optional(), crash: z.boolean().optional() }),
  async run(ctx, input) {
    const [row] = await ctx.tx.insert(departments).values({ name: input.name }).returning();
    await ctx.audit({ action: '测试新建科室', objectType: '科室', objectId: row.id, before: null, after: { name: row.name } });
    if (input.failAfterInsert) fail('科室名称与规则冲突');
    if (input.crash) throw new Error('database exploded: secret detail');
    return { id: row.id };
  },
});

const silent = defineMutation({
  name: '不写审计的操作',
  permission: 'org:manage',
  objectType: '科室',
  schema: z.object({}),
  async run(ctx) {
    await ctx.tx.insert(departments).values({ name: '不应保存' });
    return null;
  },
});

async function deptNamed(name: string) {
  return database.db.select().from(departments).where(eq(departments.name, name));
}
async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('defineMutation', () => {
  it('runs the body and its audit entry in one transaction', async () => {
    const actor = await createActor(database.db, ['sysadmin']);
    const res = await createDept.execute(database.db, actor, { name: '  测试科  ' });
    expect(res.ok).toBe(true);
    expect(await deptNamed('测试科')).toHaveLength(1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '测试新建科室', result: '成功', userId: actor.userId, roleNames: '系统管理员', ip: '127.0.0.1' });
    expect(JSON.parse(audit.diff!)).toEqual({ name: { from: null, to: '测试科' } });
  });

  it('refuses without a session and audits the anonymous attempt', async () => {
    expect(await createDept.execute(database.db, null, { name: '匿名科' })).toEqual({ ok: false, error: SESSION_EXPIRED });
    expect(await deptNamed('匿名科')).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: null, message: '未登录' });
  });

  it('refuses without the permission and audits the denial', async () => {
    const clerk = await createActor(database.db, ['clerk']);
    expect(await createDept.execute(database.db, clerk, { name: '越权科' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await deptNamed('越权科')).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: clerk.userId });
  });

  it.each([
    [{ name: '' }, '请填写科室名称'],
    [{ name: 'x'.repeat(65) }, '科室名称不能超过 64 个字符'],
    [{ name: 'a\u0000b' }, '科室名称不能包含控制字符'],
    [{}, '请填写科室名称'],
    ['not an object', undefined],
  ])('rejects bad input %j with a Chinese message and writes nothing', async (input, message) => {
    const actor = await createActor(database.db, ['sysadmin']);
    const before = await database.db.select().from(departments);
    const res = await createDept.execute(database.db, actor, input);
    expect(res.ok).toBe(false);
    if (!res.ok && message) expect(res.error).toBe(message);
    if (!res.ok) expect(res.error).toMatch(/[\u4e00-\u9fa5]/);
    expect(await database.db.select().from(departments)).toHaveLength(before.length);
  });

  it('rolls back everything, including the success audit, when the body fails', async () => {
    const actor = await createActor(database.db, ['sysadmin']);
    const res = await createDept.execute(database.db, actor, { name: '回滚科', failAfterInsert: true });
    expect(res).toEqual({ ok: false, error: '科室名称与规则冲突' });
    expect(await deptNamed('回滚科')).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ result: '失败', message: '科室名称与规则冲突' });
  });

  it('hides unexpected errors behind a generic Chinese message', async () => {
    const actor = await createActor(database.db, ['sysadmin']);
    const res = await createDept.execute(database.db, actor, { name: '崩溃科', crash: true });
    expect(res).toEqual({ ok: false, error: '操作失败，请稍后重试' });
    expect(await deptNamed('崩溃科')).toHaveLength(0);
    expect((await lastAudit()).message).toBe('系统错误');
  });

  it('refuses a mutation that forgot to audit', async () => {
    const actor = await createActor(database.db, ['sysadmin']);
    expect((await silent.execute(database.db, actor, {})).ok).toBe(false);
    expect(await deptNamed('不应保存')).toHaveLength(0);
  });

  it('keeps the chain linear under concurrent mutations', async () => {
    const actor = await createActor(database.db, ['sysadmin']);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => createDept.execute(database.db, actor, { name: `并发科${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    const verdict = await verifyAuditChain(database.db);
    expect(verdict.ok).toBe(true);
  });

  it('detects a tampered entry', async () => {
    const [victim] = await database.db.select().from(auditLog).orderBy(auditLog.seq).limit(1).offset(2);
    // The table refuses UPDATE (migration 0018); its owner can switch the guard off, as an intruder would.
    await database.db.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard_row'));
    await database.db.update(auditLog).set({ username: 'nobody' }).where(eq(auditLog.seq, victim.seq));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: victim.seq });
    await database.db.update(auditLog).set({ username: victim.username }).where(eq(auditLog.seq, victim.seq));
    await database.db.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard_row'));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});

describe('audit log queries', () => {
  it('filters by user, action, result and time, newest first, with paging', async () => {
    const all = await listAuditEntries(database.db, ZAuditFilter.parse({}));
    expect(all.total).toBeGreaterThan(10);
    expect(all.rows[0].seq).toBeGreaterThan(all.rows[1].seq);
    const denied = await listAuditEntries(database.db, ZAuditFilter.parse({ result: '拒绝' }));
    expect(denied.total).toBe(2);
    const action = await listAuditEntries(database.db, ZAuditFilter.parse({ action: '测试新建科室', result: '成功' }));
    expect(action.rows.every((r) => r.action === '测试新建科室' && r.result === '成功')).toBe(true);
    const page2 = await listAuditEntries(database.db, ZAuditFilter.parse({ page: '2', size: '10' }));
    expect(page2.rows[0].seq).toBe(all.rows[10].seq);
    const future = await listAuditEntries(database.db, ZAuditFilter.parse({ from: '2099-01-01', to: '2099-01-02' }));
    expect(future.total).toBe(0);
    const user = await listAuditEntries(database.db, ZAuditFilter.parse({ user: 't_sysadmin' }));
    expect(user.rows.every((r) => r.username?.startsWith('t_sysadmin'))).toBe(true);
  });

  it('ignores malformed filters instead of failing', () => {
    expect(ZAuditFilter.parse({ page: 'abc', size: '100000', from: '2020-13', result: 'bogus' })).toEqual({ page: 1, size: 20 });
  });
});

// Last: it adds a denial, which the audit-log query counts above would see.
describe('a password to change first', () => {
  it('refuses a user who must first change a password set by someone else, even holding the permission', async () => {
    const fresh = await createActor(database.db, ['sysadmin']);
    const pending = { ...fresh, mustChangePassword: true, permissions: permissionsInForce({ mustChangePassword: true, permissions: fresh.permissions }) };
    expect([...pending.permissions]).toEqual(['profile:password']);
    expect(await createDept.execute(database.db, pending, { name: '改密前科' })).toEqual({ ok: false, error: MUST_CHANGE_PASSWORD_MESSAGE });
    expect(await deptNamed('改密前科')).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: fresh.userId, message: '须先修改初始密码（org:manage）' });
    // Once changed, the same user's permissions are in force again.
    expect(permissionsInForce({ mustChangePassword: false, permissions: fresh.permissions })).toBe(fresh.permissions);
  });
});
