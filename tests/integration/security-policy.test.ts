import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { actorFromIdentity } from '../../src/platform/actor';
import { auditLog } from '../../src/platform/audit/schema';
import { attemptLogin, LOGIN_MESSAGES } from '../../src/platform/auth/login';
import { MUST_CHANGE_PASSWORD_MESSAGE } from '../../src/platform/auth/must-change';
import { forgetCachedSecurityPolicy, getSecurityPolicyCached, POLICY_CACHE_MS } from '../../src/platform/auth/policy-in-force';
import { departments, passwordHistory, securityPolicy, users } from '../../src/platform/auth/schema';
import { getSecurityPolicy } from '../../src/platform/auth/security-policy';
import { resolveSession, sessionPolicyOf } from '../../src/platform/auth/session';
import { updateSecurityPolicy } from '../../src/modules/admin/security-policy/mutations';
import { listSecurityPolicy } from '../../src/modules/admin/security-policy/queries';
import { changeOwnPassword } from '../../src/modules/profile/mutations';
import { createUser, resetUserPassword } from '../../src/modules/admin/users/mutations';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { districtsResponse } from '../../src/app/api/map/handlers';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let sysadmin: Actor;
let secadmin: Actor;
const db = () => database.db;
const meta = { ip: null, userAgent: null, requestId: null };
const DAY = 86_400_000;
let n = 0;
let deptId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  [{ id: deptId }] = await database.db.insert(departments).values({ name: '安全策略测试科' }).returning({ id: departments.id });
  sysadmin = await createActor(db(), ['sysadmin'], { username: 'sp_sys' });
  secadmin = await createActor(db(), ['secadmin'], { username: 'sp_sec' });
});
afterAll(async () => {
  await database?.close();
});

async function setPolicy(key: string, value: string | null) {
  const res = await updateSecurityPolicy.execute(db(), secadmin, { key, value });
  if (!res.ok) throw new Error(res.error);
}

/** A user signed in through the login code, and the session check of their next request. */
async function signedIn(opts: { changedDaysAgo?: number; isDemo?: boolean; mustChange?: boolean; roles?: string[] } = {}) {
  const username = `sp_user_${++n}`;
  const actor = await createActor(db(), opts.roles ?? ['clerk'], { username, password: 'Right@123' });
  const res = await attemptLogin(db(), { username, password: 'Right@123', ...meta });
  if (!res.ok) throw new Error(res.message);
  await db()
    .update(users)
    .set({ passwordChangedAt: new Date(Date.now() - (opts.changedDaysAgo ?? 0) * DAY), isDemo: opts.isDemo ?? false, mustChangePassword: opts.mustChange ?? false })
    .where(eq(users.id, res.userId));
  const check = async () => {
    const c = await resolveSession(db(), { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion }, new Date(), sessionPolicyOf(await getSecurityPolicy(db())));
    if (!c.ok) throw new Error(c.reason);
    return { identity: c.identity, actor: actorFromIdentity(c.identity, res.sessionId, { ip: null, requestId: 'req-sp' }) };
  };
  const claims = { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion };
  return { actor, username, userId: res.userId, claims, check };
}

