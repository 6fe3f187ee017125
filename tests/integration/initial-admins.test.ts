import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { departments, roles, userRoles, userSessions, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { attemptLogin } from '../../src/platform/auth/login';
import { loadIdentity } from '../../src/platform/auth/identity';
import { resolveSession } from '../../src/platform/auth/session';
import { passwordProblem } from '../../src/platform/auth/password-policy';
import { createInitialAdmins, generateOneTimePassword, InitialAdminError, resetAdminPassword, type AdminAccount } from '../../src/platform/auth/initial-admins';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { unlabelledAuditFields } from '../helpers/audit-labels';

let database: Database;
const db = () => database.db;
const ITERATIONS = 1000;
const meta = { ip: '10.0.0.8', userAgent: 'vitest', requestId: 'req-admins' };

beforeAll(async () => {
  database = await createTestDatabase();
  // A business user already holding a login name the installer might want.
  await createActor(db(), ['clerk'], { username: 'clerk_taken' });
});
afterAll(async () => {
  await database?.close();
});

async function counts() {
  const [[u], [a], [d]] = await Promise.all([
    db().select({ n: count() }).from(users),
    db().select({ n: count() }).from(auditLog),
    db().select({ n: count() }).from(departments),
  ]);
  return { users: u.n, audit: a.n, departments: d.n };
}

async function login(username: string, password: string) {
  return attemptLogin(db(), { username, password, ...meta });
}

describe('one-time passwords', () => {
  it('are 16 characters that satisfy the password policy, never twice the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const p = generateOneTimePassword();
      expect(p).toHaveLength(16);
      expect(passwordProblem(p)).toBeNull();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-np-z2-9@#%+=_-]+$/);
      seen.add(p);
    }
    expect(seen.size).toBe(300);
  });
});

describe('bad input creates nothing', () => {
  it.each([
    [{ sysadmin: '' }, '系统管理员的用户名（--sysadmin）有误：请填写用户名'],
    [{ secadmin: '   ' }, '安全管理员的用户名（--secadmin）有误：请填写用户名'],
    [{ auditadmin: 'a'.repeat(65) }, '审计管理员的用户名（--auditadmin）有误：用户名不能超过 64 个字符'],
    [{ sysadmin: 'sys\u0000admin' }, '系统管理员的用户名（--sysadmin）有误：用户名不能包含控制字符'],
    [{ sysadmin: '管理员' }, '系统管理员的用户名（--sysadmin）有误：用户名为 3–64 位字母、数字或 . _ - @'],
    [{ sysadmin: 'ab' }, '用户名为 3–64 位字母、数字或 . _ - @'],
    [{ sysadmin: 42 }, '请填写用户名'],
    [{ sysadmin: 'CLERK_taken' }, '用户名「clerk_taken」已被其他用户使用，请用 --sysadmin 为系统管理员指定另一个用户名'],
    [{ auditadmin: 'clerk_taken' }, '用户名「clerk_taken」已被其他用户使用，请用 --auditadmin 为审计管理员指定另一个用户名'],
    [{ sysadmin: 'admin', secadmin: 'Admin' }, '三员分立：系统管理员和安全管理员不能使用同一个用户名「admin」'],
  ])('%j → %s', async (logins, message) => {
    const before = await counts();
    const attempt = createInitialAdmins(db(), { logins }, ITERATIONS);
    await expect(attempt).rejects.toBeInstanceOf(InitialAdminError);
    await expect(attempt).rejects.toThrow(message);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['', '科室名称（--department）不能为空'],
    ['科'.repeat(65), '科室名称（--department）不能超过 64 个字符'],
    ['综合\u0000科', '科室名称（--department）不能包含控制字符'],
  ])('department %j → %s', async (department, message) => {
    const before = await counts();
    await expect(createInitialAdmins(db(), { department }, ITERATIONS)).rejects.toThrow(message);
    expect(await counts()).toEqual(before);
  });

  it('a refusal after a department would have been created rolls that back too', async () => {
    const before = await counts();
    await expect(createInitialAdmins(db(), { logins: { auditadmin: 'clerk_taken' }, department: '信息中心' }, ITERATIONS)).rejects.toThrow('已被其他用户使用');
    expect(await counts()).toEqual(before);
  });
});

