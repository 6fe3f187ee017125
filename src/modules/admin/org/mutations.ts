import 'server-only';
import { and, count, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { defineMutation, fail, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { departments, users } from '@/platform/auth/schema';
import { wouldCreateCycle } from './tree';
import { ZCreateDepartment, ZDeleteDepartment, ZMoveDepartment, ZUpdateDepartment } from './validation';

const OBJECT_TYPE = '科室';
const PERMISSION = 'org:manage';

type DepartmentRecord = typeof departments.$inferSelect;

/** Every 组织机构 mutation needs the same permission and is audited as a change to a 科室. */
function departmentMutation<S extends z.ZodType, R>(name: string, schema: S, run: (ctx: MutationContext, input: z.output<S>) => Promise<R>) {
  return defineMutation({ name, permission: PERMISSION, objectType: OBJECT_TYPE, schema, run });
}

/** Reads a department and locks its row until the transaction ends. */
async function lockDepartment(tx: Tx, id: string): Promise<DepartmentRecord | undefined> {
  const [row] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
  return row;
}

async function requireDepartment(tx: Tx, id: string, label = '科室'): Promise<DepartmentRecord> {
  const row = await lockDepartment(tx, id);
  if (!row) fail(`${label}不存在或已被删除，请刷新后重试`, 'NOT_FOUND');
  return row;
}

/** Sibling names are unique under one parent (and among top-level departments). */
async function assertSiblingNameFree(tx: Tx, parentId: string | null, name: string, exceptId: string | null): Promise<void> {
  const conds: SQL[] = [eq(departments.name, name), parentId ? eq(departments.parentId, parentId) : isNull(departments.parentId)];
  if (exceptId) conds.push(ne(departments.id, exceptId));
  const [clash] = await tx.select({ id: departments.id }).from(departments).where(and(...conds)).limit(1);
  if (clash) {
    const message = parentId ? `同一上级科室下已有名为「${name}」的科室` : `已有名为「${name}」的顶级科室`;
    fail(message, 'CONFLICT', { name: message });
  }
}

async function assertCodeFree(tx: Tx, code: string | null, exceptId: string | null): Promise<void> {
  if (!code) return;
  const conds: SQL[] = [eq(departments.code, code)];
  if (exceptId) conds.push(ne(departments.id, exceptId));
  const [clash] = await tx.select({ name: departments.name }).from(departments).where(and(...conds)).limit(1);
  if (clash) fail(`科室编码 ${code} 已被「${clash.name}」使用`, 'CONFLICT', { code: `科室编码 ${code} 已被「${clash.name}」使用` });
}

async function nameOf(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, id));
  return row?.name ?? null;
}

/** What the audit diff shows for a department. */
function snapshot(d: Pick<DepartmentRecord, 'name' | 'code' | 'parentId' | 'sortOrder'>, parentName: string | null) {
  return { name: d.name, code: d.code, parentId: d.parentId, parentName, sortOrder: d.sortOrder };
}

type Snapshot = ReturnType<typeof snapshot>;

/** The snapshot of a stored department, with its (current) parent's name looked up. */
async function snapshotOf(tx: Tx, d: DepartmentRecord): Promise<Snapshot> {
  return snapshot(d, await nameOf(tx, d.parentId));
}

/** Audits a change to one department as the diff of its snapshots. */
async function auditDepartment(ctx: MutationContext, id: string, entry: { action: string; before: Snapshot | null; after: Snapshot | null }): Promise<void> {
  await ctx.audit({ ...entry, objectType: OBJECT_TYPE, objectId: id });
}

export const createDepartment = departmentMutation('新建科室', ZCreateDepartment, async (ctx, input) => {
  const { tx } = ctx;
  // Locking the parent serialises concurrent creations under it (sibling-name check).
  const parent = input.parentId ? await requireDepartment(tx, input.parentId, '上级科室') : null;
  await assertSiblingNameFree(tx, input.parentId, input.name, null);
  await assertCodeFree(tx, input.code, null);
  const [row] = await tx
    .insert(departments)
    .values({ name: input.name, code: input.code, parentId: input.parentId, sortOrder: input.sortOrder })
    .returning();
  await auditDepartment(ctx, row.id, { action: '新建科室', before: null, after: snapshot(row, parent?.name ?? null) });
  return { id: row.id };
});

export const updateDepartment = departmentMutation('修改科室', ZUpdateDepartment, async (ctx, input) => {
  const { tx } = ctx;
  const current = await requireDepartment(tx, input.id);
  if (input.name !== current.name) await assertSiblingNameFree(tx, current.parentId, input.name, current.id);
  if (input.code !== current.code) await assertCodeFree(tx, input.code, current.id);
  const [row] = await tx
    .update(departments)
    .set({ name: input.name, code: input.code, sortOrder: input.sortOrder })
    .where(eq(departments.id, current.id))
    .returning();
  const parentName = await nameOf(tx, current.parentId);
  await auditDepartment(ctx, row.id, { action: '修改科室', before: snapshot(current, parentName), after: snapshot(row, parentName) });
  return { id: row.id };
});

export const moveDepartment = departmentMutation('移动科室', ZMoveDepartment, async (ctx, input) => {
  const { tx } = ctx;
  // Lock the whole (small) tree: two concurrent moves could otherwise form a cycle together.
  const all = await tx.select({ id: departments.id, parentId: departments.parentId }).from(departments).for('update');
  const current = await requireDepartment(tx, input.id);
  if (wouldCreateCycle(all, current.id, input.parentId)) {
    fail('不能把科室移动到它自己或它的下级科室之下');
  }
  if (input.parentId === current.parentId) fail('科室已在所选的上级科室之下，无需移动');
  const parent = input.parentId ? await requireDepartment(tx, input.parentId, '目标上级科室') : null;
  await assertSiblingNameFree(tx, input.parentId, current.name, current.id);
  const [row] = await tx.update(departments).set({ parentId: input.parentId }).where(eq(departments.id, current.id)).returning();
  await auditDepartment(ctx, row.id, { action: '移动科室', before: await snapshotOf(tx, current), after: snapshot(row, parent?.name ?? null) });
  return { id: row.id };
});

export const deleteDepartment = departmentMutation('删除科室', ZDeleteDepartment, async (ctx, input) => {
  const { tx } = ctx;
  const current = await requireDepartment(tx, input.id);
  const [{ n: childCount }] = await tx.select({ n: count() }).from(departments).where(eq(departments.parentId, current.id));
  if (Number(childCount) > 0) fail(`「${current.name}」下还有 ${childCount} 个下级科室，请先删除或移走下级科室`);
  const [{ n: userCount }] = await tx.select({ n: count() }).from(users).where(eq(users.departmentId, current.id));
  if (Number(userCount) > 0) fail(`「${current.name}」下还有 ${userCount} 名用户（含已停用），请先调整这些用户的所属科室`);
  await tx.delete(departments).where(eq(departments.id, current.id));
  await auditDepartment(ctx, current.id, { action: '删除科室', before: await snapshotOf(tx, current), after: null });
  return { id: current.id };
});
