import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { fail, type AuditEntry, type MutationContext } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { departments, roles, users } from '@/platform/auth/schema';
import { endUserSessions } from '@/platform/auth/session';
import { roleCombinationProblem } from '@/platform/permissions/catalog';
import { rolesOfUsers, type UserRoleRef } from './queries';

export const OBJECT_TYPE = '用户';

export interface LoadedUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  status: 'active' | 'disabled';
  sessionVersion: number;
  failedAttempts: number;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  phone: string | null;
  roles: UserRoleRef[];
}

/** Loads a user and locks the row for this transaction; never selects the password hash. */
export async function loadUserForUpdate(tx: Tx, id: string): Promise<LoadedUser> {
  const [u] = await tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      departmentId: users.departmentId,
      status: users.status,
      sessionVersion: users.sessionVersion,
      failedAttempts: users.failedAttempts,
      lockedUntil: users.lockedUntil,
      mustChangePassword: users.mustChangePassword,
      phone: users.phone,
    })
    .from(users)
    .where(eq(users.id, id))
    .for('update');
  if (!u) fail('用户不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const departmentName = u.departmentId ? await departmentNameOf(tx, u.departmentId) : null;
  const roleList = (await rolesOfUsers(tx, [u.id])).get(u.id) ?? [];
  return { ...u, departmentName, roles: roleList };
}

async function departmentNameOf(tx: Tx, id: string): Promise<string | null> {
  const [d] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, id));
  return d?.name ?? null;
}

/**
 * Writes `changes` to a user and ends all of their login sessions at once: the session version
 * moves on (old cookies stop working) and the open session rows are closed with `reason`.
 */
export async function updateEndingSessions(tx: Tx, id: string, changes: Partial<typeof users.$inferInsert>, reason: string): Promise<void> {
  await tx
    .update(users)
    .set({ ...changes, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
  await endUserSessions(tx, id, reason);
}

/** Audits a change to one user. */
export async function auditUser(ctx: MutationContext, id: string, entry: Omit<AuditEntry, 'objectType' | 'objectId'>): Promise<void> {
  await ctx.audit({ ...entry, objectType: OBJECT_TYPE, objectId: id });
}

/** The department must exist; returns its name for the audit snapshot. */
export async function requireDepartment(tx: Tx, id: string): Promise<string> {
  const name = await departmentNameOf(tx, id);
  if (name === null) fail('所选科室不存在或已被删除，请刷新后重试', 'INVALID_INPUT');
  return name;
}

/** All role ids must exist and together obey 三员分立. */
export async function requireRoleSet(tx: Tx, roleIds: string[]): Promise<UserRoleRef[]> {
  const found = roleIds.length
    ? await tx.select({ id: roles.id, name: roles.name, kind: roles.kind }).from(roles).where(inArray(roles.id, roleIds))
    : [];
  if (found.length !== roleIds.length) fail('所选角色不存在或已被删除，请刷新后重试', 'INVALID_INPUT');
  const problem = roleCombinationProblem(found);
  if (problem) fail(problem);
  return found;
}

export function sameRoleSet(a: { id: string }[], b: string[]): boolean {
  const left = new Set(a.map((r) => r.id));
  return left.size === new Set(b).size && b.every((id) => left.has(id));
}

/** What the audit diff records about a user: readable names, never the password hash. */
export function snapshotOf(u: {
  username: string;
  displayName: string;
  departmentName: string | null;
  status: string;
  phone: string | null;
  mustChangePassword: boolean;
  roles: { name: string }[];
}): Record<string, unknown> {
  return {
    username: u.username,
    displayName: u.displayName,
    department: u.departmentName,
    roles: u.roles.map((r) => r.name).sort().join('、'),
    status: u.status,
    phone: u.phone,
    // Not "…Password": the audit diff masks keys containing "password", and this is a plain flag.
    mustChangePwd: u.mustChangePassword,
  };
}

/** Login-lock fields for the audit diff. */
export function lockSnapshotOf(u: { failedAttempts: number; lockedUntil: Date | null }): Record<string, unknown> {
  return { failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil };
}
