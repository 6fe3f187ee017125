import { describe, expect, it } from 'vitest';
import {
  availableActions,
  ENTRY_STATUSES,
  nextStatus,
  returnCommentProblem,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_PERMISSIONS,
  workflowActorProblem,
  type TEntryStatus,
  type TWorkflowAction,
} from '../../src/modules/funds/rules';

const LIMIT = { leaderThreshold: '1000000.00' };
const small = { amount: '5000.00', ...LIMIT };

describe('transitions', () => {
  it.each<[TEntryStatus, TWorkflowAction, string, TEntryStatus]>([
    ['draft', 'submit', '5000.00', 'submitted'],
    ['returned', 'submit', '5000.00', 'submitted'],
    ['submitted', 'review', '5000.00', 'reviewed'],
    ['reviewed', 'approve', '5000.00', 'approved'],
    ['reviewed', 'approve', '1000000.00', 'approved'], // at the threshold: finance decides
    ['reviewed', 'approve', '1000000.01', 'leader'], // above: the leader too
    ['reviewed', 'approve', '-1000000.01', 'leader'], // a large reversal as well
    ['reviewed', 'approve', '-1000000.00', 'approved'],
    ['leader', 'leader-approve', '2000000.00', 'approved'],
    ['submitted', 'return', '5000.00', 'returned'],
    ['reviewed', 'return', '5000.00', 'returned'],
    ['leader', 'return', '2000000.00', 'returned'],
  ])('%s --%s (%s)--> %s', (from, action, amount, to) => {
    expect(nextStatus(from, action, { amount, ...LIMIT })).toEqual({ ok: true, status: to });
  });

  it.each<[TEntryStatus, TWorkflowAction]>([
    ['draft', 'review'],
    ['draft', 'approve'],
    ['draft', 'leader-approve'],
    ['draft', 'return'],
    ['submitted', 'submit'],
    ['submitted', 'approve'],
    ['submitted', 'leader-approve'],
    ['reviewed', 'submit'],
    ['reviewed', 'review'],
    ['reviewed', 'leader-approve'],
    ['leader', 'submit'],
    ['leader', 'review'],
    ['leader', 'approve'],
    ['returned', 'review'],
    ['returned', 'approve'],
    ['returned', 'leader-approve'],
    ['returned', 'return'],
  ])('%s --%s--> refused', (from, action) => {
    expect(nextStatus(from, action, small)).toEqual({
      ok: false,
      message: `记录当前为「${ENTRY_STATUSES[from]}」，不能${WORKFLOW_ACTION_LABELS[action]}`,
    });
  });

  it.each<TWorkflowAction>(['submit', 'review', 'approve', 'leader-approve', 'return'])('approved is final: %s refused', (action) => {
    expect(nextStatus('approved', action, small)).toEqual({ ok: false, message: '已审批的记录不能修改，如需更正请办理冲销' });
  });

  it('a return needs a comment', () => {
    expect(returnCommentProblem('')).toBe('退回时请填写退回意见');
    expect(returnCommentProblem('   ')).toBe('退回时请填写退回意见');
    expect(returnCommentProblem(null)).toBe('退回时请填写退回意见');
    expect(returnCommentProblem(undefined)).toBe('退回时请填写退回意见');
    expect(returnCommentProblem('附件缺少发票')).toBeNull();
    expect(returnCommentProblem('意'.repeat(500))).toBeNull();
    expect(returnCommentProblem('意'.repeat(501))).toBe('退回意见不能超过 500 字');
  });
});

const CLERK = new Set(['fund:view', 'fund:enter']);
const HEAD = new Set(['fund:view', 'fund:enter', 'fund:review']);
const FINANCE = new Set(['fund:view', 'fund:enter', 'fund:approve']);
const LEADER = new Set(['fund:view', 'fund:leader-approve']);
const AUDITOR = new Set(['fund:view', 'fund:export']);
const EVERYTHING = new Set(['fund:view', 'fund:enter', 'fund:review', 'fund:approve', 'fund:leader-approve']);

type Ctx = Parameters<typeof workflowActorProblem>[1];
const entry: { submittedBy: string | null; reviewedBy: string | null; approvedBy: string | null } = {
  submittedBy: 'u-clerk',
  reviewedBy: 'u-head',
  approvedBy: 'u-fin',
};
const by = (actorId: string, permissions: ReadonlySet<string>, over: Partial<Ctx> = {}): Ctx => ({ actorId, permissions, ...entry, ...over });

