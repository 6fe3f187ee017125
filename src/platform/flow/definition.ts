/**
 * Flow definitions as data, and the pure step logic of the approval flow engine (engine.ts
 * reads and writes the database). A flow is a linear list of steps: it always ends, because
 * approving moves forward by one step (or stays, for a countersign still waiting) and a return
 * goes back to the first step, to the drafter.
 */
export type FlowMode = 'single' | 'countersign';

export interface FlowStepDef {
  /** Unique within the flow, ASCII (e.g. `review`). */
  key: string;
  /** What people see (e.g. 核稿). */
  name: string;
  /** The role whose holders act on this step. */
  roleId: string;
  /** single: one holder decides; countersign (会签): each listed department's holder approves for it. */
  mode: FlowMode;
  /** countersign: the departments that must all approve; single: if given, only holders in these. */
  departmentIds?: string[];
  /** May be left out for one object when its flow starts (`startFlow({ skipSteps })`). */
  optional?: boolean;
}

export interface FlowDefinition {
  kind: string;
  name: string;
  steps: FlowStepDef[];
}

/** Roles and departments that exist, to check a definition against (engine loads them). */
export interface FlowRefs {
  roles: ReadonlyMap<string, { name: string; kind: string }>;
  departments: ReadonlyMap<string, { name: string }>;
}

export const MAX_FLOW_STEPS = 20;
const KEY_RE = /^[a-z][a-z0-9_-]{0,39}$/;

/**
 * What is wrong with a definition, in Chinese (empty: none). Without `refs` the roles and
 * departments are not looked up. The list structure itself guarantees that a flow ends.
 */
export function validateFlow(def: FlowDefinition, refs?: FlowRefs): string[] {
  const problems: string[] = [];
  if (!def || typeof def !== 'object') return ['流程定义不完整'];
  if (!def.kind || !def.kind.trim()) problems.push('流程类别不能为空');
  if (!def.name || !def.name.trim()) problems.push('流程名称不能为空');
  const steps = Array.isArray(def.steps) ? def.steps : [];
  if (steps.length === 0) {
    problems.push('流程至少需要一个步骤');
    return problems;
  }
  if (steps.length > MAX_FLOW_STEPS) problems.push(`流程步骤不能超过 ${MAX_FLOW_STEPS} 个`);
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const label = `第 ${i + 1} 步${step?.name ? `「${step.name}」` : ''}`;
    if (!step || typeof step !== 'object') {
      problems.push(`${label}不完整`);
      return;
    }
    const extra = Object.keys(step).filter((k) => !['key', 'name', 'roleId', 'mode', 'departmentIds', 'optional'].includes(k));
    if (extra.length) problems.push(`${label}含有不支持的设置（${extra.join('、')}）：流程只能按顺序逐步流转，不能跳转`);
    if (!step.key || !KEY_RE.test(step.key)) problems.push(`${label}的步骤代码须以小写字母开头，只含小写字母、数字、下划线或连字符`);
    else if (seen.has(step.key)) problems.push(`${label}的步骤代码「${step.key}」重复`);
    else seen.add(step.key);
    if (!step.name || !step.name.trim()) problems.push(`${label}的名称不能为空`);
    else if (step.name.length > 20) problems.push(`${label}的名称不能超过 20 个字`);
    if (!step.roleId) problems.push(`${label}未指定办理角色`);
    else if (refs) {
      const role = refs.roles.get(step.roleId);
      if (!role) problems.push(`${label}的办理角色不存在`);
      else if (role.kind !== 'business') problems.push(`${label}的办理角色「${role.name}」不是业务角色`);
    }
    if (step.mode !== 'single' && step.mode !== 'countersign') problems.push(`${label}的办理方式须为单人办理或会签`);
    const depts = step.departmentIds ?? [];
    if (!Array.isArray(depts)) problems.push(`${label}的科室设置不正确`);
    else {
      if (step.mode === 'countersign' && depts.length === 0) problems.push(`${label}为会签，至少需要一个会签科室`);
      if (new Set(depts).size !== depts.length) problems.push(`${label}的会签科室有重复`);
      if (refs) for (const d of depts) if (!refs.departments.has(d)) problems.push(`${label}的科室不存在`);
    }
    if (i === 0) {
      if (step.mode !== 'single') problems.push('第一步是拟稿（发起）步骤，不能是会签');
      if (step.optional) problems.push('第一步是拟稿（发起）步骤，不能设为可跳过');
    }
  });
  return [...new Set(problems)];
}

/** Who acts: the user, their department and the ids of the roles they hold. */
export interface FlowParticipant {
  userId: string;
  displayName: string;
  departmentId: string | null;
  roleIds: readonly string[];
}

export interface FlowStateView {
  instanceId: string;
  objectType: string;
  objectId: string;
  kind: string;
  status: '进行中' | '已完成' | '已退回';
  round: number;
  steps: FlowStepDef[];
  currentStepIndex: number;
  currentStep: FlowStepDef | null;
  startedBy: string;
  startedByName: string;
  /** countersign: departments that approved the current step in this round. */
  approvedDepartmentIds: string[];
}

/**
 * Why this participant cannot act on the current step (Chinese), or null when they can. The
 * first step belongs to the drafter (whoever started the flow).
 */
export function actRefusal(state: FlowStateView, who: FlowParticipant): string | null {
  if (state.status === '已完成' || !state.currentStep) return '流程已办结';
  const step = state.currentStep;
  if (state.currentStepIndex === 0) {
    return who.userId === state.startedBy ? null : `「${step.name}」由拟稿人${state.startedByName}办理`;
  }
  if (state.status !== '进行中') return '流程已退回拟稿人，待重新提交';
  if (!who.roleIds.includes(step.roleId)) return `您不是「${step.name}」步骤的办理人`;
  const depts = step.departmentIds ?? [];
  if (step.mode === 'countersign') {
    if (!who.departmentId || !depts.includes(who.departmentId)) return `您所在科室不在「${step.name}」的会签科室中`;
    if (state.approvedDepartmentIds.includes(who.departmentId)) return '本科室已会签，请刷新后查看';
  } else if (depts.length && (!who.departmentId || !depts.includes(who.departmentId))) {
    return `您所在科室不办理「${step.name}」`;
  }
  return null;
}

/** Whether this participant can approve or return the flow at its current step. */
export function canActOn(state: FlowStateView | null, who: FlowParticipant): boolean {
  return !!state && actRefusal(state, who) === null;
}

/**
 * Where an approval leads: the next step's index (steps.length: finished), or the same index
 * while a countersign still waits for other departments.
 */
export function indexAfterApproval(steps: FlowStepDef[], index: number, approvedDepartmentIds: readonly string[]): number {
  const step = steps[index];
  if (step.mode === 'countersign') {
    const needed = step.departmentIds ?? [];
    if (!needed.every((d) => approvedDepartmentIds.includes(d))) return index;
  }
  return index + 1;
}

/** The steps a flow runs with: the definition without the optional steps chosen to be skipped. */
export function stepsForRun(steps: FlowStepDef[], skipSteps: readonly string[] = []): { steps: FlowStepDef[]; problem: string | null } {
  for (const key of skipSteps) {
    const step = steps.find((s) => s.key === key);
    if (!step) return { steps, problem: `流程中没有步骤「${key}」` };
    if (!step.optional) return { steps, problem: `「${step.name}」不可跳过` };
  }
  return { steps: steps.filter((s) => !skipSteps.includes(s.key)), problem: null };
}
