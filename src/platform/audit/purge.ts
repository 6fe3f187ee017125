import { and, eq, gte, lte, min, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { users } from '../auth/schema';
import { loadIdentity, roleNamesOf } from '../auth/identity';
import { verifyPassword } from '../crypto/sm';
import { getSettings } from '../settings';
import { appendAudit, appendAuditStandalone } from './write';
import { auditChainHead, auditCheckpoint, auditLog } from './schema';
import { anchorFilePath, checkAnchor, getAnchorKey, readAnchorFile, readChainEnds, signAnchor, writeAnchorFile } from './anchor';
import { verifyAuditChain } from './verify';

/** The legal floor, also enforced by the database trigger of migration 0018 (《网络安全法》第二十一条). */
export const AUDIT_MIN_RETENTION_DAYS = 180;

export class AuditPurgeError extends Error {}

export interface PurgeOutcome {
  removed: number;
  /** The last removed entry (the chain now starts after it); null when nothing was old enough. */
  checkpoint: { seq: number; hash: string } | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving), as people read it. */
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The latest `--before` the retention allows: now minus the days (never fewer than 180). */
export function latestPurgeBoundary(retentionDays: number, now: Date): Date {
  return new Date(now.getTime() - Math.max(retentionDays, AUDIT_MIN_RETENTION_DAYS) * DAY);
}

/**
 * `npm run audit:purge`: removes the audit entries older than `before`, for a 审计管理员 who signs
 * in with their password. Refused when `before` is inside the retention (setting
 * audit.retentionDays, at least 180 days), when the chain or its anchor does not verify (a purge
 * must not hide tampering), or for anyone else; every attempt is audited. The removed prefix is
 * replaced by a checkpoint (last removed seq and hash), and the anchor moves to the new start.
 */
export async function purgeAuditLog(db: Db, input: { username: string; password: string; before: Date; now?: Date }): Promise<PurgeOutcome> {
  const now = input.now ?? new Date();
  const who = await authenticateAuditAdmin(db, input.username, input.password);
  const refuse = async (message: string): Promise<never> => {
    await appendAuditStandalone(db, { ...who.audit, action: '清理审计日志', objectType: '审计日志', result: '拒绝', message });
    throw new AuditPurgeError(message);
  };
  if (!who.ok) await refuse(who.reason);

  const retentionDays = Math.max((await getSettings(db))['audit.retentionDays'], AUDIT_MIN_RETENTION_DAYS);
  const latest = latestPurgeBoundary(retentionDays, now);
  if (input.before.getTime() > latest.getTime()) {
    await refuse(`审计记录至少保留 ${retentionDays} 天（GB/T 22239-2019 8.1.4.3 c)、《网络安全法》第二十一条），只能清理 ${shanghaiDate(latest)} 之前的记录`);
  }
  const verdict = await verifyAuditChain(db);
  if (!verdict.ok) await refuse(`审计日志链校验未通过（序号 ${verdict.brokenSeq}：${verdict.reason}），不能清理；请先排查`);
  const anchor = await checkAnchor(db, readAnchorFile());
  if (!anchor.ok) await refuse(`审计日志链与库外锚定不符（${anchor.reason}），不能清理；请先排查`);

  const outcome = await db.transaction(async (tx) => {
    // Appends wait while the prefix is removed: the boundary cannot move under us.
    await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
    const { base } = await readChainEnds(tx);
    const [{ firstKept }] = await tx.select({ firstKept: min(auditLog.seq) }).from(auditLog).where(gte(auditLog.occurredAt, input.before));
    const [{ last }] = await tx.select({ last: sql<number | null>`max(${auditLog.seq})` }).from(auditLog);
    const boundary = firstKept != null ? Number(firstKept) - 1 : last != null ? Number(last) : base.seq;
    let result: PurgeOutcome = { removed: 0, checkpoint: null };
    if (boundary > base.seq) {
      const [edge] = await tx.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, boundary));
      // Migration 0018 revoked DELETE from the table's owner too; the owner grants it back for
      // this transaction only (a rollback takes the grant back as well).
      const [{ me }] = await queryRows<{ me: string }>(tx, sql`select current_user as me`);
      await tx.execute(sql`grant delete on audit_log to ${sql.identifier(me)}`);
      let removed: number;
      try {
        const gone = await tx.delete(auditLog).where(and(gte(auditLog.seq, base.seq + 1), lte(auditLog.seq, boundary))).returning({ seq: auditLog.seq });
        removed = gone.length;
      } catch (e) {
        throw new AuditPurgeError(`数据库拒绝删除审计记录：${(e as Error).message}（清理须以数据库中审计表的属主账号执行）`);
      }
      await tx.execute(sql`revoke delete on audit_log from ${sql.identifier(me)}`);
      await tx.insert(auditCheckpoint).values({ seq: boundary, hash: edge.hash, purgedRows: removed, purgedBefore: input.before, createdAt: now, createdBy: who.audit.username });
      result = { removed, checkpoint: { seq: boundary, hash: edge.hash } };
    }
    await appendAudit(tx, {
      ...who.audit,
      action: '清理审计日志',
      objectType: '审计日志',
      objectId: result.checkpoint ? String(result.checkpoint.seq) : null,
      result: '成功',
      message: result.checkpoint
        ? `删除 ${shanghaiDate(input.before)} 之前的审计记录 ${result.removed} 条（序号 ${base.seq + 1}–${result.checkpoint.seq}），保留期 ${retentionDays} 天；链起点记为检查点`
        : `${shanghaiDate(input.before)} 之前没有可清理的审计记录`,
    });
    return result;
  });
  // The chain now starts at the checkpoint: the anchor follows (the old one was checked above).
  const ends = await readChainEnds(db);
  writeAnchorFile(signAnchor(ends.head, ends.base, getAnchorKey()), anchorFilePath());
  return outcome;
}

type Authenticated =
  | { ok: true; audit: { userId: string; username: string; roleNames: string } }
  | { ok: false; reason: string; audit: { userId: string | null; username: string; roleNames: string | null } };

/** Only an active account holding the 审计管理员 role (role kind audit), with its password. */
async function authenticateAuditAdmin(db: Db, username: string, password: string): Promise<Authenticated> {
  const [u] = await db.select({ id: users.id, passwordHash: users.passwordHash, status: users.status }).from(users).where(eq(users.username, username));
  const denied = (reason: string, id: string | null = null): Authenticated => ({ ok: false, reason, audit: { userId: id, username, roleNames: null } });
  if (!u || !(await verifyPassword(password, u.passwordHash))) return denied('用户名或密码不正确', u?.id ?? null);
  if (u.status !== 'active') return denied('账号已停用', u.id);
  const identity = await loadIdentity(db, u.id);
  if (!identity || !identity.roles.some((r) => r.kind === 'audit')) return denied('只有审计管理员可以清理审计日志', u.id);
  return { ok: true, audit: { userId: u.id, username: identity.username, roleNames: roleNamesOf(identity) } };
}
