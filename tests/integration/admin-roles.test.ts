import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { rolePermissions, roles, userRoles } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { createRole, deleteRole, saveRolePermissions, SELF_GRANT_REFUSED, updateRole } from '../../src/modules/admin/roles/mutations';
import { getRolesOverview } from '../../src/modules/admin/roles/queries';
import { actorFor, createActor, roleId } from '../helpers/actors';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';

let database: Database;
let sec: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  sec = await createActor(database.db, ['secadmin']);
});
afterAll(async () => {
  await database?.close();
});

async function codesOf(id: string): Promise<string[]> {
  const rows = await database.db.select({ code: rolePermissions.permissionCode }).from(rolePermissions).where(eq(rolePermissions.roleId, id));
  return rows.map((r) => r.code).sort();
}

async function role(id: string) {
  const [row] = await database.db.select().from(roles).where(eq(roles.id, id));
  return row;
}

async function roleCount(): Promise<number> {
  return (await database.db.select({ id: roles.id }).from(roles)).length;
}

async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function newRole(input: Record<string, unknown>): Promise<string> {
  const res = await createRole.execute(database.db, sec, input);
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

describe('角色权限: permission sets', () => {
  it('saves the permission set of a role in one go and audits the before/after lists', async () => {
    const sysadmin = await roleId(database.db, 'sysadmin');
    expect(await codesOf(sysadmin)).toEqual(['org:manage', 'profile:password', 'setting:manage', 'user:manage', 'workbench:view']);
    const res = await saveRolePermissions.execute(database.db, sec, {
      roleId: sysadmin,
      permissionCodes: ['workbench:view', 'user:manage', 'user:manage'],
    });
    expect(res).toEqual({ ok: true, data: { roleId: sysadmin, added: [], removed: ['org:manage', 'profile:password', 'setting:manage'] } });
    expect(await codesOf(sysadmin)).toEqual(['user:manage', 'workbench:view']);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '保存角色权限', objectType: '角色', objectId: sysadmin, result: '成功', userId: sec.userId });
    expect(JSON.parse(audit.diff ?? '{}')).toEqual({
      permissions: { from: ['org:manage', 'profile:password', 'setting:manage', 'user:manage', 'workbench:view'], to: ['user:manage', 'workbench:view'] },
    });
    // Holders see the change on their next request: their identity is reloaded from the database.
    const holder = await createActor(database.db, ['sysadmin']);
    expect(holder.permissions.has('org:manage')).toBe(false);

    const back = await saveRolePermissions.execute(database.db, sec, {
      roleId: sysadmin,
      permissionCodes: ['workbench:view', 'profile:password', 'org:manage', 'user:manage', 'setting:manage'],
    });
    expect(back.ok).toBe(true);
    expect((await actorFor(database.db, holder.userId)).permissions.has('org:manage')).toBe(true);
  });

  it('can empty the permission set of a role', async () => {
    const id = await newRole({ name: '空权限角色', code: 'empty_perm' });
    await saveRolePermissions.execute(database.db, sec, { roleId: id, permissionCodes: ['workbench:view'] });
    expect((await saveRolePermissions.execute(database.db, sec, { roleId: id, permissionCodes: [] })).ok).toBe(true);
    expect(await codesOf(id)).toEqual([]);
  });

  it.each([
    ['clerk', ['workbench:view', 'audit:view'], '三员分立：业务角色「经办」不能授予「查看审计日志」'],
    ['clerk', ['role:manage'], '三员分立：业务角色「经办」不能授予「管理角色与权限」'],
    ['sysadmin', ['audit:view', 'audit:export'], '三员分立：系统管理员类角色「系统管理员」不能授予「查看审计日志」、「导出审计日志」'],
    ['auditadmin', ['user:manage'], '三员分立：审计管理员类角色「审计管理员」不能授予「管理用户」'],
  ])('refuses to grant across kinds (%s ← %j) and changes nothing', async (code, perms, message) => {
    const id = await roleId(database.db, code);
    const before = await codesOf(id);
    expect(await saveRolePermissions.execute(database.db, sec, { roleId: id, permissionCodes: perms })).toEqual({ ok: false, error: message });
    expect(await codesOf(id)).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: '保存角色权限', result: '失败', message });
  });

  it('refuses the 安全管理员 changing a role they hold (no self-grant)', async () => {
    const secRole = await roleId(database.db, 'secadmin');
    const before = await codesOf(secRole);
    const res = await saveRolePermissions.execute(database.db, sec, { roleId: secRole, permissionCodes: ['workbench:view'] });
    expect(res).toEqual({ ok: false, error: SELF_GRANT_REFUSED });
    expect(SELF_GRANT_REFUSED).toBe('不能修改自己所属角色的权限');
    expect(await codesOf(secRole)).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: '保存角色权限', result: '拒绝', message: SELF_GRANT_REFUSED, userId: sec.userId });
  });

  it('refuses unknown and malformed permission codes', async () => {
    const clerk = await roleId(database.db, 'clerk');
    const before = await codesOf(clerk);
    expect(await saveRolePermissions.execute(database.db, sec, { roleId: clerk, permissionCodes: ['workbench:view', 'parcel:destroy'] })).toEqual({
      ok: false,
      error: '未知的权限：parcel:destroy',
    });
    expect((await saveRolePermissions.execute(database.db, sec, { roleId: clerk, permissionCodes: ['WORKBENCH VIEW'] })).ok).toBe(false);
    expect((await saveRolePermissions.execute(database.db, sec, { roleId: clerk, permissionCodes: 'workbench:view' })).ok).toBe(false);
    expect(await saveRolePermissions.execute(database.db, sec, { roleId: 'NOSUCHROLE', permissionCodes: [] })).toEqual({
      ok: false,
      error: '角色不存在或已被删除，请刷新后重试',
    });
    expect(await codesOf(clerk)).toEqual(before);
  });
});

