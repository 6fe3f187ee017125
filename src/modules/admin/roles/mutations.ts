import 'server-only';
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { defineMutation, fail, type AuditEntry, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { permissions, rolePermissions, roles, userRoles } from '@/platform/auth/schema';
import { permissionFitsRole } from '@/platform/permissions/catalog';
import { ROLE_KIND_LABELS } from './kinds';
import { ZCreateRole, ZDeleteRole, ZSaveRolePermissions, ZSetRoleTotp, ZUpdateRole } from './validation';

const OBJECT_TYPE = '角色';
const PERMISSION = 'role:manage';

export const SELF_GRANT_REFUSED = '不能修改自己所属角色的权限';
export const SELF_TOTP_REFUSED = '不能修改自己所属角色的动态口令要求';

type RoleRecord = typeof roles.$inferSelect;

/** Every 角色 mutation needs the same permission and is audited as a change to a 角色. */
function roleMutation<S extends z.ZodType, R>(name: string, schema: S, run: (ctx: MutationContext, input: z.output<S>) => Promise<R>) {
  return defineMutation({ name, permission: PERMISSION, objectType: OBJECT_TYPE, schema, run });
}

/** Audits a change to one role. */
async function auditRole(ctx: MutationContext, id: string, entry: Omit<AuditEntry, 'objectType' | 'objectId'>): Promise<void> {
  await ctx.audit({ ...entry, objectType: OBJECT_TYPE, objectId: id });
}

async function requireRole(tx: Tx, id: string): Promise<RoleRecord> {
  const [row] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
  if (!row) fail('角色不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return row;
}

async function permissionCodesOf(tx: Tx, roleId: string): Promise<string[]> {
  const rows = await tx.select({ code: rolePermissions.permissionCode }).from(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  return rows.map((r) => r.code).sort();
}

async function assertNameFree(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  const where = exceptId ? and(eq(roles.name, name), ne(roles.id, exceptId)) : eq(roles.name, name);
  const [clash] = await tx.select({ id: roles.id }).from(roles).where(where).limit(1);
  if (clash) fail(`角色名称「${name}」已被使用`, 'CONFLICT', { name: `角色名称「${name}」已被使用` });
}

/** 三员分立: the acting user may not change a role they hold themselves (that would be self-granting). */
async function refuseOwnRole(tx: Tx, userId: string, roleId: string, message: string): Promise<void> {
  const [own] = await tx
    .select({ roleId: userRoles.roleId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.roleId, roleId)));
  if (own) fail(message, 'FORBIDDEN');
}

function snapshot(r: Pick<RoleRecord, 'code' | 'name' | 'kind' | 'description' | 'builtin'>, permissionCodes?: string[]) {
  return { code: r.code, name: r.name, kind: r.kind, description: r.description, builtin: r.builtin, ...(permissionCodes ? { permissions: permissionCodes } : {}) };
}

/**
 * Replaces the permission set of a role. 三员分立: a permission only goes to a role of its own
 * kind (or is common), and the 安全管理员 cannot change a role they hold themselves.
 */
export const saveRolePermissions = roleMutation('保存角色权限', ZSaveRolePermissions, async (ctx, input) => {
  const { tx, actor } = ctx;
  const role = await requireRole(tx, input.roleId);
  await refuseOwnRole(tx, actor.userId, role.id, SELF_GRANT_REFUSED);

  const known = input.permissionCodes.length
    ? await tx
        .select({ code: permissions.code, name: permissions.name, kind: permissions.kind })
        .from(permissions)
        .where(inArray(permissions.code, input.permissionCodes))
    : [];
  const knownCodes = new Set(known.map((p) => p.code));
  const unknown = input.permissionCodes.filter((c) => !knownCodes.has(c));
  if (unknown.length) fail(`未知的权限：${unknown.join('、')}`, 'INVALID_INPUT');
  const misfits = known.filter((p) => !permissionFitsRole(p.kind, role.kind));
  if (misfits.length) {
    fail(`三员分立：${ROLE_KIND_LABELS[role.kind]}角色「${role.name}」不能授予${misfits.map((p) => `「${p.name}」`).join('、')}`);
  }

  const before = await permissionCodesOf(tx, role.id);
  const after = input.permissionCodes;
  const removed = before.filter((c) => !after.includes(c));
  const added = after.filter((c) => !before.includes(c));
  if (removed.length) {
    await tx.delete(rolePermissions).where(and(eq(rolePermissions.roleId, role.id), inArray(rolePermissions.permissionCode, removed)));
  }
  if (added.length) {
    await tx.insert(rolePermissions).values(added.map((code) => ({ roleId: role.id, permissionCode: code })));
  }
  await tx.update(roles).set({ updatedAt: new Date() }).where(eq(roles.id, role.id));
  await auditRole(ctx, role.id, {
    action: '保存角色权限',
    before: { role: role.name, permissions: before },
    after: { role: role.name, permissions: after },
    message: `角色「${role.name}」：新增 ${added.length} 项，移除 ${removed.length} 项`,
  });
  return { roleId: role.id, added, removed };
});

/**
 * Requires (or stops requiring) a 动态口令 at login for the role's holders. Not for a role the
 * 安全管理员 holds: lowering one's own authentication is self-granting too.
 */
export const setRoleTotp = roleMutation('设置角色动态口令要求', ZSetRoleTotp, async (ctx, input) => {
  const { tx, actor } = ctx;
  const role = await requireRole(tx, input.roleId);
  await refuseOwnRole(tx, actor.userId, role.id, SELF_TOTP_REFUSED);
  if (role.requiresTotp === input.requiresTotp) fail(input.requiresTotp ? `角色「${role.name}」已要求动态口令` : `角色「${role.name}」未要求动态口令`);
  // updated_at moves: the session check reads the role set afresh (permissions/role-sets.ts).
  await tx.update(roles).set({ requiresTotp: input.requiresTotp, updatedAt: new Date() }).where(eq(roles.id, role.id));
  await auditRole(ctx, role.id, {
    action: '设置角色动态口令要求',
    before: { role: role.name, requiresTotp: role.requiresTotp },
    after: { role: role.name, requiresTotp: input.requiresTotp },
    message: input.requiresTotp ? `角色「${role.name}」的用户登录须输入动态口令；未绑定的用户登录后须先绑定` : `角色「${role.name}」不再要求动态口令`,
  });
  return { roleId: role.id, requiresTotp: input.requiresTotp };
});

export const createRole = roleMutation('新建角色', ZCreateRole, async (ctx, input) => {
  const { tx } = ctx;
  const [codeClash] = await tx.select({ name: roles.name }).from(roles).where(eq(roles.code, input.code)).limit(1);
  if (codeClash) fail(`角色编码 ${input.code} 已被「${codeClash.name}」使用`, 'CONFLICT', { code: `角色编码 ${input.code} 已被「${codeClash.name}」使用` });
  await assertNameFree(tx, input.name, null);
  // Only business roles can be created: the three administrator roles are fixed (三员分立).
  const [row] = await tx
    .insert(roles)
    .values({ code: input.code, name: input.name, kind: 'business', description: input.description, builtin: false })
    .returning();
  await auditRole(ctx, row.id, { action: '新建角色', before: null, after: snapshot(row) });
  return { id: row.id };
});

export const updateRole = roleMutation('修改角色', ZUpdateRole, async (ctx, input) => {
  const { tx } = ctx;
  const current = await requireRole(tx, input.id);
  if (input.name !== current.name) {
    if (current.builtin) fail(`「${current.name}」是内置角色，不能改名`);
    await assertNameFree(tx, input.name, current.id);
  }
  const [row] = await tx
    .update(roles)
    .set({ name: input.name, description: input.description })
    .where(eq(roles.id, current.id))
    .returning();
  await auditRole(ctx, row.id, { action: '修改角色', before: snapshot(current), after: snapshot(row) });
  return { id: row.id };
});

export const deleteRole = roleMutation('删除角色', ZDeleteRole, async (ctx, input) => {
  const { tx } = ctx;
  const current = await requireRole(tx, input.id);
  if (current.builtin) fail(`「${current.name}」是内置角色，不能删除`);
  const [{ n }] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, current.id));
  if (Number(n) > 0) fail(`仍有 ${n} 名用户担任「${current.name}」，请先在用户管理中取消这些用户的该角色`);
  const codes = await permissionCodesOf(tx, current.id);
  await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, current.id));
  await tx.delete(roles).where(eq(roles.id, current.id));
  await auditRole(ctx, current.id, { action: '删除角色', before: snapshot(current, codes), after: null });
  return { id: current.id };
});
