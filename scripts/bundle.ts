/**
 * `npm run bundle -- --arch arm64|x64 [--out dist] [--skip-build]` — the offline installation
 * bundle for a server without internet (issue 13; deploy/README.md tells ops how to use it).
 *
 * One `.tar.gz` per architecture, built on any x86_64 machine with npm access:
 *
 *   land-reserve-<version>-linux-<arch>/
 *     node/bin/node           Node.js 24 LTS for the target (official binary from the npm registry,
 *                             checked against deploy/node-runtime.json)
 *     app/server.js …         Next.js standalone output: the server and only the node_modules it needs
 *     app/.next-bundle/static, app/public, app/drizzle, app/data-reference
 *     app/jobs/*.cjs          migrate, check-db, admin-create, audit-verify, audit-purge, keys-rotate, ledger-tag, seed (demo data; install.sh
 *                             never runs it) — compiled, no tsx or dev tools on the server
 *     deploy/                 install.sh, upgrade.sh, uninstall.sh, backup/restore, nginx, systemd …
 *     VERSION, manifest.json  SHA-256 and SM3 of every file (install.sh verifies it), and
 *     manifest.sha256         the SHA-256 digests again for `sha256sum -c`
 *
 * Reproducible: the build id is the commit, file times are the commit's time, entries are sorted
 * and owned by root, gzip carries no name or time — the same sources give the same checksum.
 * No native add-on may be inside (scripts/check-native.ts), so the only architecture-specific
 * file is node/bin/node.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { checkFolder } from './check-native';

const root = process.cwd();
const log = (m: string) => console.error(`[bundle] ${m}`);

type Arch = 'x64' | 'arm64';

interface Options {
  arch: Arch;
  out: string;
  skipBuild: boolean;
}

function parseArgs(argv: string[]): Options {
  let arch: string | undefined;
  let out = 'dist';
  let skipBuild = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--arch') arch = argv[++i];
    else if (a.startsWith('--arch=')) arch = a.slice('--arch='.length);
    else if (a === '--out') out = argv[++i];
    else if (a === '--skip-build') skipBuild = true;
    else throw new Error(`未知参数：${a}（用法：npm run bundle -- --arch arm64|x64 [--out dist] [--skip-build]）`);
  }
  if (arch === 'aarch64') arch = 'arm64';
  if (arch === 'x86_64' || arch === 'amd64') arch = 'x64';
  if (arch !== 'x64' && arch !== 'arm64') throw new Error('请用 --arch 指定目标架构：arm64（鲲鹏、飞腾）或 x64（海光、兆芯、Intel/AMD）');
  if (!out) throw new Error('--out 需要一个目录');
  return { arch, out, skipBuild };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = root): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 失败（退出码 ${r.status}）`);
  return r.stdout;
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Version `<package version>+<commit>` (with `.dirty` when the tree has uncommitted changes). */
function versionInfo(): { version: string; commit: string; epoch: number } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const commit = git(['rev-parse', '--short=12', 'HEAD']) || 'nogit';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const epoch = Number(process.env.SOURCE_DATE_EPOCH || git(['log', '-1', '--format=%ct']) || 0);
  return { version: `${pkg.version}+${commit}${dirty ? '.dirty' : ''}`, commit, epoch };
}