describe('角色权限: roles', () => {
  it('creates a custom business role, audited', async () => {
    const id = await newRole({ name: '征收专员', code: 'expropriation', description: '  负责征收补偿  ' });
    expect(await role(id)).toMatchObject({ name: '征收专员', code: 'expropriation', kind: 'business', builtin: false, description: '负责征收补偿' });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新建角色', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff ?? '{}')).toMatchObject({ name: { from: null, to: '征收专员' }, kind: { from: null, to: 'business' } });
  });

  it('lists roles with kind, user count and permissions', async () => {
    const overview = await getRolesOverview(database.db, { selectedId: null, ownRoleIds: [] });
    expect(overview.roles.slice(0, 3).map((r) => r.kind)).toEqual(['sys', 'sec', 'audit']);
    const secRole = overview.roles.find((r) => r.code === 'secadmin');
    expect(secRole).toMatchObject({ builtin: true, userCount: 1, permissionCodes: ['profile:password', 'role:manage', 'security:policy', 'user:grant', 'workbench:view'] });
    expect(overview.groups.map((g) => g.name)).toEqual(['通用', '系统管理', '安全管理', '审计管理', '计划实施', '资金管理', '公文合同', '档案数据']);
    expect(overview.selectedId).toBe(overview.roles[0].id);
  });

  it('refuses a duplicate name or code', async () => {
    await newRole({ name: '重复测试', code: 'dup_role' });
    const before = await roleCount();
    expect(await createRole.execute(database.db, sec, { name: '重复测试', code: 'dup_role2' })).toEqual({ ok: false, error: '角色名称「重复测试」已被使用', fieldErrors: { name: '角色名称「重复测试」已被使用' } });
    expect(await createRole.execute(database.db, sec, { name: '另一个', code: 'dup_role' })).toEqual({
      ok: false,
      error: '角色编码 dup_role 已被「重复测试」使用',
      fieldErrors: { code: '角色编码 dup_role 已被「重复测试」使用' },
    });
    expect(await createRole.execute(database.db, sec, { name: '经办', code: 'clerk2' })).toEqual({ ok: false, error: '角色名称「经办」已被使用', fieldErrors: { name: '角色名称「经办」已被使用' } });
    expect(await roleCount()).toBe(before);
  });

  it('edits the name and description of a custom role', async () => {
    const id = await newRole({ name: '临时角色', code: 'temp_role', description: '旧说明' });
    const res = await updateRole.execute(database.db, sec, { id, name: '正式角色', description: '' });
    expect(res.ok).toBe(true);
    expect(await role(id)).toMatchObject({ name: '正式角色', description: null, code: 'temp_role' });
    expect(JSON.parse((await lastAudit()).diff ?? '{}')).toEqual({
      name: { from: '临时角色', to: '正式角色' },
      description: { from: '旧说明', to: null },
    });
  });

  it('lets a builtin role change its description but not its name', async () => {
    const clerk = await roleId(database.db, 'clerk');
    expect(await updateRole.execute(database.db, sec, { id: clerk, name: '办事员', description: 'x' })).toEqual({
      ok: false,
      error: '「经办」是内置角色，不能改名',
    });
    expect((await role(clerk)).name).toBe('经办');
    expect((await updateRole.execute(database.db, sec, { id: clerk, name: '经办', description: '办理日常业务' })).ok).toBe(true);
    expect((await role(clerk)).description).toBe('办理日常业务');
  });

  it('deletes an unused custom role with its permissions, audited', async () => {
    const id = await newRole({ name: '待删角色', code: 'to_delete' });
    await saveRolePermissions.execute(database.db, sec, { roleId: id, permissionCodes: ['workbench:view'] });
    const res = await deleteRole.execute(database.db, sec, { id });
    expect(res.ok).toBe(true);
    expect(await role(id)).toBeUndefined();
    expect(await codesOf(id)).toEqual([]);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '删除角色', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff ?? '{}')).toMatchObject({ name: { from: '待删角色', to: null }, permissions: { from: ['workbench:view'], to: null } });
  });

  it('refuses to delete a builtin role', async () => {
    const leader = await roleId(database.db, 'leader');
    expect(await deleteRole.execute(database.db, sec, { id: leader })).toEqual({ ok: false, error: '「中心领导」是内置角色，不能删除' });
    expect(await role(leader)).toBeDefined();
  });

  it('refuses to delete a role somebody holds', async () => {
    const id = await newRole({ name: '有人角色', code: 'held_role' });
    const holder = await createActor(database.db, ['clerk']);
    await database.db.insert(userRoles).values({ userId: holder.userId, roleId: id });
    expect(await deleteRole.execute(database.db, sec, { id })).toEqual({
      ok: false,
      error: '仍有 1 名用户担任「有人角色」，请先在用户管理中取消这些用户的该角色',
    });
    expect(await role(id)).toBeDefined();
  });

  it.each([
    [{ name: '', code: 'ok_code' }, '请填写角色名称'],
    [{ name: '名'.repeat(33), code: 'ok_code' }, '角色名称不能超过 32 个字符'],
    [{ name: '坏\u0000名', code: 'ok_code' }, '角色名称不能包含控制字符'],
    [{ name: '好名字', code: '' }, '请填写角色编码'],
    [{ name: '好名字', code: 'a' }, '角色编码应为 2–32 位小写字母、数字或下划线'],
    [{ name: '好名字', code: 'Has-Upper' }, '角色编码应为 2–32 位小写字母、数字或下划线'],
    [{ name: '好名字', code: 'x'.repeat(33) }, '角色编码应为 2–32 位小写字母、数字或下划线'],
    [{ name: '好名字', code: 'ok_code', description: '说'.repeat(201) }, '角色说明不能超过 200 个字符'],
    [{ name: '好名字', code: 'ok_code', description: 'bad\u0001' }, '角色说明不能包含控制字符'],
    [{}, '请填写角色名称'],
  ])('refuses bad input %j with a Chinese message and writes no row', async (input, message) => {
    const before = await roleCount();
    const res = await createRole.execute(database.db, sec, input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toBe(message);
    expect(await roleCount()).toBe(before);
  });

  it('refuses the 系统管理员 (who lacks role:manage) and a clerk, and audits the denial', async () => {
    const clerkRole = await roleId(database.db, 'clerk');
    const before = await codesOf(clerkRole);
    for (const codes of [['sysadmin'], ['clerk']]) {
      const actor = await createActor(database.db, codes);
      expect(actor.permissions.has('role:manage')).toBe(false);
      expect(await saveRolePermissions.execute(database.db, actor, { roleId: clerkRole, permissionCodes: [] })).toEqual({
        ok: false,
        error: PERMISSION_DENIED,
      });
      expect(await lastAudit()).toMatchObject({ action: '保存角色权限', result: '拒绝', userId: actor.userId });
      expect(await createRole.execute(database.db, actor, { name: '越权角色', code: 'sneaky' })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await updateRole.execute(database.db, actor, { id: clerkRole, name: '经办' })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await deleteRole.execute(database.db, actor, { id: clerkRole })).toEqual({ ok: false, error: PERMISSION_DENIED });
    }
    expect(await codesOf(clerkRole)).toEqual(before);
    const [sneaky] = await database.db.select().from(roles).where(eq(roles.code, 'sneaky'));
    expect(sneaky).toBeUndefined();
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
