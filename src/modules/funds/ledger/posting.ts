import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { fail, type Actor } from '@/platform/action';
import { appendAudit } from '@/platform/audit/write';
import { fieldDiff } from '@/platform/audit/chain';
import type { Tx } from '@/platform/db/client';
import { attachments } from '@/platform/storage/schema';
import { reserveProjects } from '@/modules/parcels/schema';
import { dec } from '@/modules/plans/amounts';
import { splitBondInterest } from '../rules';
import { contracts } from '@/modules/contracts/schema';
import { bondAllocations, ledgerEntries, ledgerSteps } from '../schema';
import { nextEntryNo } from './counters';
import { BOND_INTEREST_STEP_COMMENT, COMPENSATION_STEP_COMMENT } from './steps';
import { ATTACHMENT_OWNER, OBJECT_TYPE, addStep, describeReferences, findProject, requireOpenForSpending, snapshot } from './store';

/** The audit entry of a change to a ledger entry made on behalf of another module (posting, withdrawal). */
async function auditEntry(tx: Tx, actor: Actor, a: { action: string; entryId: string; message: string; diff: ReturnType<typeof fieldDiff> }): Promise<void> {
  await appendAudit(tx, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: a.action,
    objectType: OBJECT_TYPE,
    objectId: a.entryId,
    result: '成功',
    message: a.message,
    ip: actor.ip,
    requestId: actor.requestId,
    diff: a.diff,
  });
}

export const COMPENSATION_CATEGORY = '征收补偿';

/**
 * A compensation payment recorded on a parcel (征收补偿登记) posts to the ledger instead of
 * being entered twice: an expense entry of category 征收补偿, origin 'compensation', linked to
 * the party, submitted by the actor (finance picks the source and account at approval). Runs in
 * the caller's transaction, writes its step row and its own audit entry.
 */
export async function postCompensationPayment(
  tx: Tx,
  actor: Actor,
  p: { projectId: string; parcelId: string; partyId: string; partyName: string; amount: string; entryDate: string; parcelCode: string },
): Promise<{ id: string; entryNo: string }> {
  const project = await findProject(tx, p.projectId);
  requireOpenForSpending(project, { direction: 'expense', amount: p.amount });
  const entryNo = await nextEntryNo(tx, p.entryDate);
  // The party's agreement registered as a contract (合同台账): the payment is made under it.
  const [agreement] = await tx.select({ id: contracts.id, contractNo: contracts.contractNo }).from(contracts).where(eq(contracts.partyId, p.partyId));
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      entryNo,
      direction: 'expense',
      entryDate: p.entryDate,
      amount: p.amount,
      category: COMPENSATION_CATEGORY,
      projectId: p.projectId,
      parcelId: p.parcelId,
      partyId: p.partyId,
      contractId: agreement?.id ?? null,
      contractNo: agreement?.contractNo ?? null,
      counterparty: p.partyName.slice(0, 100),
      description: `地块 ${p.parcelCode} 征收补偿款（由征收补偿登记自动生成）`,
      status: 'submitted',
      origin: 'compensation',
      createdBy: actor.userId,
      submittedBy: actor.userId,
      submittedAt: new Date(),
    })
    .returning();
  await addStep(tx, actor, { entryId: entry.id, action: 'submit', fromStatus: null, toStatus: 'submitted', comment: COMPENSATION_STEP_COMMENT });
  await auditEntry(tx, actor, {
    action: '登记征收补偿支付',
    entryId: entry.id,
    message: `${entryNo}：地块 ${p.parcelCode} 补偿对象「${p.partyName}」支付 ${p.amount} 元，已提交科室审核`,
    diff: fieldDiff(null, snapshot(entry, { projectLabel: `${project.code} ${project.name}`, parcelCode: p.parcelCode, accountName: null })),
  });
  return { id: entry.id, entryNo };
}

export const BOND_INTEREST_CATEGORY = '融资成本';

export interface BondInterestPosting {
  entries: { id: string; entryNo: string; projectCode: string; amount: string }[];
  /** Interest of the unallocated part of the bond, not posted to any project. */
  unallocated: string;
}

/**
 * A special bond's interest payment (还本付息登记) posts to the ledger as the projects' financing
 * cost instead of being entered again: one expense entry of category 融资成本 per project the
 * bond is allocated to (splitBondInterest), origin 'bond-interest', linked to the payment,
 * submitted by the actor (finance picks the source and account at approval). Principal repaid is
 * not a project cost and is not posted. Runs in the caller's transaction; each entry writes its
 * step row and its own audit entry. A project that is closed refuses its share.
 */
