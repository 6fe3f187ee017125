import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import { queryRows, type Db, type Tx } from '@/platform/db/client';
import { getKeyRing, keyOfVersion } from '@/platform/crypto/keys';
import { deriveKey, hmacSm3 } from '@/platform/crypto/sealed';
import { dec } from '@/modules/plans/amounts';
import { toAmount } from '../rules';
import { ledgerEntries } from '../schema';
import type { TLedgerIntegrity } from './integrity-labels';

/**
 * HMAC-SM3 integrity tags on approved ledger entries (GB/T 22239 8.1.4.7 数据完整性; GB/T 39786
 * 应用和数据层面 重要数据存储完整性). When an entry becomes approved its material fields are
 * serialised canonically and tagged with a key kept outside the database (the key ring of
 * platform/crypto/keys.ts, purpose `ledger/tag`); every read checks the tag, so a row altered in
 * the database with SQL is flagged, never trusted silently.
 *
 * Stored in ledger_entries.integrity_tag: `v1:<keyVersion>:<hex>`; `pending` marks entries
 * approved before migration 0019 (tagged by the migrate run that applies it, or `npm run ledger:tag`).
 */

/** The columns a tag covers. Not covered: reversed_by, version, return_comment and the timestamps of the row itself, which change after approval. */
export const ledgerTagColumns = {
  id: ledgerEntries.id,
  entryNo: ledgerEntries.entryNo,
  direction: ledgerEntries.direction,
  entryDate: ledgerEntries.entryDate,
  amount: ledgerEntries.amount,
  category: ledgerEntries.category,
  sourceCode: ledgerEntries.sourceCode,
  accountId: ledgerEntries.accountId,
  projectId: ledgerEntries.projectId,
  parcelId: ledgerEntries.parcelId,
  partyId: ledgerEntries.partyId,
  contractNo: ledgerEntries.contractNo,
  voucherNo: ledgerEntries.voucherNo,
  counterparty: ledgerEntries.counterparty,
  description: ledgerEntries.description,
  status: ledgerEntries.status,
  leaderRequired: ledgerEntries.leaderRequired,
  origin: ledgerEntries.origin,
  reversalOf: ledgerEntries.reversalOf,
  bondPaymentId: ledgerEntries.bondPaymentId,
  createdBy: ledgerEntries.createdBy,
  submittedBy: ledgerEntries.submittedBy,
  submittedAt: ledgerEntries.submittedAt,
  reviewedBy: ledgerEntries.reviewedBy,
  reviewedAt: ledgerEntries.reviewedAt,
  approvedBy: ledgerEntries.approvedBy,
  approvedAt: ledgerEntries.approvedAt,
  leaderBy: ledgerEntries.leaderBy,
  leaderAt: ledgerEntries.leaderAt,
  isDemo: ledgerEntries.isDemo,
  integrityTag: ledgerEntries.integrityTag,
};

export type LedgerTagMaterial = Pick<typeof ledgerEntries.$inferSelect, keyof typeof ledgerTagColumns>;

export const PENDING_TAG = 'pending';

/** The migration that adds the tags and marks the entries approved before it. */
export const LEDGER_TAG_MIGRATION = '0019_ledger_integrity_tag';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A canonical serialisation: fixed field order, amounts with 2 decimals, instants in UTC ISO. */
export function canonicalLedgerEntry(e: LedgerTagMaterial): string {
  return JSON.stringify([
    'ledger-entry/v1',
    e.id,
    e.entryNo,
    e.direction,
    e.entryDate,
    toAmount(dec(e.amount)),
    e.category,
    e.sourceCode,
    e.accountId,
    e.projectId,
    e.parcelId,
    e.partyId,
    e.contractNo,
    e.voucherNo,
    e.counterparty,
    e.description,
    e.status,
    e.leaderRequired,
    e.origin,
    e.reversalOf,
    e.bondPaymentId,
    e.createdBy,
    e.submittedBy,
    iso(e.submittedAt),
    e.reviewedBy,
    iso(e.reviewedAt),
    e.approvedBy,
    iso(e.approvedAt),
    e.leaderBy,
    iso(e.leaderAt),
    e.isDemo,
  ]);
}

const tagKeys = new Map<string, Buffer>();

function tagKey(version: number): Buffer | undefined {
  const master = keyOfVersion(version);
  if (!master) return undefined;
  const id = `${version}:${master.toString('hex')}`;
  let key = tagKeys.get(id);
  if (!key) tagKeys.set(id, (key = deriveKey(master, 'ledger/tag')));
  return key;
}

function mac(e: LedgerTagMaterial, key: Buffer): Buffer {
  return hmacSm3(key, [canonicalLedgerEntry(e)]);
}

/** The tag of an entry with the current key version. */
export function ledgerTag(e: LedgerTagMaterial, version = getKeyRing().current): string {
  const key = tagKey(version);
  if (!key) throw new Error(`密钥版本 ${version} 未配置`);
  return `v1:${version}:${mac(e, key).toString('hex')}`;
}

