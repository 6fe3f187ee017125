import 'server-only';
import { collectLedgerEntry } from '@/modules/archives/collect';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail, type Actor, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { zId, zText } from '@/platform/validation';
import { attachments } from '@/platform/storage/schema';
import { putFile } from '@/platform/storage/file-store';
import { todayInShanghai } from '@/ui/format';
import { APPROVED_IS_FINAL, WORKFLOW_PERMISSIONS, fundSourceName, negateAmount, nextStatus, workflowActorProblem, type TEntryStatus, type TWorkflowAction } from '../rules';
import { ledgerEntries, ledgerSteps } from '../schema';
import { nextEntryNo } from './counters';
import { requireSpendingAcknowledged } from './spending';
import { EDITABLE_STATUSES, UPLOAD_STATUSES, isEditableStatus } from './entry-actions';
import { LEDGER_FILE_LABEL, ledgerFileProblem, sniffLedgerFile } from './files-rules';
import {
  ATTACHMENT_OWNER,
  OBJECT_TYPE,
  accountProblem,
  addStep,
  checkReferences,
  describeReferences,
  findAccount,
  findProject,
  hasPendingReversal,
  lockEntry,
  requireOpenForSpending,
  snapshot,
  statusText,
  takeBackCompensation,
  type AccountRef,
  type EntryRow,
} from './store';
import { tagApprovedEntry } from './integrity';
import { reversalApprovedNote, reversalRequestedNote } from './steps';
import { contractForEntry, requirePaymentWithinContract } from '@/modules/contracts/payments';
import {
  isTreasuryIncome,
  postedOrigin,
  TREASURY_INCOME_NO_ACCOUNT,
  ZApproveEntry,
  ZAttachmentRef,
  ZCreateEntry,
  ZEntryRef,
  ZReturnEntry,
  ZReverseEntry,
  ZReviewEntry,
  ZUpdateEntry,
} from './validation';

const ATTACHMENT_TYPE = '资金收支附件';
const MAX_ATTACHMENTS = 20;

function notEditable(entry: EntryRow, what: string): never {
  if (entry.status === 'approved') fail(APPROVED_IS_FINAL);
  fail(`记录当前为「${statusText(entry.status)}」，不能${what}；如需${what}，请先由审核人退回`);
}

function requireCreator(entry: EntryRow, actor: Actor, message: string): void {
  if (entry.createdBy !== actor.userId) fail(message, 'FORBIDDEN');
}

/** The next status of `action` and the separation-of-duties check, both from the rules. */
async function decide(tx: Tx, actor: Actor, entry: EntryRow, action: TWorkflowAction): Promise<TEntryStatus> {
  const settings = await getSettings(tx);
  const next = nextStatus(entry.status as TEntryStatus, action, { amount: entry.amount, leaderThreshold: String(settings['fund.leaderThresholdYuan']) });
  if (!next.ok) fail(next.message);
  const problem = workflowActorProblem(action, {
    actorId: actor.userId,
    submittedBy: entry.submittedBy,
    reviewedBy: entry.reviewedBy,
    approvedBy: entry.approvedBy,
    permissions: actor.permissions,
    status: entry.status as TEntryStatus,
  });
  if (problem) fail(problem, 'FORBIDDEN');
  return next.status;
}

async function snapshotOf(tx: Tx, entry: EntryRow) {
  const names = await describeReferences(tx, entry);
  const [original] = entry.reversalOf
    ? await tx.select({ entryNo: ledgerEntries.entryNo }).from(ledgerEntries).where(eq(ledgerEntries.id, entry.reversalOf))
    : [];
  return snapshot(entry, { ...names, reversalOfNo: original?.entryNo ?? null });
}

/* ------------------------------------------------------------------ create / update / delete */

