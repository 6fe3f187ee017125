import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import { auditLog } from '../../src/platform/audit/schema';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { users } from '../../src/platform/auth/schema';
import { parcelEvents, parcels } from '../../src/modules/parcels/schema';
import { plans } from '../../src/modules/plans/schema';
import { bonds, ledgerEntries } from '../../src/modules/funds/schema';
import { listAuditEntries, ZAuditFilter } from '../../src/modules/audit-log/queries';
import { auditObjectRef, canOpenObjectType, resolveAuditObjects } from '../../src/modules/audit-log/object-refs';
import { BUILTIN_ROLES, PERMISSIONS } from '../../src/platform/permissions/catalog';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { createTestParcel } from '../helpers/parcels';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** A viewer holding these permissions (as the session carries them). */
const viewer = (...codes: string[]) => ({ permissions: new Set(codes) });
/** Every permission: whoever may open every page. */
const everyone = viewer(...Object.keys(PERMISSIONS));
const auditAdmin = viewer(...BUILTIN_ROLES.find((r) => r.code === 'auditadmin')!.permissions);

/** The database, counting the select statements built on it (one per query). */
function countingDb(db: Db): { db: Db; selects: () => number } {
  let n = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if ((prop === 'select' || prop === 'selectDistinct') && typeof value === 'function') {
        return (...args: unknown[]) => {
          n++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { db: proxy, selects: () => n };
}

describe('audit object references', () => {
  it('names each object type by code and name with its link; a deleted object keeps its id, marked; one query per type', async () => {
    const db = database.db;
    const { parcelId, projectId } = await createTestParcel(db);
    const { parcelId: goneParcelId } = await createTestParcel(db);
    const [parcel] = await db.select({ code: parcels.code, name: parcels.name }).from(parcels).where(eq(parcels.id, parcelId));
    const [plan] = await db
      .insert(plans)
      .values({ groupId: 'G-refs', version: 1, status: 'current', planType: 'annual', startYear: 2026, endYear: 2026, title: '2026年度土地储备计划（测试）', docNo: '益政函〔2026〕9号' })
      .returning({ id: plans.id });
    const [entry] = await db
      .insert(ledgerEntries)
      .values({ entryNo: 'REF-E1', direction: 'expense', entryDate: '2026-01-05', amount: '100.00', category: '征收补偿', projectId, description: '测试补偿款', status: 'draft' })
      .returning({ id: ledgerEntries.id });
    const [bond] = await db
      .insert(bonds)
      .values({ code: 'REF-BOND-01', name: '测试专项债券', amount: '1000000.00', annualRate: '2.5', termYears: 5, issueDate: '2026-01-01', repaymentType: 'bullet' })
      .returning({ id: bonds.id });
    const actor = await createActor(db, ['sysadmin']);
    const [user] = await db.select({ username: users.username, name: users.displayName }).from(users).where(eq(users.id, actor.userId));

    const objects: [string, string][] = [
      ['地块', parcelId],
      ['储备项目', projectId],
      ['储备计划', plan.id],
      ['资金收支', entry.id],
      ['专项债券', bond.id],
      ['用户', actor.userId],
      ['地块', goneParcelId],
      ['系统参数', 'parcel.reserveLimitDays'],
    ];
    // Two entries for the same parcel, to see ids batched rather than looked up per row.
    for (const [objectType, objectId] of [...objects, ['地块', parcelId]]) {
      await appendAuditStandalone(db, { userId: actor.userId, username: actor.username, action: '测试对象', objectType, objectId, result: '成功' });
    }
    await appendAuditStandalone(db, { action: '生成演示数据', objectType: '系统', result: '成功' });
    await appendAuditStandalone(db, { userId: actor.userId, action: '测试对象', objectType: '资金收支附件', objectId: 'FILE-1', result: '成功' });
    // The parcel goes after its entries were written (the stored rows keep its id).
    await db.delete(parcelEvents).where(eq(parcelEvents.parcelId, goneParcelId));
    await db.delete(parcels).where(eq(parcels.id, goneParcelId));

    const { rows } = await listAuditEntries(db, ZAuditFilter.parse({ size: 100 }));
    const before = await db.select().from(auditLog).orderBy(desc(auditLog.seq));
    const counting = countingDb(db);
    const refs = await resolveAuditObjects(counting.db, rows, everyone);
    // 地块, 储备项目, 储备计划, 资金收支, 专项债券, 用户: one query each; settings are a catalogue; 系统 and attachments are not looked up.
    expect(counting.selects()).toBe(6);

    const ref = (type: string, id: string) => auditObjectRef(refs, type, id);
    expect(ref('地块', parcelId)).toEqual({ id: parcelId, code: parcel.code, name: parcel.name, href: `/parcels/${parcelId}` });
    expect(ref('储备项目', projectId)).toMatchObject({ code: expect.stringMatching(/^TP-/), name: expect.stringMatching(/^测试项目/), href: `/projects/${projectId}` });
    expect(ref('储备计划', plan.id)).toMatchObject({ code: '益政函〔2026〕9号', name: '2026年度土地储备计划（测试）', href: `/plans/${plan.id}` });
    expect(ref('资金收支', entry.id)).toMatchObject({ code: 'REF-E1', name: '测试补偿款', href: `/funds/ledger/${entry.id}` });
    expect(ref('专项债券', bond.id)).toMatchObject({ code: 'REF-BOND-01', name: '测试专项债券', href: `/funds/bonds/${bond.id}` });
    expect(ref('用户', actor.userId)).toMatchObject({ code: user.username, name: user.name, href: `/admin/users?q=${encodeURIComponent(user.username)}` });
    expect(ref('系统参数', 'parcel.reserveLimitDays')).toEqual({ id: 'parcel.reserveLimitDays', name: '入库后未供应的预警期限', href: '/admin/settings' });
    // Deleted: the stored id, marked; no link.
    expect(ref('地块', goneParcelId)).toEqual({ id: goneParcelId, deleted: true });
    // A type the log cannot name: its id as stored, not claimed deleted.
    expect(ref('资金收支附件', 'FILE-1')).toEqual({ id: 'FILE-1' });
    expect(auditObjectRef(refs, '系统', null)).toBeNull();

    // Reading names leaves the stored entries as they were.
    expect(await db.select().from(auditLog).orderBy(desc(auditLog.seq))).toEqual(before);

    // 三员分立: the audit administrator opens nothing but the log — every object named, none linked.
    const plain = await resolveAuditObjects(db, rows, auditAdmin);
    for (const [type, id] of objects) {
      const linked = auditObjectRef(refs, type, id)!;
      const { href, ...named } = linked;
      expect(auditObjectRef(plain, type, id), `${type} ${id}`).toEqual(named);
      if (!linked.deleted) expect(href, `${type} ${id}`).toBeTruthy();
    }
    expect(auditObjectRef(plain, '地块', parcelId)).toEqual({ id: parcelId, code: parcel.code, name: parcel.name });

    // A viewer gets the links of the pages it may open, and only those.
    const parcelsOnly = await resolveAuditObjects(db, rows, viewer('audit:view', 'parcel:view'));
    expect(auditObjectRef(parcelsOnly, '地块', parcelId)?.href).toBe(`/parcels/${parcelId}`);
    expect(auditObjectRef(parcelsOnly, '储备项目', projectId)).not.toHaveProperty('href');
    expect(auditObjectRef(parcelsOnly, '用户', actor.userId)).not.toHaveProperty('href');
    const usersOnly = await resolveAuditObjects(db, rows, viewer('user:manage'));
    expect(auditObjectRef(usersOnly, '用户', actor.userId)?.href).toBe(`/admin/users?q=${encodeURIComponent(user.username)}`);
    expect(auditObjectRef(usersOnly, '地块', parcelId)).not.toHaveProperty('href');
  });

  it('links each object type with the permission its page requires (read from the page itself)', async () => {
    const db = database.db;
    const { parcelId, projectId } = await createTestParcel(db);
    const actor = await createActor(db, ['sysadmin']);
    const [plan] = await db
      .insert(plans)
      .values({ groupId: 'G-refs-2', version: 1, status: 'current', planType: 'annual', startYear: 2027, endYear: 2027, title: '2027年度土地储备计划（测试）' })
      .returning({ id: plans.id });
    const [bond] = await db
      .insert(bonds)
      .values({ code: 'REF-BOND-02', name: '测试专项债券二', amount: '1000000.00', annualRate: '2.5', termYears: 5, issueDate: '2026-01-01', repaymentType: 'bullet' })
      .returning({ id: bonds.id });
    const objects: [string, string][] = [
      ['地块', parcelId],
      ['储备项目', projectId],
      ['储备计划', plan.id],
      ['专项债券', bond.id],
      ['用户', actor.userId],
      ['系统参数', 'parcel.reserveLimitDays'],
    ];
    const refs = await resolveAuditObjects(db, objects.map(([objectType, objectId]) => ({ objectType, objectId })), everyone);
    for (const [type, id] of objects) {
      const href = auditObjectRef(refs, type, id)?.href;
      expect(href, type).toBeTruthy();
      // The page the link opens, and the permission it requires.
      const route = new URL(href!, 'http://x').pathname.replace(id, '[id]');
      const source = readFileSync(path.join('src/app/(app)', route, 'page.tsx'), 'utf8');
      // requirePagePermission('x') or requirePagePermission(['x', 'y']) (any of them opens the page).
      const declared = /requirePagePermission\((\[[^\]]*\]|'[^']+')\)/.exec(source)?.[1];
      expect(declared, route).toBeTruthy();
      const permissions = [...declared!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      for (const permission of permissions) expect(canOpenObjectType(viewer(permission), type), `${type} ${permission}`).toBe(true);
      expect(canOpenObjectType(viewer(...[...everyone.permissions].filter((p) => !permissions.includes(p))), type), type).toBe(false);
      expect(canOpenObjectType(auditAdmin, type), type).toBe(false);
    }
    expect(canOpenObjectType(everyone, '系统')).toBe(false);
  });

  it('looks nothing up for a page without objects', async () => {
    const counting = countingDb(database.db);
    const refs = await resolveAuditObjects(counting.db, [{ objectType: '系统', objectId: null }], everyone);
    expect(refs.size).toBe(0);
    expect(counting.selects()).toBe(0);
  });
});
