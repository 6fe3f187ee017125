import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { defineMutation, fail, type MutationContext } from '@/platform/action';
import { getConfig } from '@/platform/config';
import { hashPassword } from '@/platform/crypto/sm';
import { isUniqueViolation } from '@/platform/errors';
import { userRoles, users } from '@/platform/auth/schema';
import { isLocked } from '@/platform/auth/lockout';
import { passwordProblem } from '@/platform/auth/password-policy';
import { rememberReplacedPassword } from '@/platform/auth/password-history';
import { getPasswordRules } from '@/platform/auth/policy-in-force';
import {
  OBJECT_TYPE,
  auditUser,
  loadUserForUpdate,
  lockSnapshotOf,
  requireDepartment,
  requireRoleSet,
  sameRoleSet,
  snapshotOf,
  updateEndingSessions,
} from './mutation-helpers';
import { ZCreateUser, ZGrantRoles, ZResetPassword, ZUpdateUser, ZUserRef } from './validation';

/**
 * 三员分立: the 系统管理员 (user:manage) creates, edits and disables accounts but grants no role;
 * the 安全管理员 (user:grant) grants roles but creates no account and grants nothing to themself.
 * A new account holds no role — it can sign in to change its password and sees nothing else —
 * until the 安全管理员 grants one, so no single administrator can create a working account.
 */
function userMutation<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (ctx: MutationContext, input: z.output<S>) => Promise<R>,
  permission: 'user:manage' | 'user:grant' = 'user:manage',
) {
  return defineMutation({ name, permission, objectType: OBJECT_TYPE, schema, run });
}

const takenMessage = (username: string) => `用户名「${username}」已被使用，请换一个`;

/** The 安全策略's length and classes in force, and not the user name (the form checked the defaults). */
async function requirePolicyPassword(ctx: MutationContext, password: string, label: string, username: string): Promise<void> {
  const problem = passwordProblem(password, label, await getPasswordRules(ctx.tx), username);
  if (problem) fail(problem, 'INVALID_INPUT', { password: problem });
}

