import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import type { z } from 'zod';
import type { Database } from '../../src/platform/db/client';
import type { ActionResult, Mutation } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { parseListFilter, zChoice, zOptionalText, zText } from '../../src/platform/validation';
import { systemSettings } from '../../src/platform/settings/schema';
import { BUILTIN_ROLES } from '../../src/platform/permissions/catalog';
import { securityPolicy } from '../../src/platform/auth/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { ZPlanFilter } from '../../src/modules/plans/validation';
import { listPlans } from '../../src/modules/plans/queries';
import { ZUserFilter } from '../../src/modules/admin/users/validation';
import { listUsers } from '../../src/modules/admin/users/queries';
import { listAuditEntries, ZAuditFilter } from '../../src/modules/audit-log/queries';
import { ZProjectBalanceFilter } from '../../src/modules/funds/balances/validation';
import { getProjectBalances } from '../../src/modules/funds/balances/queries';
import { ZLedgerFilter } from '../../src/modules/funds/ledger/validation';
import { listEntries } from '../../src/modules/funds/ledger/queries';
import { ZBudgetListFilter } from '../../src/modules/funds/budgets/validation';
import { getBudgetOverview } from '../../src/modules/funds/budgets/queries';
import { ZAccountFilter } from '../../src/modules/funds/accounts/validation';
import { getAccountsOverview } from '../../src/modules/funds/accounts/queries';
import { ZProjectFilter } from '../../src/modules/projects/validation';
import { listProjects } from '../../src/modules/projects/queries';
import { ZParcelFilter } from '../../src/modules/parcels/validation';
import { listParcels } from '../../src/modules/parcels/queries';
import { ZIncomingFilter } from '../../src/modules/documents/incoming/validation';
import { listIncoming } from '../../src/modules/documents/incoming/queries';
import { parseBBox, parseMapFilters, parseMapView, parseSearchText } from '../../src/modules/map/validation';
import { useTestDatabase } from '../helpers/db';
import { createActor, enrolTotpForTest } from '../helpers/actors';
import { browserRequest, sessionCookieFor, withRequest } from '../helpers/request-scope';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';
import { BAD_TEXT, BAD_VALUES, FORGED_COOKIES, type BadText } from '../fixtures/bad-input/corpus';
import { listLoans } from '../../src/modules/archives/loan-queries';
import { ZLoanFilter } from '../../src/modules/archives/loan-validation';

/*
 * The bad-input corpus (issue 14, Tests; GB/T 22239-2019 8.1.4.4 入侵防范: 数据有效性检验, and
 * errors that reveal nothing internal): injection strings, control characters, oversized fields, Unicode edge cases,
 * malformed JSON, path traversal, odd numbers and dates, forged cookies and disguised uploads, sent
 * to every server action (as a role allowed to run it, so validation is what answers), every
 * route handler and every list filter. Each must end in a clean refusal with a Chinese message —
 * a failed result for actions, 4xx for routes (a filter may also ignore the value) — never a
 * throw or a 5xx, never an internal detail, and with nothing written to the database.
 *
 * To stay fast, each target gets a deterministic slice of the corpus (every value still reaches
 * several targets of each kind); list filters and the map parsers get all of it.
 */

const hoisted = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';
  return { schemas: new Map<string, unknown>(), mutations: [] as Mutation<unknown, unknown>[] };
});

vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
// The real wrapper; each mutation's schema is noted so the corpus can fill every field.
vi.mock('../../src/platform/action', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/platform/action')>();
  return {
    ...actual,
    defineMutation: (def: Parameters<typeof actual.defineMutation>[0]) => {
      hoisted.schemas.set(def.name, def.schema);
      return actual.defineMutation(def);
    },
  };
});
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
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}
const SOURCE_FILES = walk(SRC);
const ACTION_FILES = SOURCE_FILES.filter((f) => /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*['"]use server['"]/.test(readFileSync(f, 'utf8')));
const ROUTE_FILES = SOURCE_FILES.filter((f) => /\/route\.ts$/.test(f) && f.includes(`${sep}app${sep}`));

/** Internal details that must never reach a user: SQL, stack frames, paths, English errors. */
const LEAK = /\b(select|insert|update|delete)\b.+\b(from|into|set)\b|\bat \w+ \(|node_modules|\/work\/|\/src\/|TypeError|ReferenceError|RangeError|SyntaxError|Error:|postgres|pglite|drizzle|zod|\[object Object\]/i;
const CHINESE = /[\u4e00-\u9fa5]/;

/** Visible text: no control, bidi or zero-width characters, no lone surrogates, at most 10,000 characters. */
function isPlainText(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return s.length <= 10_000 && !/[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/.test(s) && s === Buffer.from(s, 'utf8').toString('utf8');
}

/** `echo`: the input itself, which a message may quote back (「文件名」); it is not a leak. */
function expectCleanMessage(message: string, where: string, echo?: unknown) {
  expect(message, where).toMatch(CHINESE);
  let own = message;
  if (typeof echo === 'string') for (const part of [echo, echo.trim(), echo.slice(0, 200), echo.slice(0, 200).trim()]) if (part.length >= 3) own = own.split(part).join('');
  expect(own, where).not.toMatch(LEAK);
  expect(message.length, where).toBeLessThan(2000);
}

/* -------------------------------------------------------------- zod shape */

type AnyDef = { type: string; shape?: Record<string, unknown>; in?: unknown; innerType?: unknown; element?: unknown; options?: unknown[]; left?: unknown; right?: unknown; getter?: () => unknown };
const defOf = (s: unknown): AnyDef | null => ((s as { _zod?: { def?: AnyDef } })?._zod?.def ?? null);

/** The top-level fields of a schema (through pipes, optionals, unions), each marked when it is an array. */
function fieldsOf(schema: unknown, out = new Map<string, boolean>(), depth = 0): Map<string, boolean> {
  const def = defOf(schema);
  if (!def || depth > 20) return out;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) out.set(k, out.get(k) || isArray(v));
      break;
    case 'pipe':
      fieldsOf(def.in, out, depth + 1);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      fieldsOf(def.innerType, out, depth + 1);
      break;
    case 'union':
      for (const o of def.options ?? []) fieldsOf(o, out, depth + 1);
      break;
    case 'intersection':
      fieldsOf(def.left, out, depth + 1);
      fieldsOf(def.right, out, depth + 1);
      break;
    case 'lazy':
      fieldsOf(def.getter?.(), out, depth + 1);
      break;
  }
  return out;
}

function isArray(schema: unknown, depth = 0): boolean {
  const def = defOf(schema);
  if (!def || depth > 20) return false;
  if (def.type === 'array') return true;
  if (def.type === 'pipe') return isArray(def.in, depth + 1);
  if (def.innerType) return isArray(def.innerType, depth + 1);
  return false;
}

/* -------------------------------------------------------------- set-up */

let database: Database;
const db = () => database.db;
const cookies = new Map<string, string>();
let projectId = '';

/** The cookie of a built-in role holding the permission (the first one, in catalogue order). */
function cookieFor(permission: string): string {
  const role = BUILTIN_ROLES.find((r) => (r.permissions as readonly string[]).includes(permission));
  if (!role) throw new Error(`no role holds ${permission}`);
  return cookies.get(role.code)!;
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-corpus-'));
  resetConfigCache();
  database = await useTestDatabase();
  for (const role of BUILTIN_ROLES) {
    const actor = await createActor(db(), [role.code], { username: `corpus_${role.code}` });
    await enrolTotpForTest(db(), actor.userId);
    cookies.set(role.code, await sessionCookieFor(db(), actor.userId));
  }
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: 'CORPUS-P1', name: '坏输入测试项目', acquisitionRoute: '收购', status: 'active', expectedIncome: '1000000' })
    .returning({ id: reserveProjects.id });
  projectId = project.id;
  // A small upload limit, so the zip bomb (10× the limit) stays cheap to build.
  await db().insert(systemSettings).values({ key: 'import.maxFileMb', value: '1', updatedAt: new Date() });
  // The corpus sends hundreds of uploads and API calls in a minute: the rate limits (tested in
  // rate-limits.test.ts) are raised to their maximum so every case reaches the validation it targets.
  for (const [key, value] of [['limits.importPerMinute', '1000'], ['limits.importPerMinuteIp', '10000'], ['limits.apiPerMinute', '100000'], ['limits.apiPerMinuteIp', '1000000'], ['limits.exportPerMinute', '1000'], ['limits.exportPerMinuteIp', '10000']]) {
    await db().insert(securityPolicy).values({ key, value, updatedAt: new Date() });
  }
});
afterAll(async () => {
  await database?.close();
});

/**
 * Every k-th value of the corpus, shifted per target: deterministic, and each value reaches several
 * targets. CORPUS_FULL=1 sends every value to every target (minutes, not for CI).
 */
const FULL = process.env.CORPUS_FULL === '1';
function slice<T>(items: readonly T[], target: number, every: number): T[] {
  return FULL ? [...items] : items.filter((_, i) => (i + target) % every === 0);
}

