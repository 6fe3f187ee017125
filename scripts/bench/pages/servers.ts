/**
 * Starting and stopping `next build` / `next start` for bench:pages. Servers run in their own
 * process group (detached) with their output in a log file, and are stopped by signalling the group.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** next's CLI entry, run with this Node (so NODE_OPTIONS such as --cpu-prof apply to the server). */
export function nextCli(root: string): string {
  return createRequire(join(root, 'package.json')).resolve('next/dist/bin/next');
}

export function nextVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve('next/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs `next build <dir>` to completion; its output goes to `logFile`. */
export async function nextBuild(root: string, dir: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, [nextCli(root), 'build', dir], { cwd: dir, env, stdio: ['ignore', fd, fd] });
    const code = await new Promise<number | null>((ok, fail) => {
      child.on('error', fail);
      child.on('exit', (c) => ok(c));
    });
    if (code !== 0) throw new Error(`next build ${dir} 失败（退出码 ${code}），见 ${logFile}`);
  } finally {
    closeSync(fd);
  }
}

export interface RunningServer {
  name: string;
  /** Process id of the server (also its process-group id). */
  pid: number;
  url: string;
  logFile: string;
  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves when the server has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `next start <dir> -p <port>` and waits until `readyPath` answers (any status below 500). */
export async function nextStart(opts: {
  name: string;
  root: string;
  dir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyPath: string;
  /** Options for the server's Node (--cpu-prof is refused in NODE_OPTIONS by Node 20). */
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<RunningServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  await assertPortFree(url, opts.name);
  const fd = openSync(opts.logFile, 'a');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), nextCli(opts.root), 'start', opts.dir, '-p', String(opts.port), '-H', '127.0.0.1'], {
    cwd: opts.dir,
    env: opts.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.name} 启动失败`);
  let exited = false;
  let exitCode: number | null = null;
  const exit = new Promise<void>((ok) =>
    child.on('exit', (code) => {
      exited = true;
      exitCode = code;
      ok();
    }),
  );
  const server: RunningServer = {
    name: opts.name,
    pid,
    url,
    logFile: opts.logFile,
    async stop(graceMs = 30_000) {
      if (exited) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new Error(`${opts.name} 已退出（退出码 ${exitCode}），见 ${opts.logFile}`);
    try {
      const r = await fetch(url + opts.readyPath, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      if (r.status < 500) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop(2000);
      throw new Error(`${opts.name} 在 ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} 秒内没有就绪，见 ${opts.logFile}`);
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

async function assertPortFree(url: string, name: string): Promise<void> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
  } catch {
    return;
  }
  throw new Error(`${url} 已有服务在监听，无法启动${name}；请换端口（--port / --bare-port）`);
}

/** CPU seconds (user + system) used so far by every process of a process group (Linux /proc). */
export function groupCpuSeconds(pgid: number): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    total += (Number(fields[11]) + Number(fields[12])) / ticks;
  }
  return total;
}