async function lastAudit(action: string) {
  const [row] = await db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('身份鉴别: 安全策略由安全管理员设置（三员分立）', () => {
  it('身份鉴别: the 系统管理员 cannot change the policy; the refusal is audited and nothing is written', async () => {
    const res = await updateSecurityPolicy.execute(db(), sysadmin, { key: 'password.minLength', value: '12' });
    expect(res).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await db().select().from(securityPolicy)).toEqual([]);
    expect(await lastAudit('修改安全策略')).toMatchObject({ result: '拒绝', userId: sysadmin.userId, message: '缺少权限 security:policy' });
  });

  it('身份鉴别: the 安全管理员 changes a value; audited with the old and the new value; the page lists it with its clause', async () => {
    await setPolicy('password.minLength', '12');
    const entry = await lastAudit('修改安全策略');
    expect(entry).toMatchObject({ result: '成功', userId: secadmin.userId, objectType: '安全策略', objectId: 'password.minLength', message: '口令最小长度：8 位（默认） → 12 位' });
    expect(JSON.parse(entry.diff!)).toEqual({ value: { from: '8 位（默认）', to: '12 位' } });
    await setPolicy('password.minLength', '14');
    expect((await lastAudit('修改安全策略')).message).toBe('口令最小长度：12 位 → 14 位');
    const row = (await listSecurityPolicy(db())).find((r) => r.key === 'password.minLength')!;
    expect(row).toMatchObject({ group: '口令', value: 14, defaultValue: 8, min: 8, max: 64, unit: '位', overridden: true });
    expect(row.updatedBy?.name).toBe(`测试sp_sec`);
    expect(row.source).toContain('8.1.4.1 a)');
    const groups = new Set((await listSecurityPolicy(db())).map((r) => r.group));
    expect(groups).toEqual(new Set(['口令', '登录失败处理', '会话', '双因素鉴别', '访问频率限制']));
    // Back to the default: the stored row goes.
    await setPolicy('password.minLength', null);
    expect(await db().select().from(securityPolicy)).toEqual([]);
    expect((await lastAudit('修改安全策略')).message).toBe('口令最小长度：14 位 → 8 位（默认）');
  });

  it.each([
    ['password.minLength', '7', '「口令最小长度」须在 8–64 位之间'],
    ['password.minLength', '65', '「口令最小长度」须在 8–64 位之间'],
    ['password.minClasses', '2', '「口令至少包含的字符类别（大写、小写、数字、符号）」须在 3–4 类之间'],
    ['login.maxFailures', '0', '「连续登录失败锁定次数」须在 1–100 次之间'],
    ['session.idleMinutes', '1441', '「空闲超时」须在 1–1440 分钟之间'],
    ['password.historyCount', '3.5', '「不得与最近几次用过的口令相同」须为整数（单位：次）'],
    ['password.maxAgeDays', 'abc', '「口令有效期（到期须修改，0 = 不限）」须为整数（单位：天）'],
    ['login.lockMinutes', '  ', '请填写「锁定时长」'],
    ['totp.algorithm', '2', '「动态口令（TOTP）的散列算法」请从给出的选项中选择'],
  ])('身份鉴别: refuses %s = %j with 「%s」 and writes nothing', async (key, value, message) => {
    expect(await updateSecurityPolicy.execute(db(), secadmin, { key, value })).toMatchObject({ ok: false, error: message, fieldErrors: { value: message } });
    expect(await db().select().from(securityPolicy).where(eq(securityPolicy.key, key))).toEqual([]);
  });

  it('身份鉴别: refuses an unknown key in Chinese', async () => {
    expect(await updateSecurityPolicy.execute(db(), secadmin, { key: 'password.nope', value: '1' })).toMatchObject({ ok: false, error: '未知的安全策略项' });
  });
});

describe('身份鉴别: 登录失败处理与会话按安全策略执行', () => {
  it('身份鉴别: a changed lockout threshold holds from the next login attempt', async () => {
    await createActor(db(), ['clerk'], { username: 'sp_lock', password: 'Right@123' });
    await setPolicy('login.maxFailures', '2');
    await setPolicy('login.lockMinutes', '7');
    expect(await attemptLogin(db(), { username: 'sp_lock', password: 'bad-1', ...meta })).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(await attemptLogin(db(), { username: 'sp_lock', password: 'bad-2', ...meta })).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    const [u] = await db().select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.username, 'sp_lock'));
    expect(u.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(6 * 60_000);
    expect(u.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(7 * 60_000);
    expect((await attemptLogin(db(), { username: 'sp_lock', password: 'Right@123', ...meta })).ok).toBe(false);
    expect((await lastAudit('登录')).message).toBe('账号锁定中（密码正确）');
    await setPolicy('login.maxFailures', null);
    await setPolicy('login.lockMinutes', null);
  });

  it('身份鉴别: a changed per-account limit holds from the next attempt', async () => {
    await setPolicy('login.accountMaxFailures', '1');
    expect(await attemptLogin(db(), { username: 'sp_nobody', password: 'x', ...meta })).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    const second = await attemptLogin(db(), { username: 'sp_nobody', password: 'x', ...meta });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.message).toMatch(/^尝试过于频繁，请 \d+ 分钟后再试$/);
    await setPolicy('login.accountMaxFailures', null);
  });

  it('身份鉴别: the idle time of open sessions follows the policy; the per-process cache lasts a few seconds only', async () => {
    const { claims } = await signedIn();
    const in20 = new Date(Date.now() + 20 * 60_000);
    const t0 = Date.now();
    expect((await getSecurityPolicyCached(db(), t0))['session.idleMinutes']).toBe(30);
    await setPolicy('session.idleMinutes', '15');
    // Another instance (no forget): the old value for at most POLICY_CACHE_MS, then the new one.
    expect((await getSecurityPolicyCached(db(), t0 + 1000))['session.idleMinutes']).toBe(30);
    expect((await getSecurityPolicyCached(db(), t0 + POLICY_CACHE_MS))['session.idleMinutes']).toBe(15);
    forgetCachedSecurityPolicy(db());
    const policy = sessionPolicyOf(await getSecurityPolicyCached(db()));
    expect(await resolveSession(db(), claims, in20, policy)).toEqual({ ok: false, reason: 'idle' });
    await setPolicy('session.idleMinutes', null);
  });
});

