import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { getConfig } from '../config';

let cached: string | undefined;

/** NEXTAUTH_SECRET, or a random secret created once in the data folder (mode 600). */
export function getAuthSecret(): string {
  if (cached) return cached;
  const cfg = getConfig();
  if (cfg.NEXTAUTH_SECRET) return (cached = cfg.NEXTAUTH_SECRET);
  const dir = resolve(/*turbopackIgnore: true*/ cfg.DATA_DIR);
  const file = join(dir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  cached = readFileSync(file, 'utf8').trim();
  return cached;
}
