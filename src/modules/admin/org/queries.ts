import 'server-only';
import { asc, count, eq, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { departments, users } from '@/platform/auth/schema';
import { formatDateTime } from '@/ui/format';
import { buildDepartmentTree, pathNames, type DepartmentTreeNode } from './tree';
import type { DepartmentNodeView, DepartmentView, OrgOverview } from './view';

export interface DepartmentRow {
  id: string;
  parentId: string | null;
  name: string;
  code: string | null;
  sortOrder: number;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Users directly in this department. */
  userCount: number;
}

export interface DepartmentUserRow {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
}

/** Every department with its direct user count (the table is small: one row per 科室). */
export async function listDepartments(db: Db | Tx): Promise<DepartmentRow[]> {
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: departments.id,
        parentId: departments.parentId,
        name: departments.name,
        code: departments.code,
        sortOrder: departments.sortOrder,
        isDemo: departments.isDemo,
        createdAt: departments.createdAt,
        updatedAt: departments.updatedAt,
      })
      .from(departments)
      .orderBy(asc(departments.sortOrder), asc(departments.name)),
    db
      .select({ departmentId: users.departmentId, n: count() })
      .from(users)
      .where(isNotNull(users.departmentId))
      .groupBy(users.departmentId),
  ]);
  const byDept = new Map(counts.map((c) => [c.departmentId, Number(c.n)]));
  return rows.map((r) => ({ ...r, userCount: byDept.get(r.id) ?? 0 }));
}

export async function getDepartmentTree(db: Db | Tx): Promise<{ rows: DepartmentRow[]; tree: DepartmentTreeNode<DepartmentRow>[] }> {
  const rows = await listDepartments(db);
  return { rows, tree: buildDepartmentTree(rows) };
}

/** Users directly in a department (no password hash or other secrets), for the details panel. */
export async function listDepartmentUsers(db: Db | Tx, departmentId: string, limit = 200): Promise<DepartmentUserRow[]> {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, status: users.status })
    .from(users)
    .where(eq(users.departmentId, departmentId))
    .orderBy(asc(users.username))
    .limit(limit);
}

/** Everything the 组织机构 page shows: the tree, the selected department and its users. */
export async function getOrgOverview(db: Db | Tx, selectedId: string | null): Promise<OrgOverview> {
  const { rows, tree } = await getDepartmentTree(db);
  const flat: DepartmentView[] = [];
  const toNode = (n: DepartmentTreeNode<DepartmentRow>): DepartmentNodeView => {
    flat.push({
      id: n.id,
      parentId: n.parentId,
      name: n.name,
      code: n.code,
      sortOrder: n.sortOrder,
      isDemo: n.isDemo,
      userCount: n.userCount,
      totalUserCount: n.totalUserCount,
      childCount: n.children.length,
      path: pathNames(rows, n.id),
      createdAt: formatDateTime(n.createdAt),
      updatedAt: formatDateTime(n.updatedAt),
    });
    const children = n.children.map(toNode);
    return { value: n.id, label: n.name, userCount: n.userCount, totalUserCount: n.totalUserCount, ...(children.length ? { children } : {}) };
  };
  const nodes = tree.map(toNode);
  const selected = flat.find((d) => d.id === selectedId) ?? flat[0] ?? null;
  const members = selected ? await listDepartmentUsers(db, selected.id) : [];
  return { departments: flat, tree: nodes, selected, members };
}
