import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { changeOwnPassword } from '../../src/modules/profile/mutations';
import { userSessions, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { attemptLogin } from '../../src/platform/auth/login';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const meta = { ip: null, userAgent: null, requestId: null };

describe('change own password', () => {
  it('changes the password, clears the must-change flag and ends only the other sessions', async () => {
    const actor = await createActor(database.db, ['clerk'], { username: 'pw_self', password: 'Old@12345' });
    await database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, actor.userId));
    const first = await attemptLogin(database.db, { username: 'pw_self', password: 'Old@12345', ...meta });
    const second = await attemptLogin(database.db, { username: 'pw_self', password: 'Old@12345', ...meta });
    if (!first.ok || !second.ok) throw new Error('login failed');
    const res = await changeOwnPassword.execute(database.db, { ...actor, sessionId: first.sessionId }, {
      current: 'Old@12345',
      password: 'New@12345',
      confirm: 'New@12345',
    });
    expect(res).toEqual({ ok: true, data: null });
    const [u] = await database.db.select().from(users).where(eq(users.id, actor.userId));
    expect(u.mustChangePassword).toBe(false);
    const sessions = await database.db.select().from(userSessions).where(eq(userSessions.userId, actor.userId));
    expect(sessions.find((s) => s.id === first.sessionId)?.endedAt).toBeNull();
    expect(sessions.find((s) => s.id === second.sessionId)?.endedAt).not.toBeNull();
    expect((await attemptLogin(database.db, { username: 'pw_self', password: 'New@12345', ...meta })).ok).toBe(true);
    expect((await attemptLogin(database.db, { username: 'pw_self', password: 'Old@12345', ...meta })).ok).toBe(false);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, '修改本人密码')).orderBy(desc(auditLog.seq));
    expect(entry).toMatchObject({ result: '成功', userId: actor.userId });
    expect(entry.diff).toBeNull();
  });

  it.each([
    [{ current: 'Wrong@123', password: 'New@12345', confirm: 'New@12345' }, '当前密码不正确'],
    [{ current: 'Old@12345', password: 'short', confirm: 'short' }, '新密码至少需要 8 个字符'],
    [{ current: 'Old@12345', password: 'alllowercase1', confirm: 'alllowercase1' }, '新密码强度不足：需包含大写字母、小写字母、数字、符号中的至少三类'],
    [{ current: 'Old@12345', password: 'New@12345', confirm: 'New@123456' }, '两次输入的新密码不一致'],
    [{ current: 'Old@12345', password: 'Old@12345', confirm: 'Old@12345' }, '新密码不能与当前密码相同'],
    [{ current: '', password: 'New@12345', confirm: 'New@12345' }, '请输入当前密码'],
  ])('refuses %j with 「%s」 and keeps the old password', async (input, message) => {
    const actor = await createActor(database.db, ['clerk'], { password: 'Old@12345' });
    const [before] = await database.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
    expect(await changeOwnPassword.execute(database.db, actor, input)).toMatchObject({ ok: false, error: message });
    const [after] = await database.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
    expect(after.h).toBe(before.h);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
