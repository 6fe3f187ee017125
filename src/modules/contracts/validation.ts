import { z } from 'zod';
import { isIsoDate } from '@/platform/dates';
import { zFilterId, zFilterPage, zFilterPageSize, zFilterText, zId, zOptionalText, zText } from '@/platform/validation';
import { zAmount } from '@/modules/funds/rules/money';
import { todayInShanghai } from '@/ui/format';
import { CHANGE_KINDS, CONTRACT_STATUSES, CONTRACT_TYPES, creditCodeProblem, normalizeCreditCode } from './rules';

/** Contract forms and list parameters, shared by the client forms and the mutations. Client-safe. */

export const CONTRACT_NOT_FOUND = '合同不存在或已被删除，请刷新后重试';
export const CONTRACT_CHANGED = '该合同已被他人修改，请刷新后重试';

const inRange = (s: string) => isIsoDate(s) && s >= '1990-01-01' && s <= '2100-12-31';

/** An optional date 'YYYY-MM-DD' (blank → null). */
export function zOptionalDate(label: string, opts: { notFuture?: boolean } = {}) {
  return z
    .union([z.string(), z.null()], { error: `${label}格式应为 YYYY-MM-DD` })
    .optional()
    .transform((s, ctx): string | null => {
      const raw = (s ?? '').trim();
      if (raw === '') return null;
      if (!inRange(raw)) {
        ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD，且须是有效日期（1990–2100 年）` });
        return z.NEVER;
      }
      if (opts.notFuture && raw > todayInShanghai()) {
        ctx.addIssue({ code: 'custom', message: `${label}不能晚于今天` });
        return z.NEVER;
      }
      return raw;
    });
}

export function zRequiredDate(label: string) {
  return zOptionalDate(label).transform((v, ctx) => {
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: `请填写${label}` });
      return z.NEVER;
    }
    return v;
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

const zIdList = (label: string) =>
  z
    .array(z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, `${label}标识无效`), { error: `${label}无效` })
    .max(200, `${label}最多 200 个`)
    .optional()
    .default([])
    .transform((ids) => [...new Set(ids)]);

const zCreditCode = z
  .union([z.string(), z.null()], { error: '统一社会信用代码无效' })
  .optional()
  .transform((s, ctx): string | null => {
    const raw = (s ?? '').trim();
    if (raw === '') return null;
    const problem = creditCodeProblem(raw);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return normalizeCreditCode(raw);
  });

const contractFields = {
  contractNo: zText('合同编号', { max: 60 }),
  name: zText('合同名称', { max: 200 }),
  contractType: z.enum(CONTRACT_TYPES, { error: `请选择合同类型（${CONTRACT_TYPES.join('、')}）` }),
  ourParty: zText('我方', { max: 100 }),
  counterparty: zText('相对方', { max: 100 }),
  counterpartyCreditCode: zCreditCode,
  amount: zAmount('合同金额'),
  signedOn: zOptionalDate('签订日期', { notFuture: true }),
  startOn: zOptionalDate('开始日期'),
  endOn: zOptionalDate('结束日期'),
  projectId: zId('项目'),
  partyId: zOptionalId('补偿对象'),
  parcelIds: zIdList('地块'),
  workPackageIds: zIdList('工程'),
  note: zOptionalText('备注', 1000),
};

function checkDates(v: { startOn: string | null; endOn: string | null }, ctx: z.RefinementCtx) {
  if (v.startOn && v.endOn && v.endOn < v.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: '结束日期不能早于开始日期' });
}

export const ZCreateContract = z.object(contractFields).superRefine(checkDates);
export type TCreateContract = z.input<typeof ZCreateContract>;

const zVersion = z.coerce.number({ error: '缺少合同版本' }).int().min(1, '缺少合同版本');

export const ZUpdateContract = z.object({ id: zId('合同'), version: zVersion, ...contractFields }).superRefine(checkDates);
export type TUpdateContract = z.input<typeof ZUpdateContract>;

export const ZContractRef = z.object({ id: zId('合同'), version: zVersion });

/** 生效 / 履行完毕 / 解除; 解除 needs a reason. */
export const ZSetContractStatus = z
  .object({
    id: zId('合同'),
    version: zVersion,
    status: z.enum(['effective', 'completed', 'terminated'], { error: '请选择合同状态' }),
    reason: zOptionalText('原因', 500),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'terminated' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '解除合同请填写原因' });
  });

export const ZAddMilestone = z.object({
  contractId: zId('合同'),
  dueOn: zRequiredDate('计划付款日期'),
  amount: zAmount('计划付款金额'),
  paymentCondition: zText('付款条件', { max: 200 }),
});
export type TAddMilestone = z.input<typeof ZAddMilestone>;

export const ZMilestoneRef = z.object({ id: zId('付款节点') });

export const ZRequestChange = z.object({
  contractId: zId('合同'),
  kind: z.enum(CHANGE_KINDS, { error: '请选择变更类型（变更或签证）' }),
  delta: zAmount('变更金额', { allowNegative: true }),
  reason: zText('变更原因', { max: 500, multiline: true }),
});
export type TRequestChange = z.input<typeof ZRequestChange>;

export const ZDecideChange = z
  .object({
    id: zId('合同变更'),
    decision: z.enum(['approve', 'return'], { error: '请选择批准或退回' }),
    comment: zOptionalText('审批意见', 500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: '退回请填写意见' });
  });

export const ZContractAttachmentRef = z.object({ id: zId('附件') });

/* ---------------------------------------------------------------- list filter (URL) */

export const REMINDER_LABELS = { 'milestones-due': '付款节点将到期', overdue: '付款逾期', ending: '合同将到期', changes: '有变更待审批' } as const;

export const CONTRACT_SORTS = ['signed', 'amount', 'no', 'end', 'created'] as const;
export type TContractSort = (typeof CONTRACT_SORTS)[number];

export const ZContractFilter = z.object({
  q: zFilterText(),
  type: z.enum(CONTRACT_TYPES).optional().catch(undefined),
  status: z.enum(CONTRACT_STATUSES).optional().catch(undefined),
  project: zFilterId,
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  /** A workbench reminder: contracts with a milestone due soon, a payment overdue, or ending soon. */
  reminder: z.enum(['milestones-due', 'overdue', 'ending', 'changes']).optional().catch(undefined),
  sort: z.enum(CONTRACT_SORTS).catch('created'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TContractFilter = z.infer<typeof ZContractFilter>;

