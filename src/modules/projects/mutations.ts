import 'server-only';
import { createArchiveFor } from '@/modules/archives/store';
import { and, eq, ne, sql } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { reserveProjects } from '@/modules/parcels/schema';
import { getPlan } from '@/modules/plans/queries';
import { planOptionLabel } from '@/modules/plans/view';
import { getProjectStageTotals, projectColumns, type ProjectRow } from './queries';
import { FINISHED_STAGES, PROJECT_STATUS_LABELS, ZCreateProject, ZSetProjectStatus, ZUpdateProject } from './validation';

const PERMISSION = 'project:edit';
const OBJECT_TYPE = '储备项目';

const takenMessage = (code: string) => `项目编号「${code}」已被使用，请换一个`;

/** Another project (ignoring `exceptId`) already uses this code, in any letter case. */
async function requireFreeCode(tx: Tx, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: reserveProjects.id })
    .from(reserveProjects)
    .where(and(sql`upper(${reserveProjects.code}) = ${code}`, exceptId ? ne(reserveProjects.id, exceptId) : undefined));
  if (taken) fail(takenMessage(code), 'CONFLICT', { code: takenMessage(code) });
}

/**
 * A newly chosen plan must exist and be current; a project may keep a link to a version that
 * was adjusted after it was chosen.
 */
async function planLabelFor(tx: Tx, planId: string | null, previousPlanId: string | null): Promise<string | null> {
  if (!planId) return null;
  const plan = await getPlan(tx, planId);
  if (!plan) fail('所选储备计划不存在，请刷新后重试', 'INVALID_INPUT');
  if (plan.status !== 'current' && planId !== previousPlanId) fail('所选储备计划已被调整，请选择现行版本', 'CONFLICT');
  return planOptionLabel(plan);
}

async function loadForUpdate(tx: Tx, id: string): Promise<ProjectRow> {
  const [row] = await tx.select(projectColumns).from(reserveProjects).where(eq(reserveProjects.id, id)).for('update');
  if (!row) fail('项目不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return row;
}

function snapshotOf(p: Omit<ProjectRow, 'id' | 'isDemo' | 'createdAt' | 'updatedAt' | 'status' | 'note'> & { note?: string | null }, plan: string | null) {
  return {
    code: p.code,
    name: p.name,
    zone: p.zone,
    plan,
    acquisitionRoute: p.acquisitionRoute,
    implDocNo: p.implDocNo,
    estimatedCost: p.estimatedCost,
    expectedIncome: p.expectedIncome,
    nationalCode: p.nationalCode,
    note: p.note ?? null,
  };
}

async function insertOrConflict<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    // Someone saved the same code a moment ago.
    if (isUniqueViolation(e)) fail(takenMessage(code), 'CONFLICT', { code: takenMessage(code) });
    throw e;
  }
}

export const createProject = defineMutation({
  name: '新建储备项目',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZCreateProject,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    await requireFreeCode(tx, input.code);
    const planLabel = await planLabelFor(tx, input.planId, null);
    const [{ id }] = await insertOrConflict(input.code, () =>
      tx
        .insert(reserveProjects)
        .values({ ...input, status: 'active', createdBy: actor.userId })
        .returning({ id: reserveProjects.id }),
    );
    await createArchiveFor(tx, { ownerType: '项目', ownerId: id, code: input.code, name: input.name });
    await ctx.audit({
      action: '新建储备项目',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: { ...snapshotOf(input, planLabel), status: PROJECT_STATUS_LABELS.active },
      message: `新建储备项目 ${input.code}「${input.name}」`,
    });
    return { id };
  },
});

export const updateProject = defineMutation({
  name: '修改储备项目',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZUpdateProject,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const before = await loadForUpdate(tx, input.id);
    if (before.status === 'closed') fail('项目已关闭，不能修改；如需修改请先重新启用', 'CONFLICT');
    if (input.code !== before.code) await requireFreeCode(tx, input.code, input.id);
    const beforePlan = before.planId ? await getPlan(tx, before.planId) : null;
    const planLabel = await planLabelFor(tx, input.planId, before.planId);
    const { id, ...changes } = input;
    await insertOrConflict(input.code, () => tx.update(reserveProjects).set(changes).where(eq(reserveProjects.id, id)));
    await ctx.audit({
      action: '修改储备项目',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: snapshotOf(before, beforePlan ? planOptionLabel(beforePlan) : null),
      after: snapshotOf(input, planLabel),
      message: `修改储备项目 ${input.code}「${input.name}」`,
    });
    return { id };
  },
});

export const setProjectStatus = defineMutation({
  name: '变更储备项目状态',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZSetProjectStatus,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const before = await loadForUpdate(tx, input.id);
    if (before.status === input.status) fail(`项目已是「${PROJECT_STATUS_LABELS[input.status]}」状态，请刷新后查看`, 'CONFLICT');
    await tx.update(reserveProjects).set({ status: input.status }).where(eq(reserveProjects.id, input.id));
    const totals = await getProjectStageTotals(tx, input.id);
    const open = totals.filter((t) => !FINISHED_STAGES.includes(t.stage)).reduce((n, t) => n + t.count, 0);
    const closing = input.status === 'closed';
    await ctx.audit({
      action: closing ? '关闭储备项目' : '重新启用储备项目',
      objectType: OBJECT_TYPE,
      objectId: input.id,
      before: { status: PROJECT_STATUS_LABELS[before.status] },
      after: { status: PROJECT_STATUS_LABELS[input.status] },
      message: closing
        ? `关闭储备项目 ${before.code}${open ? `（仍有 ${open} 宗地块未供应或终止）` : ''}`
        : `重新启用储备项目 ${before.code}`,
    });
    return { id: input.id };
  },
});
