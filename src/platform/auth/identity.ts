import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { RoleRef } from '../permissions/role-sets';
import { departments, rolePermissions, roles, userRoles, users } from './schema';

export type { RoleRef };

export interface Identity {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  sessionVersion: number;
  departmentId: string | null;
  departmentName: string | null;
  /** Must change the password before anything else (first login or expired; see must-change.ts). */
  mustChangePassword: boolean;
  /** The reason shown for that hold (session check only; absent where the policy was not read). */
  passwordHoldReason?: string | null;
  roles: RoleRef[];
  permissions: ReadonlySet<string>;
}

/** A user with roles and effective permissions; never selects the password hash. */
export async function loadIdentity(db: Db | Tx, userId: string): Promise<Identity | null> {
  const [u] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      status: users.status,
      sessionVersion: users.sessionVersion,
      departmentId: users.departmentId,
      departmentName: departments.name,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  if (!u) return null;
  const roleRows = await db
    .select({ id: roles.id, code: roles.code, name: roles.name, kind: roles.kind })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId))
    .orderBy(roles.name);
  const perms = roleRows.length
    ? await db
        .selectDistinct({ code: rolePermissions.permissionCode })
        .from(rolePermissions)
        .where(inArray(rolePermissions.roleId, roleRows.map((r) => r.id)))
    : [];
  return { ...u, roles: roleRows, permissions: new Set(perms.map((p) => p.code)) };
}

export function roleNamesOf(identity: { roles: { name: string }[] }): string {
  return identity.roles.map((r) => r.name).join('、');
}

export async function findUserIdByUsername(db: Db | Tx, username: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.username, username)));
  return row?.id ?? null;
}
