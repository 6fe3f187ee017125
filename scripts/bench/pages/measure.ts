/**
 * One measured run: autocannon (programmatic API) against one URL for a fixed time with N
 * connections, every response checked (status 200 and a body check); CPU of the server's process
 * group and of this process over the run.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { monotonicUs } from './cpu-profile';
import { groupCpuSeconds } from './servers';

export interface RunSpec {
  /** What is measured, for messages: "bare /", "/parcels". */
  label: string;
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  /** A problem with one response body (null: fine). Called for every response. */
  check: (body: string, headers: Record<string, string>) => string | null;
  connections: number;
  duration: number;
  /** Process group of the server answering, for its CPU use. */
  serverPgid: number;
  /** A warm-up: a run in which no response completed is no error. */
  warmup?: boolean;
}

export interface RunResult {
  label: string;
  path: string;
  requests: number;
  durationS: number;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  /** Mean response bytes (body and headers) as autocannon counted them. */
  bytesPerResponse: number;
  /** Server process group CPU over the run, in % of one core. */
  serverCpuPct: number | null;
  /** This process (autocannon) CPU over the run, in % of one core. */
  clientCpuPct: number;
  loadAvg1: number;
  /** When the run started and ended on the monotonic clock (µs), to cut CPU profiles to it. */
  startUs: number;
  endUs: number;
}

export class BenchCheckError extends Error {}

export async function measure(spec: RunSpec): Promise<RunResult> {
  let responses = 0;
  const badStatus = new Map<string, number>();
  const badBody = new Map<string, number>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const onResponse = (status: number, body: string, _context: Record<string, unknown>, headers: Record<string, string>) => {
    responses++;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (status !== 200) {
      count(badStatus, `HTTP ${status}${lower.location ? ` → ${lower.location}` : ''}`);
      return;
    }
    const problem = spec.check(body, lower);
    if (problem) count(badBody, problem);
  };

  const serverBefore = groupCpuSeconds(spec.serverPgid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const startUs = monotonicUs();
  const result = await autocannon({
    url: spec.baseUrl,
    title: spec.label,
    connections: spec.connections,
    duration: spec.duration,
    timeout: 30,
    requests: [{ method: 'GET', path: spec.path, headers: spec.headers, onResponse }],
  });
  const endUs = monotonicUs();
  const wallS = (performance.now() - started) / 1000;
  const serverAfter = groupCpuSeconds(spec.serverPgid);
  const client = process.cpuUsage(clientBefore);

  const problems: string[] = [];
  if (result.errors) problems.push(`${result.errors} 次连接错误（其中超时 ${result.timeouts} 次）`);
  for (const [what, n] of badStatus) problems.push(`${n} 个响应为 ${what}`);
  for (const [what, n] of badBody) problems.push(`${n} 个响应内容不对：${what}`);
  if (result.non2xx && badStatus.size === 0) problems.push(`${result.non2xx} 个非 2xx 响应`);
  if (problems.length) throw new BenchCheckError(`${spec.label}（${spec.path}）：${problems.join('；')}`);

  const requests = result.requests.total;
  // Too slow for the run's length (on a loaded machine): no figures rather than autocannon's zeros.
  const none = responses === 0;
  if (none && !spec.warmup) console.error(`注意：${spec.label}（${spec.path}）在 ${spec.duration} s 内没有完成任何请求`);
  return {
    label: spec.label,
    path: spec.path,
    requests,
    durationS: result.duration,
    rps: requests / result.duration,
    p50: none ? NaN : result.latency.p50,
    p975: none ? NaN : result.latency.p97_5,
    p99: none ? NaN : result.latency.p99,
    max: none ? NaN : result.latency.max,
    bytesPerResponse: requests ? result.throughput.total / requests : 0,
    serverCpuPct: serverBefore !== null && serverAfter !== null ? ((serverAfter - serverBefore) / wallS) * 100 : null,
    clientCpuPct: ((client.user + client.system) / 1e6 / wallS) * 100,
    loadAvg1: loadavg()[0],
    startUs,
    endUs,
  };
}
