import 'server-only';
import { and, count, desc, eq, gt, gte, ilike, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { zFilterDate, zFilterPage, zFilterPageSize, zFilterText } from '@/platform/validation';
import { queryRows, type Db } from '@/platform/db/client';
import { auditLog } from '@/platform/audit/schema';
import { departments, users } from '@/platform/auth/schema';
import type { PersonLabel } from '@/platform/auth/people';
import { normalizeIp } from '@/platform/ip';

export const AUDIT_RESULTS = ['成功', '失败', '拒绝'] as const;

/** Filters from the URL; anything malformed is ignored rather than failing the page. */
export const ZAuditFilter = z.object({
  user: zFilterText(),
  action: zFilterText(),
  object: zFilterText(),
  result: z.enum(AUDIT_RESULTS).optional().catch(undefined),
  from: zFilterDate,
  to: zFilterDate,
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Day boundaries in Asia/Shanghai (UTC+8, no DST). */
function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** 用户 matches the person's name or the login name recorded with the entry. */
function whereOf(f: TAuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.user) {
    const pattern = `%${escapeLike(f.user)}%`;
    parts.push(or(ilike(auditLog.username, pattern), ilike(users.displayName, pattern)));
  }
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.object) parts.push(or(eq(auditLog.objectType, f.object), eq(auditLog.objectId, f.object)));
  if (f.result) parts.push(eq(auditLog.result, f.result));
  if (f.from) parts.push(gte(auditLog.occurredAt, shanghaiDayStart(f.from)));
  if (f.to) parts.push(lt(auditLog.occurredAt, new Date(shanghaiDayStart(f.to).getTime() + 86_400_000)));
  return parts.length ? and(...parts) : undefined;
}

export interface AuditRow {
  seq: number;
  occurredAt: Date;
  /** The person's name and department now (null for an attempt by an unknown login name). */
  person: PersonLabel | null;
  /** The login name recorded with the entry (the one tried, for a failed login). */
  username: string | null;
  roleNames: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  message: string | null;
  ip: string | null;
  diff: string | null;
}

export async function listAuditEntries(db: Db, f: TAuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where = whereOf(f);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId)).where(where);
  const rows = await db
    .select({
      seq: auditLog.seq,
      occurredAt: auditLog.occurredAt,
      name: users.displayName,
      department: departments.name,
      username: auditLog.username,
      roleNames: auditLog.roleNames,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      result: auditLog.result,
      message: auditLog.message,
      ip: auditLog.ip,
      diff: auditLog.diff,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  return {
    rows: rows.map(({ name, department, ...r }) => ({ ...r, person: name === null ? null : { name, department }, ip: normalizeIp(r.ip) })),
    total,
  };
}

export interface AuditFilterOptions {
  actions: string[];
  objectTypes: string[];
}

/** What the filter selects offer, as of the entry `seq` (the log's newest when it was read). */
interface CachedOptions extends AuditFilterOptions {
  seq: number;
}

/** Per database (the app's one, or a test's), the options as of its newest entry read so far. */
const optionsCache = new WeakMap<Db, CachedOptions>();

/** The strings in the database's own order (its collation), as `ORDER BY` sorted them before the cache. */
async function sortedByDb(db: Db, values: ReadonlySet<string>): Promise<string[]> {
  if (values.size === 0) return [];
  const rows = await queryRows<{ v: string }>(
    db,
    sql`select t.v from (values ${sql.join(
      [...values].map((v) => sql`(${v}::text)`),
      sql`, `,
    )}) as t(v) order by t.v`,
  );
  return rows.map((r) => r.v);
}

/**
 * The actions and object types found in the log, for the filter selects (the same as a SELECT
 * DISTINCT over the whole log, in the database's order) without scanning the log per request.
 * The log is append-only and its `seq` is handed out under the chain head's lock, so entries
 * become visible in `seq` order: a request reads the newest `seq` (one index lookup) and only the
 * entries after the last one seen. The whole log is read once per process.
 */
export async function getAuditFilterOptions(db: Db): Promise<AuditFilterOptions> {
  const [{ newest }] = await db.select({ newest: max(auditLog.seq) }).from(auditLog);
  const top = newest === null ? 0 : Number(newest);
  let cached = optionsCache.get(db);
  // A log that went back (a test or demo database recreated): start again.
  if (cached && top < cached.seq) {
    optionsCache.delete(db);
    cached = undefined;
  }
  if (!cached || top > cached.seq) {
    const from = cached?.seq ?? 0;
    const fresh = await db
      .selectDistinct({ action: auditLog.action, objectType: auditLog.objectType })
      .from(auditLog)
      .where(and(gt(auditLog.seq, from), lte(auditLog.seq, top)));
    const actions = new Set(cached?.actions);
    const objectTypes = new Set(cached?.objectTypes);
    const before = actions.size + objectTypes.size;
    for (const r of fresh) {
      actions.add(r.action);
      if (r.objectType) objectTypes.add(r.objectType);
    }
    const grew = !cached || actions.size + objectTypes.size > before;
    const next: CachedOptions = grew
      ? { seq: top, actions: await sortedByDb(db, actions), objectTypes: await sortedByDb(db, objectTypes) }
      : { ...cached!, seq: top };
    // Another request may have read further meanwhile: keep the newer.
    const current = optionsCache.get(db);
    if (!current || current.seq <= next.seq) optionsCache.set(db, next);
    cached = next;
  }
  return { actions: cached.actions, objectTypes: cached.objectTypes };
}

export const AUDIT_EXPORT_LIMIT = 50_000;

/** All rows of a filter (newest first, capped), for export. */
export async function listAuditEntriesForExport(db: Db, f: TAuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  return listAuditEntries(db, { ...f, page: 1, size: AUDIT_EXPORT_LIMIT });
}
