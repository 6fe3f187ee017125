import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, like } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { attemptLogin, LOGIN_MESSAGES, type LoginPolicy } from '../../src/platform/auth/login';
import { resolveSession } from '../../src/platform/auth/session';
import { MUST_ENROL_TOTP_MESSAGE, permissionsInForce } from '../../src/platform/auth/must-change';
import { loginThrottle, roles, securityPolicy, userSessions, userTotp, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { getTotpState } from '../../src/platform/auth/totp-store';
import { base32Encode, hotp, stepAt, totpAt } from '../../src/platform/auth/totp';
import { syncPermissionCatalog } from '../../src/platform/permissions/sync';
import { forgetRoleSets } from '../../src/platform/permissions/role-sets';
import { beginTotpEnrolment, confirmTotpEnrolment, TOTP_MESSAGES } from '../../src/modules/profile/totp-mutations';
import { resetUserTotp, SELF_TOTP_RESET_REFUSED } from '../../src/modules/admin/users/totp-mutations';
import { setRoleTotp, SELF_TOTP_REFUSED } from '../../src/modules/admin/roles/mutations';
import { createUser } from '../../src/modules/admin/users/mutations';
import { createTestDatabase } from '../helpers/db';
import { createActor, roleId } from '../helpers/actors';
import { unlabelledAuditFields } from '../helpers/audit-labels';

let database: Database;
let secadmin: Actor;
const PASSWORD = 'Right@123';
const policy: LoginPolicy = {
  lockout: { maxFailures: 5, lockMinutes: 15 },
  account: { max: 100, windowMinutes: 15 },
  ip: { max: 1000, windowMinutes: 5 },
};
let n = 0;
const meta = () => ({ ip: `10.7.0.${++n}`, userAgent: 'vitest', requestId: `totp-${n}` });

beforeAll(async () => {
  process.env.SM4_KEY = '0123456789abcdef0123456789abcdef';
  resetConfigCache();
  database = await createTestDatabase();
  secadmin = await createActor(database.db, ['secadmin'], { username: 'totp_sec' });
});
afterAll(async () => {
  await database?.close();
});

async function auditOf(requestId: string) {
  const [row] = await database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function login(username: string, totp?: string) {
  const m = meta();
  const res = await attemptLogin(database.db, { username, password: PASSWORD, totp, ...m }, policy);
  return { res, audit: await auditOf(m.requestId) };
}

async function sessionOf(res: Awaited<ReturnType<typeof attemptLogin>>) {
  if (!res.ok) throw new Error(res.message);
  const check = await resolveSession(database.db, { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion }, new Date(), { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 });
  if (!check.ok) throw new Error(check.reason);
  return check;
}

/** Enrols the user through the two mutations, as the 双因素认证 page does; returns the secret. */
async function enrol(actor: Actor): Promise<{ secret: Buffer; algorithm: 'SHA1' | 'SM3' }> {
  expect((await beginTotpEnrolment.execute(database.db, actor, {})).ok).toBe(true);
  const state = await getTotpState(database.db, actor.userId);
  if (!state.pending) throw new Error('no pending enrolment');
  const { secret, algorithm } = state.pending;
  expect(await confirmTotpEnrolment.execute(database.db, actor, { code: totpAt(secret, Date.now(), algorithm) })).toEqual({ ok: true, data: { algorithm } });
  return { secret, algorithm };
}

/** A code of the step after the current one: accepted (window ±1) and not a replay of the enrolment's. */
const nextCode = (secret: Buffer, algorithm: 'SHA1' | 'SM3', steps = 1) => totpAt(secret, Date.now() + steps * 30_000, algorithm);

describe('身份鉴别: 双因素 which roles require it', () => {
  it('the built-in administrator and 中心领导 roles require a 动态口令 when created, business roles do not', async () => {
    const rows = await database.db.select({ code: roles.code, requiresTotp: roles.requiresTotp }).from(roles);
    const required = rows.filter((r) => r.requiresTotp).map((r) => r.code).sort();
    expect(required).toEqual(['auditadmin', 'leader', 'secadmin', 'sysadmin']);
  });

  it('the permission sync never overrides what the 安全管理员 set on an existing role', async () => {
    const leader = await roleId(database.db, 'leader');
    await database.db.update(roles).set({ requiresTotp: false }).where(eq(roles.id, leader));
    await syncPermissionCatalog(database.db);
    const [row] = await database.db.select({ requiresTotp: roles.requiresTotp }).from(roles).where(eq(roles.id, leader));
    expect(row.requiresTotp).toBe(false);
    await database.db.update(roles).set({ requiresTotp: true }).where(eq(roles.id, leader));
  });

  it('the 安全管理员 switches the requirement per role (audited), never on a role they hold', async () => {
    const clerkRole = await roleId(database.db, 'clerk');
    const clerk = await createActor(database.db, ['clerk'], { username: 'totp_toggle_clerk', password: PASSWORD });
    expect((await sessionOf((await login('totp_toggle_clerk')).res)).totpPending).toBe(false);

    expect(await setRoleTotp.execute(database.db, secadmin, { roleId: clerkRole, requiresTotp: true })).toMatchObject({ ok: true });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, '设置角色动态口令要求')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ result: '成功', username: 'totp_sec', objectId: clerkRole });
    // The role's new stamp makes every session of its holders read the requirement at once.
    expect((await sessionOf((await login('totp_toggle_clerk')).res)).totpPending).toBe(true);

    expect(await setRoleTotp.execute(database.db, secadmin, { roleId: clerkRole, requiresTotp: false })).toMatchObject({ ok: true });
    expect((await sessionOf((await login(clerk.username)).res)).totpPending).toBe(false);

    const own = await roleId(database.db, 'secadmin');
    expect(await setRoleTotp.execute(database.db, secadmin, { roleId: own, requiresTotp: false })).toEqual({ ok: false, error: SELF_TOTP_REFUSED });
    // A 系统管理员 has no role:manage.
    const sys = await createActor(database.db, ['sysadmin']);
    expect((await setRoleTotp.execute(database.db, sys, { roleId: clerkRole, requiresTotp: true })).ok).toBe(false);
    const [row] = await database.db.select({ requiresTotp: roles.requiresTotp }).from(roles).where(eq(roles.id, own));
    expect(row.requiresTotp).toBe(true);
  });
});

