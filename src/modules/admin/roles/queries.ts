import 'server-only';
import { asc, count } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { permissions, rolePermissions, roles, userRoles } from '@/platform/auth/schema';
import { ROLE_KIND_ORDER } from './kinds';
import type { PermissionGroupView, PermissionView, RoleView, RolesOverview } from './view';

const nameCollator = new Intl.Collator('zh-CN');

/** Roles with their user counts and permission codes: administrators first, then built-ins, then by name. */
export async function listRoles(db: Db | Tx): Promise<RoleView[]> {
  const [rows, holders, grants] = await Promise.all([
    db
      .select({
        id: roles.id,
        code: roles.code,
        name: roles.name,
        kind: roles.kind,
        description: roles.description,
        builtin: roles.builtin,
        requiresTotp: roles.requiresTotp,
      })
      .from(roles),
    db.select({ roleId: userRoles.roleId, n: count() }).from(userRoles).groupBy(userRoles.roleId),
    db
      .select({ roleId: rolePermissions.roleId, code: rolePermissions.permissionCode })
      .from(rolePermissions)
      .orderBy(asc(rolePermissions.permissionCode)),
  ]);
  const countByRole = new Map(holders.map((h) => [h.roleId, Number(h.n)]));
  const codesByRole = new Map<string, string[]>();
  for (const g of grants) {
    const list = codesByRole.get(g.roleId) ?? [];
    list.push(g.code);
    codesByRole.set(g.roleId, list);
  }
  return rows
    .map((r) => ({ ...r, userCount: countByRole.get(r.id) ?? 0, permissionCodes: codesByRole.get(r.id) ?? [] }))
    .sort(
      (a, b) =>
        ROLE_KIND_ORDER[a.kind] - ROLE_KIND_ORDER[b.kind] || Number(b.builtin) - Number(a.builtin) || nameCollator.compare(a.name, b.name),
    );
}

/** The permission catalogue in display order. */
export async function listPermissions(db: Db | Tx): Promise<PermissionView[]> {
  return db
    .select({ code: permissions.code, name: permissions.name, kind: permissions.kind, groupName: permissions.groupName, sortOrder: permissions.sortOrder })
    .from(permissions)
    .orderBy(asc(permissions.sortOrder), asc(permissions.code));
}

/** Groups in the order their first permission appears. */
export function groupPermissions(list: PermissionView[]): PermissionGroupView[] {
  const groups = new Map<string, PermissionView[]>();
  for (const p of list) {
    const g = groups.get(p.groupName) ?? [];
    g.push(p);
    groups.set(p.groupName, g);
  }
  return [...groups].map(([name, perms]) => ({ name, permissions: perms }));
}

export async function getRolesOverview(db: Db | Tx, params: { selectedId: string | null; ownRoleIds: string[] }): Promise<RolesOverview> {
  const [roleList, permissionList] = await Promise.all([listRoles(db), listPermissions(db)]);
  const selected = roleList.find((r) => r.id === params.selectedId) ?? roleList[0] ?? null;
  return { roles: roleList, groups: groupPermissions(permissionList), selectedId: selected?.id ?? null, ownRoleIds: params.ownRoleIds };
}
