import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './schema';
import { createChainVerifier, type ChainVerdict } from './chain';
import { readChainEnds } from './anchor';

/**
 * Re-computes the whole SM3 chain in seq order, in batches, and names the first broken entry.
 * The chain starts at genesis, or after a purge at the newest checkpoint (audit_checkpoint);
 * `count` is the number of entries checked.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict & { baseSeq: number }> {
  const { base } = await readChainEnds(db);
  const verifier = createChainVerifier(base.hash, base.seq);
  let after = base.seq;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of rows) {
      if (!verifier.push(row)) return { ...verifier.result(), baseSeq: base.seq };
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].seq;
  }
  return { ...verifier.result(), baseSeq: base.seq };
}
