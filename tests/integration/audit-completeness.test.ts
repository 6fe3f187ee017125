import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asc, gt, max } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { z } from 'zod';
import type { Database } from '../../src/platform/db/client';
import type { Actor, Mutation } from '../../src/platform/action';
import { defineMutation } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { departments } from '../../src/platform/auth/schema';
import { attemptLogin } from '../../src/platform/auth/login';
import { resetConfigCache } from '../../src/platform/config';
import { zText } from '../../src/platform/validation';
import { districtsResponse } from '../../src/app/api/map/handlers';
import { useTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

/**
 * 安全审计 (GB/T 22239-2019 8.1.4.3 a)、b)): every mutation, refused or failed, leaves exactly one
 * entry naming who (or 匿名), from where, what, on which object, the result and the request id.
 */

// Pages read the request through next/headers and leave through next/navigation: stand-ins here.
const request = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[], headers: new Headers() }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => request.cookies }),
  headers: async () => request.headers,
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
  forbidden: () => {
    throw new Error('FORBIDDEN');
  },
}));

const SECRET = 'audit-completeness-secret-0123456789abcdef';
let database: Database;
const db = () => database.db;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  resetConfigCache();
  database = await useTestDatabase();
});
afterAll(async () => {
  delete process.env.NEXTAUTH_SECRET;
  resetConfigCache();
  await database?.close();
});

async function lastSeq(): Promise<number> {
  const [{ last }] = await db().select({ last: max(auditLog.seq) }).from(auditLog);
  return Number(last ?? 0);
}

/** The entries written by `run`, however it ends. */
async function entriesOf(run: () => Promise<unknown>) {
  const before = await lastSeq();
  try {
    await run();
  } catch {
    // redirect() and forbidden() end a page by throwing.
  }
  return db().select().from(auditLog).where(gt(auditLog.seq, before)).orderBy(asc(auditLog.seq));
}

type Entry = Awaited<ReturnType<typeof entriesOf>>[number];

/** The fields every entry must carry: time, user (id and name, or 匿名), IP field, action, object, result, request id. */
function expectComplete(e: Entry, want: { userId: string | null; username: string; result: string; action: string; objectType: string; requestId: string }) {
  expect(e.occurredAt).toBeInstanceOf(Date);
  expect(Date.now() - e.occurredAt.getTime()).toBeLessThan(60_000);
  expect(e).toHaveProperty('ip');
  expect(e).toMatchObject(want);
}

const createDept = defineMutation({
  name: '完整性测试新建科室',
  permission: 'org:manage',
  objectType: '科室',
  schema: z.object({ name: zText('科室名称', { max: 64 }) }),
  async run(ctx, input) {
    const [row] = await ctx.tx.insert(departments).values({ name: input.name }).returning();
    await ctx.audit({ action: '完整性测试新建科室', objectType: '科室', objectId: row.id, after: { name: row.name } });
    return row.id;
  },
});

describe('安全审计: the mutation wrapper', () => {
  it('安全审计: success, anonymous refusal, missing permission and failed validation each write exactly one complete entry', async () => {
    const admin = await createActor(db(), ['sysadmin']);
    const clerk = await createActor(db(), ['clerk']);

    const ok = await entriesOf(() => createDept.execute(db(), admin, { name: '完整性科' }));
    expect(ok).toHaveLength(1);
    expectComplete(ok[0], { userId: admin.userId, username: admin.username, result: '成功', action: '完整性测试新建科室', objectType: '科室', requestId: 'test-request' });
    expect(ok[0].ip).toBe('127.0.0.1');
    expect(ok[0].objectId).toBeTruthy();

    const anonymous = await entriesOf(() => createDept.execute(db(), null, { name: '匿名科' }, { ip: '203.0.113.7', requestId: 'req-anon' }));
    expect(anonymous).toHaveLength(1);
    expectComplete(anonymous[0], { userId: null, username: '匿名', result: '拒绝', action: '完整性测试新建科室', objectType: '科室', requestId: 'req-anon' });
    expect(anonymous[0].ip).toBe('203.0.113.7');

    const forbidden = await entriesOf(() => createDept.execute(db(), clerk, { name: '越权科' }));
    expect(forbidden).toHaveLength(1);
    expectComplete(forbidden[0], { userId: clerk.userId, username: clerk.username, result: '拒绝', action: '完整性测试新建科室', objectType: '科室', requestId: 'test-request' });

    const invalid = await entriesOf(() => createDept.execute(db(), admin, { name: '' }));
    expect(invalid).toHaveLength(1);
    expectComplete(invalid[0], { userId: admin.userId, username: admin.username, result: '失败', action: '完整性测试新建科室', objectType: '科室', requestId: 'test-request' });
    expect(invalid[0].message).toMatch(/^输入校验未通过：.+（字段：name）$/);
  });
});

/** Every server action in the code: `runMutation(x, …)` in the modules' 'use server' files, resolved to the mutation x. */
async function discoverMutations(): Promise<{ file: string; mutation: Mutation<unknown, unknown> }[]> {
  const root = resolve(__dirname, '..', '..', 'src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && readFileSync(full, 'utf8').startsWith("'use server'")) files.push(full);
    }
  };
  walk(join(root, 'modules'));
  walk(join(root, 'app'));
  const found: { file: string; mutation: Mutation<unknown, unknown> }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const imports = new Map<string, string>();
    for (const m of text.matchAll(/import\s*\{([^}]+)\}\s*from\s*'([^']+)'/g)) {
      for (const part of m[1].split(',')) {
        const [orig, alias] = part.trim().split(/\s+as\s+/);
        if (orig) imports.set((alias ?? orig).trim(), `${orig.trim()}|${m[2]}`);
      }
    }
    for (const m of text.matchAll(/runMutation\(\s*([A-Za-z0-9_]+)\s*,/g)) {
      const ref = imports.get(m[1]);
      if (!ref) throw new Error(`${relative(root, file)}: ${m[1]} is not imported; the test cannot find the mutation`);
      const [name, from] = ref.split('|');
      const path = from.startsWith('@/') ? join(root, from.slice(2)) : resolve(dirname(file), from);
      const mod = (await import(path)) as Record<string, unknown>;
      const mutation = mod[name] as Mutation<unknown, unknown> | undefined;
      if (!mutation || typeof mutation.execute !== 'function') throw new Error(`${relative(root, file)}: ${name} is not a mutation`);
      found.push({ file: relative(root, file), mutation });
    }
  }
  return found;
}

