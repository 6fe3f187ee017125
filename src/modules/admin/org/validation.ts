import { z } from 'zod';
import { zId, zText } from '@/platform/validation';

export const DEPARTMENT_NAME_MAX = 64;
export const DEPARTMENT_CODE_PATTERN = /^[A-Z0-9]{2,32}$/;
export const SORT_ORDER_MAX = 99_999;

/** Optional department code: trimmed, upper-cased, empty becomes null. */
const zDepartmentCode = z
  .string({ error: '科室编码应为文本' })
  .optional()
  .nullable()
  .transform((s) => (s ?? '').trim().toUpperCase())
  .pipe(z.string().refine((s) => s === '' || DEPARTMENT_CODE_PATTERN.test(s), '科室编码应为 2–32 位大写字母或数字'))
  .transform((s) => (s === '' ? null : s));

const zSortOrder = z
  .number({ error: '排序号应为整数' })
  .int('排序号应为整数')
  .min(0, '排序号不能小于 0')
  .max(SORT_ORDER_MAX, `排序号不能超过 ${SORT_ORDER_MAX}`)
  .optional()
  .transform((n) => n ?? 0);

/** null or absent means a top-level department. */
const zParentId = zId('上级科室')
  .optional()
  .nullable()
  .transform((v) => v ?? null);

export const ZCreateDepartment = z.object({
  name: zText('科室名称', { max: DEPARTMENT_NAME_MAX }),
  code: zDepartmentCode,
  parentId: zParentId,
  sortOrder: zSortOrder,
});
export type TCreateDepartment = z.infer<typeof ZCreateDepartment>;

export const ZUpdateDepartment = z.object({
  id: zId('科室'),
  name: zText('科室名称', { max: DEPARTMENT_NAME_MAX }),
  code: zDepartmentCode,
  sortOrder: zSortOrder,
});
export type TUpdateDepartment = z.infer<typeof ZUpdateDepartment>;

export const ZMoveDepartment = z.object({
  id: zId('科室'),
  parentId: zParentId,
});
export type TMoveDepartment = z.infer<typeof ZMoveDepartment>;

export const ZDeleteDepartment = z.object({ id: zId('科室') });
export type TDeleteDepartment = z.infer<typeof ZDeleteDepartment>;
