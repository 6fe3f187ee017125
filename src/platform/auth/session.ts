import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roleSetFor } from '../permissions/role-sets';
import type { Identity } from './identity';
import { passwordHoldReason } from './must-change';
import type { TSecurityPolicy } from './security-policy';
import { departments, roles, userRoles, userSessions, users } from './schema';
import { totpEnrolledSql } from './totp-store';

export interface SessionClaims {
  uid: string;
  sid: string;
  sv: number;
}

export type SessionEndReason = 'ended' | 'idle' | 'expired' | 'disabled' | 'version';

/** `totpPending`: a role requires a 动态口令 and the user has none yet — held on the enrolment page (auth/must-change.ts). */
export type SessionCheck = { ok: true; identity: Identity; sessionId: string; totpPending: boolean } | { ok: false; reason: SessionEndReason };

export const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  ended: '您已退出登录，请重新登录',
  idle: '长时间未操作，登录已超时，请重新登录',
  expired: '登录时间已达上限，请重新登录',
  disabled: '账号已停用，请联系系统管理员',
  version: '账号信息已变更（如密码被重置），请重新登录',
};

/** The policy values the per-request check applies (the 安全管理员's 安全策略). */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
  /** 0 = passwords do not expire. */
  passwordMaxAgeDays: number;
}

export function sessionPolicyOf(p: TSecurityPolicy): SessionPolicy {
  return { idleMinutes: p['session.idleMinutes'], maxHours: p['session.maxHours'], passwordMaxAgeDays: p['password.maxAgeDays'] };
}

/** Only touch last_seen_at once a minute, so reading pages does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

export function isClaims(value: unknown): value is SessionClaims {
  const v = value as Partial<SessionClaims> | null;
  return !!v && typeof v.uid === 'string' && typeof v.sid === 'string' && typeof v.sv === 'number';
}

/**
 * The user's role combination as one text value, `roleId:updatedAt,…` sorted by role id (see
 * permissions/role-sets.ts): read with the session, it names the cached roles and permissions and
 * changes as soon as a role is added, removed, or has its permissions saved.
 */
const rolesStamp = sql<string | null>`(select string_agg(${userRoles.roleId} || ':' || cast(${roles.updatedAt} as text), ',' order by ${userRoles.roleId}) from ${userRoles} inner join ${roles} on ${roles.id} = ${userRoles.roleId} where ${userRoles.userId} = ${users.id})`;

/** Sessions touched by this process in the last minute: concurrent requests write last_seen_at once. */
type Touches = Map<string, number>;
const touchesKey = Symbol.for('lr.sessionTouches');
const touches: Touches = ((globalThis as Record<symbol, Touches>)[touchesKey] ??= new Map());

/**
 * Re-checks, on every request, that the session is live and the user still may work: the session
 * row (ended, older than the maximum lifetime, idle), the user (status, session version) and their role combination in ONE query
 * by primary keys; the roles and permissions come from the per-combination cache. A password
 * to change first (set by an administrator, or older than the policy's maximum age) is worked
 * out here too, so the hold starts on the first request after the password expires.
 */
export async function resolveSession(db: Db, claims: SessionClaims, now: Date, policy: SessionPolicy): Promise<SessionCheck> {
  const { idleMinutes, maxHours } = policy;
  const [row] = await db
    .select({
      userId: userSessions.userId,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      endedAt: userSessions.endedAt,
      username: users.username,
      displayName: users.displayName,
      status: users.status,
      sessionVersion: users.sessionVersion,
      departmentId: users.departmentId,
      departmentName: departments.name,
      mustChangePassword: users.mustChangePassword,
      passwordChangedAt: users.passwordChangedAt,
      isDemo: users.isDemo,
      totpEnrolled: totpEnrolledSql,
      rolesStamp,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(userSessions.id, claims.sid));
  if (!row || row.endedAt || row.userId !== claims.uid) return { ok: false, reason: 'ended' };
  // Absolute lifetime from the login itself: the cookie's expiry moves on every
  // /api/auth/session call, the session row's start does not.
  if (now.getTime() - row.createdAt.getTime() > maxHours * 3600_000) {
    await endSession(db, claims.sid, '超过最长登录时间');
    return { ok: false, reason: 'expired' };
  }
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > idleMinutes * 60_000) {
    await endSession(db, claims.sid, '空闲超时');
    return { ok: false, reason: 'idle' };
  }
  if (row.status !== 'active') {
    await endSession(db, claims.sid, '账号停用');
    return { ok: false, reason: 'disabled' };
  }
  if (row.sessionVersion !== claims.sv) {
    await endSession(db, claims.sid, '账号变更');
    return { ok: false, reason: 'version' };
  }
  if (idleMs > TOUCH_INTERVAL_MS) await touch(db, claims.sid, now);
  const { roles: roleRefs, permissions, requiresTotp } = await roleSetFor(db, row.rolesStamp ?? '');
  const holdReason = passwordHoldReason(row, policy.passwordMaxAgeDays, now);
  const identity: Identity = {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    status: row.status,
    sessionVersion: row.sessionVersion,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    mustChangePassword: holdReason !== null,
    passwordHoldReason: holdReason,
    roles: roleRefs,
    permissions,
  };
  // Demo accounts (published password, 演示数据) are exempt: see docs/security.md 双因素鉴别.
  return { ok: true, identity, sessionId: claims.sid, totpPending: requiresTotp && !row.totpEnrolled && !row.isDemo };
}

async function touch(db: Db, sessionId: string, now: Date): Promise<void> {
  const last = touches.get(sessionId);
  if (last !== undefined && now.getTime() - last <= TOUCH_INTERVAL_MS && now.getTime() >= last) return;
  touches.set(sessionId, now.getTime());
  if (touches.size > 10_000) {
    for (const [id, at] of touches) if (now.getTime() - at > TOUCH_INTERVAL_MS) touches.delete(id);
  }
  await db
    .update(userSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

/** Ends the session; false when it had ended already. */
export async function endSession(db: Db, sessionId: string, reason: string): Promise<boolean> {
  touches.delete(sessionId);
  const ended = await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/** Ends every open session of a user (disable, password reset, role change). */
export async function endUserSessions(db: Db, userId: string, reason: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)));
}
