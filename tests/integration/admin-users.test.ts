import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { departments, userRoles, userSessions, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { verifyPassword } from '../../src/platform/crypto/sm';
import { createUser, disableUser, enableUser, grantUserRoles, resetUserPassword, unlockUser, updateUser } from '../../src/modules/admin/users/mutations';
import { listUsers } from '../../src/modules/admin/users/queries';
import { ZUserFilter } from '../../src/modules/admin/users/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor, roleId } from '../helpers/actors';

let database: Database;
let admin: Actor;
/** The 安全管理员, who alone grants roles (三员分立). */
let sec: Actor;
let deptA: string;
let deptB: string;
let subOfA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  admin = await createActor(db, ['sysadmin'], { username: 'um_admin' });
  sec = await createActor(db, ['secadmin'], { username: 'um_sec' });
  [{ id: deptA }] = await db.insert(departments).values({ name: '收储科', code: 'UM_A' }).returning({ id: departments.id });
  [{ id: deptB }] = await db.insert(departments).values({ name: '财务科', code: 'UM_B' }).returning({ id: departments.id });
  [{ id: subOfA }] = await db
    .insert(departments)
    .values({ name: '收储一组', code: 'UM_A1', parentId: deptA })
    .returning({ id: departments.id });
});
afterAll(async () => {
  await database?.close();
});

const db = () => database.db;

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function userRow(id: string) {
  const [row] = await db().select().from(users).where(eq(users.id, id));
  return row;
}

async function roleCodesOf(id: string): Promise<string[]> {
  const rows = await db().select({ roleId: userRoles.roleId }).from(userRoles).where(eq(userRoles.userId, id));
  const ids = new Set(rows.map((r) => r.roleId));
  const all = ['sysadmin', 'secadmin', 'auditadmin', 'clerk', 'chief', 'leader', 'finance', 'archivist', 'auditor'];
  const out: string[] = [];
  for (const code of all) if (ids.has(await roleId(db(), code))) out.push(code);
  return out;
}

async function countRows() {
  return {
    users: (await db().select({ id: users.id }).from(users)).length,
    userRoles: (await db().select({ u: userRoles.userId }).from(userRoles)).length,
  };
}

/** An account made by the 系统管理员, its roles granted by the 安全管理员. */
async function newUser(username: string, roleCodes: string[] = ['clerk'], departmentId = deptA): Promise<string> {
  const res = await createUser.execute(db(), admin, { username, displayName: `用户${username}`, departmentId, password: 'Start@2026' });
  if (!res.ok) throw new Error(res.error);
  if (roleCodes.length) {
    const granted = await grantUserRoles.execute(db(), sec, { id: res.data.id, roleIds: await Promise.all(roleCodes.map((c) => roleId(db(), c))) });
    if (!granted.ok) throw new Error(granted.error);
  }
  return res.data.id;
}

async function openSession(userId: string): Promise<string> {
  const [s] = await db()
    .insert(userSessions)
    .values({ userId, lastSeenAt: new Date(), ip: '10.0.0.9' })
    .returning({ id: userSessions.id });
  return s.id;
}

async function sessionOf(id: string) {
  const [s] = await db().select().from(userSessions).where(eq(userSessions.id, id));
  return s;
}