/** Next's standalone build into .next-bundle (next.config.ts), with the commit as build id. */
function nextBuild(commit: string): void {
  log('next build（standalone 输出到 .next-bundle）……');
  rmSync(join(root, '.next-bundle'), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, LR_BUNDLE_BUILD: '1', LR_BUILD_ID: commit, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  delete env.NODE_OPTIONS;
  const r = spawnSync(join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`next build 失败（退出码 ${r.status}）`);
}

/** The maintenance jobs, compiled to one ES module each (run as `node jobs/<name>.cjs` in app/). */
const JOBS: Record<string, string> = {
  migrate: 'scripts/migrate.ts',
  'check-db': 'scripts/check-db.ts',
  'admin-create': 'scripts/admin-create.ts',
  'audit-verify': 'scripts/audit-verify.ts',
  'audit-purge': 'scripts/audit-purge.ts',
  'keys-rotate': 'scripts/keys-rotate.ts',
  'ledger-tag': 'scripts/ledger-tag.ts',
  'archives-verify': 'scripts/archives-verify.ts',
  seed: 'scripts/seed.ts',
};

async function compileJobs(outDir: string): Promise<void> {
  const serverOnlyEmpty = join(root, 'node_modules', 'server-only', 'empty.js');
  for (const [name, entry] of Object.entries(JOBS)) {
    if (!existsSync(join(root, entry))) throw new Error(`缺少作业入口 ${entry}`);
    await build({
      entryPoints: [join(root, entry)],
      outfile: join(outDir, `${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      // drizzle-orm declares itself free of side effects, but its `sql` helpers are attached by
      // module code that esbuild then never runs in a bundle (`sql.raw is not a function`).
      ignoreAnnotations: true,
      target: 'node20',
      legalComments: 'none',
      logLevel: 'warning',
      tsconfig: join(root, 'tsconfig.json'),
      // Loaded from app/node_modules at run time: PGlite finds its WASM files by path; pino
      // starts its transports from files.
      external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pino', 'pino/*'],
      plugins: [
        {
          name: 'server-only',
          // Server modules guard themselves with 'server-only' (an error outside React's server
          // condition); a job is server code.
          setup(b) {
            b.onResolve({ filter: /^server-only$/ }, () => ({ path: serverOnlyEmpty }));
          },
        },
      ],
    });
  }
}

/** Fetches the pinned Node runtime package (cached under .tmp/node-cache) and checks its digest. */
function nodeRuntime(arch: Arch): { tgz: string; version: string } {
  const pinned = JSON.parse(readFileSync(join(root, 'deploy', 'node-runtime.json'), 'utf8')) as {
    version: string;
    packages: Record<Arch, { name: string; integrity: string }>;
  };
  const { name, integrity } = pinned.packages[arch];
  const cache = join(root, '.tmp', 'node-cache');
  mkdirSync(cache, { recursive: true });
  const tgz = join(cache, `${name}-${pinned.version}.tgz`);
  if (!existsSync(tgz)) {
    log(`下载 ${name}@${pinned.version}（npm 源）……`);
    run('npm', ['pack', `${name}@${pinned.version}`, '--pack-destination', cache, '--silent']);
  }
  const [algo, expected] = [integrity.slice(0, integrity.indexOf('-')), integrity.slice(integrity.indexOf('-') + 1)];
  const actual = createHash(algo).update(readFileSync(tgz)).digest('base64');
  if (actual !== expected) {
    rmSync(tgz, { force: true });
    throw new Error(`${name}@${pinned.version} 的校验值与 deploy/node-runtime.json 不符（可能下载损坏或被篡改），已删除缓存，请重试`);
  }
  return { tgz, version: pinned.version };
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isDirectory()) yield* files(path);
    else yield path;
  }
}

interface ManifestEntry {
  path: string;
  size: number;
  mode: string;
  sha256: string;
  sm3: string;
}

function manifestOf(dir: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const file of files(dir)) {
    const st = lstatSync(file);
    if (st.isSymbolicLink()) throw new Error(`安装包中不应有符号链接：${relative(dir, file)}`);
    const data = readFileSync(file);
    entries.push({
      path: relative(dir, file).split(sep).join('/'),
      size: st.size,
      mode: (st.mode & 0o111 ? 0o755 : 0o644).toString(8),
      sha256: createHash('sha256').update(data).digest('hex'),
      sm3: createHash('sm3').update(data).digest('hex'),
    });
  }
  return entries;
}

/** Same permissions everywhere: 755 for folders and executables, 644 for the rest. */
function normaliseModes(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isDirectory()) normaliseModes(path);
    else if (st.isFile()) chmodSync(path, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const { version, commit, epoch } = versionInfo();
  const name = `land-reserve-${version.replace('+', '-')}-linux-${opts.arch}`;
  const standalone = join(root, '.next-bundle', 'standalone');

  if (!opts.skipBuild || !existsSync(join(standalone, 'server.js'))) nextBuild(commit);
  else log('--skip-build：使用已有的 .next-bundle');

  const stage = join(root, '.tmp', 'bundle', name);
  rmSync(stage, { recursive: true, force: true });
  const app = join(stage, 'app');
  mkdirSync(app, { recursive: true });

  log('复制 standalone 输出、静态资源、迁移与基础数据……');
  cpSync(standalone, app, { recursive: true, verbatimSymlinks: false, dereference: true });
  // A development database folder or test storage must never travel (STACK-NOTES 4).
  for (const stray of ['data', 'storage', '.tmp', 'dist', 'test-results']) rmSync(join(app, stray), { recursive: true, force: true });
  cpSync(join(root, '.next-bundle', 'static'), join(app, '.next-bundle', 'static'), { recursive: true });
  cpSync(join(root, 'public'), join(app, 'public'), { recursive: true });
  cpSync(join(root, 'drizzle'), join(app, 'drizzle'), { recursive: true });
  cpSync(join(root, 'data-reference'), join(app, 'data-reference'), { recursive: true });
  // The postgres driver is bundled into Next's server chunks, so the standalone output has no
  // copy of it; the backup scripts' database helper (deploy/lib/dbtool.mjs) needs one when no
  // psql/gsql/ksql client is installed. Plain JavaScript.
  if (!existsSync(join(app, 'node_modules', 'postgres'))) cpSync(join(root, 'node_modules', 'postgres'), join(app, 'node_modules', 'postgres'), { recursive: true });

  log('编译运维作业（migrate、check-db、admin-create、audit-verify、audit-purge、keys-rotate、ledger-tag、seed）……');
  await compileJobs(join(app, 'jobs'));

  log(`加入 Node.js 运行时（linux-${opts.arch}）……`);
  const runtime = nodeRuntime(opts.arch);
  const nodeDir = join(stage, 'node');
  mkdirSync(nodeDir, { recursive: true });
  run('tar', ['-xzf', runtime.tgz, '-C', nodeDir, '--strip-components=1', 'package/bin/node', 'package/LICENSE']);

  log('复制部署脚本……');
  cpSync(join(root, 'deploy'), join(stage, 'deploy'), { recursive: true });
  writeFileSync(join(stage, 'VERSION'), `${version}\n`);

  const native = checkFolder(stage);
  if (native.length) {
    throw new Error(`安装包中有与架构相关的文件（不允许，见 scripts/check-native.ts）：\n${native.map((n) => `  ${n.where}：${n.what}`).join('\n')}`);
  }

  normaliseModes(stage);
  const entries = manifestOf(stage);
  const manifest = {
    name: 'land-reserve',
    version,
    commit,
    arch: opts.arch,
    platform: 'linux',
    node: runtime.version,
    glibcMin: '2.28',
    createdAt: new Date(epoch * 1000).toISOString(),
    files: entries,
  };
  writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o644 });
  // The same digests in sha256sum's format: install.sh checks the bundle with coreutils alone
  // before it trusts even the bundled node (which then checks the SM3 digests).
  writeFileSync(join(stage, 'manifest.sha256'), entries.map((e) => `${e.sha256}  ${e.path}\n`).join(''), { mode: 0o644 });

  const outDir = join(root, opts.out);
  mkdirSync(outDir, { recursive: true });
  const tarball = join(outDir, `${name}.tar.gz`);
  log('打包（可复现：固定时间、排序、属主 root、gzip -n）……');
  const tar = spawnSync(
    'bash',
    [
      '-c',
      'set -o pipefail; tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu -C "$STAGE_PARENT" -cf - "$NAME" | gzip -n -6 > "$OUT"',
    ],
    { env: { ...process.env, EPOCH: String(epoch), STAGE_PARENT: join(stage, '..'), NAME: name, OUT: tarball }, stdio: 'inherit' },
  );
  if (tar.status !== 0) throw new Error('打包失败');
  const digest = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  const sm3 = createHash('sm3').update(readFileSync(tarball)).digest('hex');
  writeFileSync(`${tarball}.sha256`, `${digest}  ${name}.tar.gz\n`);
  writeFileSync(`${tarball}.sm3`, `${sm3}  ${name}.tar.gz\n`);
  const mb = (statSync(tarball).size / 1024 / 1024).toFixed(1);
  console.log(`安装包：${relative(root, tarball)}（${mb} MB，${entries.length} 个文件）`);
  console.log(`SHA-256：${digest}`);
  console.log(`SM3：${sm3}`);
}

main().catch((e: unknown) => {
  console.error(`打包失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