describe('the first administrators', () => {
  let first: AdminAccount[];

  it('creates 系统管理员, 安全管理员 and 审计管理员, each holding only its role, in the given department', async () => {
    const before = await counts();
    const result = await createInitialAdmins(db(), { logins: { sysadmin: ' root.admin ' }, department: '信息中心' }, ITERATIONS);
    first = result.accounts;
    expect(result.departmentCreated).toBe(true);
    expect(first.map(({ role, username, outcome }) => ({ role, username, outcome }))).toEqual([
      { role: '系统管理员', username: 'root.admin', outcome: 'created' },
      { role: '安全管理员', username: 'secadmin', outcome: 'created' },
      { role: '审计管理员', username: 'auditadmin', outcome: 'created' },
    ]);
    expect(new Set(first.map((a) => a.password)).size).toBe(3);
    for (const a of first) expect(passwordProblem(a.password!)).toBeNull();

    const [dept] = await db().select({ id: departments.id }).from(departments).where(eq(departments.name, '信息中心'));
    const rows = await db()
      .select({ username: users.username, displayName: users.displayName, departmentId: users.departmentId, mustChange: users.mustChangePassword, isDemo: users.isDemo, role: roles.code })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(inArray(users.username, ['root.admin', 'secadmin', 'auditadmin']))
      .orderBy(users.username);
    expect(rows).toEqual([
      { username: 'auditadmin', displayName: '审计管理员', departmentId: dept.id, mustChange: true, isDemo: false, role: 'auditadmin' },
      { username: 'root.admin', displayName: '系统管理员', departmentId: dept.id, mustChange: true, isDemo: false, role: 'sysadmin' },
      { username: 'secadmin', displayName: '安全管理员', departmentId: dept.id, mustChange: true, isDemo: false, role: 'secadmin' },
    ]);
    const after = await counts();
    expect(after).toEqual({ users: before.users + 3, audit: before.audit + 4, departments: before.departments + 1 });
  });

  it('each signs in with the printed password and is held to 修改密码 first', async () => {
    for (const a of first) {
      const res = await login(a.username, a.password!);
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      const check = await resolveSession(db(), { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion }, new Date(), { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 });
      expect(check.ok).toBe(true);
      if (!check.ok) continue;
      expect(check.identity.mustChangePassword).toBe(true);
      expect(check.identity.roles.map((r) => r.name)).toEqual([a.role]);
    }
    expect((await login('secadmin', 'Wrong@1234')).ok).toBe(false);
  });

  it('audits each creation as done by the system, with the installer named and no password', async () => {
    const rows = await db()
      .select({ action: auditLog.action, userId: auditLog.userId, username: auditLog.username, objectType: auditLog.objectType, message: auditLog.message, diff: auditLog.diff })
      .from(auditLog)
      .where(inArray(auditLog.action, ['新建用户', '新建科室']))
      .orderBy(auditLog.seq);
    expect(rows.map((r) => [r.action, r.objectType])).toEqual([
      ['新建科室', '科室'],
      ['新建用户', '用户'],
      ['新建用户', '用户'],
      ['新建用户', '用户'],
    ]);
    for (const r of rows) {
      expect(r.userId).toBeNull();
      expect(r.username).toBeNull();
      expect(r.message).toContain('命令行 admin:create');
      for (const a of first) expect(r.diff ?? '').not.toContain(a.password!);
    }
    expect(rows[1].message).toMatch(/^初始化系统管理员 root\.admin，一次性密码须在首次登录时修改/);
    expect(JSON.parse(rows[1].diff!)).toMatchObject({ roles: { from: null, to: '系统管理员' }, mustChangePwd: { from: null, to: true }, department: { to: '信息中心' } });
  });

  it('a second run creates nothing and changes no password', async () => {
    const before = await counts();
    const again = await createInitialAdmins(db(), {}, ITERATIONS);
    expect(again).toEqual({
      departmentCreated: false,
      accounts: [
        { role: '系统管理员', username: 'root.admin', outcome: 'existing' },
        { role: '安全管理员', username: 'secadmin', outcome: 'existing' },
        { role: '审计管理员', username: 'auditadmin', outcome: 'existing' },
      ],
    });
    // Other names asked for, an existing role still wins: no second 系统管理员.
    expect((await createInitialAdmins(db(), { logins: { sysadmin: 'another.admin' }, department: '另一个科室' }, ITERATIONS)).accounts[0]).toEqual({
      role: '系统管理员',
      username: 'root.admin',
      outcome: 'existing',
    });
    expect(await counts()).toEqual(before);
    expect((await login('auditadmin', first[2].password!)).ok).toBe(true);
  });

  it('creates only the role whose account was disabled, under a new name', async () => {
    await db().update(users).set({ status: 'disabled' }).where(eq(users.username, 'auditadmin'));
    await expect(createInitialAdmins(db(), {}, ITERATIONS)).rejects.toThrow('用户名「auditadmin」已被其他用户使用，请用 --auditadmin');
    const result = await createInitialAdmins(db(), { logins: { auditadmin: 'auditadmin2' } }, ITERATIONS);
    expect(result.accounts.map((a) => a.outcome)).toEqual(['existing', 'existing', 'created']);
    expect(result.accounts[2]).toMatchObject({ role: '审计管理员', username: 'auditadmin2' });
    expect((await login('auditadmin2', result.accounts[2].password!)).ok).toBe(true);
  });
});

