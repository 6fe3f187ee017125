import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail } from '@/platform/action';
import { zId, zText } from '@/platform/validation';
import { documentProblem, sniffDocumentType } from '@/platform/storage/document-types';
import { attachments, parcelEvents, parcels } from '../schema';
import { saveAttachment } from '../custody/attachments';

export const EVENT_OWNER = 'parcel-event';
const MAX_DOCUMENTS_PER_EVENT = 20;

const ZAttach = z
  .object({
    eventId: zId('流转记录'),
    fileName: zText('文件名', { max: 200 }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  })
  .superRefine((v, ctx) => {
    const problem = documentProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** A document (批文、协议、证书扫描件 …) attached to one lifecycle event of a parcel. */
export const attachEventDocument = defineMutation({
  name: '上传流转附件',
  permission: 'parcel:transition',
  objectType: '流转附件',
  schema: ZAttach,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [event] = await tx
      .select({ id: parcelEvents.id, parcelId: parcelEvents.parcelId, toStage: parcelEvents.toStage, eventDate: parcelEvents.eventDate, code: parcels.code })
      .from(parcelEvents)
      .innerJoin(parcels, eq(parcels.id, parcelEvents.parcelId))
      .where(eq(parcelEvents.id, input.eventId));
    if (!event) fail('流转记录不存在，请刷新后重试', 'NOT_FOUND');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, EVENT_OWNER), eq(attachments.ownerId, event.id)));
    if (n >= MAX_DOCUMENTS_PER_EVENT) fail(`每条流转记录最多 ${MAX_DOCUMENTS_PER_EVENT} 个附件`);
    const mimeType = sniffDocumentType(input.bytes) ?? fail('文件格式不受支持', 'INVALID_INPUT');
    const saved = await saveAttachment(tx, {
      ownerType: EVENT_OWNER,
      ownerId: event.id,
      parcelId: event.parcelId,
      fileName: input.fileName,
      mimeType,
      bytes: input.bytes,
      uploadedBy: actor.userId,
    });
    await ctx.audit({
      action: '上传流转附件',
      objectType: '流转附件',
      objectId: saved.id,
      before: null,
      after: { eventId: event.id, fileName: input.fileName, mimeType, sizeBytes: saved.sizeBytes, sm3: saved.sm3 },
      message: `地块 ${event.code}：为 ${event.eventDate}「${event.toStage}」上传附件「${input.fileName}」`,
    });
    return { id: saved.id };
  },
});
