import 'server-only';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { auditChainHead, auditLog } from '@/platform/audit/schema';

/*
 * The data version of the parcel tiles, read from the audit trail.
 *
 * Every change of business data goes through a mutation, and every mutation writes an audit
 * entry in its own transaction (the wrapper refuses to commit without one), which bumps the
 * single `audit_chain_head` row. So `audit_chain_head.last_seq` is a version row bumped in the
 * same transaction as every change, including those that leave no timestamp behind (an edited
 * inspection date, a deleted work package, a setting reset to its default).
 *
 * Reading it is one primary-key lookup. When it moved, the new entries (seq > the last one
 * seen) are read by primary key, and the tile version moves to the newest entry that can
 * change a tile: a successful one whose object type is not in IGNORED_OBJECT_TYPES. Logins,
 * exports, funds, users and the like leave the tile caches alone; an object type this list
 * does not know (a new module) counts as a change, so the list can only err on the side of
 * regenerating.
 *
 * Read the version BEFORE the data: a tile built from data committed after the version was
 * read is newer than its key, never older.
 *
 * Writes that bypass the mutations (a script writing into a running server's PostgreSQL
 * database) are seen at the next relevant audited change, or after a restart.
 */

/** Audit object types whose entries never change what a parcel tile shows. */
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
  /** Seq of the newest entry that can change a tile (or the head when first seen). */
  version: number;
}

/* Process-wide (globalThis), like the tile caches in service.ts: every route bundle shares them. */
const g = globalThis as unknown as { __lrTileVersions?: { states: WeakMap<Db, VersionState>; dbKeys: WeakMap<Db, number>; nextDbKey: number } };
g.__lrTileVersions ??= { states: new WeakMap(), dbKeys: new WeakMap(), nextDbKey: 1 };
const shared = g.__lrTileVersions;
const states = shared.states;

/** True when an audit entry may have changed a parcel tile. */
export function isTileRelevant(entry: { objectType: string | null; result: string }): boolean {
  return entry.result === COMMITTED_RESULT && !IGNORED_OBJECT_TYPES.has(entry.objectType ?? '');
}

/** The current tile data version of this database (cheap: one indexed row read when nothing moved). */
export async function tileDataVersion(db: Db): Promise<number> {
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
    for (const e of entries) if (isTileRelevant(e)) version = Math.max(version, Number(e.seq));
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
 * A number naming this database in cache keys. `forgetTileData` gives it a new one, so every
 * tile and overview built before is unreachable.
 */
export function tileDbKey(db: Db): number {
  let key = dbKeys.get(db);
  if (key === undefined) {
    key = shared.nextDbKey++;
    dbKeys.set(db, key);
  }
  return key;
}

/** Forgets everything built from this database (tests and the benchmark, after writing data directly). */
export function forgetTileData(db: Db): void {
  states.delete(db);
  dbKeys.delete(db);
}