/** The key version of a tag, or null when it is not a tag. */
export function ledgerTagVersion(tag: string | null): number | null {
  const m = tag ? /^v1:(\d{1,6}):[0-9a-f]{64}$/.exec(tag) : null;
  return m ? Number(m[1]) : null;
}

export function checkLedgerEntry(e: LedgerTagMaterial): TLedgerIntegrity {
  const tag = e.integrityTag;
  if (e.status !== 'approved') return tag === null ? 'ok' : 'tampered';
  if (tag === null) return 'untagged';
  if (tag === PENDING_TAG) return 'pending';
  const version = ledgerTagVersion(tag);
  if (version === null) return 'tampered';
  const key = tagKey(version);
  if (!key) return 'unknown-key';
  const expected = mac(e, key);
  const given = Buffer.from(tag.slice(tag.lastIndexOf(':') + 1), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'tampered';
}

/** Tags one entry that has just become approved, from the row as the database now holds it. */
export async function tagApprovedEntry(tx: Tx, id: string): Promise<void> {
  const [row] = await tx.select(ledgerTagColumns).from(ledgerEntries).where(eq(ledgerEntries.id, id));
  if (!row || row.status !== 'approved') return;
  await tx.update(ledgerEntries).set({ integrityTag: ledgerTag(row) }).where(eq(ledgerEntries.id, id));
}

/** Rows that may carry an integrity problem: approved, or tagged while not approved. */
const CHECKED = or(eq(ledgerEntries.status, 'approved'), isNotNull(ledgerEntries.integrityTag))!;

export interface IntegrityProblem {
  id: string;
  entryNo: string;
  verdict: Exclude<TLedgerIntegrity, 'ok'>;
}

/**
 * A fingerprint of the tagged columns computed by the database (md5 over length-prefixed values,
 * NULL marked): only a cache key, so a page does not fetch and HMAC every entry on every view.
 * The verdict itself always comes from HMAC-SM3; a row whose fingerprint changed since it was
 * last checked (an UPDATE by anyone) is fetched and checked again.
 */
const FINGERPRINT = sql<string>`md5(${sql.join(
  Object.values(ledgerTagColumns).map((c) => sql`coalesce(length(${c}::text)::text || ':' || ${c}::text, 'N')`),
  sql` || ',' || `,
)})`;

/** Entries found intact, by id (only 'ok' is remembered: a flagged entry is checked again on every read). */
const verdicts = new Map<string, { fingerprint: string; verdict: 'ok' }>();
const CACHE_LIMIT = 500_000;

/** Entries per block of the first pass (see findIntegrityProblems). */
const BLOCK_SIZE = 256;
/** Digests of blocks found clean (identical content is clean again: the verdict is HMAC of these columns). */
const cleanBlocks = new Set<string>();
const CLEAN_BLOCKS_LIMIT = 50_000;

/**
 * Every entry within `where` whose tag fails (for totals, balances and reports: an altered row is
 * still counted, and the page says which rows make its figures untrustworthy).
 *
 * Two passes, so a page does not receive a fingerprint per entry on every view: the database groups
 * the entries (by id) into blocks of BLOCK_SIZE and returns one digest per block — md5 over the ids and
 * the fingerprints of its rows. A block whose digest was found clean before is clean (nothing in it
 * changed); any other block — new, changed, or holding a failed entry — is checked entry by entry.
 */
export async function findIntegrityProblems(db: Db | Tx, where?: SQL): Promise<IntegrityProblem[]> {
  const cond = where ? and(CHECKED, where)! : CHECKED;
  const blocks = await queryRows<{ first_id: string; last_id: string; digest: string }>(
    db,
    sql`select min(id) as first_id, max(id) as last_id, md5(string_agg(id || '=' || fp, ',' order by id)) as digest
      from (select id, fp, floor((row_number() over (order by id) - 1) / ${BLOCK_SIZE}) as block
            from (select ${ledgerEntries.id} as id, ${FINGERPRINT} as fp from ${ledgerEntries} where ${cond}) entries) numbered
      group by block`,
  );
  const out: IntegrityProblem[] = [];
  for (const block of blocks) {
    if (cleanBlocks.has(block.digest)) continue;
    const problems = await checkEntries(db, and(cond, gte(ledgerEntries.id, block.first_id), lte(ledgerEntries.id, block.last_id))!);
    if (problems.length === 0) {
      if (cleanBlocks.size >= CLEAN_BLOCKS_LIMIT) cleanBlocks.clear();
      cleanBlocks.add(block.digest);
    }
    out.push(...problems);
  }
  return out.sort((a, b) => a.entryNo.localeCompare(b.entryNo));
}

/** The entry-by-entry check of the entries within `cond` (rows whose fingerprint is unchanged since they were found intact are not fetched again). */
async function checkEntries(db: Db | Tx, cond: SQL): Promise<IntegrityProblem[]> {
  const seen = await db.select({ id: ledgerEntries.id, entryNo: ledgerEntries.entryNo, fingerprint: FINGERPRINT }).from(ledgerEntries).where(cond);
  const stale = seen.filter((r) => verdicts.get(r.id)?.fingerprint !== r.fingerprint);
  if (verdicts.size + stale.length > CACHE_LIMIT) verdicts.clear();
  const failed = new Map<string, Exclude<TLedgerIntegrity, 'ok'>>();
  for (let i = 0; i < stale.length; i += 1000) {
    const part = stale.slice(i, i + 1000);
    const rows = await db
      .select({ ...ledgerTagColumns, fingerprint: FINGERPRINT })
      .from(ledgerEntries)
      .where(inArray(ledgerEntries.id, part.map((r) => r.id)));
    for (const { fingerprint, ...r } of rows) {
      const verdict = checkLedgerEntry(r);
      if (verdict === 'ok') verdicts.set(r.id, { fingerprint, verdict });
      else {
        verdicts.delete(r.id);
        failed.set(r.id, verdict);
      }
    }
  }
  const out: IntegrityProblem[] = [];
  for (const r of seen) {
    const verdict = verdicts.has(r.id) ? 'ok' : (failed.get(r.id) ?? 'tampered');
    if (verdict !== 'ok') out.push({ id: r.id, entryNo: r.entryNo, verdict });
  }
  return out;
}

export interface TagRunCounts {
  /** Entries given a tag (the pending ones marked by migration 0019). */
  tagged: number;
  /** Tags rewritten with the current key version. */
  retagged: number;
  /** Entries left alone because their tag does not match (never re-tagged: that would launder them). */
  failed: string[];
}

const BATCH = 500;

/** Writes the tags of many rows with one UPDATE (a CASE over the ids; no UPDATE … FROM VALUES, see COMPAT.md). */
async function writeTags(tx: Tx, tags: { id: string; tag: string }[]): Promise<void> {
  for (let i = 0; i < tags.length; i += BATCH) {
    const part = tags.slice(i, i + BATCH);
    const cases = sql.join(
      part.map((t) => sql`when ${t.id} then ${t.tag}`),
      sql` `,
    );
    await tx
      .update(ledgerEntries)
      .set({ integrityTag: sql`case ${ledgerEntries.id} ${cases} end` })
      .where(inArray(ledgerEntries.id, part.map((t) => t.id)));
  }
}

/** The demo seed: its approved entries are tagged in the seed's transaction, as if approved in the app. */
export async function tagSeededEntries(tx: Tx): Promise<number> {
  const rows = await tx
    .select(ledgerTagColumns)
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.status, 'approved'), eq(ledgerEntries.isDemo, true), isNull(ledgerEntries.integrityTag)));
  const version = getKeyRing().current;
  await writeTags(tx, rows.map((r) => ({ id: r.id, tag: ledgerTag(r, version) })));
  return rows.length;
}