describe('user management: happy paths', () => {
  it('creates a user who must change the password, holding no role yet, and audits it without the hash', async () => {
    const res = await createUser.execute(db(), admin, {
      username: 'zhang.san@yy',
      displayName: '  张三  ',
      departmentId: deptA,
      password: 'Start@2026',
      // Roles sent by a 系统管理员 are not the account's business: they are dropped, not granted.
      roleIds: [await roleId(db(), 'clerk'), await roleId(db(), 'chief')],
      phone: '0737-1234567',
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const row = await userRow(res.data.id);
    expect(row).toMatchObject({ username: 'zhang.san@yy', displayName: '张三', departmentId: deptA, status: 'active', mustChangePassword: true });
    expect(await verifyPassword('Start@2026', row.passwordHash)).toBe(true);
    expect(await roleCodesOf(res.data.id)).toEqual([]);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新建用户', objectType: '用户', objectId: res.data.id, result: '成功', userId: admin.userId });
    const diff = JSON.parse(audit.diff ?? '{}') as Record<string, { from: unknown; to: unknown }>;
    expect(diff.username).toEqual({ from: null, to: 'zhang.san@yy' });
    expect(diff.department).toEqual({ from: null, to: '收储科' });
    expect(audit.message).toBe('新建用户 zhang.san@yy（待安全管理员授予角色）');
    expect(diff.phone).toEqual({ from: null, to: '***' });
    expect(diff.mustChangePwd).toEqual({ from: null, to: true });
    expect(audit.diff).not.toContain(row.passwordHash);
    expect(audit.diff).not.toContain('pbkdf2');
  });

  it('edits name, department and phone without touching sessions when roles stay', async () => {
    const id = await newUser('edit_plain');
    const sid = await openSession(id);
    const before = await userRow(id);
    const res = await updateUser.execute(db(), admin, {
      id,
      displayName: '李四',
      departmentId: deptB,
      phone: '13800000000',
    });
    expect(res.ok).toBe(true);
    const after = await userRow(id);
    expect(after).toMatchObject({ displayName: '李四', departmentId: deptB, phone: '13800000000', sessionVersion: before.sessionVersion });
    expect((await sessionOf(sid)).endedAt).toBeNull();
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '修改用户', objectId: id, result: '成功' });
    const diff = JSON.parse(audit.diff ?? '{}') as Record<string, unknown>;
    expect(diff.displayName).toEqual({ from: '用户edit_plain', to: '李四' });
    expect(diff.department).toEqual({ from: '收储科', to: '财务科' });
    expect(diff.roles).toBeUndefined();
  });

  it('the 安全管理员 grants roles: the session version moves on and the sessions end', async () => {
    const id = await newUser('edit_roles');
    const sid = await openSession(id);
    const before = await userRow(id);
    const res = await grantUserRoles.execute(db(), sec, { id, roleIds: [await roleId(db(), 'finance'), await roleId(db(), 'archivist')] });
    expect(res).toEqual({ ok: true, data: { id, changed: true } });
    expect((await lastAudit())).toMatchObject({ action: '授予角色', objectId: id, result: '成功', userId: sec.userId });
    expect(await roleCodesOf(id)).toEqual(['finance', 'archivist']);
    expect((await userRow(id)).sessionVersion).toBe(before.sessionVersion + 1);
    const s = await sessionOf(sid);
    expect(s.endedAt).not.toBeNull();
    expect(s.endReason).toBe('角色变更');
    const diff = JSON.parse((await lastAudit()).diff ?? '{}') as Record<string, { from: string; to: string }>;
    expect(diff.roles).toEqual({ from: '经办', to: '档案管理员、财务' });
  });

  it('disables (ending open sessions in the same step) and enables again', async () => {
    const id = await newUser('dis_en');
    const open1 = await openSession(id);
    const open2 = await openSession(id);
    const before = await userRow(id);
    const res = await disableUser.execute(db(), admin, { id });
    expect(res.ok).toBe(true);
    const after = await userRow(id);
    expect(after.status).toBe('disabled');
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    for (const sid of [open1, open2]) {
      const s = await sessionOf(sid);
      expect(s.endedAt).not.toBeNull();
      expect(s.endReason).toBe('账号停用');
    }
    const open = await db()
      .select({ id: userSessions.id })
      .from(userSessions)
      .where(and(eq(userSessions.userId, id), isNull(userSessions.endedAt)));
    expect(open).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: '停用用户', objectId: id, result: '成功', diff: JSON.stringify({ status: { from: 'active', to: 'disabled' } }) });

    const again = await disableUser.execute(db(), admin, { id });
    expect(again).toEqual({ ok: false, error: '用户 dis_en 已是停用状态' });

    expect((await enableUser.execute(db(), admin, { id })).ok).toBe(true);
    expect((await userRow(id)).status).toBe('active');
    expect(await lastAudit()).toMatchObject({ action: '启用用户', objectId: id, result: '成功', diff: JSON.stringify({ status: { from: 'disabled', to: 'active' } }) });
  });

  it('resets the password: new hash, must change, lock cleared, sessions ended', async () => {
    const id = await newUser('reset_me');
    const sid = await openSession(id);
    await db().update(users).set({ failedAttempts: 0, lockedUntil: new Date(Date.now() + 10 * 60_000), mustChangePassword: false }).where(eq(users.id, id));
    const before = await userRow(id);
    const res = await resetUserPassword.execute(db(), admin, { id, password: 'Fresh#Pass1', confirm: 'Fresh#Pass1' });
    expect(res.ok).toBe(true);
    const after = await userRow(id);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(await verifyPassword('Fresh#Pass1', after.passwordHash)).toBe(true);
    expect(after).toMatchObject({ mustChangePassword: true, failedAttempts: 0, lockedUntil: null, sessionVersion: before.sessionVersion + 1 });
    expect((await sessionOf(sid)).endReason).toBe('密码重置');
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '重置密码', objectId: id, result: '成功' });
    expect(audit.diff).not.toContain(after.passwordHash);
    expect(audit.diff).not.toContain(before.passwordHash);
    expect(audit.diff).not.toContain('Fresh#Pass1');
    expect(JSON.parse(audit.diff ?? '{}')).toHaveProperty('mustChangePwd', { from: false, to: true });
  });

  it('unlocks a locked user', async () => {
    const id = await newUser('unlock_me');
    const until = new Date(Date.now() + 15 * 60_000);
    await db().update(users).set({ failedAttempts: 0, lockedUntil: until }).where(eq(users.id, id));
    const res = await unlockUser.execute(db(), admin, { id });
    expect(res.ok).toBe(true);
    expect(await userRow(id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '解锁用户', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff ?? '{}')).toEqual({ lockedUntil: { from: until.toISOString(), to: null } });
    expect(await unlockUser.execute(db(), admin, { id })).toEqual({ ok: false, error: '用户 unlock_me 当前未被锁定' });
  });
});

