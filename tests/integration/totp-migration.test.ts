import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client';
import { createDatabaseMigratedBefore } from '../helpers/migrations';

/**
 * Migration 0017_totp on an installation that already has its roles: the built-in administrator
 * and 中心领导 roles get the 动态口令 requirement once (the column is new: nobody has set it yet);
 * the other roles do not.
 */

const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

describe('身份鉴别: 双因素 migration 0017 on existing roles', () => {
  it('requires a 动态口令 for the existing built-in 系统管理员, 安全管理员, 审计管理员 and 中心领导 roles only', async () => {
    const database = await createDatabaseMigratedBefore('totp');
    opened.push(database);
    const at = `'2025-06-01T10:00:00+08:00'`;
    const roles: [string, string, string, string, boolean][] = [
      ['r1', 'sysadmin', '系统管理员', 'sys', true],
      ['r2', 'secadmin', '安全管理员', 'sec', true],
      ['r3', 'auditadmin', '审计管理员', 'audit', true],
      ['r4', 'leader', '中心领导', 'business', true],
      ['r5', 'clerk', '经办', 'business', true],
      ['r6', 'finance', '财务', 'business', true],
    ];
    for (const [id, code, name, kind, builtin] of roles) {
      await database.db.execute(
        sql.raw(`INSERT INTO roles (id, code, name, kind, builtin, created_at, updated_at) VALUES ('${id}', '${code}', '${name}', '${kind}', ${builtin}, ${at}, ${at})`),
      );
    }
    const applied = await database.migrateRest();
    expect(applied).toContain('0017_totp');
    const rows = await queryRows<{ code: string; requires_totp: boolean }>(database.db, sql.raw('SELECT code, requires_totp FROM roles ORDER BY id'));
    expect(rows).toEqual([
      { code: 'sysadmin', requires_totp: true },
      { code: 'secadmin', requires_totp: true },
      { code: 'auditadmin', requires_totp: true },
      { code: 'leader', requires_totp: true },
      { code: 'clerk', requires_totp: false },
      { code: 'finance', requires_totp: false },
    ]);
    const tokens = await queryRows<{ n: string | number }>(database.db, sql.raw('SELECT count(*) AS n FROM user_totp'));
    expect(Number(tokens[0].n)).toBe(0);
  });
});
