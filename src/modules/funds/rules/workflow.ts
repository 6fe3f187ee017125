import { dec } from '@/modules/plans/amounts';

/**
 * Approval workflow of a ledger entry (资金收支审批): 经办 submits → 科室负责人 reviews → 财务
 * approves → 中心领导 approves when the amount is above a configurable threshold. Any stage
 * may return the entry with comments. Only 'approved' entries count in balances; an approved
 * entry is final (corrections are reversing entries). Pure and client-safe.
 */

export const ENTRY_STATUSES = {
  draft: '草稿',
  submitted: '待科室审核',
  reviewed: '待财务审批',
  leader: '待领导审批',
  approved: '已审批',
  returned: '已退回',
} as const;
export type TEntryStatus = keyof typeof ENTRY_STATUSES;

export type TWorkflowAction = 'submit' | 'review' | 'approve' | 'leader-approve' | 'return';

/** Actions in the order they are offered. */
export const WORKFLOW_ACTIONS: readonly TWorkflowAction[] = ['submit', 'review', 'approve', 'leader-approve', 'return'];

export const WORKFLOW_ACTION_LABELS: Record<TWorkflowAction, string> = {
  submit: '提交',
  review: '审核通过',
  approve: '财务审批',
  'leader-approve': '领导审批',
  return: '退回',
};

/**
 * The stage an entry waits in → the forward action of that stage. Returning an entry is a
 * decision of whoever holds that stage, so it needs the same permission.
 */
export const STAGE_ACTION: Partial<Record<TEntryStatus, 'review' | 'approve' | 'leader-approve'>> = {
  submitted: 'review',
  reviewed: 'approve',
  leader: 'leader-approve',
};

/** Any one of these allows returning an entry (which one is needed depends on its stage). */
export const RETURN_PERMISSIONS = ['fund:review', 'fund:approve', 'fund:leader-approve'] as const;

/**
 * Permission gate of each action, for defineMutation and menus.
 * `return` has no single permission of its own: its gate is 'fund:view' (so reviewers, finance
 * and leaders all get through the mutation wrapper), and `workflowActorProblem` then requires
 * the permission of the stage being returned from — fund:review for 待科室审核, fund:approve for
 * 待财务审批, fund:leader-approve for 待领导审批 (any of RETURN_PERMISSIONS when the stage is
 * not given). Always call workflowActorProblem for 'return'.
 */
export const WORKFLOW_PERMISSIONS: Record<TWorkflowAction, string> = {
  submit: 'fund:enter',
  review: 'fund:review',
  approve: 'fund:approve',
  'leader-approve': 'fund:leader-approve',
  return: 'fund:view',
};

export const APPROVED_IS_FINAL = '已审批的记录不能修改，如需更正请办理冲销';
export const RETURN_COMMENT_MAX = 500;

type TTransition = { from: readonly TEntryStatus[]; to: TEntryStatus | 'by-amount' };

const TRANSITIONS: Record<TWorkflowAction, TTransition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  review: { from: ['submitted'], to: 'reviewed' },
  approve: { from: ['reviewed'], to: 'by-amount' },
  'leader-approve': { from: ['leader'], to: 'approved' },
  return: { from: ['submitted', 'reviewed', 'leader'], to: 'returned' },
};

/** Whether the amount (its absolute value: reversals are negative) needs the leader's approval. */
export function needsLeaderApproval(amount: string, leaderThreshold: string): boolean {
  return dec(amount).abs().gt(dec(leaderThreshold));
}

/** The status after `action`, or why the action is not possible in the current status. */
export function nextStatus(
  current: TEntryStatus,
  action: TWorkflowAction,
  ctx: { amount: string; leaderThreshold: string },
): { ok: true; status: TEntryStatus } | { ok: false; message: string } {
  if (current === 'approved') return { ok: false, message: APPROVED_IS_FINAL };
  const t = TRANSITIONS[action];
  if (!t.from.includes(current)) {
    return { ok: false, message: `记录当前为「${ENTRY_STATUSES[current]}」，不能${WORKFLOW_ACTION_LABELS[action]}` };
  }
  if (t.to === 'by-amount') {
    return { ok: true, status: needsLeaderApproval(ctx.amount, ctx.leaderThreshold) ? 'leader' : 'approved' };
  }
  return { ok: true, status: t.to };
}

