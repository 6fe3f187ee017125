import { describe, expect, it } from 'vitest';
import {
  actorProblem,
  addDays,
  availableSteps,
  awaitsAssignment,
  checkStep,
  completionProblem,
  dueText,
  formatReceiptNo,
  isDueSoon,
  isOverdue,
  type AssignmentFacts,
  type DocumentFacts,
  type TIncomingState,
} from '../../src/modules/documents/incoming/rules';
import { ZAssign, ZRegisterIncoming } from '../../src/modules/documents/incoming/validation';
import { todayInShanghai } from '../../src/ui/format';

const part = (id: string, status: AssignmentFacts['status'], departmentId = 'D1', dueOn = '2026-05-10'): AssignmentFacts => ({ id, status, departmentId, dueOn });
const doc = (state: TIncomingState, assignments: AssignmentFacts[] = []): DocumentFacts => ({ state, assignments });
const perms = (...p: string[]) => ({ permissions: new Set(p), departmentId: 'D1' });

describe('收文状态机', () => {
  it('each step moves one state forward, in order', () => {
    expect(checkStep('propose', doc('registered'))).toEqual({ ok: true, to: 'proposed' });
    expect(checkStep('instruct', doc('proposed'))).toEqual({ ok: true, to: 'instructed' });
    expect(checkStep('assign', doc('instructed'))).toEqual({ ok: true, to: 'handling' });
    const p = part('a', 'pending');
    expect(checkStep('handle', doc('handling', [p]), p)).toEqual({ ok: true, to: 'handling' });
    expect(checkStep('return', doc('handling', [p]), p)).toEqual({ ok: true, to: 'handling' });
    expect(checkStep('complete', doc('handling', [part('a', 'done')]))).toEqual({ ok: true, to: 'completed' });
    expect(checkStep('archive', doc('completed'))).toEqual({ ok: true, to: 'archived' });
  });

  it('refuses repeated steps with a message that names the repetition', () => {
    expect(checkStep('propose', doc('proposed'))).toEqual({ ok: false, message: '该收文已拟办，不能重复拟办，请刷新后查看' });
    expect(checkStep('instruct', doc('instructed'))).toEqual({ ok: false, message: '该收文已有领导批示，不能重复批示，请刷新后查看' });
    expect(checkStep('complete', doc('completed'))).toEqual({ ok: false, message: '该收文已办结，不能重复办结，请刷新后查看' });
    expect(checkStep('archive', doc('archived'))).toEqual({ ok: false, message: '该收文已归档，不能重复归档' });
    const done = part('a', 'done');
    expect(checkStep('handle', doc('handling', [done]), done)).toEqual({ ok: false, message: '本科室已办理完毕，不能重复办理，请刷新后查看' });
  });

  it('refuses out-of-turn steps with the current state', () => {
    expect(checkStep('instruct', doc('registered'))).toEqual({ ok: false, message: '该收文尚未拟办，请先由办公室拟办，再呈领导批示' });
    expect(checkStep('assign', doc('proposed'))).toMatchObject({ ok: false, message: expect.stringContaining('「待批示」') });
    expect(checkStep('archive', doc('handling', [part('a', 'done')]))).toMatchObject({ ok: false, message: expect.stringContaining('办结后才能归档') });
    expect(checkStep('propose', doc('archived'))).toMatchObject({ ok: false, message: '该收文当前为「已归档」，不能拟办' });
    const p = part('a', 'pending');
    expect(checkStep('handle', doc('completed', [p]), p)).toMatchObject({ ok: false });
  });

  it('办结 only when every live part is done; a returned part must be reassigned first', () => {
    expect(completionProblem(doc('handling', [part('a', 'done'), part('b', 'pending')]))).toBe('还有 1 个科室未办理完毕，全部办理完毕后才能办结');
    expect(completionProblem(doc('handling', [part('a', 'done'), part('b', 'returned')]))).toBe('有 1 个科室退回了分办，请先重新分办');
    expect(completionProblem(doc('handling', [part('a', 'reassigned'), part('b', 'done')]))).toBeNull();
    expect(completionProblem(doc('handling', [part('a', 'reassigned')]))).toBe('尚无科室办理完毕，不能办结');
  });

  it('分办 again only when a department returned its part', () => {
    expect(awaitsAssignment(doc('handling', [part('a', 'pending')]))).toBe(false);
    expect(awaitsAssignment(doc('handling', [part('a', 'returned')]))).toBe(true);
    expect(checkStep('assign', doc('handling', [part('a', 'returned')]))).toEqual({ ok: true, to: 'handling' });
    expect(checkStep('assign', doc('handling', [part('a', 'done')]))).toMatchObject({ ok: false, message: expect.stringContaining('没有退回的科室') });
  });

  it('a department acts only on its own part, with the permission', () => {
    expect(actorProblem('handle', perms('incoming:handle'), { departmentId: 'D1' })).toBeNull();
    expect(actorProblem('handle', perms('incoming:handle'), { departmentId: 'D2' })).toBe('只能办理本科室的分办事项');
    expect(actorProblem('return', { permissions: new Set(['incoming:handle']), departmentId: null }, { departmentId: 'D1' })).toBe('只能办理本科室的分办事项');
    expect(actorProblem('instruct', perms('incoming:propose'))).toBe('您没有领导批示收文的权限');
    expect(actorProblem('complete', perms('incoming:assign'))).toBeNull();
  });

  it('availableSteps shows only what this person can do now', () => {
    expect(availableSteps(doc('registered'), perms('incoming:propose', 'incoming:instruct')).steps).toEqual(['propose']);
    expect(availableSteps(doc('proposed'), perms('incoming:propose')).steps).toEqual([]);
    const d = doc('handling', [part('a', 'pending', 'D1'), part('b', 'pending', 'D2'), part('c', 'done', 'D1')]);
    expect(availableSteps(d, perms('incoming:handle')).myAssignments.map((a) => a.id)).toEqual(['a']);
    expect(availableSteps(d, perms('incoming:assign')).steps).toEqual([]);
  });
});