export const createEntry = defineMutation({
  name: '登记资金收支',
  permission: 'fund:enter',
  objectType: OBJECT_TYPE,
  schema: ZCreateEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const refs = await checkReferences(tx, input);
    const contract = await contractForEntry(tx, input);
    const entryNo = await nextEntryNo(tx, input.entryDate);
    const now = new Date();
    const status: TEntryStatus = input.submit ? 'submitted' : 'draft';
    const [entry] = await tx
      .insert(ledgerEntries)
      .values({
        entryNo,
        direction: input.direction,
        entryDate: input.entryDate,
        amount: input.amount,
        category: input.category,
        sourceCode: refs.sourceCode,
        accountId: input.accountId,
        projectId: input.projectId,
        parcelId: input.parcelId,
        contractNo: contract?.contractNo ?? input.contractNo,
        contractId: contract?.id ?? null,
        voucherNo: input.voucherNo,
        counterparty: input.counterparty,
        description: input.description,
        status,
        origin: 'manual',
        createdBy: actor.userId,
        ...(input.submit ? { submittedBy: actor.userId, submittedAt: now } : {}),
      })
      .returning();
    if (input.submit) await requirePaymentWithinContract(tx, entry);
    await addStep(tx, actor, { entryId: entry.id, action: 'create', fromStatus: null, toStatus: 'draft' });
    if (input.submit) await addStep(tx, actor, { entryId: entry.id, action: 'submit', fromStatus: 'draft', toStatus: 'submitted' });
    await ctx.audit({
      action: input.submit ? '登记并提交资金收支' : '登记资金收支',
      objectType: OBJECT_TYPE,
      objectId: entry.id,
      before: null,
      after: snapshot(entry, { projectLabel: `${refs.project.code} ${refs.project.name}`, parcelCode: refs.parcelCode, accountName: refs.account?.name ?? null }),
      message: `${entryNo}：${input.direction === 'income' ? '收入' : '支出'} ${input.amount} 元（${input.category}），项目 ${refs.project.code}${input.submit ? '，已提交科室审核' : '，草稿'}`,
    });
    return { id: entry.id, entryNo, status };
  },
});

export const updateEntry = defineMutation({
  name: '修改资金收支',
  permission: 'fund:enter',
  objectType: OBJECT_TYPE,
  schema: ZUpdateEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    if (!isEditableStatus(entry.status as TEntryStatus)) notEditable(entry, '修改');
    requireCreator(entry, actor, '只有经办人本人可以修改该记录');
    if (entry.origin === 'reversal') fail('冲销记录不能修改；如有误，请删除后重新办理冲销');
    const posted = postedOrigin(entry.origin);
    if (
      posted &&
      (input.direction !== entry.direction || input.amount !== entry.amount || input.category !== entry.category || input.projectId !== entry.projectId || input.parcelId !== entry.parcelId)
    ) {
      fail(`由${posted.from}生成的${posted.what}不能修改收支方向、金额、科目、项目和地块；${posted.correction}`);
    }
    const before = await snapshotOf(tx, entry);
    const refs = await checkReferences(tx, input);
    const contract = await contractForEntry(tx, input);
    const [updated] = await tx
      .update(ledgerEntries)
      .set({
        direction: input.direction,
        entryDate: input.entryDate,
        amount: input.amount,
        category: input.category,
        sourceCode: refs.sourceCode,
        accountId: input.accountId,
        projectId: input.projectId,
        parcelId: input.parcelId,
        contractNo: contract?.contractNo ?? input.contractNo,
        contractId: contract?.id ?? null,
        voucherNo: input.voucherNo,
        counterparty: input.counterparty,
        description: input.description,
        version: entry.version + 1,
      })
      .where(eq(ledgerEntries.id, entry.id))
      .returning();
    await ctx.audit({
      action: '修改资金收支',
      objectType: OBJECT_TYPE,
      objectId: entry.id,
      before,
      after: snapshot(updated, { projectLabel: `${refs.project.code} ${refs.project.name}`, parcelCode: refs.parcelCode, accountName: refs.account?.name ?? null, reversalOfNo: before.reversalOf }),
      message: `修改 ${entry.entryNo}`,
    });
    return { id: entry.id, version: updated.version };
  },
});

