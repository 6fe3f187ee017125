import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { setDatabase } from '../../src/platform/db';
import { resetConfigCache } from '../../src/platform/config';
import { attemptLogin, LOGIN_MESSAGES, tooManyMessage, type LoginPolicy } from '../../src/platform/auth/login';
import { resolveSession, SESSION_END_MESSAGES } from '../../src/platform/auth/session';
import { loginThrottle, userSessions, users } from '../../src/platform/auth/schema';
import { getAuthOptions } from '../../src/platform/auth/options';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { hashPassword } from '../../src/platform/crypto/sm';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

let database: Database;
const policy: LoginPolicy = {
  lockout: { maxFailures: 5, lockMinutes: 15 },
  account: { max: 10, windowMinutes: 15 },
  ip: { max: 1000, windowMinutes: 5 },
};
let ipCounter = 0;
/** A fresh client address per case, so the per-address limit of one case does not leak into another. */
const meta = () => ({ ip: `10.1.0.${++ipCounter}`, userAgent: 'vitest', requestId: `req-${ipCounter}` });

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = 'login-security-test-secret-0123456789abcdef';
  resetConfigCache();
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

async function auditsFor(requestId: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(desc(auditLog.seq));
}

async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('身份鉴别: one neutral message for every failed login', () => {
  it('answers unknown user, wrong password, disabled and locked alike; the audit log keeps the real reason', async () => {
    await createActor(database.db, ['clerk'], { username: 'neutral_ok', password: 'Right@123' });
    const disabled = await createActor(database.db, ['clerk'], { username: 'neutral_dis', password: 'Right@123' });
    await database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.userId));
    const locked = await createActor(database.db, ['clerk'], { username: 'neutral_lock', password: 'Right@123' });
    await database.db.update(users).set({ lockedUntil: new Date(Date.now() + 10 * 60_000) }).where(eq(users.id, locked.userId));

    const cases: [string, string, string][] = [
      ['no_such_user', 'Right@123', '用户不存在'],
      ['neutral_ok', 'wrong', '密码错误（连续第 1 次）'],
      ['neutral_dis', 'wrong', '密码错误（连续第 1 次）；账号已停用'],
      ['neutral_lock', 'wrong', '账号锁定中'],
      // Locked: even the right password is not told apart (else guessing during a lock would work).
      ['neutral_lock', 'Right@123', '账号锁定中（密码正确）'],
    ];
    for (const [username, password, reason] of cases) {
      const m = meta();
      expect(await attemptLogin(database.db, { username, password, ...m }, policy)).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
      const [audit] = await auditsFor(m.requestId);
      expect(audit).toMatchObject({ action: '登录', result: '失败', message: reason, username, ip: m.ip });
    }
    // Only a proven password learns that the account is disabled.
    expect(await attemptLogin(database.db, { username: 'neutral_dis', password: 'Right@123', ...meta() }, policy)).toEqual({
      ok: false,
      message: LOGIN_MESSAGES.disabled,
    });
  });

  it('never mentions remaining tries or the lock, and still locks after five wrong passwords', async () => {
    const actor = await createActor(database.db, ['clerk'], { username: 'neutral_count', password: 'Right@123' });
    for (let i = 0; i < 5; i++) {
      const res = await attemptLogin(database.db, { username: 'neutral_count', password: `bad${i}`, ...meta() }, policy);
      expect(res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
    }
    const [u] = await database.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, actor.userId));
    expect(u.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await attemptLogin(database.db, { username: 'neutral_count', password: 'Right@123', ...meta() }, policy)).ok).toBe(false);
  });
});

describe('身份鉴别: response time does not reveal whether a user name exists', () => {
  it('takes as long for an unknown user name as for a wrong password (production-like hash cost)', async () => {
    const iterations = 150_000;
    const saved = process.env.PASSWORD_ITERATIONS;
    process.env.PASSWORD_ITERATIONS = String(iterations);
    resetConfigCache();
    try {
      const [u] = await database.db
        .insert(users)
        .values({ username: 'timing_real', displayName: '计时', passwordHash: await hashPassword('Right@123', iterations) })
        .returning({ id: users.id });
      expect(u.id).toBeTruthy();
      const loose: LoginPolicy = { ...policy, lockout: { maxFailures: 100, lockMinutes: 15 }, account: { max: 100, windowMinutes: 15 } };
      const time = async (username: string) => {
        const t0 = performance.now();
        const res = await attemptLogin(database.db, { username, password: 'wrong-pass', ...meta() }, loose);
        expect(res).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
        return performance.now() - t0;
      };
      await time('timing_nobody'); // warm-up: builds the dummy hash for this cost
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time('timing_real'));
        unknown.push(await time(`timing_nobody_${i}`));
      }
      // Without the dummy check an unknown name answers in a few ms; the hash alone costs far more.
      const hashOnly = performance.now();
      await hashPassword('x', iterations);
      const hashMs = performance.now() - hashOnly;
      expect(median(unknown)).toBeGreaterThan(0.6 * hashMs);
      expect(median(unknown)).toBeGreaterThan(0.5 * median(known));
    } finally {
      process.env.PASSWORD_ITERATIONS = saved;
      resetConfigCache();
    }
  });
});

