import { eq } from 'drizzle-orm';
import { newId } from '../ids';
import type { Db, Tx } from '../db/client';
import { auditChainHead, auditLog } from './schema';
import { canonicalJson, computeAuditHash, type AuditContent } from './chain';

export type AuditResult = '成功' | '失败' | '拒绝';

export interface AuditInput {
  userId?: string | null;
  username?: string | null;
  roleNames?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  message?: string | null;
  ip?: string | null;
  requestId?: string | null;
  diff?: unknown;
}

/**
 * Appends one entry inside the caller's transaction. The chain head row is locked FOR UPDATE,
 * so concurrent writers queue and every entry links to exactly one predecessor.
 */
export async function appendAudit(tx: Tx | Db, input: AuditInput): Promise<AuditContent & { hash: string }> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  // The migration creates the genesis head row; its absence means an unmigrated database.
  if (!head) throw new Error('audit_chain_head missing: database not migrated');
  const prevHash = head.lastHash;
  const seq = head.lastSeq + 1;
  const content: AuditContent = {
    seq,
    id: newId(),
    occurredAt: new Date(),
    userId: input.userId ?? null,
    username: input.username ?? null,
    roleNames: input.roleNames ?? null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    result: input.result,
    message: input.message ? input.message.slice(0, 500) : null,
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
    diff: input.diff === undefined || input.diff === null ? null : canonicalJson(input.diff),
  };
  const hash = computeAuditHash(prevHash, content);
  await tx.insert(auditLog).values({ ...content, prevHash, hash });
  await tx
    .update(auditChainHead)
    .set({ lastSeq: seq, lastHash: hash, updatedAt: content.occurredAt })
    .where(eq(auditChainHead.id, 1));
  return { ...content, hash };
}

/** Convenience for writes outside any business transaction (login, denials). */
export async function appendAuditStandalone(db: Db, input: AuditInput): Promise<void> {
  await db.transaction(async (tx) => {
    await appendAudit(tx, input);
  });
}
