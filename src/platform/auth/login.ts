import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { getConfig } from '../config';
import { hashPassword, verifyPassword } from '../crypto/sm';
import { appendAudit } from '../audit/write';
import { hasControlChars } from '../validation';
import { afterFailure, isLocked, minutesLeft } from './lockout';
import { userSessions, users } from './schema';
import { loadIdentity, roleNamesOf } from './identity';

export interface LoginRequest {
  username: unknown;
  password: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export type LoginOutcome =
  | { ok: true; userId: string; sessionId: string; sessionVersion: number }
  | { ok: false; message: string };

export const LOGIN_MESSAGES = {
  empty: '请输入用户名和密码',
  tooLong: '用户名或密码过长（不能超过 256 个字符）',
  badChars: '用户名或密码含有不允许的字符',
  wrong: '用户名或密码错误',
  disabled: '该账号已停用，请联系系统管理员',
} as const;

let dummyHash: Promise<string> | undefined;

/**
 * Checks credentials, applies the lockout rule, opens a session row and audits the attempt —
 * all in one transaction with the user row locked, so parallel attempts count correctly.
 */
export async function attemptLogin(db: Db, req: LoginRequest): Promise<LoginOutcome> {
  const cfg = getConfig();
  const username = typeof req.username === 'string' ? req.username.trim() : '';
  const password = typeof req.password === 'string' ? req.password : '';
  const auditBase = { action: '登录', objectType: '用户', ip: req.ip, requestId: req.requestId };

  const inputProblem =
    !username || !password
      ? LOGIN_MESSAGES.empty
      : username.length > 256 || password.length > 256
        ? LOGIN_MESSAGES.tooLong
        : hasControlChars(username) || hasControlChars(password) || /[\r\n]/.test(username)
          ? LOGIN_MESSAGES.badChars
          : null;
  if (inputProblem) {
    await db.transaction((tx) =>
      appendAudit(tx, { ...auditBase, username: username.slice(0, 64) || null, result: '失败', message: inputProblem }),
    );
    return { ok: false, message: inputProblem };
  }

  const now = new Date();
  let outcome: LoginOutcome = { ok: false, message: LOGIN_MESSAGES.wrong };
  let slowCheck: string | undefined;
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        status: users.status,
        passwordHash: users.passwordHash,
        failedAttempts: users.failedAttempts,
        lockedUntil: users.lockedUntil,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.username, username))
      .for('update');
    if (!user) {
      // Same work as a real check, so response time does not reveal which usernames exist.
      slowCheck = await (dummyHash ??= hashPassword('dummy-password', cfg.PASSWORD_ITERATIONS));
      await verifyPassword(password, slowCheck);
      await appendAudit(tx, { ...auditBase, username: username.slice(0, 64), result: '失败', message: '用户不存在' });
      outcome = { ok: false, message: LOGIN_MESSAGES.wrong };
      return;
    }
    const base = { ...auditBase, userId: user.id, username, objectId: user.id };
    if (user.status !== 'active') {
      await appendAudit(tx, { ...base, result: '失败', message: '账号已停用' });
      outcome = { ok: false, message: LOGIN_MESSAGES.disabled };
      return;
    }
    if (user.lockedUntil && isLocked(user.lockedUntil, now)) {
      const message = `登录失败次数过多，账号已锁定，请 ${minutesLeft(user.lockedUntil, now)} 分钟后再试`;
      await appendAudit(tx, { ...base, result: '失败', message: '账号锁定中' });
      outcome = { ok: false, message };
      return;
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const next = afterFailure(user, { maxFailures: cfg.LOGIN_MAX_FAILURES, lockMinutes: cfg.LOGIN_LOCK_MINUTES }, now);
      await tx.update(users).set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil }).where(eq(users.id, user.id));
      const message = next.justLocked
        ? `密码连续错误 ${cfg.LOGIN_MAX_FAILURES} 次，账号已锁定 ${cfg.LOGIN_LOCK_MINUTES} 分钟`
        : `${LOGIN_MESSAGES.wrong}，还可尝试 ${next.remaining} 次`;
      await appendAudit(tx, { ...base, result: '失败', message: next.justLocked ? '密码错误，账号被锁定' : '密码错误' });
      outcome = { ok: false, message };
      return;
    }
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    const [session] = await tx
      .insert(userSessions)
      .values({ userId: user.id, lastSeenAt: now, ip: req.ip, userAgent: req.userAgent })
      .returning({ id: userSessions.id });
    const identity = await loadIdentity(tx, user.id);
    await appendAudit(tx, { ...base, roleNames: identity ? roleNamesOf(identity) : null, result: '成功' });
    outcome = { ok: true, userId: user.id, sessionId: session.id, sessionVersion: user.sessionVersion };
  });
  return outcome;
}