export const deleteEntry = defineMutation({
  name: '删除资金收支',
  permission: 'fund:enter',
  objectType: OBJECT_TYPE,
  schema: ZEntryRef,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    if (!isEditableStatus(entry.status as TEntryStatus)) notEditable(entry, '删除');
    requireCreator(entry, actor, '只有经办人本人可以删除该记录');
    const refusal = postedOrigin(entry.origin)?.deleteRefusal;
    if (refusal) fail(refusal);
    const before = await snapshotOf(tx, entry);
    const taken = entry.origin === 'compensation' && entry.partyId ? await takeBackCompensation(tx, entry.partyId, entry.amount) : null;
    await tx.delete(ledgerSteps).where(eq(ledgerSteps.entryId, entry.id));
    await tx.delete(attachments).where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, entry.id)));
    await tx.delete(ledgerEntries).where(eq(ledgerEntries.id, entry.id));
    await ctx.audit({
      action: '删除资金收支',
      objectType: OBJECT_TYPE,
      objectId: entry.id,
      before,
      after: null,
      message: `删除 ${entry.entryNo}${taken ? `；补偿对象「${taken.name}」已支付金额由 ${taken.before} 元改为 ${taken.after} 元` : ''}`,
    });
    if (taken && entry.partyId) {
      await ctx.audit({
        action: '冲减补偿已支付金额',
        objectType: '补偿对象',
        objectId: entry.partyId,
        before: { amountPaid: taken.before },
        after: { amountPaid: taken.after },
        message: `删除征收补偿支付记录 ${entry.entryNo}（${entry.amount} 元），补偿对象「${taken.name}」的已支付金额相应减少`,
      });
    }
    return { id: entry.id };
  },
});

/* ------------------------------------------------------------------ workflow */

type EntryChanges = Partial<typeof ledgerEntries.$inferInsert>;

/**
 * One workflow step on a locked entry: the row moves to `to` (with the step's own columns and a
 * new version), and the step is written to ledger_steps. Returns the updated row.
 */
async function moveEntry(
  ctx: MutationContext,
  entry: EntryRow,
  action: TWorkflowAction,
  to: TEntryStatus,
  set: EntryChanges,
  comment?: string | null,
  warnings?: Warning[],
): Promise<EntryRow> {
  const [updated] = await ctx.tx
    .update(ledgerEntries)
    .set({ ...set, status: to, version: entry.version + 1 })
    .where(eq(ledgerEntries.id, entry.id))
    .returning();
  // The final approval seals the entry: its HMAC-SM3 tag is checked on every read (integrity.ts).
  if (to === 'approved') await tagApprovedEntry(ctx.tx, entry.id);
  await addStep(ctx.tx, ctx.actor, { entryId: entry.id, action, fromStatus: entry.status as TEntryStatus, toStatus: to, comment, warnings: warnings?.map((w) => ({ code: w.code, message: w.message })) });
  return updated;
}

type Warning = { code: string; message: string };

/** The acknowledged warnings in the audit entry of a step, and a note for its message. */
function warningsAudit(warnings: Warning[]): { after: Record<string, unknown>; note: string } {
  if (!warnings.length) return { after: {}, note: '' };
  return { after: { acknowledgedWarnings: warnings.map((w) => w.message).join('；') }, note: `；审批人已确认资金预警 ${warnings.length} 项` };
}

/** The audit entry of a workflow step: the status change, plus what else the step records. */
async function auditStep(
  ctx: MutationContext,
  entry: EntryRow,
  to: TEntryStatus,
  step: { action: string; message: string; comment?: string | null; before?: Record<string, unknown>; after?: Record<string, unknown> },
): Promise<void> {
  await ctx.audit({
    action: step.action,
    objectType: OBJECT_TYPE,
    objectId: entry.id,
    before: { status: statusText(entry.status), ...step.before },
    after: { status: statusText(to), ...(step.comment === undefined ? {} : { comment: step.comment }), ...step.after },
    message: step.message,
  });
}

export const submitEntry = defineMutation({
  name: '提交资金收支',
  permission: WORKFLOW_PERMISSIONS.submit,
  objectType: OBJECT_TYPE,
  schema: ZEntryRef,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    const to = await decide(tx, actor, entry, 'submit');
    requireCreator(entry, actor, '只有经办人本人可以提交该记录');
    requireOpenForSpending(await findProject(tx, entry.projectId), entry);
    await requirePaymentWithinContract(tx, entry);
    await moveEntry(ctx, entry, 'submit', to, {
      submittedBy: actor.userId,
      submittedAt: new Date(),
      reviewedBy: null,
      reviewedAt: null,
      approvedBy: null,
      approvedAt: null,
      leaderBy: null,
      leaderAt: null,
      leaderRequired: false,
      returnComment: null,
    });
    await auditStep(ctx, entry, to, { action: '提交资金收支', message: `提交 ${entry.entryNo}（${entry.amount} 元）` });
    return { id: entry.id, status: to };
  },
});

