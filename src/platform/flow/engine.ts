import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../action';
import { fail } from '../action';
import { departments, roles, userRoles } from '../auth/schema';
import { flowActions, flowDefinitions, flowInstances } from './schema';
import {
  actRefusal,
  indexAfterApproval,
  stepsForRun,
  validateFlow,
  type FlowDefinition,
  type FlowParticipant,
  type FlowRefs,
  type FlowStateView,
  type FlowStepDef,
} from './definition';

type Reader = Db | Tx;

export const FLOW_STALE_MESSAGE = '该步骤已由他人处理，请刷新后重试';

export interface StoredFlowDefinition extends FlowDefinition {
  updatedAt: Date;
  updatedByName: string | null;
}

export async function getFlowDefinition(db: Reader, kind: string): Promise<StoredFlowDefinition | null> {
  const [row] = await db.select().from(flowDefinitions).where(eq(flowDefinitions.kind, kind));
  return row ? { kind: row.kind, name: row.name, steps: row.steps, updatedAt: row.updatedAt, updatedByName: row.updatedByName } : null;
}

/** All definitions whose kind starts with `prefix` (e.g. `发文:`), by kind. */
export async function listFlowDefinitions(db: Reader, prefix = ''): Promise<StoredFlowDefinition[]> {
  const rows = await db.select().from(flowDefinitions).orderBy(asc(flowDefinitions.kind));
  return rows
    .filter((r) => r.kind.startsWith(prefix))
    .map((row) => ({ kind: row.kind, name: row.name, steps: row.steps, updatedAt: row.updatedAt, updatedByName: row.updatedByName }));
}

/** The roles and departments a definition may name. */
export async function loadFlowRefs(db: Reader): Promise<FlowRefs> {
  const r = await db.select({ id: roles.id, name: roles.name, kind: roles.kind }).from(roles);
  const d = await db.select({ id: departments.id, name: departments.name }).from(departments);
  return { roles: new Map(r.map((x) => [x.id, { name: x.name, kind: x.kind }])), departments: new Map(d.map((x) => [x.id, { name: x.name }])) };
}

/** Normalises the steps to the stored shape (no empty department lists, no `optional: false`). */
function cleanSteps(steps: FlowStepDef[]): FlowStepDef[] {
  return steps.map((s) => ({
    key: s.key,
    name: s.name.trim(),
    roleId: s.roleId,
    mode: s.mode,
    ...(s.departmentIds && s.departmentIds.length ? { departmentIds: [...s.departmentIds] } : {}),
    ...(s.optional ? { optional: true } : {}),
  }));
}

/**
 * Creates or replaces the definition of `def.kind` after validating it against the roles and
 * departments that exist; refuses (rolls back) with the problems in Chinese. Running flows keep
 * the steps they started with.
 */
export async function saveFlowDefinition(tx: Tx, actor: Actor, def: FlowDefinition): Promise<{ before: FlowDefinition | null; after: FlowDefinition }> {
  const problems = validateFlow(def, await loadFlowRefs(tx));
  if (problems.length) fail(problems.join('；'), 'INVALID_INPUT');
  const after: FlowDefinition = { kind: def.kind.trim(), name: def.name.trim(), steps: cleanSteps(def.steps) };
  const [existing] = await tx.select().from(flowDefinitions).where(eq(flowDefinitions.kind, after.kind)).for('update');
  if (existing) {
    await tx
      .update(flowDefinitions)
      .set({ name: after.name, steps: after.steps, updatedAt: new Date(), updatedBy: actor.userId, updatedByName: actor.displayName })
      .where(eq(flowDefinitions.id, existing.id));
    return { before: { kind: existing.kind, name: existing.name, steps: existing.steps }, after };
  }
  await tx.insert(flowDefinitions).values({ kind: after.kind, name: after.name, steps: after.steps, updatedBy: actor.userId, updatedByName: actor.displayName });
  return { before: null, after };
}

type InstanceRow = typeof flowInstances.$inferSelect;

