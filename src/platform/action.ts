import type { z } from 'zod';
import type { Db, Tx } from './db/client';
import { appendAudit, appendAuditStandalone, type AuditInput } from './audit/write';
import { fieldDiff } from './audit/chain';
import { AppError, GENERIC_FAILURE, isAppError, isUniqueViolation } from './errors';
import { getLogger } from './logger';
import { hasPermission } from './permissions/check';
import { MUST_CHANGE_PASSWORD_MESSAGE, MUST_ENROL_TOTP_MESSAGE } from './auth/must-change';
import { describeZodError } from './validation';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** Who performs a mutation, and from where. Built from the session, never from client input. */
export interface Actor {
  userId: string;
  /** Login name: recorded in the audit log only. */
  username: string;
  /** The name people see (users.display_name); what records store as their actor's name. */
  displayName: string;
  roleNames: string;
  departmentId: string | null;
  permissions: ReadonlySet<string>;
  ip: string | null;
  requestId: string | null;
  /** The login session this request belongs to (absent in tests and scripts). */
  sessionId?: string | null;
  /** Its password must be changed first: `permissions` then holds only that (auth/must-change.ts). */
  mustChangePassword?: boolean;
  /** Must enrol a 动态口令 first: `permissions` then holds only the personal one (auth/must-change.ts). */
  totpPending?: boolean;
  /** Why (first login, or expired): the message the refused action answers with. */
  passwordHoldReason?: string | null;
}

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  message?: string;
}

export interface MutationContext {
  tx: Tx;
  actor: Actor;
  audit(entry: AuditEntry): Promise<void>;
}

export interface Mutation<I, R> {
  name: string;
  permission: string;
  /** `origin`: where a request without a session came from (its audit entry names 匿名 and this). */
  execute(db: Db, actor: Actor | null, rawInput: unknown, origin?: RequestOrigin): Promise<ActionResult<R>>;
  /** The parsed-input type, for callers. */
  readonly _input?: I;
}

/** Client address and request id of a request, for auditing one that has no session. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

export const SESSION_EXPIRED = '登录已失效，请重新登录';
export const PERMISSION_DENIED = '您没有执行此操作的权限';

/**
 * The one wrapper for every mutation: session → permission → zod parse → one transaction
 * (body + its audit entries) → result. Failures are audited separately after the rollback,
 * and reach the user as a Chinese message, never a stack trace.
 */
export function defineMutation<S extends z.ZodType, R>(def: {
  name: string;
  permission: string;
  objectType: string;
  schema: S;
  run: (ctx: MutationContext, input: z.output<S>) => Promise<R>;
}): Mutation<z.output<S>, R> {
  const auditFailure = async (db: Db, actor: Actor | null, result: AuditInput['result'], message: string, origin?: RequestOrigin) => {
    try {
      await appendAuditStandalone(db, {
        userId: actor?.userId ?? null,
        username: actor?.username ?? '匿名',
        roleNames: actor?.roleNames ?? null,
        action: def.name,
        objectType: def.objectType,
        result,
        message,
        ip: actor?.ip ?? origin?.ip ?? null,
        requestId: actor?.requestId ?? origin?.requestId ?? null,
      });
    } catch (e) {
      getLogger().error({ err: e, action: def.name }, 'audit of a failed action could not be written');
    }
  };

  return {
    name: def.name,
    permission: def.permission,
    async execute(db, actor, rawInput, origin) {
      if (!actor) {
        await auditFailure(db, null, '拒绝', '未登录', origin);
        return { ok: false, error: SESSION_EXPIRED };
      }
      if (!hasPermission(actor, def.permission)) {
        if (actor.mustChangePassword) {
          const reason = actor.passwordHoldReason ?? MUST_CHANGE_PASSWORD_MESSAGE;
          const audited = reason === MUST_CHANGE_PASSWORD_MESSAGE ? '须先修改初始密码' : '密码已过有效期，须先修改';
          await auditFailure(db, actor, '拒绝', `${audited}（${def.permission}）`);
          return { ok: false, error: reason };
        }
        if (actor.totpPending) {
          await auditFailure(db, actor, '拒绝', `须先绑定动态口令（${def.permission}）`);
          return { ok: false, error: MUST_ENROL_TOTP_MESSAGE };
        }
        await auditFailure(db, actor, '拒绝', `缺少权限 ${def.permission}`);
        return { ok: false, error: PERMISSION_DENIED };
      }
      const parsed = def.schema.safeParse(rawInput);
      if (!parsed.success) {
        const { message, fieldErrors } = describeZodError(parsed.error);
        // The Chinese reason and the fields concerned, never the values submitted.
        const fields = Object.keys(fieldErrors).filter((k) => k !== '_');
        await auditFailure(db, actor, '失败', `输入校验未通过：${message}${fields.length ? `（字段：${fields.slice(0, 10).join('、')}）` : ''}`);
        return { ok: false, error: message, fieldErrors };
      }
      try {
        const data = await db.transaction(async (tx) => {
          let audited = 0;
          const ctx: MutationContext = {
            tx,
            actor,
            audit: async (entry) => {
              audited++;
              const diff = entry.before !== undefined || entry.after !== undefined ? fieldDiff(entry.before, entry.after) : undefined;
              await appendAudit(tx, {
                userId: actor.userId,
                username: actor.username,
                roleNames: actor.roleNames,
                action: entry.action,
                objectType: entry.objectType,
                objectId: entry.objectId,
                result: '成功',
                message: entry.message ?? null,
                ip: actor.ip,
                requestId: actor.requestId,
                diff,
              });
            },
          };
          const result = await def.run(ctx, parsed.data);
          if (audited === 0) throw new Error(`mutation ${def.name} wrote no audit entry`);
          return result;
        });
        return { ok: true, data };
      } catch (e) {
        if (isAppError(e)) {
          await auditFailure(db, actor, e.code === 'FORBIDDEN' ? '拒绝' : '失败', e.message);
          return { ok: false, error: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
        }
        if (isUniqueViolation(e)) {
          const message = '数据已存在或已被他人修改，请刷新后重试';
          await auditFailure(db, actor, '失败', message);
          return { ok: false, error: message };
        }
        getLogger().error({ err: e, action: def.name, requestId: actor.requestId, userId: actor.userId }, 'action failed');
        await auditFailure(db, actor, '失败', '系统错误');
        return { ok: false, error: GENERIC_FAILURE };
      }
    },
  };
}

/**
 * Throw inside a mutation body to roll back and show the user this message; `fieldErrors` also
 * show at the form fields they concern.
 */
export function fail(message: string, code: ConstructorParameters<typeof AppError>[0] = 'RULE_VIOLATION', fieldErrors?: Record<string, string>): never {
  throw new AppError(code, message, fieldErrors);
}
