import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError, lockFilePath, releaseDataDirLock } from '../../src/platform/db/lock';

describe('embedded database folder lock', () => {
  it('refuses while another live process holds the folder, with a Chinese message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-lock-'));
    // A live node process that is not us "holds" the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(lockFilePath(dir), JSON.stringify({ pid: other.pid, command: 'next start', startedAt: new Date().toISOString() }));
      let error: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`正被另一个进程使用（PID ${other.pid}：next start）`);
      expect((error as Error).message).toContain('请先停止正在运行的系统');
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock of a dead process and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-lock-'));
    writeFileSync(lockFilePath(dir), JSON.stringify({ pid: 999_999, command: 'gone', startedAt: '' }));
    acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFilePath(dir), 'utf8')).pid).toBe(process.pid);
    releaseDataDirLock(dir);
    expect(existsSync(lockFilePath(dir))).toBe(false);
  });
});