async function approvedDepartments(db: Reader, inst: InstanceRow): Promise<string[]> {
  const step = inst.definition[inst.currentStepIndex];
  if (!step || step.mode !== 'countersign') return [];
  const rows = await db
    .select({ departmentId: flowActions.departmentId })
    .from(flowActions)
    .where(and(eq(flowActions.instanceId, inst.id), eq(flowActions.round, inst.round), eq(flowActions.stepKey, step.key), eq(flowActions.decision, '通过')));
  return [...new Set(rows.map((r) => r.departmentId).filter((d): d is string => !!d))];
}

function viewOf(inst: InstanceRow, approvedDepartmentIds: string[]): FlowStateView {
  return {
    instanceId: inst.id,
    objectType: inst.objectType,
    objectId: inst.objectId,
    kind: inst.kind,
    status: inst.status,
    round: inst.round,
    steps: inst.definition,
    currentStepIndex: inst.currentStepIndex,
    currentStep: inst.status === '已完成' ? null : (inst.definition[inst.currentStepIndex] ?? null),
    startedBy: inst.startedBy,
    startedByName: inst.startedByName,
    approvedDepartmentIds,
  };
}

/** The flow of one object (null: none started). */
export async function flowState(db: Reader, objectType: string, objectId: string): Promise<FlowStateView | null> {
  const [inst] = await db
    .select()
    .from(flowInstances)
    .where(and(eq(flowInstances.objectType, objectType), eq(flowInstances.objectId, objectId)));
  return inst ? viewOf(inst, await approvedDepartments(db, inst)) : null;
}

/** The actor as the flow sees them: their roles (read now, not from the session) and department. */
export async function flowParticipant(db: Reader, actor: Pick<Actor, 'userId' | 'displayName' | 'departmentId'>): Promise<FlowParticipant> {
  const rows = await db.select({ roleId: userRoles.roleId }).from(userRoles).where(eq(userRoles.userId, actor.userId));
  return { userId: actor.userId, displayName: actor.displayName, departmentId: actor.departmentId, roleIds: rows.map((r) => r.roleId) };
}

export interface StartFlowInput {
  kind: string;
  objectType: string;
  objectId: string;
  actor: Actor;
  /** Optional steps left out for this object (e.g. `['countersign']`: no 会签). */
  skipSteps?: string[];
}

/**
 * Starts the flow of an object with the current definition of `kind`: it waits at the first step
 * for its starter (the drafter) to submit it. An object has one flow.
 */
export async function startFlow(tx: Tx, input: StartFlowInput): Promise<FlowStateView> {
  const def = await getFlowDefinition(tx, input.kind);
  if (!def) fail(`尚未配置「${input.kind}」的审批流程，请联系管理员`);
  const { steps, problem } = stepsForRun(def.steps, input.skipSteps ?? []);
  if (problem) fail(problem, 'INVALID_INPUT');
  const [existing] = await tx
    .select({ id: flowInstances.id })
    .from(flowInstances)
    .where(and(eq(flowInstances.objectType, input.objectType), eq(flowInstances.objectId, input.objectId)));
  if (existing) fail('该事项已有审批流程', 'CONFLICT');
  const [inst] = await tx
    .insert(flowInstances)
    .values({
      objectType: input.objectType,
      objectId: input.objectId,
      kind: input.kind,
      definition: steps,
      currentStepIndex: 0,
      currentStepKey: steps[0].key,
      currentRoleId: steps[0].roleId,
      status: '进行中',
      round: 1,
      startedBy: input.actor.userId,
      startedByName: input.actor.displayName,
    })
    .returning();
  return viewOf(inst, []);
}

/** Changes the optional steps of a flow still at its first step (the drafter may decide before submitting). */
export async function resetFlowSteps(tx: Tx, objectType: string, objectId: string, skipSteps: string[]): Promise<FlowStateView> {
  const [inst] = await tx
    .select()
    .from(flowInstances)
    .where(and(eq(flowInstances.objectType, objectType), eq(flowInstances.objectId, objectId)))
    .for('update');
  if (!inst) fail('该事项尚未发起审批流程', 'NOT_FOUND');
  if (inst.currentStepIndex !== 0 || inst.status === '已完成') fail('流程已提交，不能再调整步骤');
  const def = await getFlowDefinition(tx, inst.kind);
  if (!def) fail(`尚未配置「${inst.kind}」的审批流程，请联系管理员`);
  const { steps, problem } = stepsForRun(def.steps, skipSteps);
  if (problem) fail(problem, 'INVALID_INPUT');
  const [row] = await tx
    .update(flowInstances)
    .set({ definition: steps, currentStepKey: steps[0].key, currentRoleId: steps[0].roleId, updatedAt: new Date() })
    .where(eq(flowInstances.id, inst.id))
    .returning();
  return viewOf(row, []);
}