describe('who may act (separation of duties)', () => {
  it.each<[TWorkflowAction, Ctx, string | null]>([
    ['submit', by('u-clerk', CLERK), null],
    ['submit', by('u-aud', AUDITOR), '您没有提交资金收支的权限'],
    ['review', by('u-head', HEAD), null],
    ['review', by('u-clerk', CLERK), '您没有科室审核资金收支的权限'],
    ['review', by('u-fin', FINANCE), '您没有科室审核资金收支的权限'],
    ['review', by('u-head', HEAD, { submittedBy: 'u-head' }), '不能审核本人提交的记录'],
    ['approve', by('u-fin', FINANCE), null],
    ['approve', by('u-clerk', CLERK), '您没有财务审批资金收支的权限'],
    ['approve', by('u-head', HEAD), '您没有财务审批资金收支的权限'],
    ['approve', by('u-fin', FINANCE, { submittedBy: 'u-fin' }), '不能审批本人提交的记录'],
    ['approve', by('u-all', EVERYTHING, { reviewedBy: 'u-all' }), '财务审批人不能与科室审核人为同一人'],
    ['leader-approve', by('u-lead', LEADER), null],
    ['leader-approve', by('u-fin', FINANCE), '您没有领导审批资金收支的权限'],
    ['leader-approve', by('u-lead', LEADER, { submittedBy: 'u-lead' }), '不能审批本人提交的记录'],
    ['leader-approve', by('u-all', EVERYTHING, { approvedBy: 'u-all' }), '领导审批人不能与财务审批人为同一人'],
    // return: the permission of the stage returned from
    ['return', by('u-head', HEAD, { status: 'submitted' }), null],
    ['return', by('u-fin', FINANCE, { status: 'submitted' }), '您没有退回该记录的权限'],
    ['return', by('u-fin', FINANCE, { status: 'reviewed' }), null],
    ['return', by('u-head', HEAD, { status: 'reviewed' }), '您没有退回该记录的权限'],
    ['return', by('u-lead', LEADER, { status: 'leader' }), null],
    ['return', by('u-fin', FINANCE, { status: 'leader' }), '您没有退回该记录的权限'],
    ['return', by('u-clerk', CLERK), '您没有退回该记录的权限'],
    ['return', by('u-aud', AUDITOR), '您没有退回该记录的权限'],
    ['return', by('u-fin', FINANCE), null], // stage unknown: any of the three permissions
    ['return', by('u-head', HEAD, { status: 'submitted', submittedBy: 'u-head' }), '不能退回本人提交的记录'],
  ])('%s by %j → %s', (action, ctx, problem) => {
    expect(workflowActorProblem(action, ctx)).toBe(problem);
  });

  it('the permission gates', () => {
    expect(WORKFLOW_PERMISSIONS).toEqual({
      submit: 'fund:enter',
      review: 'fund:review',
      approve: 'fund:approve',
      'leader-approve': 'fund:leader-approve',
      return: 'fund:view',
    });
  });
});

describe('available actions', () => {
  const e = (status: TEntryStatus, over: Partial<typeof entry> = {}) => ({ status, ...entry, ...over });

  it.each<[string, TEntryStatus, Partial<typeof entry>, string, ReadonlySet<string>, TWorkflowAction[]]>([
    ['clerk on a draft', 'draft', { submittedBy: null, reviewedBy: null, approvedBy: null }, 'u-clerk', CLERK, ['submit']],
    ['clerk on a submitted entry', 'submitted', { reviewedBy: null, approvedBy: null }, 'u-clerk', CLERK, []],
    ['head on a submitted entry', 'submitted', { reviewedBy: null, approvedBy: null }, 'u-head', HEAD, ['review', 'return']],
    ['head on their own submission', 'submitted', { submittedBy: 'u-head', reviewedBy: null, approvedBy: null }, 'u-head', HEAD, []],
    ['finance on a reviewed entry', 'reviewed', { approvedBy: null }, 'u-fin', FINANCE, ['approve', 'return']],
    ['head on a reviewed entry', 'reviewed', { approvedBy: null }, 'u-head', HEAD, []],
    ['leader on a large entry', 'leader', {}, 'u-lead', LEADER, ['leader-approve', 'return']],
    ['finance on an entry awaiting the leader', 'leader', {}, 'u-fin2', FINANCE, []],
    ['clerk on a returned entry', 'returned', {}, 'u-clerk', CLERK, ['submit']],
    ['anyone on an approved entry', 'approved', {}, 'u-all', EVERYTHING, []],
    ['auditor anywhere', 'submitted', {}, 'u-aud', AUDITOR, []],
  ])('%s', (_name, status, over, userId, permissions, actions) => {
    expect(availableActions(e(status, over), { userId, permissions })).toEqual(actions);
  });
});