describe('身份鉴别: control characters in the user name or password', () => {
  it.each([
    ['adm\u0000in', 'Right@123', 'adm\\u0000in'],
    ['admin', 'Right\u0000@123', 'admin'],
    ['ad\u001bmin', 'x', 'ad\\u001bmin'],
    ['ad\u007fmin', 'x', 'ad\\u007fmin'],
    ['ad\tmin', 'x', 'ad\\u0009min'],
  ])('refuses %j with a Chinese message, audits it, and leaks no SQL', async (username, password, shown) => {
    const m = meta();
    const res = await attemptLogin(database.db, { username, password, ...m }, policy);
    expect(res).toEqual({ ok: false, message: LOGIN_MESSAGES.badChars });
    if (!res.ok) expect(res.message).not.toMatch(/select|insert|params|audit|hash|\$\d/i);
    const [audit] = await auditsFor(m.requestId);
    expect(audit).toMatchObject({ action: '登录', result: '失败', username: shown, ip: m.ip, message: LOGIN_MESSAGES.badChars });
  });

  it('through next-auth: a NUL user name gets the Chinese message, and a database failure only 「登录失败，请稍后重试」', async () => {
    const provider = getAuthOptions().providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, r: { headers: Record<string, string> }) => Promise<unknown> };
    };
    const authorize = provider.options.authorize;
    await expect(authorize({ username: 'x\u0000y', password: 'p' }, { headers: { 'x-request-id': 'na-nul' } })).rejects.toThrow(
      new Error(LOGIN_MESSAGES.badChars),
    );
    expect((await auditsFor('na-nul'))[0]).toMatchObject({ username: 'x\\u0000y', result: '失败' });

    // A database that fails every query: the browser must not see the driver's text.
    const broken = await createTestDatabase();
    await broken.close();
    setDatabase(broken);
    try {
      const err = await authorize({ username: 'someone', password: 'p' }, { headers: {} }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(LOGIN_MESSAGES.unexpected);
    } finally {
      setDatabase(database);
    }
  });
});

