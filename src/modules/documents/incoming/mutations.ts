import 'server-only';
import { collectIncoming } from '@/modules/archives/collect';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail, type Actor, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { departments } from '@/platform/auth/schema';
import { attachments } from '@/platform/storage/schema';
import { putFile } from '@/platform/storage/file-store';
import { sniffDocumentType } from '@/platform/storage/document-types';
import { INCOMING_ATTACHMENT_OWNER as ATTACHMENT_OWNER, MAX_INCOMING_ATTACHMENTS as MAX_ATTACHMENTS, incomingFileProblem } from './files-rules';
import { zId, zText } from '@/platform/validation';
import { todayInShanghai } from '@/ui/format';
import { plans } from '@/modules/plans/schema';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import { incomingAssignments, incomingDocuments, incomingSteps } from './schema';
import { nextReceiptNo } from './counters';
import {
  STATE_LABELS,
  STEP_LABELS,
  actorProblem,
  checkStep,
  type AssignmentFacts,
  type DocumentFacts,
  type TAssignmentStatus,
  type TIncomingState,
  type TStep,
} from './rules';
import { DOCUMENT_NOT_FOUND, ZArchive, ZAssign, ZComplete, ZHandle, ZInstruct, ZPropose, ZRegisterIncoming, ZReturn } from './validation';

export const OBJECT_TYPE = '收文';
const ATTACHMENT_TYPE = '收文附件';

type DocRow = typeof incomingDocuments.$inferSelect;
type AssignmentRow = typeof incomingAssignments.$inferSelect;

/** The document row locked for the transaction (steps on one document queue here), with its parts. */
async function lockDocument(tx: Tx, id: string): Promise<{ doc: DocRow; parts: AssignmentRow[]; facts: DocumentFacts }> {
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)).for('update');
  if (!doc) fail(DOCUMENT_NOT_FOUND, 'NOT_FOUND');
  const parts = await tx.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id)).orderBy(asc(incomingAssignments.assignedAt), asc(incomingAssignments.id));
  return { doc, parts, facts: { state: doc.state as TIncomingState, assignments: parts.map(factsOf) } };
}

const factsOf = (a: AssignmentRow): AssignmentFacts => ({ id: a.id, departmentId: a.departmentId, status: a.status as TAssignmentStatus, dueOn: a.dueOn });

function requireStep(step: Exclude<TStep, 'register'>, actor: Actor, facts: DocumentFacts, assignment?: AssignmentRow | null): TIncomingState {
  const who = actorProblem(step, actor, assignment ?? null);
  if (who) fail(who, 'FORBIDDEN');
  const check = checkStep(step, facts, assignment ? factsOf(assignment) : null);
  if (!check.ok) fail(check.message, 'CONFLICT');
  return check.to;
}

async function addStep(tx: Tx, actor: Actor, s: { documentId: string; action: TStep; from: string | null; to: string; departmentId?: string | null; opinion?: string | null }) {
  await tx.insert(incomingSteps).values({
    documentId: s.documentId,
    action: s.action,
    fromState: s.from,
    toState: s.to,
    departmentId: s.departmentId ?? null,
    actorId: actor.userId,
    actorName: actor.displayName,
    opinion: s.opinion ?? null,
  });
}

const stateText = (s: string) => STATE_LABELS[s as TIncomingState] ?? s;

async function departmentNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One step that only moves the state and records an opinion (拟办, 批示, 归档). */
async function simpleStep(ctx: MutationContext, step: 'propose' | 'instruct' | 'archive', id: string, opinion: string | null) {
  const { tx, actor } = ctx;
  const { doc, facts } = await lockDocument(tx, id);
  const to = requireStep(step, actor, facts);
  const now = new Date();
  const set =
    step === 'propose'
      ? { proposal: opinion, proposedBy: actor.userId, proposedAt: now }
      : step === 'instruct'
        ? { instruction: opinion, instructedBy: actor.userId, instructedAt: now }
        : { archivedBy: actor.userId, archivedAt: now };
  await tx.update(incomingDocuments).set({ ...set, state: to }).where(eq(incomingDocuments.id, doc.id));
  await addStep(tx, actor, { documentId: doc.id, action: step, from: doc.state, to, opinion });
  // 预归档: an archived 收文 linked to a parcel or project goes to the archivist's 待归档 list.
  if (step === 'archive') await collectIncoming(tx, doc.id);
  await ctx.audit({
    action: `${STEP_LABELS[step]}收文`,
    objectType: OBJECT_TYPE,
    objectId: doc.id,
    before: { state: stateText(doc.state) },
    after: { state: stateText(to), opinion },
    message: `${doc.receiptNo}「${doc.title}」：${STEP_LABELS[step]}`,
  });
  return { id: doc.id, state: to };
}