export const reviewEntry = defineMutation({
  name: '审核资金收支',
  permission: WORKFLOW_PERMISSIONS.review,
  objectType: OBJECT_TYPE,
  schema: ZReviewEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    const to = await decide(tx, actor, entry, 'review');
    const warnings = await requireSpendingAcknowledged(tx, entry, input.acknowledged);
    await moveEntry(ctx, entry, 'review', to, { reviewedBy: actor.userId, reviewedAt: new Date() }, input.comment, warnings);
    const w = warningsAudit(warnings);
    await auditStep(ctx, entry, to, { action: '审核资金收支', comment: input.comment, after: w.after, message: `科室审核通过 ${entry.entryNo}（${entry.amount} 元）${w.note}` });
    return { id: entry.id, status: to };
  },
});

/**
 * When an entry becomes approved: a reversal marks its original as reversed (and, for a
 * compensation payment, takes the amount back off the party's amount paid).
 */
async function finalizeApproved(ctx: MutationContext, entry: EntryRow): Promise<string> {
  // 预归档: the approved entry (记账凭证) and its voucher files go to the archivist's 待归档 list.
  await collectLedgerEntry(ctx.tx, entry.id);
  if (entry.origin !== 'reversal' || !entry.reversalOf) return '';
  const { tx, actor } = ctx;
  const original = await lockEntry(tx, entry.reversalOf);
  if (original.reversedBy) fail(`原记录 ${original.entryNo} 已被冲销，不能重复冲销`);
  await tx.update(ledgerEntries).set({ reversedBy: entry.id, version: original.version + 1 }).where(eq(ledgerEntries.id, original.id));
  await addStep(tx, actor, {
    entryId: original.id,
    action: 'reversal-approved',
    fromStatus: 'approved',
    toStatus: 'approved',
    comment: reversalApprovedNote(entry.entryNo),
  });
  let note = `；原记录 ${original.entryNo} 已冲销`;
  if (original.origin === 'compensation' && original.partyId) {
    const taken = await takeBackCompensation(tx, original.partyId, original.amount);
    if (taken) {
      note += `；补偿对象「${taken.name}」已支付金额由 ${taken.before} 元改为 ${taken.after} 元`;
      await ctx.audit({
        action: '冲减补偿已支付金额',
        objectType: '补偿对象',
        objectId: original.partyId,
        before: { amountPaid: taken.before },
        after: { amountPaid: taken.after },
        message: `征收补偿支付记录 ${original.entryNo}（${original.amount} 元）已冲销，补偿对象「${taken.name}」的已支付金额相应减少`,
      });
    }
  }
  await ctx.audit({
    action: '冲销生效',
    objectType: OBJECT_TYPE,
    objectId: original.id,
    before: { reversedBy: null },
    after: { reversedBy: entry.entryNo },
    message: `${original.entryNo} 由 ${entry.entryNo} 冲销`,
  });
  return note;
}

/**
 * The account 财务审批 books the entry to: the one chosen now or on the entry, active and of the
 * entry's source. 零星收入 goes to the treasury and takes none (F18, 收支两条线).
 */
async function approvalAccount(tx: Tx, entry: EntryRow, chosen: string | null): Promise<AccountRef | null> {
  if (isTreasuryIncome(entry)) {
    if (chosen !== null) fail(TREASURY_INCOME_NO_ACCOUNT, 'INVALID_INPUT', { accountId: TREASURY_INCOME_NO_ACCOUNT });
    return null;
  }
  const account = await findAccount(tx, chosen ?? entry.accountId ?? fail('财务审批时请选择资金账户', 'INVALID_INPUT'));
  const problem = accountProblem(account, entry.sourceCode);
  if (problem) fail(problem, 'INVALID_INPUT');
  return account;
}

