import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { departments, roles, users } from '@/platform/auth/schema';
import { SETTINGS } from '@/platform/settings/catalog';
import { parcels, reserveProjects } from '@/modules/parcels/schema';
import { plans } from '@/modules/plans/schema';
import { bondAllocations, bondPayments, bonds, ledgerEntries } from '@/modules/funds/schema';
import { documents } from '@/modules/documents/schema';
import { incomingDocuments } from '@/modules/documents/incoming/schema';
import type { ObjectRefView } from '@/ui/kit/object-ref';
import type { TPermissionCode } from '@/platform/permissions/catalog';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';

/**
 * The objects an audit entry names (object_type + object_id, stored as written), shown by their
 * name and code with a link. The stored rows stay as they are; names are looked up when the page
 * is read, one query per object type for the page's rows. An id that no longer resolves is shown
 * as stored, marked 已删除.
 *
 * A reference links only for a viewer the target page admits: under 三员分立 the audit
 * administrator opens nothing but the log, so for them every object is plain text.
 */

/** Per object type, the permission its page requires (the target page's `requirePagePermission`). */
const PAGE_PERMISSIONS = {
  地块: 'parcel:view',
  储备项目: 'project:view',
  储备计划: 'plan:view',
  资金收支: 'fund:view',
  公文: 'document:view',
  收文: 'incoming:view',
  专项债券: 'fund:view',
  专项债券分配: 'fund:view',
  专项债券还本付息: 'fund:view',
  // 用户管理 opens to the 系统管理员 and to the 安全管理员 (who grants roles there).
  用户: ['user:manage', 'user:grant'],
  科室: 'org:manage',
  角色: 'role:manage',
  系统参数: 'setting:manage',
} as const satisfies Record<string, TPermissionCode | readonly TPermissionCode[]>;

type ResolvedType = keyof typeof PAGE_PERMISSIONS;

interface Found {
  code: string;
  name: string;
  href: string;
}

type Resolver = (db: Db, ids: string[]) => Promise<Map<string, Found>>;

const byId = <R extends { id: string }>(rows: R[], f: (r: R) => Found) => new Map(rows.map((r) => [r.id, f(r)]));

/** Object types (as the mutations write them) whose objects can be named, and how. */
const RESOLVERS: Record<ResolvedType, Resolver> = {
  地块: async (db, ids) =>
    byId(await db.select({ id: parcels.id, code: parcels.code, name: parcels.name }).from(parcels).where(inArray(parcels.id, ids)), (r) => ({
      code: r.code,
      name: r.name,
      href: `/parcels/${r.id}`,
    })),
  储备项目: async (db, ids) =>
    byId(
      await db.select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(inArray(reserveProjects.id, ids)),
      (r) => ({ code: r.code, name: r.name, href: `/projects/${r.id}` }),
    ),
  // A plan has no code of its own: its approval document number, else its version.
  储备计划: async (db, ids) =>
    byId(await db.select({ id: plans.id, title: plans.title, docNo: plans.docNo, version: plans.version }).from(plans).where(inArray(plans.id, ids)), (r) => ({
      code: r.docNo ?? `第 ${r.version} 版`,
      name: r.title,
      href: `/plans/${r.id}`,
    })),
  资金收支: async (db, ids) =>
    byId(
      await db
        .select({ id: ledgerEntries.id, entryNo: ledgerEntries.entryNo, description: ledgerEntries.description, counterparty: ledgerEntries.counterparty, category: ledgerEntries.category })
        .from(ledgerEntries)
        .where(inArray(ledgerEntries.id, ids)),
      (r) => ({ code: r.entryNo, name: r.description || r.counterparty || r.category, href: `/funds/ledger/${r.id}` }),
    ),
  公文: async (db, ids) =>
    byId(await db.select({ id: documents.id, docNo: documents.docNo, docType: documents.docType, title: documents.title }).from(documents).where(inArray(documents.id, ids)), (r) => ({
      code: r.docNo ?? r.docType,
      name: r.title,
      href: `/documents/${r.id}`,
    })),
  收文: async (db, ids) =>
    byId(
      await db.select({ id: incomingDocuments.id, receiptNo: incomingDocuments.receiptNo, title: incomingDocuments.title }).from(incomingDocuments).where(inArray(incomingDocuments.id, ids)),
      (r) => ({ code: r.receiptNo, name: r.title, href: `/documents/incoming/${r.id}` }),
    ),
  专项债券: async (db, ids) =>
    byId(await db.select({ id: bonds.id, code: bonds.code, name: bonds.name }).from(bonds).where(inArray(bonds.id, ids)), (r) => ({
      code: r.code,
      name: r.name,
      href: `/funds/bonds/${r.id}`,
    })),
  // A bond's allocation and payment are shown by their bond.
  专项债券分配: async (db, ids) =>
    byId(
      await db
        .select({ id: bondAllocations.id, bondId: bonds.id, code: bonds.code, name: bonds.name })
        .from(bondAllocations)
        .innerJoin(bonds, eq(bonds.id, bondAllocations.bondId))
        .where(inArray(bondAllocations.id, ids)),
      (r) => ({ code: r.code, name: r.name, href: `/funds/bonds/${r.bondId}` }),
    ),
  专项债券还本付息: async (db, ids) =>
    byId(
      await db
        .select({ id: bondPayments.id, bondId: bonds.id, code: bonds.code, name: bonds.name })
        .from(bondPayments)
        .innerJoin(bonds, eq(bonds.id, bondPayments.bondId))
        .where(inArray(bondPayments.id, ids)),
      (r) => ({ code: r.code, name: r.name, href: `/funds/bonds/${r.bondId}` }),
    ),
  用户: async (db, ids) =>
    byId(await db.select({ id: users.id, username: users.username, name: users.displayName }).from(users).where(inArray(users.id, ids)), (r) => ({
      code: r.username,
      name: r.name,
      href: `/admin/users?q=${encodeURIComponent(r.username)}`,
    })),
  科室: async (db, ids) =>
    byId(await db.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(inArray(departments.id, ids)), (r) => ({
      code: r.code ?? '',
      name: r.name,
      href: `/admin/org?id=${encodeURIComponent(r.id)}`,
    })),
  角色: async (db, ids) =>
    byId(await db.select({ id: roles.id, code: roles.code, name: roles.name }).from(roles).where(inArray(roles.id, ids)), (r) => ({
      code: r.code,
      name: r.name,
      href: `/admin/roles?id=${encodeURIComponent(r.id)}`,
    })),
  // Settings are a fixed catalogue: named without a query, by their name only (the key means nothing to a reader).
  系统参数: async (_db, ids) =>
    new Map(
      ids.filter((k) => Object.hasOwn(SETTINGS, k)).map((k) => [k, { code: '', name: SETTINGS[k as keyof typeof SETTINGS].label, href: '/admin/settings' }]),
    ),
};