describe('user management: refusals', () => {
  it('refuses a username already taken (also in another letter case)', async () => {
    await newUser('dup_user');
    const before = await countRows();
    for (const username of ['dup_user', 'DUP_User']) {
      const res = await createUser.execute(db(), admin, {
        username,
        displayName: '重复',
        departmentId: deptA,
        password: 'Start@2026',
      });
      expect(res).toEqual({ ok: false, error: `用户名「${username}」已被使用，请换一个`, fieldErrors: { username: `用户名「${username}」已被使用，请换一个` } });
    }
    expect(await countRows()).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: '新建用户', result: '失败' });
  });

  it.each([
    ['Sh0rt!', '初始密码至少需要 8 个字符'],
    ['alllowercase', '初始密码强度不足：需包含大写字母、小写字母、数字、符号中的至少三类'],
    ['lower123456', '初始密码强度不足：需包含大写字母、小写字母、数字、符号中的至少三类'],
    ['A'.repeat(200) + 'a1!' + 'x'.repeat(60), '初始密码不能超过 256 个字符'],
  ])('refuses the weak or over-long password %#', async (password, message) => {
    const before = await countRows();
    const res = await createUser.execute(db(), admin, {
      username: 'weak_pw',
      displayName: '弱密码',
      departmentId: deptA,
      password,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toBe(message);
      expect(res.fieldErrors?.password).toBe(res.error);
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses a weak or mismatched password on reset', async () => {
    const id = await newUser('reset_weak');
    const before = await userRow(id);
    expect(await resetUserPassword.execute(db(), admin, { id, password: 'abcdefgh', confirm: 'abcdefgh' })).toMatchObject({
      ok: false,
      error: '新密码强度不足：需包含大写字母、小写字母、数字、符号中的至少三类',
    });
    expect(await resetUserPassword.execute(db(), admin, { id, password: 'Good#Pass1', confirm: 'Good#Pass2' })).toMatchObject({
      ok: false,
      error: '两次输入的密码不一致',
    });
    expect((await userRow(id)).passwordHash).toBe(before.passwordHash);
  });

  it('三员分立: the 系统管理员 cannot grant roles at all, the 安全管理员 not to themself', async () => {
    const target = await newUser('grant_target', []);
    const clerkRole = await roleId(db(), 'clerk');
    expect(await grantUserRoles.execute(db(), admin, { id: target, roleIds: [clerkRole] })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: admin.userId, message: '缺少权限 user:grant' });
    expect(await roleCodesOf(target)).toEqual([]);
    const me = await userRow(sec.userId);
    for (const extra of [['sysadmin'], ['secadmin', 'clerk'], ['clerk']]) {
      const res = await grantUserRoles.execute(db(), sec, { id: sec.userId, roleIds: await Promise.all(extra.map((c) => roleId(db(), c))) });
      expect(res).toEqual({ ok: false, error: '不能给自己授予角色，请由其他安全管理员办理' });
    }
    expect(await roleCodesOf(sec.userId)).toEqual(['secadmin']);
    expect((await userRow(sec.userId)).sessionVersion).toBe(me.sessionVersion);
    expect(await lastAudit()).toMatchObject({ action: '授予角色', result: '拒绝', userId: sec.userId });
    // The 安全管理员 creates no account either.
    expect(await createUser.execute(db(), sec, { username: 'by_sec', displayName: '越权', departmentId: deptA, password: 'Start@2026' })).toEqual({
      ok: false,
      error: PERMISSION_DENIED,
    });
    // A grant that changes nothing is not a change (no session ended, nothing audited as success).
    await grantUserRoles.execute(db(), sec, { id: target, roleIds: [clerkRole] });
    const version = (await userRow(target)).sessionVersion;
    expect(await grantUserRoles.execute(db(), sec, { id: target, roleIds: [clerkRole] })).toEqual({ ok: true, data: { id: target, changed: false } });
    expect((await userRow(target)).sessionVersion).toBe(version);
    // A disabled account gets no role.
    await disableUser.execute(db(), admin, { id: target });
    expect(await grantUserRoles.execute(db(), sec, { id: target, roleIds: [await roleId(db(), 'chief')] })).toEqual({
      ok: false,
      error: '用户 grant_target 已停用，不能授予角色',
    });
    // Editing one's own name is fine.
    const ok = await updateUser.execute(db(), admin, { id: admin.userId, displayName: '系统管理员本人', departmentId: deptA });
    expect(ok.ok).toBe(true);
  });

  it('refuses disabling or resetting oneself', async () => {
    expect(await disableUser.execute(db(), admin, { id: admin.userId })).toEqual({ ok: false, error: '不能停用自己的账号' });
    expect((await userRow(admin.userId)).status).toBe('active');
    expect(await resetUserPassword.execute(db(), admin, { id: admin.userId, password: 'Good#Pass1', confirm: 'Good#Pass1' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses two administrator roles and an administrator with business roles (三员分立)', async () => {
    const id = await newUser('becomes_admin');
    const grant = async (codes: string[]) => grantUserRoles.execute(db(), sec, { id, roleIds: await Promise.all(codes.map((c) => roleId(db(), c))) });
    const two = await grant(['sysadmin', 'auditadmin']);
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.error).toMatch(/^三员分立：同一用户不能同时担任(系统管理员、审计管理员|审计管理员、系统管理员)$/);
    expect(await grant(['secadmin', 'clerk'])).toEqual({ ok: false, error: '三员分立：安全管理员不能同时担任业务角色' });
    expect(await grant(['clerk', 'auditadmin'])).toEqual({ ok: false, error: '三员分立：审计管理员不能同时担任业务角色' });
    expect(await roleCodesOf(id)).toEqual(['clerk']);
  });

  it('refuses unknown role and department ids', async () => {
    const before = await countRows();
    const base = { username: 'ghost_refs', displayName: '引用', password: 'Start@2026' };
    expect(await createUser.execute(db(), admin, { ...base, departmentId: 'NOPE' })).toEqual({
      ok: false,
      error: '所选科室不存在或已被删除，请刷新后重试',
    });
    expect(await countRows()).toEqual(before);
    const id = await newUser('ghost_target');
    expect(await grantUserRoles.execute(db(), sec, { id, roleIds: ['NOPE'] })).toEqual({ ok: false, error: '所选角色不存在或已被删除，请刷新后重试' });
    expect(await grantUserRoles.execute(db(), sec, { id, roleIds: [] })).toMatchObject({ ok: false, error: '请至少选择一个角色' });
    expect(await roleCodesOf(id)).toEqual(['clerk']);
  });

  it('answers a clerk without user:manage with 您没有执行此操作的权限 and changes nothing', async () => {
    const clerk = await createActor(db(), ['clerk'], { username: 'um_clerk' });
    const target = await newUser('clerk_target');
    const before = await userRow(target);
    const rows = await countRows();
    const clerkRole = await roleId(db(), 'clerk');
    const sysRole = await roleId(db(), 'sysadmin');
    const attempts = [
      () => createUser.execute(db(), clerk, { username: 'by_clerk', displayName: '越权', departmentId: deptA, password: 'Start@2026' }),
      () => updateUser.execute(db(), clerk, { id: clerk.userId, displayName: '越权', departmentId: deptA }),
      () => grantUserRoles.execute(db(), clerk, { id: clerk.userId, roleIds: [sysRole] }),
      () => grantUserRoles.execute(db(), clerk, { id: target, roleIds: [clerkRole] }),
      () => disableUser.execute(db(), clerk, { id: target }),
      () => enableUser.execute(db(), clerk, { id: target }),
      () => resetUserPassword.execute(db(), clerk, { id: target, password: 'Good#Pass1', confirm: 'Good#Pass1' }),
      () => unlockUser.execute(db(), clerk, { id: target }),
    ];
    for (const attempt of attempts) expect(await attempt()).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await userRow(target)).toEqual(before);
    expect(await countRows()).toEqual(rows);
    expect(await roleCodesOf(clerk.userId)).toEqual(['clerk']);
    expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: clerk.userId, message: '缺少权限 user:manage' });
  });

  it.each([
    [{ username: 'ab' }, '用户名为 3–64 位字母、数字或 . _ - @', 'username'],
    [{ username: 'u'.repeat(65) }, '用户名不能超过 64 个字符', 'username'],
    [{ username: '张三' }, '用户名为 3–64 位字母、数字或 . _ - @', 'username'],
    [{ username: 'bad\u0001name' }, '用户名不能包含控制字符', 'username'],
    [{ displayName: '名'.repeat(65) }, '姓名不能超过 64 个字符', 'displayName'],
    [{ displayName: '坏\u0007名' }, '姓名不能包含控制字符', 'displayName'],
    [{ displayName: '   ' }, '请填写姓名', 'displayName'],
    [{ phone: '1\u0000' }, '联系电话不能包含控制字符', 'phone'],
    [{ departmentId: '' }, '请选择科室', 'departmentId'],
  ])('refuses bad input %j with a Chinese message and writes nothing', async (patch, message, field) => {
    const before = await countRows();
    const auditBefore = await lastAudit();
    const res = await createUser.execute(db(), admin, {
      username: 'valid_name',
      displayName: '正常',
      departmentId: deptA,
      password: 'Start@2026',
      ...patch,
    });
    expect(res).toMatchObject({ ok: false, error: message });
    if (!res.ok) expect(res.fieldErrors?.[field]).toBe(message);
    expect(await countRows()).toEqual(before);
    // 安全审计: the failed validation is one entry (result 失败, the reason and the field, not the value).
    const audit = await lastAudit();
    expect(audit.seq).toBe(auditBefore.seq + 1);
    expect(audit).toMatchObject({ result: '失败', userId: admin.userId, message: `输入校验未通过：${message}（字段：${field}）` });
  });

  it('refuses over-long and control-character input on edit, leaving the user unchanged', async () => {
    const id = await newUser('edit_bad');
    const before = await userRow(id);
    for (const displayName of ['x'.repeat(65), 'a\u001bb', 'line\nbreak']) {
      const res = await updateUser.execute(db(), admin, { id, displayName, departmentId: deptA });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatch(/^姓名(不能超过 64 个字符|不能包含控制字符)$/);
    }
    expect(await userRow(id)).toEqual(before);
  });
});