export async function postBondInterest(
  tx: Tx,
  actor: Actor,
  p: { bond: { id: string; code: string; amount: string }; seq: number; paymentId: string; paidOn: string; interest: string },
): Promise<BondInterestPosting> {
  const allocations = await tx
    .select({ projectId: bondAllocations.projectId, projectCode: reserveProjects.code, projectName: reserveProjects.name, projectStatus: reserveProjects.status, amount: bondAllocations.amount })
    .from(bondAllocations)
    .innerJoin(reserveProjects, eq(reserveProjects.id, bondAllocations.projectId))
    .where(eq(bondAllocations.bondId, p.bond.id))
    .orderBy(desc(bondAllocations.amount), asc(reserveProjects.code));
  const { shares, unallocated } = splitBondInterest(p.interest, p.bond.amount, allocations);
  const borne = shares.filter((share) => dec(share.amount).gt(0));
  const closed = borne.find((share) => share.projectStatus === 'closed');
  if (closed) {
    fail(`专项债券 ${p.bond.code} 分配给的项目「${closed.projectCode} ${closed.projectName}」已关闭，其应承担的利息 ${closed.amount} 元不能记入该项目；请先调整债券分配或重新开启项目`);
  }
  const entries: BondInterestPosting['entries'] = [];
  for (const share of borne) {
    const entryNo = await nextEntryNo(tx, p.paidOn);
    const [entry] = await tx
      .insert(ledgerEntries)
      .values({
        entryNo,
        direction: 'expense',
        entryDate: p.paidOn,
        amount: share.amount,
        category: BOND_INTEREST_CATEGORY,
        projectId: share.projectId,
        counterparty: `专项债券 ${p.bond.code}`.slice(0, 100),
        description: `专项债券 ${p.bond.code} 第 ${p.seq} 期利息，按分配比例 ${share.percent}% 分摊（由还本付息登记自动生成）`,
        status: 'submitted',
        origin: 'bond-interest',
        bondPaymentId: p.paymentId,
        createdBy: actor.userId,
        submittedBy: actor.userId,
        submittedAt: new Date(),
      })
      .returning();
    await addStep(tx, actor, { entryId: entry.id, action: 'submit', fromStatus: null, toStatus: 'submitted', comment: BOND_INTEREST_STEP_COMMENT });
    await auditEntry(tx, actor, {
      action: '登记专项债券利息',
      entryId: entry.id,
      message: `${entryNo}：专项债券 ${p.bond.code} 第 ${p.seq} 期利息中项目 ${share.projectCode} 承担 ${share.amount} 元，已提交科室审核`,
      diff: fieldDiff(null, snapshot(entry, { projectLabel: `${share.projectCode} ${share.projectName}`, parcelCode: null, accountName: null })),
    });
    entries.push({ id: entry.id, entryNo, projectCode: share.projectCode, amount: share.amount });
  }
  return { entries, unallocated };
}

/**
 * Before a bond payment is deleted: its interest entries still in the workflow go with it (steps,
 * attachments and rows, each audited); an approved one that is not reversed refuses the deletion
 * (approved entries are final: reverse it in the ledger first). Reversed ones stay as history.
 * Returns the entry numbers removed.
 */
export async function withdrawBondInterest(tx: Tx, actor: Actor, paymentId: string): Promise<string[]> {
  const rows = await tx.select().from(ledgerEntries).where(and(eq(ledgerEntries.bondPaymentId, paymentId), eq(ledgerEntries.origin, 'bond-interest'))).for('update');
  const final = rows.find((r) => r.status === 'approved' && r.reversedBy === null);
  if (final) fail(`该还本付息记录生成的利息记录 ${final.entryNo} 已审批，不能删除；如登记有误，请先在收支台账中冲销该记录`);
  const removable = rows.filter((r) => r.status !== 'approved');
  if (removable.length === 0) return [];
  const ids = removable.map((r) => r.id);
  await tx.delete(ledgerSteps).where(inArray(ledgerSteps.entryId, ids));
  await tx.delete(attachments).where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), inArray(attachments.ownerId, ids)));
  await tx.delete(ledgerEntries).where(inArray(ledgerEntries.id, ids));
  for (const r of removable) {
    await auditEntry(tx, actor, {
      action: '删除资金收支',
      entryId: r.id,
      message: `删除 ${r.entryNo}（专项债券还本付息记录已删除，其未审批的利息记录随之删除）`,
      diff: fieldDiff(snapshot(r, await describeReferences(tx, r)), null),
    });
  }
  return removable.map((r) => r.entryNo);
}
