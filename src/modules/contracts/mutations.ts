import 'server-only';
import { collectContract } from '@/modules/archives/collect';
import { and, count, eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { zId, zText } from '@/platform/validation';
import { attachments } from '@/platform/storage/schema';
import { putFile } from '@/platform/storage/file-store';
import { ledgerEntries } from '@/modules/funds/schema';
import { compensationParties, parcels, reserveProjects, workPackages } from '@/modules/parcels/schema';
import { LEDGER_FILE_LABEL, ledgerFileProblem, sniffLedgerFile } from '@/modules/funds/ledger/files-rules';
import { actOnFlow, flowState, startFlow } from '@/platform/flow';
import { CHANGE_FLOW_KIND, CHANGE_FLOW_OBJECT, ensureChangeFlow, STEP_REQUEST } from './flow';
import { contractChanges, contractMilestones, contractParcels, contracts, contractWorkPackages } from './schema';
import { CHANGE_STATUS_LABELS, changeApprovalProblem, contractStatusText, statusTransitionProblem, yuan } from './rules';
import { ATTACHMENT_OWNER, CHANGE_OBJECT_TYPE, figuresOf, lockContract, OBJECT_TYPE, type ContractRow } from './store';
import {
  ZAddMilestone,
  ZContractAttachmentRef,
  ZCreateContract,
  ZDecideChange,
  ZMilestoneRef,
  ZRequestChange,
  ZSetContractStatus,
  ZUpdateContract,
} from './validation';

const MILESTONE_OBJECT_TYPE = '合同付款节点';
const ATTACHMENT_TYPE = '合同附件';
const MAX_ATTACHMENTS = 20;

type ContractInput = z.output<typeof ZCreateContract>;

/** The project, parcels, work packages and party a contract names: each exists and belongs to the project. */
async function checkLinks(tx: Tx, input: ContractInput, contractId: string | null) {
  const [project] = await tx.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, input.projectId));
  if (!project) fail('项目不存在或已被删除', 'INVALID_INPUT', { projectId: '项目不存在或已被删除' });
  const projectLabel = `${project.code} ${project.name}`;
  const parcelRows = input.parcelIds.length
    ? await tx.select({ id: parcels.id, code: parcels.code, projectId: parcels.projectId }).from(parcels).where(inArray(parcels.id, input.parcelIds))
    : [];
  if (parcelRows.length !== input.parcelIds.length) fail('所选地块不存在或已被删除，请刷新后重新选择', 'INVALID_INPUT', { parcelIds: '所选地块不存在或已被删除' });
  const foreign = parcelRows.find((p) => p.projectId !== project.id);
  if (foreign) fail(`地块 ${foreign.code} 不属于项目「${projectLabel}」`, 'INVALID_INPUT', { parcelIds: `地块 ${foreign.code} 不属于所选项目` });
  const workRows = input.workPackageIds.length
    ? await tx
        .select({ id: workPackages.id, workType: workPackages.workType, parcelCode: parcels.code, projectId: parcels.projectId })
        .from(workPackages)
        .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
        .where(inArray(workPackages.id, input.workPackageIds))
    : [];
  if (workRows.length !== input.workPackageIds.length) fail('所选工程不存在或已被删除，请刷新后重新选择', 'INVALID_INPUT', { workPackageIds: '所选工程不存在或已被删除' });
  const foreignWork = workRows.find((w) => w.projectId !== project.id);
  if (foreignWork) fail(`工程「${foreignWork.parcelCode} ${foreignWork.workType}」不属于项目「${projectLabel}」`, 'INVALID_INPUT', { workPackageIds: '所选工程不属于所选项目' });
  if (workRows.length) {
    const taken = await tx
      .select({ workPackageId: contractWorkPackages.workPackageId, contractNo: contracts.contractNo, contractId: contracts.id })
      .from(contractWorkPackages)
      .innerJoin(contracts, eq(contracts.id, contractWorkPackages.contractId))
      .where(inArray(contractWorkPackages.workPackageId, input.workPackageIds));
    const other = taken.find((t) => t.contractId !== contractId);
    if (other) {
      const w = workRows.find((x) => x.id === other.workPackageId)!;
      fail(`工程「${w.parcelCode} ${w.workType}」已属于合同 ${other.contractNo}`, 'INVALID_INPUT', { workPackageIds: `工程「${w.parcelCode} ${w.workType}」已属于合同 ${other.contractNo}` });
    }
  }
  let partyName: string | null = null;
  if (input.partyId) {
    const [party] = await tx
      .select({ id: compensationParties.id, name: compensationParties.name, projectId: parcels.projectId })
      .from(compensationParties)
      .innerJoin(parcels, eq(parcels.id, compensationParties.parcelId))
      .where(eq(compensationParties.id, input.partyId));
    if (!party) fail('补偿对象不存在或已被删除', 'INVALID_INPUT', { partyId: '补偿对象不存在或已被删除' });
    if (party.projectId !== project.id) fail(`补偿对象「${party.name}」不属于项目「${projectLabel}」`, 'INVALID_INPUT', { partyId: '补偿对象不属于所选项目' });
    if (input.contractType !== '征收补偿协议') fail('只有征收补偿协议可以关联补偿对象', 'INVALID_INPUT', { partyId: '只有征收补偿协议可以关联补偿对象' });
    const [other] = await tx.select({ id: contracts.id, no: contracts.contractNo }).from(contracts).where(eq(contracts.partyId, party.id));
    if (other && other.id !== contractId) fail(`补偿对象「${party.name}」的协议已登记为合同 ${other.no}`, 'INVALID_INPUT', { partyId: `已登记为合同 ${other.no}` });
    partyName = party.name;
  }
  return { projectLabel, parcelCodes: parcelRows.map((p) => p.code).sort(), works: workRows.map((w) => `${w.parcelCode} ${w.workType}`).sort(), partyName };
}

