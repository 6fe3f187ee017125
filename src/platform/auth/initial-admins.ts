import { randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/client';
import { appendAudit } from '../audit/write';
import { fieldDiff } from '../audit/chain';
import { hashPassword } from '../crypto/sm';
import { hasControlChars } from '../validation';
import { DEFAULT_PASSWORD_RULES, passwordProblem, type TPasswordRules } from './password-policy';
import { rememberReplacedPassword } from './password-history';
import { getPasswordRules } from './policy-in-force';
import { endUserSessions } from './session';
import { usernameProblem } from './username';
import { departments, roles, userRoles, users } from './schema';

/**
 * The first 系统管理员, 安全管理员 and 审计管理员 of a production install (npm run admin:create;
 * install.sh runs it). A production database holds no demo accounts: these three are how anyone
 * gets in. 三员分立: one account per role, holding only that role. Each gets a one-time password
 * that must be changed at first login (users.must_change_password: every page but 修改密码
 * redirects there, current-user.ts).
 */
export const INITIAL_ADMIN_ROLES = [
  { code: 'sysadmin', name: '系统管理员', flag: '--sysadmin' },
  { code: 'secadmin', name: '安全管理员', flag: '--secadmin' },
  { code: 'auditadmin', name: '审计管理员', flag: '--auditadmin' },
] as const;

export type TAdminRoleCode = (typeof INITIAL_ADMIN_ROLES)[number]['code'];

export const DEFAULT_ADMIN_LOGINS: Record<TAdminRoleCode, string> = { sysadmin: 'sysadmin', secadmin: 'secadmin', auditadmin: 'auditadmin' };

export interface AdminAccount {
  role: string;
  username: string;
  /** Present only for an account created or reset now: shown once, stored nowhere. */
  password?: string;
  outcome: 'created' | 'existing' | 'reset';
}

/** A refusal with a Chinese reason; nothing was changed. */
export class InitialAdminError extends Error {}

function refuse(message: string): never {
  throw new InitialAdminError(message);
}

const DEPARTMENT_NAME_MAX = 64;
const OBJECT_TYPE = '用户';

// No look-alike characters (I l 1 O 0) and no shell or JSON specials: the password is read off a
// terminal and typed once.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=-_';
const PASSWORD_LENGTH = 16;

/**
 * A one-time password from node:crypto: 16 characters (or the 安全策略's minimum length when
 * longer), every class present (~92 bits).
 */
export function generateOneTimePassword(rules: TPasswordRules = DEFAULT_PASSWORD_RULES): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < Math.max(PASSWORD_LENGTH, rules.minLength)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  const password = chars.join('');
  // The generator must never produce what the policy refuses.
  const problem = passwordProblem(password, '密码', rules);
  if (problem) throw new Error(`generated password breaks the policy: ${problem}`);
  return password;
}

/** Who ran the job, for the audit message (the entry itself has no application user). */
function installerLabel(): string {
  let osUser = '';
  try {
    osUser = userInfo().username;
  } catch {
    // No passwd entry for this uid (a container): the message goes without it.
  }
  return osUser ? `命令行 admin:create，操作系统用户 ${osUser}` : '命令行 admin:create';
}

function checkLogin(raw: unknown, role: (typeof INITIAL_ADMIN_ROLES)[number]): string {
  const login = typeof raw === 'string' ? raw.trim() : '';
  const problem = usernameProblem(login);
  if (problem) refuse(`${role.name}的用户名（${role.flag}）有误：${problem}`);
  return login;
}

function checkDepartmentName(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const name = raw.trim();
  if (!name) refuse('科室名称（--department）不能为空');
  if (name.length > DEPARTMENT_NAME_MAX) refuse(`科室名称（--department）不能超过 ${DEPARTMENT_NAME_MAX} 个字符`);
  if (hasControlChars(name) || /[\r\n\t]/.test(name)) refuse('科室名称（--department）不能包含控制字符');
  return name;
}

