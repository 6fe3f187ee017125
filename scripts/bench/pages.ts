/**
 * `npm run bench:pages` — our pages beside a bare Next.js page (issue 12, "Targets").
 *
 *   npm run bench:pages -- [--db pg|pglite] [--duration 10] [--connections 10] [--warmup 1]
 *                          [--build] [--cpu-prof] [--only parcels,tile] [--port 3360] [--bare-port 3361]
 *
 * 1. Writes a bare Next app under .tmp/bench-bare (our node_modules linked: the same Next) with a
 *    dynamic page that renders nothing meaningful and a route handler /tile; builds it when its
 *    build is missing or its files changed (or with --build). Builds our app when its build is
 *    missing or older than the sources, as `npm start` does (or with --build).
 * 2. Creates a fresh database (PostgreSQL lr_bench_<ts>, or with --db pglite a fresh embedded data
 *    folder), prepares it as `npm start` does (migrations, reference and demo data), picks the
 *    measured objects, and starts our app with `next start` (under `node --cpu-prof` with --cpu-prof).
 * 3. Signs in over HTTP (next-auth credentials) as the demo users the pages need: leader for the
 *    business pages, sysadmin for /admin/users, auditadmin for /admin/audit (no role sees all).
 * 4. Fetches a real parcel tile twice (the second from the tile cache) and gives its bytes and
 *    headers to the bare /tile route handler; starts the bare app.
 * 5. Checks every page once (200, its title, not the login page), warms every target, then measures
 *    bare page, page, bare page, page, … and bare /tile, tile, bare /tile with autocannon; every
 *    response must be 200 with the right body, or the run stops with an error.
 * 6. Prints the table and writes .tmp/bench-pages/<ts>.{json,md}; with --cpu-prof also the top 25
 *    self-time functions of the server's profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { BARE_PAGE_MARKER, writeBareApp, writeBareTile } from './pages/bare-app';
import { createBenchDatabase, prepareAndPick, type BenchDatabase } from './pages/app-db';
import { buildIsCurrent } from '../lib/build-state';
import { aggregateProfiles, profileMarkdown } from './pages/cpu-profile';
import { login } from './pages/login';
import { BenchCheckError, measure, type RunResult } from './pages/measure';
import { parseOptions, type BenchOptions } from './pages/options';
import { consoleTable, markdown, pageMeta, summaryLine, type BenchReport, type PageResult } from './pages/report';
import { nextBuild, nextStart, nextVersion, type RunningServer } from './pages/servers';
import { benchPages, BENCH_USERS, PAGE_KEYS, describeTarget, pageBodyProblem, targetMisses, type BenchUser, type PageSpec } from './pages/targets';

const root = process.cwd();
const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

function stampNow(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Environment for a server or build: ours without tsx's loader options, plus `extra`. */
function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  const inherited = (process.env.NODE_OPTIONS ?? '')
    .split(/\s+/)
    .filter((o) => o && !o.includes('tsx'))
    .join(' ');
  if (inherited) env.NODE_OPTIONS = inherited;
  else delete env.NODE_OPTIONS;
  return env;
}

