import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening one folder silently lose data.
 * This exclusive lock file (holding the owner's pid) makes a second process refuse.
 */
export class DataDirLockedError extends Error {
  constructor(
    public readonly dir: string,
    public readonly ownerPid: number,
    ownerCommand: string,
  ) {
    super(
      `数据目录 ${dir} 正被另一个进程使用（PID ${ownerPid}${ownerCommand ? `：${ownerCommand}` : ''}）。` +
        '内置数据库同一时间只能由一个进程打开，请先停止正在运行的系统或脚本，再执行本命令。',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
}

const held = new Set<string>();

function isLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A recycled pid that now belongs to something other than node is not our owner.
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline)) {
    try {
      return /node|next|tsx|vitest/.test(readFileSync(cmdline, 'utf8'));
    } catch {
      return true;
    }
  }
  return true;
}

export function lockFilePath(dataDir: string): string {
  return join(resolve(dataDir), 'pglite.lock');
}

export function acquireDataDirLock(dataDir: string): void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = lockFilePath(dir);
  if (held.has(file)) return;
  const info: LockInfo = {
    pid: process.pid,
    command: process.argv.slice(1, 3).join(' ').slice(0, 200),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      held.add(file);
      process.once('exit', () => releaseDataDirLock(dir));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: LockInfo | undefined;
    try {
      owner = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      owner = undefined; // half-written or corrupt: treat as stale
    }
    if (owner && owner.pid !== process.pid && isLiveProcess(owner.pid)) {
      throw new DataDirLockedError(dir, owner.pid, owner.command);
    }
    try {
      unlinkSync(file); // stale lock of a process that is gone
    } catch {
      /* another process removed it first; retry */
    }
  }
  throw new DataDirLockedError(dir, -1, '');
}

export function releaseDataDirLock(dataDir: string): void {
  const file = lockFilePath(dataDir);
  if (!held.has(file)) return;
  held.delete(file);
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    if (owner.pid === process.pid) unlinkSync(file);
  } catch {
    /* already gone */
  }
}
