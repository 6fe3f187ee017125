import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/platform/db/client';
import { resetConfigCache } from '../../src/platform/config';
import { auditChainHead, auditCheckpoint, auditLog } from '../../src/platform/audit/schema';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { computeAuditHash, GENESIS_HASH } from '../../src/platform/audit/chain';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { advanceAnchor, checkAnchor, readAnchorFile, resetAnchorKeyCache } from '../../src/platform/audit/anchor';
import { AuditPurgeError, purgeAuditLog } from '../../src/platform/audit/purge';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

let database: Database;
const dir = mkdtempSync(join(tmpdir(), 'lr-audit-anchor-'));
const anchorFile = join(dir, 'anchor.json');
const saved = { file: process.env.AUDIT_ANCHOR_FILE, key: process.env.AUDIT_ANCHOR_KEY };

beforeAll(async () => {
  process.env.AUDIT_ANCHOR_FILE = anchorFile;
  process.env.AUDIT_ANCHOR_KEY = '3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d2e4f6a8b0c1d3e';
  resetConfigCache();
  resetAnchorKeyCache();
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  if (saved.file === undefined) delete process.env.AUDIT_ANCHOR_FILE;
  else process.env.AUDIT_ANCHOR_FILE = saved.file;
  if (saved.key === undefined) delete process.env.AUDIT_ANCHOR_KEY;
  else process.env.AUDIT_ANCHOR_KEY = saved.key;
  resetConfigCache();
  resetAnchorKeyCache();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => database.db;
const guard = (on: boolean) => db().execute(sql.raw(`ALTER TABLE audit_log ${on ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_guard_row`));

async function append(n: number, action = '测试操作') {
  for (let i = 0; i < n; i++) await appendAuditStandalone(db(), { userId: null, username: '测试', action, objectType: '测试', objectId: String(i), result: '成功', ip: '10.0.0.1', requestId: `r${i}` });
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    return String((e as Error).message) + String((e as { cause?: Error }).cause?.message ?? '');
  }
  return '没有被拒绝';
}

/** Empties the table the way only a test may (guard off), so the chain starts at dates we choose. */
async function resetChain() {
  await db().execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER USER'));
  await db().execute(sql.raw('DELETE FROM audit_log'));
  await db().execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER USER'));
  await db().delete(auditCheckpoint).where(sql`true`);
  await db().update(auditChainHead).set({ lastSeq: 0, lastHash: GENESIS_HASH }).where(eq(auditChainHead.id, 1));
  rmSync(anchorFile, { force: true });
}

describe('安全审计: the audit table only takes INSERT and SELECT', () => {
  it('安全审计: UPDATE, DELETE of an entry younger than 180 days and TRUNCATE are refused by the database itself', async () => {
    await append(3);
    const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(await refusal(() => db().execute(sql`update audit_log set message = 'x' where seq = ${row.seq}`))).toContain('审计记录不可修改');
    expect(await refusal(() => db().execute(sql`delete from audit_log where seq = ${row.seq}`))).toContain('审计记录保留不足 180 天');
    expect(await refusal(() => db().execute(sql.raw('TRUNCATE audit_log')))).toContain('审计表不能清空');
    const [still] = await db().select().from(auditLog).where(eq(auditLog.seq, row.seq));
    expect(still).toEqual(row);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('安全审计: migration 0018 takes UPDATE, DELETE and TRUNCATE on the audit table from every account that held them, leaving INSERT and SELECT', async () => {
    const role = `lr_t_app_${Date.now() % 1_000_000}`;
    const migration = readFileSync(join(__dirname, '..', '..', 'drizzle', '0018_audit_protection.sql'), 'utf8');
    const revokeAll = migration.split('--> statement-breakpoint').map((s) => s.trim()).find((s) => s.includes('DO $$'))!;
    const can = async (what: string) => {
      const res = (await db().execute(sql.raw(`select has_table_privilege('${role}', 'audit_log', '${what}') as ok`))) as unknown;
      const rows = (Array.isArray(res) ? res : (res as { rows: { ok: boolean }[] }).rows) as { ok: boolean }[];
      return rows[0].ok;
    };
    await db().execute(sql.raw(`CREATE ROLE ${role} NOLOGIN`));
    try {
      // As default privileges would give the application account of a two-account set-up.
      await db().execute(sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_log TO ${role}`));
      expect(await can('UPDATE')).toBe(true);
      await db().execute(sql.raw(revokeAll.replace(/^--.*$/gm, '')));
      expect({ update: await can('UPDATE'), delete: await can('DELETE'), truncate: await can('TRUNCATE') }).toEqual({ update: false, delete: false, truncate: false });
      expect({ insert: await can('INSERT'), select: await can('SELECT') }).toEqual({ insert: true, select: true });
    } finally {
      await db().execute(sql.raw(`REVOKE ALL ON audit_log FROM ${role}`));
      await db().execute(sql.raw(`DROP ROLE ${role}`));
    }
  });

  it('安全审计: on a one-account install (the application owns the table) the migration takes UPDATE and DELETE from the owner too: its own UPDATE is refused by a privilege check', async () => {
    const owner = `lr_t_owner_${Date.now() % 1_000_000}`;
    const migration = readFileSync(join(__dirname, '..', '..', 'drizzle', '0018_audit_protection.sql'), 'utf8');
    const revokeAll = migration.split('--> statement-breakpoint').map((s) => s.trim()).find((s) => s.includes('DO $$'))!;
    const [{ me }] = (await queryRows<{ me: string }>(db(), sql.raw('select current_user as me')));
    await db().execute(sql.raw(`CREATE ROLE ${owner} NOLOGIN`));
    await db().execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${owner}`));
    await db().execute(sql.raw(`ALTER TABLE audit_log OWNER TO ${owner}`));
    try {
      await db().transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL ROLE ${owner}`));
        await tx.execute(sql.raw(revokeAll.replace(/^--.*$/gm, '')));
      });
      const asOwner = (statement: string) =>
        refusal(() =>
          db().transaction(async (tx) => {
            await tx.execute(sql.raw(`SET LOCAL ROLE ${owner}`));
            await tx.execute(sql.raw(statement));
          }),
        );
      expect(await asOwner('UPDATE audit_log SET message = message WHERE seq = 1')).toMatch(/permission denied/i);
      expect(await asOwner('DELETE FROM audit_log WHERE seq = 1')).toMatch(/permission denied/i);
      expect(await asOwner('SELECT count(*) FROM audit_log')).toBe('没有被拒绝');
    } finally {
      await db().execute(sql.raw(`ALTER TABLE audit_log OWNER TO "${me}"`));
      await db().execute(sql.raw(`REVOKE ALL ON SCHEMA public FROM ${owner}`));
      await db().execute(sql.raw(`DROP ROLE ${owner}`));
    }
  });
});

describe('安全审计: the chain head is anchored outside the database with HMAC-SM3', () => {
  it('安全审计: an entry rewritten and the whole chain recomputed in the database is detected by the anchor', async () => {
    await append(4);
    const first = await advanceAnchor(db());
    expect(first.ok).toBe(true);
    const anchored = readAnchorFile(anchorFile);
    expect(anchored?.seq).toBeGreaterThan(0);
    await append(2);

    // The intruder owns the table: switches the guard off, rewrites an entry, recomputes every later hash.
    await guard(false);
    const rows = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    const victim = rows[1];
    let prev = victim.prevHash;
    for (const row of rows.slice(1)) {
      const content = row.seq === victim.seq ? { ...row, message: '被改写' } : row;
      const hash = computeAuditHash(prev, content);
      await db().update(auditLog).set({ message: content.message, prevHash: prev, hash }).where(eq(auditLog.seq, row.seq));
      prev = hash;
    }
    await db().update(auditChainHead).set({ lastHash: prev }).where(eq(auditChainHead.id, 1));
    await guard(true);

    // The SM3 chain alone no longer sees it …
    expect((await verifyAuditChain(db())).ok).toBe(true);
    // … the anchor does, and it is not moved onto the rewritten chain.
    const check = await checkAnchor(db(), readAnchorFile(anchorFile));
    expect(check).toMatchObject({ ok: false });
    expect(!check.ok && check.reason).toContain('重算了哈希链');
    expect((await advanceAnchor(db())).ok).toBe(false);
    expect(readAnchorFile(anchorFile)).toEqual(anchored);
  });

  it('安全审计: an anchor file edited without the key is refused', async () => {
    await resetChain();
    await append(2);
    expect((await advanceAnchor(db())).ok).toBe(true);
    const forged = { ...readAnchorFile(anchorFile)!, seq: 1 };
    forged.hash = (await db().select().from(auditLog).where(eq(auditLog.seq, 1)))[0].hash;
    writeFileSync(anchorFile, JSON.stringify(forged));
    const check = await checkAnchor(db(), readAnchorFile(anchorFile));
    expect(!check.ok && check.reason).toContain('HMAC-SM3');
  });
});

describe('安全审计: audit:purge keeps entries at least 180 days', () => {
  it('安全审计: refuses entries younger than the retention, other users and a wrong password; a 审计管理员 purges older ones and the chain still verifies', async () => {
    await resetChain();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-01-10T02:00:00Z'));
      await append(5, '旧操作');
      vi.setSystemTime(new Date('2025-03-10T02:00:00Z'));
      await append(3, '较新操作');
    } finally {
      vi.useRealTimers();
    }
    await append(2, '今天的操作');
    expect((await advanceAnchor(db())).ok).toBe(true);
    const auditor = await createActor(db(), ['auditadmin'], { password: 'Audit@12345' });
    const sysadmin = await createActor(db(), ['sysadmin'], { password: 'Sys@123456' });
    const now = new Date();

    const young = new Date(now.getTime() - 100 * 24 * 3600_000);
    expect(await refusal(() => purgeAuditLog(db(), { username: auditor.username, password: 'Audit@12345', before: young }))).toContain('审计记录至少保留 180 天');
    expect(await refusal(() => purgeAuditLog(db(), { username: sysadmin.username, password: 'Sys@123456', before: new Date('2025-02-01') }))).toContain(
      '只有审计管理员可以清理审计日志',
    );
    expect(await refusal(() => purgeAuditLog(db(), { username: auditor.username, password: 'wrong', before: new Date('2025-02-01') }))).toContain('用户名或密码不正确');
    const refused = await db().select().from(auditLog).where(eq(auditLog.action, '清理审计日志'));
    expect(refused.map((r) => r.result)).toEqual(['拒绝', '拒绝', '拒绝']);
    expect(refused[1]).toMatchObject({ userId: sysadmin.userId, username: sysadmin.username });

    const out = await purgeAuditLog(db(), { username: auditor.username, password: 'Audit@12345', before: new Date('2025-02-01T00:00:00+08:00') });
    expect(out.removed).toBe(5);
    expect(out.checkpoint?.seq).toBe(5);
    const left = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(left[0].seq).toBe(6);
    expect(left.some((r) => r.action === '旧操作')).toBe(false);
    const verdict = await verifyAuditChain(db());
    expect(verdict).toMatchObject({ ok: true, baseSeq: 5 });
    expect((await checkAnchor(db(), readAnchorFile(anchorFile))).ok).toBe(true);
    const [done] = await db().select().from(auditLog).where(eq(auditLog.result, '成功')).orderBy(desc(auditLog.seq)).limit(1);
    expect(done).toMatchObject({ action: '清理审计日志', userId: auditor.userId, objectId: '5' });
    expect(done.message).toContain('删除 2025-02-01 之前的审计记录 5 条');

    // Deleting the first kept entry by hand would break the chain start; the 180-day guard refuses it anyway
    // for recent entries, and the anchor records where the chain starts.
    await guard(false);
    await db().delete(auditLog).where(eq(auditLog.seq, 6));
    await guard(true);
    expect((await verifyAuditChain(db())).ok).toBe(false);
  });

  it('安全审计: a purge is refused while the chain does not verify', async () => {
    const auditor = await createActor(db(), ['auditadmin'], { password: 'Audit@12345' });
    expect(await refusal(() => purgeAuditLog(db(), { username: auditor.username, password: 'Audit@12345', before: new Date('2025-02-01') }))).toContain('审计日志链校验未通过');
    expect(AuditPurgeError).toBeDefined();
    expect(readFileSync(anchorFile, 'utf8')).toContain('"v":1');
  });
});