/** The object types the audit log can name and link. */
export const RESOLVED_OBJECT_TYPES = Object.keys(RESOLVERS);

const refKey = (type: string, id: string) => `${type}\u0000${id}`;

export type AuditObjectRefs = ReadonlyMap<string, ObjectRefView>;

const isResolved = (type: string): type is ResolvedType => Object.hasOwn(RESOLVERS, type);

/** Whether the viewer may open the pages of this object type (false for types the log cannot name). */
export function canOpenObjectType(viewer: PermissionHolder, type: string): boolean {
  if (!isResolved(type)) return false;
  const needed: string | readonly string[] = PAGE_PERMISSIONS[type];
  return (typeof needed === 'string' ? [needed] : needed).some((p) => hasPermission(viewer, p));
}

/**
 * The references of these entries' objects: per object type present, one query for all its ids.
 * Types the log cannot name (系统, attachments …) keep their stored id, without 已删除. A
 * reference carries its link only when `viewer` holds the permission of the object's page.
 */
export async function resolveAuditObjects(
  db: Db,
  rows: readonly { objectType: string | null; objectId: string | null }[],
  viewer: PermissionHolder,
): Promise<AuditObjectRefs> {
  const wanted = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.objectType || !r.objectId) continue;
    let ids = wanted.get(r.objectType);
    if (!ids) wanted.set(r.objectType, (ids = new Set()));
    ids.add(r.objectId);
  }
  const out = new Map<string, ObjectRefView>();
  await Promise.all(
    [...wanted].map(async ([type, ids]) => {
      const found = isResolved(type) ? await RESOLVERS[type](db, [...ids]) : null;
      const linked = canOpenObjectType(viewer, type);
      for (const id of ids) {
        const f = found?.get(id);
        out.set(
          refKey(type, id),
          f ? { id, code: f.code || undefined, name: f.name, ...(linked ? { href: f.href } : {}) } : found ? { id, deleted: true } : { id },
        );
      }
    }),
  );
  return out;
}

/** The reference of one entry's object (null when the entry names none). */
export function auditObjectRef(refs: AuditObjectRefs, type: string | null, id: string | null): ObjectRefView | null {
  if (!type || !id) return null;
  return refs.get(refKey(type, id)) ?? { id };
}
