import { z } from 'zod';
import { zId, zOptionalText } from '@/platform/validation';
import { WORK_TYPES, type TStage } from '../stages';
import { zMoney, zOptionalDate } from '../acquisition/fields';

/** Work-package (前期开发) forms, shared by the client dialog and the server mutations. Client-safe. */

/** Stages in which work packages may be recorded; in 可供应 they must stay accepted. */
export const DEVELOPMENT_STAGES: readonly TStage[] = ['已入库', '前期开发', '可供应'];

export function developmentStageProblem(stage: TStage): string | null {
  if (DEVELOPMENT_STAGES.includes(stage)) return null;
  return `地块当前为「${stage}」，只有已入库、前期开发或可供应阶段的地块可以登记前期开发工作包`;
}

export const READY_KEEP_ACCEPTED = '地块已转为可供应，工作包须保持已验收状态：不能新增未验收的工作包、取消验收或删除工作包';

const zProgress = z
  .union([z.string(), z.number()], { error: '请填写进度' })
  .transform((v) => String(v).trim().replace(/%$/, ''))
  .refine((s) => /^\d{1,3}$/.test(s) && Number(s) <= 100, '进度应为 0–100 之间的整数（%）')
  .transform(Number);

const packageFields = {
  workType: z.enum(WORK_TYPES, { error: `请选择工程类型（${WORK_TYPES.join('、')}）` }),
  contractor: zOptionalText('施工单位', 100),
  supervisor: zOptionalText('监理单位', 100),
  contractNo: zOptionalText('合同编号', 64),
  contractAmount: zMoney('合同金额'),
  progress: zProgress,
  startedOn: zOptionalDate('开工日期', { notFuture: true }),
  acceptedOn: zOptionalDate('验收日期', { notFuture: true }),
};

type TPackageFields = z.output<z.ZodObject<typeof packageFields>>;

function checkDates(v: TPackageFields, ctx: z.RefinementCtx) {
  if (!v.acceptedOn) return;
  if (!v.startedOn) ctx.addIssue({ code: 'custom', path: ['startedOn'], message: '已填写验收日期，请同时填写开工日期' });
  else if (v.acceptedOn < v.startedOn) {
    ctx.addIssue({ code: 'custom', path: ['acceptedOn'], message: `验收日期（${v.acceptedOn}）不能早于开工日期（${v.startedOn}）` });
  }
}

/** Acceptance means the work is complete: progress becomes 100. */
const acceptedIsComplete = <T extends TPackageFields>(v: T): T => (v.acceptedOn ? { ...v, progress: 100 } : v);

export const ZCreateWorkPackage = z
  .object({ parcelId: zId('地块'), ...packageFields })
  .superRefine(checkDates)
  .transform(acceptedIsComplete);
export type TCreateWorkPackage = z.input<typeof ZCreateWorkPackage>;

export const ZUpdateWorkPackage = z
  .object({ id: zId('工作包'), ...packageFields })
  .superRefine(checkDates)
  .transform(acceptedIsComplete);
export type TUpdateWorkPackage = z.input<typeof ZUpdateWorkPackage>;

export const ZWorkPackageRef = z.object({ id: zId('工作包') });
