/**
 * `npm run check:logs [log file]`: fails when the e2e server's log (.tmp/e2e-server.log, written
 * by tests/e2e/start-server.sh) contains a password, a key, SQL parameters, an ID number or a
 * mobile number (scripts/lib/log-scan.ts). The secrets looked for: DEMO_PASSWORD (default
 * Demo@2026), the e2e accounts' passwords, NEXTAUTH_SECRET / SM4_KEY from the environment or the
 * files the server created in its data folder (auth-secret, sm4.key and any other *key* / *secret*
 * file there). Offending lines are reported by number, masked.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanLog } from './lib/log-scan';
import { E2E_USERS } from '../tests/e2e/accounts';

const file = resolve(process.argv[2] ?? '.tmp/e2e-server.log');
const dataDir = resolve(process.env.E2E_DATA_DIR ?? '.tmp/e2e-data');

if (!existsSync(file)) {
  console.error(`日志文件不存在：${file}（先运行 e2e：npm run test:e2e）`);
  process.exit(2);
}

const secrets: { name: string; value: string }[] = [
  { name: '演示账号口令', value: process.env.DEMO_PASSWORD ?? 'Demo@2026' },
  ...E2E_USERS.map((u) => ({ name: `测试账号 ${u.username} 的口令`, value: u.password })),
];
if (process.env.NEXTAUTH_SECRET) secrets.push({ name: 'NEXTAUTH_SECRET', value: process.env.NEXTAUTH_SECRET });
if (process.env.SM4_KEY) secrets.push({ name: 'SM4_KEY', value: process.env.SM4_KEY });
if (existsSync(dataDir)) {
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (!/key|secret/i.test(name) || !statSync(path).isFile() || statSync(path).size > 4096) continue;
    const value = readFileSync(path, 'utf8').trim();
    if (value) secrets.push({ name: `密钥文件 ${name}`, value });
  }
}

const text = readFileSync(file, 'utf8');
const findings = scanLog(text, secrets);
const lineCount = text.split('\n').length;
if (findings.length === 0) {
  console.log(`日志检查通过：${file}，${lineCount} 行，查找 ${secrets.length} 个口令/密钥值及身份证号、手机号、SQL 参数、口令字段`);
  process.exit(0);
}
console.error(`日志中发现敏感数据（${findings.length} 行，内容已遮盖）：`);
for (const f of findings.slice(0, 100)) console.error(`  第 ${f.line} 行 [${f.rule}]：${f.masked}`);
if (findings.length > 100) console.error(`  …… 另有 ${findings.length - 100} 行`);
process.exit(1);
