import { z } from 'zod';
import { zId, zOptionalText, zText } from '@/platform/validation';

export const ROLE_NAME_MAX = 32;
export const ROLE_DESCRIPTION_MAX = 200;
export const ROLE_CODE_PATTERN = /^[a-z0-9_]{2,32}$/;

const zRoleName = zText('角色名称', { max: ROLE_NAME_MAX });
const zRoleDescription = zOptionalText('角色说明', ROLE_DESCRIPTION_MAX);

export const ZCreateRole = z.object({
  name: zRoleName,
  code: z
    .string({ error: '请填写角色编码' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, '请填写角色编码').regex(ROLE_CODE_PATTERN, '角色编码应为 2–32 位小写字母、数字或下划线')),
  description: zRoleDescription,
});
export type TCreateRole = z.infer<typeof ZCreateRole>;

export const ZUpdateRole = z.object({
  id: zId('角色'),
  name: zRoleName,
  description: zRoleDescription,
});
export type TUpdateRole = z.infer<typeof ZUpdateRole>;

export const ZDeleteRole = z.object({ id: zId('角色') });

/** Whether the role's holders must sign in with a 动态口令 (second factor). */
export const ZSetRoleTotp = z.object({ roleId: zId('角色'), requiresTotp: z.boolean({ error: '请选择是否要求动态口令' }) });
export type TSetRoleTotp = z.infer<typeof ZSetRoleTotp>;
export type TDeleteRole = z.infer<typeof ZDeleteRole>;

/** The complete permission set of a role; duplicates are folded, order does not matter. */
export const ZSaveRolePermissions = z.object({
  roleId: zId('角色'),
  permissionCodes: z
    .array(z.string({ error: '权限编码应为文本' }).regex(/^[a-z0-9_:.-]{1,64}$/, '权限编码格式不正确'), { error: '请提供权限列表' })
    .max(500, '权限数量过多')
    .transform((codes) => [...new Set(codes)].sort()),
});
export type TSaveRolePermissions = z.infer<typeof ZSaveRolePermissions>;
