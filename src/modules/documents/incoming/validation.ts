import { z } from 'zod';
import { isIsoDate } from '@/platform/dates';
import { zChoice, zFilterId, zFilterPage, zFilterPageSize, zFilterText, zId, zOptionalText, zText } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import { INCOMING_STATES, INCOMING_TYPES, SECRECY_LEVELS, URGENCIES } from './rules';

/**
 * 收文 forms and list parameters, shared by the client forms and the server mutations.
 * Client-safe: no database code.
 */

export const TITLE_MAX = 200;
export const ORG_MAX = 100;
export const NO_MAX = 60;
export const SUMMARY_MAX = 4000;
export const OPINION_MAX = 1000;
export const MAX_ASSIGNMENTS = 20;
export const MAX_PAGES = 10000;

export const DOCUMENT_NOT_FOUND = '收文不存在或已被删除，请刷新后重试';

/** A required date YYYY-MM-DD (1990–2100); `notFuture` refuses a date after today in Asia/Shanghai. */
export function zDay(label: string, opts: { notFuture?: boolean } = {}) {
  return z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `请填写${label}`)
        .refine((s) => isIsoDate(s) && s >= '1990-01-01', `${label}应为有效日期（YYYY-MM-DD，1990 年以后）`)
        .refine((s) => !opts.notFuture || s <= todayInShanghai(), `${label}不能晚于今天`),
    );
}

export function zOptionalDay(label: string, opts: { notFuture?: boolean } = {}) {
  return z
    .string({ error: `${label}应为有效日期（YYYY-MM-DD）` })
    .optional()
    .nullable()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || (isIsoDate(s) && s >= '1990-01-01'), `${label}应为有效日期（YYYY-MM-DD，1990 年以后）`)
    .refine((s) => s === '' || !opts.notFuture || s <= todayInShanghai(), `${label}不能晚于今天`)
    .transform((s) => (s === '' ? null : s));
}

/** An optional link to a plan/project/parcel chosen in a select: blank → null. */
export const zOptionalRef = (label: string) =>
  z
    .union([z.string(), z.null()], { error: `${label}标识无效` })
    .optional()
    .transform((s, ctx): string | null => {
      const id = (s ?? '').trim();
      if (id === '') return null;
      if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) {
        ctx.addIssue({ code: 'custom', message: `${label}标识无效` });
        return z.NEVER;
      }
      return id;
    });

const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  zChoice(label).refine((v): v is T[number] => (values as readonly string[]).includes(v), `${label}应为 ${values.join('、')} 之一`);

const zPageCount = z
  .union([z.string(), z.number(), z.null()], { error: '页数应为正整数' })
  .optional()
  .transform((v, ctx): number | null => {
    const text = v === null || v === undefined ? '' : String(v).trim();
    if (text === '') return null;
    if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > MAX_PAGES) {
      ctx.addIssue({ code: 'custom', message: `页数应为 1–${MAX_PAGES} 的整数` });
      return z.NEVER;
    }
    return Number(text);
  });

export const ZRegisterIncoming = z
  .object({
    senderOrg: zText('来文单位', { max: ORG_MAX }),
    senderNo: zOptionalText('来文字号', NO_MAX),
    title: zText('标题', { max: TITLE_MAX }),
    docType: oneOf('文种', INCOMING_TYPES),
    urgency: oneOf('紧急程度', URGENCIES),
    secrecy: oneOf('密级', SECRECY_LEVELS),
    receivedOn: zDay('收文日期', { notFuture: true }),
    writtenOn: zOptionalDay('成文日期', { notFuture: true }),
    pageCount: zPageCount,
    summary: zOptionalText('内容摘要', SUMMARY_MAX),
    planId: zOptionalRef('储备计划'),
    projectId: zOptionalRef('储备项目'),
    parcelId: zOptionalRef('地块'),
  })
  .superRefine((v, ctx) => {
    if (v.writtenOn && v.writtenOn > v.receivedOn) ctx.addIssue({ code: 'custom', message: '成文日期不能晚于收文日期', path: ['writtenOn'] });
  });
export type TRegisterIncoming = z.input<typeof ZRegisterIncoming>;

const zOpinion = (label: string) => zText(label, { max: OPINION_MAX, multiline: true });

export const ZDocRef = z.object({ id: zId('收文') });

export const ZPropose = z.object({ id: zId('收文'), opinion: zOpinion('拟办意见') });
export const ZInstruct = z.object({ id: zId('收文'), opinion: zOpinion('批示意见') });

export const ZAssign = z
  .object({
    id: zId('收文'),
    opinion: zOptionalText('分办说明', OPINION_MAX),
    parts: z
      .array(
        z.object({
          departmentId: zId('承办科室'),
          dueOn: zDay('办理期限'),
          request: zOptionalText('办理要求', OPINION_MAX),
        }),
        { error: '请至少选择一个承办科室' },
      )
      .min(1, '请至少选择一个承办科室')
      .max(MAX_ASSIGNMENTS, `一次最多分办给 ${MAX_ASSIGNMENTS} 个科室`),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.parts.forEach((p, i) => {
      if (seen.has(p.departmentId)) ctx.addIssue({ code: 'custom', message: '同一科室不能重复分办', path: ['parts', i, 'departmentId'] });
      seen.add(p.departmentId);
      if (p.dueOn < todayInShanghai()) ctx.addIssue({ code: 'custom', message: '办理期限不能早于今天', path: ['parts', i, 'dueOn'] });
    });
  });
export type TAssignInput = z.input<typeof ZAssign>;

export const ZHandle = z.object({ assignmentId: zId('分办记录'), opinion: zOpinion('办理情况') });
export const ZReturn = z.object({ assignmentId: zId('分办记录'), opinion: zOpinion('退回原因') });

export const ZComplete = z
  .object({
    id: zId('收文'),
    opinion: zOptionalText('办结说明', OPINION_MAX),
    replyDocId: zOptionalRef('复文'),
    replyDocTitle: zOptionalText('复文标题', TITLE_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.replyDocId && !v.replyDocTitle) ctx.addIssue({ code: 'custom', message: '关联复文时请填写复文标题', path: ['replyDocTitle'] });
  });

export const ZArchive = z.object({ id: zId('收文'), opinion: zOptionalText('归档说明', OPINION_MAX) });

/* ---------------------------------------------------------------- list filter (URL) */

export const INCOMING_SORTS = ['received', 'no', 'due'] as const;
export type TIncomingSort = (typeof INCOMING_SORTS)[number];

/** /documents/incoming and its export: anything malformed is ignored (falls back to "all"). */
export const ZIncomingFilter = z.object({
  q: zFilterText(),
  type: z.enum(INCOMING_TYPES).optional().catch(undefined),
  state: z.enum(INCOMING_STATES).optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  dept: zFilterId,
  /** '1': only documents with an overdue part. */
  overdue: z.enum(['1']).optional().catch(undefined),
  sort: z.enum(INCOMING_SORTS).catch('received'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TIncomingFilter = z.infer<typeof ZIncomingFilter>;

export const INCOMING_FILTER_LABELS: Record<string, string> = { type: '文种', state: '办理状态', overdue: '逾期' };
