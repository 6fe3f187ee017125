/**
 * What the app shell and the per-request session check cost, against a running server
 * (issue 12 items 4 and 5).
 *
 *   npx tsx scripts/bench/session.ts [--base http://127.0.0.1:3000] [--user clerk] [--password …]
 *                                    [--seconds 10] [--connections 10] [--tile 14/13434/6555]
 *
 * Signs in through next-auth's credentials endpoint like the login page does, then prints:
 *   - HTML bytes and single-request latency (median of 20) of a few pages,
 *   - req/s and p50/p97.5 at N connections for the same cached parcel tile with the session and
 *     without a cookie (refused with 401 before any tile work: the floor of the route),
 *   - req/s of a page with the session.
 * The client runs on the same machine as the server, so the figures are comparative only.
 */
import { performance } from 'node:perf_hooks';

interface Options {
  base: string;
  user: string;
  password: string;
  seconds: number;
  connections: number;
  tile: string | null;
  pages: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    base: 'http://127.0.0.1:3000',
    user: 'clerk',
    password: process.env.DEMO_PASSWORD ?? 'Demo@2026',
    seconds: 10,
    connections: 10,
    tile: null,
    pages: ['/profile/password', '/parcels', '/workbench'],
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const next = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    if (a === '--base') o.base = next();
    else if (a === '--user') o.user = next();
    else if (a === '--password') o.password = next();
    else if (a === '--seconds') o.seconds = Number(next());
    else if (a === '--connections') o.connections = Number(next());
    else if (a === '--tile') o.tile = next();
    else if (a === '--pages') o.pages = next().split(',');
    else throw new Error(`未知参数：${a}`);
  }
  return o;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/** The session cookie, obtained as the browser does: csrf token, then the credentials callback. */
async function signIn(o: Options): Promise<string> {
  const csrfRes = await fetch(`${o.base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${o.base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, username: o.user, password: o.password, json: 'true' }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`登录失败（HTTP ${res.status}）`);
  return session;
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

async function once(url: string, cookie: string | null): Promise<{ status: number; bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const body = await res.arrayBuffer();
  return { status: res.status, bytes: body.byteLength, ms: performance.now() - t0 };
}

/** N connections, each issuing requests back to back for `seconds`. */
async function load(url: string, cookie: string | null, seconds: number, connections: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const r = await once(url, cookie);
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: pct(latencies, 0.5),
    p975: pct(latencies, 0.975),
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const cookie = await signIn(o);
  console.log(`| page | status | HTML bytes | median of 20 (ms) |\n|---|---|---|---|`);
  for (const p of o.pages) {
    const runs: { status: number; bytes: number; ms: number }[] = [];
    for (let i = 0; i < 22; i++) runs.push(await once(`${o.base}${p}`, cookie));
    const ms = runs.slice(2).map((r) => r.ms).sort((a, b) => a - b);
    console.log(`| ${p} | ${runs[0].status} | ${runs.at(-1)!.bytes} | ${pct(ms, 0.5).toFixed(1)} |`);
  }
  if (o.tile) {
    const url = `${o.base}/api/tiles/parcels/${o.tile}`;
    const warm = await once(url, cookie);
    if (warm.status !== 200) throw new Error(`瓦片 ${o.tile} 返回 HTTP ${warm.status}`);
    console.log(`\ntile ${o.tile}: ${warm.bytes} bytes, ${o.connections} connections, ${o.seconds} s each\n`);
    console.log(`| request | req/s | p50 (ms) | p97.5 (ms) | statuses |\n|---|---|---|---|---|`);
    for (const [name, c] of [
      ['tile, no cookie (401)', null],
      ['tile with session', cookie],
      ['tile, no cookie (401)', null],
      ['tile with session', cookie],
    ] as const) {
      const r = await load(url, c, o.seconds, o.connections);
      console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p975.toFixed(1)} | ${r.statuses} |`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