export const approveEntry = defineMutation({
  name: '财务审批资金收支',
  permission: WORKFLOW_PERMISSIONS.approve,
  objectType: OBJECT_TYPE,
  schema: ZApproveEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    const to = await decide(tx, actor, entry, 'approve');
    requireOpenForSpending(await findProject(tx, entry.projectId), entry);
    const account = await approvalAccount(tx, entry, input.accountId);
    const sourceCode = entry.sourceCode ?? account?.sourceCode ?? null;
    const warnings = await requireSpendingAcknowledged(tx, entry, input.acknowledged);
    const updated = await moveEntry(
      ctx,
      entry,
      'approve',
      to,
      { approvedBy: actor.userId, approvedAt: new Date(), leaderRequired: to === 'leader', accountId: account?.id ?? null, sourceCode },
      input.comment,
      warnings,
    );
    const w = warningsAudit(warnings);
    const beforeAccount = entry.accountId ? (await describeReferences(tx, entry)).accountName : null;
    const note = to === 'approved' ? await finalizeApproved(ctx, updated) : '，待中心领导审批';
    await auditStep(ctx, entry, to, {
      action: '财务审批资金收支',
      comment: input.comment,
      before: { account: beforeAccount, source: entry.sourceCode ? fundSourceName(entry.sourceCode) : null },
      after: { account: account?.name ?? null, source: sourceCode ? fundSourceName(sourceCode) : null, leaderRequired: to === 'leader', ...w.after },
      message: `财务审批 ${entry.entryNo}（${entry.amount} 元）${note}${w.note}`,
    });
    return { id: entry.id, status: to };
  },
});

export const leaderApproveEntry = defineMutation({
  name: '领导审批资金收支',
  permission: WORKFLOW_PERMISSIONS['leader-approve'],
  objectType: OBJECT_TYPE,
  schema: ZReviewEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    const to = await decide(tx, actor, entry, 'leader-approve');
    requireOpenForSpending(await findProject(tx, entry.projectId), entry);
    const warnings = await requireSpendingAcknowledged(tx, entry, input.acknowledged);
    const updated = await moveEntry(ctx, entry, 'leader-approve', to, { leaderBy: actor.userId, leaderAt: new Date() }, input.comment, warnings);
    const note = to === 'approved' ? await finalizeApproved(ctx, updated) : '';
    const w = warningsAudit(warnings);
    await auditStep(ctx, entry, to, { action: '领导审批资金收支', comment: input.comment, after: w.after, message: `领导审批 ${entry.entryNo}（${entry.amount} 元）${note}${w.note}` });
    return { id: entry.id, status: to };
  },
});

export const returnEntry = defineMutation({
  name: '退回资金收支',
  permission: WORKFLOW_PERMISSIONS.return,
  objectType: OBJECT_TYPE,
  schema: ZReturnEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.id, input.version);
    const to = await decide(tx, actor, entry, 'return');
    await moveEntry(ctx, entry, 'return', to, { returnComment: input.comment }, input.comment);
    await auditStep(ctx, entry, to, { action: '退回资金收支', comment: input.comment, message: `退回 ${entry.entryNo}：${input.comment}` });
    return { id: entry.id, status: to };
  },
});

/**
 * 冲销: a new entry with the negated amount, in the same direction, category, project and
 * account, submitted by the actor and going through the same workflow. The original is marked
 * reversed only when the reversal is finally approved.
 */
export const reverseEntry = defineMutation({
  name: '冲销资金收支',
  permission: 'fund:approve',
  objectType: OBJECT_TYPE,
  schema: ZReverseEntry,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const original = await lockEntry(tx, input.id, input.version);
    if (original.status !== 'approved') fail(`只有已审批的记录可以冲销；该记录当前为「${statusText(original.status)}」，可退回修改或删除`);
    if (original.origin === 'reversal') fail('冲销记录不能再冲销');
    if (original.reversedBy) fail('该记录已冲销，不能重复冲销');
    if (await hasPendingReversal(tx, original.id)) fail('该记录已有一笔冲销正在审批中，不能重复冲销');
    const entryDate = input.entryDate ?? todayInShanghai();
    if (entryDate < original.entryDate) fail(`冲销日期不能早于原记录的发生日期（${original.entryDate}）`, 'INVALID_INPUT');
    const entryNo = await nextEntryNo(tx, entryDate);
    const [reversal] = await tx
      .insert(ledgerEntries)
      .values({
        entryNo,
        direction: original.direction,
        entryDate,
        amount: negateAmount(original.amount),
        category: original.category,
        sourceCode: original.sourceCode,
        accountId: original.accountId,
        projectId: original.projectId,
        parcelId: original.parcelId,
        partyId: original.partyId,
        contractNo: original.contractNo,
        contractId: original.contractId,
        counterparty: original.counterparty,
        description: `冲销 ${original.entryNo}：${input.reason}`,
        status: 'submitted',
        origin: 'reversal',
        reversalOf: original.id,
        createdBy: actor.userId,
        submittedBy: actor.userId,
        submittedAt: new Date(),
      })
      .returning();
    await tx.update(ledgerEntries).set({ version: original.version + 1 }).where(eq(ledgerEntries.id, original.id));
    await addStep(tx, actor, { entryId: reversal.id, action: 'reverse', fromStatus: null, toStatus: 'submitted', comment: input.reason });
    await addStep(tx, actor, { entryId: original.id, action: 'reverse', fromStatus: 'approved', toStatus: 'approved', comment: reversalRequestedNote(entryNo, input.reason) });
    const names = await describeReferences(tx, reversal);
    await ctx.audit({
      action: '冲销资金收支',
      objectType: OBJECT_TYPE,
      objectId: reversal.id,
      before: null,
      after: { ...snapshot(reversal, { ...names, reversalOfNo: original.entryNo }), reason: input.reason },
      message: `冲销 ${original.entryNo}（${original.amount} 元），冲销记录 ${entryNo} 已提交科室审核`,
    });
    return { id: reversal.id, entryNo };
  },
});

