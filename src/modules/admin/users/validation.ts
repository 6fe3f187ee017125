import { z } from 'zod';
import { hasControlChars, zId, zOptionalText, zText, zFilterText, zFilterId, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { zPassword } from '@/platform/auth/password-policy';
import { USERNAME_MAX, USERNAME_PATTERN, USERNAME_RULE } from '@/platform/auth/username';

export { PASSWORD_RULE } from '@/platform/auth/password-policy';

/**
 * Shared by the forms (client) and the mutations (server): the same rules, the same messages.
 * Client-safe: imports no database code.
 */

/** Mirrors USER_STATUSES of the users table (not imported, to keep drizzle out of the client bundle). */
export const USER_STATUSES = ['active', 'disabled'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];

export { USERNAME_RULE };

export const USER_STATUS_LABELS: Record<TUserStatus, string> = { active: '启用', disabled: '停用' };

const zUsername = z
  .string({ error: '请填写用户名' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, '请填写用户名')
      .max(USERNAME_MAX, `用户名不能超过 ${USERNAME_MAX} 个字符`)
      .refine((s) => !hasControlChars(s), '用户名不能包含控制字符')
      .regex(USERNAME_PATTERN, USERNAME_RULE),
  );

const zDepartmentId = z
  .string({ error: '请选择科室' })
  .min(1, '请选择科室')
  .pipe(zId('科室'));

const zRoleIds = z
  .array(zId('角色'), { error: '请选择角色' })
  .min(1, '请至少选择一个角色')
  .max(20, '角色数量过多')
  .transform((ids) => [...new Set(ids)]);

const zPhone = zOptionalText('联系电话', 32).refine((s) => s === null || /^[0-9+\-() ]{3,32}$/.test(s), '联系电话格式不正确');

export const ZCreateUser = z.object({
  username: zUsername,
  displayName: zText('姓名', { max: 64 }),
  departmentId: zDepartmentId,
  password: zPassword('初始密码'),
  phone: zPhone,
});
export type TCreateUser = z.input<typeof ZCreateUser>;

export const ZUpdateUser = z.object({
  id: zId('用户'),
  displayName: zText('姓名', { max: 64 }),
  departmentId: zDepartmentId,
  phone: zPhone,
});
export type TUpdateUser = z.input<typeof ZUpdateUser>;

/** 三员分立: roles are granted by the 安全管理员 (user:grant), never by the account's creator. */
export const ZGrantRoles = z.object({
  id: zId('用户'),
  roleIds: zRoleIds,
});
export type TGrantRoles = z.input<typeof ZGrantRoles>;

export const ZUserRef = z.object({ id: zId('用户') });
export type TUserRef = z.input<typeof ZUserRef>;

export const ZResetPassword = z
  .object({
    id: zId('用户'),
    password: zPassword('新密码'),
    confirm: z.string({ error: '请再次输入新密码' }),
  })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });
export type TResetPassword = z.input<typeof ZResetPassword>;

/** List filters from the URL; anything malformed is ignored rather than failing the page. */
export const ZUserFilter = z.object({
  q: zFilterText(),
  dept: zFilterId,
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TUserFilter = z.infer<typeof ZUserFilter>;
