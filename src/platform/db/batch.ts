import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client';

/** Rows per INSERT, under the drivers' bind-parameter limit for the widest table. */
const BATCH = 400;

/** Inserts many rows in batches (seed data, imports); returns how many. */
export async function insertInBatches<T extends PgTable>(tx: Tx, table: T, rows: readonly T['$inferInsert'][]): Promise<number> {
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(table).values(rows.slice(i, i + BATCH) as T['$inferInsert'][]);
  return rows.length;
}
