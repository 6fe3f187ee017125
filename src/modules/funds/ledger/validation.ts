import { z } from 'zod';
import { isIsoDate as isCalendarDate } from '@/platform/dates';
import { zChoice, zId, zOptionalText, zText, zFilterText, zFilterId, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import {
  FUND_SOURCES,
  INCOME_CATEGORIES,
  LEDGER_CATEGORIES,
  RETURN_COMMENT_MAX,
  ENTRY_STATUSES,
  TREASURY_INCOME,
  fundSourceName,
  returnCommentProblem,
  sourceOfIncomeCategory,
  zAmount,
  type TEntryStatus,
} from '../rules';

/**
 * Ledger (收支台账) forms and list parameters, shared by the client forms and the server
 * mutations. Client-safe: no database code.
 */

export const DIRECTIONS = ['income', 'expense'] as const;
export type TDirection = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<TDirection, string> = { income: '收入', expense: '支出' };

export const ORIGIN_LABELS = { manual: '手工登记', compensation: '征收补偿登记', reversal: '冲销', 'bond-interest': '专项债券付息' } as const;
export type TOrigin = keyof typeof ORIGIN_LABELS;

/** The categories a direction allows: expense = budget categories, income = income categories. */
export const CATEGORIES_BY_DIRECTION: Record<TDirection, readonly string[]> = { income: INCOME_CATEGORIES, expense: LEDGER_CATEGORIES };

export const SOURCE_CODES = FUND_SOURCES.map((s) => s.code) as [string, ...string[]];

export const COMMENT_MAX = RETURN_COMMENT_MAX;
export const REASON_MAX = 500;
export const TEXT_MAX = 100;
export const DESCRIPTION_MAX = 1000;

/** Messages the mutations and tests share. */
export const ENTRY_CHANGED_BY_OTHERS = '该记录已被他人处理，请刷新后重试';
export const PROJECT_CLOSED = '项目已关闭，不能登记支出';
/** Entries posted from a bond's interest payment are removed with it, on the bond's page. */
export const BOND_INTEREST_DELETE = '该记录由专项债券还本付息登记自动生成，不能在收支台账中删除；如登记有误，请在专项债券页面删除该还本付息记录（未审批的利息记录随之删除）';

/**
 * Entries another module posts (a payment entered once, there): their direction, amount,
 * category, project and parcel are fixed in the ledger, and how to correct them is said here.
 * `deleteRefusal` set: the entry goes only with what posted it.
 */
export const POSTED_ORIGINS = {
  compensation: { from: '征收补偿登记', what: '支付记录', correction: '金额有误时，请删除本记录，再在地块的征收补偿登记中重新登记支付', deleteRefusal: null },
  'bond-interest': {
    from: '专项债券还本付息登记',
    what: '利息记录',
    correction: '金额有误时，请在专项债券页面删除该还本付息记录后重新登记',
    deleteRefusal: BOND_INTEREST_DELETE,
  },
} as const;
export type TPostedOrigin = keyof typeof POSTED_ORIGINS;

/** The posting rules of an entry's origin, null for an entry entered in the ledger itself. */
export function postedOrigin(origin: string): (typeof POSTED_ORIGINS)[TPostedOrigin] | null {
  return origin in POSTED_ORIGINS ? POSTED_ORIGINS[origin as TPostedOrigin] : null;
}
export const ENTRY_NOT_FOUND = '收支记录不存在或已被删除，请刷新后重试';

/** A calendar date 'YYYY-MM-DD' from 1990 on (no reserve fund entries before that). */
export function isIsoDate(raw: string): boolean {
  return isCalendarDate(raw) && raw >= '1990-01-01';
}

/** A required date, not after today in Asia/Shanghai (checked when the input is parsed). */
export function zEntryDate(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .superRefine((raw, ctx) => {
      if (raw === '') ctx.addIssue({ code: 'custom', message: `请填写${label}` });
      else if (!isIsoDate(raw)) ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD，且须是有效日期（1990–2100 年）` });
      else if (raw > todayInShanghai()) ctx.addIssue({ code: 'custom', message: `${label}不能晚于今天` });
    });
}

const zOptionalId = (label: string) =>
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

const zOptionalSource = z
  .union([z.string(), z.null()], { error: '资金来源无效' })
  .optional()
  .transform((s, ctx): string | null => {
    const code = (s ?? '').trim();
    if (code === '') return null;
    if (!SOURCE_CODES.includes(code)) {
      ctx.addIssue({ code: 'custom', message: `资金来源应为 ${FUND_SOURCES.map((f) => f.name).join('、')} 之一` });
      return z.NEVER;
    }
    return code;
  });

const zSingleLine = (label: string, max: number) =>
  zOptionalText(label, max).refine((s) => s === null || !/[\r\n\t]/.test(s), `${label}不能包含换行或制表符`);

const entryFields = {
  direction: z.enum(DIRECTIONS, { error: '请选择收支方向（收入或支出）' }),
  entryDate: zEntryDate('发生日期'),
  amount: zAmount('金额'),
  category: zChoice('科目', 20),
  sourceCode: zOptionalSource,
  accountId: zOptionalId('资金账户'),
  projectId: zId('项目'),
  parcelId: zOptionalId('地块'),
  contractNo: zSingleLine('合同编号', TEXT_MAX),
  /** The contract (合同台账) this payment is made under; when set, contract_no is its number. */
  contractId: zOptionalId('合同'),
  voucherNo: zSingleLine('凭证号', TEXT_MAX),
  counterparty: zSingleLine('收款/付款单位', TEXT_MAX),
  description: zOptionalText('摘要说明', DESCRIPTION_MAX),
};

type TEntryFields = z.output<z.ZodObject<typeof entryFields>>;

/** 零星收入 is paid into the treasury: no fund source, no reserve account (F18, 收支两条线). */
export const TREASURY_INCOME_NO_ACCOUNT = `${TREASURY_INCOME}缴入国库，不属于土地储备资金，不选择资金来源和资金账户`;

/** A 零星收入 entry: recorded, never reserve money. */
export function isTreasuryIncome(e: { direction: string; category: string }): boolean {
  return e.direction === 'income' && e.category === TREASURY_INCOME;
}

/**
 * The fund source an entry is booked under: an income's category is its F18 channel, so the
 * source follows from it (null for 零星收入); an expense names the source it is paid from, or
 * leaves it to the account chosen at 财务审批.
 */
export function entrySourceProblem(v: { direction: TDirection; category: string; sourceCode: string | null; accountId: string | null }): { path: 'sourceCode' | 'accountId'; message: string } | null {
  if (v.direction !== 'income') return null;
  if (isTreasuryIncome(v)) {
    if (v.sourceCode !== null) return { path: 'sourceCode', message: TREASURY_INCOME_NO_ACCOUNT };
    if (v.accountId !== null) return { path: 'accountId', message: TREASURY_INCOME_NO_ACCOUNT };
    return null;
  }
  const source = sourceOfIncomeCategory(v.category);
  if (source !== null && v.sourceCode !== null && v.sourceCode !== source) {
    return { path: 'sourceCode', message: `收入科目「${v.category}」的资金来源应为「${fundSourceName(source)}」，不能记为「${fundSourceName(v.sourceCode)}」` };
  }
  return null;
}

function checkCategory(v: TEntryFields, ctx: z.RefinementCtx) {
  const allowed = CATEGORIES_BY_DIRECTION[v.direction];
  if (!allowed.includes(v.category)) {
    ctx.addIssue({
      code: 'custom',
      path: ['category'],
      message: `${DIRECTION_LABELS[v.direction]}的科目应为 ${allowed.join('、')} 之一，「${v.category}」不适用`,
    });
    return;
  }
  const problem = entrySourceProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

/** An income's source is its category's channel. */
function withSource<T extends TEntryFields>(v: T): T {
  return v.direction === 'income' ? { ...v, sourceCode: sourceOfIncomeCategory(v.category) } : v;
}

/** 新增收支: saved as 草稿, or submitted at once with `submit: true`. */
export const ZCreateEntry = z
  .object({ ...entryFields, submit: z.boolean().optional().default(false) })
  .superRefine(checkCategory)
  .transform(withSource);
export type TCreateEntry = z.input<typeof ZCreateEntry>;

const zVersion = z.coerce.number({ error: '缺少记录版本' }).int().min(1, '缺少记录版本');

/** 修改收支 (草稿 or 已退回, by its creator), with the version the form opened. */
export const ZUpdateEntry = z
  .object({ id: zId('收支记录'), version: zVersion, ...entryFields })
  .superRefine(checkCategory)
  .transform(withSource);
export type TUpdateEntry = z.input<typeof ZUpdateEntry>;

/** An entry and the version the user saw (delete, submit). */
export const ZEntryRef = z.object({ id: zId('收支记录'), version: zVersion });
export type TEntryRef = z.input<typeof ZEntryRef>;

/** Optional comment of a forward step (审核 / 审批 意见). */
const zComment = zOptionalText('意见', COMMENT_MAX);

/** The codes of the funds warnings the approver saw and ticked 已知悉 (spendingCheck). */
const zAcknowledged = z.array(z.string().max(40)).max(20).optional().default([]);

export const ZReviewEntry = z.object({ id: zId('收支记录'), version: zVersion, comment: zComment, acknowledged: zAcknowledged });
export type TReviewEntry = z.input<typeof ZReviewEntry>;

/** 财务审批: the account (required when the entry has none) is chosen in the dialog. */
export const ZApproveEntry = z.object({ id: zId('收支记录'), version: zVersion, accountId: zOptionalId('资金账户'), comment: zComment, acknowledged: zAcknowledged });
export type TApproveEntry = z.input<typeof ZApproveEntry>;

/** 退回: a comment is required. */
export const ZReturnEntry = z.object({
  id: zId('收支记录'),
  version: zVersion,
  comment: z
    .union([z.string(), z.null()])
    .optional()
    .transform((s) => (s ?? '').trim())
    .superRefine((s, ctx) => {
      const problem = returnCommentProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type TReturnEntry = z.input<typeof ZReturnEntry>;

/** 冲销: a reason is required; the reversal is dated today unless another (not future) date is given. */
export const ZReverseEntry = z.object({
  id: zId('收支记录'),
  version: zVersion,
  reason: zText('冲销原因', { max: REASON_MAX, multiline: true }),
  entryDate: z
    .union([z.string(), z.null()])
    .optional()
    .transform((s) => (s ?? '').trim() || null)
    .pipe(z.union([z.null(), zEntryDate('冲销日期')])),
});
export type TReverseEntry = z.input<typeof ZReverseEntry>;

export const ZAttachmentRef = z.object({ id: zId('附件') });

/* ---------------------------------------------------------------- list filter (URL) */

export const LEDGER_SORTS = ['date', 'amount', 'no', 'created'] as const;
export type TLedgerSort = (typeof LEDGER_SORTS)[number];
export const LEDGER_SORT_LABELS: Record<TLedgerSort, string> = { date: '发生日期', amount: '金额', no: '收支编号', created: '登记时间' };

const STATUS_KEYS = Object.keys(ENTRY_STATUSES) as [TEntryStatus, ...TEntryStatus[]];
const ALL_CATEGORIES = [...new Set([...LEDGER_CATEGORIES, ...INCOME_CATEGORIES])] as [string, ...string[]];


/** /funds/ledger and its export: anything malformed is ignored (falls back to "all"). */
export const ZLedgerFilter = z.object({
  q: zFilterText(),
  direction: z.enum(DIRECTIONS).optional().catch(undefined),
  status: z.enum(STATUS_KEYS).optional().catch(undefined),
  category: z.enum(ALL_CATEGORIES).optional().catch(undefined),
  project: zFilterId,
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  /** "待我处理": '1' keeps only entries the current user can act on. */
  mine: z.enum(['1']).optional().catch(undefined),
  sort: z.enum(LEDGER_SORTS).catch('date'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TLedgerFilter = z.infer<typeof ZLedgerFilter>;
