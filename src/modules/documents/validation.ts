import { z } from 'zod';
import { zChoice, zFilterPage, zFilterPageSize, zFilterText, zFilterId, zId, zOptionalText, zText } from '@/platform/validation';
import { isIsoDate } from '@/platform/dates';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, LINK_TYPES, SECRECY_LEVELS, URGENCIES } from './constants';
import { templateProblem } from './numbering';

const zDocType = zChoice('公文类型', 20).refine((s) => (DOCUMENT_TYPES as readonly string[]).includes(s), '公文类型无效');

/** 成文日期: empty (filled at 签发) or a calendar date 1990–2100 typed as YYYY-MM-DD. */
const zDocDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s ?? '').trim())
  .superRefine((raw, ctx) => {
    if (raw !== '' && !(isIsoDate(raw) && raw >= '1990-01-01')) ctx.addIssue({ code: 'custom', message: '成文日期格式应为 YYYY-MM-DD，且须是有效日期（1990–2100 年）' });
  })
  .transform((s) => (s === '' ? null : s));

const zIdList = (label: string) => z.array(zId(label), { error: `${label}无效` }).max(50, `${label}最多 50 个`).default([]);

export const ZDocumentFields = z.object({
  docType: zDocType,
  title: zText('标题', { max: 200 }),
  issuingOrg: zText('发文机关', { max: 100 }),
  mainRecipients: zOptionalText('主送机关', 500),
  copyRecipients: zOptionalText('抄送机关', 500),
  urgency: z.enum(URGENCIES, { error: '请选择紧急程度' }),
  secrecy: z.enum(SECRECY_LEVELS, { error: '请选择密级' }),
  docDate: zDocDate,
  body: zText('正文', { min: 0, max: 50_000, multiline: true }),
  /** Leave the optional 会签 out for this document. */
  skipCountersign: z.boolean({ error: '会签设置无效' }).default(false),
  planIds: zIdList('关联计划'),
  projectIds: zIdList('关联项目'),
  parcelIds: zIdList('关联地块'),
});
export type TDocumentFields = z.infer<typeof ZDocumentFields>;
export type TDocumentFieldsInput = z.input<typeof ZDocumentFields>;

export const ZCreateDocument = ZDocumentFields;
export const ZUpdateDocument = ZDocumentFields.extend({ id: zId('公文'), version: z.number({ error: '版本无效' }).int().min(1) });

export const ZActOnDocument = z.object({
  id: zId('公文'),
  expectedStepKey: z.string({ error: '步骤无效' }).regex(/^[a-z][a-z0-9_-]{0,39}$/, '步骤无效'),
  decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
  opinion: zOptionalText('意见', 1000),
});

export const ZFlowStepInput = z
  .object({
    key: z.string({ error: '步骤代码无效' }).max(40, '步骤代码无效'),
    name: zText('步骤名称', { max: 20 }),
    roleId: zId('办理角色'),
    mode: z.enum(['single', 'countersign'], { error: '请选择办理方式' }),
    departmentIds: z.array(zId('科室')).max(50, '会签科室最多 50 个').optional(),
    optional: z.boolean().optional(),
  })
  .strict();

export const ZSaveDocumentFlow = z.object({
  docType: zDocType,
  steps: z.array(ZFlowStepInput, { error: '流程步骤无效' }).max(20, '流程步骤不能超过 20 个'),
});

export const ZSaveNumberRule = z.object({
  docType: zDocType,
  template: z
    .string({ error: '请填写文号规则' })
    .superRefine((s, ctx) => {
      const p = templateProblem(s);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    }),
});

export const ZDocumentAttachmentRef = z.object({ id: zId('附件') });

export const DOCUMENT_SORTS = ['created', 'docNo', 'title', 'docDate'] as const;

export const ZDocumentFilter = z.object({
  q: zFilterText(),
  type: z.enum(DOCUMENT_TYPES).optional().catch(undefined),
  status: z.enum(DOCUMENT_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  dept: zFilterId,
  /** '1': only the documents waiting on me. */
  mine: z.enum(['1']).optional().catch(undefined),
  sort: z.enum(DOCUMENT_SORTS).catch('created'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TDocumentFilter = z.infer<typeof ZDocumentFilter>;

export { LINK_TYPES };