export const createUser = userMutation('新建用户', ZCreateUser, async (ctx, input) => {
  const { tx } = ctx;
  // Case-insensitive, so "Clerk" cannot be created next to "clerk".
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username})`);
  if (taken) fail(takenMessage(input.username), 'CONFLICT', { username: takenMessage(input.username) });
  await requirePolicyPassword(ctx, input.password, '初始密码', input.username);
  const departmentName = await requireDepartment(tx, input.departmentId);
  const passwordHash = await hashPassword(input.password, getConfig().PASSWORD_ITERATIONS);

  let id: string;
  try {
    [{ id }] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        departmentId: input.departmentId,
        phone: input.phone,
        passwordHash,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
  } catch (e) {
    // Someone created the same username a moment ago.
    if (isUniqueViolation(e)) fail(takenMessage(input.username), 'CONFLICT', { username: takenMessage(input.username) });
    throw e;
  }
  await auditUser(ctx, id, {
    action: '新建用户',
    before: null,
    after: snapshotOf({ ...input, departmentName, status: 'active', mustChangePassword: true, roles: [] }),
    message: `新建用户 ${input.username}（待安全管理员授予角色）`,
  });
  return { id };
});

export const updateUser = userMutation('修改用户', ZUpdateUser, async (ctx, input) => {
  const { tx } = ctx;
  const before = await loadUserForUpdate(tx, input.id);
  const departmentName = await requireDepartment(tx, input.departmentId);
  await tx.update(users).set({ displayName: input.displayName, departmentId: input.departmentId, phone: input.phone }).where(eq(users.id, input.id));
  await auditUser(ctx, input.id, {
    action: '修改用户',
    before: snapshotOf(before),
    after: snapshotOf({ ...before, ...input, departmentName }),
    message: `修改用户 ${before.username}`,
  });
  return { id: input.id };
});

export const grantUserRoles = userMutation(
  '授予角色',
  ZGrantRoles,
  async (ctx, input) => {
    const { tx, actor } = ctx;
    if (input.id === actor.userId) fail('不能给自己授予角色，请由其他安全管理员办理', 'FORBIDDEN');
    const before = await loadUserForUpdate(tx, input.id);
    if (before.status !== 'active') fail(`用户 ${before.username} 已停用，不能授予角色`, 'CONFLICT');
    if (sameRoleSet(before.roles, input.roleIds)) {
      // Every mutation leaves one audit entry, a grant that changes nothing too (its sessions stay).
      await auditUser(ctx, input.id, { action: '授予角色', before: null, after: null, message: `为用户 ${before.username} 授予角色：与现有角色相同，未变更` });
      return { id: input.id, changed: false };
    }
    const roleList = await requireRoleSet(tx, input.roleIds);
    await tx.delete(userRoles).where(eq(userRoles.userId, input.id));
    await tx.insert(userRoles).values(roleList.map((r) => ({ userId: input.id, roleId: r.id })));
    // A new role set must apply at once: the old sessions end and the user signs in again.
    await updateEndingSessions(tx, input.id, {}, '角色变更');
    await auditUser(ctx, input.id, {
      action: '授予角色',
      before: snapshotOf(before),
      after: snapshotOf({ ...before, roles: roleList }),
      message: `为用户 ${before.username} 授予角色：${roleList.map((r) => r.name).join('、')}（原会话已结束）`,
    });
    return { id: input.id, changed: true };
  },
  'user:grant',
);

export const disableUser = userMutation('停用用户', ZUserRef, async (ctx, input) => {
  const { tx, actor } = ctx;
  if (input.id === actor.userId) fail('不能停用自己的账号', 'FORBIDDEN');
  const before = await loadUserForUpdate(tx, input.id);
  if (before.status === 'disabled') fail(`用户 ${before.username} 已是停用状态`);
  await updateEndingSessions(tx, input.id, { status: 'disabled' }, '账号停用');
  await auditUser(ctx, input.id, {
    action: '停用用户',
    before: { status: before.status },
    after: { status: 'disabled' },
    message: `停用用户 ${before.username}，其登录会话已结束`,
  });
  return { id: input.id };
});

export const enableUser = userMutation('启用用户', ZUserRef, async (ctx, input) => {
  const { tx } = ctx;
  const before = await loadUserForUpdate(tx, input.id);
  if (before.status === 'active') fail(`用户 ${before.username} 已是启用状态`);
  await tx.update(users).set({ status: 'active' }).where(eq(users.id, input.id));
  await auditUser(ctx, input.id, {
    action: '启用用户',
    before: { status: before.status },
    after: { status: 'active' },
    message: `启用用户 ${before.username}`,
  });
  return { id: input.id };
});

export const resetUserPassword = userMutation('重置密码', ZResetPassword, async (ctx, input) => {
  const { tx, actor } = ctx;
  // One's own password is changed with the old one (修改密码), never reset from here.
  if (input.id === actor.userId) fail('不能在此重置自己的密码，请使用“修改密码”', 'FORBIDDEN');
  const before = await loadUserForUpdate(tx, input.id);
  await requirePolicyPassword(ctx, input.password, '新密码', before.username);
  // A temporary password that must be changed at first use: the history is checked on that
  // change (profile), not here; the replaced password joins the history all the same.
  const [{ replaced }] = await tx.select({ replaced: users.passwordHash }).from(users).where(eq(users.id, input.id));
  const passwordHash = await hashPassword(input.password, getConfig().PASSWORD_ITERATIONS);
  const now = new Date();
  await rememberReplacedPassword(tx, input.id, replaced, now);
  await updateEndingSessions(
    tx,
    input.id,
    { passwordHash, passwordChangedAt: now, mustChangePassword: true, failedAttempts: 0, lockedUntil: null },
    '密码重置',
  );
  await auditUser(ctx, input.id, {
    action: '重置密码',
    before: { mustChangePwd: before.mustChangePassword, ...lockSnapshotOf(before) },
    after: { mustChangePwd: true, failedAttempts: 0, lockedUntil: null },
    message: `重置用户 ${before.username} 的密码，其登录会话已结束`,
  });
  return { id: input.id };
});

export const unlockUser = userMutation('解锁用户', ZUserRef, async (ctx, input) => {
  const { tx } = ctx;
  const before = await loadUserForUpdate(tx, input.id);
  if (!isLocked(before.lockedUntil, new Date()) && before.failedAttempts === 0) fail(`用户 ${before.username} 当前未被锁定`);
  await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, input.id));
  await auditUser(ctx, input.id, {
    action: '解锁用户',
    before: lockSnapshotOf(before),
    after: { failedAttempts: 0, lockedUntil: null },
    message: `解锁用户 ${before.username}`,
  });
  return { id: input.id };
});
