import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/platform/db/client';

/*
 * "Nothing changed in the database": every table's row count and a digest of its row versions
 * (ctid and xmin — an insert, update or delete anywhere changes them), in ONE query. Cheap enough
 * to take before and after each refused call, and blind to nothing but the tables named below.
 */

/**
 * Tables a refused or invalid request legitimately writes: the audit trail (refusals and failed
 * validations are audited), the session row (its last_seen_at is touched), and request counters
 * kept for rate limits.
 */
export const SNAPSHOT_EXCLUDED = /^(audit_.*|user_sessions|.*rate_limit.*|.*throttle.*)$/;

let cachedQuery: { tables: string[]; text: string } | undefined;
let cachedFor: Db | undefined;

async function snapshotQuery(db: Db): Promise<string> {
  if (cachedQuery && cachedFor === db) return cachedQuery.text;
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const tables = rows.map((r) => r.table_name).filter((t) => !SNAPSHOT_EXCLUDED.test(t) && /^[a-z_][a-z0-9_]*$/.test(t));
  const text = tables
    .map((t) => `select '${t}' as t, count(*)::text as n, coalesce(md5(string_agg(ctid::text || ':' || xmin::text, ',' order by ctid)), '') as d from "${t}"`)
    .join(' union all ');
  cachedQuery = { tables, text };
  cachedFor = db;
  return text;
}

export type DbSnapshot = Record<string, string>;

export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const rows = await queryRows<{ t: string; n: string; d: string }>(db, sql.raw(await snapshotQuery(db)));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.d}`]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
