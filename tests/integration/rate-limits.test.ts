import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { openDatabase, type Database, type Db } from '../../src/platform/db/client';
import { auditLog } from '../../src/platform/audit/schema';
import { loginThrottle, securityPolicy } from '../../src/platform/auth/schema';
import { checkRateLimit, enforceRateLimit, guardedExport, limitedApi, RATE_WINDOW_SECONDS, type ExportSpec } from '../../src/platform/http/rate-limit';
import { reserve, windowStartOf } from '../../src/platform/auth/throttle';
import { SECURITY_POLICY } from '../../src/platform/auth/security-policy';
import { createTestDatabase } from '../helpers/db';
import { withDatabase } from '../helpers/pg-url';
import { createActor } from '../helpers/actors';
import type { Actor } from '../../src/platform/action';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  // The clock stands still 5 s into a minute, so no test straddles two windows.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T08:30:05Z'));
});
afterAll(async () => {
  vi.useRealTimers();
  await database?.close();
});

async function setPolicy(values: Record<string, number>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db.delete(securityPolicy).where(eq(securityPolicy.key, key));
    await db.insert(securityPolicy).values({ key, value: String(value), updatedBy: 'test', updatedAt: new Date() });
  }
}

const SPEC: ExportSpec = { permission: 'parcel:export', deniedMessage: '您没有导出地块数据的权限', action: '导出地块', objectType: '地块' };
const ok = async () => new Response('ok');
const withIp = (actor: Actor, ip: string | null): Actor => ({ ...actor, ip });

async function lastAudit(userId: string | null) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(userId ? eq(auditLog.userId, userId) : sql`${auditLog.userId} is null`)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return rows[0];
}

const MESSAGE = /^操作过于频繁，请 \d+ 秒后再试$/;

