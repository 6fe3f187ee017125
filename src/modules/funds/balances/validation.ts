import { z } from 'zod';
import { zFilterText, zFilterId, zFilterPage, zFilterPageSize } from '@/platform/validation';

/**
 * URL parameters of the balance pages, the execution report and the Excel export. Client-safe.
 * Anything malformed is ignored (the page falls back to its default) rather than failing.
 */

export const FUNDS_YEAR_MIN = 2000;
export const FUNDS_YEAR_MAX = 2100;

export const PROJECT_STATUS_OPTIONS = [
  { value: 'active', label: '实施中' },
  { value: 'closed', label: '已关闭' },
] as const;
export type TBalanceProjectStatus = (typeof PROJECT_STATUS_OPTIONS)[number]['value'];

const zYear = z.coerce.number().int().min(FUNDS_YEAR_MIN).max(FUNDS_YEAR_MAX);
const zOptionalYear = zYear.optional().catch(undefined);

/** /funds/projects: search (code or name), project status, year (received/spent of that year), paging. */
export const ZProjectBalanceFilter = z.object({
  q: zFilterText(),
  status: z.enum(['active', 'closed']).optional().catch(undefined),
  year: zOptionalYear,
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TProjectBalanceFilter = z.infer<typeof ZProjectBalanceFilter>;

/** /funds and /funds/report: a year (defaults to the current one) and, for the report, a project. */
export const ZYearParams = z.object({ year: zOptionalYear, projectId: zFilterId });
export type TYearParams = z.infer<typeof ZYearParams>;

export const EXPORT_KINDS = ['projects', 'report', 'monthly', 'accounts', 'bonds'] as const;
export type TExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABELS: Record<TExportKind, string> = {
  projects: '项目资金余额',
  report: '资金执行情况表',
  monthly: '月度收支',
  accounts: '资金账户余额',
  bonds: '专项债券余额',
};

/** /api/funds/export: which table, and the same parameters as its page. */
export const ZExportParams = z.object({
  kind: z.enum(EXPORT_KINDS, { error: `导出类型无效（应为 ${EXPORT_KINDS.join('、')}）` }),
  q: ZProjectBalanceFilter.shape.q,
  status: ZProjectBalanceFilter.shape.status,
  year: zOptionalYear,
  projectId: zFilterId,
});
export type TExportParams = z.infer<typeof ZExportParams>;

/** The year a page shows when none is chosen. */
export function defaultFundsYear(today: string): number {
  return Number(today.slice(0, 4));
}
