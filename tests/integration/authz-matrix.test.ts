import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { ActionResult, Actor, Mutation } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { attachments } from '../../src/platform/storage/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { ledgerEntries } from '../../src/modules/funds/schema';
import { createEntry, uploadEntryAttachment } from '../../src/modules/funds/ledger/mutations';
import { INSPECTION_OWNER } from '../../src/modules/parcels/custody/attachments';
import { PERMISSION_DENIED, SESSION_EXPIRED } from '../../src/platform/action';
import { BUILTIN_ROLES, PERMISSIONS } from '../../src/platform/permissions/catalog';
import { NAVIGATION, breadcrumbFor } from '../../src/ui/navigation';
import { useTestDatabase } from '../helpers/db';
import { createActor, enrolTotpForTest } from '../helpers/actors';
import { browserRequest, sessionCookieFor, withRequest } from '../helpers/request-scope';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';

/*
 * 访问控制 (GB/T 22239-2019 8.1.4.2): the authorisation matrix, discovered from the code.
 *
 * - every server action (an exported function of a `'use server'` file under src/) must go
 *   through the mutation wrapper; its permission is read from the wrapper's metadata, and every
 *   built-in role is tried: without the permission → 您没有执行此操作的权限 and nothing written;
 *   with it → past the check (an empty input then fails validation);
 * - every route handler (src/app/**\/route.ts, exported GET/POST/…) is called with no session
 *   (401), with each role's session (403 without the permission, neither 401 nor 403 with it),
 *   unless listed below as public with its reason;
 * - every page calls requirePagePermission (or is listed), with the permission its menu entry shows.
 *
 * Sessions are real: a session row and the encrypted cookie next-auth sets; only next/headers is
 * replaced, so the handler reads that request's cookie (tests/helpers/request-scope.ts).
 */

const hoisted = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';
  return { mutations: [] as Mutation<unknown, unknown>[] };
});

vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
// The real runMutation, noting which mutation (and so which permission) each action runs.
vi.mock('../../src/platform/run-action', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/platform/run-action')>();
  return {
    ...actual,
    runMutation: (mutation: Mutation<unknown, unknown>, input: unknown) => {
      hoisted.mutations.push(mutation);
      return actual.runMutation(mutation, input);
    },
  };
});

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

/** A file whose first statement is the `'use server'` directive (comments and blank lines before it allowed). */
function isServerActionFile(text: string): boolean {
  const body = text.replace(/^\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*\n|\s+)*/, '');
  return /^['"]use server['"]/.test(body);
}

const SOURCE_FILES = walk(SRC);
const ACTION_FILES = SOURCE_FILES.filter((f) => isServerActionFile(readFileSync(f, 'utf8')));
const ROUTE_FILES = SOURCE_FILES.filter((f) => /\/route\.ts$/.test(f) && f.includes(`${sep}app${sep}`));
const PAGE_FILES = SOURCE_FILES.filter((f) => /\/page\.tsx$/.test(f) && f.includes(`${sep}app${sep}`));

/** Exported functions named in the source (a cross-check of what the module exports at run time). */
function exportedFunctionNames(text: string): string[] {
  return [...text.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)].map((m) => m[1]);
}

