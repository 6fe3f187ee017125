import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './schema';
import { createChainVerifier, type ChainVerdict } from './chain';

/** Re-computes the whole SM3 chain in seq order, in batches, and names the first broken entry. */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of rows) {
      if (!verifier.push(row)) return verifier.result();
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].seq;
  }
  return verifier.result();
}
