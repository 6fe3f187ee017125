import 'server-only';
import { eq, like, sql } from 'drizzle-orm';
import type { Tx } from '@/platform/db/client';
import { fundCounters, ledgerEntries } from '../schema';

/** Counter scope of the entry numbers of one year. */
export const entryScope = (year: string) => `ledger-entry:${year}`;

/** 'ZJ2025-000123': the year of the entry date and a running number within that year. */
export function formatEntryNo(year: string, value: number): string {
  return `ZJ${year}-${String(value).padStart(6, '0')}`;
}

/**
 * The next entry number for an entry dated `entryDate` ('YYYY-MM-DD'), taken under a row lock on
 * the year's counter (SELECT … FOR UPDATE, then UPDATE; INSERT when the year has no counter yet —
 * no ON CONFLICT, see COMPAT.md). Two transactions creating the first counter of a year at the
 * same instant: one gets a unique violation, which the mutation wrapper reports as its generic
 * 「数据已存在或已被他人修改，请刷新后重试」.
 * A new year's counter starts after the highest number already used that year (entries written
 * by an import or the demo data without a counter never collide).
 */
export async function nextEntryNo(tx: Tx, entryDate: string): Promise<string> {
  const year = entryDate.slice(0, 4);
  const scope = entryScope(year);
  const [row] = await tx.select({ lastValue: fundCounters.lastValue }).from(fundCounters).where(eq(fundCounters.scope, scope)).for('update');
  if (!row) {
    const prefix = `ZJ${year}-`;
    const [{ maxNo }] = await tx
      .select({ maxNo: sql<string | null>`max(${ledgerEntries.entryNo})` })
      .from(ledgerEntries)
      .where(like(ledgerEntries.entryNo, `${prefix}%`));
    const used = maxNo && /^\d+$/.test(maxNo.slice(prefix.length)) ? Number(maxNo.slice(prefix.length)) : 0;
    await tx.insert(fundCounters).values({ scope, lastValue: used + 1 });
    return formatEntryNo(year, used + 1);
  }
  const value = row.lastValue + 1;
  await tx.update(fundCounters).set({ lastValue: value }).where(eq(fundCounters.scope, scope));
  return formatEntryNo(year, value);
}