async function requireNumberFree(tx: Tx, contractNo: string, selfId: string | null) {
  const [row] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.contractNo, contractNo));
  if (row && row.id !== selfId) fail(`合同编号「${contractNo}」已存在`, 'INVALID_INPUT', { contractNo: '该合同编号已存在' });
}

async function writeLinks(tx: Tx, contractId: string, input: ContractInput) {
  await tx.delete(contractParcels).where(eq(contractParcels.contractId, contractId));
  await tx.delete(contractWorkPackages).where(eq(contractWorkPackages.contractId, contractId));
  for (const parcelId of input.parcelIds) await tx.insert(contractParcels).values({ contractId, parcelId });
  for (const workPackageId of input.workPackageIds) await tx.insert(contractWorkPackages).values({ contractId, workPackageId });
}

function snapshot(c: Pick<ContractRow, 'contractNo' | 'name' | 'contractType' | 'ourParty' | 'counterparty' | 'counterpartyCreditCode' | 'amount' | 'signedOn' | 'startOn' | 'endOn' | 'status' | 'note'>, links: { projectLabel: string; parcelCodes: string[]; works: string[]; partyName: string | null }) {
  return {
    contractNo: c.contractNo,
    name: c.name,
    contractType: c.contractType,
    ourParty: c.ourParty,
    otherParty: c.counterparty,
    otherPartyCreditCode: c.counterpartyCreditCode,
    amount: c.amount,
    signedOn: c.signedOn,
    startOn: c.startOn,
    endOn: c.endOn,
    status: contractStatusText(c.status),
    project: links.projectLabel,
    parcels: links.parcelCodes.join('、') || null,
    workPackages: links.works.join('、') || null,
    party: links.partyName,
    note: c.note,
  };
}

function fieldsOf(input: ContractInput) {
  return {
    contractNo: input.contractNo,
    name: input.name,
    contractType: input.contractType,
    ourParty: input.ourParty,
    counterparty: input.counterparty,
    counterpartyCreditCode: input.counterpartyCreditCode,
    amount: input.amount,
    signedOn: input.signedOn,
    startOn: input.startOn,
    endOn: input.endOn,
    projectId: input.projectId,
    partyId: input.partyId,
    note: input.note,
  };
}

