import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { permissions, rolePermissions, roles } from '../../src/platform/auth/schema';
import { syncPermissionCatalog } from '../../src/platform/permissions/sync';
import { createTestDatabase } from '../helpers/db';
import { roleId } from '../helpers/actors';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function codesOf(code: string) {
  const id = await roleId(database.db, code);
  return (await database.db.select({ c: rolePermissions.permissionCode }).from(rolePermissions).where(eq(rolePermissions.roleId, id))).map((r) => r.c).sort();
}

describe('permission catalogue sync', () => {
  it('is idempotent', async () => {
    const before = await codesOf('clerk');
    expect(await syncPermissionCatalog(database.db)).toEqual({ permissionsAdded: 0, rolesAdded: 0 });
    expect(await codesOf('clerk')).toEqual(before);
  });

  it('grants a permission new in this release to the built-in roles whose defaults hold it', async () => {
    // Simulate an installation from before 'parcel:export' existed.
    await database.db.delete(rolePermissions).where(eq(rolePermissions.permissionCode, 'parcel:export'));
    await database.db.delete(permissions).where(eq(permissions.code, 'parcel:export'));
    expect(await syncPermissionCatalog(database.db)).toEqual({ permissionsAdded: 1, rolesAdded: 0 });
    expect(await codesOf('clerk')).toContain('parcel:export');
    expect(await codesOf('auditor')).toContain('parcel:export');
    expect(await codesOf('finance')).not.toContain('parcel:export');
  });

  it('keeps what the security administrator removed from a role', async () => {
    const clerk = await roleId(database.db, 'clerk');
    await database.db.delete(rolePermissions).where(and(eq(rolePermissions.roleId, clerk), eq(rolePermissions.permissionCode, 'parcel:edit')));
    await syncPermissionCatalog(database.db);
    expect(await codesOf('clerk')).not.toContain('parcel:edit');
    const [r] = await database.db.select({ builtin: roles.builtin }).from(roles).where(eq(roles.id, clerk));
    expect(r.builtin).toBe(true);
  });

  it('describes a built-in role by what it can do now: an old catalogue text is replaced, an administrator’s own is kept', async () => {
    const archivist = await roleId(database.db, 'archivist');
    const description = async () => (await database.db.select({ d: roles.description }).from(roles).where(eq(roles.id, archivist)))[0].d;
    await database.db.update(roles).set({ description: '档案归集、借阅与保管' }).where(eq(roles.id, archivist));
    await syncPermissionCatalog(database.db);
    expect(await description()).toBe('查阅储备计划、项目和地块，公文与收文归档，档案著录与完整性检查');
    await database.db.update(roles).set({ description: '本中心档案室人员' }).where(eq(roles.id, archivist));
    await syncPermissionCatalog(database.db);
    expect(await description()).toBe('本中心档案室人员');
  });
});