describe('user list', () => {
  it('searches username or name, filters department (with sub-departments) and status, pages', async () => {
    await newUser('list_wang', ['clerk'], subOfA);
    const other = await newUser('list_other', ['finance'], deptB);
    await updateUser.execute(db(), admin, { id: other, displayName: '王财务', departmentId: deptB });
    const f = (q: Record<string, string>) => ZUserFilter.parse(q);

    const byName = await listUsers(db(), f({ q: '王财' }));
    expect(byName.rows.map((r) => r.username)).toEqual(['list_other']);
    expect(byName.rows[0]).toMatchObject({ departmentName: '财务科', roles: [{ name: '财务', kind: 'business' }] });
    expect(byName.rows[0]).not.toHaveProperty('passwordHash');

    const byUsername = await listUsers(db(), f({ q: 'LIST_' }));
    expect(byUsername.total).toBe(2);

    const inA = await listUsers(db(), f({ q: 'list_', dept: deptA }));
    expect(inA.rows.map((r) => r.username)).toEqual(['list_wang']);

    // A LIKE wildcard in the search is taken literally.
    expect((await listUsers(db(), f({ q: '%' }))).total).toBe(0);

    await disableUser.execute(db(), admin, { id: other });
    expect((await listUsers(db(), f({ q: 'list_', status: 'disabled' }))).rows.map((r) => r.username)).toEqual(['list_other']);
    expect((await listUsers(db(), f({ q: 'list_', status: 'active' }))).rows.map((r) => r.username)).toEqual(['list_wang']);

    const all = await listUsers(db(), f({}));
    expect(all.rows.length).toBe(Math.min(20, all.total));
    const page2 = await listUsers(db(), f({ page: '2', size: '10' }));
    expect(page2.rows.length).toBe(Math.max(0, Math.min(10, all.total - 10)));
    expect(page2.rows[0]?.id).not.toBe(all.rows[0]?.id);
    // Malformed URL values fall back to defaults instead of failing the page.
    expect(f({ page: 'x', size: '5000', status: 'gone' })).toEqual({ page: 1, size: 20 });
  });

  it('keeps the audit chain intact through all of the above', async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
