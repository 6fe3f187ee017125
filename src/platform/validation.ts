import { z } from 'zod';

// Zod's own messages (wrong types etc.) in Chinese too; our schemas carry explicit ones.
z.config(z.locales.zhCN());

// C0 and C1 control characters except tab, LF and CR (allowed in multi-line text only: zText checks CR/LF).
// NUL in particular is refused by PostgreSQL text columns, so it must never reach a query.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/;
// Invisible format characters that reorder or hide text (bidi embeddings, overrides and isolates —
// the U+202E "exe.fdp" trick —, zero-width space, word joiner, BOM) and lone UTF-16 surrogates
// (not text: the database would store U+FFFD instead). ZWJ/ZWNJ stay allowed (emoji, scripts).
const INVISIBLE_OR_BROKEN = /[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const invisibleMessage = (label: string) => `${label}不能包含不可见的方向控制字符、零宽字符或无效字符`;

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
        .refine((s) => !CONTROL_CHARS.test(s) && (multiline || !/[\r\n]/.test(s)), `${label}不能包含控制字符`)
        .refine((s) => !INVISIBLE_OR_BROKEN.test(s), invisibleMessage(label)),
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
        .refine((s) => !CONTROL_CHARS.test(s), `${label}不能包含控制字符`)
        .refine((s) => !INVISIBLE_OR_BROKEN.test(s), invisibleMessage(label)),
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
    .pipe(
      z
        .string()
        .min(1, `请选择${label}`)
        .max(max, `${label}无效`)
        .refine((s) => !CONTROL_OR_NEWLINE.test(s), `${label}不能包含控制字符`)
        .refine((s) => !INVISIBLE_OR_BROKEN.test(s), invisibleMessage(label)),
    );
}

export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

/** Control characters including CR/LF: for single-line values (filters, names, codes). */
export function hasLineControlChars(s: string): boolean {
  return CONTROL_OR_NEWLINE.test(s);
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
 * URL list filters (?q=…&page=…). The rule for every list: a malformed value (control
 * characters, too long, not a calendar date, not one of the choices) is ignored — the list falls
 * back to "all" or the first page — and the page says so (parseListFilter's notice). A filter
 * never fails the page and a bad value never reaches a query.
 */
/** Free search text, trimmed; empty → undefined. */
export const zFilterText = (max = 64) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_OR_NEWLINE.test(s))
    .optional()
    .catch(undefined)
    .transform((s) => s || undefined);
/** A record id in a filter (project, plan, department …). */
export const zFilterId = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,64}$/)
  .optional()
  .catch(undefined);
/** A calendar date YYYY-MM-DD in a filter; 2026-02-30 or 2026-13-01 is ignored. */
export const zFilterDate = z
  .string()
  .trim()
  .refine((s) => isCalendarDate(s))
  .optional()
  .catch(undefined)
  .transform((s) => s || undefined);
export const zFilterPage = z.coerce.number().int().min(1).max(100_000).catch(1);
export const zFilterPageSize = z.coerce.number().int().min(10).max(100).catch(20);

/** YYYY-MM-DD naming a real day (no 02-30, no month 13), years 1000–9999. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

type RawParams = Record<string, string | string[] | undefined>;

/** Chinese names of the URL filter keys the lists share, for the notice. */
const FILTER_LABELS: Record<string, string> = {
  q: '关键字', from: '起始日期', to: '截止日期', page: '页码', size: '每页条数', sort: '排序', order: '排序方向',
  year: '年度', month: '月份', status: '状态', user: '用户', action: '操作', object: '对象', result: '结果',
  type: '类型', stage: '阶段', district: '行政区', project: '项目', plan: '计划', use: '用途', warn: '预警',
  dept: '科室', route: '收储方式', direction: '收支方向', category: '科目', source: '资金来源', only: '范围', mine: '待我处理',
};

/** Why a raw filter value was not used, in Chinese. */
function whyIgnored(raw: string | string[]): string {
  if (Array.isArray(raw)) return '重复出现';
  if (CONTROL_OR_NEWLINE.test(raw)) return '不能包含控制字符';
  if (raw.length > 256) return '过长';
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(raw.trim())) return '不是有效日期';
  return '无效';
}

/**
 * Parses a list's URL filters with its schema (whose fields all fall back instead of failing)
 * and reports which given values were not used, so the page can show a notice instead of
 * silently listing everything. Only the schema's own keys are checked.
 */
export function parseListFilter<S extends z.ZodObject>(
  schema: S,
  raw: RawParams,
  labels: Record<string, string> = {},
): { filter: z.infer<S>; notice: string | null } {
  const filter = schema.parse(raw) as z.infer<S>;
  const ignored: string[] = [];
  for (const key of Object.keys(schema.shape)) {
    const value = raw[key];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const used = (filter as Record<string, unknown>)[key];
    if (typeof value === 'string' && used !== undefined && used !== null && String(used) === value.trim()) continue;
    ignored.push(`${labels[key] ?? FILTER_LABELS[key] ?? key}（${whyIgnored(value)}）`);
  }
  return { filter, notice: ignored.length ? `以下筛选条件无效，已忽略：${ignored.join('、')}` : null };
}
