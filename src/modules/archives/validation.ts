import { z } from 'zod';
import { isCalendarDate, zFilterDate, zFilterPage, zFilterPageSize, zFilterText, zId, zOptionalText, zText } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import { ARCHIVE_OWNER_TYPES, ARCHIVE_STAGES, ITEM_CATEGORIES, RETENTIONS, SECRECY_LEVELS } from './constants';
import { archiveTemplateProblem, codeProblem } from './numbering';
import { COLLECT_SOURCES, MAX_ACCEPT_BATCH, PENDING_STATUSES, RETURN_REASON_MAX, RETURN_REASON_MIN } from './collect-rules';

/** Archive forms and list parameters, shared by the client forms and the mutations. Client-safe. */

export const ARCHIVE_NOT_FOUND = '档案不存在或已被删除，请刷新后重试';
export const ITEM_NOT_FOUND = '档案条目不存在或已被删除，请刷新后重试';

const choice = <T extends readonly string[]>(label: string, values: T) =>
  z.string({ error: `请选择${label}` }).refine((v): v is T[number] => (values as readonly string[]).includes(v), { message: `请选择有效的${label}` });

/** A file name as given by the browser: no path, no control characters (it is offered again on download). */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return '文件名不能为空';
  if (name.length > 200) return '文件名不能超过 200 个字符';
  if (/[\\/]/.test(name)) return `文件名「${name.slice(0, 60)}」不能包含路径分隔符（/ 或 \\）`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return '文件名不能包含控制字符';
  if (name === '.' || name === '..') return '文件名无效';
  return null;
}

export const ZItemMeta = z.object({
  archiveId: zId('档案'),
  stage: choice('阶段', ARCHIVE_STAGES),
  title: zText('题名', { max: 200 }),
  category: choice('类别', ITEM_CATEGORIES),
  itemDate: z
    .string({ error: '请填写形成日期' })
    .trim()
    .refine((s) => isCalendarDate(s) && s >= '1949-10-01', { message: '形成日期格式应为 YYYY-MM-DD，且须是有效日期' })
    .refine((s) => s <= todayInShanghai(), { message: '形成日期不能晚于今天' }),
  department: zText('责任者', { max: 60 }),
  retention: choice('保管期限', RETENTIONS),
  secrecy: choice('密级', SECRECY_LEVELS),
  pageCount: z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v, ctx): number | null => {
      const raw = v === null || v === undefined ? '' : String(v).trim();
      if (raw === '') return null;
      if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1) {
        ctx.addIssue({ code: 'custom', message: '页数应为 1–99999 的整数' });
        return z.NEVER;
      }
      return Number(raw);
    }),
  description: zOptionalText('说明', 1000),
});

export const ZItemFileRef = z.object({ itemId: zId('档案条目') });

export const ZArchiveSettings = z
  .object({
    fondsCode: z.string({ error: '请填写全宗号' }).trim(),
    classCode: z.string({ error: '请填写门类代码' }).trim(),
    template: z.string({ error: '请填写档号规则' }),
  })
  .superRefine((v, ctx) => {
    const fonds = codeProblem('全宗号', v.fondsCode, { max: 16 });
    if (fonds) ctx.addIssue({ code: 'custom', message: fonds, path: ['fondsCode'] });
    const cls = codeProblem('门类代码', v.classCode, { max: 8 });
    if (cls) ctx.addIssue({ code: 'custom', message: cls, path: ['classCode'] });
    const t = archiveTemplateProblem(v.template);
    if (t) ctx.addIssue({ code: 'custom', message: t, path: ['template'] });
  });

/** URL filters of the archive search (/archives). */
export const ZItemFilter = z.object({
  q: zFilterText(100),
  code: zFilterText(64),
  owner: z.enum(ARCHIVE_OWNER_TYPES).optional().catch(undefined),
  stage: z.enum(ARCHIVE_STAGES).optional().catch(undefined),
  category: z.enum(ITEM_CATEGORIES).optional().catch(undefined),
  retention: z.enum(RETENTIONS).optional().catch(undefined),
  from: zFilterDate,
  to: zFilterDate,
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TItemFilter = z.infer<typeof ZItemFilter>;

export const ITEM_FILTER_LABELS: Record<string, string> = { q: '题名或说明', code: '地块或项目编号', owner: '档案类型', category: '类别', retention: '保管期限' };

/* ------------------------------------------------------------------ 预归档 (待归档 list) */

const zOptionalChoice = <T extends readonly string[]>(label: string, values: T) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v === null || v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || (values as readonly string[]).includes(v), { message: `请选择有效的${label}` })
    .transform((v) => v as T[number] | undefined);

/** 接收归档: a batch of pending records, each with the retention and secrecy it is filed with (optional: as proposed). */
export const ZAcceptPending = z.object({
  items: z
    .array(
      z.object({
        id: zId('待归档记录'),
        version: z.number({ error: '记录版本无效，请刷新后重试' }).int().positive().optional(),
        retention: zOptionalChoice('保管期限', RETENTIONS),
        secrecy: zOptionalChoice('密级', SECRECY_LEVELS),
      }),
      { error: '请选择要接收归档的记录' },
    )
    .min(1, '请选择要接收归档的记录')
    .max(MAX_ACCEPT_BATCH, `每次最多接收 ${MAX_ACCEPT_BATCH} 条记录`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: '同一条记录不能重复提交' }),
});

export const ZReturnPending = z.object({
  id: zId('待归档记录'),
  version: z.number({ error: '记录版本无效，请刷新后重试' }).int().positive().optional(),
  reason: zText('退回原因', { max: RETURN_REASON_MAX, multiline: true }).refine((s) => s.length >= RETURN_REASON_MIN, `退回原因至少需要 ${RETURN_REASON_MIN} 个字符`),
});

/** URL filters of /archives/pending. */
export const ZPendingFilter = z.object({
  status: z.enum(PENDING_STATUSES).catch('待归档'),
  source: z.enum(COLLECT_SOURCES).optional().catch(undefined),
  stage: z.enum(ARCHIVE_STAGES).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TPendingFilter = z.infer<typeof ZPendingFilter>;
export const PENDING_FILTER_LABELS: Record<string, string> = { status: '状态', source: '来源', stage: '阶段' };