describe('坏输入语料', () => {
  it('数据有效性检验: 语料覆盖全部类别且不少于 300 例', () => {
    const total = BAD_TEXT.length + BAD_VALUES.length + FORGED_COOKIES.length + UPLOADS.length;
    expect(total).toBeGreaterThanOrEqual(300);
    const categories = new Set([...BAD_TEXT, ...BAD_VALUES, ...FORGED_COOKIES].map((b) => b.category));
    for (const c of ['SQL 注入', 'HTML/脚本注入', '公式注入', 'LDAP 注入', '模板注入', '路径穿越', '控制字符', '双向与零宽字符', '超长字段', 'Unicode 边界', '畸形 JSON', '数值', '日期', '伪造令牌', '类型'])
      expect([...categories]).toContain(c);
    // Names are unique, so a failure names its case.
    expect(new Set(BAD_TEXT.map((b) => `${b.category}/${b.name}`)).size).toBe(BAD_TEXT.length);
  });
});

describe('数据有效性检验: 文本字段的公共规则', () => {
  it('数据有效性检验: 文本字段拒绝控制字符（C0、C1、DEL）、方向控制字符（U+202E 等）、零宽字符和孤立代理项，提示为中文', () => {
    const refused = BAD_TEXT.filter(
      (b) => b.category === '控制字符' || (b.category === '双向与零宽字符' && !/ZWNJ|ZWJ|soft hyphen|separator/.test(b.name)) || /surrogate|broken pair|reversed pair/.test(b.name),
    );
    expect(refused.length).toBeGreaterThan(80);
    for (const bad of refused) {
      for (const [kind, schema] of [
        ['zText', zText('名称', { max: 2_000_000 })],
        ['zOptionalText', zOptionalText('备注', 2_000_000)],
        ['zChoice', zChoice('类别', 2_000_000)],
      ] as const) {
        // By design tab is allowed in text, and LF/CR in optional (multi-line) text; choices refuse all three.
        if (kind === 'zText' && bad.name === 'C0 U+0009') continue;
        if (kind === 'zOptionalText' && (/^C0 U\+000[9ad]$/.test(bad.name) || /CRLF|log forging|10k newlines/.test(bad.name))) continue;
        // Inside text: trimming (which drops a leading BOM, for one) must not be what refuses it.
        const r = schema.safeParse(`甲${bad.value}乙`);
        expect(r.success, `${kind} ← ${bad.name}`).toBe(false);
        if (!r.success) expectCleanMessage(r.error.issues[0].message, `${kind} ← ${bad.name}`);
      }
    }
  });
});

/* -------------------------------------------------------------- server actions */

describe('数据有效性检验: 服务端操作（有权角色提交坏输入）', () => {
  const values: { name: string; value: unknown }[] = [...BAD_TEXT.map((b) => ({ name: `${b.category}/${b.name}`, value: b.value })), ...BAD_VALUES.map((b) => ({ name: `${b.category}/${b.name}`, value: b.value }))];
  let target = 0;
  for (const file of ACTION_FILES) {
    const text = readFileSync(file, 'utf8');
    const names = [...text.matchAll(/^export\s+async\s+function\s+(\w+)\s*\(\s*\w+\s*:\s*(\w+)/gm)].map((m) => ({ name: m[1], formData: m[2] === 'FormData' }));
    const fileIndex = target++;
    it(`数据有效性检验: ${rel(file)}：每个字段填入坏输入均被拒绝（中文提示、无异常、不写入数据）`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, (input: unknown) => Promise<ActionResult<unknown>>>;
      for (const [k, { name, formData }] of names.entries()) {
        const fn = mod[name];
        // Which mutation (and so permission and schema) the action runs: learnt from an empty call.
        hoisted.mutations.length = 0;
        await withRequest(browserRequest('/', { method: 'POST' }), () => fn(formData ? new FormData() : {}));
        const mutation = hoisted.mutations[0];
        expect(mutation, `${name} runs a mutation`).toBeDefined();
        const schema = hoisted.schemas.get(mutation.name);
        const fields = fieldsOf(schema as z.ZodType);
        // An action without input (生成动态口令密钥) has no field to fill; its empty call above went through.
        if (fields.size === 0) continue;
        const cookie = cookieFor(mutation.permission);
        const before = await snapshotDb(db());
        let accepted = 0;
        for (const bad of slice(values, fileIndex * 7 + k, 13)) {
          let input: unknown;
          if (formData) {
            const form = new FormData();
            for (const [f] of fields) if (f !== 'bytes' && f !== 'fileName') form.set(f, typeof bad.value === 'string' ? bad.value : String(bad.value));
            const fileName = typeof bad.value === 'string' ? `${bad.value.slice(0, 200)}.pdf` : 'a.pdf';
            form.set('file', new File([new TextEncoder().encode('MZ\u0090\u0000 not a pdf')], fileName, { type: 'application/pdf' }));
            input = form;
          } else {
            input = Object.fromEntries([...fields].map(([f, array]) => [f, array ? [bad.value] : bad.value]));
          }
          const where = `${name} ← ${bad.name}`;
          let result: ActionResult<unknown>;
          try {
            result = await withRequest(browserRequest('/', { method: 'POST', cookie }), () => fn(input));
          } catch (e) {
            throw new Error(`${where} threw: ${String(e).slice(0, 300)}`);
          }
          if (result.ok) {
            // Every field accepted it: only plain, visible text of a sane length may be (a role
            // named 「<script>」 is harmless text, shown escaped), or null where every field is
            // optional (选择底图 with none chosen); anything else is a gap.
            expect((typeof bad.value === 'string' && isPlainText(bad.value)) || bad.value === null, `${where} was accepted`).toBe(true);
            accepted++;
            continue;
          }
          expectCleanMessage(result.error, where, bad.value);
          expect(result.error, `${where}: an unexpected failure instead of a validation message`).not.toBe('操作失败，请稍后重试');
          for (const m of Object.values(result.fieldErrors ?? {})) expectCleanMessage(m, where, bad.value);
        }
        if (!accepted) expect(changedTables(before, await snapshotDb(db())), `${name}: bad input wrote`).toEqual([]);
      }
    });
  }
});

