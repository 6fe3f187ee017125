import 'server-only';
import { and, eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { sm3Hex } from '@/platform/crypto/sm';
import { getSettings, getSettingSourceTexts } from '@/platform/settings';
import { sniffImageType } from '@/platform/storage/image-types';
import { attachments, custodyInspections, parcels } from '../schema';
import { RULE_SOURCES, tempUseTermProblem } from '../rules';
import { lockParcelRef, type ParcelRef } from '../acquisition/parcel-ref';
import { INSPECTION_OWNER, saveAttachment } from './attachments';
import {
  custodyStageProblem,
  MAX_PHOTOS_PER_INSPECTION,
  TEMP_USE_MODE,
  VERSION_CONFLICT,
  ZAddPhoto,
  ZCreateInspection,
  ZCustody,
  ZPhotoRef,
  ZUpdateInspection,
} from './validation';

function requireInspectionStage(parcel: ParcelRef) {
  const problem = custodyStageProblem(parcel.stage, '管护巡查');
  if (problem) fail(problem);
}

const custodySnapshot = (p: {
  custodyMode: string | null;
  custodian: string | null;
  tempUseConsentNo: string | null;
  tempUsePurpose: string | null;
  tempUseStart: string | null;
  tempUseEnd: string | null;
  tempUseNoPermanent: boolean | null;
  tempUseEndedOn: string | null;
}) => ({
  custodyMode: p.custodyMode,
  custodian: p.custodian,
  tempUseConsentNo: p.tempUseConsentNo,
  tempUsePurpose: p.tempUsePurpose,
  tempUseStart: p.tempUseStart,
  tempUseEnd: p.tempUseEnd,
  tempUseNoPermanent: p.tempUseNoPermanent,
  tempUseEndedOn: p.tempUseEndedOn,
});

/**
 * 管护方式、管护单位 and the temporary use (consent, use, term, no permanent structures, actual
 * end) — columns of the parcel itself, so the change is guarded by the parcel's version like a
 * lifecycle transition: a form opened before someone else's change is refused. A term over the
 * configured limit is saved, with the warning (and its source) returned and audited. A parcel
 * already 可供应 is 净地: no temporary use may start or go on there.
 */
export const updateCustody = defineMutation({
  name: '修改管护信息',
  permission: 'parcel:edit',
  objectType: '地块',
  schema: ZCustody,
  async run(ctx, input) {
    const { tx } = ctx;
    const [parcel] = await tx
      .select({
        id: parcels.id,
        code: parcels.code,
        stage: parcels.stage,
        version: parcels.version,
        custodyMode: parcels.custodyMode,
        custodian: parcels.custodian,
        tempUseConsentNo: parcels.tempUseConsentNo,
        tempUsePurpose: parcels.tempUsePurpose,
        tempUseStart: parcels.tempUseStart,
        tempUseEnd: parcels.tempUseEnd,
        tempUseNoPermanent: parcels.tempUseNoPermanent,
        tempUseEndedOn: parcels.tempUseEndedOn,
      })
      .from(parcels)
      .where(eq(parcels.id, input.parcelId))
      .for('update');
    if (!parcel) fail('地块不存在或已被删除', 'NOT_FOUND');
    if (parcel.version !== input.version) fail(VERSION_CONFLICT, 'CONFLICT');
    const problem = custodyStageProblem(parcel.stage as ParcelRef['stage'], '管护信息');
    if (problem) fail(problem);
    const current = input.custodyMode === TEMP_USE_MODE;
    if (current && parcel.stage === '可供应') {
      fail(`地块已转为可供应（净地），不能新设或继续临时利用。依据：${RULE_SOURCES.tempUseEnded}`, 'RULE_VIOLATION', {
        custodyMode: '地块已可供应，不能选择临时利用',
      });
    }

    const settings = await getSettings(tx);
    const limitSource = (await getSettingSourceTexts(tx, settings))['parcel.tempUseLimitMonths'];
    const warning = current ? tempUseTermProblem(input.tempUseStart, input.tempUseEnd, settings['parcel.tempUseLimitMonths'], limitSource) : null;
    const hasRecord = !!input.tempUseStart;
    const after = custodySnapshot({ ...input, tempUseNoPermanent: hasRecord ? input.tempUseNoPermanent : null });
    const updated = await tx
      .update(parcels)
      .set({ ...after, version: parcel.version + 1 })
      .where(and(eq(parcels.id, parcel.id), eq(parcels.version, input.version)))
      .returning({ version: parcels.version });
    if (updated.length !== 1) fail(VERSION_CONFLICT, 'CONFLICT');
    const ending = parcel.custodyMode === TEMP_USE_MODE && !current && !!input.tempUseEndedOn;
    await ctx.audit({
      action: ending ? '结束临时利用' : '修改管护信息',
      objectType: '地块',
      objectId: parcel.id,
      before: custodySnapshot(parcel),
      after,
      message: `地块 ${parcel.code}：${ending ? `临时利用于 ${input.tempUseEndedOn} 结束，改为${input.custodyMode}` : '修改管护信息'}${warning ? `（预警：${warning.message}）` : ''}`,
    });
    return { version: updated[0].version, warning: warning ? { message: warning.message, rule: warning.rule } : null };
  },
});

async function loadInspectionForChange(tx: Tx, id: string) {
  const [ref] = await tx.select({ parcelId: custodyInspections.parcelId }).from(custodyInspections).where(eq(custodyInspections.id, id));
  if (!ref) fail('巡查记录不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const parcel = await lockParcelRef(tx, ref.parcelId);
  const [inspection] = await tx.select().from(custodyInspections).where(eq(custodyInspections.id, id)).for('update');
  if (!inspection) fail('巡查记录不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return { parcel, inspection };
}

const inspectionSnapshot = (i: { inspectedOn: string; inspector: string; findings: string | null; rectification: string | null; rectifiedOn: string | null }) => ({
  inspectedOn: i.inspectedOn,
  inspector: i.inspector,
  findings: i.findings,
  rectification: i.rectification,
  rectifiedOn: i.rectifiedOn,
});

export const createInspection = defineMutation({
  name: '登记管护巡查',
  permission: 'parcel:edit',
  objectType: '管护巡查',
  schema: ZCreateInspection,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireInspectionStage(parcel);
    const fields = inspectionSnapshot(input);
    const [{ id }] = await tx
      .insert(custodyInspections)
      .values({ ...fields, parcelId: parcel.id, createdBy: actor.userId })
      .returning({ id: custodyInspections.id });
    await ctx.audit({
      action: '登记管护巡查',
      objectType: '管护巡查',
      objectId: id,
      before: null,
      after: fields,
      message: `地块 ${parcel.code}：登记 ${input.inspectedOn} 的管护巡查`,
    });
    return { id };
  },
});

export const updateInspection = defineMutation({
  name: '修改管护巡查',
  permission: 'parcel:edit',
  objectType: '管护巡查',
  schema: ZUpdateInspection,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, inspection } = await loadInspectionForChange(tx, input.id);
    requireInspectionStage(parcel);
    const fields = inspectionSnapshot(input);
    await tx.update(custodyInspections).set(fields).where(eq(custodyInspections.id, inspection.id));
    await ctx.audit({
      action: '修改管护巡查',
      objectType: '管护巡查',
      objectId: inspection.id,
      before: inspectionSnapshot(inspection),
      after: fields,
      message: `地块 ${parcel.code}：修改 ${input.inspectedOn} 的管护巡查`,
    });
    return { id: inspection.id };
  },
});