async function linksOf(tx: Tx, c: ContractRow) {
  const [project] = c.projectId ? await tx.select({ code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, c.projectId)) : [];
  const parcelIds = (await tx.select({ id: contractParcels.parcelId }).from(contractParcels).where(eq(contractParcels.contractId, c.id))).map((r) => r.id);
  const parcelCodes = parcelIds.length ? (await tx.select({ code: parcels.code }).from(parcels).where(inArray(parcels.id, parcelIds))).map((r) => r.code).sort() : [];
  const works = (
    await tx
      .select({ parcelCode: parcels.code, workType: workPackages.workType })
      .from(contractWorkPackages)
      .innerJoin(workPackages, eq(workPackages.id, contractWorkPackages.workPackageId))
      .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
      .where(eq(contractWorkPackages.contractId, c.id))
  )
    .map((w) => `${w.parcelCode} ${w.workType}`)
    .sort();
  const [party] = c.partyId ? await tx.select({ name: compensationParties.name }).from(compensationParties).where(eq(compensationParties.id, c.partyId)) : [];
  return { projectLabel: project ? `${project.code} ${project.name}` : '', parcelCodes, works, partyName: party?.name ?? null };
}

/* ------------------------------------------------------------------ register */

export const createContract = defineMutation({
  name: '登记合同',
  permission: 'contract:edit',
  objectType: OBJECT_TYPE,
  schema: ZCreateContract,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    await requireNumberFree(tx, input.contractNo, null);
    const links = await checkLinks(tx, input, null);
    const [row] = await tx
      .insert(contracts)
      .values({ ...fieldsOf(input), status: 'draft', origin: 'manual', createdBy: actor.userId })
      .returning();
    await writeLinks(tx, row.id, input);
    await ctx.audit({ action: '登记合同', objectType: OBJECT_TYPE, objectId: row.id, before: null, after: snapshot(row, links), message: `登记合同 ${row.contractNo}「${row.name}」（${yuan(row.amount)}，草稿）` });
    return { id: row.id };
  },
});

export const updateContract = defineMutation({
  name: '修改合同',
  permission: 'contract:edit',
  objectType: OBJECT_TYPE,
  schema: ZUpdateContract,
  async run(ctx, input) {
    const { tx } = ctx;
    const c = await lockContract(tx, input.id, input.version);
    if (c.status !== 'draft') fail(`合同当前为「${contractStatusText(c.status)}」，只有草稿可以修改；金额变化请办理合同变更`);
    await requireNumberFree(tx, input.contractNo, c.id);
    const before = snapshot(c, await linksOf(tx, c));
    const links = await checkLinks(tx, input, c.id);
    const [row] = await tx
      .update(contracts)
      .set({ ...fieldsOf(input), version: c.version + 1 })
      .where(eq(contracts.id, c.id))
      .returning();
    await writeLinks(tx, c.id, input);
    await ctx.audit({ action: '修改合同', objectType: OBJECT_TYPE, objectId: c.id, before, after: snapshot(row, links), message: `修改合同 ${row.contractNo}` });
    return { id: c.id, version: row.version };
  },
});

/** 生效 (a draft needs a sign date), 履行完毕, 解除 (with a reason). */
export const setContractStatus = defineMutation({
  name: '变更合同状态',
  permission: 'contract:approve',
  objectType: OBJECT_TYPE,
  schema: ZSetContractStatus,
  async run(ctx, input) {
    const { tx } = ctx;
    const c = await lockContract(tx, input.id, input.version);
    const problem = statusTransitionProblem(c.status, input.status);
    if (problem) fail(problem);
    if (input.status === 'effective' && !c.signedOn) fail('合同生效前请先填写签订日期（修改草稿）');
    if (input.status !== 'effective') {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.contractId, c.id), inArray(ledgerEntries.status, ['draft', 'submitted', 'reviewed', 'leader', 'returned'])));
      if (n > 0) fail(`合同尚有 ${n} 笔付款未办结（草稿、审批中或已退回），请先办结或删除后再${input.status === 'completed' ? '确认履行完毕' : '解除'}`);
      const [{ p }] = await tx.select({ p: count() }).from(contractChanges).where(and(eq(contractChanges.contractId, c.id), eq(contractChanges.status, 'pending')));
      if (p > 0) fail(`合同尚有 ${p} 项变更待审批，请先审批或退回`);
    }
    const [row] = await tx
      .update(contracts)
      .set({ status: input.status, statusReason: input.reason, version: c.version + 1 })
      .where(eq(contracts.id, c.id))
      .returning();
    // 预归档: a contract 履行完毕 goes with its attachments to the archivist's 待归档 list.
    if (input.status === 'completed') await collectContract(tx, c.id);
    await ctx.audit({
      action: '变更合同状态',
      objectType: OBJECT_TYPE,
      objectId: c.id,
      before: { status: contractStatusText(c.status) },
      after: { status: contractStatusText(row.status), reason: input.reason },
      message: `合同 ${c.contractNo}：${contractStatusText(c.status)} → ${contractStatusText(row.status)}${input.reason ? `（${input.reason}）` : ''}`,
    });
    return { id: c.id, version: row.version, status: row.status };
  },
});

