import { z } from 'zod';
import { isIsoDate } from '@/platform/dates';
import { zFilterPage, zFilterPageSize, zId, zText } from '@/platform/validation';

/** 借阅: statuses, derived 已逾期, forms and list filters. Client-safe. */

export const LOAN_STATUSES = ['待审批', '待领导审批', '借阅中', '已归还', '未批准'] as const;
export type TLoanStatus = (typeof LOAN_STATUSES)[number];
/** What the lists show: the stored status, or 已逾期 for a loan 借阅中 past its until date. */
export const LOAN_SHOWN_STATUSES = [...LOAN_STATUSES, '已逾期'] as const;
export type TLoanShownStatus = (typeof LOAN_SHOWN_STATUSES)[number];

/** Statuses in which a loan still holds its items (a second request for them is refused). */
export const OPEN_LOAN_STATUSES: readonly TLoanStatus[] = ['待审批', '待领导审批', '借阅中'];

export const MAX_LOAN_ITEMS = 50;
export const LOAN_NOT_FOUND = '借阅记录不存在或已被删除，请刷新后重试';
export const LOAN_TAKEN = '该借阅已由他人处理，请刷新后重试';
export const LOAN_NOT_LENT = '该借阅未在借阅中，无需归还';

export function shownLoanStatus(status: string, untilDate: string, today: string): TLoanShownStatus {
  return status === '借阅中' && untilDate < today ? '已逾期' : (status as TLoanStatus);
}

/** The day `days` after `iso` (YYYY-MM-DD, calendar arithmetic in UTC). */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The request form; the until date's upper bound (archive.maxLoanDays) is checked by the mutation. */
export const ZLoanRequest = z.object({
  itemIds: z
    .array(zId('档案条目'), { error: '请选择要借阅的档案条目' })
    .min(1, '请至少选择 1 个要借阅的档案条目')
    .max(MAX_LOAN_ITEMS, `一次最多借阅 ${MAX_LOAN_ITEMS} 个档案条目`),
  purpose: zText('借阅用途', { max: 200 }).refine((s) => s.length >= 2, '借阅用途至少需要 2 个字符'),
  untilDate: z
    .string({ error: '请填写归还日期' })
    .trim()
    .min(1, '请填写归还日期')
    .refine((s) => isIsoDate(s), { message: '归还日期格式应为 YYYY-MM-DD，且须是有效日期' }),
});
export type TLoanRequest = z.infer<typeof ZLoanRequest>;

const zVersion = z.coerce.number({ error: '版本号无效，请刷新后重试' }).int('版本号无效，请刷新后重试').min(1, '版本号无效，请刷新后重试');
export const ZLoanDecision = z.object({ loanId: zId('借阅记录'), version: zVersion });
export const ZLoanRefusal = ZLoanDecision.extend({ reason: zText('不予批准的理由', { max: 200 }).refine((s) => s.length >= 2, '不予批准的理由至少需要 2 个字符') });

/** URL filters of /archives/loans. */
export const ZLoanFilter = z.object({
  status: z.enum(LOAN_SHOWN_STATUSES).optional().catch(undefined),
  /** mine: my loans; todo: waiting for me; all: every loan (档案管理员). */
  scope: z.enum(['mine', 'todo', 'all']).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TLoanFilter = z.infer<typeof ZLoanFilter>;
export const LOAN_SCOPE_LABELS = { mine: '我的借阅', todo: '待我审批', all: '全部借阅' } as const;
export const LOAN_FILTER_LABELS: Record<string, string> = { scope: '范围', status: '状态' };
