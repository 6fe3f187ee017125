import { z } from 'zod';
import { zId, zOptionalText, zText, zFilterPage, zFilterPageSize } from '@/platform/validation';
import { zOptionalLine } from '@/modules/plans/form-fields';
import { FUND_SOURCES, type TFundSourceCode } from '../rules';

/**
 * Fund accounts (F18: reserve money is kept in separate accounts per source): the forms
 * (client) and the mutations (server) share these schemas and messages. Client-safe.
 */

export const ACCOUNT_STATUSES = ['active', 'closed'] as const;
export type TAccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_LABELS: Record<TAccountStatus, string> = { active: '使用中', closed: '已关闭' };

export const FUND_SOURCE_CODES = FUND_SOURCES.map((s) => s.code) as [TFundSourceCode, ...TFundSourceCode[]];

export const ACCOUNT_CHANGED_BY_OTHERS = '账户已被他人修改，请刷新后重试';

const accountShape = {
  name: zText('账户名称', { max: 64 }),
  sourceCode: z.enum(FUND_SOURCE_CODES, { error: '请选择资金来源' }),
  bankName: zOptionalLine('开户银行', 64),
  accountNo: zOptionalLine('银行账号', 40).refine((s) => s === null || /^[0-9][0-9 -]*[0-9]$|^[0-9]$/.test(s), '银行账号只能包含数字、空格和连字符'),
  note: zOptionalText('备注', 500),
};

export const ZCreateAccount = z.object(accountShape);
export type TCreateAccountInput = z.input<typeof ZCreateAccount>;

export const ZUpdateAccount = z.object({
  id: zId('账户'),
  ...accountShape,
  /** The account's updatedAt the form was filled from (ISO); a later change by someone else is refused. */
  expectedUpdatedAt: z.string().max(40).optional().nullable(),
});
export type TUpdateAccountInput = z.input<typeof ZUpdateAccount>;

export const ZSetAccountStatus = z.object({
  id: zId('账户'),
  status: z.enum(ACCOUNT_STATUSES, { error: '账户状态无效' }),
});

/** /funds/accounts filters from the URL; anything malformed is ignored. */
export const ZAccountFilter = z.object({
  source: z.enum(FUND_SOURCE_CODES).optional().catch(undefined),
  status: z.enum(ACCOUNT_STATUSES).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TAccountFilter = z.infer<typeof ZAccountFilter>;