describe('--reset', () => {
  it('gives an administrator a new one-time password that must be changed again, and ends their sessions', async () => {
    const old = 'Changed@2026x';
    const { hashPassword } = await import('../../src/platform/crypto/sm');
    // As if secadmin had changed the password, then forgot it and locked the account.
    await db()
      .update(users)
      .set({ passwordHash: await hashPassword(old, ITERATIONS), mustChangePassword: false, failedAttempts: 5, lockedUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.username, 'secadmin'));
    const [u] = await db().select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, 'secadmin'));
    await db().insert(userSessions).values({ userId: u.id, lastSeenAt: new Date() });
    const openBefore = await db().select({ id: userSessions.id }).from(userSessions).where(and(eq(userSessions.userId, u.id), isNull(userSessions.endedAt)));
    expect(openBefore.length).toBeGreaterThan(0);

    const reset = await resetAdminPassword(db(), 'SECADMIN', ITERATIONS);
    expect(reset).toMatchObject({ role: '安全管理员', username: 'secadmin', outcome: 'reset' });
    expect(passwordProblem(reset.password!)).toBeNull();

    expect((await login('secadmin', old)).ok).toBe(false);
    const res = await login('secadmin', reset.password!);
    expect(res.ok).toBe(true);
    const identity = await loadIdentity(db(), u.id);
    expect(identity?.mustChangePassword).toBe(true);
    expect(identity!.sessionVersion).toBe(u.sv + 1);
    const ended = await db().select({ reason: userSessions.endReason }).from(userSessions).where(inArray(userSessions.id, openBefore.map((s) => s.id)));
    expect(ended.map((s) => s.reason)).toEqual(openBefore.map(() => '密码重置'));

    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, '重置密码')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ userId: null, objectType: '用户', objectId: u.id, result: '成功' });
    expect(audit.message).toMatch(/^重置安全管理员 secadmin 的密码为一次性密码，其登录会话已结束（命令行 admin:create/);
    expect(JSON.parse(audit.diff!)).toMatchObject({ mustChangePwd: { from: false, to: true }, failedAttempts: { from: 5, to: 0 } });
    expect(audit.diff).not.toContain(reset.password!);
  });

  it.each([
    ['nobody', '用户「nobody」不存在'],
    ['clerk_taken', '用户「clerk_taken」不是系统管理员、安全管理员或审计管理员'],
    ['auditadmin', '用户「auditadmin」已停用：重置密码不会启用账号'],
    ['', '要重置的用户名（--reset）有误：请填写用户名'],
    ['bad\u0000name', '要重置的用户名（--reset）有误：用户名不能包含控制字符'],
  ])('refuses %j: %s', async (username, message) => {
    const before = await counts();
    const [{ hash }] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'clerk_taken'));
    await expect(resetAdminPassword(db(), username, ITERATIONS)).rejects.toThrow(message);
    expect(await counts()).toEqual(before);
    expect((await db().select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'clerk_taken')))[0].hash).toBe(hash);
  });

  it('keeps the audit chain whole and every audited field named in Chinese', async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
    expect(await unlabelledAuditFields(db())).toEqual([]);
  });
});