describe('身份鉴别: 口令复杂度、历史与有效期', () => {
  it('身份鉴别: the length and classes in force apply to self-change, new accounts and resets', async () => {
    await setPolicy('password.minLength', '12');
    await setPolicy('password.minClasses', '4');
    const user = await createActor(db(), ['clerk'], { username: 'sp_rules', password: 'Old@12345' });
    const tooShort = await changeOwnPassword.execute(db(), user, { current: 'Old@12345', password: 'New@1234', confirm: 'New@1234' });
    expect(tooShort).toMatchObject({ ok: false, error: '新密码至少需要 12 个字符', fieldErrors: { password: '新密码至少需要 12 个字符' } });
    const threeClasses = await changeOwnPassword.execute(db(), user, { current: 'Old@12345', password: 'Newpassword123', confirm: 'Newpassword123' });
    expect(threeClasses).toMatchObject({ ok: false, error: '新密码强度不足：须同时包含大写字母、小写字母、数字、符号' });
    const withName = await changeOwnPassword.execute(db(), user, { current: 'Old@12345', password: 'X1!sp_rules-abc', confirm: 'X1!sp_rules-abc' });
    expect(withName).toMatchObject({ ok: false, error: '新密码不得包含用户名' });
    expect((await changeOwnPassword.execute(db(), user, { current: 'Old@12345', password: 'Long#Enough12', confirm: 'Long#Enough12' })).ok).toBe(true);
    const created = await createUser.execute(db(), sysadmin, { username: 'sp_new', displayName: '新人', departmentId: deptId, password: 'Short@123', phone: '' });
    expect(created).toMatchObject({ ok: false });
    const reset = await resetUserPassword.execute(db(), sysadmin, { id: user.userId, password: 'Short@123', confirm: 'Short@123' });
    expect(reset).toMatchObject({ ok: false, error: '新密码至少需要 12 个字符' });
    await setPolicy('password.minLength', null);
    await setPolicy('password.minClasses', null);
  });

  it('身份鉴别: a self-chosen password may not be one of the last 5; the 6th-last is allowed again', async () => {
    const user = await createActor(db(), ['clerk'], { username: 'sp_hist', password: 'Pass@0000' });
    const pw = (i: number) => `Pass@${String(i).padStart(4, '0')}`;
    for (let i = 1; i <= 5; i++) {
      expect(await changeOwnPassword.execute(db(), user, { current: pw(i - 1), password: pw(i), confirm: pw(i) })).toEqual({ ok: true, data: null });
    }
    // In force: pw(5); the last five are pw(5)…pw(1).
    for (let i = 1; i <= 4; i++) {
      const res = await changeOwnPassword.execute(db(), user, { current: pw(5), password: pw(i), confirm: pw(i) });
      expect(res).toMatchObject({ ok: false, error: '新密码不能与最近 5 次使用过的密码相同', fieldErrors: { password: '新密码不能与最近 5 次使用过的密码相同' } });
    }
    expect((await changeOwnPassword.execute(db(), user, { current: pw(5), password: pw(5), confirm: pw(5) })).ok).toBe(false);
    const [before] = await db().select({ h: users.passwordHash }).from(users).where(eq(users.id, user.userId));
    expect((await db().select().from(passwordHistory).where(eq(passwordHistory.userId, user.userId))).length).toBe(5);
    expect(before.h).toBeTruthy();
    expect(await changeOwnPassword.execute(db(), user, { current: pw(5), password: pw(0), confirm: pw(0) })).toEqual({ ok: true, data: null });
    // A shorter history (the policy) lets an older one back.
    await setPolicy('password.historyCount', '2');
    expect(await changeOwnPassword.execute(db(), user, { current: pw(0), password: pw(4), confirm: pw(4) })).toEqual({ ok: true, data: null });
    await setPolicy('password.historyCount', null);
  });

  it('身份鉴别: an administrator’s reset is a temporary password, not checked against the history; the user’s own next choice is', async () => {
    const user = await createActor(db(), ['clerk'], { username: 'sp_reset', password: 'Pass@1111' });
    expect((await changeOwnPassword.execute(db(), user, { current: 'Pass@1111', password: 'Pass@2222', confirm: 'Pass@2222' })).ok).toBe(true);
    expect((await resetUserPassword.execute(db(), sysadmin, { id: user.userId, password: 'Pass@1111', confirm: 'Pass@1111' })).ok).toBe(true);
    const [u] = await db().select({ must: users.mustChangePassword }).from(users).where(eq(users.id, user.userId));
    expect(u.must).toBe(true);
    expect(await changeOwnPassword.execute(db(), user, { current: 'Pass@1111', password: 'Pass@2222', confirm: 'Pass@2222' })).toMatchObject({
      ok: false,
      error: '新密码不能与最近 5 次使用过的密码相同',
    });
    expect((await changeOwnPassword.execute(db(), user, { current: 'Pass@1111', password: 'Pass@3333', confirm: 'Pass@3333' })).ok).toBe(true);
  });

  it('身份鉴别: a password older than the maximum age holds the user like a first-login change: actions and routes refused', async () => {
    const fresh = await signedIn({ changedDaysAgo: 89 });
    expect((await fresh.check()).identity.mustChangePassword).toBe(false);
    const old = await signedIn({ changedDaysAgo: 91 });
    const { identity, actor } = await old.check();
    expect(identity).toMatchObject({ mustChangePassword: true, passwordHoldReason: '密码已超过 90 天有效期，请修改' });
    expect([...actor.permissions]).toEqual(['profile:password']);
    // An action: refused with the reason, and audited.
    const res = await resetUserPassword.execute(db(), actor, { id: fresh.userId, password: 'Any@12345', confirm: 'Any@12345' });
    expect(res).toEqual({ ok: false, error: '密码已超过 90 天有效期，请修改' });
    const [denied] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, old.userId), eq(auditLog.result, '拒绝')))
      .orderBy(desc(auditLog.seq));
    expect(denied.message).toBe('密码已过有效期，须先修改（user:manage）');
    // A route handler: the same actor gets 403 where the role would otherwise see parcels.
    const route = await districtsResponse(db(), actor);
    expect(route.status).toBe(403);
    expect((await districtsResponse(db(), (await fresh.check()).actor)).status).toBe(200);
    // Changing the password lifts the hold at the next request.
    expect((await changeOwnPassword.execute(db(), actor, { current: 'Right@123', password: 'Brand#New123', confirm: 'Brand#New123' })).ok).toBe(true);
    expect((await old.check()).identity).toMatchObject({ mustChangePassword: false, passwordHoldReason: null });
  });

  it('身份鉴别: the maximum age comes from the policy (0 = no expiry)', async () => {
    const u = await signedIn({ changedDaysAgo: 40 });
    await setPolicy('password.maxAgeDays', '30');
    expect((await u.check()).identity.passwordHoldReason).toBe('密码已超过 30 天有效期，请修改');
    await setPolicy('password.maxAgeDays', '0');
    const longAgo = await signedIn({ changedDaysAgo: 1000 });
    expect((await longAgo.check()).identity.mustChangePassword).toBe(false);
    await setPolicy('password.maxAgeDays', null);
  });

  it('身份鉴别: a first-login change keeps its own message', async () => {
    const u = await signedIn({ mustChange: true });
    const { identity, actor } = await u.check();
    expect(identity.passwordHoldReason).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
    expect(await resetUserPassword.execute(db(), actor, { id: sysadmin.userId, password: 'Any@12345', confirm: 'Any@12345' })).toEqual({ ok: false, error: MUST_CHANGE_PASSWORD_MESSAGE });
  });

  it('身份鉴别: demonstration accounts (marked by the demo seed) are exempt from the first-login change and from expiry; others are not', async () => {
    const demo = await signedIn({ isDemo: true, mustChange: true, changedDaysAgo: 400 });
    const { identity, actor } = await demo.check();
    expect(identity).toMatchObject({ mustChangePassword: false, passwordHoldReason: null });
    expect(actor.permissions.has('parcel:view')).toBe(true);
    const real = await signedIn({ isDemo: false, changedDaysAgo: 400 });
    expect((await real.check()).identity.mustChangePassword).toBe(true);
    // The demo seed marks its accounts; accounts made in 用户管理 are not marked.
    await seedFoundationDemo(db());
    const [seeded] = await db().select({ isDemo: users.isDemo, must: users.mustChangePassword }).from(users).where(eq(users.username, 'clerk'));
    expect(seeded).toEqual({ isDemo: true, must: false });
    const made = await createUser.execute(db(), sysadmin, { username: 'sp_made', displayName: '正式', departmentId: deptId, password: 'Made@12345', phone: '' });
    expect(made.ok).toBe(true);
    const [m] = await db().select({ isDemo: users.isDemo, changedAt: users.passwordChangedAt }).from(users).where(eq(users.username, 'sp_made'));
    expect(m.isDemo).toBe(false);
    expect(Math.abs(m.changedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(db())).toEqual([]);
  });
});