/* ------------------------------------------------------------------ payment plan */

function requireOpen(c: ContractRow, what: string) {
  if (c.status === 'completed' || c.status === 'terminated') fail(`合同已「${contractStatusText(c.status)}」，不能再${what}`);
}

export const addMilestone = defineMutation({
  name: '添加合同付款节点',
  permission: 'contract:edit',
  objectType: MILESTONE_OBJECT_TYPE,
  schema: ZAddMilestone,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const c = await lockContract(tx, input.contractId);
    requireOpen(c, '调整付款计划');
    const [row] = await tx
      .insert(contractMilestones)
      .values({ contractId: c.id, dueOn: input.dueOn, amount: input.amount, paymentCondition: input.paymentCondition, createdBy: actor.userId })
      .returning();
    await tx.update(contracts).set({ version: c.version + 1 }).where(eq(contracts.id, c.id));
    const f = await figuresOf(tx, c);
    const over = f.unplanned.startsWith('-') ? `；付款计划合计 ${yuan(f.planned)} 已超过合同金额 ${yuan(f.effective)}` : '';
    await ctx.audit({
      action: '添加合同付款节点',
      objectType: MILESTONE_OBJECT_TYPE,
      objectId: row.id,
      before: null,
      after: { contractNo: c.contractNo, dueOn: row.dueOn, amount: row.amount, paymentCondition: row.paymentCondition },
      message: `合同 ${c.contractNo}：付款节点 ${row.dueOn} ${yuan(row.amount)}（${row.paymentCondition}）${over}`,
    });
    return { id: row.id };
  },
});

export const deleteMilestone = defineMutation({
  name: '删除合同付款节点',
  permission: 'contract:edit',
  objectType: MILESTONE_OBJECT_TYPE,
  schema: ZMilestoneRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const [m] = await tx.select().from(contractMilestones).where(eq(contractMilestones.id, input.id));
    if (!m) fail('付款节点不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const c = await lockContract(tx, m.contractId);
    requireOpen(c, '调整付款计划');
    await tx.delete(contractMilestones).where(eq(contractMilestones.id, m.id));
    await tx.update(contracts).set({ version: c.version + 1 }).where(eq(contracts.id, c.id));
    await ctx.audit({
      action: '删除合同付款节点',
      objectType: MILESTONE_OBJECT_TYPE,
      objectId: m.id,
      before: { contractNo: c.contractNo, dueOn: m.dueOn, amount: m.amount, paymentCondition: m.paymentCondition },
      after: null,
      message: `合同 ${c.contractNo}：删除付款节点 ${m.dueOn} ${yuan(m.amount)}`,
    });
    return { id: m.id };
  },
});

/* ------------------------------------------------------------------ change orders */

export const requestChange = defineMutation({
  name: '申请合同变更',
  permission: 'contract:edit',
  objectType: CHANGE_OBJECT_TYPE,
  schema: ZRequestChange,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const c = await lockContract(tx, input.contractId);
    if (c.status !== 'effective') fail(`合同当前为「${contractStatusText(c.status)}」，只有生效的合同可以办理变更`);
    if (input.delta === '0.00') fail('变更金额不能为 0', 'INVALID_INPUT', { delta: '变更金额不能为 0' });
    const [{ last }] = await tx.select({ last: max(contractChanges.seq) }).from(contractChanges).where(eq(contractChanges.contractId, c.id));
    const [row] = await tx
      .insert(contractChanges)
      .values({ contractId: c.id, seq: (last ?? 0) + 1, kind: input.kind, delta: input.delta, reason: input.reason, status: 'pending', requestedBy: actor.userId, requestedAt: new Date() })
      .returning();
    await tx.update(contracts).set({ version: c.version + 1 }).where(eq(contracts.id, c.id));
    // Approval through the step-flow engine: the requester's own first step is done on submitting.
    const created = await ensureChangeFlow(tx, actor);
    await startFlow(tx, { kind: CHANGE_FLOW_KIND, objectType: CHANGE_FLOW_OBJECT, objectId: row.id, actor });
    const flow = await actOnFlow(tx, actor, { objectType: CHANGE_FLOW_OBJECT, objectId: row.id, expectedStepKey: STEP_REQUEST, decision: 'approve' });
    if (created) {
      await ctx.audit({
        action: '设置审批流程',
        objectType: '审批流程',
        objectId: CHANGE_FLOW_KIND,
        before: null,
        after: { name: created.name, steps: created.steps.map((st) => st.name).join(' → ') },
        message: `首次申请合同变更，按默认设置「${created.name}」`,
      });
    }
    await ctx.audit({
      action: '申请合同变更',
      objectType: CHANGE_OBJECT_TYPE,
      objectId: row.id,
      before: null,
      after: { contractNo: c.contractNo, kind: row.kind, delta: row.delta, reason: row.reason, status: CHANGE_STATUS_LABELS.pending },
      message: `合同 ${c.contractNo}：第 ${row.seq} 号${row.kind} ${row.delta} 元，待${flow.currentStep?.name ?? '审批'}`,
    });
    return { id: row.id };
  },
});