describe('登录频率限制 (kept in the database)', () => {
  it('per account: after N failures in the window even the right password gets 「尝试过于频繁」; unknown names alike', async () => {
    await createActor(database.db, ['clerk'], { username: 'rate_acct', password: 'Right@123' });
    const tight: LoginPolicy = { ...policy, lockout: { maxFailures: 100, lockMinutes: 15 }, account: { max: 3, windowMinutes: 15 } };
    for (const username of ['rate_acct', 'rate_nobody']) {
      for (let i = 0; i < 3; i++) {
        expect(await attemptLogin(database.db, { username, password: 'bad', ...meta() }, tight)).toEqual({ ok: false, message: LOGIN_MESSAGES.failed });
      }
      const m = meta();
      const res = await attemptLogin(database.db, { username, password: 'Right@123', ...m }, tight);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.message).toMatch(/^尝试过于频繁，请 \d+ 分钟后再试$/);
      expect((await auditsFor(m.requestId))[0]).toMatchObject({ result: '失败', message: '账号登录失败过于频繁', username, ip: m.ip });
    }
  });

  it('per account: successful logins are not counted as failures', async () => {
    await createActor(database.db, ['clerk'], { username: 'rate_good', password: 'Right@123' });
    const tight: LoginPolicy = { ...policy, account: { max: 2, windowMinutes: 15 }, ip: { max: 2, windowMinutes: 5 } };
    const m = meta();
    for (let i = 0; i < 6; i++) expect((await attemptLogin(database.db, { username: 'rate_good', password: 'Right@123', ...m }, tight)).ok).toBe(true);
  });

  it('per client address: spraying many user names is stopped; another address is not affected', async () => {
    const tight: LoginPolicy = { ...policy, ip: { max: 4, windowMinutes: 5 } };
    const m = meta();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await attemptLogin(database.db, { username: `spray_${i}`, password: 'Passw0rd!', ...m }, tight));
    expect(answers.slice(0, 4).every((a) => !a.ok && a.message === LOGIN_MESSAGES.failed)).toBe(true);
    expect(answers.slice(4).every((a) => !a.ok && /^尝试过于频繁，请 \d+ 分钟后再试$/.test(a.message))).toBe(true);
    expect(await lastAudit()).toMatchObject({ message: '来源地址登录失败过于频繁', username: 'spray_5', ip: m.ip });
    expect(await attemptLogin(database.db, { username: 'spray_x', password: 'Passw0rd!', ...meta() }, tight)).toEqual({
      ok: false,
      message: LOGIN_MESSAGES.failed,
    });
  });

  it('counts exactly under concurrency (parallel attempts on several connections)', async () => {
    const tight: LoginPolicy = { ...policy, ip: { max: 5, windowMinutes: 5 } };
    const m = meta();
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => attemptLogin(database.db, { username: `para_${i}`, password: 'Passw0rd!', ...m }, tight)),
    );
    const limited = answers.filter((a) => !a.ok && a.message.startsWith('尝试过于频繁'));
    expect(limited).toHaveLength(11);
    const rows = await database.db.select().from(loginThrottle).where(eq(loginThrottle.key, `ip:${m.ip}`));
    expect(rows).toHaveLength(1);
    expect(rows[0].hits).toBe(16);
  });

  it('purges windows older than a day when a new window starts', async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await database.db.insert(loginThrottle).values({ key: 'ip:10.9.9.9', windowStart: old, hits: 7 });
    await attemptLogin(database.db, { username: 'purge_me', password: 'x', ...meta() }, policy);
    const left = await database.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'ip:10.9.9.9'));
    expect(left).toHaveLength(0);
  });

  it('formats the message in whole minutes', () => {
    expect(tooManyMessage(3)).toBe('尝试过于频繁，请 3 分钟后再试');
  });
});

describe('会话最长有效期 enforced on the server', () => {
  it('refuses a session older than the maximum on the next request, although it is not idle and the cookie is fresh', async () => {
    await createActor(database.db, ['clerk'], { username: 'max_life', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'max_life', password: 'Right@123', ...meta() }, policy);
    if (!res.ok) throw new Error('login failed');
    const claims = { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion };
    // The user worked all day: the session was seen a minute ago, and started 8 h 1 min ago.
    const now = new Date();
    await database.db
      .update(userSessions)
      .set({ createdAt: new Date(now.getTime() - (8 * 60 + 1) * 60_000), lastSeenAt: new Date(now.getTime() - 60_000) })
      .where(eq(userSessions.id, res.sessionId));
    expect((await resolveSession(database.db, claims, now, { idleMinutes: 30, maxHours: 9, passwordMaxAgeDays: 90 })).ok).toBe(true);
    expect(await resolveSession(database.db, claims, now, { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'expired' });
    const [row] = await database.db.select().from(userSessions).where(eq(userSessions.id, res.sessionId));
    expect(row.endedAt).not.toBeNull();
    expect(row.endReason).toBe('超过最长登录时间');
    // Ended for good: a larger maximum afterwards does not revive it.
    expect(await resolveSession(database.db, claims, now, { idleMinutes: 30, maxHours: 24, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'ended' });
    expect(SESSION_END_MESSAGES.expired).toBe('登录时间已达上限，请重新登录');
  });

  it('defaults to 8 hours', async () => {
    const { parseConfig } = await import('../../src/platform/config');
    expect(parseConfig({}).SESSION_MAX_HOURS).toBe(8);
  });
});

describe('安全审计: logout', () => {
  it('writes one entry with the user name and ends the session', async () => {
    await createActor(database.db, ['clerk'], { username: 'bye_user', password: 'Right@123' });
    const res = await attemptLogin(database.db, { username: 'bye_user', password: 'Right@123', ...meta() }, policy);
    if (!res.ok) throw new Error('login failed');
    const signOut = getAuthOptions().events!.signOut!;
    const before = await database.db.select({ n: sql<number>`count(*)` }).from(auditLog);
    await signOut({ token: { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion }, session: null as never });
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, '退出登录'), eq(auditLog.userId, res.userId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ username: 'bye_user', result: '成功', objectId: res.userId });
    const after = await database.db.select({ n: sql<number>`count(*)` }).from(auditLog);
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
    const [s] = await database.db.select().from(userSessions).where(eq(userSessions.id, res.sessionId));
    expect(s.endReason).toBe('用户退出');
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
