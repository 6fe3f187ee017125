import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { getConfig } from '../config';
import type { Db, Tx } from '../db/client';
import { GENESIS_HASH } from './chain';
import { auditChainHead, auditCheckpoint, auditLog } from './schema';

/**
 * The chain head anchored outside the database (安全审计, GB/T 22239-2019 8.1.4.3 c)). The SM3
 * chain proves that no entry was changed — unless whoever changed one recomputed every later
 * hash, which anyone who can write the table can do. The anchor file keeps, signed with an
 * HMAC-SM3 key that the database never sees, the seq and hash of an entry and where the chain
 * starts; a rewritten chain no longer has that hash at that seq, and without the key no new
 * anchor can be signed.
 */

export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface Anchor {
  v: 1;
  /** The anchored entry (the head when anchored). */
  seq: number;
  hash: string;
  /** Where the chain started then (genesis, or the newest purge checkpoint). */
  baseSeq: number;
  baseHash: string;
  at: string;
  mac: string;
}

export type AnchorCheck = { ok: true; anchor: Anchor | null } | { ok: false; reason: string };

let cachedKey: Buffer | undefined;

/** AUDIT_ANCHOR_KEY, or a random key created once next to the data (mode 600), never in the database. */
export function getAnchorKey(): Buffer {
  if (cachedKey) return cachedKey;
  const cfg = getConfig();
  if (cfg.AUDIT_ANCHOR_KEY) return (cachedKey = Buffer.from(cfg.AUDIT_ANCHOR_KEY, 'hex'));
  const file = join(resolve(/*turbopackIgnore: true*/ cfg.DATA_DIR), 'audit-anchor.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`审计锚定密钥文件 ${file} 内容无效`);
  return (cachedKey = Buffer.from(hex, 'hex'));
}

/** For tests that change the environment between cases. */
export function resetAnchorKeyCache(): void {
  cachedKey = undefined;
}

export function anchorFilePath(): string {
  const cfg = getConfig();
  return resolve(/*turbopackIgnore: true*/ cfg.AUDIT_ANCHOR_FILE ?? join(cfg.DATA_DIR, 'audit-anchor.json'));
}

function macOf(a: Omit<Anchor, 'mac'>, key: Buffer): string {
  return createHmac('sm3', key).update(JSON.stringify(['lr-audit-anchor', a.v, a.seq, a.hash, a.baseSeq, a.baseHash, a.at])).digest('hex');
}

export function signAnchor(head: ChainPoint, base: ChainPoint, key: Buffer, at = new Date()): Anchor {
  const body = { v: 1 as const, seq: head.seq, hash: head.hash, baseSeq: base.seq, baseHash: base.hash, at: at.toISOString() };
  return { ...body, mac: macOf(body, key) };
}

function macValid(a: Anchor, key: Buffer): boolean {
  const expected = Buffer.from(macOf(a, key), 'hex');
  const actual = Buffer.from(typeof a.mac === 'string' && /^[0-9a-f]{64}$/.test(a.mac) ? a.mac : '', 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The anchor file's content, null when there is none; a file that is not an anchor throws. */
export function readAnchorFile(file = anchorFilePath()): Anchor | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`审计锚定文件 ${file} 无法读取或已损坏`);
  }
  const a = parsed as Partial<Anchor>;
  if (a?.v !== 1 || !Number.isSafeInteger(a.seq) || !Number.isSafeInteger(a.baseSeq) || typeof a.hash !== 'string' || typeof a.baseHash !== 'string' || typeof a.at !== 'string') {
    throw new Error(`审计锚定文件 ${file} 格式不对`);
  }
  return a as Anchor;
}

/** Written to a temporary file and renamed, so a reader never sees half an anchor. */
export function writeAnchorFile(anchor: Anchor, file = anchorFilePath()): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The chain's current start (genesis or newest checkpoint) and head, as the database says. */
export async function readChainEnds(db: Db | Tx): Promise<{ base: ChainPoint; head: ChainPoint }> {
  const [cp] = await db.select({ seq: auditCheckpoint.seq, hash: auditCheckpoint.hash }).from(auditCheckpoint).orderBy(desc(auditCheckpoint.seq)).limit(1);
  const [head] = await db.select({ seq: auditChainHead.lastSeq, hash: auditChainHead.lastHash }).from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head) throw new Error('audit_chain_head missing: database not migrated');
  return { base: cp ?? { seq: 0, hash: GENESIS_HASH }, head };
}

/** Whether the database still holds what the anchor signed. */
export async function checkAnchor(db: Db | Tx, anchor: Anchor | null, key = getAnchorKey()): Promise<AnchorCheck> {
  if (!anchor) return { ok: true, anchor: null };
  if (!macValid(anchor, key)) return { ok: false, reason: '锚定文件的 HMAC-SM3 校验值不符（锚定文件被改动，或密钥 AUDIT_ANCHOR_KEY 不是写入时的密钥）' };
  const { base, head } = await readChainEnds(db);
  if (anchor.baseSeq !== base.seq || anchor.baseHash !== base.hash) {
    return { ok: false, reason: `链起点与锚定不符：锚定时起点为序号 ${anchor.baseSeq}，数据库中为 ${base.seq}（早期记录被删除，或清理记录被伪造）` };
  }
  if (anchor.seq > head.seq) return { ok: false, reason: `数据库中的审计记录少于锚定时：锚定到序号 ${anchor.seq}，链头为 ${head.seq}（末尾记录被删除）` };
  let hash: string | undefined;
  if (anchor.seq === base.seq) hash = base.hash;
  else [{ hash } = { hash: undefined }] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, anchor.seq));
  if (hash === undefined) return { ok: false, reason: `锚定的第 ${anchor.seq} 条审计记录已不存在` };
  if (hash !== anchor.hash) {
    return { ok: false, reason: `第 ${anchor.seq} 条审计记录的哈希与 ${anchor.at} 锚定的不符（数据库中的审计记录被改写后重算了哈希链）` };
  }
  return { ok: true, anchor };
}

/**
 * Moves the anchor to the current head, only after the old anchor still matches: a database
 * whose chain was rewritten keeps its old anchor, so audit:verify reports it.
 */
export async function advanceAnchor(db: Db | Tx, opts: { file?: string; key?: Buffer } = {}): Promise<AnchorCheck & { written?: Anchor }> {
  const file = opts.file ?? anchorFilePath();
  const key = opts.key ?? getAnchorKey();
  const old = readAnchorFile(file);
  const check = await checkAnchor(db, old, key);
  if (!check.ok) return check;
  const { base, head } = await readChainEnds(db);
  if (old && old.seq === head.seq && old.baseSeq === base.seq) return check;
  const written = signAnchor(head, base, key);
  writeAnchorFile(written, file);
  return { ...check, written };
}
