import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { auditLog } from '../../src/platform/audit/schema';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { exportAuditCsv } from '../../src/modules/audit-log/export';
import { ZAuditFilter } from '../../src/modules/audit-log/queries';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('audit log export', () => {
  it('exports the filtered rows as CSV with Chinese field changes and audits the export', async () => {
    const actor = await createActor(database.db, ['auditadmin']);
    await appendAuditStandalone(database.db, {
      userId: 'u',
      username: 'sysadmin',
      action: '修改用户',
      objectType: '用户',
      objectId: 'x1',
      result: '成功',
      diff: { displayName: { from: '甲', to: '乙' }, status: { from: 'active', to: 'disabled' } },
    });
    await appendAuditStandalone(database.db, { username: 'clerk', action: '登录', result: '失败', message: '密码错误' });
    const { csv, count } = await exportAuditCsv(database.db, actor, ZAuditFilter.parse({ action: '修改用户' }));
    expect(count).toBe(1);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF序号,时间,姓名,部门,登录名,角色,操作,对象类型,对象ID,结果,说明,IP,字段变化');
    expect(lines[1]).toContain('修改用户');
    expect(lines[1]).toContain('姓名：甲 → 乙；状态：启用 → 停用');
    const [last] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({ action: '导出审计日志', userId: actor.userId, result: '成功' });
    expect(last.message).toContain('导出 1 条');
    expect(last.message).toContain('修改用户');
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
