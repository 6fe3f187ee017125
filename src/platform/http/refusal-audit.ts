import { getDb } from '../db';
import { appendAuditStandalone } from '../audit/write';
import { getLogger } from '../logger';

/**
 * Audits a cross-origin refusal made by proxy.ts (loaded there on demand, so ordinary requests
 * never pay for the database import). The session is not read: a forged request carries the
 * victim's cookie, and what is recorded is who sent it — unknown, so 匿名.
 */
export async function auditCrossOriginRefusal(input: { method: string; path: string; reason: string; ip: string | null; requestId: string }): Promise<void> {
  try {
    const db = await getDb();
    await appendAuditStandalone(db, {
      username: '匿名',
      action: '拒绝跨站请求',
      objectType: '请求',
      objectId: `${input.method} ${input.path}`.slice(0, 200),
      result: '拒绝',
      message: input.reason,
      ip: input.ip,
      requestId: input.requestId,
    });
  } catch (err) {
    getLogger().error({ err, requestId: input.requestId }, 'audit of cross-origin refusal failed');
  }
}

/** Who was refused: a signed-in user, or nobody (recorded as 匿名). */
export interface RefusedUser {
  userId: string;
  username: string;
  roleNames?: string | null;
}

export const ANONYMOUS = '匿名';

/**
 * Audits one refused request (401 signed out, 403 permission missing) on a page or a route
 * handler: one entry, result 拒绝, with the user (or 匿名), client address and request id. Never
 * throws: a refusal must not turn into a 500 because the audit could not be written.
 */
export async function auditRefusal(input: {
  user: RefusedUser | null;
  status: 401 | 403;
  /** 页面 or 接口. */
  objectType: '页面' | '接口';
  /** The path (or method and path) refused. */
  objectId: string | null;
  reason: string;
  ip: string | null;
  requestId: string | null;
}): Promise<void> {
  try {
    const db = await getDb();
    await appendAuditStandalone(db, {
      userId: input.user?.userId ?? null,
      username: input.user?.username ?? ANONYMOUS,
      roleNames: input.user?.roleNames ?? null,
      action: input.status === 401 ? '拒绝未登录访问' : '拒绝越权访问',
      objectType: input.objectType,
      objectId: input.objectId ? input.objectId.slice(0, 200) : null,
      result: '拒绝',
      message: `${input.status}：${input.reason}`,
      ip: input.ip,
      requestId: input.requestId,
    });
  } catch (err) {
    getLogger().error({ err, requestId: input.requestId }, 'audit of a refused request failed');
  }
}