/** A return needs a comment of 1–500 characters. */
export function returnCommentProblem(comment: string | null | undefined): string | null {
  const text = (comment ?? '').trim();
  if (text === '') return '退回时请填写退回意见';
  if ([...text].length > RETURN_COMMENT_MAX) return `退回意见不能超过 ${RETURN_COMMENT_MAX} 字`;
  return null;
}

const NO_PERMISSION: Record<TWorkflowAction, string> = {
  submit: '您没有提交资金收支的权限',
  review: '您没有科室审核资金收支的权限',
  approve: '您没有财务审批资金收支的权限',
  'leader-approve': '您没有领导审批资金收支的权限',
  return: '您没有退回该记录的权限',
};

/**
 * Separation of duties: who may take `action` on an entry. Null when allowed.
 * - every action needs its permission (for 'return': that of the stage returned from, see
 *   WORKFLOW_PERMISSIONS; give `status` so the stage is known);
 * - nobody reviews, approves or returns an entry they submitted;
 * - the finance approver differs from the reviewer;
 * - the leader differs from the submitter and from the finance approver.
 */
export function workflowActorProblem(
  action: TWorkflowAction,
  ctx: {
    actorId: string;
    submittedBy: string | null;
    reviewedBy: string | null;
    approvedBy: string | null;
    permissions: ReadonlySet<string>;
    /** The entry's current status; only 'return' uses it (to know whose stage it is). */
    status?: TEntryStatus;
  },
): string | null {
  if (action === 'return') {
    const stageAction = ctx.status ? STAGE_ACTION[ctx.status] : undefined;
    const allowed = stageAction ? ctx.permissions.has(WORKFLOW_PERMISSIONS[stageAction]) : RETURN_PERMISSIONS.some((p) => ctx.permissions.has(p));
    if (!allowed) return NO_PERMISSION.return;
  } else if (!ctx.permissions.has(WORKFLOW_PERMISSIONS[action])) {
    return NO_PERMISSION[action];
  }

  const own = ctx.submittedBy !== null && ctx.submittedBy === ctx.actorId;
  switch (action) {
    case 'submit':
      return null;
    case 'review':
      return own ? '不能审核本人提交的记录' : null;
    case 'approve':
      if (own) return '不能审批本人提交的记录';
      if (ctx.reviewedBy !== null && ctx.reviewedBy === ctx.actorId) return '财务审批人不能与科室审核人为同一人';
      return null;
    case 'leader-approve':
      if (own) return '不能审批本人提交的记录';
      if (ctx.approvedBy !== null && ctx.approvedBy === ctx.actorId) return '领导审批人不能与财务审批人为同一人';
      return null;
    case 'return':
      return own ? '不能退回本人提交的记录' : null;
  }
}

/** The actions `actor` can take on `entry` now (for buttons). */
export function availableActions(
  entry: { status: TEntryStatus; submittedBy: string | null; reviewedBy: string | null; approvedBy: string | null },
  actor: { userId: string; permissions: ReadonlySet<string> },
): TWorkflowAction[] {
  return WORKFLOW_ACTIONS.filter(
    (action) =>
      nextStatus(entry.status, action, { amount: '0', leaderThreshold: '0' }).ok &&
      workflowActorProblem(action, {
        actorId: actor.userId,
        submittedBy: entry.submittedBy,
        reviewedBy: entry.reviewedBy,
        approvedBy: entry.approvedBy,
        permissions: actor.permissions,
        status: entry.status,
      }) === null,
  );
}

/** Only approved entries count in balances and execution. */
export function countsInBalances(status: TEntryStatus): boolean {
  return status === 'approved';
}
