import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { departments, users } from '../../src/platform/auth/schema';
import { auditLog } from '../../src/platform/audit/schema';
import { verifyAuditChain } from '../../src/platform/audit/verify';
import { hashPassword } from '../../src/platform/crypto/sm';
import { createDepartment, deleteDepartment, moveDepartment, updateDepartment } from '../../src/modules/admin/org/mutations';
import { getOrgOverview } from '../../src/modules/admin/org/queries';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let admin: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createActor(database.db, ['sysadmin']);
});
afterAll(async () => {
  await database?.close();
});

async function create(input: Record<string, unknown>): Promise<string> {
  const res = await createDepartment.execute(database.db, admin, input);
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

async function dept(id: string) {
  const [row] = await database.db.select().from(departments).where(eq(departments.id, id));
  return row;
}

async function lastAudit() {
  const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function departmentCount(): Promise<number> {
  return (await database.db.select({ id: departments.id }).from(departments)).length;
}

async function addUser(departmentId: string, username: string) {
  await database.db.insert(users).values({ username, displayName: username, departmentId, passwordHash: await hashPassword('x', 1000) });
}

describe('组织机构 mutations', () => {
  it('creates a top-level department and a child, audited with the new values', async () => {
    const centre = await create({ name: '测试中心', code: 'tc01', sortOrder: 0 });
    expect(await dept(centre)).toMatchObject({ name: '测试中心', code: 'TC01', parentId: null, sortOrder: 0 });
    expect(await lastAudit()).toMatchObject({ action: '新建科室', objectType: '科室', objectId: centre, result: '成功', userId: admin.userId });

    const child = await create({ name: '  征收科  ', parentId: centre, sortOrder: 20 });
    expect(await dept(child)).toMatchObject({ name: '征收科', code: null, parentId: centre, sortOrder: 20 });
    const diff = JSON.parse((await lastAudit()).diff ?? '{}');
    expect(diff.name).toEqual({ from: null, to: '征收科' });
    expect(diff.parentName).toEqual({ from: null, to: '测试中心' });
  });

  it('shows the tree sorted by sort order then name, with user counts', async () => {
    const root = await create({ name: '排序中心' });
    const b = await create({ name: '乙科', parentId: root, sortOrder: 10 });
    await create({ name: '甲科', parentId: root, sortOrder: 10 });
    await create({ name: '丙科', parentId: root, sortOrder: 5 });
    await addUser(b, 'org_tree_u1');
    await addUser(b, 'org_tree_u2');
    const overview = await getOrgOverview(database.db, root);
    const node = overview.tree.find((n) => n.value === root);
    expect(node?.children?.map((c) => c.label)).toEqual(['丙科', '甲科', '乙科']);
    expect(node?.totalUserCount).toBe(2);
    expect(overview.selected).toMatchObject({ id: root, userCount: 0, totalUserCount: 2, childCount: 3, path: ['排序中心'] });
    const detail = await getOrgOverview(database.db, b);
    expect(detail.selected).toMatchObject({ name: '乙科', userCount: 2, path: ['排序中心', '乙科'] });
    expect(detail.members.map((m) => m.username)).toEqual(['org_tree_u1', 'org_tree_u2']);
    expect(Object.keys(detail.members[0]).sort()).toEqual(['displayName', 'id', 'status', 'username']);
  });

  it('edits name, code and sort order with a before/after diff', async () => {
    const id = await create({ name: '旧名科', code: 'OLD1', sortOrder: 1 });
    const res = await updateDepartment.execute(database.db, admin, { id, name: '新名科', code: 'NEW1', sortOrder: 7 });
    expect(res.ok).toBe(true);
    expect(await dept(id)).toMatchObject({ name: '新名科', code: 'NEW1', sortOrder: 7 });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '修改科室', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff ?? '{}')).toEqual({
      name: { from: '旧名科', to: '新名科' },
      code: { from: 'OLD1', to: 'NEW1' },
      sortOrder: { from: 1, to: 7 },
    });
  });

  it('moves a department under another parent and back to the top level', async () => {
    const a = await create({ name: '移动甲' });
    const b = await create({ name: '移动乙' });
    const res = await moveDepartment.execute(database.db, admin, { id: b, parentId: a });
    expect(res.ok).toBe(true);
    expect((await dept(b)).parentId).toBe(a);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '移动科室', objectId: b });
    expect(JSON.parse(audit.diff ?? '{}')).toEqual({ parentId: { from: null, to: a }, parentName: { from: null, to: '移动甲' } });
    expect((await moveDepartment.execute(database.db, admin, { id: b, parentId: null })).ok).toBe(true);
    expect((await dept(b)).parentId).toBeNull();
  });

  it('refuses to move a department under itself or its descendants', async () => {
    const top = await create({ name: '环路顶' });
    const mid = await create({ name: '环路中', parentId: top });
    const leaf = await create({ name: '环路底', parentId: mid });
    for (const target of [top, mid, leaf]) {
      const res = await moveDepartment.execute(database.db, admin, { id: top, parentId: target });
      expect(res).toEqual({ ok: false, error: '不能把科室移动到它自己或它的下级科室之下' });
    }
    expect((await dept(top)).parentId).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: '移动科室', result: '失败', message: '不能把科室移动到它自己或它的下级科室之下' });
  });

  it('keeps sibling names unique on create, rename and move', async () => {
    const p = await create({ name: '同名父' });
    await create({ name: '综合组', parentId: p });
    const other = await create({ name: '业务组', parentId: p });
    const before = await departmentCount();
    expect(await createDepartment.execute(database.db, admin, { name: '综合组', parentId: p })).toEqual({
      ok: false,
      error: '同一上级科室下已有名为「综合组」的科室',
      fieldErrors: { name: '同一上级科室下已有名为「综合组」的科室' },
    });
    expect(await departmentCount()).toBe(before);
    expect((await updateDepartment.execute(database.db, admin, { id: other, name: '综合组' })).ok).toBe(false);
    expect((await dept(other)).name).toBe('业务组');
    // The same name under another parent is fine; moving it next to its namesake is not.
    const elsewhere = await create({ name: '综合组' });
    expect((await moveDepartment.execute(database.db, admin, { id: elsewhere, parentId: p })).ok).toBe(false);
    expect(await createDepartment.execute(database.db, admin, { name: '综合组' })).toEqual({ ok: false, error: '已有名为「综合组」的顶级科室', fieldErrors: { name: '已有名为「综合组」的顶级科室' } });
  });

  it('refuses a duplicate code', async () => {
    await create({ name: '编码甲', code: 'DUPC' });
    expect(await createDepartment.execute(database.db, admin, { name: '编码乙', code: 'dupc' })).toEqual({
      ok: false,
      error: '科室编码 DUPC 已被「编码甲」使用',
      fieldErrors: { code: '科室编码 DUPC 已被「编码甲」使用' },
    });
  });

  it('deletes an empty department, audited with the old values', async () => {
    const id = await create({ name: '待删科', code: 'DEL1' });
    const res = await deleteDepartment.execute(database.db, admin, { id });
    expect(res.ok).toBe(true);
    expect(await dept(id)).toBeUndefined();
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '删除科室', objectId: id, result: '成功' });
    expect(JSON.parse(audit.diff ?? '{}').name).toEqual({ from: '待删科', to: null });
  });

  it('refuses to delete a department with children or with users', async () => {
    const parent = await create({ name: '有下级' });
    await create({ name: '下级', parentId: parent });
    expect(await deleteDepartment.execute(database.db, admin, { id: parent })).toEqual({
      ok: false,
      error: '「有下级」下还有 1 个下级科室，请先删除或移走下级科室',
    });
    const staffed = await create({ name: '有用户' });
    await addUser(staffed, 'org_del_u1');
    expect(await deleteDepartment.execute(database.db, admin, { id: staffed })).toEqual({
      ok: false,
      error: '「有用户」下还有 1 名用户（含已停用），请先调整这些用户的所属科室',
    });
    expect(await dept(parent)).toBeDefined();
    expect(await dept(staffed)).toBeDefined();
  });

  it('answers a missing department with a Chinese message', async () => {
    expect(await deleteDepartment.execute(database.db, admin, { id: 'NOSUCHID' })).toEqual({ ok: false, error: '科室不存在或已被删除，请刷新后重试' });
    expect(await createDepartment.execute(database.db, admin, { name: '孤儿', parentId: 'NOSUCHID' })).toEqual({
      ok: false,
      error: '上级科室不存在或已被删除，请刷新后重试',
    });
  });

  it.each([
    [{ name: '' }, '请填写科室名称'],
    [{ name: '   ' }, '请填写科室名称'],
    [{ name: '长'.repeat(65) }, '科室名称不能超过 64 个字符'],
    [{ name: '坏\u0007名' }, '科室名称不能包含控制字符'],
    [{ name: '换行\n名' }, '科室名称不能包含控制字符'],
    [{ name: 42 }, '请填写科室名称'],
    [{ name: '好名', code: 'A' }, '科室编码应为 2–32 位大写字母或数字'],
    [{ name: '好名', code: 'AB-1' }, '科室编码应为 2–32 位大写字母或数字'],
    [{ name: '好名', sortOrder: -1 }, '排序号不能小于 0'],
    [{ name: '好名', sortOrder: 1.5 }, '排序号应为整数'],
    [{ name: '好名', parentId: "x' or 1=1" }, '上级科室标识无效'],
  ])('refuses bad input %j with a Chinese message and writes no row', async (input, message) => {
    const before = await departmentCount();
    const res = await createDepartment.execute(database.db, admin, input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toBe(message);
    expect(await departmentCount()).toBe(before);
  });

  it('accepts exactly 64 characters', async () => {
    const id = await create({ name: '名'.repeat(64) });
    expect((await dept(id)).name).toHaveLength(64);
  });

  it('refuses a clerk and the 安全管理员, and audits the denial', async () => {
    const target = await create({ name: '权限测试科' });
    for (const roles of [['clerk'], ['secadmin']]) {
      const actor = await createActor(database.db, roles);
      const before = await departmentCount();
      expect(await createDepartment.execute(database.db, actor, { name: '越权科' })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await departmentCount()).toBe(before);
      expect(await lastAudit()).toMatchObject({ action: '新建科室', result: '拒绝', userId: actor.userId });
      expect(await deleteDepartment.execute(database.db, actor, { id: target })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await moveDepartment.execute(database.db, actor, { id: target, parentId: null })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await updateDepartment.execute(database.db, actor, { id: target, name: '改名' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    }
    const [still] = await database.db.select().from(departments).where(and(eq(departments.id, target), eq(departments.name, '权限测试科')));
    expect(still).toBeDefined();
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
