import 'server-only';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { auditChainHead, auditLog } from '@/platform/audit/schema';

/*
 * The parcel data version, read from the audit trail: what the caches derived from parcels
 * follow (the map's tiles and overview, the warning levels of the parcel list and the workbench).
 *
 * Every change of business data goes through a mutation, and every mutation writes an audit
 * entry in its own transaction (the wrapper refuses to commit without one), which bumps the
 * single `audit_chain_head` row. So `audit_chain_head.last_seq` is a version row bumped in the
 * same transaction as every change, including those that leave no timestamp behind (an edited
 * inspection date, a deleted work package, a setting reset to its default).
 *
 * Reading it is one primary-key lookup. When it moved, the new entries (seq > the last one
 * seen) are read by primary key, and the version moves to the newest entry that can change
 * what is derived from parcels: a successful one whose object type is not in
 * IGNORED_OBJECT_TYPES. Logins, exports, funds, users and the like leave the caches alone; an
 * object type this list does not know (a new module) counts as a change, so the list can only
 * err on the side of recomputing.
 *
 * Read the version BEFORE the data: a result built from data committed after the version was
 * read is newer than its key, never older.
 *
 * Writes that bypass the mutations (a script writing into a running server's PostgreSQL
 * database) are seen at the next relevant audited change, or after a restart.
 */

/** Audit object types whose entries never change a parcel, its facts or its warnings. */
export const IGNORED_OBJECT_TYPES: ReadonlySet<string> = new Set([
  '用户',
  '角色',
  '科室',
  '审计日志',
  '储备计划',
  '补偿对象',
  '巡查照片',
  '流转附件',
  '资金',
  '资金收支',
  '资金账户',
  '项目预算',
  '专项债券',
  '专项债券分配',
  '专项债券还本付息',
]);

/** Audit results of entries whose transaction committed data (denials and failures did not). */
const COMMITTED_RESULT = '成功';
/** More new entries than this since the last look: treat as changed without reading them. */
const SCAN_LIMIT = 500;

interface VersionState {
  /** The audit head seen last. */
  headSeq: number;
  /** Seq of the newest entry that can change a parcel (or the head when first seen). */
  version: number;
}

/* Process-wide (globalThis): every route bundle and the instrumentation hook share it. */
const g = globalThis as unknown as { __lrParcelVersions?: { states: WeakMap<Db, VersionState>; dbKeys: WeakMap<Db, number>; nextDbKey: number } };
g.__lrParcelVersions ??= { states: new WeakMap(), dbKeys: new WeakMap(), nextDbKey: 1 };
const shared = g.__lrParcelVersions;
const states = shared.states;

/** True when an audit entry may have changed a parcel, its facts or its warnings. */
export function changesParcels(entry: { objectType: string | null; result: string }): boolean {
  return entry.result === COMMITTED_RESULT && !IGNORED_OBJECT_TYPES.has(entry.objectType ?? '');
}

/** The current parcel data version of this database (cheap: one indexed row read when nothing moved). */
export async function parcelDataVersion(db: Db): Promise<number> {
  const [head] = await db.select({ seq: auditChainHead.lastSeq }).from(auditChainHead).where(eq(auditChainHead.id, 1));
  const seq = head ? Number(head.seq) : 0;
  const state = states.get(db);
  if (!state || seq < state.headSeq) {
    // First look, or the database was restored to an earlier point: start from the head.
    const fresh = { headSeq: seq, version: seq };
    states.set(db, fresh);
    return fresh.version;
  }
  if (seq === state.headSeq) return state.version;
  const from = state.headSeq;
  let version = state.version;
  if (seq - from > SCAN_LIMIT) version = seq;
  else {
    const entries = await db
      .select({ seq: auditLog.seq, objectType: auditLog.objectType, result: auditLog.result })
      .from(auditLog)
      .where(and(gt(auditLog.seq, from), lte(auditLog.seq, seq)))
      .orderBy(asc(auditLog.seq));
    for (const e of entries) if (changesParcels(e)) version = Math.max(version, Number(e.seq));
    // Entries missing from the range (cannot happen with the chain intact): assume a change.
    if (entries.length !== seq - from) version = seq;
  }
  // Concurrent callers may race here: keep whichever saw the later head.
  const now = states.get(db);
  if (now && now.headSeq >= seq) return now.version;
  states.set(db, { headSeq: seq, version });
  return version;
}

const dbKeys = shared.dbKeys;

/**
 * A number naming this database in cache keys. `forgetParcelData` gives it a new one, so every
 * result cached before is unreachable.
 */
export function parcelDataDbKey(db: Db): number {
  let key = dbKeys.get(db);
  if (key === undefined) {
    key = shared.nextDbKey++;
    dbKeys.set(db, key);
  }
  return key;
}

/** Forgets everything built from this database (tests and the benchmark, after writing data directly). */
export function forgetParcelData(db: Db): void {
  states.delete(db);
  dbKeys.delete(db);
}

/** `database:version`, the key prefix of every cache derived from parcels (add the date where warnings matter). */
export async function parcelDataKey(db: Db): Promise<string> {
  const version = await parcelDataVersion(db);
  return `${parcelDataDbKey(db)}:${version}`;
}
