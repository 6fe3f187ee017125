import 'server-only';
import { collectDocument } from '@/modules/archives/collect';
import { and, count, eq, inArray } from 'drizzle-orm';
import { defineMutation, fail, type Actor } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { hasPermission } from '@/platform/permissions/check';
import { attachments } from '@/platform/storage/schema';
import { putFile } from '@/platform/storage/file-store';
import { documentProblem, DOCUMENT_TYPE_LABEL, sniffDocumentType } from '@/platform/storage/document-types';
import { zId, zText } from '@/platform/validation';
import { z } from 'zod';
import { actOnFlow, flowInstances, flowState, getFlowDefinition, loadFlowRefs, resetFlowSteps, saveFlowDefinition, startFlow, validateFlow } from '@/platform/flow';
import { plans } from '@/modules/plans/schema';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import {
  DOCUMENT_ATTACHMENT_OWNER,
  DOCUMENT_OBJECT,
  flowKindOf,
  SIGNED_IS_FINAL,
  SIGNED_STATUSES,
  STEP_DRAFT,
  STEP_ISSUE,
  STEP_PERMISSION_DEFAULT,
  STEP_PERMISSIONS,
  type TDocumentStatus,
  type TLinkType,
} from './constants';
import { documentLinks, documentNumberRules, documents } from './schema';
import { documentFlowFor, documentFlowProblems, ensureDocumentFlow } from './flows';
import { onDocumentIssued, type DocumentRow } from './issue';
import { ZActOnDocument, ZCreateDocument, ZDocumentAttachmentRef, ZSaveDocumentFlow, ZSaveNumberRule, ZUpdateDocument, type TDocumentFields } from './validation';
import { numberTemplateFor } from './numbering-store';

export const OBJECT_TYPE = '公文';
export const ATTACHMENT_TYPE = '公文附件';
export const ATTACHMENT_OWNER = DOCUMENT_ATTACHMENT_OWNER;
export const MAX_DOCUMENT_ATTACHMENTS = 20;
const SETTINGS_TYPE = '公文设置';

export const IN_FLOW_MESSAGE = '公文正在审批中，退回后方可修改';

