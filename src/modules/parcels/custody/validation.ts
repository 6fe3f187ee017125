import { z } from 'zod';
import { zId, zOptionalText, zText } from '@/platform/validation';
import { photoProblem } from '@/platform/storage/image-types';
import { CUSTODY_MODES, type TStage } from '../stages';
import { CUSTODY_STAGES } from '../rules';
import { zDate, zOptionalDate } from '../acquisition/fields';

/** Custody (管护) forms, shared by the client and the server mutations. Client-safe. */

export const MAX_PHOTOS_PER_INSPECTION = 9;
export const TEMP_USE_MODE = '临时利用';
export const VERSION_CONFLICT = '地块已被他人修改，请刷新后重试';

export function custodyStageProblem(stage: TStage, what: string): string | null {
  if (CUSTODY_STAGES.includes(stage)) return null;
  return `地块当前为「${stage}」，只有${CUSTODY_STAGES.join('、')}阶段的地块可以登记${what}`;
}

const TEMP_USE_FIELDS = ['tempUseConsentNo', 'tempUsePurpose', 'tempUseStart', 'tempUseEnd', 'tempUseEndedOn'] as const;

/**
 * 管护信息. A temporary use (R17) records the land authority's consent number, the use, the term
 * and that no permanent structure is built. While it runs the mode is 临时利用; it ends by
 * choosing the mode after it and entering the day it actually ended — the record stays on the
 * parcel. Clearing every temporary-use field removes the record (the audit log keeps it).
 */
export const ZCustody = z
  .object({
    parcelId: zId('地块'),
    version: z.coerce.number({ error: '缺少地块版本，请刷新后重试' }).int('缺少地块版本，请刷新后重试').min(1, '缺少地块版本，请刷新后重试'),
    custodyMode: z.enum(CUSTODY_MODES, { error: `请选择管护方式（${CUSTODY_MODES.join('、')}）` }),
    custodian: zText('管护单位或责任人', { max: 100 }),
    tempUseConsentNo: zOptionalText('临时利用同意文号', 64),
    tempUsePurpose: zOptionalText('临时利用用途', 100),
    tempUseStart: zOptionalDate('临时利用开始日期'),
    tempUseEnd: zOptionalDate('临时利用约定结束日期'),
    tempUseNoPermanent: z.boolean({ error: '请确认是否约定不修建永久性建筑物' }).default(false),
    tempUseEndedOn: zOptionalDate('临时利用实际结束日期', { notFuture: true }),
  })
  .superRefine((v, ctx) => {
    const current = v.custodyMode === TEMP_USE_MODE;
    const anyField = TEMP_USE_FIELDS.some((k) => !!v[k]);
    if (!current && !anyField) return;
    const need = (key: (typeof TEMP_USE_FIELDS)[number], message: string) => {
      if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need('tempUseConsentNo', '临时利用须填写国土资源主管部门同意文件的文号');
    need('tempUsePurpose', '请填写临时利用的用途');
    need('tempUseStart', '临时利用须填写开始日期');
    need('tempUseEnd', '临时利用须填写约定结束日期');
    if (!v.tempUseNoPermanent) {
      ctx.addIssue({ code: 'custom', path: ['tempUseNoPermanent'], message: '临时利用不得修建永久性建筑物：请确认已约定不修建永久性建筑物' });
    }
    if (v.tempUseStart && v.tempUseEnd && v.tempUseEnd < v.tempUseStart) {
      ctx.addIssue({ code: 'custom', path: ['tempUseEnd'], message: `临时利用约定结束日期（${v.tempUseEnd}）不能早于开始日期（${v.tempUseStart}）` });
    }
    if (current && v.tempUseEndedOn) {
      ctx.addIssue({ code: 'custom', path: ['tempUseEndedOn'], message: '临时利用已结束的，请将管护方式改为自管或委托（临时利用记录保留）' });
    }
    if (!current) need('tempUseEndedOn', `改为「${v.custodyMode}」须填写临时利用的实际结束日期（收回日期）；如为误录，请清空全部临时利用信息`);
    if (v.tempUseEndedOn && v.tempUseStart && v.tempUseEndedOn < v.tempUseStart) {
      ctx.addIssue({ code: 'custom', path: ['tempUseEndedOn'], message: `实际结束日期（${v.tempUseEndedOn}）不能早于开始日期（${v.tempUseStart}）` });
    }
  });
export type TCustody = z.input<typeof ZCustody>;

const inspectionFields = {
  inspectedOn: zDate('巡查日期', { notFuture: true }),
  inspector: zText('巡查人', { max: 64 }),
  findings: zOptionalText('巡查发现', 1000),
  rectification: zOptionalText('整改情况', 1000),
  rectifiedOn: zOptionalDate('整改日期', { notFuture: true }),
};

type TInspectionFields = z.output<z.ZodObject<typeof inspectionFields>>;

function checkInspection(v: TInspectionFields, ctx: z.RefinementCtx) {
  if (v.rectifiedOn && v.rectifiedOn < v.inspectedOn) {
    ctx.addIssue({ code: 'custom', path: ['rectifiedOn'], message: `整改日期（${v.rectifiedOn}）不能早于巡查日期（${v.inspectedOn}）` });
  }
  if (v.rectifiedOn && !v.rectification) {
    ctx.addIssue({ code: 'custom', path: ['rectification'], message: '已填写整改日期，请同时填写整改情况' });
  }
}

export const ZCreateInspection = z.object({ parcelId: zId('地块'), ...inspectionFields }).superRefine(checkInspection);
export type TCreateInspection = z.input<typeof ZCreateInspection>;

export const ZUpdateInspection = z.object({ id: zId('巡查记录'), ...inspectionFields }).superRefine(checkInspection);
export type TUpdateInspection = z.input<typeof ZUpdateInspection>;

/** One photo: the bytes are checked by content (magic bytes), size and emptiness. */
export const ZAddPhoto = z
  .object({
    inspectionId: zId('巡查记录'),
    fileName: zText('照片文件名', { max: 200 }).transform((s) => s.split(/[\\/]/).pop() || s),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的照片' }),
  })
  .superRefine((v, ctx) => {
    const problem = photoProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', path: ['bytes'], message: problem });
  });

export const ZPhotoRef = z.object({ id: zId('照片') });
