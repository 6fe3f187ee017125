import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/platform/auth/password-policy';

/**
 * `npm run admin:create` as install.sh runs it: its own process on an embedded database in a
 * fresh data folder (the module's behaviour on PGlite and PostgreSQL is initial-admins.test.ts).
 */
const root = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'lr-admin-create-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PASSWORD_ITERATIONS: '1000', LOG_LEVEL: 'silent' };
delete env.DATABASE_URL;

function run(script: string, ...args: string[]) {
  const res = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', script), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each run boots the embedded database in its own process: seconds, more on a busy machine.
describe('npm run admin:create', { timeout: 120_000 }, () => {
  it('on a database the migration job has not prepared: a Chinese reason and exit code 1', () => {
    const res = run('admin-create.ts', '--json');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('初始化管理员失败：数据库尚未初始化：请先运行数据库迁移（npm run db:migrate）');
  });

  let first: { role: string; username: string; password: string }[] = [];

  it('--json prints the three accounts with their one-time passwords for install.sh', () => {
    expect(run('migrate.ts').code).toBe(0);
    const res = run('admin-create.ts', '--json', '--auditadmin', 'audit.li');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { accounts: typeof first; existing: unknown[] };
    first = out.accounts;
    expect(out.existing).toEqual([]);
    expect(first.map(({ role, username }) => [role, username])).toEqual([
      ['系统管理员', 'sysadmin'],
      ['安全管理员', 'secadmin'],
      ['审计管理员', 'audit.li'],
    ]);
    for (const a of first) expect(passwordProblem(a.password)).toBeNull();
  });

  it('a second run creates nothing, in JSON and in the table', () => {
    const json = run('admin-create.ts', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      accounts: [],
      existing: [
        { role: '系统管理员', username: 'sysadmin' },
        { role: '安全管理员', username: 'secadmin' },
        { role: '审计管理员', username: 'audit.li' },
      ],
    });
    const table = run('admin-create.ts');
    expect(table.stdout).toContain('三个管理员均已有账号，未新建任何账号');
    expect(table.stdout).toMatch(/审计管理员\s+audit\.li\s+（已有账号，未新建，密码不变）/);
  });

  it('--reset gives a new one-time password; bad input is refused in Chinese', () => {
    const reset = run('admin-create.ts', '--reset', 'secadmin', '--json');
    expect(reset.code).toBe(0);
    const [account] = (JSON.parse(reset.stdout) as { accounts: typeof first }).accounts;
    expect(account).toMatchObject({ role: '安全管理员', username: 'secadmin' });
    expect(account.password).not.toBe(first[1].password);
    const bad = run('admin-create.ts', '--sysadmin', 'x'.repeat(65), '--secadmin', 'new.sec');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('系统管理员的用户名（--sysadmin）有误：用户名不能超过 64 个字符');
    const unknown = run('admin-create.ts', '--sysadmn', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('参数有误');
    expect(unknown.stderr).toContain('用法：npm run admin:create');
  });

  it('the accounts are in the audit chain; audit:verify exits 1 once an entry is altered', async () => {
    const intact = run('audit-verify.ts');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('审计日志链完整');
    const { openDatabase } = await import('../../src/platform/db/client');
    const { sql } = await import('drizzle-orm');
    const database = await openDatabase({ dataDir });
    try {
      // The table refuses UPDATE (migration 0018); its owner can switch the guard off, as an intruder would.
      await database.db.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard_row'));
      await database.db.execute(sql.raw("UPDATE audit_log SET message = 'altered' WHERE seq = 1"));
    } finally {
      await database.close();
    }
    const broken = run('audit-verify.ts');
    expect(broken.stderr).toContain('审计日志链校验失败');
    expect(broken.code).toBe(1);
  });
});
