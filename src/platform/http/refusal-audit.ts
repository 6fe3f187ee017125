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
