import { z } from 'zod';
import { zId, zText, zFilterText, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { zOptionalDate, zOptionalLine } from '@/modules/plans/form-fields';
import { LEDGER_CATEGORIES, parseAmount, type TLedgerCategory } from '../rules';

/**
 * Budgets (B19): the forms (client) and the mutation (server) share these schemas and messages.
 * Client-safe: no database code.
 */

export const BUDGET_KINDS = ['life', 'annual'] as const;
export type TBudgetKind = (typeof BUDGET_KINDS)[number];
export const BUDGET_KIND_LABELS: Record<TBudgetKind, string> = { life: '全生命周期预算', annual: '年度预算' };

export const BUDGET_STATUS_LABELS = { current: '现行', superseded: '历史版本' } as const;
export type TBudgetStatus = keyof typeof BUDGET_STATUS_LABELS;

export const MIN_BUDGET_YEAR = 2000;
export const MAX_BUDGET_YEAR = 2100;

/** The message a client gets when the budget it adjusted changed under it. */
export const BUDGET_CHANGED_BY_OTHERS = '预算已被他人调整，请刷新后重试';

/** The amount units a budget form accepts: 元 as stored, or 万元 (converted exactly). */
export const BUDGET_UNITS = ['yuan', 'wan'] as const;
export type TBudgetUnit = (typeof BUDGET_UNITS)[number];
export const BUDGET_UNIT_LABELS: Record<TBudgetUnit, string> = { yuan: '元', wan: '万元' };

/** "全生命周期预算" or "2025 年度预算". */
export function budgetScopeLabel(kind: TBudgetKind, year: number): string {
  return kind === 'life' ? BUDGET_KIND_LABELS.life : `${year} 年度预算`;
}

/** Amounts per category (元 strings). */
export type BudgetAmounts = Record<TLedgerCategory, string>;

const WAN_TEXT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * One budget amount as typed, in 元 or 万元 → 元 with 2 decimals. Blank means 0 (a category may
 * have no budget); negative, non-numeric or finer than a fen is refused with a Chinese message.
 */
export function parseBudgetAmount(raw: unknown, unit: TBudgetUnit, label: string): { ok: true; value: string } | { ok: false; message: string } {
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : 'x') : typeof raw === 'string' ? raw.trim() : raw == null ? '' : 'x';
  if (text === '') return { ok: true, value: '0.00' };
  if (unit === 'yuan') return parseAmount(text, { label: `${label}（元）`, allowZero: true });
  if (/^-\s*\d/.test(text)) return { ok: false, message: `${label}（万元）不能为负数` };
  const m = WAN_TEXT.exec(text);
  if (!m) return { ok: false, message: `${label}（万元）应为数字金额` };
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 6) return { ok: false, message: `${label}以万元填写时最多 6 位小数（精确到分）` };
  // Shift the decimal point by four places on the digits themselves: exact, no floats.
  const digits = m[1].replace(/,/g, '') + fraction.padEnd(6, '0');
  const yuanText = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return parseAmount(yuanText, { label: `${label}（万元）`, allowZero: true });
}

const rawAmount = z.union([z.string(), z.number(), z.null()], { error: '金额应为数字' }).optional();

const zYear = z.coerce
  .number({ error: '预算年度无效' })
  .int('预算年度须为四位数字年份')
  .min(MIN_BUDGET_YEAR, `预算年度不能早于 ${MIN_BUDGET_YEAR} 年`)
  .max(MAX_BUDGET_YEAR, `预算年度不能晚于 ${MAX_BUDGET_YEAR} 年`);

/**
 * Create the first version of a budget (`baseVersion` 0) or adjust the current one
 * (`baseVersion` = the version the user saw). An adjustment needs a reason and the approval
 * (批准文号 + 批准日期).
 */
export const ZSaveBudget = z
  .object({
    projectId: zId('项目'),
    kind: z.enum(BUDGET_KINDS, { error: '请选择预算类型' }),
    year: z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), zYear.optional()),
    baseVersion: z.coerce.number({ error: '预算版本无效' }).int('预算版本无效').min(0, '预算版本无效').max(100_000, '预算版本无效'),
    unit: z.enum(BUDGET_UNITS, { error: '请选择金额单位' }).default('yuan'),
    amounts: z.object(Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, rawAmount])) as Record<TLedgerCategory, typeof rawAmount>, {
      error: '请填写各科目预算金额',
    }),
    reason: z.string({ error: '调整原因应为文字' }).optional().nullable(),
    approvalDocNo: zOptionalLine('批准文号', 64),
    approvedOn: zOptionalDate('批准日期'),
  })
  .transform((input, ctx) => {
    const amounts = {} as BudgetAmounts;
    for (const category of LEDGER_CATEGORIES) {
      const parsed = parseBudgetAmount(input.amounts[category], input.unit, category);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, path: ['amounts', category] });
        continue;
      }
      amounts[category] = parsed.value;
    }
    let year = 0;
    if (input.kind === 'annual') {
      if (input.year == null) ctx.addIssue({ code: 'custom', message: '请选择预算年度', path: ['year'] });
      else year = input.year;
    }
    const adjusting = input.baseVersion > 0;
    const reasonText = (input.reason ?? '').trim();
    let reason: string | null = reasonText || null;
    if (adjusting) {
      const checked = zText('调整原因', { max: 500, multiline: true }).safeParse(input.reason ?? '');
      if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0].message, path: ['reason'] });
      else reason = checked.data;
      if (!input.approvalDocNo) ctx.addIssue({ code: 'custom', message: '预算调整须填写批准文号', path: ['approvalDocNo'] });
      if (!input.approvedOn) ctx.addIssue({ code: 'custom', message: '预算调整须填写批准日期', path: ['approvedOn'] });
    } else if (reason !== null) {
      const checked = zText('编制说明', { max: 500, multiline: true }).safeParse(reason);
      if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0].message, path: ['reason'] });
    }
    return {
      projectId: input.projectId,
      kind: input.kind,
      year,
      baseVersion: input.baseVersion,
      amounts,
      reason,
      approvalDocNo: input.approvalDocNo,
      approvedOn: input.approvedOn,
    };
  });
export type TSaveBudgetInput = z.input<typeof ZSaveBudget>;
export type TSaveBudget = z.output<typeof ZSaveBudget>;

const zFilterYear = z.coerce.number().int().min(MIN_BUDGET_YEAR).max(MAX_BUDGET_YEAR).optional().catch(undefined);

/** /funds/budgets filters from the URL; anything malformed is ignored rather than failing the page. */
export const ZBudgetListFilter = z.object({
  year: zFilterYear,
  q: zFilterText(),
  /** 'budgeted': only projects with a life or an annual budget for the year. */
  only: z.enum(['budgeted']).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TBudgetListFilter = z.infer<typeof ZBudgetListFilter>;

export const ZBudgetDetailFilter = z.object({ year: zFilterYear });
