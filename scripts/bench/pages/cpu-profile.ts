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

/** The package (or area) a script belongs to, for the per-package summary. */
function packageOf(location: string, name: string): string {
  if (!location) return name.startsWith('(') ? name : '(native)';
  if (location.startsWith('node:')) return 'node (built-in)';
  const parts = location.split('/');
  if (parts[0].startsWith('@') && parts.length > 1) return `${parts[0]}/${parts[1]}`;
  if (parts[0] === '.next' || location.includes('/.next/')) return '.next (our bundled code)';
  return parts[0];
}

export function aggregateProfiles(dir: string, root: string, top = 25): ProfileSummary {
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
    for (let i = 0; i < samples.length; i++) {
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
      const key = `${name}\u0000${location}\u0000${f.lineNumber}`;
      const entry = byFunction.get(key) ?? { name, location: location ? `${location}:${f.lineNumber + 1}` : '', us: 0 };
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
    `CPU profile: ${s.files.length} file(s), ${(s.totalMs / 1000).toFixed(1)} s profiled, ${(s.busyMs / 1000).toFixed(1)} s not idle (start-up, log-in and warm-up included).`,
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