/* ------------------------------------------------------------------ 登记 */

export const registerIncoming = defineMutation({
  name: '登记收文',
  permission: 'incoming:register',
  objectType: OBJECT_TYPE,
  schema: ZRegisterIncoming,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const refs: { plan: string | null; project: string | null; parcel: string | null } = { plan: null, project: null, parcel: null };
    if (input.planId) {
      const [p] = await tx.select({ title: plans.title }).from(plans).where(eq(plans.id, input.planId));
      if (!p) fail('储备计划不存在或已被删除', 'NOT_FOUND', { planId: '储备计划不存在或已被删除' });
      refs.plan = p.title;
    }
    if (input.projectId) {
      const [p] = await tx.select({ code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, input.projectId));
      if (!p) fail('储备项目不存在或已被删除', 'NOT_FOUND', { projectId: '储备项目不存在或已被删除' });
      refs.project = `${p.code} ${p.name}`;
    }
    if (input.parcelId) {
      const [p] = await tx.select({ code: parcels.code, name: parcels.name, projectId: parcels.projectId }).from(parcels).where(eq(parcels.id, input.parcelId));
      if (!p) fail('地块不存在或已被删除', 'NOT_FOUND', { parcelId: '地块不存在或已被删除' });
      if (input.projectId && p.projectId !== input.projectId) {
        fail(`地块 ${p.code} 不属于所选项目，请重新选择`, 'INVALID_INPUT', { parcelId: `地块 ${p.code} 不属于所选项目` });
      }
      refs.parcel = `${p.code} ${p.name}`;
    }
    const year = Number(todayInShanghai().slice(0, 4));
    const { seq, receiptNo } = await nextReceiptNo(tx, year);
    const [doc] = await tx
      .insert(incomingDocuments)
      .values({
        receiptNo,
        receiptYear: year,
        receiptSeq: seq,
        senderOrg: input.senderOrg,
        senderNo: input.senderNo,
        title: input.title,
        docType: input.docType,
        urgency: input.urgency,
        secrecy: input.secrecy,
        receivedOn: input.receivedOn,
        writtenOn: input.writtenOn,
        pageCount: input.pageCount,
        summary: input.summary,
        planId: input.planId,
        projectId: input.projectId,
        parcelId: input.parcelId,
        state: 'registered',
        registeredBy: actor.userId,
      })
      .returning({ id: incomingDocuments.id });
    await addStep(tx, actor, { documentId: doc.id, action: 'register', from: null, to: 'registered' });
    await ctx.audit({
      action: '登记收文',
      objectType: OBJECT_TYPE,
      objectId: doc.id,
      before: null,
      after: {
        receiptNo,
        senderOrg: input.senderOrg,
        senderNo: input.senderNo,
        title: input.title,
        docType: input.docType,
        urgency: input.urgency,
        secrecy: input.secrecy,
        receivedOn: input.receivedOn,
        writtenOn: input.writtenOn,
        pageCount: input.pageCount,
        summary: input.summary,
        ...refs,
        state: STATE_LABELS.registered,
      },
      message: `${receiptNo}「${input.title}」（${input.senderOrg}）`,
    });
    return { id: doc.id, receiptNo };
  },
});

/* ------------------------------------------------------------------ 拟办 / 批示 / 归档 */

export const proposeIncoming = defineMutation({
  name: '拟办收文',
  permission: 'incoming:propose',
  objectType: OBJECT_TYPE,
  schema: ZPropose,
  run: (ctx, input) => simpleStep(ctx, 'propose', input.id, input.opinion),
});

export const instructIncoming = defineMutation({
  name: '批示收文',
  permission: 'incoming:instruct',
  objectType: OBJECT_TYPE,
  schema: ZInstruct,
  run: (ctx, input) => simpleStep(ctx, 'instruct', input.id, input.opinion),
});

export const archiveIncoming = defineMutation({
  name: '归档收文',
  permission: 'incoming:archive',
  objectType: OBJECT_TYPE,
  schema: ZArchive,
  run: (ctx, input) => simpleStep(ctx, 'archive', input.id, input.opinion),
});

/* ------------------------------------------------------------------ 分办 */