async function lockDocument(tx: Tx, id: string): Promise<DocumentRow> {
  const [row] = await tx.select().from(documents).where(eq(documents.id, id)).for('update');
  if (!row) fail('公文不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return row;
}

/** Body, title and attachments change only at 拟稿 (草稿 or 已退回), by the drafter. */
function requireEditable(doc: DocumentRow, actor: Actor, what = '修改') {
  if (SIGNED_STATUSES.includes(doc.status as TDocumentStatus)) fail(SIGNED_IS_FINAL);
  if (doc.status === '审批中') fail(IN_FLOW_MESSAGE);
  if (doc.drafterId !== actor.userId) fail(`只有拟稿人${doc.drafterName}可以${what}该公文`, 'FORBIDDEN');
}

async function checkLinks(tx: Tx, input: TDocumentFields): Promise<{ type: TLinkType; ids: string[] }[]> {
  const groups: { type: TLinkType; ids: string[]; label: string; table: typeof plans | typeof reserveProjects | typeof parcels }[] = [
    { type: 'plan', ids: [...new Set(input.planIds)], label: '储备计划', table: plans },
    { type: 'project', ids: [...new Set(input.projectIds)], label: '储备项目', table: reserveProjects },
    { type: 'parcel', ids: [...new Set(input.parcelIds)], label: '地块', table: parcels },
  ];
  for (const g of groups) {
    if (!g.ids.length) continue;
    const found = await tx.select({ id: g.table.id }).from(g.table).where(inArray(g.table.id, g.ids));
    if (found.length !== g.ids.length) fail(`所选${g.label}不存在或已被删除，请刷新后重试`, 'INVALID_INPUT');
  }
  return groups.map((g) => ({ type: g.type, ids: g.ids }));
}

async function writeLinks(tx: Tx, documentId: string, groups: { type: TLinkType; ids: string[] }[]) {
  await tx.delete(documentLinks).where(eq(documentLinks.documentId, documentId));
  const values = groups.flatMap((g) => g.ids.map((targetId) => ({ documentId, targetType: g.type, targetId })));
  if (values.length) await tx.insert(documentLinks).values(values);
}

function fieldsOf(input: TDocumentFields) {
  return {
    docType: input.docType,
    title: input.title,
    issuingOrg: input.issuingOrg,
    mainRecipients: input.mainRecipients,
    copyRecipients: input.copyRecipients,
    urgency: input.urgency,
    secrecy: input.secrecy,
    docDate: input.docDate,
    body: input.body,
  };
}

function snapshot(d: Pick<DocumentRow, 'docType' | 'title' | 'issuingOrg' | 'mainRecipients' | 'copyRecipients' | 'urgency' | 'secrecy' | 'docDate' | 'body'>, links?: { type: TLinkType; ids: string[] }[]) {
  return {
    docType: d.docType,
    title: d.title,
    issuingOrg: d.issuingOrg,
    mainRecipients: d.mainRecipients,
    copyRecipients: d.copyRecipients,
    urgency: d.urgency,
    secrecy: d.secrecy,
    docDate: d.docDate,
    bodyLength: d.body.length,
    ...(links ? { links: links.map((l) => `${l.type}:${l.ids.length}`).join('，') } : {}),
  };
}

async function skipStepsFor(tx: Tx, docType: string, skipCountersign: boolean): Promise<string[]> {
  if (!skipCountersign) return [];
  const def = await getFlowDefinition(tx, flowKindOf(docType));
  return (def?.steps ?? []).filter((s) => s.optional).map((s) => s.key);
}

/** 拟稿: a new 发文 draft, its flow started (waiting for the drafter to submit it). */
export const createDocument = defineMutation({
  name: '新建发文',
  permission: 'document:draft',
  objectType: OBJECT_TYPE,
  schema: ZCreateDocument,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const links = await checkLinks(tx, input);
    const ensured = await ensureDocumentFlow(tx, actor, input.docType);
    if (ensured.created) {
      await ctx.audit({ action: '设置公文流程', objectType: SETTINGS_TYPE, objectId: flowKindOf(input.docType), before: null, after: { steps: ensured.created.steps.map((s) => s.name).join(' → ') }, message: `「${input.docType}」首次发文，采用默认流程` });
    }
    const skipSteps = await skipStepsFor(tx, input.docType, input.skipCountersign);
    const [doc] = await tx
      .insert(documents)
      .values({ ...fieldsOf(input), direction: '发文', status: '草稿', departmentId: actor.departmentId, drafterId: actor.userId, drafterName: actor.displayName, skipSteps })
      .returning();
    await writeLinks(tx, doc.id, links);
    await startFlow(tx, { kind: flowKindOf(input.docType), objectType: DOCUMENT_OBJECT, objectId: doc.id, actor, skipSteps });
    await ctx.audit({ action: '新建发文', objectType: OBJECT_TYPE, objectId: doc.id, before: null, after: snapshot(doc, links), message: `新建发文「${doc.title}」` });
    return { id: doc.id };
  },
});

/** 修改 a draft (草稿 or 已退回) by its drafter; refused once submitted, and for good once 签发. */
export const updateDocument = defineMutation({
  name: '修改发文',
  permission: 'document:draft',
  objectType: OBJECT_TYPE,
  schema: ZUpdateDocument,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const doc = await lockDocument(tx, input.id);
    requireEditable(doc, actor);
    if (doc.version !== input.version) fail('公文已被他人修改，请刷新后重试', 'CONFLICT');
    const links = await checkLinks(tx, input);
    if (input.docType !== doc.docType) {
      if (doc.status !== '草稿') fail('已提交过的公文不能更改类型', 'RULE_VIOLATION', { docType: '已提交过的公文不能更改类型' });
      // Never submitted: no decisions recorded; the flow of the new type replaces it.
      await ensureDocumentFlow(tx, actor, input.docType);
      await tx.delete(flowInstances).where(and(eq(flowInstances.objectType, DOCUMENT_OBJECT), eq(flowInstances.objectId, doc.id)));
      const skip = await skipStepsFor(tx, input.docType, input.skipCountersign);
      await startFlow(tx, { kind: flowKindOf(input.docType), objectType: DOCUMENT_OBJECT, objectId: doc.id, actor, skipSteps: skip });
      await tx.update(documents).set({ skipSteps: skip }).where(eq(documents.id, doc.id));
    } else {
      const skip = await skipStepsFor(tx, input.docType, input.skipCountersign);
      if (skip.join(',') !== doc.skipSteps.join(',')) {
        await resetFlowSteps(tx, DOCUMENT_OBJECT, doc.id, skip);
        await tx.update(documents).set({ skipSteps: skip }).where(eq(documents.id, doc.id));
      }
    }
    const [after] = await tx
      .update(documents)
      .set({ ...fieldsOf(input), version: doc.version + 1, updatedAt: new Date() })
      .where(eq(documents.id, doc.id))
      .returning();
    await writeLinks(tx, doc.id, links);
    await ctx.audit({ action: '修改发文', objectType: OBJECT_TYPE, objectId: doc.id, before: snapshot(doc), after: snapshot(after, links), message: `修改发文「${after.title}」` });
    return { id: doc.id };
  },
});

