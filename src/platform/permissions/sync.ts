import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { permissions, rolePermissions, roles } from '../auth/schema';
import { BUILTIN_ROLES, PERMISSIONS, SUPERSEDED_ROLE_DESCRIPTIONS, TOTP_REQUIRED_BY_DEFAULT } from './catalog';

/**
 * Writes the permission catalogue and creates missing built-in roles with their default
 * permissions. Existing roles keep whatever the 安全管理员 assigned; a permission new in this
 * release is granted to the existing built-in roles whose defaults include it (an upgrade
 * brings its features to the usual roles). Idempotent.
 */
export async function syncPermissionCatalog(db: Db): Promise<{ permissionsAdded: number; rolesAdded: number }> {
  let permissionsAdded = 0;
  let rolesAdded = 0;
  await db.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(permissions)).map((p) => [p.code, p]));
    const added: string[] = [];
    let order = 0;
    for (const [code, p] of Object.entries(PERMISSIONS)) {
      order += 10;
      const row = { code, name: p.name, kind: p.kind, groupName: p.group, sortOrder: order };
      const cur = existing.get(code);
      if (!cur) {
        await tx.insert(permissions).values(row);
        added.push(code);
        permissionsAdded++;
      } else if (cur.name !== row.name || cur.kind !== row.kind || cur.groupName !== row.groupName || cur.sortOrder !== order) {
        await tx.update(permissions).set(row).where(eq(permissions.code, code));
      }
    }
    const storedRoles = await tx.select({ id: roles.id, code: roles.code, description: roles.description }).from(roles);
    const roleIds = new Map(storedRoles.map((r) => [r.code, r.id]));
    for (const role of BUILTIN_ROLES) {
      const existingId = roleIds.get(role.code);
      if (existingId) {
        const stored = storedRoles.find((r) => r.id === existingId)?.description ?? '';
        if (SUPERSEDED_ROLE_DESCRIPTIONS[role.code]?.includes(stored)) {
          await tx.update(roles).set({ description: role.description }).where(eq(roles.id, existingId));
        }
        const grants = role.permissions.filter((code) => added.includes(code));
        if (grants.length) {
          await tx.insert(rolePermissions).values(grants.map((code) => ({ roleId: existingId, permissionCode: code })));
          // A role's permissions changed: its updated_at names the new set for the session check's cache (role-sets.ts).
          await tx.update(roles).set({ updatedAt: new Date() }).where(eq(roles.id, existingId));
        }
        continue;
      }
      const [created] = await tx
        .insert(roles)
        .values({
          code: role.code,
          name: role.name,
          kind: role.kind,
          description: role.description,
          builtin: true,
          requiresTotp: TOTP_REQUIRED_BY_DEFAULT.includes(role.code),
        })
        .returning({ id: roles.id });
      if (role.permissions.length) {
        await tx.insert(rolePermissions).values(role.permissions.map((code) => ({ roleId: created.id, permissionCode: code })));
      }
      rolesAdded++;
    }
  });
  return { permissionsAdded, rolesAdded };
}