/** Actions that take FormData (one file per request) get an empty FormData instead of `{}`. */
function emptyInputFor(text: string, name: string): unknown {
  const signature = new RegExp(`export\\s+async\\s+function\\s+${name}\\s*\\(\\s*\\w+\\s*:\\s*FormData`);
  return signature.test(text) ? new FormData() : {};
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every route handler with the permission it requires, or why it is public. A route file not in
 * this table fails the test: a new endpoint must be classified (and its check proven) here.
 */
const ROUTES: Record<string, { permission: string } | { public: string }> = {
  '/api/admin/audit/export': { permission: 'audit:export' },
  '/api/archives/files/[id]': { permission: 'archive:manage' },
  '/api/archives/retention/export': { permission: 'archive:manage' },
  '/api/archives/transfer': { permission: 'archive:manage' },
  '/api/contracts/export': { permission: 'contract:export' },
  '/api/contracts/files/[id]': { permission: 'contract:view' },
  '/api/auth/[...nextauth]': { public: '登录、退出与会话端点（next-auth）：登录前必须可达；口令、锁定、限速在登录代码中校验（login.test.ts、login-security.test.ts）' },
  '/api/documents/[id]/docx': { permission: 'document:view' },
  '/api/documents/export': { permission: 'document:export' },
  '/api/documents/files/[id]': { permission: 'document:view' },
  '/api/documents/incoming/export': { permission: 'incoming:export' },
  '/api/documents/incoming/files/[id]': { permission: 'incoming:view' },
  '/api/files/[id]': { permission: 'parcel:view' },
  '/api/funds/export': { permission: 'fund:export' },
  '/api/funds/ledger/export': { permission: 'fund:export' },
  '/api/funds/ledger/files/[id]': { permission: 'fund:view' },
  '/api/health': { public: '存活与数据库连通性检查（负载均衡、监控探针），不含业务数据与密钥' },
  '/api/map/districts': { permission: 'parcel:view' },
  '/api/map/extent': { permission: 'parcel:view' },
  '/api/map/parcels/[id]': { permission: 'parcel:view' },
  '/api/map/parcels/[id]/match': { permission: 'parcel:view' },
  '/api/map/search': { permission: 'parcel:view' },
  '/api/map/stats': { permission: 'parcel:view' },
  '/api/map/worker': { public: '地图组件 maplibre-gl 的 Web Worker 脚本（开源库代码，不含数据），与 /_next/static 同类' },
  '/api/parcels/export': { permission: 'parcel:export' },
  '/api/parcels/import': { permission: 'parcel:edit' },
  '/api/tiles/parcels/[z]/[x]/[y]': { permission: 'parcel:view' },
};

/** Pages that need no session, with the reason. */
const PUBLIC_PAGES: Record<string, string> = {
  '/login': '登录页：登录前必须可达；已登录时转到工作台',
  '/': '根路径：仅转到工作台（工作台页面自行校验 workbench:view）',
};

function routePathOf(file: string): string {
  const r = rel(file).replace(/^src\/app/, '').replace(/\/route\.ts$/, '');
  return r.replace(/\/\([^/]+\)/g, '') || '/';
}

function pagePathOf(file: string): string {
  const r = rel(file).replace(/^src\/app/, '').replace(/\/page\.tsx$/, '');
  return r.replace(/\/\([^/]+\)/g, '') || '/';
}

/** Values for the dynamic segments: ids that exist nowhere, tile 0/0/0. */
function paramsFor(path: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const m of path.matchAll(/\[(\.\.\.)?(\w+)\]/g)) params[m[2]] = m[1] ? ['session'] : ['z', 'x', 'y'].includes(m[2]) ? '0' : 'authz-no-such-id';
  return params;
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let database: Database;
const db = () => database.db;
/** One signed-in user per built-in role, plus their cookie. */
const sessions: { role: (typeof BUILTIN_ROLES)[number]; cookie: string }[] = [];

beforeAll(async () => {
  database = await useTestDatabase();
  for (const role of BUILTIN_ROLES) {
    const actor = await createActor(db(), [role.code], { username: `authz_${role.code}` });
    await enrolTotpForTest(db(), actor.userId);
    sessions.push({ role, cookie: await sessionCookieFor(db(), actor.userId) });
  }
});
afterAll(async () => {
  await database?.close();
});

const roleHas = (role: (typeof BUILTIN_ROLES)[number], permission: string) => (role.permissions as readonly string[]).includes(permission);

async function callAction(fn: (input: unknown) => Promise<ActionResult<unknown>>, input: unknown, cookie: string | null) {
  hoisted.mutations.length = 0;
  const result = await withRequest(browserRequest('/', { method: 'POST', cookie }), () => fn(input));
  return { result, mutations: [...hoisted.mutations] };
}

describe('访问控制: 服务端操作（server actions）的授权矩阵', () => {
  it('访问控制: 从代码中发现全部服务端操作（每个 use server 文件的导出函数）', () => {
    expect(ACTION_FILES.length).toBeGreaterThanOrEqual(19);
    // Inline 'use server' inside a function (a closure action) escapes this matrix: there is none.
    const inline = SOURCE_FILES.filter((f) => !ACTION_FILES.includes(f) && /^\s+['"]use server['"]/m.test(readFileSync(f, 'utf8')));
    expect(inline.map(rel)).toEqual([]);
  });

  for (const file of ACTION_FILES) {
    const text = readFileSync(file, 'utf8');
    const names = exportedFunctionNames(text);
    it(`访问控制: ${rel(file)}：每个操作经统一封装校验权限，无权角色被拒且不写入数据，有权角色通过授权`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const exported = Object.entries(mod).filter(([, v]) => typeof v === 'function');
      // A server action file exports only its actions; every one is in the matrix.
      expect(exported.map(([k]) => k).sort()).toEqual([...names].sort());
      expect(Object.keys(mod).sort()).toEqual([...names].sort());
      for (const [name, value] of exported) {
        const fn = value as (input: unknown) => Promise<ActionResult<unknown>>;
        const input = emptyInputFor(text, name);
        const where = `${rel(file)} ${name}`;

        // No session: refused before anything, through the wrapper.
        const before = await snapshotDb(db());
        const anon = await callAction(fn, input, null);
        expect(anon.mutations.length, `${where} must run through runMutation(mutation, …)`).toBe(1);
        const mutation = anon.mutations[0];
        expect(Object.keys(PERMISSIONS), `${where}: permission ${mutation.permission} not in the catalogue`).toContain(mutation.permission);
        expect(anon.result, where).toEqual({ ok: false, error: SESSION_EXPIRED });

        // Roles without the permission: refused, nothing written.
        for (const s of sessions.filter((x) => !roleHas(x.role, mutation.permission))) {
          const r = await callAction(fn, input, s.cookie);
          expect(r.mutations.map((m) => m.permission), where).toEqual([mutation.permission]);
          expect(r.result, `${where} as ${s.role.name}`).toEqual({ ok: false, error: PERMISSION_DENIED });
        }
        expect(changedTables(before, await snapshotDb(db())), `${where}: a refused call wrote`).toEqual([]);

        // Roles with it: past the authorisation (the empty input then fails validation).
        const allowed = sessions.filter((x) => roleHas(x.role, mutation.permission));
        expect(allowed.length, `${where}: no built-in role holds ${mutation.permission}`).toBeGreaterThan(0);
        for (const s of allowed) {
          const r = await callAction(fn, input, s.cookie);
          expect(r.mutations.map((m) => m.permission), where).toEqual([mutation.permission]);
          if (!r.result.ok) {
            expect([PERMISSION_DENIED, SESSION_EXPIRED], `${where} as ${s.role.name}: ${r.result.error}`).not.toContain(r.result.error);
            expect(r.result.error, `${where} as ${s.role.name}`).toMatch(/[\u4e00-\u9fa5]/);
          }
        }
      }
    });
  }
});

describe('访问控制: 路由处理器（route handlers）的授权矩阵', () => {
  it('访问控制: 每个 route.ts 都在授权表中（新增接口必须在此登记权限或公开理由）', () => {
    const found = ROUTE_FILES.map(routePathOf).sort();
    expect(found).toEqual(Object.keys(ROUTES).sort());
    for (const [path, rule] of Object.entries(ROUTES)) {
      if ('permission' in rule) expect(Object.keys(PERMISSIONS), path).toContain(rule.permission);
      else expect(rule.public.length, path).toBeGreaterThan(10);
    }
  });

  for (const file of ROUTE_FILES) {
    const path = routePathOf(file);
    const rule = ROUTES[path];
    if (!rule || 'public' in rule) continue;
    it(`访问控制: ${path}：未登录 401，无 ${rule.permission} 的角色 403，有权角色通过授权`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((m) => typeof mod[m] === 'function');
      expect(methods.length, path).toBeGreaterThan(0);
      for (const method of methods) {
        const handler = mod[method] as Handler;
        const url = path.replace(/\[(?:\.\.\.)?\w+\]/g, (seg) => {
          const v = paramsFor(seg)[seg.replace(/[[\].]/g, '')];
          return Array.isArray(v) ? v.join('/') : v;
        });
        const call = async (cookie: string | null) => {
          const request = browserRequest(url, method === 'GET' ? { method, cookie } : { method, cookie, body: new FormData() });
          const response = await withRequest(request, () => handler(request, { params: Promise.resolve(paramsFor(path)) }));
          const body = await response.text();
          return { status: response.status, body };
        };
        const before = await snapshotDb(db());
        const anon = await call(null);
        expect(anon.status, `${method} ${path} without a session`).toBe(401);
        expect(anon.body).toMatch(/[\u4e00-\u9fa5]/);
        for (const s of sessions.filter((x) => !roleHas(x.role, rule.permission))) {
          const r = await call(s.cookie);
          expect(r.status, `${method} ${path} as ${s.role.name}`).toBe(403);
          expect(r.body).toMatch(/[\u4e00-\u9fa5]/);
        }
        expect(changedTables(before, await snapshotDb(db())), `${method} ${path}: a refused call wrote`).toEqual([]);
        const allowed = sessions.filter((x) => roleHas(x.role, rule.permission));
        expect(allowed.length, path).toBeGreaterThan(0);
        for (const s of allowed) {
          const r = await call(s.cookie);
          expect([401, 403], `${method} ${path} as ${s.role.name}: ${r.status} ${r.body.slice(0, 200)}`).not.toContain(r.status);
          expect(r.status, `${method} ${path} as ${s.role.name}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    });
  }

  it('访问控制: 公开接口无需登录即可访问，且不泄露业务数据', async () => {
    const health = (await import('../../src/app/api/health/route')) as { GET: () => Promise<Response> };
    const res = await withRequest(browserRequest('/api/health'), () => health.GET());
    expect(res.status).toBe(200);
    expect(Object.keys(await res.json()).sort()).toEqual(['database', 'latencyMs', 'status']);
  });

  it('访问控制: 伪造、篡改或已结束会话的 Cookie 一律视为未登录（401）', async () => {
    const mod = (await import('../../src/app/api/parcels/export/route')) as { GET: Handler };
    const good = sessions.find((s) => s.role.code === 'clerk')!.cookie;
    const token = good.split('=')[1];
    const forged = [
      'next-auth.session-token=',
      'next-auth.session-token=abc',
      `next-auth.session-token=${token.slice(0, -2)}xx`,
      `next-auth.session-token=${token.split('.').reverse().join('.')}`,
      '__Secure-next-auth.session-token=eyJhbGciOiJub25lIn0.eyJ1aWQiOiJ4In0.',
      `next-auth.session-token=${Buffer.from(JSON.stringify({ uid: 'x', sid: 'y', sv: 1 })).toString('base64url')}`,
    ];
    for (const cookie of forged) {
      const request = browserRequest('/api/parcels/export', { cookie });
      const res = await withRequest(request, () => mod.GET(request, { params: Promise.resolve({}) }));
      expect(res.status, cookie.slice(0, 60)).toBe(401);
    }
  });
});

describe('访问控制: 页面', () => {
  it('访问控制: 每个页面调用 requirePagePermission（公开页面逐一登记理由）', () => {
    const paths = PAGE_FILES.map(pagePathOf);
    expect(paths.length).toBeGreaterThanOrEqual(30);
    for (const file of PAGE_FILES) {
      const path = pagePathOf(file);
      const text = readFileSync(file, 'utf8');
      if (PUBLIC_PAGES[path]) {
        expect(text, path).not.toMatch(/requirePagePermission\(/);
        continue;
      }
      // The 双因素认证 page has its own gate (open while a user is held to enrol): the personal permission.
      expect(text, `${rel(file)} must call requirePagePermission(...)`).toMatch(/await (requirePagePermission\(|requireTotpEnrolmentPage\(\))/);
    }
    for (const p of Object.keys(PUBLIC_PAGES)) expect(paths, p).toContain(p);
  });

  it('访问控制: 页面所需权限与导航菜单一致（子页面所需权限的持有者都能看到上级菜单）', () => {
    for (const file of PAGE_FILES) {
      const path = pagePathOf(file);
      if (PUBLIC_PAGES[path]) continue;
      const text = readFileSync(file, 'utf8');
      const m = text.includes('requireTotpEnrolmentPage()') ? ['', `'profile:password'`] : /requirePagePermission\(\s*(\[[^\]]*\]|'[^']*')\s*\)/.exec(text);
      expect(m, path).not.toBeNull();
      const required = [...m![1].matchAll(/'([^']+)'/g)].map((x) => x[1]).sort();
      for (const code of required) expect(Object.keys(PERMISSIONS), `${path}: ${code}`).toContain(code);
      const trail = breadcrumbFor(NAVIGATION, path.replace(/\[[^\]]+\]/g, 'x'));
      const entry = trail.at(-1);
      expect(entry, `${path} has no menu entry above it`).toBeDefined();
      const shown = (typeof entry!.permission === 'string' ? [entry!.permission] : [...(entry!.permission ?? [])]).sort();
      if (entry!.path === path) {
        // The menu entry's own page opens with exactly the permission that shows the entry.
        expect(required, path).toEqual(shown);
      } else {
        // A sub-page (detail, edit, new): everyone it opens to also sees its menu entry.
        for (const role of BUILTIN_ROLES) {
          if (required.some((c) => roleHas(role, c))) expect(shown.some((c) => roleHas(role, c)), `${path} opens to ${role.name}, its menu ${entry!.path} does not`).toBe(true);
        }
      }
    }
  });
});

/*
 * Object-level checks (访问控制: 对象级). Ledger entries are visible to every holder of fund:view
 * (one centre, no per-department split in the rules), but a draft or returned entry belongs to its
 * creator: another user — even with fund:enter — can neither change, delete, submit nor attach to
 * it. Files are served per module: a ledger voucher is not reachable through the parcel file route
 * and vice versa, and unknown ids give 404 without naming anything.
 */
describe('访问控制: 对象级（他人记录、猜测的编号）', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  let owner: Actor;
  let other: { cookie: string; actor: Actor };
  let entryId = '';
  let voucherId = '';
  let parcelFileId = '';
  let projectId = '';

  beforeAll(async () => {
    process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-authz-'));
    resetConfigCache();
    owner = await createActor(db(), ['clerk'], { username: 'authz_owner' });
    const otherActor = await createActor(db(), ['clerk'], { username: 'authz_other' });
    other = { actor: otherActor, cookie: await sessionCookieFor(db(), otherActor.userId) };
    const [project] = await db()
      .insert(reserveProjects)
      .values({ code: 'AUTHZ-P1', name: '访问控制测试项目', acquisitionRoute: '收购', status: 'active', expectedIncome: '1000000' })
      .returning({ id: reserveProjects.id });
    projectId = project.id;
    const created = await createEntry.execute(db(), owner, {
      direction: 'expense',
      entryDate: '2025-03-10',
      amount: '100.00',
      category: '前期开发',
      sourceCode: 'other_fiscal',
      accountId: '',
      projectId: project.id,
      parcelId: '',
      contractNo: '',
      voucherNo: '',
      counterparty: '益阳某公司',
      description: '访问控制测试',
    });
    if (!created.ok) throw new Error(created.error);
    entryId = created.data.id;
    const uploaded = await uploadEntryAttachment.execute(db(), owner, { entryId, fileName: '经办人凭证.pdf', bytes: PDF });
    if (!uploaded.ok) throw new Error(uploaded.error);
    const [voucher] = await db().select({ id: attachments.id }).from(attachments).where(eq(attachments.ownerId, entryId));
    voucherId = voucher.id;
    const [parcelFile] = await db()
      .insert(attachments)
      .values({ ownerType: INSPECTION_OWNER, ownerId: 'authz-inspection', fileName: '巡查照片.png', mimeType: 'image/png', sizeBytes: 8, sm3: '0'.repeat(64) })
      .returning({ id: attachments.id });
    parcelFileId = parcelFile.id;
  });

  it('访问控制: 他人的草稿不能被修改、删除、提交、上传或删除附件（拒绝且不写入）', async () => {
    const ledger = await import('../../src/modules/funds/ledger/actions');
    const form = new FormData();
    form.set('entryId', entryId);
    form.set('file', new File([PDF], '他人上传.pdf', { type: 'application/pdf' }));
    const attempts: [string, () => Promise<ActionResult<unknown>>, RegExp][] = [
      ['update', () => ledger.updateEntryAction({ id: entryId, version: 1, direction: 'expense', entryDate: '2025-03-11', amount: '999.00', category: '前期开发', sourceCode: 'other_fiscal', accountId: '', projectId, parcelId: '', contractNo: '', voucherNo: '', counterparty: '篡改', description: '篡改' }), /只有经办人本人可以修改/],
      ['delete', () => ledger.deleteEntryAction({ id: entryId, version: 1 }), /只有经办人本人可以删除/],
      ['submit', () => ledger.submitEntryAction({ id: entryId, version: 1 }), /只有经办人本人可以提交/],
      ['upload', () => ledger.uploadEntryAttachmentAction(form), /只有经办人本人可以为该记录上传附件/],
      ['delete attachment', () => ledger.deleteEntryAttachmentAction({ id: voucherId }), /只有经办人本人可以删除该记录的附件/],
    ];
    const before = await snapshotDb(db());
    for (const [what, run] of attempts) {
      const r = await withRequest(browserRequest('/', { method: 'POST', cookie: other.cookie }), run);
      expect(r.ok, what).toBe(false);
      expect(!r.ok && r.error, what).toMatch(attempts.find((a) => a[0] === what)![2]);
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
    const [row] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
    expect(row).toMatchObject({ status: 'draft', amount: '100.00', counterparty: '益阳某公司', version: 1 });
  });

  it('访问控制: 猜测的收支记录编号得到「不存在」，不泄露任何内容', async () => {
    const ledger = await import('../../src/modules/funds/ledger/actions');
    for (const id of ['00000000-0000-0000-0000-000000000000', `${entryId.slice(0, -1)}0`, 'authz-guess']) {
      if (id === entryId) continue;
      const r = await withRequest(browserRequest('/', { method: 'POST', cookie: other.cookie }), () => ledger.deleteEntryAction({ id, version: 1 }));
      expect(r).toEqual({ ok: false, error: '收支记录不存在或已被删除，请刷新后重试' });
    }
  });

  it('访问控制: 附件按模块提供——资金凭证不能经地块文件接口取得，地块照片不能经资金接口取得，猜测的编号 404', async () => {
    const files = (await import('../../src/app/api/files/[id]/route')) as unknown as { GET: Handler };
    const ledgerFiles = (await import('../../src/app/api/funds/ledger/files/[id]/route')) as unknown as { GET: Handler };
    const get = async (handler: Handler, id: string, role: string) => {
      const cookie = sessions.find((s) => s.role.code === role)!.cookie;
      const request = browserRequest(`/x/${id}`, { cookie });
      const res = await withRequest(request, () => handler(request, { params: Promise.resolve({ id }) }));
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('utf8') };
    };
    // The owner's voucher is served on its own route to fund:view holders …
    expect((await get(ledgerFiles.GET, voucherId, 'finance')).status).toBe(200);
    // … and not through the parcel file route, even to a role holding both parcel:view and fund:view.
    for (const [handler, id] of [
      [files.GET, voucherId],
      [ledgerFiles.GET, parcelFileId],
      [files.GET, 'authz-guess'],
      [ledgerFiles.GET, 'authz-guess'],
      [files.GET, '../../etc/passwd'],
    ] as const) {
      const r = await get(handler, id, 'clerk');
      expect(r.status, id).toBe(404);
      expect(r.body).toContain('文件不存在或已被删除');
      expect(r.body).not.toMatch(/凭证|巡查照片|\.pdf|\.png/);
    }
    // A business role without fund:view (档案管理员) is refused the voucher outright.
    expect((await get(ledgerFiles.GET, voucherId, 'archivist')).status).toBe(403);
  });

  it('访问控制: 猜测的地块编号在地图接口得到 404，且不泄露内容', async () => {
    const card = (await import('../../src/app/api/map/parcels/[id]/route')) as unknown as { GET: Handler };
    const cookie = sessions.find((s) => s.role.code === 'archivist')!.cookie;
    const request = browserRequest('/api/map/parcels/authz-guess', { cookie });
    const res = await withRequest(request, () => card.GET(request, { params: Promise.resolve({ id: 'authz-guess' }) }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: '地块不存在或已被删除' });
  });
});
