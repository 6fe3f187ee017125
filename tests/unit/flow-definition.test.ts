import { describe, expect, it } from 'vitest';
import {
  actRefusal,
  canActOn,
  indexAfterApproval,
  stepsForRun,
  validateFlow,
  type FlowDefinition,
  type FlowRefs,
  type FlowStateView,
  type FlowStepDef,
} from '../../src/platform/flow/definition';

const refs: FlowRefs = {
  roles: new Map([
    ['r-clerk', { name: '经办', kind: 'business' }],
    ['r-chief', { name: '科室负责人', kind: 'business' }],
    ['r-sys', { name: '系统管理员', kind: 'sys' }],
  ]),
  departments: new Map([
    ['d-a', { name: '综合科' }],
    ['d-b', { name: '财务科' }],
  ]),
};

const steps: FlowStepDef[] = [
  { key: 'draft', name: '拟稿', roleId: 'r-clerk', mode: 'single' },
  { key: 'review', name: '核稿', roleId: 'r-chief', mode: 'single' },
  { key: 'countersign', name: '会签', roleId: 'r-chief', mode: 'countersign', departmentIds: ['d-a', 'd-b'], optional: true },
  { key: 'issue', name: '签发', roleId: 'r-chief', mode: 'single' },
];
const def = (patch: Partial<FlowDefinition> = {}): FlowDefinition => ({ kind: '发文:通知', name: '通知发文', steps, ...patch });

describe('validateFlow', () => {
  it('accepts a well-formed linear flow', () => {
    expect(validateFlow(def(), refs)).toEqual([]);
  });
  it('needs at least one step', () => {
    expect(validateFlow(def({ steps: [] }), refs)).toEqual(['流程至少需要一个步骤']);
  });
  it('refuses duplicate keys', () => {
    const p = validateFlow(def({ steps: [...steps, { ...steps[1] }] }), refs);
    expect(p.some((m) => m.includes('「review」重复'))).toBe(true);
  });
  it('refuses unknown roles, administrator roles and unknown departments', () => {
    const p = validateFlow(
      def({
        steps: [
          steps[0],
          { key: 'a', name: '甲', roleId: 'nope', mode: 'single' },
          { key: 'b', name: '乙', roleId: 'r-sys', mode: 'single' },
          { key: 'c', name: '丙', roleId: 'r-chief', mode: 'countersign', departmentIds: ['d-x'] },
        ],
      }),
      refs,
    );
    expect(p).toContain('第 2 步「甲」的办理角色不存在');
    expect(p).toContain('第 3 步「乙」的办理角色「系统管理员」不是业务角色');
    expect(p).toContain('第 4 步「丙」的科室不存在');
  });
  it('a countersign needs a department', () => {
    const p = validateFlow(def({ steps: [steps[0], { key: 'c', name: '会签', roleId: 'r-chief', mode: 'countersign' }] }), refs);
    expect(p).toEqual(['第 2 步「会签」为会签，至少需要一个会签科室']);
  });
  it('refuses jumps (no way to build a loop), bad keys and a countersign or optional first step', () => {
    const jump = { ...steps[1], next: 'draft' } as unknown as FlowStepDef;
    expect(validateFlow(def({ steps: [steps[0], jump] }), refs)[0]).toContain('不能跳转');
    expect(validateFlow(def({ steps: [{ ...steps[0], key: 'Bad Key' }] }), refs)[0]).toContain('步骤代码');
    const p = validateFlow(def({ steps: [{ ...steps[2] }] }), refs);
    expect(p).toContain('第一步是拟稿（发起）步骤，不能是会签');
    expect(p).toContain('第一步是拟稿（发起）步骤，不能设为可跳过');
  });
  it('without refs, names are not looked up', () => {
    expect(validateFlow(def({ steps: [{ ...steps[0], roleId: 'anything' }] }))).toEqual([]);
  });
});

function state(patch: Partial<FlowStateView> = {}): FlowStateView {
  const s = patch.steps ?? steps;
  const i = patch.currentStepIndex ?? 1;
  return {
    instanceId: 'i',
    objectType: 'doc',
    objectId: 'o',
    kind: '发文:通知',
    status: '进行中',
    round: 1,
    steps: s,
    currentStepIndex: i,
    currentStep: s[i] ?? null,
    startedBy: 'u-drafter',
    startedByName: '张三',
    approvedDepartmentIds: [],
    ...patch,
  };
}
const chiefA = { userId: 'u1', displayName: '李四', departmentId: 'd-a', roleIds: ['r-chief'] };
const chiefB = { userId: 'u2', displayName: '王五', departmentId: 'd-b', roleIds: ['r-chief'] };
const clerk = { userId: 'u3', displayName: '赵六', departmentId: 'd-a', roleIds: ['r-clerk'] };

describe('step logic', () => {
  it('the first step belongs to the drafter only', () => {
    expect(canActOn(state({ currentStepIndex: 0 }), { ...clerk, userId: 'u-drafter' })).toBe(true);
    expect(actRefusal(state({ currentStepIndex: 0 }), clerk)).toBe('「拟稿」由拟稿人张三办理');
  });
  it('a step needs its role', () => {
    expect(canActOn(state(), chiefA)).toBe(true);
    expect(actRefusal(state(), clerk)).toBe('您不是「核稿」步骤的办理人');
  });
  it('a countersign takes each listed department once', () => {
    const s = state({ currentStepIndex: 2 });
    expect(canActOn(s, chiefA)).toBe(true);
    expect(canActOn(s, { ...chiefA, departmentId: 'd-z' })).toBe(false);
    expect(canActOn({ ...s, approvedDepartmentIds: ['d-a'] }, chiefA)).toBe(false);
    expect(canActOn({ ...s, approvedDepartmentIds: ['d-a'] }, chiefB)).toBe(true);
    expect(indexAfterApproval(steps, 2, ['d-a'])).toBe(2);
    expect(indexAfterApproval(steps, 2, ['d-b', 'd-a'])).toBe(3);
    expect(indexAfterApproval(steps, 1, [])).toBe(2);
    expect(indexAfterApproval(steps, 3, [])).toBe(4);
  });
  it('nobody acts on a finished or returned flow except the drafter', () => {
    expect(canActOn(state({ status: '已完成', currentStep: null, currentStepIndex: 4 }), chiefA)).toBe(false);
    expect(canActOn(state({ status: '已退回' }), chiefA)).toBe(false);
    expect(canActOn(state({ status: '已退回', currentStepIndex: 0 }), { ...clerk, userId: 'u-drafter' })).toBe(true);
    expect(canActOn(null, chiefA)).toBe(false);
  });
  it('only optional steps may be skipped', () => {
    expect(stepsForRun(steps, ['countersign']).steps.map((s) => s.key)).toEqual(['draft', 'review', 'issue']);
    expect(stepsForRun(steps, ['review']).problem).toBe('「核稿」不可跳过');
    expect(stepsForRun(steps, ['x']).problem).toBe('流程中没有步骤「x」');
  });
});