/* -------------------------------------------------------------- route handlers */

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const FILTER_SCHEMAS = [ZPlanFilter, ZUserFilter, ZAuditFilter, ZProjectBalanceFilter, ZLedgerFilter, ZBudgetListFilter, ZAccountFilter, ZProjectFilter, ZParcelFilter, ZIncomingFilter];
/** Every URL parameter a route or list reads. */
const PARAM_NAMES = [...new Set([...FILTER_SCHEMAS.flatMap((s) => Object.keys(s.shape)), 'kind', 'bbox', 'q', 'download', 'view', 'zone', 'encoding', 'projectId', 'commit', 'layers', 'warn', 'zoom', 'center', 'archives', 'items', 'code', 'retention'])];

/** Route files that take no input at all (nothing to feed), with the reason. */
const NO_INPUT_ROUTES: Record<string, string> = {
  '/api/health': '无参数、无请求体',
  '/api/map/worker': '无参数、无请求体，返回库文件',
  '/api/auth/[...nextauth]': 'next-auth 登录端点：坏输入由登录测试覆盖（login-security.test.ts）',
  '/api/map/districts': '无参数（仅会话）',
};

function routePathOf(file: string): string {
  return rel(file).replace(/^src\/app/, '').replace(/\/route\.ts$/, '').replace(/\/\([^/]+\)/g, '') || '/';
}

/** The permission a route requires (from the route's own refusal: tested by the authorisation matrix). */
const ROUTE_PERMISSION: Record<string, string> = {
  '/api/admin/audit/export': 'audit:export',
  '/api/archives/files/[id]': 'archive:manage',
  '/api/archives/retention/export': 'archive:manage',
  '/api/archives/transfer': 'archive:manage',
  '/api/documents/[id]/docx': 'document:view',
  '/api/documents/export': 'document:export',
  '/api/documents/files/[id]': 'document:view',
  '/api/documents/incoming/export': 'incoming:export',
  '/api/documents/incoming/files/[id]': 'incoming:view',
  '/api/contracts/export': 'contract:export',
  '/api/contracts/files/[id]': 'contract:view',
  '/api/files/[id]': 'parcel:view',
  '/api/funds/export': 'fund:export',
  '/api/funds/ledger/export': 'fund:export',
  '/api/funds/ledger/files/[id]': 'fund:view',
  '/api/map/extent': 'parcel:view',
  '/api/map/parcels/[id]': 'parcel:view',
  '/api/map/parcels/[id]/match': 'parcel:view',
  '/api/map/search': 'parcel:view',
  '/api/map/stats': 'parcel:view',
  '/api/parcels/export': 'parcel:export',
  '/api/parcels/import': 'parcel:edit',
  '/api/tiles/parcels/[z]/[x]/[y]': 'parcel:view',
};

