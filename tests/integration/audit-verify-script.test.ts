import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { auditChainHead, auditLog } from '../../src/platform/audit/schema';
import { computeAuditHash } from '../../src/platform/audit/chain';

/**
 * `npm run audit:verify` and `npm run audit:purge` as the nightly job and the 审计管理员 run them:
 * their own process on an embedded database in a fresh data folder.
 */
const root = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'lr-audit-verify-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PASSWORD_ITERATIONS: '1000', LOG_LEVEL: 'silent' };
delete env.DATABASE_URL;
delete env.AUDIT_ANCHOR_FILE;
delete env.AUDIT_ANCHOR_KEY;

function run(script: string, ...args: string[]) {
  const res = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', script), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000, input: '' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run audit:verify', { timeout: 180_000 }, () => {
  it('安全审计: anchors the head outside the database; a rewritten entry with the whole chain recomputed in the database → exit 1 with a Chinese message', async () => {
    expect(run('migrate.ts').code).toBe(0);
    expect(run('admin-create.ts', '--json').code).toBe(0);
    const first = run('audit-verify.ts');
    expect(first.stdout).toContain('首次锚定');
    expect(first.code).toBe(0);
    expect(existsSync(join(dataDir, 'audit-anchor.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'audit-anchor.key'))).toBe(true);
    const again = run('audit-verify.ts');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/审计日志链完整：共 \d+ 条.*的锚定（序号 \d+）一致/);

    // An intruder who owns the table: guard off, one entry rewritten, every hash after it recomputed.
    const { openDatabase } = await import('../../src/platform/db/client');
    const database = await openDatabase({ dataDir });
    try {
      const db = database.db;
      await db.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard_row'));
      const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
      let prev = rows[0].prevHash;
      for (const row of rows) {
        const content = row.seq === 1 ? { ...row, username: 'someone.else' } : row;
        const hash = computeAuditHash(prev, content);
        await db.update(auditLog).set({ username: content.username, prevHash: prev, hash }).where(eq(auditLog.seq, row.seq));
        prev = hash;
      }
      await db.update(auditChainHead).set({ lastHash: prev }).where(eq(auditChainHead.id, 1));
      await db.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard_row'));
    } finally {
      await database.close();
    }
    const broken = run('audit-verify.ts');
    expect(broken.stderr).toContain('审计日志链校验失败：与库外锚定');
    expect(broken.stderr).toContain('重算了哈希链');
    expect(broken.code).toBe(1);
    // Still failing the next night: the anchor was not moved onto the rewritten chain.
    expect(run('audit-verify.ts').code).toBe(1);
  });

  it('安全审计: audit:purge refuses a bad date and missing arguments, in Chinese, with exit 1', () => {
    const bad = run('audit-purge.ts', '--before', '2026-02-30', '--user', 'auditadmin');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('日期「2026-02-30」无效');
    const missing = run('audit-purge.ts', '--before', '2026-01-01');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('用法：npm run audit:purge');
  });
});
