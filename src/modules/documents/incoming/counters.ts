import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { incomingCounters, incomingDocuments } from './schema';
import { formatReceiptNo } from './rules';

/**
 * The next 收文编号 of `year`, inside the 登记 transaction: the year's counter row is locked
 * (SELECT … FOR UPDATE) and moved on, so concurrent registrations queue and a rolled-back one
 * gives its number back — no gaps, no duplicates, also with several app instances on one database.
 * The first registration of a year creates the row in a savepoint (no ON CONFLICT, COMPAT.md);
 * a concurrent creator's unique violation only means the row now exists, and it is then locked.
 * A new counter starts after the highest number already used that year (demo or imported rows).
 */
export async function nextReceiptNo(tx: Tx, year: number): Promise<{ seq: number; receiptNo: string }> {
  const lock = () => tx.select({ lastValue: incomingCounters.lastValue }).from(incomingCounters).where(eq(incomingCounters.year, year)).for('update');
  let [row] = await lock();
  if (!row) {
    const [{ maxSeq }] = await tx
      .select({ maxSeq: sql<number | null>`max(${incomingDocuments.receiptSeq})`.mapWith((v) => (v === null ? null : Number(v))) })
      .from(incomingDocuments)
      .where(eq(incomingDocuments.receiptYear, year));
    try {
      await tx.transaction(async (sp) => {
        await sp.insert(incomingCounters).values({ year, lastValue: maxSeq ?? 0 });
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    [row] = await lock();
  }
  const seq = row.lastValue + 1;
  await tx.update(incomingCounters).set({ lastValue: seq }).where(eq(incomingCounters.year, year));
  return { seq, receiptNo: formatReceiptNo(year, seq) };
}