/** A database the migration job has not prepared gets a sentence, not a failed query. */
async function requireMigrated(db: Db): Promise<void> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name in ('roles', 'users', 'audit_chain_head')`,
  );
  const found = new Set(rows.map((r) => r.name));
  if (found.size < 3) refuse('数据库尚未初始化：请先运行数据库迁移（npm run db:migrate），再初始化管理员');
}

/** The three roles, locked: two installers running at once queue here. */
async function lockAdminRoles(tx: Tx): Promise<Map<TAdminRoleCode, { id: string; name: string }>> {
  const codes = INITIAL_ADMIN_ROLES.map((r) => r.code);
  const rows = await tx
    .select({ id: roles.id, code: roles.code, name: roles.name })
    .from(roles)
    .where(inArray(roles.code, codes))
    .orderBy(roles.code)
    .for('update');
  const found = new Map(rows.map((r) => [r.code as TAdminRoleCode, { id: r.id, name: r.name }]));
  for (const role of INITIAL_ADMIN_ROLES) {
    if (!found.has(role.code)) refuse(`未找到内置角色「${role.name}」：请先运行数据库迁移（npm run db:migrate）`);
  }
  return found;
}

/** Active accounts holding a role, oldest first. */
async function activeHolders(tx: Tx, roleId: string): Promise<string[]> {
  const rows = await tx
    .select({ username: users.username })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.roleId, roleId), eq(users.status, 'active')))
    .orderBy(users.createdAt, users.username);
  return rows.map((r) => r.username);
}

async function findDepartment(tx: Tx, name: string): Promise<{ id: string; created: boolean }> {
  const rows = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, name));
  if (rows.length > 1) refuse(`有 ${rows.length} 个名为「${name}」的科室，请在「组织机构」中改名后再指定，或不指定科室`);
  if (rows[0]) return { id: rows[0].id, created: false };
  const [row] = await tx.insert(departments).values({ name, sortOrder: 0 }).returning({ id: departments.id, name: departments.name, code: departments.code, parentId: departments.parentId, sortOrder: departments.sortOrder });
  await appendAudit(tx, {
    action: '新建科室',
    objectType: '科室',
    objectId: row.id,
    result: '成功',
    message: `初始化管理员时新建科室「${name}」（${installerLabel()}）`,
    diff: fieldDiff(null, { name: row.name, code: row.code, parentId: row.parentId, parentName: null, sortOrder: row.sortOrder }),
  });
  return { id: row.id, created: true };
}

export interface CreateInitialAdminsInput {
  /** Login names by role code; missing ones take the defaults (sysadmin, secadmin, auditadmin). */
  logins?: Partial<Record<TAdminRoleCode, unknown>>;
  /** Department the new accounts belong to: found by name, created at the top level if absent. */
  department?: string | null;
}

/**
 * Creates, in one transaction, each of the three administrators that has no active account yet;
 * a role that has one is left alone (re-running never resets a password). Every check runs
 * before the first write, and a refusal rolls everything back.
 */
export async function createInitialAdmins(db: Db, input: CreateInitialAdminsInput, iterations: number): Promise<{ accounts: AdminAccount[]; departmentCreated: boolean }> {
  const logins = INITIAL_ADMIN_ROLES.map((role) => ({ role, login: checkLogin(input.logins?.[role.code] ?? DEFAULT_ADMIN_LOGINS[role.code], role) }));
  for (let i = 0; i < logins.length; i++) {
    for (let j = i + 1; j < logins.length; j++) {
      if (logins[i].login.toLowerCase() === logins[j].login.toLowerCase()) {
        refuse(`三员分立：${logins[i].role.name}和${logins[j].role.name}不能使用同一个用户名「${logins[i].login}」`);
      }
    }
  }
  const departmentName = checkDepartmentName(input.department);
  await requireMigrated(db);

  return db.transaction(async (tx) => {
    const roleIds = await lockAdminRoles(tx);
    const accounts: AdminAccount[] = [];
    const toCreate: { role: (typeof INITIAL_ADMIN_ROLES)[number]; login: string; roleId: string }[] = [];
    for (const { role, login } of logins) {
      const roleId = roleIds.get(role.code)!.id;
      const holders = await activeHolders(tx, roleId);
      if (holders.length) {
        accounts.push({ role: role.name, username: holders[0], outcome: 'existing' });
        continue;
      }
      const [taken] = await tx
        .select({ username: users.username })
        .from(users)
        .where(sql`lower(${users.username}) = lower(${login})`);
      if (taken) refuse(`用户名「${taken.username}」已被其他用户使用，请用 ${role.flag} 为${role.name}指定另一个用户名`);
      toCreate.push({ role, login, roleId });
    }
    let departmentId: string | null = null;
    let departmentCreated = false;
    if (departmentName && toCreate.length) {
      const found = await findDepartment(tx, departmentName);
      departmentId = found.id;
      departmentCreated = found.created;
    }
    const installer = installerLabel();
    const rules = await getPasswordRules(tx);
    for (const { role, login, roleId } of toCreate) {
      const password = generateOneTimePassword(rules);
      const [row] = await tx
        .insert(users)
        .values({ username: login, displayName: role.name, departmentId, passwordHash: await hashPassword(password, iterations), mustChangePassword: true })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row.id, roleId });
      await appendAudit(tx, {
        action: '新建用户',
        objectType: OBJECT_TYPE,
        objectId: row.id,
        result: '成功',
        message: `初始化${role.name} ${login}，一次性密码须在首次登录时修改（${installer}）`,
        diff: fieldDiff(null, {
          username: login,
          displayName: role.name,
          department: departmentName,
          roles: role.name,
          status: 'active',
          phone: null,
          mustChangePwd: true,
        }),
      });
      accounts.push({ role: role.name, username: login, password, outcome: 'created' });
    }
    const order = INITIAL_ADMIN_ROLES.map((r) => r.name as string);
    accounts.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
    return { accounts, departmentCreated };
  });
}

/**
 * A new one-time password for one of the three administrators (lost password, locked out): it
 * must be changed at the next login, the lock is cleared and open sessions end. Business users'
 * passwords are reset by the 系统管理员 in 用户管理, not here.
 */
export async function resetAdminPassword(db: Db, rawLogin: unknown, iterations: number): Promise<AdminAccount> {
  const login = typeof rawLogin === 'string' ? rawLogin.trim() : '';
  const problem = usernameProblem(login);
  if (problem) refuse(`要重置的用户名（--reset）有误：${problem}`);
  await requireMigrated(db);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        username: users.username,
        status: users.status,
        passwordHash: users.passwordHash,
        mustChangePassword: users.mustChangePassword,
        failedAttempts: users.failedAttempts,
        lockedUntil: users.lockedUntil,
      })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${login})`)
      .for('update');
    if (!user) refuse(`用户「${login}」不存在`);
    const held = await tx
      .select({ code: roles.code, name: roles.name })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, user.id));
    const adminRole = held.find((r) => INITIAL_ADMIN_ROLES.some((a) => a.code === r.code));
    if (!adminRole) refuse(`用户「${user.username}」不是系统管理员、安全管理员或审计管理员：其他用户的密码由系统管理员在「用户管理」中重置`);
    if (user.status !== 'active') refuse(`用户「${user.username}」已停用：重置密码不会启用账号，请先由系统管理员在「用户管理」中启用`);
    const password = generateOneTimePassword(await getPasswordRules(tx));
    const now = new Date();
    await rememberReplacedPassword(tx, user.id, user.passwordHash, now);
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password, iterations),
        passwordChangedAt: now,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        // Old cookies stop working at once (session check compares the version).
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id));
    await endUserSessions(tx, user.id, '密码重置');
    await appendAudit(tx, {
      action: '重置密码',
      objectType: OBJECT_TYPE,
      objectId: user.id,
      result: '成功',
      message: `重置${adminRole.name} ${user.username} 的密码为一次性密码，其登录会话已结束（${installerLabel()}）`,
      diff: fieldDiff(
        { mustChangePwd: user.mustChangePassword, failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil },
        { mustChangePwd: true, failedAttempts: 0, lockedUntil: null },
      ),
    });
    return { role: adminRole.name, username: user.username, password, outcome: 'reset' };
  });
}
