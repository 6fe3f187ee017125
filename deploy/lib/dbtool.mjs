// Database helper for the deploy scripts: row counts, emptiness checks and the embedded-database
// snapshot, through the app's own drivers (postgres.js, PGlite) so it needs no client tools.
// Usage: node dbtool.mjs <command> [...]; APP_DIR (default cwd) is where node_modules is found.
import { existsSync, openSync, writeSync, closeSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { URL, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const appDir = resolve(process.env.APP_DIR || process.cwd());

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

// Resolves the package's ESM entry by hand: Next's standalone tracing may copy only that file.
async function load(pkg) {
  let dir = appDir;
  for (;;) {
    const pj = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(pj)) {
      const meta = JSON.parse(readFileSync(pj, 'utf8'));
      let entry = meta.exports?.['.'] ?? meta.exports ?? meta.module ?? meta.main ?? 'index.js';
      if (typeof entry === 'object') entry = entry.import?.default ?? entry.import ?? entry.default;
      return import(pathToFileURL(join(dirname(pj), entry)).href);
    }
    const up = dirname(dir);
    if (up === dir) fail(`在 ${appDir} 及其上级目录中找不到依赖包 ${pkg}（请用 --app-dir 指向应用目录）`);
    dir = up;
  }
}

// Only the application's schema: system schemas differ between PostgreSQL, openGauss and KingbaseES.
const TABLES_SQL = `select table_name from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;

async function withPostgres(url, body) {
  const { default: postgres } = await load('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {}, fetch_types: false, connect_timeout: 10 });
  try {
    return await body((text) => sql.unsafe(text));
  } catch (e) {
    fail(`数据库访问失败：${e.message}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function withPglite(dataDir, body) {
  const pgDir = join(dataDir, 'pglite');
  if (!existsSync(join(pgDir, 'PG_VERSION'))) fail(`${pgDir} 不是内置数据库目录（缺少 PG_VERSION）`);
  const { PGlite } = await load('@electric-sql/pglite');
  const pg = await PGlite.create(pgDir);
  try {
    return await body(async (text) => (await pg.query(text)).rows);
  } finally {
    await pg.close();
  }
}

async function counts(query) {
  const tables = (await query(TABLES_SQL)).map((r) => r.table_name);
  const lines = [];
  for (const t of tables) {
    const [row] = await query(`select count(*)::bigint as n from public."${t.replaceAll('"', '""')}"`);
    lines.push(`${t}\t${row.n}`);
  }
  return lines;
}

// Mirrors src/platform/db/lock.ts: the app refuses to open a folder whose lock names a live node process.
function isLiveNode(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    return /node|next|tsx|vitest/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

function lockDataDir(dataDir) {
  const file = join(dataDir, 'pglite.lock');
  for (let i = 0; i < 3; i++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, command: 'deploy/lib/dbtool.mjs', startedAt: new Date().toISOString() }));
      closeSync(fd);
      process.once('exit', () => {
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      });
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner;
    try {
      owner = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      owner = undefined;
    }
    if (owner && isLiveNode(owner.pid)) {
      fail(`内置数据库 ${dataDir} 正被进程 ${owner.pid}（${owner.command ?? ''}）使用：请先停止系统再执行。`, 3);
    }
    try {
      unlinkSync(file);
    } catch {
      /* removed meanwhile */
    }
  }
  fail(`无法锁定内置数据库目录 ${dataDir}`, 3);
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case 'url-parts': {
    // host, port, user, password, database, sslmode on separate lines (percent-decoded).
    let u;
    try {
      u = new URL(args[0]);
    } catch {
      fail('数据库地址格式无效（应为 postgres://用户:口令@主机:端口/库名）');
    }
    if (!/^postgres(ql)?:$/.test(u.protocol)) fail(`不支持的数据库地址协议 ${u.protocol}`);
    const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!db) fail('数据库地址中缺少库名');
    const sslmode = u.searchParams.get('sslmode') ?? u.searchParams.get('ssl') ?? '';
    const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
    process.stdout.write(
      [host, u.port || '5432', decodeURIComponent(u.username), decodeURIComponent(u.password), db, sslmode].join('\n') + '\n',
    );
    break;
  }
  case 'with-database': {
    // The same URL with another database name (the drill's throw-away database).
    const u = new URL(args[0]);
    u.pathname = `/${args[1]}`;
    process.stdout.write(`${u.toString()}\n`);
    break;
  }
  case 'version':
    await withPostgres(args[0], async (q) => process.stdout.write(`${(await q('select version() as v'))[0].v}\n`));
    break;
  case 'table-count':
    await withPostgres(args[0], async (q) => process.stdout.write(`${(await q(TABLES_SQL)).length}\n`));
    break;
  case 'counts':
    await withPostgres(args[0], async (q) => process.stdout.write((await counts(q)).map((l) => `${l}\n`).join('')));
    break;
  case 'exec':
    await withPostgres(args[0], async (q) => {
      await q(args[1]);
    });
    break;
  case 'pglite-counts': {
    // Takes the folder lock so the app cannot start while we read.
    const dataDir = resolve(args[0]);
    lockDataDir(dataDir);
    const lines = await withPglite(dataDir, counts);
    process.stdout.write(lines.map((l) => `${l}\n`).join(''));
    break;
  }
  case 'pglite-snapshot': {
    // Under the folder lock: row counts (to args[2]), then tar of the closed database folder (args[1]).
    const [dir, outTar, outCounts] = args;
    const dataDir = resolve(dir);
    lockDataDir(dataDir);
    const lines = await withPglite(dataDir, counts);
    writeFileSync(outCounts, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    const tar = spawnSync('tar', ['-czf', outTar, '-C', dataDir, 'pglite'], { stdio: 'inherit' });
    if (tar.status !== 0) fail('打包内置数据库目录失败');
    break;
  }
  case 'pglite-locked': {
    // Exit 0 when a live process holds the folder, 1 otherwise.
    const file = join(resolve(args[0]), 'pglite.lock');
    let owner;
    try {
      owner = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      process.exit(1);
    }
    if (owner && isLiveNode(owner.pid)) {
      process.stdout.write(`${owner.pid} ${owner.command ?? ''}\n`);
      process.exit(0);
    }
    process.exit(1);
    break;
  }
  default:
    fail(`未知命令 ${cmd ?? ''}`);
}