const DECISION_LABEL = { approve: '通过', return: '退回' } as const;

/**
 * One step of a 发文's flow: 提交 (the drafter at 拟稿), 通过 or 退回 (with an opinion). The step's
 * permission is checked besides its role; completing 签发 assigns the number (onDocumentIssued).
 */
export const actOnDocument = defineMutation({
  name: '办理发文',
  permission: 'document:view',
  objectType: OBJECT_TYPE,
  schema: ZActOnDocument,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const doc = await lockDocument(tx, input.id);
    const needed = STEP_PERMISSIONS[input.expectedStepKey] ?? STEP_PERMISSION_DEFAULT;
    const state = await flowState(tx, DOCUMENT_OBJECT, doc.id);
    const stepName = state?.steps.find((s) => s.key === input.expectedStepKey)?.name ?? input.expectedStepKey;
    if (!hasPermission(actor, needed)) fail(`您没有办理「${stepName}」的权限`, 'FORBIDDEN');
    if (input.expectedStepKey === STEP_DRAFT && input.decision === 'approve' && !doc.title.trim()) fail('请先填写标题');
    const result = await actOnFlow(tx, actor, { objectType: DOCUMENT_OBJECT, objectId: doc.id, expectedStepKey: input.expectedStepKey, decision: input.decision, opinion: input.opinion });
    let status: TDocumentStatus = doc.status as TDocumentStatus;
    let docNo = doc.docNo;
    if (result.returned) status = '已退回';
    else if (result.completedStepKey === STEP_DRAFT) status = result.finished ? '已归档' : '审批中';
    if (result.completedStepKey === STEP_ISSUE) {
      const issued = await onDocumentIssued(tx, actor, doc);
      docNo = issued.docNo;
      status = '已签发';
    }
    if (result.finished) status = '已归档';
    // 预归档: an archived 发文 linked to a parcel or project goes to the archivist's 待归档 list.
    if (status === '已归档' && doc.status !== '已归档') await collectDocument(tx, doc.id);
    if (status !== (doc.status as TDocumentStatus) || result.completedStepKey === STEP_ISSUE) {
      await tx.update(documents).set({ status, updatedAt: new Date() }).where(eq(documents.id, doc.id));
    }
    const verb = input.expectedStepKey === STEP_DRAFT && input.decision === 'approve' ? '提交' : DECISION_LABEL[input.decision];
    await ctx.audit({
      action: input.decision === 'return' ? '退回发文' : result.completedStepKey === STEP_ISSUE ? '签发公文' : '办理发文',
      objectType: OBJECT_TYPE,
      objectId: doc.id,
      before: { status: doc.status, docNo: doc.docNo },
      after: { status, docNo, step: stepName, decision: DECISION_LABEL[input.decision], opinion: input.opinion },
      message: `「${doc.title}」${stepName}：${verb}${docNo && result.completedStepKey === STEP_ISSUE ? `，文号 ${docNo}` : ''}`,
    });
    return { status, docNo, finished: result.finished, currentStepKey: result.currentStep?.key ?? null };
  },
});

/** /documents/settings: the flow of a 发文 type (validated so it always ends and has 签发). */
export const saveDocumentFlow = defineMutation({
  name: '设置公文流程',
  permission: 'document:admin',
  objectType: SETTINGS_TYPE,
  schema: ZSaveDocumentFlow,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const steps = input.steps.map((s) => ({ ...s, departmentIds: s.departmentIds ?? [] }));
    const def = { kind: flowKindOf(input.docType), name: `${input.docType}发文流程`, steps };
    const problems = [...validateFlow(def, await loadFlowRefs(tx)), ...documentFlowProblems(steps)];
    if (problems.length) fail(problems.join('；'), 'INVALID_INPUT');
    const before = await documentFlowFor(tx, input.docType);
    const saved = await saveFlowDefinition(tx, actor, def);
    await ctx.audit({
      action: '设置公文流程',
      objectType: SETTINGS_TYPE,
      objectId: def.kind,
      before: { steps: before.steps.map((s) => s.name + (s.optional ? '（可跳过）' : '')).join(' → ') },
      after: { steps: saved.after.steps.map((s) => s.name + (s.optional ? '（可跳过）' : '')).join(' → ') },
      message: `设置「${input.docType}」的发文流程`,
    });
    return { kind: def.kind };
  },
});