/**
 * Tags approved entries in batches, each batch in its own transaction (resumable: a second run
 * continues where the first stopped, a finished run finds nothing to do). `mode`:
 *   'pending' — entries marked `pending` by migration 0019 (approved before tags existed);
 *   'rotate'  — entries tagged with an older key version: checked with their own key first, then
 *               re-tagged with the current one; a row that fails the check keeps its old tag.
 */
export async function tagEntries(db: Db, mode: 'pending' | 'rotate', onBatch?: (c: TagRunCounts) => void): Promise<TagRunCounts> {
  const counts: TagRunCounts = { tagged: 0, retagged: 0, failed: [] };
  if (mode === 'pending') {
    // Nothing to do (a fresh database): do not touch the key ring at all.
    const [any] = await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.integrityTag, PENDING_TAG)).limit(1);
    if (!any) return counts;
  }
  const current = getKeyRing().current;
  const which =
    mode === 'pending'
      ? and(eq(ledgerEntries.status, 'approved'), eq(ledgerEntries.integrityTag, PENDING_TAG))
      : and(eq(ledgerEntries.status, 'approved'), sql`${ledgerEntries.integrityTag} like 'v1:%'`, sql`${ledgerEntries.integrityTag} not like ${`v1:${current}:%`}`);
  let after = '';
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select(ledgerTagColumns)
        .from(ledgerEntries)
        .where(and(which, gt(ledgerEntries.id, after)))
        .orderBy(asc(ledgerEntries.id))
        .limit(BATCH)
        .for('update');
      const tags: { id: string; tag: string }[] = [];
      for (const r of rows) {
        if (mode === 'rotate' && checkLedgerEntry(r) !== 'ok') {
          counts.failed.push(r.entryNo);
          continue;
        }
        tags.push({ id: r.id, tag: ledgerTag(r, current) });
      }
      await writeTags(tx, tags);
      if (mode === 'rotate') counts.retagged += tags.length;
      else counts.tagged += tags.length;
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length < BATCH;
    });
    onBatch?.(counts);
    if (done) return counts;
  }
}

/** The integrity problems behind a balance or report page: every entry, or one project's. */
export async function findIntegrityProblemsOf(db: Db | Tx, scope: { projectId?: string | null } = {}): Promise<IntegrityProblem[]> {
  return findIntegrityProblems(db, scope.projectId ? eq(ledgerEntries.projectId, scope.projectId) : undefined);
}