describe('身份鉴别: 双因素 enrolment', () => {
  it('stores the 20-byte secret SM4-encrypted with the policy algorithm, and binds only after a right code', async () => {
    const admin = await createActor(database.db, ['auditadmin'], { username: 'totp_enrol', password: PASSWORD });
    expect((await beginTotpEnrolment.execute(database.db, admin, {})).ok).toBe(true);
    const state = await getTotpState(database.db, admin.userId);
    const secret = state.pending!.secret;
    expect(secret.length).toBe(20);
    expect(state.pending!.algorithm).toBe('SM3'); // the policy default
    const [row] = await database.db.select().from(userTotp).where(eq(userTotp.userId, admin.userId));
    expect(row.confirmedAt).toBeNull();
    expect(row.secretEnc).not.toContain(secret.toString('hex'));
    expect(row.secretEnc).not.toContain(base32Encode(secret));

    // A wrong code binds nothing and is audited as a failure.
    const wrongCode = String((Number(totpAt(secret, Date.now(), 'SM3')) + 1) % 1_000_000).padStart(6, '0');
    expect(await confirmTotpEnrolment.execute(database.db, admin, { code: wrongCode })).toMatchObject({ ok: false, error: TOTP_MESSAGES.wrong });
    expect(await confirmTotpEnrolment.execute(database.db, admin, { code: '12ab' })).toMatchObject({ ok: false, error: '动态口令应为 6 位数字' });
    expect((await getTotpState(database.db, admin.userId)).enrolled).toBe(false);

    expect((await confirmTotpEnrolment.execute(database.db, admin, { code: totpAt(secret, Date.now(), 'SM3') })).ok).toBe(true);
    expect(await getTotpState(database.db, admin.userId)).toMatchObject({ enrolled: true, algorithm: 'SM3', pending: null });
    // Bound: a second enrolment is refused (a lost phone goes through the 安全管理员's reset).
    expect(await beginTotpEnrolment.execute(database.db, admin, {})).toEqual({ ok: false, error: TOTP_MESSAGES.already });

    // No audit entry or message carries the secret.
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.username, 'totp_enrol'));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['生成动态口令密钥', '绑定动态口令']));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(base32Encode(secret));
    expect(text).not.toContain(secret.toString('hex'));
  });

  it('records the algorithm at enrolment: a later policy change leaves bound tokens working and applies to new ones', async () => {
    const before = await createActor(database.db, ['leader'], { username: 'totp_alg_old', password: PASSWORD });
    const old = await enrol(before);
    expect(old.algorithm).toBe('SM3');
    await database.db.insert(securityPolicy).values({ key: 'totp.algorithm', value: '0', updatedBy: 'totp_sec', updatedAt: new Date() });
    try {
      const after = await createActor(database.db, ['leader'], { username: 'totp_alg_new', password: PASSWORD });
      const fresh = await enrol(after);
      expect(fresh.algorithm).toBe('SHA1');
      expect((await login('totp_alg_old', nextCode(old.secret, 'SM3'))).res.ok).toBe(true);
      expect((await login('totp_alg_new', nextCode(fresh.secret, 'SHA1'))).res.ok).toBe(true);
    } finally {
      await database.db.delete(securityPolicy).where(eq(securityPolicy.key, 'totp.algorithm'));
    }
  });
});