/** /documents/settings: the 发文字号 rule of a type; a template with a typo is refused. */
export const saveNumberRule = defineMutation({
  name: '设置发文字号规则',
  permission: 'document:admin',
  objectType: SETTINGS_TYPE,
  schema: ZSaveNumberRule,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const before = await numberTemplateFor(tx, input.docType);
    const [existing] = await tx.select().from(documentNumberRules).where(eq(documentNumberRules.docType, input.docType)).for('update');
    if (existing) {
      await tx
        .update(documentNumberRules)
        .set({ template: input.template, updatedAt: new Date(), updatedBy: actor.userId, updatedByName: actor.displayName })
        .where(eq(documentNumberRules.docType, input.docType));
    } else {
      await tx.insert(documentNumberRules).values({ docType: input.docType, template: input.template, updatedBy: actor.userId, updatedByName: actor.displayName });
    }
    await ctx.audit({
      action: '设置发文字号规则',
      objectType: SETTINGS_TYPE,
      objectId: `文号:${input.docType}`,
      before: { template: before },
      after: { template: input.template },
      message: `「${input.docType}」的文号规则改为 ${input.template}`,
    });
    return { docType: input.docType };
  },
});

/* ------------------------------------------------------------------ attachments */

const ZUpload = z
  .object({
    documentId: zId('公文'),
    fileName: zText('文件名', { max: 200 }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  })
  .superRefine((v, ctx) => {
    const problem = documentProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** An attachment (PDF or scan, checked by content) on a draft, by its drafter; none after 签发. */
export const uploadDocumentAttachment = defineMutation({
  name: '上传公文附件',
  permission: 'document:draft',
  objectType: ATTACHMENT_TYPE,
  schema: ZUpload,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const doc = await lockDocument(tx, input.documentId);
    requireEditable(doc, actor, '上传附件到');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, doc.id)));
    if (n >= MAX_DOCUMENT_ATTACHMENTS) fail(`每份公文最多 ${MAX_DOCUMENT_ATTACHMENTS} 个附件`);
    const mimeType = sniffDocumentType(input.bytes) ?? fail(`文件格式不受支持，请上传 ${DOCUMENT_TYPE_LABEL}`, 'INVALID_INPUT');
    const stored = await putFile(input.bytes);
    const [{ id }] = await tx
      .insert(attachments)
      .values({ ownerType: ATTACHMENT_OWNER, ownerId: doc.id, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3, uploadedBy: actor.userId })
      .returning({ id: attachments.id });
    await tx.update(documents).set({ version: doc.version + 1, updatedAt: new Date() }).where(eq(documents.id, doc.id));
    await ctx.audit({
      action: '上传公文附件',
      objectType: ATTACHMENT_TYPE,
      objectId: id,
      before: null,
      after: { title: doc.title, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3 },
      message: `「${doc.title}」：上传附件「${input.fileName}」`,
    });
    return { id };
  },
});

export const deleteDocumentAttachment = defineMutation({
  name: '删除公文附件',
  permission: 'document:draft',
  objectType: ATTACHMENT_TYPE,
  schema: ZDocumentAttachmentRef,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [file] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, input.id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
    if (!file) fail('附件不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const doc = await lockDocument(tx, file.ownerId);
    requireEditable(doc, actor, '删除附件于');
    await tx.delete(attachments).where(eq(attachments.id, file.id));
    await tx.update(documents).set({ version: doc.version + 1, updatedAt: new Date() }).where(eq(documents.id, doc.id));
    await ctx.audit({
      action: '删除公文附件',
      objectType: ATTACHMENT_TYPE,
      objectId: file.id,
      before: { title: doc.title, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sm3: file.sm3 },
      after: null,
      message: `「${doc.title}」：删除附件「${file.fileName}」`,
    });
    return { id: file.id };
  },
});