describe('安全审计: every server action in the code', () => {
  it('安全审计: each one audits an anonymous request, a missing permission and input that fails validation with exactly one complete entry', { timeout: 240_000 }, async () => {
    const mutations = await discoverMutations();
    // A floor, so a broken discovery cannot pass by finding nothing.
    expect(mutations.length).toBeGreaterThan(60);
    const nobody = await createActor(db(), []);
    const holder = await createActor(db(), ['sysadmin']);
    for (const { file, mutation } of mutations) {
      const where = `${file} → ${mutation.name}`;
      const anonymous = await entriesOf(() => mutation.execute(db(), null, {}, { ip: '198.51.100.1', requestId: 'req-discovered' }));
      expect(anonymous, where).toHaveLength(1);
      expectComplete(anonymous[0], { userId: null, username: '匿名', result: '拒绝', action: mutation.name, objectType: anonymous[0].objectType!, requestId: 'req-discovered' });
      expect(anonymous[0].objectType, where).toBeTruthy();
      expect(anonymous[0].ip, where).toBe('198.51.100.1');

      const refused = await entriesOf(() => mutation.execute(db(), nobody, {}));
      expect(refused, where).toHaveLength(1);
      expectComplete(refused[0], { userId: nobody.userId, username: nobody.username, result: '拒绝', action: mutation.name, objectType: anonymous[0].objectType!, requestId: 'test-request' });

      // Holding exactly the permission, with input no schema accepts.
      const allowed: Actor = { ...holder, permissions: new Set([mutation.permission]) };
      const invalid = await entriesOf(() => mutation.execute(db(), allowed, Symbol('不是表单数据')));
      expect(invalid, where).toHaveLength(1);
      expectComplete(invalid[0], { userId: holder.userId, username: holder.username, result: '失败', action: mutation.name, objectType: anonymous[0].objectType!, requestId: 'test-request' });
      expect(invalid[0].message, where).toMatch(/^输入校验未通过/);
    }
  });
});

describe('安全审计: refused pages and route handlers', () => {
  it('安全审计: a signed-out visit to a page is one 401 entry (匿名, request id, path); a page without the permission is one 403 entry with the user', async () => {
    const { requirePagePermission, requireUser } = await import('../../src/platform/auth/current-user');
    request.cookies = [];
    request.headers = new Headers({ 'x-request-id': 'req-page-401', 'x-lr-path': '/admin/users' });
    const signedOut = await entriesOf(() => requirePagePermission('user:manage'));
    expect(signedOut).toHaveLength(1);
    expectComplete(signedOut[0], { userId: null, username: '匿名', result: '拒绝', action: '拒绝未登录访问', objectType: '页面', requestId: 'req-page-401' });
    expect(signedOut[0]).toMatchObject({ objectId: '/admin/users', message: '401：未登录' });

    const clerk = await createActor(db(), ['clerk'], { password: 'Right@1234' });
    const login = await attemptLogin(db(), { username: clerk.username, password: 'Right@1234', ip: '10.1.1.1', userAgent: 'vitest', requestId: 'req-login' });
    if (!login.ok) throw new Error(login.message);
    const token = await encode({ token: { uid: login.userId, sid: login.sessionId, sv: login.sessionVersion }, secret: SECRET, maxAge: 3600 });
    request.cookies = [{ name: 'next-auth.session-token', value: token }];
    request.headers = new Headers({ 'x-request-id': 'req-page-403', 'x-lr-path': '/admin/users' });
    const denied = await entriesOf(() => requirePagePermission('user:manage'));
    expect(denied).toHaveLength(1);
    expectComplete(denied[0], { userId: clerk.userId, username: clerk.username, result: '拒绝', action: '拒绝越权访问', objectType: '页面', requestId: 'req-page-403' });
    expect(denied[0].message).toBe('403：缺少权限 user:manage');

    // Allowed: nothing is written.
    expect(await entriesOf(() => requireUser())).toHaveLength(0);
  });

  it('安全审计: a route handler refusing a signed-out request (401) or a missing permission (403) writes one entry', async () => {
    request.headers = new Headers({ 'x-request-id': 'req-route-401' });
    const anonymous = await entriesOf(() => districtsResponse(db(), null));
    expect(anonymous).toHaveLength(1);
    expectComplete(anonymous[0], { userId: null, username: '匿名', result: '拒绝', action: '拒绝未登录访问', objectType: '接口', requestId: 'req-route-401' });
    expect(anonymous[0].objectId).toBe('GET /api/map/districts');

    const nobody = await createActor(db(), []);
    const denied = await entriesOf(async () => expect((await districtsResponse(db(), nobody)).status).toBe(403));
    expect(denied).toHaveLength(1);
    expectComplete(denied[0], { userId: nobody.userId, username: nobody.username, result: '拒绝', action: '拒绝越权访问', objectType: '接口', requestId: 'test-request' });
  });
});
