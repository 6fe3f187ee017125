import { ZodError } from 'zod';
import type { Actor } from '../action';
import type { Db } from '../db/client';
import { appendAuditStandalone, type AuditResult } from '../audit/write';
import { getSecurityPolicy, type TPolicyKey } from '../auth/security-policy';
import { reserveRate } from '../auth/throttle';
import { GENERIC_FAILURE } from '../errors';
import { briefError, getLogger } from '../logger';
import { hasPermission } from '../permissions/check';
import { describeZodError } from '../validation';

/**
 * Request rate limits on exports, imports and the API, per account and per source address
 * (等保 8.1.4.4). The counters live in the database (login_throttle, keys `rate:<kind>:…`,
 * src/platform/auth/throttle.ts), so every app instance counts the same requests; the limits are
 * the 安全管理员's policy (limits.* in src/platform/auth/security-policy.ts), per minute.
 */
export type TRateKind = 'export' | 'import' | 'api';

export const RATE_WINDOW_SECONDS = 60;

const RULE_KEYS: Record<TRateKind, { account: TPolicyKey; ip: TPolicyKey; label: string }> = {
  export: { account: 'limits.exportPerMinute', ip: 'limits.exportPerMinuteIp', label: '导出' },
  import: { account: 'limits.importPerMinute', ip: 'limits.importPerMinuteIp', label: '导入' },
  api: { account: 'limits.apiPerMinute', ip: 'limits.apiPerMinuteIp', label: '接口请求' },
};

export function rateLimitedMessage(secondsLeft: number): string {
  return `操作过于频繁，请 ${secondsLeft} 秒后再试`;
}

export type TRateCheck =
  | { ok: true }
  | {
      ok: false;
      secondsLeft: number;
      scope: 'account' | 'ip';
      limit: number;
      /** The first refusal of its window (audit that one only, so hammering cannot flood the log). */
      first: boolean;
    };

/**
 * Counts one request of `kind` for the account and for the source address (when known) and says
 * whether it may proceed. Refused requests stay counted.
 */
export async function checkRateLimit(db: Db, kind: TRateKind, who: { userId: string | null; ip: string | null }, now = new Date()): Promise<TRateCheck> {
  const policy = await getSecurityPolicy(db);
  const keys = RULE_KEYS[kind];
  const window = RATE_WINDOW_SECONDS;
  if (who.userId) {
    const max = policy[keys.account];
    const verdict = await reserveRate(db, `rate:${kind}:u:${who.userId}`, { max, windowSeconds: window }, now);
    if (!verdict.ok) return { ok: false, secondsLeft: verdict.secondsLeft, scope: 'account', limit: max, first: verdict.hits === max + 1 };
  }
  if (who.ip) {
    const max = policy[keys.ip];
    const verdict = await reserveRate(db, `rate:${kind}:ip:${who.ip}`, { max, windowSeconds: window }, now);
    if (!verdict.ok) return { ok: false, secondsLeft: verdict.secondsLeft, scope: 'ip', limit: max, first: verdict.hits === max + 1 };
  }
  return { ok: true };
}

const noStore = { 'cache-control': 'no-store' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** 429 with the Chinese message and Retry-After. */
export function rateLimitedResponse(secondsLeft: number): Response {
  return json(429, { error: rateLimitedMessage(secondsLeft) }, { 'retry-after': String(secondsLeft) });
}

async function auditQuietly(db: Db, entry: Parameters<typeof appendAuditStandalone>[1]): Promise<void> {
  try {
    await appendAuditStandalone(db, entry);
  } catch (err) {
    getLogger().error({ error: briefError(err), requestId: entry.requestId }, 'audit write failed');
  }
}

function refusalText(kind: TRateKind, check: Extract<TRateCheck, { ok: false }>): string {
  const who = check.scope === 'account' ? '该账号' : '该来源地址';
  return `${RULE_KEYS[kind].label}过于频繁：${who}每分钟上限 ${check.limit} 次`;
}

/**
 * The rate limit for a request of a signed-in actor: null when it may proceed, else the 429 to
 * answer (the first refusal of a window is audited).
 */
export async function enforceRateLimit(db: Db, kind: TRateKind, actor: Actor, what: string): Promise<Response | null> {
  const check = await checkRateLimit(db, kind, { userId: actor.userId, ip: actor.ip });
  if (check.ok) return null;
  if (check.first) {
    await auditQuietly(db, {
      userId: actor.userId,
      username: actor.username,
      roleNames: actor.roleNames,
      action: '请求过于频繁',
      objectType: RULE_KEYS[kind].label,
      objectId: what.slice(0, 200),
      result: '拒绝',
      message: refusalText(kind, check),
      ip: actor.ip,
      requestId: actor.requestId,
    });
  }
  return rateLimitedResponse(check.secondsLeft);
}

export interface ExportSpec {
  /** The permission the export needs. */
  permission: string;
  deniedMessage: string;
  /** The audit action of the export, the same the module writes on success (e.g. 导出地块). */
  action: string;
  objectType: string;
}

/**
 * The one guard of every export route handler: signed in, permission, rate limit (429), then
 * `run`. The module's export writes the success entry itself (with the filter and the row count);
 * the guard audits everything else — not signed in, no permission, too frequent, invalid
 * parameters, failure — so every export attempt leaves exactly one entry with user, IP and result.
 */
export async function guardedExport(db: Db, actor: Actor | null, spec: ExportSpec, meta: { ip: string | null; requestId: string | null }, run: (actor: Actor) => Promise<Response>): Promise<Response> {
  const base = { action: spec.action, objectType: spec.objectType };
  const refuse = async (status: number, error: string, result: AuditResult, message: string, a: Actor | null) => {
    await auditQuietly(db, {
      ...base,
      userId: a?.userId ?? null,
      username: a?.username ?? '匿名',
      roleNames: a?.roleNames ?? null,
      result,
      message,
      ip: a?.ip ?? meta.ip,
      requestId: a?.requestId ?? meta.requestId,
    });
    return json(status, { error });
  };
  if (!actor) return refuse(401, '登录已失效，请重新登录', '拒绝', '未登录', null);
  if (!hasPermission(actor, spec.permission)) return refuse(403, spec.deniedMessage, '拒绝', `缺少权限 ${spec.permission}`, actor);
  const check = await checkRateLimit(db, 'export', { userId: actor.userId, ip: actor.ip });
  if (!check.ok) {
    // Every refused export is audited (exports are few; the limit is small).
    await refuse(429, '', '拒绝', refusalText('export', check), actor);
    return rateLimitedResponse(check.secondsLeft);
  }
  try {
    return await run(actor);
  } catch (e) {
    if (e instanceof ZodError) {
      const message = describeZodError(e).message;
      return refuse(400, message, '失败', `导出条件无效：${message}`, actor);
    }
    getLogger().error({ error: briefError(e), requestId: actor.requestId, userId: actor.userId, action: spec.action }, 'export failed');
    return refuse(500, GENERIC_FAILURE, '失败', '导出出错', actor);
  }
}

/**
 * The API limit around a route handler's answer: a signed-in actor's request is counted (per
 * account and per address) before `respond` runs; anonymous requests go straight to `respond`,
 * which refuses them (401). Map tiles are not counted: one map view asks for dozens at once, and
 * they carry no more than the parcel layer the user may see anyway.
 */
export async function limitedApi(db: Db, actor: Actor | null, what: string, respond: () => Promise<Response>): Promise<Response> {
  if (actor) {
    const limited = await enforceRateLimit(db, 'api', actor, what);
    if (limited) return limited;
  }
  return respond();
}
