import { z } from 'zod';

// Zod's own messages (wrong types etc.) in Chinese too; our schemas carry explicit ones.
z.config(z.locales.zhCN());

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Trimmed single-line text with a Chinese label in every message. */
export function zText(label: string, opts: { min?: number; max?: number; multiline?: boolean } = {}) {
  const { min = 1, max = 256, multiline = false } = opts;
  return z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `请填写${label}` : `${label}至少需要 ${min} 个字符`)
        .max(max, `${label}不能超过 ${max} 个字符`)
        .refine((s) => !CONTROL_CHARS.test(s) && (multiline || !/[\r\n]/.test(s)), `${label}含有不允许的控制字符`),
    );
}

/** Optional text: empty becomes null. */
export function zOptionalText(label: string, max = 256) {
  return z
    .string()
    .optional()
    .nullable()
    .transform((s) => (s ?? '').trim())
    .pipe(
      z
        .string()
        .max(max, `${label}不能超过 ${max} 个字符`)
        .refine((s) => !CONTROL_CHARS.test(s), `${label}含有不允许的控制字符`),
    )
    .transform((s) => (s === '' ? null : s));
}

/** A record chosen in a select (project, account …) or carried by the form; nothing chosen → 请选择. */
export function zId(label = '记录') {
  return z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .regex(/^[0-9A-Za-z_-]{1,64}$/, `${label}标识无效`);
}

/** A value picked from a list (科目, 类别 …): nothing picked → 请选择, not 请填写. */
export function zChoice(label: string, max = 64) {
  return z
    .string({ error: `请选择${label}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `请选择${label}`).max(max, `${label}无效`));
}

export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

/** First issue as a Chinese message, plus per-field messages for forms. */
export function describeZodError(error: z.ZodError): { message: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!fieldErrors[key]) fieldErrors[key] = issue.message;
  }
  return { message: error.issues[0]?.message ?? '输入有误', fieldErrors };
}

/*
 * URL list filters (?q=…&page=…): a malformed value is ignored (it falls back to "all" or the
 * first page) rather than failing the page.
 */
/** Free search text, trimmed; empty → undefined. */
export const zFilterText = (max = 64) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((s) => s || undefined);
/** A record id in a filter (project, plan, department …). */
export const zFilterId = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,64}$/)
  .optional()
  .catch(undefined);
export const zFilterPage = z.coerce.number().int().min(1).max(100_000).catch(1);
export const zFilterPageSize = z.coerce.number().int().min(10).max(100).catch(20);

