import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import type { Database, Db } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { attemptLogin } from '../../src/platform/auth/login';
import { resolveSession, TOUCH_INTERVAL_MS, type SessionClaims } from '../../src/platform/auth/session';
import { claimsFromToken, sessionTokenFrom } from '../../src/platform/auth/token';
import { userRoles, userSessions, users } from '../../src/platform/auth/schema';
import { forgetRoleSets } from '../../src/platform/permissions/role-sets';
import { disableUser, grantUserRoles, resetUserPassword } from '../../src/modules/admin/users/mutations';
import { createRole, saveRolePermissions } from '../../src/modules/admin/roles/mutations';
import { createTestDatabase } from '../helpers/db';
import { createActor, roleId } from '../helpers/actors';

/*
 * The per-request session check (issue 12 item 5): the cookie's token decrypted once per token,
 * then ONE query for the session, the user and their role combination; roles and permissions
 * from a cache keyed by that combination. Refusals must still be immediate.
 */

const SECRET = 'session-check-test-secret-0123456789';
const IDLE_MINUTES = 30;
const meta = { ip: '10.0.0.9', userAgent: 'vitest', requestId: 'req-sc' };

let database: Database;
let sysadmin: Actor;
let secadmin: Actor;
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  sysadmin = await createActor(database.db, ['sysadmin'], { username: 'sc_sys' });
  secadmin = await createActor(database.db, ['secadmin'], { username: 'sc_sec' });
});
afterAll(async () => {
  await database?.close();
});

/** A user signed in through the login code, with the cookie next-auth would set. */
async function signedIn(roleCodes: string[] = ['clerk']) {
  const username = `sc_user_${++n}`;
  const actor = await createActor(database.db, roleCodes, { username, password: 'Right@123' });
  const res = await attemptLogin(database.db, { username, password: 'Right@123', ...meta });
  if (!res.ok) throw new Error(res.message);
  const claims: SessionClaims = { uid: res.userId, sid: res.sessionId, sv: res.sessionVersion };
  const token = await encode({ token: { ...claims }, secret: SECRET, maxAge: 3600 });
  return { actor, claims, token, userId: res.userId, sessionId: res.sessionId };
}

/** The database, counting the statements issued through it. */
function counting(db: Db): { db: Db; count: () => number } {
  let statements = 0;
  const counted = new Set(['select', 'selectDistinct', 'update', 'insert', 'delete', 'execute']);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && counted.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { db: proxy, count: () => statements };
}

async function sessionRow(id: string) {
  const [row] = await database.db.select().from(userSessions).where(eq(userSessions.id, id));
  return row;
}

describe('the session cookie', () => {
  it('is read whole or from next-auth chunks, https name first', () => {
    expect(sessionTokenFrom([{ name: 'next-auth.session-token', value: 'abc' }])).toBe('abc');
    expect(sessionTokenFrom([{ name: 'next-auth.session-token.1', value: 'def' }, { name: 'next-auth.session-token.0', value: 'abc' }])).toBe('abcdef');
    expect(
      sessionTokenFrom([
        { name: 'next-auth.session-token', value: 'plain' },
        { name: '__Secure-next-auth.session-token', value: 'secure' },
      ]),
    ).toBe('secure');
    expect(sessionTokenFrom([{ name: 'other', value: 'x' }])).toBeNull();
  });

  it('gives the claims of a good token, and nothing for a forged, tampered, foreign or expired one', async () => {
    const { token, claims } = await signedIn();
    expect(await claimsFromToken(token, SECRET)).toEqual(claims);
    // Second time from the cache: same claims.
    expect(await claimsFromToken(token, SECRET)).toEqual(claims);
    expect(await claimsFromToken('forged.token.value', SECRET)).toBeNull();
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await claimsFromToken(tampered, SECRET)).toBeNull();
    const foreign = await encode({ token: { ...claims }, secret: 'another-secret-entirely-0123456789', maxAge: 3600 });
    expect(await claimsFromToken(foreign, SECRET)).toBeNull();
    const expired = await encode({ token: { ...claims }, secret: SECRET, maxAge: -60 });
    expect(await claimsFromToken(expired, SECRET)).toBeNull();
    // A cached token stops working when it expires.
    expect(await claimsFromToken(token, SECRET, Date.now() + 2 * 3600_000)).toBeNull();
  });
});