async function callRoute(handler: Handler, url: string, params: Record<string, string | string[]>, init: RequestInit & { cookie?: string | null }) {
  const request = browserRequest(url, init);
  let response: Response;
  try {
    response = await withRequest(request, () => handler(request, { params: Promise.resolve(params) }));
  } catch (e) {
    throw new Error(`${url.slice(0, 120)} threw: ${String(e).slice(0, 300)}`);
  }
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') || type.includes('text/plain') ? await response.text() : `[${type}]`;
  return { status: response.status, body };
}

function expectCleanRouteAnswer(r: { status: number; body: string }, where: string) {
  expect(r.status, `${where}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
  if (r.status >= 400) {
    const parsed = JSON.parse(r.body) as { error?: string };
    expectCleanMessage(parsed.error ?? '', where);
  }
}

describe('数据有效性检验: 路由处理器（查询参数与路径参数）', () => {
  it('数据有效性检验: 每个带输入的 route.ts 都在语料测试中', () => {
    const found = ROUTE_FILES.map(routePathOf).sort();
    expect(found).toEqual([...Object.keys(ROUTE_PERMISSION), ...Object.keys(NO_INPUT_ROUTES)].sort());
  });

  let target = 0;
  for (const file of ROUTE_FILES) {
    const path = routePathOf(file);
    const permission = ROUTE_PERMISSION[path];
    if (!permission) continue;
    const index = target++;
    it(`数据有效性检验: ${path}：坏的查询参数与路径参数得到 4xx 中文提示或被忽略，从不 5xx，不写入业务数据`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
      const cookie = cookieFor(permission);
      const before = await snapshotDb(db());
      const dynamic = [...path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);
      const isExport = /export/.test(path);
      for (const bad of slice(BAD_TEXT, index * 5, isExport ? 24 : 8)) {
        const where = `${path} ← ${bad.category}/${bad.name}`;
        const params = Object.fromEntries(dynamic.map((d) => [d, bad.value]));
        const urlPath = path.replace(/\[(?:\.\.\.)?(\w+)\]/g, () => encodeURIComponent(Buffer.from(bad.value, 'utf8').toString('utf8')));
        const query = new URLSearchParams(PARAM_NAMES.map((p) => [p, bad.value])).toString();
        if (mod.GET) expectCleanRouteAnswer(await callRoute(mod.GET, `${urlPath}?${query}`, params, { cookie }), `GET ${where}`);
        if (mod.POST) {
          const form = new FormData();
          for (const p of ['projectId', 'zone', 'encoding', 'commit']) form.set(p, bad.value);
          form.set('file', new File([new TextEncoder().encode(bad.value || ' ')], `${bad.value.slice(0, 200)}.geojson`));
          const r = await callRoute(mod.POST, urlPath, params, { method: 'POST', cookie, body: form });
          expectCleanRouteAnswer(r, `POST ${where}`);
          expectRefusedPreview(r, `POST ${where}`);
        }
      }
      expect(changedTables(before, await snapshotDb(db())), `${path}: bad input wrote`).toEqual([]);
    });
  }

  it('数据有效性检验: 伪造、篡改的会话 Cookie 在每个需登录的接口得到 401 中文提示', async () => {
    let i = 0;
    for (const file of ROUTE_FILES) {
      const path = routePathOf(file);
      if (!ROUTE_PERMISSION[path]) continue;
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
      const params = Object.fromEntries([...path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => [m[1], '0']));
      for (const forged of slice(FORGED_COOKIES, i++, 3)) {
        const where = `${path} ← ${forged.name}`;
        const url = path.replace(/\[(?:\.\.\.)?(\w+)\]/g, '0');
        const r = mod.GET ? await callRoute(mod.GET, url, params, { cookie: forged.value }) : await callRoute(mod.POST, url, params, { method: 'POST', cookie: forged.value, body: new FormData() });
        expect(r.status, where).toBe(401);
        expectCleanMessage((JSON.parse(r.body) as { error: string }).error, where);
      }
    }
  });
});

/* -------------------------------------------------------------- uploads */

const enc = (s: string) => new TextEncoder().encode(s);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...enc('This program cannot be run in DOS mode.')]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const SQUARE = (coords: unknown) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '坏坐标' }, geometry: { type: 'Polygon', coordinates: coords } }] });

interface Upload {
  name: string;
  fileName: string;
  bytes: () => Uint8Array;
}

/** Built once each (the zip bomb takes a moment to compress). */
function once(make: () => Uint8Array): () => Uint8Array {
  let bytes: Uint8Array | undefined;
  return () => (bytes ??= make());
}

const UPLOADS: Upload[] = (<Upload[]>[
  { name: '.exe 改名为 .geojson', fileName: 'parcels.geojson', bytes: () => EXE },
  { name: '.exe 改名为 .zip', fileName: 'parcels.zip', bytes: () => EXE },
  { name: '.exe 改名为 .kml', fileName: 'parcels.kml', bytes: () => EXE },
  { name: 'PNG 改名为 .geojson', fileName: 'parcels.geojson', bytes: () => PNG },
  { name: 'HTML 改名为 .kml', fileName: 'parcels.kml', bytes: () => enc('<html><script>alert(1)</script></html>') },
  { name: '.exe 原名上传', fileName: 'setup.exe', bytes: () => EXE },
  { name: '含 ../ 条目的 zip', fileName: 'parcels.zip', bytes: () => zipSync({ '../../evil.shp': EXE, '../../evil.dbf': EXE, '../../evil.shx': EXE }) },
  { name: '含绝对路径条目的 zip', fileName: 'parcels.zip', bytes: () => zipSync({ '/etc/cron.d/evil.shp': EXE, '/etc/cron.d/evil.dbf': EXE }) },
  { name: '解压后超过上限的 zip（压缩炸弹）', fileName: 'parcels.zip', bytes: () => zipSync({ 'a.shp': new Uint8Array(12 * 1024 * 1024), 'a.dbf': new Uint8Array(12 * 1024 * 1024), 'a.shx': new Uint8Array(100) }, { level: 9 }) },
  { name: '嵌套 zip', fileName: 'parcels.zip', bytes: () => zipSync({ 'inner.zip': zipSync({ 'a.shp': new Uint8Array(1024) }) }) },
  { name: '空 zip', fileName: 'parcels.zip', bytes: () => zipSync({}) },
  { name: '截断的 zip', fileName: 'parcels.zip', bytes: () => zipSync({ 'a.shp': new Uint8Array(4096).fill(7) }).slice(0, 60) },
  { name: '只有 .shp', fileName: 'parcels.shp', bytes: () => new Uint8Array(100) },
  { name: 'KMZ 中是 exe', fileName: 'parcels.kmz', bytes: () => zipSync({ 'doc.kml': EXE }) },
  { name: '畸形 GeoJSON', fileName: 'parcels.geojson', bytes: () => enc('{"type":"FeatureCollection","features":[') },
  { name: '深度嵌套 JSON', fileName: 'parcels.geojson', bytes: () => enc(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
  { name: 'GeoJSON 坐标为 1e309', fileName: 'parcels.geojson', bytes: () => enc(SQUARE([[['X', 28], [112.1, 28], [112.1, 28.1], ['X', 28]]]).replace(/"X"/g, '1e309')) },
  { name: 'GeoJSON 坐标为字符串 NaN', fileName: 'parcels.geojson', bytes: () => enc(SQUARE([[['NaN', 28], [112.1, 28], [112.1, 28.1], ['NaN', 28]]])) },
  { name: 'GeoJSON 自相交、零面积', fileName: 'parcels.geojson', bytes: () => enc(SQUARE([[[112, 28], [112, 28], [112, 28], [112, 28]]])) },
  { name: 'GeoJSON __proto__', fileName: 'parcels.geojson', bytes: () => enc('{"type":"FeatureCollection","__proto__":{"features":[1]},"features":[]}') },
  { name: 'BOM 加 NUL', fileName: 'parcels.geojson', bytes: () => enc('\ufeff\u0000\u0000{}') },
  { name: '文件名含 NUL', fileName: 'parcels\u0000.exe.geojson', bytes: () => enc('{}') },
  { name: '文件名为 ../', fileName: '../../../etc/passwd.geojson', bytes: () => enc('{}') },
  { name: '文件名含 RLO', fileName: '地块\u202enosjoeg.exe', bytes: () => EXE },
  { name: '文件名超长', fileName: `${'长'.repeat(5000)}.geojson`, bytes: () => enc('{}') },
  { name: '空文件', fileName: 'parcels.geojson', bytes: () => new Uint8Array(0) },
]).map((u) => ({ ...u, bytes: once(u.bytes) }));

/** An import answer: a 4xx with a Chinese message, or a preview that blocks the import and says why. */
function expectRefusedPreview(r: { status: number; body: string }, where: string) {
  if (r.status !== 200) return;
  const { preview } = JSON.parse(r.body) as { preview: { ok: boolean; fileProblems: string[]; features: { problems: string[] }[] } };
  expect(preview.ok, `${where}: the preview lets it through`).toBe(false);
  const messages = [...preview.fileProblems, ...preview.features.flatMap((f) => f.problems)];
  expect(messages.length, where).toBeGreaterThan(0);
  for (const m of messages) expectCleanMessage(m, where);
}

describe('数据有效性检验: 上传（伪装文件、压缩炸弹、路径穿越）', () => {
  it('数据有效性检验: /api/parcels/import 对每个伪装或恶意文件给出中文提示，预览不放行，导入不写入', async () => {
    const route = (await import('../../src/app/api/parcels/import/route')) as unknown as Record<string, Handler>;
    const cookie = cookieFor('parcel:edit');
    const before = await snapshotDb(db());
    for (const upload of UPLOADS) {
      for (const commit of ['0', '1']) {
        const form = new FormData();
        form.set('projectId', projectId);
        form.set('commit', commit);
        form.set('file', new File([upload.bytes() as BlobPart], upload.fileName));
        const r = await callRoute(route.POST, '/api/parcels/import', {}, { method: 'POST', cookie, body: form });
        const where = `${upload.name} (commit=${commit})`;
        expectCleanRouteAnswer(r, where);
        expectRefusedPreview(r, where);
        if (commit === '1') expect(r.status, where).not.toBe(200);
      }
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
    // 52 uploads, each parsed in a worker thread that loads the parser through tsx under vitest (~0.5 s each).
  }, 120_000);

  it('跨站请求: the boundary import (which the proxy skips) refuses a foreign or missing Origin itself, before reading the body, and audits it', async () => {
    const route = (await import('../../src/app/api/parcels/import/route')) as unknown as Record<string, Handler>;
    const cookie = cookieFor('parcel:edit');
    const before = await snapshotDb(db());
    const form = new FormData();
    form.set('file', new File([JSON.stringify({ type: 'FeatureCollection', features: [] })], 'x.geojson'));
    for (const headers of [{ origin: 'https://evil.example' }, {}, { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const request = new Request('http://localhost/api/parcels/import', { method: 'POST', body: form, headers: { host: 'localhost', cookie, ...headers } });
      const response = await withRequest(request, () => route.POST(request, { params: Promise.resolve({}) }));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toEqual({ error: '请求来源不是本系统，已拒绝。请在本系统页面内操作' });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(request.bodyUsed, 'the body is never read').toBe(false);
    }
    const refusals = await listAuditEntries(db(), ZAuditFilter.parse({ action: '拒绝跨站请求' }));
    expect(refusals.rows.filter((r) => r.objectId === 'POST /api/parcels/import').length).toBeGreaterThanOrEqual(3);
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
    // From the site it goes through, and the answer carries the request id the proxy would have set.
    const ok = await callRoute(route.POST, '/api/parcels/import', {}, { method: 'POST', cookie, body: form });
    expect(ok.status).toBe(200);
  });

  it('数据有效性检验: 畸形的 multipart 请求体与错误的内容类型得到 400 中文提示', async () => {
    const route = (await import('../../src/app/api/parcels/import/route')) as unknown as Record<string, Handler>;
    const cookie = cookieFor('parcel:edit');
    const bodies: [string, RequestInit][] = [
      ['JSON 请求体', { body: '{"file":"x"}', headers: { 'content-type': 'application/json' } }],
      ['畸形 JSON', { body: '{"file":', headers: { 'content-type': 'application/json' } }],
      ['错误的边界', { body: '--abc\r\nContent-Disposition: form-data; name="file"\r\n\r\nxx', headers: { 'content-type': 'multipart/form-data; boundary=zzz' } }],
      ['无边界', { body: 'garbage', headers: { 'content-type': 'multipart/form-data' } }],
      ['纯文本', { body: 'hello', headers: { 'content-type': 'text/plain' } }],
      ['空请求体', { body: '', headers: { 'content-type': 'multipart/form-data; boundary=x' } }],
      ['虚报长度', { body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10 * 1024 * 1024 * 1024) } }],
    ];
    for (const [name, init] of bodies) {
      const r = await callRoute(route.POST, '/api/parcels/import', {}, { method: 'POST', cookie, ...init });
      expect([400, 413, 415], `${name}: ${r.body}`).toContain(r.status);
      expectCleanMessage((JSON.parse(r.body) as { error: string }).error, name);
    }
  });

  it('数据有效性检验: 资金附件、巡查照片、环节文书上传伪装文件被拒绝且不写入', async () => {
    const ledger = await import('../../src/modules/funds/ledger/actions');
    const custody = await import('../../src/modules/parcels/custody/actions');
    const lifecycle = await import('../../src/modules/parcels/lifecycle/actions');
    const incoming = await import('../../src/modules/documents/incoming/actions');
    const before = await snapshotDb(db());
    for (const upload of UPLOADS) {
      for (const [action, key, permission] of [
        [ledger.uploadEntryAttachmentAction, 'entryId', 'fund:enter'],
        [custody.addInspectionPhotoAction, 'inspectionId', 'parcel:edit'],
        [lifecycle.attachEventDocumentAction, 'eventId', 'parcel:transition'],
        [incoming.uploadIncomingAttachmentAction, 'documentId', 'incoming:register'],
      ] as const) {
        const form = new FormData();
        form.set(key, 'corpus-no-such-record');
        form.set('file', new File([upload.bytes() as BlobPart], upload.fileName));
        const r = await withRequest(browserRequest('/', { method: 'POST', cookie: cookieFor(permission) }), () => action(form));
        expect(r.ok, `${key} ← ${upload.name}`).toBe(false);
        if (!r.ok) expectCleanMessage(r.error, `${key} ← ${upload.name}`);
      }
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
  });
});

/* -------------------------------------------------------------- list filters */

describe('数据有效性检验: 列表筛选（URL 参数）', () => {
  const LISTS: [string, z.ZodObject, (filter: never) => Promise<unknown>][] = [
    ['储备计划', ZPlanFilter, (f) => listPlans(db(), f)],
    ['用户', ZUserFilter, (f) => listUsers(db(), f)],
    ['审计日志', ZAuditFilter, (f) => listAuditEntries(db(), f)],
    ['项目资金', ZProjectBalanceFilter, (f) => getProjectBalances(db(), f)],
    ['收支台账', ZLedgerFilter, (f) => listEntries(db(), f)],
    ['预算执行', ZBudgetListFilter, (f) => getBudgetOverview(db(), { ...(f as object), year: 2026 } as never)],
    ['资金账户', ZAccountFilter, (f) => getAccountsOverview(db(), f)],
    ['储备项目', ZProjectFilter, (f) => listProjects(db(), f)],
    ['地块', ZParcelFilter, (f) => listParcels(db(), f, '2026-01-01')],
    ['收文', ZIncomingFilter, (f) => listIncoming(db(), f, '2026-01-01')],
    ['档案借阅', ZLoanFilter, (f) => listLoans(db(), { userId: 'corpus-user', permissions: new Set(['archive:borrow', 'archive:manage', 'archive:loan-approve']) }, f, '2026-01-01')],
  ];

  it('数据有效性检验: 每个列表筛选的坏值被忽略并给出中文提示，查询不出错', async () => {
    for (const [i, [list, schema, query]] of LISTS.entries()) {
      const keys = Object.keys(schema.shape);
      for (const bad of BAD_TEXT) {
        const where = `${list} ← ${bad.category}/${bad.name}`;
        let parsed: { filter: Record<string, unknown>; notice: string | null };
        try {
          parsed = parseListFilter(schema, Object.fromEntries(keys.map((k) => [k, bad.value])));
        } catch (e) {
          throw new Error(`${where}: the filter parser threw ${String(e).slice(0, 200)}`);
        }
        // No used value carries a control character into a query.
        for (const v of Object.values(parsed.filter)) if (typeof v === 'string') expect(v, where).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex
        if (parsed.notice) expectCleanMessage(parsed.notice, where);
        // The query runs with what the parser let through (a slice of the corpus per list).
        if (FULL || (BAD_TEXT.indexOf(bad) + i) % 8 === 0) {
          try {
            await query(parsed.filter as never);
          } catch (e) {
            throw new Error(`${where}: the list query threw ${String(e).slice(0, 300)}`);
          }
        }
      }
      // Repeated keys (?q=a&q=b) too.
      const repeated = parseListFilter(schema, Object.fromEntries(keys.map((k) => [k, ['a', "'"]])));
      if (repeated.notice) expectCleanMessage(repeated.notice, `${list} repeated`);
    }
  });

  it('数据有效性检验: 地图筛选、视图、范围与搜索参数的坏值被忽略，不抛出', () => {
    for (const bad of BAD_TEXT) {
      const params = new URLSearchParams(PARAM_NAMES.map((p) => [p, bad.value]));
      const where = `${bad.category}/${bad.name}`;
      expect(() => parseMapFilters(params), where).not.toThrow();
      expect(() => parseMapView(params), where).not.toThrow();
      expect(parseBBox(params), where).toBeNull();
      const text = parseSearchText(params);
      if (text !== null) expect(text, where).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex
    }
  });
});

export type { BadText };