describe('逾期规则', () => {
  it('overdue: pending and due before today; the due day itself is not overdue', () => {
    expect(isOverdue({ status: 'pending', dueOn: '2026-05-09' }, '2026-05-10')).toBe(true);
    expect(isOverdue({ status: 'pending', dueOn: '2026-05-10' }, '2026-05-10')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-01-01' }, '2026-05-10')).toBe(false);
    expect(isOverdue({ status: 'returned', dueOn: '2026-01-01' }, '2026-05-10')).toBe(false);
    expect(isOverdue({ status: 'reassigned', dueOn: '2026-01-01' }, '2026-05-10')).toBe(false);
  });

  it('due soon within the reminder window, across month and year ends', () => {
    expect(isDueSoon({ status: 'pending', dueOn: '2027-01-02' }, '2026-12-30', 3)).toBe(true);
    expect(isDueSoon({ status: 'pending', dueOn: '2027-01-03' }, '2026-12-30', 3)).toBe(false);
    expect(isDueSoon({ status: 'pending', dueOn: '2026-12-29' }, '2026-12-30', 3)).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(dueText({ status: 'pending', dueOn: '2026-05-07' }, '2026-05-10')).toBe('逾期 3 天');
    expect(dueText({ status: 'pending', dueOn: '2026-05-10' }, '2026-05-10')).toBe('今日到期');
    expect(dueText({ status: 'pending', dueOn: '2026-05-12' }, '2026-05-10')).toBe('剩 2 天');
    expect(dueText({ status: 'done', dueOn: '2026-05-01' }, '2026-05-10')).toBeNull();
  });

  it('收文编号 format', () => {
    expect(formatReceiptNo(2026, 12)).toBe('收文〔2026〕12号');
  });
});

describe('收文输入校验', () => {
  const today = todayInShanghai();
  const base = { senderOrg: '市自然资源和规划局', title: '关于…的通知', docType: '通知', urgency: '平件', secrecy: '公开', receivedOn: today };
  it('accepts a minimal registration and trims optional fields to null', () => {
    const r = ZRegisterIncoming.safeParse({ ...base, senderNo: ' ', pageCount: '' });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data).toMatchObject({ senderNo: null, pageCount: null, writtenOn: null, projectId: null });
  });
  it('refuses a type outside the list and an invalid page count', () => {
    expect(ZRegisterIncoming.safeParse({ ...base, docType: '命令' }).success).toBe(false);
    expect(ZRegisterIncoming.safeParse({ ...base, pageCount: '-1' }).success).toBe(false);
  });
  it('分办 needs at least one department, each once, due today or later', () => {
    expect(ZAssign.safeParse({ id: 'X', parts: [] }).success).toBe(false);
    expect(ZAssign.safeParse({ id: 'X', parts: [{ departmentId: 'D1', dueOn: today }] }).success).toBe(true);
    expect(ZAssign.safeParse({ id: 'X', parts: [{ departmentId: 'D1', dueOn: today }, { departmentId: 'D1', dueOn: today }] }).success).toBe(false);
  });
});