describe('身份鉴别: 双因素 login', () => {
  it('needs the code of an enrolled user of a required role; a wrong or missing code gets the neutral message, is audited and counted', async () => {
    const admin = await createActor(database.db, ['sysadmin'], { username: 'totp_login', password: PASSWORD });
    const { secret, algorithm } = await enrol(admin);

    const missing = await login('totp_login');
    expect(missing.res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(missing.audit).toMatchObject({ action: '登录', result: '失败', message: '未输入动态口令（连续第 1 次）', username: 'totp_login' });

    const wrongCode = String((Number(nextCode(secret, algorithm)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await login('totp_login', wrongCode);
    expect(wrong.res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(wrong.audit).toMatchObject({ result: '失败', message: '动态口令错误（连续第 2 次）' });
    const [u] = await database.db.select({ failedAttempts: users.failedAttempts }).from(users).where(eq(users.id, admin.userId));
    expect(u.failedAttempts).toBe(2);
    // The per-account throttle keeps the reservation of a refused code (a success would give it back).
    const [hits] = await database.db.select({ hits: loginThrottle.hits }).from(loginThrottle).where(eq(loginThrottle.key, 'user:totp_login'));
    expect(hits.hits).toBe(2);

    const codeStep = stepAt(Date.now()) + 1;
    const code = hotp(secret, codeStep, algorithm);
    const ok = await login('totp_login', code);
    expect(ok.res.ok).toBe(true);
    expect(ok.audit).toMatchObject({ result: '成功', message: '密码与动态口令验证通过' });
    const [after] = await database.db.select({ failedAttempts: users.failedAttempts }).from(users).where(eq(users.id, admin.userId));
    expect(after.failedAttempts).toBe(0);
    expect((await sessionOf(ok.res)).totpPending).toBe(false);

    // The same code again, still inside the window: a replay.
    const replay = await login('totp_login', code);
    expect(replay.res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(replay.audit).toMatchObject({ result: '失败', message: '动态口令重放（连续第 1 次）' });
    // So is a code of an earlier step.
    expect((await login('totp_login', totpAt(secret, Date.now(), algorithm))).audit.message).toMatch(/^动态口令重放/);
    const [row] = await database.db.select({ lastStep: userTotp.lastStep }).from(userTotp).where(eq(userTotp.userId, admin.userId));
    expect(row.lastStep).toBe(codeStep);
  });

  it('locks the account after five wrong codes like five wrong passwords; even the right code is then refused', async () => {
    const admin = await createActor(database.db, ['leader'], { username: 'totp_lock', password: PASSWORD });
    const { secret, algorithm } = await enrol(admin);
    const right = nextCode(secret, algorithm);
    const bad = String((Number(right) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 5; i++) expect((await login('totp_lock', bad)).res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    const [u] = await database.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, admin.userId));
    expect(u.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const locked = await login('totp_lock', right);
    expect(locked.res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(locked.audit.message).toBe('账号锁定中（密码正确）');
  });

  it('is not asked of a clerk: a business role without the requirement signs in with the password alone', async () => {
    await createActor(database.db, ['clerk'], { username: 'totp_clerk', password: PASSWORD });
    const { res, audit } = await login('totp_clerk');
    expect(res.ok).toBe(true);
    expect(audit).toMatchObject({ result: '成功', message: null });
    expect((await sessionOf(res)).totpPending).toBe(false);
  });
});

describe('身份鉴别: 双因素 unenrolled users of a required role are held', () => {
  it('signs in with the password, then holds only the enrolment permission until a token is bound', async () => {
    const admin = await createActor(database.db, ['sysadmin'], { username: 'totp_held', password: PASSWORD });
    const { res } = await login('totp_held');
    const check = await sessionOf(res);
    expect(check.totpPending).toBe(true);
    const inForce = permissionsInForce({ ...check.identity, totpPending: check.totpPending });
    expect([...inForce]).toEqual(['profile:password']);

    // An action called directly is refused with the reason, and audited.
    const held: Actor = { ...admin, permissions: inForce, totpPending: true, requestId: 'totp-held-action' };
    const refused = await createUser.execute(database.db, held, { username: 'totp_never', displayName: '不应创建', departmentId: null, password: 'Never@1234', phone: '' });
    expect(refused).toEqual({ ok: false, error: MUST_ENROL_TOTP_MESSAGE });
    expect(await auditOf('totp-held-action')).toMatchObject({ result: '拒绝', message: '须先绑定动态口令（user:manage）' });
    expect(await database.db.select().from(users).where(eq(users.username, 'totp_never'))).toEqual([]);

    // The enrolment actions work while held; afterwards the hold is gone.
    await enrol(held);
    expect((await sessionOf(res)).totpPending).toBe(false);
  });

  it('exempts demo accounts (published password, 演示数据) from the hold', async () => {
    const demo = await createActor(database.db, ['auditadmin'], { username: 'totp_demo', password: PASSWORD });
    await database.db.update(users).set({ isDemo: true }).where(eq(users.id, demo.userId));
    expect((await sessionOf((await login('totp_demo')).res)).totpPending).toBe(false);
  });
});

describe('身份鉴别: 双因素 reset by the 安全管理员', () => {
  it('removes another user’s token, ends their sessions and is audited; never their own; not for the 系统管理员', async () => {
    const admin = await createActor(database.db, ['sysadmin'], { username: 'totp_reset', password: PASSWORD });
    const { secret, algorithm } = await enrol(admin);
    const { res } = await login('totp_reset', nextCode(secret, algorithm));
    if (!res.ok) throw new Error(res.message);

    const sys = await createActor(database.db, ['sysadmin']);
    expect(await resetUserTotp.execute(database.db, sys, { id: admin.userId })).toMatchObject({ ok: false });

    expect(await resetUserTotp.execute(database.db, secadmin, { id: admin.userId })).toEqual({ ok: true, data: { id: admin.userId } });
    expect(await database.db.select().from(userTotp).where(eq(userTotp.userId, admin.userId))).toEqual([]);
    const [session] = await database.db.select().from(userSessions).where(eq(userSessions.id, res.sessionId));
    expect(session.endReason).toBe('动态口令重置');
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, '重置动态口令'), eq(auditLog.result, '成功'), like(auditLog.message, '%totp_reset%')));
    expect(audit).toMatchObject({ username: 'totp_sec', objectType: '用户', objectId: admin.userId });
    expect(audit.message).toContain('HMAC-SM3');

    // Held again after the next password login, until a new token is bound.
    forgetRoleSets();
    expect((await sessionOf((await login('totp_reset')).res)).totpPending).toBe(true);

    // Not their own: enrol the 安全管理员 and try.
    await enrol(secadmin);
    expect(await resetUserTotp.execute(database.db, secadmin, { id: secadmin.userId })).toEqual({ ok: false, error: SELF_TOTP_RESET_REFUSED });
    expect((await getTotpState(database.db, secadmin.userId)).enrolled).toBe(true);
    const [refusal] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, '重置动态口令'), eq(auditLog.result, '拒绝'))).orderBy(desc(auditLog.seq)).limit(1);
    expect(refusal).toMatchObject({ username: 'totp_sec', message: SELF_TOTP_RESET_REFUSED });
  });

  it('labels every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
