/** The results of bench:pages: a console table, Markdown and JSON. */
import type { RunResult } from './measure';
import type { PageKind, PageSpec } from './targets';
import type { ProfileSummary } from './cpu-profile';
import { profileMarkdown } from './cpu-profile';
import type { BenchTargets } from './app-db';

export interface PageResult {
  key: string;
  kind: PageKind;
  path: string;
  user: string;
  /** Bytes of one response body (HTML, or the tile). */
  bodyBytes: number;
  /** Table body rows in the HTML (<tr> inside <tbody>). */
  rows: number;
  /** Inline <svg> elements in the HTML. */
  svgs: number;
  run: RunResult;
  bareBefore: RunResult;
  bareAfter: RunResult;
  /** Mean req/s of the two bare runs beside this one. */
  bareRps: number;
  ratio: number;
  target: string;
  misses: string[];
  pass: boolean;
}

export interface BenchReport {
  meta: {
    stamp: string;
    startedAt: string;
    finishedAt: string;
    db: 'pg' | 'pglite';
    database: string;
    next: string;
    node: string;
    cpus: number;
    loadAvgStart: number[];
    loadAvgEnd: number[];
    commit: string;
    dirty: boolean;
    duration: number;
    connections: number;
    warmup: number;
    users: Record<string, string>;
    picked: BenchTargets;
    /** Body bytes of one bare page response and of the tile. */
    bareBodyBytes: number;
    tileBytes: number;
  };
  /** Every bare run in the order measured (bare page and bare /tile route handler). */
  bareRuns: RunResult[];
  pages: PageResult[];
  profile?: ProfileSummary;
}

const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const kb = (bytes: number) => f1(bytes / 1024);
const pct = (v: number | null) => (v === null ? '—' : f0(v));

/** The path with object ids (ULIDs) written as :id, for the tables (the ids are in the header). */
export function displayPath(path: string): string {
  return path.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=\/|$)/g, '/:id');
}

function pageCells(p: PageResult): string[] {
  return [
    displayPath(p.path),
    f0(p.run.rps),
    f0(p.run.p50),
    f0(p.run.p975),
    f0(p.run.p99),
    kb(p.bodyBytes),
    p.kind === 'tile' ? '' : String(p.rows),
    f0(p.bareRps),
    f2(p.ratio),
    p.target,
    p.pass ? 'pass' : `FAIL: ${p.misses.join('; ')}`,
  ];
}

const HEAD = ['page', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'body KB', 'rows', 'bare req/s', 'ratio', 'target', 'pass/fail'];

/** A plain-text table for the terminal. */
export function consoleTable(r: BenchReport): string {
  const rows = [HEAD, ...r.pages.map(pageCells)];
  const widths = HEAD.map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 1 && c <= 8 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function summaryLine(r: BenchReport): string {
  const met = r.pages.filter((p) => p.pass).length;
  return `targets met: ${met} of ${r.pages.length}`;
}

export function markdown(r: BenchReport): string {
  const m = r.meta;
  const lines = [
    `# bench:pages ${m.stamp}`,
    '',
    `- database: ${m.database}, demo data (as \`npm start\` seeds an empty database)`,
    `- Next ${m.next}, Node ${m.node}, ${m.cpus} CPUs; load average (1 min) ${f2(m.loadAvgStart[0])} at the start, ${f2(m.loadAvgEnd[0])} at the end`,
    `- commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}`,
    `- autocannon: ${m.connections} connections, ${m.duration} s per run, ${m.warmup} s warm-up per target; each page measured between two runs of the bare page (the tile between two runs of the bare /tile route handler); ratio = page req/s ÷ mean of those two bare runs`,
    `- bare page body ${f1(m.bareBodyBytes / 1024)} KB; tile ${f1(m.tileBytes / 1024)} KB`,
    `- users: ${Object.entries(m.users)
      .map(([user, pages]) => `${user} (${pages})`)
      .join(', ')}`,
    `- measured objects (:id in the table): project ${m.picked.project.code} ${m.picked.project.name}, bond ${m.picked.bond.code} ${m.picked.bond.name}, tile ${m.picked.tile.z}/${m.picked.tile.x}/${m.picked.tile.y} (${m.picked.tile.parcels} parcel centres)`,
    '',
    `| ${HEAD.join(' | ')} | inline svg | server CPU % | client CPU % |`,
    `|${HEAD.map(() => '---').join('|')}|---|---|---|`,
    ...r.pages.map((p) => `| ${pageCells(p).join(' | ')} | ${p.kind === 'tile' ? '' : p.svgs} | ${pct(p.run.serverCpuPct)} | ${pct(p.run.clientCpuPct)} |`),
    '',
    summaryLine(r) + '.',
    '',
    'Bare runs in order (the bare page, then the bare /tile route handler):',
    '',
    '| # | path | req/s | p50 ms | p97.5 ms | p99 ms | server CPU % | load (1 min) |',
    '|---|---|---|---|---|---|---|---|',
    ...r.bareRuns.map((b, i) => `| ${i + 1} | ${b.path} | ${f0(b.rps)} | ${f1(b.p50)} | ${f1(b.p975)} | ${f1(b.p99)} | ${pct(b.serverCpuPct)} | ${f2(b.loadAvg1)} |`),
    '',
    'CPU % is of one core over the run (server: the whole `next start` process group; client: this process, autocannon).',
  ];
  if (r.profile) lines.push('', ...profileMarkdown(r.profile));
  return lines.join('\n') + '\n';
}

export function pageMeta(spec: PageSpec, html: string): { rows: number; svgs: number } {
  let rows = 0;
  for (const body of html.match(/<tbody[\s>][\s\S]*?<\/tbody>/g) ?? []) rows += (body.match(/<tr[\s>]/g) ?? []).length;
  return { rows: spec.kind === 'tile' ? 0 : rows, svgs: spec.kind === 'tile' ? 0 : (html.match(/<svg[\s>]/g) ?? []).length };
}
