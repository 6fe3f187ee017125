import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { getConfig } from '../config';
import { hashPassword, verifyPassword } from '../crypto/sm';
import { appendAudit, appendAuditStandalone } from '../audit/write';
import { hasControlChars } from '../validation';
import { afterFailure, isLocked, type LockoutPolicy } from './lockout';
import { release, reserve, type ThrottleRule } from './throttle';
import { userSessions, users } from './schema';
import { loadIdentity, roleNamesOf } from './identity';
import { checkLoginCode } from './totp-store';
import { getSecurityPolicy, type TSecurityPolicy } from './security-policy';

export interface LoginRequest {
  username: unknown;
  password: unknown;
  /** 动态口令 (second factor); needed only by users with a confirmed token. */
  totp?: unknown;
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
  /** The one answer for unknown user, wrong password, locked account (see docs/security-login.md). */
  failed: '用户名或密码错误，或账号暂不可用',
  /** Only after the right password: the account holder may know the account is disabled. */
  disabled: '该账号已停用，请联系系统管理员',
  unexpected: '登录失败，请稍后重试',
} as const;

/** Audit reasons of a refused second factor; the user sees the one neutral message. */
export const TOTP_FAILURE_REASONS = { missing: '未输入动态口令', wrong: '动态口令错误', replay: '动态口令重放' } as const;

export function tooManyMessage(minutes: number): string {
  return `尝试过于频繁，请 ${minutes} 分钟后再试`;
}

export interface LoginPolicy {
  lockout: LockoutPolicy;
  account: ThrottleRule;
  ip: ThrottleRule;
}

/** The login thresholds of the 安全管理员's policy (the LOGIN_* environment values are its defaults). */
export function loginPolicyOf(p: TSecurityPolicy): LoginPolicy {
  return {
    lockout: { maxFailures: p['login.maxFailures'], lockMinutes: p['login.lockMinutes'] },
    account: { max: p['login.accountMaxFailures'], windowMinutes: p['login.accountWindowMinutes'] },
    ip: { max: p['login.ipMaxFailures'], windowMinutes: p['login.ipWindowMinutes'] },
  };
}

/** Read on every attempt (no cache): a changed threshold holds from the next attempt on. */
export async function loadLoginPolicy(db: Db): Promise<LoginPolicy> {
  return loginPolicyOf(await getSecurityPolicy(db));
}

/**
 * The user name as typed, fit for the audit log: control characters written as visible escapes
 * (PostgreSQL rejects a NUL byte in text, which used to fail the audit insert), at most 64 chars.
 */
export function auditableName(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const shown = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 64);
  return shown || null;
}

/** A hash of a throw-away password per iteration count, so its check costs what a real one costs. */
const dummyHashes = new Map<number, Promise<string>>();

function dummyHash(iterations: number): Promise<string> {
  let h = dummyHashes.get(iterations);
  if (!h) dummyHashes.set(iterations, (h = hashPassword('dummy-password', iterations)));
  return h;
}

/**
 * Checks credentials, applies the rate limits and the lockout rule, opens a session row and
 * audits the attempt with its real reason. Every failure before a proven password gets the same
 * message and the same work (a password hash is verified even for an unknown user name), so
 * neither the text nor the timing tells whether a user name exists, is locked or disabled.
 */
