import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { attemptLogin, LOGIN_MESSAGES } from '../../src/platform/auth/login';
import { resolveSession } from '../../src/platform/auth/session';
import { userSessions, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

let database: Database;
const meta = { ip: '10.0.0.8', userAgent: 'vitest', requestId: 'req-1' };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('login', () => {
  it('accepts the right password, opens a session and audits success', async () => {
    const actor = await createActor(database.db, ['clerk'], { username: 'login_ok', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'login_ok', password: 'Right@123', ...meta });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [s] = await database.db.select().from(userSessions).where(eq(userSessions.id, res.sessionId));
    expect(s.userId).toBe(actor.userId);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '登录', result: '成功', userId: actor.userId, ip: '10.0.0.8', roleNames: '经办' });
  });

  it('rejects a wrong password with the neutral message and audits the real reason', async () => {
    await createActor(database.db, ['clerk'], { username: 'login_wrong', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'login_wrong', password: 'nope', ...meta });
    expect(res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect(await lastAudit()).toMatchObject({ action: '登录', result: '失败', message: '密码错误（连续第 1 次）', username: 'login_wrong', ip: '10.0.0.8' });
  });

  it('locks the account after five failures, even for the right password (neutral message), then unlocks', async () => {
    const actor = await createActor(database.db, ['clerk'], { username: 'login_lock', password: 'Right@123' });
    for (let i = 0; i < 4; i++) await attemptLogin(database.db, { username: 'login_lock', password: 'bad', ...meta });
    const fifth = await attemptLogin(database.db, { username: 'login_lock', password: 'bad', ...meta });
    expect(fifth).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect((await lastAudit()).message).toBe('密码错误，账号被锁定 15 分钟');
    const locked = await attemptLogin(database.db, { username: 'login_lock', password: 'Right@123', ...meta });
    expect(locked).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    expect((await lastAudit()).message).toBe('账号锁定中（密码正确）');
    // Time passes: the lock expires.
    await database.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, actor.userId));
    expect((await attemptLogin(database.db, { username: 'login_lock', password: 'Right@123', ...meta })).ok).toBe(true);
  });

  it.each([
    ['', 'x', LOGIN_MESSAGES.empty],
    ['someone', '', LOGIN_MESSAGES.empty],
    ['a'.repeat(257), 'x', LOGIN_MESSAGES.tooLong],
    ['ok', 'p'.repeat(300), LOGIN_MESSAGES.tooLong],
    ['bad\u0001name', 'x', LOGIN_MESSAGES.badChars],
    ["admin' OR '1'='1", "' OR 1=1 --", LOGIN_MESSAGES.failed],
    [42, null, LOGIN_MESSAGES.empty],
  ])('answers bad input %j with a Chinese message and writes only an audit entry', async (username, password, message) => {
    const before = await database.db.select({ id: users.id }).from(users);
    const res = await attemptLogin(database.db, { username, password, ...meta });
    expect(res).toEqual({ ok: false, message });
    expect(await database.db.select({ id: users.id }).from(users)).toHaveLength(before.length);
    expect((await lastAudit()).result).toBe('失败');
  });

  it('refuses a disabled user and ends sessions when the user is disabled', async () => {
    await createActor(database.db, ['clerk'], { username: 'login_dis', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'login_dis', password: 'Right@123', ...meta });
    if (!res.ok) throw new Error('login failed');
    const claims = { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion };
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    await database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, res.userId));
    expect(await resolveSession(database.db, claims, new Date(), { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'disabled' });
    expect(await attemptLogin(database.db, { username: 'login_dis', password: 'Right@123', ...meta })).toEqual({
      ok: false,
      message: LOGIN_MESSAGES.disabled,
    });
  });

  it('ends a session after the idle timeout and on a session-version change', async () => {
    await createActor(database.db, ['clerk'], { username: 'login_idle', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'login_idle', password: 'Right@123', ...meta });
    if (!res.ok) throw new Error('login failed');
    const claims = { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion };
    expect(await resolveSession(database.db, { ...claims, sv: claims.sv + 1 }, new Date(), { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'version' });
    const res2 = await attemptLogin(database.db, { username: 'login_idle', password: 'Right@123', ...meta });
    if (!res2.ok) throw new Error('login failed');
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await resolveSession(database.db, { uid: res2.userId, sid: res2.sessionId, sv: res2.sessionVersion }, later, { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({
      ok: false,
      reason: 'idle',
    });
  });

  it('keeps the audit chain intact through all of the above', async () => {
    const verdict = await verifyAuditChain(database.db);
    expect(verdict.ok).toBe(true);
    expect(verdict.count).toBeGreaterThan(15);
  });
});
