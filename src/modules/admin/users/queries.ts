import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { totpEnrolledSql } from '@/platform/auth/totp-store';
import type { Db, Tx } from '@/platform/db/client';
import { departments, ROLE_KINDS, roles, userRoles, users, type TRoleKind } from '@/platform/auth/schema';
import type { TUserFilter, TUserStatus } from './validation';

export interface UserRoleRef {
  id: string;
  name: string;
  kind: TRoleKind;
}

export interface UserListRow {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  status: TUserStatus;
  lockedUntil: Date | null;
  failedAttempts: number;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
  phone: string | null;
  isDemo: boolean;
  /** Has a confirmed 动态口令 token (the 安全管理员 may reset it). */
  totpEnrolled: boolean;
  roles: UserRoleRef[];
}

export interface DepartmentNode {
  id: string;
  name: string;
  children: DepartmentNode[];
}

export interface RoleOption {
  id: string;
  name: string;
  kind: TRoleKind;
  description: string | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function allDepartments(db: Db | Tx) {
  return db
    .select({ id: departments.id, parentId: departments.parentId, name: departments.name })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.name));
}

/** The organisation tree, roots first, children in sort order. */
export async function getDepartmentTree(db: Db): Promise<DepartmentNode[]> {
  const rows = await allDepartments(db);
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** A department and everything below it (the filter "科室" includes sub-departments). */
async function departmentWithDescendants(db: Db, id: string): Promise<string[]> {
  const rows = await allDepartments(db);
  const childrenOf = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    childrenOf.set(r.parentId, [...(childrenOf.get(r.parentId) ?? []), r.id]);
  }
  const out = new Set<string>([id]);
  const queue = [id];
  while (queue.length) {
    for (const child of childrenOf.get(queue.shift()!) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        queue.push(child);
      }
    }
  }
  return [...out];
}

/** Roles to assign: administrators first, then business roles, each by name. */
export async function listRoleOptions(db: Db): Promise<RoleOption[]> {
  const rows = await db
    .select({ id: roles.id, name: roles.name, kind: roles.kind, description: roles.description })
    .from(roles)
    .orderBy(asc(roles.name));
  return rows.sort((a, b) => ROLE_KINDS.indexOf(a.kind) - ROLE_KINDS.indexOf(b.kind));
}

/** Roles of the given users, grouped by user id (a second query instead of a relational join). */
export async function rolesOfUsers(db: Db | Tx, userIds: string[]): Promise<Map<string, UserRoleRef[]>> {
  const out = new Map<string, UserRoleRef[]>();
  if (!userIds.length) return out;
  const rows = await db
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name, kind: roles.kind })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(roles.name));
  for (const r of rows) {
    out.set(r.userId, [...(out.get(r.userId) ?? []), { id: r.id, name: r.name, kind: r.kind }]);
  }
  for (const list of out.values()) list.sort((a, b) => ROLE_KINDS.indexOf(a.kind) - ROLE_KINDS.indexOf(b.kind));
  return out;
}

/** One page of users with search (username or name), department (with sub-departments) and status. */
export async function listUsers(db: Db, f: TUserFilter): Promise<{ rows: UserListRow[]; total: number }> {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  }
  if (f.dept) parts.push(inArray(users.departmentId, await departmentWithDescendants(db, f.dept)));
  if (f.status) parts.push(eq(users.status, f.status));
  const where = parts.length ? and(...parts) : undefined;

  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      departmentId: users.departmentId,
      departmentName: departments.name,
      status: users.status,
      lockedUntil: users.lockedUntil,
      failedAttempts: users.failedAttempts,
      lastLoginAt: users.lastLoginAt,
      mustChangePassword: users.mustChangePassword,
      phone: users.phone,
      isDemo: users.isDemo,
      totpEnrolled: totpEnrolledSql,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(where)
    .orderBy(desc(users.createdAt), asc(users.username))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  const roleMap = await rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => ({ ...r, roles: roleMap.get(r.id) ?? [] })), total };
}