export const assignIncoming = defineMutation({
  name: '分办收文',
  permission: 'incoming:assign',
  objectType: OBJECT_TYPE,
  schema: ZAssign,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const { doc, parts, facts } = await lockDocument(tx, input.id);
    const to = requireStep('assign', actor, facts);
    const names = await departmentNames(tx, input.parts.map((p) => p.departmentId));
    input.parts.forEach((p, i) => {
      if (!names.has(p.departmentId)) fail('承办科室不存在或已被删除，请重新选择', 'NOT_FOUND', { [`parts.${i}.departmentId`]: '承办科室不存在或已被删除' });
      const busy = parts.find((a) => a.departmentId === p.departmentId && (a.status === 'pending' || a.status === 'done'));
      if (busy) {
        const message = `${names.get(p.departmentId)}已${busy.status === 'done' ? '办理完毕' : '在办理'}该收文，不能重复分办`;
        fail(message, 'INVALID_INPUT', { [`parts.${i}.departmentId`]: message });
      }
    });
    const now = new Date();
    // Parts returned earlier are settled by this new 分办 (kept as history).
    const returned = parts.filter((a) => a.status === 'returned');
    if (returned.length) {
      await tx
        .update(incomingAssignments)
        .set({ status: 'reassigned' })
        .where(inArray(incomingAssignments.id, returned.map((a) => a.id)));
    }
    await tx.insert(incomingAssignments).values(
      input.parts.map((p) => ({ documentId: doc.id, departmentId: p.departmentId, dueOn: p.dueOn, request: p.request, status: 'pending', assignedBy: actor.userId, assignedAt: now })),
    );
    await tx.update(incomingDocuments).set({ state: to }).where(eq(incomingDocuments.id, doc.id));
    const list = input.parts.map((p) => `${names.get(p.departmentId)}（期限 ${p.dueOn}）`).join('、');
    await addStep(tx, actor, { documentId: doc.id, action: 'assign', from: doc.state, to, opinion: [`分办至 ${list}`, input.opinion].filter(Boolean).join('；') });
    await ctx.audit({
      action: '分办收文',
      objectType: OBJECT_TYPE,
      objectId: doc.id,
      before: { state: stateText(doc.state) },
      after: {
        state: stateText(to),
        opinion: input.opinion,
        assignments: input.parts.map((p) => ({ department: names.get(p.departmentId), dueOn: p.dueOn, request: p.request })),
      },
      message: `${doc.receiptNo}「${doc.title}」：分办至 ${list}`,
    });
    return { id: doc.id, state: to };
  },
});

/* ------------------------------------------------------------------ 办理 / 退回 */

