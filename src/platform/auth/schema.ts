import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, updatedAt } from '../db/columns';

/** Organisation tree of the centre (科室). */
export const departments = pgTable(
  'departments',
  {
    id: idColumn(),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    code: text('code'),
    sortOrder: integer('sort_order').notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId), uniqueIndex('departments_code_uq').on(t.code)],
);

export const USER_STATUSES = ['active', 'disabled'] as const;

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    departmentId: text('department_id').references(() => departments.id),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    sessionVersion: integer('session_version').notNull().default(1),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** When the password in force was set: the 安全策略's maximum age counts from here. */
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    phone: text('phone'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_department_idx').on(t.departmentId),
    check('users_status_ck', sql`${t.status} in ('active', 'disabled')`),
  ],
);

/** sys / sec / audit are the three separated administrators (三员分立); business is everyone else. */
export const ROLE_KINDS = ['sys', 'sec', 'audit', 'business'] as const;
export type TRoleKind = (typeof ROLE_KINDS)[number];

export const roles = pgTable(
  'roles',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ROLE_KINDS }).notNull(),
    description: text('description'),
    builtin: boolean('builtin').notNull().default(false),
    /** Its holders must sign in with a 动态口令 (TOTP) as second factor; set by the 安全管理员. */
    requiresTotp: boolean('requires_totp').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('roles_code_uq').on(t.code),
    uniqueIndex('roles_name_uq').on(t.name),
    check('roles_kind_ck', sql`${t.kind} in ('sys', 'sec', 'audit', 'business')`),
  ],
);

/** common permissions fit any role; the others only roles of the same kind. */
export const PERMISSION_KINDS = ['common', ...ROLE_KINDS] as const;

export const permissions = pgTable(
  'permissions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: PERMISSION_KINDS }).notNull(),
    groupName: text('group_name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [check('permissions_kind_ck', sql`${t.kind} in ('common', 'sys', 'sec', 'audit', 'business')`)],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id),
    permissionCode: text('permission_code')
      .notNull()
      .references(() => permissions.code),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permissionCode] })],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

/** One row per login; idle timeout and logout are enforced here, on every request. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/**
 * Login rate-limit counters, one row per key (`ip:…` or `user:…`) and fixed time window. Kept in
 * the database so every app instance counts the same attempts; old windows are purged.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('login_throttle_window_idx').on(t.windowStart)],
);

/** The 安全管理员's security policy (src/platform/auth/security-policy.ts): overrides only. */
export const securityPolicy = pgTable('security_policy', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A user's 动态口令 (TOTP) token (auth/totp.ts, totp-store.ts). The secret is SM4-encrypted, never
 * stored in plain text; the algorithm is the one in force at enrolment, so a policy change does
 * not break tokens already in use. `confirmed_at` is null while the user has not yet proved the
 * token with a code; `last_step` is the last time step accepted (a code works once).
 */
export const userTotp = pgTable(
  'user_totp',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    secretEnc: text('secret_enc').notNull(),
    algorithm: text('algorithm', { enum: ['SHA1', 'SM3'] }).notNull(),
    lastStep: bigint('last_step', { mode: 'number' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [check('user_totp_algorithm_ck', sql`${t.algorithm} in ('SHA1', 'SM3')`)],
);

/**
 * Hashes of passwords a user had before (not the one in force): a self-chosen password may not
 * repeat one of the last `password.historyCount` (security-policy.ts). Written on every change.
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.changedAt)],
);
