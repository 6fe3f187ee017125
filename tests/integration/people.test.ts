import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { departments, users, userSessions } from '../../src/platform/auth/schema';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { getLifecycleOverview } from '../../src/modules/parcels/lifecycle/queries';
import { listRecentParcelEvents } from '../../src/modules/parcels/queries';
import { parcelEvents } from '../../src/modules/parcels/schema';
import { listProjectEvents } from '../../src/modules/projects/queries';
import { getEntry } from '../../src/modules/funds/ledger/queries';
import { ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { listAuditEntries, ZAuditFilter } from '../../src/modules/audit-log/queries';
import { exportAuditCsv } from '../../src/modules/audit-log/export';
import { getPreviousLogin } from '../../src/modules/workbench/queries';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { createTestParcel, parcelRow } from '../helpers/parcels';

/**
 * People are shown by name and department, resolved by id — also for rows written before, which
 * stored the login name as the actor's name.
 */

let database: Database;
let clerk: Actor;
const db = () => database.db;
const CLERK = { name: '钱经办', department: '收储测试科' };

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  const [dept] = await db().insert(departments).values({ name: CLERK.department, code: 'PEOPLE-T' }).returning({ id: departments.id });
  await db().update(users).set({ displayName: CLERK.name, departmentId: dept.id }).where(eq(users.id, clerk.userId));
  clerk = { ...clerk, displayName: CLERK.name };
});
afterAll(async () => {
  await database?.close();
});

describe('people on records', () => {
  it('stores the name with a new parcel event and shows name and department on every event list, old rows too', async () => {
    const { projectId, parcelId } = await createTestParcel(db());
    // A row written before: the login name in actor_name.
    await db().update(parcelEvents).set({ actorId: clerk.userId, actorName: clerk.username }).where(eq(parcelEvents.parcelId, parcelId));
    const row = await parcelRow(db(), parcelId);
    const done = await transitionParcel.execute(db(), clerk, { parcelId, version: row.version, toStage: '收储中', eventDate: '2025-03-01', docNo: '益储启〔2025〕1号' });
    expect(done.ok).toBe(true);

    const stored = await db().select({ seq: parcelEvents.seq, actorName: parcelEvents.actorName }).from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId));
    expect(stored.find((e) => e.seq === 2)?.actorName).toBe(CLERK.name);

    const lifecycle = await getLifecycleOverview(db(), parcelId, '2025-03-02');
    expect(lifecycle?.events.map((e) => e.actor)).toEqual([CLERK, CLERK]);
    expect((await listRecentParcelEvents(db(), parcelId)).map((e) => e.actor)).toEqual([CLERK, CLERK]);
    expect((await listProjectEvents(db(), projectId)).map((e) => e.actor)).toEqual([CLERK, CLERK]);
  });

  it('keeps a stored name when the event has no user id', async () => {
    const { parcelId } = await createTestParcel(db());
    await db().update(parcelEvents).set({ actorId: null, actorName: '演示数据' }).where(eq(parcelEvents.parcelId, parcelId));
    expect((await listRecentParcelEvents(db(), parcelId))[0].actor).toEqual({ name: '演示数据', department: null });
  });

  it('shows ledger steps and workflow people by name and department, whatever name a step stored', async () => {
    const { projectId } = await createTestParcel(db());
    const [entry] = await db()
      .insert(ledgerEntries)
      .values({ entryNo: 'ZJ2025-900001', direction: 'expense', entryDate: '2025-03-01', amount: '100.00', category: '其他', projectId, status: 'submitted', createdBy: clerk.userId, submittedBy: clerk.userId })
      .returning({ id: ledgerEntries.id });
    await db()
      .insert(ledgerSteps)
      .values([
        { entryId: entry.id, action: 'create', toStatus: 'draft', actorId: clerk.userId, actorName: clerk.username, createdAt: new Date('2025-03-01T09:00:00+08:00') },
        { entryId: entry.id, action: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorId: clerk.userId, actorName: clerk.username, createdAt: new Date('2025-03-01T09:05:00+08:00') },
      ]);
    const detail = await getEntry(db(), entry.id);
    expect(detail?.steps.map((s) => s.actor)).toEqual([CLERK, CLERK]);
    expect(detail?.people).toMatchObject({ createdBy: CLERK, submittedBy: CLERK, reviewedBy: null });
  });
});

describe('audit log people and addresses', () => {
  it('lists the name and department with the login name, finds entries by either, and shows IPv4 addresses plainly', async () => {
    await appendAuditStandalone(db(), { userId: clerk.userId, username: clerk.username, action: '人员测试', result: '成功', ip: '::ffff:10.1.2.3' });
    await appendAuditStandalone(db(), { username: 'nobody_here', action: '登录', result: '失败', message: '用户名或密码错误' });

    const byName = await listAuditEntries(db(), ZAuditFilter.parse({ user: '钱经', action: '人员测试' }));
    expect(byName.rows).toHaveLength(1);
    expect(byName.rows[0]).toMatchObject({ person: CLERK, username: clerk.username, ip: '10.1.2.3' });
    const byLogin = await listAuditEntries(db(), ZAuditFilter.parse({ user: clerk.username, action: '人员测试' }));
    expect(byLogin.total).toBe(1);
    const unknown = await listAuditEntries(db(), ZAuditFilter.parse({ user: 'nobody_here' }));
    expect(unknown.rows[0]).toMatchObject({ person: null, username: 'nobody_here' });

    const auditor = await createActor(db(), ['auditadmin']);
    const { csv } = await exportAuditCsv(db(), auditor, ZAuditFilter.parse({ action: '人员测试' }));
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('\uFEFF序号,时间,姓名,部门,登录名,角色,操作,对象类型,对象ID,结果,说明,IP,字段变化');
    expect(line).toContain(`${CLERK.name},${CLERK.department},${clerk.username},`);
    expect(line).toContain(',10.1.2.3,');
    expect(line).not.toContain('::ffff:');
  });

  it('shows the previous login address without the IPv6 prefix', async () => {
    const [old] = await db()
      .insert(userSessions)
      .values({ userId: clerk.userId, lastSeenAt: new Date('2025-03-01T08:00:00Z'), ip: '::ffff:127.0.0.1', createdAt: new Date('2025-03-01T08:00:00Z') })
      .returning({ id: userSessions.id });
    const [current] = await db().insert(userSessions).values({ userId: clerk.userId, lastSeenAt: new Date() }).returning({ id: userSessions.id });
    expect(old.id).not.toBe(current.id);
    expect(await getPreviousLogin(db(), clerk.userId, current.id)).toMatchObject({ ip: '127.0.0.1' });
  });
});