async function fetchOnce(url: string, cookie: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const r = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' }, redirect: 'manual' });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

async function run(opts: BenchOptions, cleanups: (() => Promise<void>)[]): Promise<void> {
  if (!existsSync(join(root, 'src', 'app')) || !existsSync(join(root, 'node_modules', 'next'))) {
    throw new Error('请在项目根目录运行（npm run bench:pages）');
  }
  const unknown = opts.only.filter((o) => !(PAGE_KEYS as readonly string[]).includes(o));
  if (unknown.length) throw new Error(`--only：没有这些页面：${unknown.join('、')}（可用：${PAGE_KEYS.join(' ')}）`);
  const stamp = stampNow();
  const outDir = join(root, '.tmp', 'bench-pages');
  const bareDir = join(root, '.tmp', 'bench-bare');
  mkdirSync(outDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const loadAvgStart = loadavg();
  const next = nextVersion(root);

  // 1. Builds.
  const bare = writeBareApp(root, bareDir);
  if (bare.needsBuild || opts.build) {
    log(`构建空白 Next ${next} 应用（${relative(root, bareDir)}）……`);
    await nextBuild(root, bareDir, serverEnv(), join(outDir, `${stamp}-bare-build.log`));
  }
  if (opts.build || !buildIsCurrent(root)) {
    log('构建本应用（next build）……');
    await nextBuild(root, root, serverEnv(), join(outDir, `${stamp}-app-build.log`));
  }

  // 2. Database and our server.
  const dataDir = join(outDir, `data-${stamp}`);
  const database: BenchDatabase = await createBenchDatabase(opts.db, opts.pgUrl, stamp, dataDir);
  if (opts.keepDb) log(`保留测量用数据库：${database.label}`);
  else cleanups.push(() => database.drop());
  log(`准备数据库（迁移、基础数据、演示数据）：${database.label}`);
  Object.assign(process.env, database.env);
  const picked = await prepareAndPick();

  const profDir = join(outDir, 'prof', stamp);
  if (opts.cpuProf) mkdirSync(profDir, { recursive: true });
  log(`启动本应用 http://127.0.0.1:${opts.port}${opts.cpuProf ? `（--cpu-prof → ${relative(root, profDir)}）` : ''}`);
  const app: RunningServer = await nextStart({
    name: '本应用',
    root,
    dir: root,
    port: opts.port,
    env: serverEnv({ ...database.env, PORT: String(opts.port) }),
    // On the command line: Node 20 refuses --cpu-prof in NODE_OPTIONS. `next start` serves from
    // this one process, so its profile is the server's.
    nodeArgs: opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
    logFile: join(outDir, `${stamp}-app.log`),
    readyPath: '/api/health',
  });
  cleanups.push(() => app.stop());

  // 3. Sessions.
  const password = process.env.DEMO_PASSWORD ?? 'Demo@2026';
  const cookies = {} as Record<BenchUser, string>;
  for (const user of BENCH_USERS) cookies[user] = await login(app.url, user, password);
  log(`已登录：${BENCH_USERS.join('、')}`);

  // 4. The tile: the first request builds it, the second comes from the tile cache.
  const all = benchPages(picked);
  if (all.map((s) => s.key).join() !== PAGE_KEYS.join()) throw new Error('targets.ts: PAGE_KEYS 与 benchPages 的页面不一致');
  const specs = all.filter((s) => opts.only.length === 0 || opts.only.includes(s.key));
  const tileSpec = all.find((s) => s.kind === 'tile')!;
  await fetchOnce(app.url + tileSpec.path, cookies[tileSpec.user]);
  const tile = await fetchOnce(app.url + tileSpec.path, cookies[tileSpec.user]);
  if (tile.status !== 200 || tile.bytes.length === 0) throw new BenchCheckError(`瓦片 ${tileSpec.path} 返回 HTTP ${tile.status}、${tile.bytes.length} 字节`);
  if (tile.headers.get('x-tile-cache') !== 'hit') throw new BenchCheckError(`瓦片 ${tileSpec.path} 第二次请求没有命中缓存（x-tile-cache: ${tile.headers.get('x-tile-cache')}）`);
  const tileHeaders: Record<string, string> = {};
  for (const h of ['content-type', 'etag', 'cache-control', 'x-tile-cache']) {
    const v = tile.headers.get(h);
    if (v !== null) tileHeaders[h] = v;
  }
  const tileFile = writeBareTile(bareDir, tile.bytes, tileHeaders);

  log(`启动空白应用 http://127.0.0.1:${opts.barePort}`);
  const bareServer: RunningServer = await nextStart({
    name: '空白应用',
    root,
    dir: bareDir,
    port: opts.barePort,
    env: serverEnv({ BENCH_TILE_FILE: tileFile, PORT: String(opts.barePort) }),
    logFile: join(outDir, `${stamp}-bare.log`),
    readyPath: '/',
  });
  cleanups.push(() => bareServer.stop());

  // 5. One request each: status, body, size; the bare page must be rendered per request.
  const barePage = await fetchOnce(bareServer.url + '/', '');
  if (barePage.status !== 200 || !barePage.bytes.toString('utf8').includes(BARE_PAGE_MARKER)) throw new BenchCheckError(`空白页面返回 HTTP ${barePage.status}`);
  if (!/no-store/.test(barePage.headers.get('cache-control') ?? '')) {
    throw new BenchCheckError(`空白页面不是按请求渲染的（cache-control: ${barePage.headers.get('cache-control')}）`);
  }
  const bareTile = await fetchOnce(bareServer.url + '/tile', '');
  if (bareTile.status !== 200 || !bareTile.bytes.equals(tile.bytes)) throw new BenchCheckError('空白应用的 /tile 返回的字节与本应用的瓦片不同');

  const firstLook = new Map<string, { bytes: number; rows: number; svgs: number }>();
  for (const spec of specs) {
    const r = await fetchOnce(app.url + spec.path, cookies[spec.user]);
    if (r.status !== 200) throw new BenchCheckError(`${spec.path}（${spec.user}）返回 HTTP ${r.status}${r.headers.get('location') ? ` → ${r.headers.get('location')}` : ''}`);
    if (spec.kind === 'tile') {
      if (!r.bytes.equals(tile.bytes)) throw new BenchCheckError(`${spec.path} 两次返回的字节不同`);
      firstLook.set(spec.key, { bytes: r.bytes.length, rows: 0, svgs: 0 });
      continue;
    }
    const html = r.bytes.toString('utf8');
    const problem = pageBodyProblem(spec, html);
    if (problem) throw new BenchCheckError(`${spec.path}（${spec.user}）：${problem}`);
    firstLook.set(spec.key, { bytes: r.bytes.length, ...pageMeta(spec, html) });
  }

  // Targets of one run: where, with which cookie, and the check of every response.
  const headersOf = (user: BenchUser) => ({ cookie: cookies[user] });
  // Next streams route handler bodies (no content-length), and autocannon hands over bodies as
  // text: each response is checked by its etag (the tile's content hash) and, for ours, by being
  // served from the tile cache; the bytes themselves are compared before and after the runs.
  const tileEtag = tileHeaders.etag;
  if (!tileEtag) throw new BenchCheckError(`瓦片 ${tileSpec.path} 没有 etag`);
  const tileCheck = (expectHit: boolean) => (body: string, headers: Record<string, string>) =>
    headers.etag !== tileEtag || body.length === 0
      ? `瓦片 etag ${headers.etag}，应为 ${tileEtag}`
      : expectHit && headers['x-tile-cache'] !== 'hit'
        ? `瓦片没有命中缓存（x-tile-cache: ${headers['x-tile-cache']}）`
        : null;
  const common = { connections: opts.connections };
  const barePageRun = (warmup = false) =>
    measure({
      ...common,
      duration: warmup ? opts.warmup : opts.duration,
      warmup,
      label: 'bare page',
      baseUrl: bareServer.url,
      path: '/',
      headers: headersOf('leader'),
      check: (body) => (body.includes(BARE_PAGE_MARKER) ? null : '不是空白页面'),
      serverPgid: bareServer.pid,
    });
  const bareTileRun = (warmup = false) =>
    measure({ ...common, duration: warmup ? opts.warmup : opts.duration, warmup, label: 'bare /tile', baseUrl: bareServer.url, path: '/tile', headers: headersOf('leader'), check: tileCheck(false), serverPgid: bareServer.pid });
  const pageRun = (spec: PageSpec, warmup = false) =>
    measure({
      ...common,
      duration: warmup ? opts.warmup : opts.duration,
      warmup,
      label: spec.key,
      baseUrl: app.url,
      path: spec.path,
      headers: headersOf(spec.user),
      check: spec.kind === 'tile' ? tileCheck(true) : (body) => pageBodyProblem(spec, body),
      serverPgid: app.pid,
    });

  const pageSpecs = specs.filter((s) => s.kind !== 'tile');
  const tileSpecs = specs.filter((s) => s.kind === 'tile');
  const runs = 2 * pageSpecs.length + (pageSpecs.length ? 1 : 0) + 2 * tileSpecs.length + (tileSpecs.length ? 1 : 0);
  const warmups = opts.warmup > 0 ? specs.length + (pageSpecs.length ? 1 : 0) + (tileSpecs.length ? 1 : 0) : 0;
  log(`共 ${runs} 轮测量 × ${opts.duration} s，预热 ${warmups} × ${opts.warmup} s：约 ${Math.ceil((runs * opts.duration + warmups * opts.warmup) / 60)} 分钟`);

  if (opts.warmup > 0) {
    log('预热……');
    if (pageSpecs.length) await barePageRun(true);
    if (tileSpecs.length) await bareTileRun(true);
    for (const spec of specs) await pageRun(spec, true);
  }

  // 6. Alternating runs.
  const bareRuns: RunResult[] = [];
  const results: PageResult[] = [];
  const alternate = async (list: PageSpec[], bareRun: () => Promise<RunResult>, bareLabel: string) => {
    if (list.length === 0) return;
    let before = await bareRun();
    bareRuns.push(before);
    log(`${bareLabel}：${before.rps.toFixed(0)} req/s`);
    for (const spec of list) {
      const measured = await pageRun(spec);
      const after = await bareRun();
      bareRuns.push(after);
      const bareRps = (before.rps + after.rps) / 2;
      const look = firstLook.get(spec.key)!;
      const ratio = measured.rps / bareRps;
      const misses = targetMisses(spec.kind, { ratio, p975: measured.p975, htmlKb: look.bytes / 1024 });
      results.push({
        key: spec.key,
        kind: spec.kind,
        path: spec.path,
        user: spec.user,
        bodyBytes: look.bytes,
        rows: look.rows,
        svgs: look.svgs,
        run: measured,
        bareBefore: before,
        bareAfter: after,
        bareRps,
        ratio,
        target: describeTarget(spec.kind),
        misses,
        pass: misses.length === 0,
      });
      log(`${spec.path}：${measured.rps.toFixed(0)} req/s，p97.5 ${measured.p975.toFixed(0)} ms，比值 ${ratio.toFixed(2)}（${bareLabel} ${after.rps.toFixed(0)} req/s）`);
      before = after;
    }
  };
  await alternate(pageSpecs, () => barePageRun(), '空白页面');
  await alternate(tileSpecs, () => bareTileRun(), '空白 /tile');

  // The tile is still the same bytes after the runs (nothing rebuilt it differently).
  for (const spec of tileSpecs) {
    const again = await fetchOnce(app.url + spec.path, cookies[spec.user]);
    if (!again.bytes.equals(tile.bytes)) throw new BenchCheckError(`${spec.path} 测量后返回的字节变了`);
  }

  // 7. Stop the servers (our server writes its CPU profile on exit), then report.
  await bareServer.stop();
  await app.stop();
  const report: BenchReport = {
    meta: {
      stamp,
      startedAt,
      finishedAt: new Date().toISOString(),
      db: opts.db,
      database: database.label,
      next,
      node: process.version,
      cpus: cpus().length,
      loadAvgStart,
      loadAvgEnd: loadavg(),
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
      duration: opts.duration,
      connections: opts.connections,
      warmup: opts.warmup,
      users: {
        leader: 'business pages and the tile',
        sysadmin: '/admin/users',
        auditadmin: '/admin/audit',
      },
      picked,
      bareBodyBytes: barePage.bytes.length,
      tileBytes: tile.bytes.length,
    },
    bareRuns,
    pages: results,
  };
  if (opts.cpuProf) {
    const files = existsSync(profDir) ? readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')) : [];
    if (files.length === 0) log(`没有找到 CPU profile（${relative(root, profDir)}），见 ${relative(root, app.logFile)}`);
    else {
      // Only the samples taken while our pages were measured (V8 and process.hrtime share the clock).
      const windows = results.map((r) => ({ startUs: r.run.startUs, endUs: r.run.endUs }));
      report.profile = aggregateProfiles(profDir, root, 25, windows);
      if (report.profile.totalMs === 0) {
        log('CPU profile 的时间与测量时段对不上，改为汇总服务的全部时间');
        report.profile = aggregateProfiles(profDir, root);
      }
    }
  }

  const base = join(outDir, stamp);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown(report));
  console.log('');
  console.log(consoleTable(report));
  console.log('');
  console.log(summaryLine(report));
  if (report.profile) {
    console.log('');
    console.log(profileMarkdown(report.profile).join('\n'));
    console.log(`\nprofiles: ${relative(root, profDir)}`);
  }
  console.log(`\nresults: ${relative(root, base)}.json, ${relative(root, base)}.md`);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.aggregateProf) {
    console.log(profileMarkdown(aggregateProfiles(opts.aggregateProf, root)).join('\n'));
    return;
  }
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((e: unknown) => log(`清理失败：${String(e)}`));
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log('中断，正在停止服务……');
      void cleanUp().then(() => process.exit(130));
    });
  }
  try {
    await run(opts, cleanups);
  } catch (e) {
    await cleanUp();
    throw e;
  }
  await cleanUp();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    const loud = e instanceof BenchCheckError;
    console.error(`\n${loud ? '测量失败（响应不对，结果无效）' : 'bench:pages 失败'}：${e instanceof Error ? e.message : String(e)}`);
    if (!loud && e instanceof Error && e.stack && !/[\u4e00-\u9fa5]/.test(e.message)) console.error(e.stack);
    process.exit(1);
  },
);
