import { asc, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { rolePermissions, roles } from '../auth/schema';

export interface RoleRef {
  id: string;
  code: string;
  name: string;
  kind: 'sys' | 'sec' | 'audit' | 'business';
}

/** The roles of a role combination and the permissions they give, shared by everyone holding it. */
export interface RoleSet {
  roles: RoleRef[];
  permissions: ReadonlySet<string>;
  /** One of the roles requires a 动态口令 (roles.requires_totp). */
  requiresTotp: boolean;
}

/**
 * A role combination as the session check reads it: `roleId:updatedAt` of each role, sorted by
 * id, comma-separated (see `rolesStampSql` in auth/session.ts). A role's `updated_at` moves
 * whenever its permissions are saved (admin/roles saveRolePermissions, permissions/sync.ts), so a
 * changed role is a new stamp and is read afresh: the cache needs no other invalidation.
 */
export type RoleStamp = string;

export function roleIdsOf(stamp: RoleStamp): string[] {
  return stamp ? stamp.split(',').map((part) => part.slice(0, part.indexOf(':'))) : [];
}

/** Role combinations are few; the bound only keeps stale stamps from piling up. */
const MAX_SETS = 500;
const EMPTY: RoleSet = { roles: [], permissions: new Set(), requiresTotp: false };

type Cache = Map<RoleStamp, Promise<RoleSet>>;
// One cache per process (Next may evaluate this module more than once).
const cacheKey = Symbol.for('lr.roleSets');
const cache: Cache = ((globalThis as Record<symbol, Cache>)[cacheKey] ??= new Map());

async function loadRoleSet(db: Db | Tx, roleIds: string[]): Promise<RoleSet> {
  const [roleRows, permRows] = await Promise.all([
    db
      .select({ id: roles.id, code: roles.code, name: roles.name, kind: roles.kind, requiresTotp: roles.requiresTotp })
      .from(roles)
      .where(inArray(roles.id, roleIds))
      .orderBy(asc(roles.name)),
    db.selectDistinct({ code: rolePermissions.permissionCode }).from(rolePermissions).where(inArray(rolePermissions.roleId, roleIds)),
  ]);
  return {
    roles: roleRows.map(({ requiresTotp: _, ...r }) => r),
    permissions: new Set(permRows.map((p) => p.code)),
    requiresTotp: roleRows.some((r) => r.requiresTotp),
  };
}

/**
 * The roles and permissions of a role combination, read from the database once per stamp. The
 * permission set object is shared: treat it as read-only.
 */
export function roleSetFor(db: Db | Tx, stamp: RoleStamp): Promise<RoleSet> {
  if (!stamp) return Promise.resolve(EMPTY);
  const known = cache.get(stamp);
  if (known) return known;
  if (cache.size >= MAX_SETS) cache.clear();
  const loading = loadRoleSet(db, roleIdsOf(stamp));
  cache.set(stamp, loading);
  loading.catch(() => cache.delete(stamp));
  return loading;
}

/** For tests. */
export function forgetRoleSets(): void {
  cache.clear();
}
