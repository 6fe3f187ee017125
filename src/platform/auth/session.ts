import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loadIdentity, type Identity } from './identity';
import { userSessions } from './schema';

export interface SessionClaims {
  uid: string;
  sid: string;
  sv: number;
}

export type SessionEndReason = 'ended' | 'idle' | 'disabled' | 'version';

export type SessionCheck = { ok: true; identity: Identity; sessionId: string } | { ok: false; reason: SessionEndReason };

export const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  ended: '您已退出登录，请重新登录',
  idle: '长时间未操作，登录已超时，请重新登录',
  disabled: '账号已停用，请联系系统管理员',
  version: '账号信息已变更（如密码被重置），请重新登录',
};

/** Only touch last_seen_at once a minute, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function isClaims(value: unknown): value is SessionClaims {
  const v = value as Partial<SessionClaims> | null;
  return !!v && typeof v.uid === 'string' && typeof v.sid === 'string' && typeof v.sv === 'number';
}

/** Re-checks, on every request, that the session is live and the user still may work. */
export async function resolveSession(db: Db, claims: SessionClaims, now: Date, idleMinutes: number): Promise<SessionCheck> {
  const [session] = await db
    .select({ id: userSessions.id, userId: userSessions.userId, lastSeenAt: userSessions.lastSeenAt, endedAt: userSessions.endedAt })
    .from(userSessions)
    .where(eq(userSessions.id, claims.sid));
  if (!session || session.endedAt || session.userId !== claims.uid) return { ok: false, reason: 'ended' };
  if (now.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await endSession(db, session.id, '空闲超时');
    return { ok: false, reason: 'idle' };
  }
  const identity = await loadIdentity(db, claims.uid);
  if (!identity || identity.status !== 'active') {
    await endSession(db, session.id, '账号停用');
    return { ok: false, reason: 'disabled' };
  }
  if (identity.sessionVersion !== claims.sv) {
    await endSession(db, session.id, '账号变更');
    return { ok: false, reason: 'version' };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, session.id));
  }
  return { ok: true, identity, sessionId: session.id };
}

export async function endSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

/** Ends every open session of a user (disable, password reset, role change). */
export async function endUserSessions(db: Db, userId: string, reason: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)));
}