/* ------------------------------------------------------------------ attachments */

const ZUpload = z
  .object({
    entryId: zId('收支记录'),
    fileName: zText('文件名', { max: 200 }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  })
  .superRefine((v, ctx) => {
    const problem = ledgerFileProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** A voucher, invoice or contract scan (PDF, JPEG or PNG, checked by content) on an entry. */
export const uploadEntryAttachment = defineMutation({
  name: '上传收支附件',
  permission: 'fund:enter',
  objectType: ATTACHMENT_TYPE,
  schema: ZUpload,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const entry = await lockEntry(tx, input.entryId);
    if (!UPLOAD_STATUSES.includes(entry.status as TEntryStatus)) {
      if (entry.status === 'approved') fail(APPROVED_IS_FINAL);
      fail(`记录当前为「${statusText(entry.status)}」，不能再上传附件`);
    }
    requireCreator(entry, actor, '只有经办人本人可以为该记录上传附件');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, entry.id)));
    if (n >= MAX_ATTACHMENTS) fail(`每条收支记录最多 ${MAX_ATTACHMENTS} 个附件`);
    const mimeType = sniffLedgerFile(input.bytes) ?? fail(`文件格式不受支持，请上传 ${LEDGER_FILE_LABEL}`, 'INVALID_INPUT');
    const stored = await putFile(input.bytes);
    const [{ id }] = await tx
      .insert(attachments)
      .values({
        ownerType: ATTACHMENT_OWNER,
        ownerId: entry.id,
        parcelId: entry.parcelId,
        fileName: input.fileName,
        mimeType,
        sizeBytes: stored.sizeBytes,
        sm3: stored.sm3,
        uploadedBy: actor.userId,
      })
      .returning({ id: attachments.id });
    await ctx.audit({
      action: '上传收支附件',
      objectType: ATTACHMENT_TYPE,
      objectId: id,
      before: null,
      after: { entryNo: entry.entryNo, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3 },
      message: `${entry.entryNo}：上传附件「${input.fileName}」`,
    });
    return { id };
  },
});

export const deleteEntryAttachment = defineMutation({
  name: '删除收支附件',
  permission: 'fund:enter',
  objectType: ATTACHMENT_TYPE,
  schema: ZAttachmentRef,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [file] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, input.id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
    if (!file) fail('附件不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const entry = await lockEntry(tx, file.ownerId);
    if (!EDITABLE_STATUSES.includes(entry.status as TEntryStatus)) notEditable(entry, '删除附件');
    requireCreator(entry, actor, '只有经办人本人可以删除该记录的附件');
    await tx.delete(attachments).where(eq(attachments.id, file.id));
    await ctx.audit({
      action: '删除收支附件',
      objectType: ATTACHMENT_TYPE,
      objectId: file.id,
      before: { entryNo: entry.entryNo, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sm3: file.sm3 },
      after: null,
      message: `${entry.entryNo}：删除附件「${file.fileName}」`,
    });
    return { id: file.id };
  },
});

export type { EntryRow };