export async function attemptLogin(db: Db, req: LoginRequest, given?: LoginPolicy): Promise<LoginOutcome> {
  const cfg = getConfig();
  const policy = given ?? (await loadLoginPolicy(db));
  const rawName = typeof req.username === 'string' ? req.username.trim() : '';
  const password = typeof req.password === 'string' ? req.password : '';
  const auditBase = { action: '登录', objectType: '用户', ip: req.ip, requestId: req.requestId, username: auditableName(rawName) };
  const now = new Date();
  const refuse = async (message: string, reason: string): Promise<LoginOutcome> => {
    await appendAuditStandalone(db, { ...auditBase, result: '失败', message: reason });
    return { ok: false, message };
  };

  // Per client address: failures across all user names (spraying). Without a known address
  // (no peer-address hook in this process) there is nothing to key on.
  const ipKey = req.ip ? `ip:${req.ip}` : null;
  const ipSlot = ipKey ? await reserve(db, ipKey, policy.ip, now) : null;
  if (ipSlot && !ipSlot.ok) return refuse(tooManyMessage(ipSlot.minutesLeft), '来源地址登录失败过于频繁');

  const inputProblem =
    !rawName || !password
      ? LOGIN_MESSAGES.empty
      : rawName.length > 256 || password.length > 256
        ? LOGIN_MESSAGES.tooLong
        : hasControlChars(rawName) || hasControlChars(password) || /[\r\n\t]/.test(rawName)
          ? LOGIN_MESSAGES.badChars
          : null;
  if (inputProblem) return refuse(inputProblem, inputProblem);
  const username = rawName;

  // Per user name as typed, whether or not it exists (counting only real ones would tell).
  const accountKey = `user:${username}`;
  const accountSlot = await reserve(db, accountKey, policy.account, now);
  if (!accountSlot.ok) return refuse(tooManyMessage(accountSlot.minutesLeft), '账号登录失败过于频繁');

  let outcome: LoginOutcome = { ok: false, message: LOGIN_MESSAGES.failed };
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
    // Always the same hash work, so response time does not reveal which user names exist.
    const hash = user?.passwordHash ?? (await dummyHash(cfg.PASSWORD_ITERATIONS));
    const passwordOk = (await verifyPassword(password, hash)) && !!user;
    if (!user) {
      await appendAudit(tx, { ...auditBase, result: '失败', message: '用户不存在' });
      return;
    }
    const base = { ...auditBase, userId: user.id, objectId: user.id };
    if (user.lockedUntil && isLocked(user.lockedUntil, now)) {
      // Neutral even for the right password: telling "locked" only then would make every
      // guess during the lock an oracle and the lock useless.
      await appendAudit(tx, { ...base, result: '失败', message: passwordOk ? '账号锁定中（密码正确）' : '账号锁定中' });
      return;
    }
    if (!passwordOk) {
      const next = afterFailure(user, policy.lockout, now);
      await tx.update(users).set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil }).where(eq(users.id, user.id));
      const reason = next.justLocked
        ? `密码错误，账号被锁定 ${policy.lockout.lockMinutes} 分钟`
        : `密码错误（连续第 ${next.failedAttempts} 次）`;
      await appendAudit(tx, { ...base, result: '失败', message: user.status === 'active' ? reason : `${reason}；账号已停用` });
      return;
    }
    if (user.status !== 'active') {
      await appendAudit(tx, { ...base, result: '失败', message: '账号已停用' });
      outcome = { ok: false, message: LOGIN_MESSAGES.disabled };
      return;
    }
    // Second factor after the right password, with the same neutral answer and the same counting
    // (lockout, and the throttle reservations are kept) as a wrong password.
    const code = await checkLoginCode(tx, user.id, req.totp, now);
    if (code.required && !code.ok) {
      const next = afterFailure(user, policy.lockout, now);
      await tx.update(users).set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil }).where(eq(users.id, user.id));
      const locked = next.justLocked ? `，账号被锁定 ${policy.lockout.lockMinutes} 分钟` : `（连续第 ${next.failedAttempts} 次）`;
      await appendAudit(tx, { ...base, result: '失败', message: `${TOTP_FAILURE_REASONS[code.reason]}${locked}` });
      return;
    }
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    const [session] = await tx
      .insert(userSessions)
      .values({ userId: user.id, lastSeenAt: now, ip: req.ip, userAgent: req.userAgent })
      .returning({ id: userSessions.id });
    const identity = await loadIdentity(tx, user.id);
    await appendAudit(tx, {
      ...base,
      username,
      roleNames: identity ? roleNamesOf(identity) : null,
      result: '成功',
      message: code.required ? '密码与动态口令验证通过' : null,
    });
    outcome = { ok: true, userId: user.id, sessionId: session.id, sessionVersion: user.sessionVersion };
  });
  if (outcome.ok) {
    // A success is no failure: give back the reservations.
    await release(db, accountKey, accountSlot.windowStart);
    if (ipKey && ipSlot?.ok) await release(db, ipKey, ipSlot.windowStart);
  }
  return outcome;
}
