/**
 * `npm run audit:purge -- --before YYYY-MM-DD --user 审计管理员用户名`: removes the audit entries
 * older than the date, for a 审计管理员 (password asked on the terminal, or one line on stdin).
 * Entries inside the retention (setting audit.retentionDays, at least 180 days) are never
 * removed; the chain and its anchor must verify first. See src/platform/audit/purge.ts.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openForScript, runScript } from './lib/cli';
import { AuditPurgeError, purgeAuditLog } from '../src/platform/audit/purge';

// Two-account databases: only the owner account may delete audit rows (migration 0018), so the
// purge connects as it when its connection is given (deploy/db/README.md「审计表的权限」).
const ownerUrl = process.env.MIGRATION_DATABASE_URL?.trim();
if (ownerUrl) process.env.DATABASE_URL = ownerUrl;

const USAGE = '用法：npm run audit:purge -- --before YYYY-MM-DD --user 审计管理员用户名（密码在终端输入，或从标准输入读一行）';

function readArgs(): { before: Date; user: string } {
  let values: { before?: string; user?: string };
  try {
    values = parseArgs({ options: { before: { type: 'string' }, user: { type: 'string' } }, allowPositionals: false }).values;
  } catch (e) {
    throw new AuditPurgeError(`参数有误：${(e as Error).message}\n${USAGE}`);
  }
  if (!values.before || !values.user) throw new AuditPurgeError(`缺少参数\n${USAGE}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.before);
  // Midnight in Asia/Shanghai, the date people mean.
  const before = m ? new Date(`${values.before}T00:00:00+08:00`) : new Date(NaN);
  if (!m || Number.isNaN(before.getTime()) || new Date(before.getTime() + 8 * 3600_000).toISOString().slice(0, 10) !== values.before) {
    throw new AuditPurgeError(`日期「${values.before}」无效，应为 YYYY-MM-DD\n${USAGE}`);
  }
  return { before, user: values.user };
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write('审计管理员密码：');
    // Echo off: readline writes nothing for the typed characters.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((done) => {
    rl.once('line', done);
    rl.once('close', () => done(''));
  });
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line;
}

runScript('清理审计日志', async () => {
  const { before, user } = readArgs();
  const password = await readPassword();
  const { db } = await openForScript();
  const out = await purgeAuditLog(db, { username: user, password, before });
  console.log(
    out.checkpoint
      ? `已删除 ${out.removed} 条审计记录（至序号 ${out.checkpoint.seq}）；链起点已记为检查点，库外锚定已更新`
      : '没有早于该日期的审计记录，未删除任何记录',
  );
});