describe('the per-request check', () => {
  it('costs one statement once the role combination is known', async () => {
    const { claims } = await signedIn();
    forgetRoleSets();
    const first = counting(database.db);
    const a = await resolveSession(first.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    expect(a.ok).toBe(true);
    expect(first.count()).toBe(3); // the check, then the combination's roles and permissions once
    const next = counting(database.db);
    const b = await resolveSession(next.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    expect(next.count()).toBe(1);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(b.identity.permissions.has('parcel:view')).toBe(true);
    expect(b.identity.roles.map((r) => r.name)).toEqual(['经办']);
    expect(b.identity.username).toMatch(/^sc_user_/);
    // Everyone with the same roles shares one permission set.
    const other = await signedIn();
    const c = await resolveSession(database.db, other.claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    if (!c.ok) throw new Error('refused');
    expect(c.identity.permissions).toBe(b.identity.permissions);
  });

  it('refuses a disabled user at the very next request, and ends the session', async () => {
    const { claims, sessionId, userId } = await signedIn();
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    const res = await disableUser.execute(database.db, sysadmin, { id: userId });
    expect(res.ok).toBe(true);
    const after = await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    expect(after.ok).toBe(false);
    expect((await sessionRow(sessionId)).endReason).toBe('账号停用');
  });

  it('refuses a user whose status turned to disabled even with the session row still open', async () => {
    const { claims, sessionId, userId } = await signedIn();
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    await database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, userId));
    expect(await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'disabled' });
    expect((await sessionRow(sessionId)).endedAt).not.toBeNull();
  });

  it('refuses a session of an older session version (password reset, role change)', async () => {
    const { claims, userId, sessionId } = await signedIn();
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    await database.db.update(users).set({ sessionVersion: claims.sv + 1 }).where(eq(users.id, userId));
    expect(await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'version' });
    expect((await sessionRow(sessionId)).endReason).toBe('账号变更');

    const second = await signedIn();
    expect((await resolveSession(database.db, second.claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    const reset = await resetUserPassword.execute(database.db, sysadmin, { id: second.userId, password: 'Fresh#Pass1', confirm: 'Fresh#Pass1' });
    expect(reset.ok).toBe(true);
    expect((await resolveSession(database.db, second.claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(false);
  });

  it('refuses after a role change by the 安全管理员', async () => {
    const { claims, userId } = await signedIn();
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    const res = await grantUserRoles.execute(database.db, secadmin, { id: userId, roleIds: [await roleId(database.db, 'finance')] });
    expect(res.ok).toBe(true);
    expect((await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(false);
  });

  it('ends an idle session, and writes last_seen_at at most once a minute', async () => {
    const { claims, sessionId } = await signedIn();
    const start = (await sessionRow(sessionId)).lastSeenAt.getTime();
    const seen = async () => (await sessionRow(sessionId)).lastSeenAt.getTime();
    expect((await resolveSession(database.db, claims, new Date(start + 30_000), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).ok).toBe(true);
    expect(await seen()).toBe(start);
    const writes = counting(database.db);
    await resolveSession(writes.db, claims, new Date(start + TOUCH_INTERVAL_MS + 1000), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    expect(await seen()).toBe(start + TOUCH_INTERVAL_MS + 1000);
    const again = counting(database.db);
    await resolveSession(again.db, claims, new Date(start + TOUCH_INTERVAL_MS + 20_000), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    expect(again.count()).toBe(writes.count() - 1); // no second write within the minute
    const touched = await seen();
    expect(await resolveSession(database.db, claims, new Date(touched + (IDLE_MINUTES + 1) * 60_000), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 })).toEqual({ ok: false, reason: 'idle' });
    expect((await sessionRow(sessionId)).endReason).toBe('空闲超时');
  });

  it('applies a role permission change at the next request, without signing in again', async () => {
    const made = await createRole.execute(database.db, secadmin, { name: '会话测试角色', code: 'sc_role', description: '' });
    if (!made.ok) throw new Error(made.error);
    const customRole = made.data.id;
    const saved = await saveRolePermissions.execute(database.db, secadmin, { roleId: customRole, permissionCodes: ['workbench:view', 'parcel:view'] });
    expect(saved.ok).toBe(true);
    const { claims, userId } = await signedIn([]);
    await database.db.insert(userRoles).values({ userId, roleId: customRole });
    const before = await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    if (!before.ok) throw new Error('refused');
    expect([...before.identity.permissions].sort()).toEqual(['parcel:view', 'workbench:view']);
    expect((await saveRolePermissions.execute(database.db, secadmin, { roleId: customRole, permissionCodes: ['workbench:view'] })).ok).toBe(true);
    const after = await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    if (!after.ok) throw new Error('refused');
    expect([...after.identity.permissions]).toEqual(['workbench:view']);
    // A role taken away shows at once too.
    await database.db.delete(userRoles).where(eq(userRoles.userId, userId));
    const none = await resolveSession(database.db, claims, new Date(), { idleMinutes: IDLE_MINUTES, maxHours: 8, passwordMaxAgeDays: 90 });
    if (!none.ok) throw new Error('refused');
    expect(none.identity.permissions.size).toBe(0);
    expect(none.identity.roles).toEqual([]);
  });
});
