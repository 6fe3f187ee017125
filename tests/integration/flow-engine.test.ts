import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { isAppError } from '../../src/platform/errors';
import { departments, users } from '../../src/platform/auth/schema';
import { flowInstances } from '../../src/platform/flow/schema';
import {
  actOnFlow,
  canActOn,
  flowHistory,
  flowParticipant,
  flowState,
  FLOW_STALE_MESSAGE,
  getFlowDefinition,
  pendingFlowsFor,
  saveFlowDefinition,
  startFlow,
  type ActOnFlowInput,
} from '../../src/platform/flow';
import { createTestDatabase } from '../helpers/db';
import { actorFor, createActor, roleId } from '../helpers/actors';

let database: Database;
const db = () => database.db;
let admin: Actor;
let drafter: Actor;
let chiefA: Actor;
let chiefB: Actor;
let chiefA2: Actor;
let leader: Actor;
let deptA: string;
let deptB: string;

async function inDept(a: Actor, dept: string): Promise<Actor> {
  await db().update(users).set({ departmentId: dept }).where(eq(users.id, a.userId));
  return actorFor(db(), a.userId);
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

const act = (a: Actor, objectId: string, expectedStepKey: string, decision: ActOnFlowInput['decision'] = 'approve', opinion?: string) =>
  db().transaction((tx) => actOnFlow(tx, a, { objectType: 'test', objectId, expectedStepKey, decision, opinion }));

const start = (objectId: string, skipSteps?: string[]) =>
  db().transaction((tx) => startFlow(tx, { kind: '测试:会签', objectType: 'test', objectId, actor: drafter, skipSteps }));

beforeAll(async () => {
  database = await createTestDatabase();
  const [a] = await db().insert(departments).values({ name: '流程测试甲科' }).returning();
  const [b] = await db().insert(departments).values({ name: '流程测试乙科' }).returning();
  deptA = a.id;
  deptB = b.id;
  admin = await createActor(db(), ['chief']);
  drafter = await inDept(await createActor(db(), ['clerk']), deptA);
  chiefA = await inDept(await createActor(db(), ['chief']), deptA);
  chiefA2 = await inDept(await createActor(db(), ['chief']), deptA);
  chiefB = await inDept(await createActor(db(), ['chief']), deptB);
  leader = await inDept(await createActor(db(), ['leader']), deptA);
  const clerkRole = await roleId(db(), 'clerk');
  const chiefRole = await roleId(db(), 'chief');
  const leaderRole = await roleId(db(), 'leader');
  await db().transaction((tx) =>
    saveFlowDefinition(tx, admin, {
      kind: '测试:会签',
      name: '测试流程',
      steps: [
        { key: 'draft', name: '拟稿', roleId: clerkRole, mode: 'single' },
        { key: 'review', name: '核稿', roleId: chiefRole, mode: 'single', departmentIds: [deptA] },
        { key: 'countersign', name: '会签', roleId: chiefRole, mode: 'countersign', departmentIds: [deptA, deptB], optional: true },
        { key: 'issue', name: '签发', roleId: leaderRole, mode: 'single' },
      ],
    }),
  );
});
afterAll(async () => {
  await database?.close();
});

describe('flow definitions', () => {
  it('saves, replaces and refuses an invalid definition with Chinese problems', async () => {
    const def = await getFlowDefinition(db(), '测试:会签');
    expect(def?.steps.map((s) => s.key)).toEqual(['draft', 'review', 'countersign', 'issue']);
    expect(def?.updatedByName).toBe(admin.displayName);
    const msg = await refused(
      db().transaction((tx) =>
        saveFlowDefinition(tx, admin, { kind: '测试:坏', name: '坏', steps: [{ key: 'draft', name: '拟稿', roleId: 'no-such-role', mode: 'single' }] }),
      ),
    );
    expect(msg).toBe('第 1 步「拟稿」的办理角色不存在');
    expect(await getFlowDefinition(db(), '测试:坏')).toBeNull();
  });
  it('starting a flow of an unconfigured kind is refused', async () => {
    const msg = await refused(db().transaction((tx) => startFlow(tx, { kind: '测试:无', objectType: 'test', objectId: 'x', actor: drafter })));
    expect(msg).toContain('尚未配置');
  });
});

describe('a flow through its steps', () => {
  it('each step only by its role holders; countersign by two departments; then finished', async () => {
    await start('o1');
    expect(await refused(start('o1'))).toBe('该事项已有审批流程');
    // Only the drafter submits.
    expect(await refused(act(chiefA, 'o1', 'draft'))).toContain('由拟稿人');
    let r = await act(drafter, 'o1', 'draft');
    expect(r).toMatchObject({ finished: false, completedStepKey: 'draft', returned: false });
    expect(r.currentStep?.key).toBe('review');
    // 核稿: a chief of department B and the leader are refused, out-of-turn keys too.
    expect(await refused(act(chiefB, 'o1', 'review'))).toBe('您所在科室不办理「核稿」');
    expect(await refused(act(leader, 'o1', 'review'))).toBe('您不是「核稿」步骤的办理人');
    expect(await refused(act(leader, 'o1', 'issue'))).toBe(FLOW_STALE_MESSAGE);
    r = await act(chiefA, 'o1', 'review', 'approve', '同意');
    expect(r.currentStep?.key).toBe('countersign');
    // 会签: A approves, A's other chief can no longer, B completes it.
    const pendingB = await pendingFlowsFor(db(), chiefB, { objectType: 'test' });
    expect(pendingB.map((p) => p.objectId)).toContain('o1');
    r = await act(chiefA, 'o1', 'countersign');
    expect(r).toMatchObject({ completedStepKey: null, finished: false });
    expect((await flowState(db(), 'test', 'o1'))?.approvedDepartmentIds).toEqual([deptA]);
    expect(await refused(act(chiefA2, 'o1', 'countersign'))).toBe(FLOW_STALE_MESSAGE);
    expect((await pendingFlowsFor(db(), chiefA2, { objectType: 'test' })).map((p) => p.objectId)).not.toContain('o1');
    r = await act(chiefB, 'o1', 'countersign', 'approve', '财务科无意见');
    expect(r).toMatchObject({ completedStepKey: 'countersign' });
    expect(r.currentStep?.key).toBe('issue');
    const st = await flowState(db(), 'test', 'o1');
    expect(canActOn(st, await flowParticipant(db(), leader))).toBe(true);
    expect(canActOn(st, await flowParticipant(db(), chiefA))).toBe(false);
    r = await act(leader, 'o1', 'issue', 'approve', '签发');
    expect(r).toEqual({ finished: true, completedStepKey: 'issue', currentStep: null, returned: false });
    expect(await refused(act(leader, 'o1', 'issue'))).toBe('流程已办结，请刷新后查看');
    const history = await flowHistory(db(), 'test', 'o1');
    expect(history.map((h) => `${h.stepName}:${h.departmentName ?? ''}:${h.decision}`)).toEqual([
      '拟稿:流程测试甲科:通过',
      '核稿:流程测试甲科:通过',
      '会签:流程测试甲科:通过',
      '会签:流程测试乙科:通过',
      '签发:流程测试甲科:通过',
    ]);
    expect(history[1].actorName).toBe(chiefA.displayName);
    expect(history[3].opinion).toBe('财务科无意见');
  });

  it('a return needs an opinion, goes back to the drafter and the next round starts afresh', async () => {
    await start('o2');
    await act(drafter, 'o2', 'draft');
    await act(chiefA, 'o2', 'review');
    await act(chiefA, 'o2', 'countersign');
    expect(await refused(act(chiefB, 'o2', 'countersign', 'return', '  '))).toBe('退回须填写意见');
    const r = await act(chiefB, 'o2', 'countersign', 'return', '金额依据不足');
    expect(r).toMatchObject({ returned: true, finished: false, completedStepKey: null });
    expect(r.currentStep?.key).toBe('draft');
    const st = await flowState(db(), 'test', 'o2');
    expect(st?.status).toBe('已退回');
    expect(await refused(act(chiefA, 'o2', 'review'))).toBe(FLOW_STALE_MESSAGE);
    const mine = await pendingFlowsFor(db(), drafter, { objectType: 'test' });
    expect(mine.find((p) => p.objectId === 'o2')?.status).toBe('已退回');
    await act(drafter, 'o2', 'draft', 'approve', '已补充依据');
    expect((await flowState(db(), 'test', 'o2'))?.status).toBe('进行中');
    await act(chiefA, 'o2', 'review');
    // Department A's countersign from the first round no longer counts.
    expect((await flowState(db(), 'test', 'o2'))?.approvedDepartmentIds).toEqual([]);
    await act(chiefB, 'o2', 'countersign');
    const r2 = await act(chiefA, 'o2', 'countersign');
    expect(r2.currentStep?.key).toBe('issue');
    const history = await flowHistory(db(), 'test', 'o2');
    expect(history.find((h) => h.decision === '退回')?.opinion).toBe('金额依据不足');
  });

  it('an optional step can be skipped when the flow starts; a running flow keeps its steps', async () => {
    await start('o3', ['countersign']);
    expect(await refused(start('o4', ['review']))).toBe('「核稿」不可跳过');
    await act(drafter, 'o3', 'draft');
    const r = await act(chiefA, 'o3', 'review');
    expect(r.currentStep?.key).toBe('issue');
    // Changing the definition does not move o3.
    const def = (await getFlowDefinition(db(), '测试:会签'))!;
    await db().transaction((tx) => saveFlowDefinition(tx, admin, { ...def, steps: def.steps.filter((s) => s.key !== 'issue') }));
    expect((await flowState(db(), 'test', 'o3'))?.currentStep?.key).toBe('issue');
    expect((await act(leader, 'o3', 'issue')).finished).toBe(true);
    await db().transaction((tx) => saveFlowDefinition(tx, admin, def));
  });

  it('two approvals of the same step at the same moment: exactly one wins', async () => {
    await start('o5');
    await act(drafter, 'o5', 'draft');
    const results = await Promise.allSettled([act(chiefA, 'o5', 'review', 'approve', '甲'), act(chiefA2, 'o5', 'review', 'approve', '乙')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isAppError(loser.reason) && loser.reason.message).toBe(FLOW_STALE_MESSAGE);
    const history = await flowHistory(db(), 'test', 'o5');
    expect(history.filter((h) => h.stepKey === 'review')).toHaveLength(1);
    const [inst] = await db().select().from(flowInstances).where(eq(flowInstances.objectId, 'o5'));
    expect(inst.currentStepKey).toBe('countersign');
  });

  it('the same department countersigning twice at once: one counts', async () => {
    await start('o6');
    await act(drafter, 'o6', 'draft');
    await act(chiefA, 'o6', 'review');
    const results = await Promise.allSettled([act(chiefA, 'o6', 'countersign'), act(chiefA2, 'o6', 'countersign')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await flowState(db(), 'test', 'o6'))?.approvedDepartmentIds).toEqual([deptA]);
  });
});