export interface ActOnFlowInput {
  objectType: string;
  objectId: string;
  /** The step the user saw: acting on a flow that moved on since is refused. */
  expectedStepKey: string;
  decision: 'approve' | 'return';
  opinion?: string | null;
}

export interface ActOnFlowResult {
  finished: boolean;
  /** The step this action completed (null: a countersign still waiting, or a return). */
  completedStepKey: string | null;
  /** Where the flow waits now (null when finished). */
  currentStep: FlowStepDef | null;
  returned: boolean;
}

/**
 * Approves or returns the current step. Locks the flow row first, so two people acting on the
 * same step at once are served one after the other and the second is refused. A return needs an
 * opinion and sends the flow back to the drafter (status 已退回 until resubmitted).
 */
export async function actOnFlow(tx: Tx, actor: Actor, input: ActOnFlowInput): Promise<ActOnFlowResult> {
  const opinion = (input.opinion ?? '').trim();
  if (opinion.length > 1000) fail('意见不能超过 1000 个字', 'INVALID_INPUT', { opinion: '意见不能超过 1000 个字' });
  if (input.decision === 'return' && !opinion) fail('退回须填写意见', 'INVALID_INPUT', { opinion: '退回须填写意见' });
  const [inst] = await tx
    .select()
    .from(flowInstances)
    .where(and(eq(flowInstances.objectType, input.objectType), eq(flowInstances.objectId, input.objectId)))
    .for('update');
  if (!inst) fail('该事项尚未发起审批流程', 'NOT_FOUND');
  if (inst.status === '已完成') fail('流程已办结，请刷新后查看', 'CONFLICT');
  const steps = inst.definition;
  const step = steps[inst.currentStepIndex];
  if (!step || step.key !== input.expectedStepKey) fail(FLOW_STALE_MESSAGE, 'CONFLICT');
  const approved = await approvedDepartments(tx, inst);
  const state = viewOf(inst, approved);
  const who = await flowParticipant(tx, actor);
  const refusal = actRefusal(state, who);
  if (refusal) {
    const stale = refusal === '本科室已会签，请刷新后查看';
    fail(stale ? FLOW_STALE_MESSAGE : refusal, stale ? 'CONFLICT' : 'FORBIDDEN');
  }
  let departmentName: string | null = null;
  if (who.departmentId) {
    const [d] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, who.departmentId));
    departmentName = d?.name ?? null;
  }
  const now = new Date();
  if (input.decision === 'return' && inst.currentStepIndex === 0) fail('拟稿步骤不能退回，可修改后提交', 'RULE_VIOLATION');
  await tx.insert(flowActions).values({
    instanceId: inst.id,
    round: inst.round,
    stepKey: step.key,
    stepName: step.name,
    departmentId: who.departmentId,
    departmentName,
    actorId: actor.userId,
    actorName: actor.displayName,
    decision: input.decision === 'approve' ? '通过' : '退回',
    opinion: opinion || null,
    at: now,
  });

  if (input.decision === 'return') {
    await tx
      .update(flowInstances)
      .set({ currentStepIndex: 0, currentStepKey: steps[0].key, currentRoleId: steps[0].roleId, status: '已退回', round: inst.round + 1, updatedAt: now })
      .where(eq(flowInstances.id, inst.id));
    return { finished: false, completedStepKey: null, currentStep: steps[0], returned: true };
  }

  const nowApproved = step.mode === 'countersign' && who.departmentId ? [...approved, who.departmentId] : approved;
  const next = indexAfterApproval(steps, inst.currentStepIndex, nowApproved);
  if (next === inst.currentStepIndex) {
    // A countersign still waiting for other departments.
    await tx.update(flowInstances).set({ updatedAt: now }).where(eq(flowInstances.id, inst.id));
    return { finished: false, completedStepKey: null, currentStep: step, returned: false };
  }
  if (next >= steps.length) {
    await tx
      .update(flowInstances)
      .set({ currentStepIndex: steps.length, currentStepKey: null, currentRoleId: null, status: '已完成', updatedAt: now, finishedAt: now })
      .where(eq(flowInstances.id, inst.id));
    return { finished: true, completedStepKey: step.key, currentStep: null, returned: false };
  }
  await tx
    .update(flowInstances)
    .set({ currentStepIndex: next, currentStepKey: steps[next].key, currentRoleId: steps[next].roleId, status: '进行中', updatedAt: now })
    .where(eq(flowInstances.id, inst.id));
  return { finished: false, completedStepKey: step.key, currentStep: steps[next], returned: false };
}

