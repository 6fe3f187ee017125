/**
 * `npm run admin:create`: the first 系统管理员, 安全管理员 and 审计管理员 of an installation, each
 * with a one-time password that must be changed at first login. Idempotent: a role that already
 * has an active account is left alone. `--reset <login>` gives one of them a new one-time
 * password. `--json` prints `{"accounts":[{role,username,password}],"existing":[{role,username}]}`
 * for install.sh; otherwise a table.
 */
import { parseArgs } from 'node:util';
import { getConfig } from '../src/platform/config';
import { createInitialAdmins, DEFAULT_ADMIN_LOGINS, InitialAdminError, resetAdminPassword, type AdminAccount } from '../src/platform/auth/initial-admins';
import { openForScript, runScript } from './lib/cli';

const USAGE = `用法：npm run admin:create -- [--sysadmin 用户名] [--secadmin 用户名] [--auditadmin 用户名] [--department 科室名称] [--json]
      npm run admin:create -- --reset 用户名 [--json]`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        sysadmin: { type: 'string', default: DEFAULT_ADMIN_LOGINS.sysadmin },
        secadmin: { type: 'string', default: DEFAULT_ADMIN_LOGINS.secadmin },
        auditadmin: { type: 'string', default: DEFAULT_ADMIN_LOGINS.auditadmin },
        department: { type: 'string' },
        reset: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new InitialAdminError(`参数有误：${(e as Error).message}\n${USAGE}`);
  }
}

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function printTable(accounts: AdminAccount[]): void {
  const rows = accounts.map((a) => [a.role, a.username, a.password ?? (a.outcome === 'existing' ? '（已有账号，未新建，密码不变）' : '')]);
  const head = ['角色', '用户名', '一次性密码'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if (accounts.some((a) => a.password)) {
    console.log('\n一次性密码只显示这一次，请当面交给各管理员；首次登录后须立即修改密码。');
  }
}

runScript('初始化管理员', async () => {
  const args = readArgs();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const iterations = getConfig().PASSWORD_ITERATIONS;
  const { db } = await openForScript();
  let accounts: AdminAccount[];
  if (args.reset !== undefined) {
    accounts = [await resetAdminPassword(db, args.reset, iterations)];
  } else {
    const result = await createInitialAdmins(
      db,
      { logins: { sysadmin: args.sysadmin, secadmin: args.secadmin, auditadmin: args.auditadmin }, department: args.department },
      iterations,
    );
    accounts = result.accounts;
    if (result.departmentCreated && !args.json) console.log(`已新建科室「${args.department?.trim()}」`);
  }
  if (args.json) {
    const withPassword = accounts.filter((a) => a.password);
    const existing = accounts.filter((a) => a.outcome === 'existing');
    console.log(
      JSON.stringify({
        accounts: withPassword.map((a) => ({ role: a.role, username: a.username, password: a.password })),
        existing: existing.map((a) => ({ role: a.role, username: a.username })),
      }),
    );
    return;
  }
  if (accounts.every((a) => a.outcome === 'existing')) console.log('三个管理员均已有账号，未新建任何账号（重置密码请用 --reset 用户名）。');
  printTable(accounts);
});