/**
 * One photo of an inspection (one request per photo keeps each upload under the request size
 * limit). Checked by content, size and count; the same content twice on one inspection is refused.
 */
export const addInspectionPhoto = defineMutation({
  name: '上传巡查照片',
  permission: 'parcel:edit',
  objectType: '巡查照片',
  schema: ZAddPhoto,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const { parcel, inspection } = await loadInspectionForChange(tx, input.inspectionId);
    requireInspectionStage(parcel);
    const existing = await tx
      .select({ fileName: attachments.fileName, sm3: attachments.sm3 })
      .from(attachments)
      .where(and(eq(attachments.ownerType, INSPECTION_OWNER), eq(attachments.ownerId, inspection.id)));
    if (existing.length >= MAX_PHOTOS_PER_INSPECTION) fail(`每次巡查最多上传 ${MAX_PHOTOS_PER_INSPECTION} 张照片，本次巡查已有 ${existing.length} 张`);
    const digest = sm3Hex(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
    const twin = existing.find((e) => e.sm3 === digest);
    if (twin) fail(`照片「${input.fileName}」与本次巡查已上传的「${twin.fileName}」内容相同，无需重复上传`);
    // The schema has checked the magic bytes; this only names the type.
    const mimeType = sniffImageType(input.bytes) ?? fail(`照片「${input.fileName}」不是支持的图片格式`, 'INVALID_INPUT');
    const saved = await saveAttachment(tx, {
      ownerType: INSPECTION_OWNER,
      ownerId: inspection.id,
      parcelId: parcel.id,
      fileName: input.fileName,
      mimeType,
      bytes: input.bytes,
      uploadedBy: actor.userId,
    });
    await ctx.audit({
      action: '上传巡查照片',
      objectType: '巡查照片',
      objectId: saved.id,
      before: null,
      after: { inspectionId: inspection.id, fileName: input.fileName, mimeType, sizeBytes: saved.sizeBytes, sm3: saved.sm3 },
      message: `地块 ${parcel.code}：为 ${inspection.inspectedOn} 的巡查上传照片「${input.fileName}」`,
    });
    return { id: saved.id, deduplicated: saved.deduplicated };
  },
});

export const deleteInspectionPhoto = defineMutation({
  name: '删除巡查照片',
  permission: 'parcel:edit',
  objectType: '巡查照片',
  schema: ZPhotoRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const [photo] = await tx
      .select({ id: attachments.id, ownerId: attachments.ownerId, fileName: attachments.fileName, sizeBytes: attachments.sizeBytes, sm3: attachments.sm3 })
      .from(attachments)
      .where(and(eq(attachments.id, input.id), eq(attachments.ownerType, INSPECTION_OWNER)));
    if (!photo) fail('照片不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const { parcel, inspection } = await loadInspectionForChange(tx, photo.ownerId);
    requireInspectionStage(parcel);
    // The stored file stays: other records may share its digest, and archives keep originals.
    const removed = await tx.delete(attachments).where(eq(attachments.id, photo.id)).returning({ id: attachments.id });
    if (removed.length !== 1) fail('照片不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    await ctx.audit({
      action: '删除巡查照片',
      objectType: '巡查照片',
      objectId: photo.id,
      before: { inspectionId: inspection.id, fileName: photo.fileName, sizeBytes: photo.sizeBytes, sm3: photo.sm3 },
      after: null,
      message: `地块 ${parcel.code}：删除 ${inspection.inspectedOn} 巡查的照片「${photo.fileName}」`,
    });
    return { id: photo.id };
  },
});