async function departmentStep(ctx: MutationContext, step: 'handle' | 'return', assignmentId: string, opinion: string) {
  const { tx, actor } = ctx;
  const [found] = await tx.select({ documentId: incomingAssignments.documentId }).from(incomingAssignments).where(eq(incomingAssignments.id, assignmentId));
  if (!found) fail('分办记录不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  // The document row first (the lock every step of this document takes), then the part as it is now.
  const { doc, parts, facts } = await lockDocument(tx, found.documentId);
  const part = parts.find((a) => a.id === assignmentId)!;
  const to = requireStep(step, actor, facts, part);
  const now = new Date();
  const status: TAssignmentStatus = step === 'handle' ? 'done' : 'returned';
  await tx
    .update(incomingAssignments)
    .set(step === 'handle' ? { status, handlingNote: opinion, handledBy: actor.userId, handledAt: now } : { status, returnReason: opinion, returnedBy: actor.userId, returnedAt: now })
    .where(eq(incomingAssignments.id, part.id));
  await tx.update(incomingDocuments).set({ updatedAt: now }).where(eq(incomingDocuments.id, doc.id));
  const dept = (await departmentNames(tx, [part.departmentId])).get(part.departmentId) ?? part.departmentId;
  await addStep(tx, actor, { documentId: doc.id, action: step, from: doc.state, to, departmentId: part.departmentId, opinion });
  await ctx.audit({
    action: step === 'handle' ? '办理收文' : '退回收文分办',
    objectType: OBJECT_TYPE,
    objectId: doc.id,
    before: { department: dept, status: part.status === 'pending' ? '办理中' : part.status },
    after: { department: dept, status: step === 'handle' ? '已办理' : '已退回', opinion },
    message: `${doc.receiptNo}「${doc.title}」：${dept}${step === 'handle' ? '办理完毕' : '退回分办'}`,
  });
  return { id: doc.id, assignmentId: part.id };
}

export const handleIncoming = defineMutation({
  name: '办理收文',
  permission: 'incoming:handle',
  objectType: OBJECT_TYPE,
  schema: ZHandle,
  run: (ctx, input) => departmentStep(ctx, 'handle', input.assignmentId, input.opinion),
});

export const returnIncoming = defineMutation({
  name: '退回收文分办',
  permission: 'incoming:handle',
  objectType: OBJECT_TYPE,
  schema: ZReturn,
  run: (ctx, input) => departmentStep(ctx, 'return', input.assignmentId, input.opinion),
});

/* ------------------------------------------------------------------ 办结 */

export const completeIncoming = defineMutation({
  name: '办结收文',
  permission: 'incoming:assign',
  objectType: OBJECT_TYPE,
  schema: ZComplete,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const { doc, facts } = await lockDocument(tx, input.id);
    const to = requireStep('complete', actor, facts);
    await tx
      .update(incomingDocuments)
      .set({ state: to, completionNote: input.opinion, replyDocId: input.replyDocId, replyDocTitle: input.replyDocTitle, completedBy: actor.userId, completedAt: new Date() })
      .where(eq(incomingDocuments.id, doc.id));
    const reply = input.replyDocTitle ? `复文：${input.replyDocTitle}` : null;
    await addStep(tx, actor, { documentId: doc.id, action: 'complete', from: doc.state, to, opinion: [input.opinion, reply].filter(Boolean).join('；') || null });
    await ctx.audit({
      action: '办结收文',
      objectType: OBJECT_TYPE,
      objectId: doc.id,
      before: { state: stateText(doc.state) },
      after: { state: stateText(to), opinion: input.opinion, replyDocId: input.replyDocId, replyDocTitle: input.replyDocTitle },
      message: `${doc.receiptNo}「${doc.title}」：办结${reply ? `（${reply}）` : ''}`,
    });
    return { id: doc.id, state: to };
  },
});

/* ------------------------------------------------------------------ attachments */

const ZUpload = z
  .object({
    documentId: zId('收文'),
    fileName: zText('文件名', { max: 200 }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  })
  .superRefine((v, ctx) => {
    const problem = incomingFileProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** The scanned document or its enclosures (PDF or an image, by content), until it is archived. */
export const uploadIncomingAttachment = defineMutation({
  name: '上传收文附件',
  permission: 'incoming:register',
  objectType: ATTACHMENT_TYPE,
  schema: ZUpload,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const { doc } = await lockDocument(tx, input.documentId);
    if (doc.state === 'archived') fail('该收文已归档，不能再上传附件');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, doc.id)));
    if (n >= MAX_ATTACHMENTS) fail(`每件收文最多 ${MAX_ATTACHMENTS} 个附件`);
    const mimeType = sniffDocumentType(input.bytes) ?? fail('文件格式不受支持，请上传 PDF、JPG、PNG 或 WebP', 'INVALID_INPUT');
    const stored = await putFile(input.bytes);
    const [{ id }] = await tx
      .insert(attachments)
      .values({ ownerType: ATTACHMENT_OWNER, ownerId: doc.id, parcelId: doc.parcelId, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3, uploadedBy: actor.userId })
      .returning({ id: attachments.id });
    await ctx.audit({
      action: '上传收文附件',
      objectType: ATTACHMENT_TYPE,
      objectId: id,
      before: null,
      after: { receiptNo: doc.receiptNo, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3 },
      message: `${doc.receiptNo}：上传附件「${input.fileName}」`,
    });
    return { id };
  },
});

export const deleteIncomingAttachment = defineMutation({
  name: '删除收文附件',
  permission: 'incoming:register',
  objectType: ATTACHMENT_TYPE,
  schema: z.object({ id: zId('附件') }),
  async run(ctx, input) {
    const { tx } = ctx;
    const [file] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, input.id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
    if (!file) fail('附件不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const { doc } = await lockDocument(tx, file.ownerId);
    if (doc.state === 'completed' || doc.state === 'archived') fail(`该收文${stateText(doc.state)}，不能删除附件`);
    await tx.delete(attachments).where(eq(attachments.id, file.id));
    await ctx.audit({
      action: '删除收文附件',
      objectType: ATTACHMENT_TYPE,
      objectId: file.id,
      before: { receiptNo: doc.receiptNo, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sm3: file.sm3 },
      after: null,
      message: `${doc.receiptNo}：删除附件「${file.fileName}」`,
    });
    return { id: file.id };
  },
});