describe('Web 防护: 限速', () => {
  it('Web 防护: 限速 — 第 N+1 次导出得到 429 与中文提示，并写入审计', async () => {
    await setPolicy({ 'limits.exportPerMinute': 3, 'limits.exportPerMinuteIp': 1000 });
    const actor = withIp(await createActor(db, ['auditor']), '10.1.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await guardedExport(db, actor, SPEC, actor, ok)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await guardedExport(db, actor, SPEC, actor, ok);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string };
    expect(body.error).toMatch(MESSAGE);
    const seconds = Number(/请 (\d+) 秒/.exec(body.error)![1]);
    expect(seconds).toBe(RATE_WINDOW_SECONDS - 5);
    expect(refused.headers.get('retry-after')).toBe(String(seconds));
    const entry = await lastAudit(actor.userId);
    expect(entry).toMatchObject({ action: '导出地块', objectType: '地块', result: '拒绝', ip: '10.1.0.1', username: actor.username });
    expect(entry.message).toContain('该账号每分钟上限 3 次');
  });

  it('Web 防护: 限速 — 不同账号各自计数，互不影响', async () => {
    await setPolicy({ 'limits.exportPerMinute': 2, 'limits.exportPerMinuteIp': 1000 });
    const a = withIp(await createActor(db, ['auditor']), '10.2.0.1');
    const b = withIp(await createActor(db, ['leader']), '10.2.0.1');
    for (let i = 0; i < 2; i++) expect((await guardedExport(db, a, SPEC, a, ok)).status).toBe(200);
    expect((await guardedExport(db, a, SPEC, a, ok)).status).toBe(429);
    for (let i = 0; i < 2; i++) expect((await guardedExport(db, b, SPEC, b, ok)).status).toBe(200);
    expect((await guardedExport(db, b, SPEC, b, ok)).status).toBe(429);
  });

  it('Web 防护: 限速 — 同一来源地址的多个账号合计受地址上限约束', async () => {
    await setPolicy({ 'limits.exportPerMinute': 100, 'limits.exportPerMinuteIp': 4 });
    const actors = [withIp(await createActor(db, ['auditor']), '10.3.0.1'), withIp(await createActor(db, ['auditor']), '10.3.0.1')];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await guardedExport(db, actors[i % 2], SPEC, actors[i % 2], ok)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await lastAudit(actors[1].userId)).message).toContain('该来源地址每分钟上限 4 次');
    // Another address is not affected.
    const elsewhere = withIp(actors[0], '10.3.0.2');
    expect((await guardedExport(db, elsewhere, SPEC, elsewhere, ok)).status).toBe(200);
  });

  it('Web 防护: 限速 — 计数保存在数据库，两个应用实例（两个数据库连接）共用同一计数', async () => {
    await setPolicy({ 'limits.exportPerMinute': 5, 'limits.exportPerMinuteIp': 1000 });
    const actor = withIp(await createActor(db, ['auditor']), '10.4.0.1');
    // A second instance: its own connection pool to the same database (PostgreSQL); PGlite is
    // single-process, so there the second handle is the same database object.
    let second: Database | null = null;
    if (database.kind === 'postgres') {
      const [{ name }] = (await db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
      second = await openDatabase({ url: withDatabase(process.env.DATABASE_URL!, name) });
    }
    const db2 = second?.db ?? db;
    try {
      // 6 in parallel on each instance: exactly 5 pass in total.
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => guardedExport(i % 2 ? db2 : db, actor, SPEC, actor, ok)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // Both instances see the same counter row.
      const rows = await db2.select().from(loginThrottle).where(eq(loginThrottle.key, `rate:export:u:${actor.userId}`));
      expect(rows).toHaveLength(1);
      expect(rows[0].hits).toBe(12);
    } finally {
      await second?.close();
    }
  });

  it('Web 防护: 限速 — 新的时间窗重新计数；导入与接口各有自己的上限', async () => {
    await setPolicy({ 'limits.importPerMinute': 1, 'limits.importPerMinuteIp': 1000, 'limits.apiPerMinute': 10, 'limits.apiPerMinuteIp': 1000 });
    const actor = withIp(await createActor(db, ['clerk']), '10.5.0.1');
    const t0 = new Date('2026-12-07T08:00:10Z');
    expect((await checkRateLimit(db, 'import', actor, t0)).ok).toBe(true);
    const refused = await checkRateLimit(db, 'import', actor, new Date('2026-12-07T08:00:50Z'));
    expect(refused).toMatchObject({ ok: false, scope: 'account', secondsLeft: 10, limit: 1 });
    expect((await checkRateLimit(db, 'import', actor, new Date('2026-12-07T08:01:00Z'))).ok).toBe(true);
    // The import route's check (real clock, a window of its own): the second request in it gets
    // 429 with the message; only the first refusal of the window is audited.
    expect(await enforceRateLimit(db, 'import', actor, '地块边界文件')).toBeNull();
    const res = await enforceRateLimit(db, 'import', actor, '地块边界文件');
    expect(res?.status).toBe(429);
    expect(((await res!.json()) as { error: string }).error).toMatch(MESSAGE);
    expect(await lastAudit(actor.userId)).toMatchObject({ action: '请求过于频繁', objectType: '导入', objectId: '地块边界文件', result: '拒绝' });
    expect((await enforceRateLimit(db, 'import', actor, '地块边界文件'))?.status).toBe(429);
    const refusals = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.userId, actor.userId), eq(auditLog.action, '请求过于频繁')));
    expect(refusals[0].n).toBe(1);
    // The API limit is separate from the import limit.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await limitedApi(db, actor, '地图搜索', ok)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('Web 防护: 限速 — 未登录、无权限、条件无效与出错的导出也写入审计（含 IP 与结果）', async () => {
    await setPolicy({ 'limits.exportPerMinute': 100, 'limits.exportPerMinuteIp': 1000 });
    const anonymous = await guardedExport(db, null, SPEC, { ip: '10.6.0.9', requestId: 'r-anon' }, ok);
    expect(anonymous.status).toBe(401);
    const [anonEntry] = await db.select().from(auditLog).where(eq(auditLog.requestId, 'r-anon'));
    expect(anonEntry).toMatchObject({ username: '匿名', action: '导出地块', result: '拒绝', ip: '10.6.0.9' });

    const clerkless = withIp(await createActor(db, ['archivist']), '10.6.0.1');
    expect((await guardedExport(db, clerkless, SPEC, clerkless, ok)).status).toBe(403);
    expect(await lastAudit(clerkless.userId)).toMatchObject({ action: '导出地块', result: '拒绝', ip: '10.6.0.1' });

    const auditor = withIp(await createActor(db, ['auditor']), '10.6.0.2');
    const invalid = await guardedExport(db, auditor, SPEC, auditor, async () => {
      z.object({ year: z.number({ error: '年份无效' }) }).parse({ year: 'x' });
      return new Response('never');
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toBe('年份无效');
    expect(await lastAudit(auditor.userId)).toMatchObject({ action: '导出地块', result: '失败', message: '导出条件无效：年份无效' });

    const broken = await guardedExport(db, auditor, SPEC, auditor, async () => {
      throw new Error('select * from secret where id = $1 -- params: 110101199001011234');
    });
    expect(broken.status).toBe(500);
    const text = await broken.text();
    expect(text).not.toContain('select');
    expect(text).toContain('操作失败，请稍后重试');
    expect(await lastAudit(auditor.userId)).toMatchObject({ action: '导出地块', result: '失败', message: '导出出错' });
  });

  it('Web 防护: 限速 — 上限是安全管理员的策略项（有界限与依据），越界的存储值不生效', async () => {
    for (const key of ['limits.exportPerMinute', 'limits.exportPerMinuteIp', 'limits.importPerMinute', 'limits.importPerMinuteIp', 'limits.apiPerMinute', 'limits.apiPerMinuteIp'] as const) {
      const def = SECURITY_POLICY[key];
      expect(def.source).toContain('8.1.4.4');
      expect(def.min).toBeGreaterThan(0);
    }
    await setPolicy({ 'limits.exportPerMinute': 0, 'limits.exportPerMinuteIp': 1000 });
    const actor = withIp(await createActor(db, ['auditor']), '10.7.0.1');
    // 0 is below the bound: the default (10) holds.
    for (let i = 0; i < 10; i++) expect((await guardedExport(db, actor, SPEC, actor, ok)).status).toBe(200);
    expect((await guardedExport(db, actor, SPEC, actor, ok)).status).toBe(429);
  });

  it('Web 防护: 限速 — 登录限速的原有接口保持不变', async () => {
    const now = new Date('2026-12-07T09:07:00Z');
    const rule = { max: 1, windowMinutes: 15 };
    expect(await reserve(db, 'acct:compat-test', rule, now)).toEqual({ ok: true, windowStart: windowStartOf(now, 15) });
    expect(await reserve(db, 'acct:compat-test', rule, now)).toEqual({ ok: false, minutesLeft: 8 });
    const rows = await db.select().from(loginThrottle).where(like(loginThrottle.key, 'acct:compat-test'));
    expect(rows).toHaveLength(1);
  });
});
