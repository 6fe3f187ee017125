import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { roles, userRoles, users, userTotp } from '../../src/platform/auth/schema';
import { encryptPersonal } from '../../src/platform/crypto/keys';
import { hashPassword } from '../../src/platform/crypto/sm';
import { loadIdentity, roleNamesOf } from '../../src/platform/auth/identity';

let counter = 0;

/** Creates a user holding the given built-in roles and returns the actor the wrapper expects. */
export async function createActor(db: Db, roleCodes: string[], opts: { username?: string; password?: string } = {}): Promise<Actor> {
  counter++;
  const username = opts.username ?? `t_${roleCodes.join('_')}_${counter}_${Date.now() % 100000}`;
  const [user] = await db
    .insert(users)
    .values({ username, displayName: `测试${username}`, passwordHash: await hashPassword(opts.password ?? 'Test@1234', 1000) })
    .returning({ id: users.id });
  for (const code of roleCodes) {
    const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, code));
    if (!role) throw new Error(`no role ${code}`);
    await db.insert(userRoles).values({ userId: user.id, roleId: role.id });
  }
  return actorFor(db, user.id);
}

/**
 * Gives the user a confirmed 动态口令 token (a random secret), as an administrator or leader who
 * has enrolled has: tests about other rules then see the user's own permissions, not the hold of
 * an unenrolled user whose role requires TOTP (that hold is tested in totp.test.ts).
 */
export async function enrolTotpForTest(db: Db, userId: string): Promise<void> {
  await db.insert(userTotp).values({ userId, secretEnc: encryptPersonal(randomBytes(20).toString('hex'), 'totpSecret'), algorithm: 'SHA1', confirmedAt: new Date() });
}

export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const identity = await loadIdentity(db, userId);
  if (!identity) throw new Error('no such user');
  return {
    userId,
    username: identity.username,
    displayName: identity.displayName,
    roleNames: roleNamesOf(identity),
    departmentId: identity.departmentId,
    permissions: identity.permissions,
    ip: '127.0.0.1',
    requestId: 'test-request',
  };
}

export async function roleId(db: Db, code: string): Promise<string> {
  const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, code));
  return role.id;
}
