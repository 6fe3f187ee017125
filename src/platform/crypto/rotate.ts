import { and, asc, count, eq, gt, isNotNull, not, like, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { decryptPersonal, encryptPersonal, getKeyRing, PERSONAL_FIELDS, type PersonalField } from './keys';

/** One encrypted column: the table, its id column, the column and the field (context) it holds. */
export interface EncryptedColumn {
  table: PgTable;
  id: PgColumn;
  column: PgColumn;
  field: PersonalField;
}

export interface ColumnRotation {
  /** `table.column`, as in PERSONAL_FIELDS. */
  name: string;
  /** Values rewritten with the current key version in this run. */
  rewritten: number;
  /** Values already at the current version (nothing to do). */
  current: number;
  /** Rows whose value fails its integrity check or whose key version is missing: left unchanged. */
  failed: { id: string; reason: string }[];
}

const BATCH = 200;

/**
 * Re-encrypts every value of one column that is not at the current key version (the old
 * `sm4$…` format included), in batches of 200, each batch in its own transaction under row locks.
 * Idempotent and resumable: a run stopped half way leaves each row either old (still readable) or
 * new, and the next run continues with what is left. A value that fails its check is never
 * rewritten (re-encrypting it would make an altered value look genuine).
 */
export async function reencryptColumn(db: Db, c: EncryptedColumn, onBatch?: (r: ColumnRotation) => void): Promise<ColumnRotation> {
  const version = getKeyRing().current;
  const result: ColumnRotation = { name: PERSONAL_FIELDS[c.field], rewritten: 0, current: 0, failed: [] };
  const atCurrent = like(c.column, `v2:${version}:%`);
  const [{ n }] = await db.select({ n: count() }).from(c.table).where(and(isNotNull(c.column), atCurrent));
  result.current = n;
  const pending: SQL = and(isNotNull(c.column), not(atCurrent))!;
  const key = columnKey(c);
  let after = '';
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = (await tx
        .select({ id: c.id, value: c.column })
        .from(c.table)
        .where(and(pending, gt(c.id, after)))
        .orderBy(asc(c.id))
        .limit(BATCH)
        .for('update')) as { id: string; value: string }[];
      for (const r of rows) {
        let plain: string;
        try {
          plain = decryptPersonal(r.value, c.field);
        } catch (e) {
          result.failed.push({ id: r.id, reason: e instanceof Error ? e.message : String(e) });
          continue;
        }
        await tx
          .update(c.table)
          .set({ [key]: encryptPersonal(plain, c.field) })
          .where(eq(c.id, r.id));
        result.rewritten++;
      }
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length < BATCH;
    });
    onBatch?.(result);
    if (done) return result;
  }
}

/** The TypeScript property name of a column in its table (what drizzle's `set` takes). */
function columnKey(c: EncryptedColumn): string {
  const entry = Object.entries(c.table).find(([, v]) => v === c.column);
  if (!entry) throw new Error(`列 ${c.column.name} 不属于该表`);
  return entry[0];
}
