/**
 * Aggregates V8 .cpuprofile files (node --cpu-prof) into self time per function and per package:
 * where the server's single JavaScript thread spends its time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeRow {
  name: string;
  location: string;
  selfMs: number;
  /** Share of the non-idle time of all profiles. */
  pct: number;
}

export interface ProfileSummary {
  files: string[];
  /** Whether only the measured runs were counted (else the whole life of the server). */
  measuredRunsOnly: boolean;
  /** Wall time covered by the profiles. */
  totalMs: number;
  /** Time not idle (samples outside "(idle)"). */
  busyMs: number;
  functions: SelfTimeRow[];
  packages: SelfTimeRow[];
}

/** Where a script lives, short: "react-dom/cjs/…", ".next/server/chunks/…", "node:internal/…". */
function shortUrl(url: string, root: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  return path.startsWith('/') ? relative(root, path) : path;
}

/**
 * The package (or area) a script belongs to, for the per-package summary. Turbopack names its
 * server chunks after what they hold: node_modules_drizzle-orm_…, src_modules_parcels_…; chunks
 * named by a hash only ([root-of-the-server]__…, _1y5_…) mix several.
 */
function packageOf(location: string, name: string): string {
  if (!location) return name.startsWith('(') ? name : '(native)';
  if (location.startsWith('node:')) return 'node (built-in)';
  if (location.startsWith('wasm://')) return 'WebAssembly (PGlite: PostgreSQL compiled to WASM)';
  const parts = location.split('/');
  if (parts[0] === '.next') {
    const file = parts[parts.length - 1].replace(/:\d+:\d+$/, '');
    if (file.startsWith('[turbopack]_runtime')) return 'bundled: Turbopack runtime';
    const nm = /^node_modules_(.+)$/.exec(file);
    if (nm) {
      const tokens = nm[1].split('_');
      const pkg = tokens[0].startsWith('@') ? `${tokens[0]}/${tokens[1]}` : tokens[0];
      return /^[a-z@][a-z]{2}/i.test(pkg) ? `bundled: ${pkg}` : 'bundled: mixed chunks';
    }
    const src = /^src_(modules|platform|ui|app)_([a-z0-9-]+)_/.exec(file);
    if (src) return src[1] === 'modules' ? `bundled: src/modules/${src[2]}` : `bundled: src/${src[1]}`;
    return 'bundled: mixed chunks';
  }
  if (parts[0].startsWith('@') && parts.length > 1) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

/** A span of the monotonic clock (µs, as process.hrtime and V8's profiles count it). */
export interface TimeWindow {
  startUs: number;
  endUs: number;
}

/** The monotonic clock in µs, comparable with the sample times of a .cpuprofile on this machine. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time per function and per package over all profiles in `dir`; with `windows`, only the
 * samples taken inside them (the measured runs, without start-up, log-in and warm-up).
 */
export function aggregateProfiles(dir: string, root: string, top = 25, windows: TimeWindow[] = []): ProfileSummary {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const byFunction = new Map<string, { name: string; location: string; us: number }>();
  const byPackage = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const { samples, timeDeltas } = profile;
    let sampleAt = profile.startTime;
    for (let i = 0; i < samples.length; i++) {
      sampleAt += timeDeltas[i];
      if (windows.length && !windows.some((w) => sampleAt >= w.startUs && sampleAt <= w.endUs)) continue;
      // A sample's time runs until the next sample (the last one gets nothing).
      const us = i + 1 < timeDeltas.length ? Math.max(0, timeDeltas[i + 1]) : 0;
      const node = nodes.get(samples[i]);
      if (!node) continue;
      totalUs += us;
      const f = node.callFrame;
      const name = f.functionName || '(anonymous)';
      if (name === '(idle)') {
        idleUs += us;
        continue;
      }
      const location = shortUrl(f.url, root);
      // Line and column: bundled code is minified, many functions share a line.
      const where = location ? `${location}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
      const key = `${name}\u0000${where}`;
      const entry = byFunction.get(key) ?? { name, location: where, us: 0 };
      entry.us += us;
      byFunction.set(key, entry);
      const pkg = packageOf(location, name);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    }
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => (busyUs > 0 ? (us / busyUs) * 100 : 0);
  return {
    files,
    measuredRunsOnly: windows.length > 0,
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    functions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, location: e.location, selfMs: e.us / 1000, pct: pct(e.us) })),
    packages: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, us]) => ({ name, location: '', selfMs: us / 1000, pct: pct(us) })),
  };
}

/** Markdown tables of a summary. */
export function profileMarkdown(s: ProfileSummary): string[] {
  const lines = [
    `CPU profile of the server: ${s.files.length} file(s), ${(s.totalMs / 1000).toFixed(1)} s counted (${s.measuredRunsOnly ? 'the measured runs of our pages only' : 'the whole life of the server, start-up included'}), ${(s.busyMs / 1000).toFixed(1)} s not idle.`,
    '',
    `Top ${s.functions.length} functions by self time (% of the non-idle time):`,
    '',
    '| # | self ms | % | function | location |',
    '|---|---|---|---|---|',
    ...s.functions.map((f, i) => `| ${i + 1} | ${f.selfMs.toFixed(0)} | ${f.pct.toFixed(1)} | ${f.name.replace(/\|/g, '\\|')} | ${f.location.replace(/\|/g, '\\|')} |`),
    '',
    'Self time by package:',
    '',
    '| package | self ms | % |',
    '|---|---|---|',
    ...s.packages.map((p) => `| ${p.name} | ${p.selfMs.toFixed(0)} | ${p.pct.toFixed(1)} |`),
  ];
  return lines;
}