/**
 * Applies the final decision on a change order (批准 / 退回): called by `decideChange` when the
 * change's flow finishes or is returned (and for a change without a flow). Refuses a change already
 * decided, the requester's own, and an approval that would bring the contract below what is paid.
 */
export async function decideChangeLocally(
  ctx: MutationContext,
  input: { id: string; decision: 'approve' | 'return'; comment: string | null },
): Promise<{ id: string; status: 'approved' | 'returned' | 'pending'; effective: string }> {
  const { tx, actor } = ctx;
  const [change] = await tx.select().from(contractChanges).where(eq(contractChanges.id, input.id));
  if (!change) fail('合同变更不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const c = await lockContract(tx, change.contractId);
  // Re-read under the contract's lock: two decisions at once are taken one after the other.
  const [current] = await tx.select().from(contractChanges).where(eq(contractChanges.id, change.id));
  if (current.status !== 'pending') fail(`该变更已「${CHANGE_STATUS_LABELS[current.status as 'approved' | 'returned']}」，不能重复审批`);
  if (current.requestedBy === actor.userId) fail('不能审批本人申请的合同变更', 'FORBIDDEN');
  const before = await figuresOf(tx, c);
  if (input.decision === 'approve') {
    if (c.status !== 'effective') fail(`合同当前为「${contractStatusText(c.status)}」，不能批准变更`);
    const problem = changeApprovalProblem(before, current.delta);
    if (problem) fail(problem);
  }
  const status = input.decision === 'approve' ? 'approved' : 'returned';
  await tx
    .update(contractChanges)
    .set({ status, decidedBy: actor.userId, decidedAt: new Date(), decisionComment: input.comment })
    .where(eq(contractChanges.id, current.id));
  await tx.update(contracts).set({ version: c.version + 1 }).where(eq(contracts.id, c.id));
  const after = await figuresOf(tx, c);
  await ctx.audit({
    action: status === 'approved' ? '批准合同变更' : '退回合同变更',
    objectType: CHANGE_OBJECT_TYPE,
    objectId: current.id,
    before: { status: CHANGE_STATUS_LABELS.pending, effectiveAmount: before.effective },
    after: { status: CHANGE_STATUS_LABELS[status], comment: input.comment, effectiveAmount: after.effective },
    message: `合同 ${c.contractNo}：第 ${current.seq} 号${current.kind}（${current.delta} 元）${CHANGE_STATUS_LABELS[status]}${status === 'approved' ? `，合同金额 ${yuan(before.effective)} → ${yuan(after.effective)}` : `：${input.comment}`}`,
  });
  return { id: current.id, status, effective: after.effective };
}

/**
 * 批准 / 退回 a change order at its current flow step (contract:approve, and the step's role in the
 * flow). The change counts once its flow finishes (the last step approved: `decideChangeLocally`
 * applies it); any return closes it as 已退回. A change without a flow (none should exist) is
 * decided directly. The contract row is locked first, then the engine locks the flow row.
 */
export const decideChange = defineMutation({
  name: '审批合同变更',
  permission: 'contract:approve',
  objectType: CHANGE_OBJECT_TYPE,
  schema: ZDecideChange,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [change] = await tx.select().from(contractChanges).where(eq(contractChanges.id, input.id));
    if (!change) fail('合同变更不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const c = await lockContract(tx, change.contractId);
    const [current] = await tx.select().from(contractChanges).where(eq(contractChanges.id, change.id));
    if (current.status !== 'pending') fail(`该变更已「${CHANGE_STATUS_LABELS[current.status as 'approved' | 'returned']}」，不能重复审批`);
    if (current.requestedBy === actor.userId) fail('不能审批本人申请的合同变更', 'FORBIDDEN');
    const state = await flowState(tx, CHANGE_FLOW_OBJECT, change.id);
    if (!state) return decideChangeLocally(ctx, input);
    if (!state.currentStep) fail('该变更的审批流程已办结，请刷新后查看', 'CONFLICT');
    if (input.decision === 'approve' && c.status === 'effective') {
      const problem = changeApprovalProblem(await figuresOf(tx, c), current.delta);
      if (problem) fail(problem);
    }
    const step = state.currentStep;
    const result = await actOnFlow(tx, actor, { objectType: CHANGE_FLOW_OBJECT, objectId: change.id, expectedStepKey: step.key, decision: input.decision, opinion: input.comment });
    if (result.finished || result.returned) return decideChangeLocally(ctx, input);
    // An intermediate step approved: the change waits for the next one.
    await tx.update(contracts).set({ version: c.version + 1 }).where(eq(contracts.id, c.id));
    await ctx.audit({
      action: '审核合同变更',
      objectType: CHANGE_OBJECT_TYPE,
      objectId: change.id,
      before: { status: CHANGE_STATUS_LABELS.pending },
      after: { status: CHANGE_STATUS_LABELS.pending, comment: input.comment },
      message: `合同 ${c.contractNo}：第 ${current.seq} 号${current.kind}「${step.name}」通过，待${result.currentStep?.name ?? '下一步'}`,
    });
    return { id: change.id, status: 'pending' as const, effective: (await figuresOf(tx, c)).effective };
  },
});

/* ------------------------------------------------------------------ attachments */

const ZUpload = z
  .object({
    contractId: zId('合同'),
    fileName: zText('文件名', { max: 200 }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  })
  .superRefine((v, ctx) => {
    const problem = ledgerFileProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** A contract scan or annex (PDF, JPEG or PNG, checked by content), as the ledger's vouchers. */
export const uploadContractAttachment = defineMutation({
  name: '上传合同附件',
  permission: 'contract:edit',
  objectType: ATTACHMENT_TYPE,
  schema: ZUpload,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const c = await lockContract(tx, input.contractId);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, c.id)));
    if (n >= MAX_ATTACHMENTS) fail(`每份合同最多 ${MAX_ATTACHMENTS} 个附件`);
    const mimeType = sniffLedgerFile(input.bytes) ?? fail(`文件格式不受支持，请上传 ${LEDGER_FILE_LABEL}`, 'INVALID_INPUT');
    const stored = await putFile(input.bytes);
    const [{ id }] = await tx
      .insert(attachments)
      .values({ ownerType: ATTACHMENT_OWNER, ownerId: c.id, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3, uploadedBy: actor.userId })
      .returning({ id: attachments.id });
    await ctx.audit({
      action: '上传合同附件',
      objectType: ATTACHMENT_TYPE,
      objectId: id,
      before: null,
      after: { contractNo: c.contractNo, fileName: input.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3 },
      message: `合同 ${c.contractNo}：上传附件「${input.fileName}」`,
    });
    return { id };
  },
});

export const deleteContractAttachment = defineMutation({
  name: '删除合同附件',
  permission: 'contract:edit',
  objectType: ATTACHMENT_TYPE,
  schema: ZContractAttachmentRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const [file] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, input.id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
    if (!file) fail('附件不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    const c = await lockContract(tx, file.ownerId);
    if (c.status !== 'draft') fail(`合同当前为「${contractStatusText(c.status)}」，附件只能增加不能删除`);
    await tx.delete(attachments).where(eq(attachments.id, file.id));
    await ctx.audit({
      action: '删除合同附件',
      objectType: ATTACHMENT_TYPE,
      objectId: file.id,
      before: { contractNo: c.contractNo, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sm3: file.sm3 },
      after: null,
      message: `合同 ${c.contractNo}：删除附件「${file.fileName}」`,
    });
    return { id: file.id };
  },
});
