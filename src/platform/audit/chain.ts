import { sm3Hex } from '../crypto/sm';

/** The fields an audit hash covers, in a fixed order. */
export interface AuditContent {
  seq: number;
  id: string;
  occurredAt: Date;
  userId: string | null;
  username: string | null;
  roleNames: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  message: string | null;
  ip: string | null;
  requestId: string | null;
  diff: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function computeAuditHash(prevHash: string, e: AuditContent): string {
  const fields = [
    prevHash,
    String(e.seq),
    e.id,
    e.occurredAt.toISOString(),
    e.userId,
    e.username,
    e.roleNames,
    e.action,
    e.objectType,
    e.objectId,
    e.result,
    e.message,
    e.ip,
    e.requestId,
    e.diff,
  ];
  // JSON keeps null distinct from "" and escapes separators, so no two entries collide.
  return sm3Hex(JSON.stringify(fields));
}

export interface ChainEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks entries in seq order (pass them in that order, in batches if needed). */
export function createChainVerifier(startHash = GENESIS_HASH, startSeq = 0) {
  let prev = startHash;
  let expectedSeq = startSeq + 1;
  let count = 0;
  let failure: ChainVerdict | null = null;
  return {
    push(e: ChainEntry): boolean {
      if (failure) return false;
      count++;
      if (e.seq !== expectedSeq) {
        failure = { ok: false, count, brokenSeq: e.seq, reason: `序号不连续：应为 ${expectedSeq}，实为 ${e.seq}（有记录被删除或插入）` };
        return false;
      }
      if (e.prevHash !== prev) {
        failure = { ok: false, count, brokenSeq: e.seq, reason: '前一条哈希不符（前一条记录被修改或删除）' };
        return false;
      }
      if (computeAuditHash(prev, e) !== e.hash) {
        failure = { ok: false, count, brokenSeq: e.seq, reason: '本条内容与哈希不符（记录被修改）' };
        return false;
      }
      prev = e.hash;
      expectedSeq++;
      return true;
    },
    result(): ChainVerdict {
      return failure ?? { ok: true, count, lastHash: prev };
    },
  };
}

/** Stable JSON (sorted keys) for field diffs, so the stored text is reproducible. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

const SECRET_FIELDS = /password|hash|secret|token|idnumber|phone/i;

/** Field-level diff of two snapshots; secret fields are reported as changed, never with values. */
export function fieldDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    const a = normalise(before?.[key]);
    const b = normalise(after?.[key]);
    if (canonicalJson(a) === canonicalJson(b)) continue;
    out[key] = SECRET_FIELDS.test(key) ? { from: a == null ? null : '***', to: b == null ? null : '***' } : { from: a ?? null, to: b ?? null };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v;
}