export interface FlowHistoryEntry {
  id: string;
  round: number;
  stepKey: string;
  stepName: string;
  departmentId: string | null;
  departmentName: string | null;
  actorId: string;
  actorName: string;
  decision: '通过' | '退回';
  opinion: string | null;
  at: Date;
}

/** Every decision taken on the object's flow, oldest first. */
export async function flowHistory(db: Reader, objectType: string, objectId: string): Promise<FlowHistoryEntry[]> {
  return db
    .select({
      id: flowActions.id,
      round: flowActions.round,
      stepKey: flowActions.stepKey,
      stepName: flowActions.stepName,
      departmentId: flowActions.departmentId,
      departmentName: flowActions.departmentName,
      actorId: flowActions.actorId,
      actorName: flowActions.actorName,
      decision: flowActions.decision,
      opinion: flowActions.opinion,
      at: flowActions.at,
    })
    .from(flowActions)
    .innerJoin(flowInstances, eq(flowInstances.id, flowActions.instanceId))
    .where(and(eq(flowInstances.objectType, objectType), eq(flowInstances.objectId, objectId)))
    .orderBy(asc(flowActions.at), asc(flowActions.id));
}

export interface PendingFlow extends FlowStateView {
  /** Since when it waits at this step. */
  since: Date;
}

/**
 * The flows waiting on this actor now: a step whose role they hold (for a countersign, their
 * department not yet approved in this round), and their own drafts at the first step.
 */
export async function pendingFlowsFor(db: Reader, actor: Pick<Actor, 'userId' | 'displayName' | 'departmentId'>, opts: { objectType?: string } = {}): Promise<PendingFlow[]> {
  const who = await flowParticipant(db, actor);
  const byRole = who.roleIds.length
    ? and(eq(flowInstances.status, '进行中'), inArray(flowInstances.currentRoleId, [...who.roleIds]), ne(flowInstances.currentStepIndex, 0))
    : undefined;
  const own = and(eq(flowInstances.currentStepIndex, 0), eq(flowInstances.startedBy, who.userId), ne(flowInstances.status, '已完成'));
  const rows = await db
    .select()
    .from(flowInstances)
    .where(and(byRole ? or(byRole, own) : own, opts.objectType ? eq(flowInstances.objectType, opts.objectType) : sql`true`))
    .orderBy(asc(flowInstances.updatedAt));
  const counter = rows.filter((r) => r.definition[r.currentStepIndex]?.mode === 'countersign');
  const approvals = counter.length
    ? await db
        .select({ instanceId: flowActions.instanceId, round: flowActions.round, stepKey: flowActions.stepKey, departmentId: flowActions.departmentId })
        .from(flowActions)
        .where(and(inArray(flowActions.instanceId, counter.map((r) => r.id)), eq(flowActions.decision, '通过')))
    : [];
  const out: PendingFlow[] = [];
  for (const r of rows) {
    const step = r.definition[r.currentStepIndex];
    const approved = step
      ? approvals.filter((a) => a.instanceId === r.id && a.round === r.round && a.stepKey === step.key && a.departmentId).map((a) => a.departmentId as string)
      : [];
    const view = viewOf(r, approved);
    if (actRefusal(view, who) === null) out.push({ ...view, since: r.updatedAt });
  }
  return out;
}
