import 'server-only';
import type { Actor } from '@/platform/action';
import { appendAudit } from '@/platform/audit/write';
import { fieldDiff } from '@/platform/audit/chain';
import type { Tx } from '@/platform/db/client';
import { ledgerEntries } from '../schema';
import { nextEntryNo } from './counters';
import { OBJECT_TYPE, addStep, findProject, requireOpenForSpending, snapshot } from './store';

export const COMPENSATION_CATEGORY = '征收补偿';
export const COMPENSATION_STEP_COMMENT = '由征收补偿登记自动生成';

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
  await appendAudit(tx, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '登记征收补偿支付',
    objectType: OBJECT_TYPE,
    objectId: entry.id,
    result: '成功',
    message: `${entryNo}：地块 ${p.parcelCode} 补偿对象「${p.partyName}」支付 ${p.amount} 元，已提交科室审核`,
    ip: actor.ip,
    requestId: actor.requestId,
    diff: fieldDiff(null, snapshot(entry, { projectLabel: `${project.code} ${project.name}`, parcelCode: p.parcelCode, accountName: null })),
  });
  return { id: entry.id, entryNo };
}
