import { availableActions, type TEntryStatus, type TWorkflowAction } from '../rules';
import { postedOrigin, type TOrigin } from './validation';

/**
 * What a user may do with one ledger entry now: the workflow actions of the rules (with one
 * addition: only the entry's creator submits it) and the 修改 / 删除 / 冲销 / 附件 operations.
 * Pure and client-safe; the mutations enforce the same conditions on the locked row.
 */

export interface EntryActionFacts {
  status: TEntryStatus;
  origin: TOrigin;
  createdBy: string | null;
  submittedBy: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  reversedBy: string | null;
  /** A reversal of this entry exists that is not approved yet. */
  hasPendingReversal: boolean;
}

export interface EntryActor {
  userId: string;
  permissions: ReadonlySet<string>;
}

export interface EntryActions {
  workflow: TWorkflowAction[];
  canEdit: boolean;
  canDelete: boolean;
  canReverse: boolean;
  canUpload: boolean;
  canDeleteAttachment: boolean;
}

/** Draft or returned: the only states in which an entry can be changed or deleted. */
export const EDITABLE_STATUSES: readonly TEntryStatus[] = ['draft', 'returned'];
/** Attachments may still be added while the entry waits for the department review. */
export const UPLOAD_STATUSES: readonly TEntryStatus[] = ['draft', 'returned', 'submitted'];

export function isEditableStatus(status: TEntryStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function entryActions(entry: EntryActionFacts, actor: EntryActor): EntryActions {
  const own = entry.createdBy !== null && entry.createdBy === actor.userId;
  const enter = actor.permissions.has('fund:enter');
  const workflow = availableActions(entry, actor).filter((a) => a !== 'submit' || own);
  const editable = isEditableStatus(entry.status);
  return {
    workflow,
    canEdit: editable && own && enter && entry.origin !== 'reversal',
    // Some posted entries go only with what posted them (a bond payment, on the bond's page).
    canDelete: editable && own && enter && !postedOrigin(entry.origin)?.deleteRefusal,
    canReverse:
      entry.status === 'approved' && entry.origin !== 'reversal' && entry.reversedBy === null && !entry.hasPendingReversal && actor.permissions.has('fund:approve'),
    canUpload: UPLOAD_STATUSES.includes(entry.status) && own && enter,
    canDeleteAttachment: editable && own && enter,
  };
}

/** "待我处理": the entry waits for a workflow action of this user. */
export function isPendingFor(entry: EntryActionFacts, actor: EntryActor): boolean {
  return entryActions(entry, actor).workflow.length > 0;
}
