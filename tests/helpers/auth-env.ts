import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NextAuthOptions } from 'next-auth';
import { afterEach, beforeEach, vi } from 'vitest';

const KEYS = ['NEXTAUTH_URL', 'AUTH_TRUST_HOST', 'DATA_DIR'] as const;

/**
 * For tests of what the environment makes of the auth options (call at the top of the file):
 * before each test fresh modules, a new DATA_DIR (`tmpPrefix`…) and neither NEXTAUTH_URL nor
 * AUTH_TRUST_HOST; after it the three variables as they were before the file ran.
 */
export function isolateAuthEnvironment(tmpPrefix: string): void {
  const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
  beforeEach(() => {
    vi.resetModules();
    process.env.DATA_DIR = mkdtempSync(join(tmpdir(), tmpPrefix));
    delete process.env.NEXTAUTH_URL;
    delete process.env.AUTH_TRUST_HOST;
  });
  afterEach(() => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
}

/** getAuthOptions() of freshly loaded modules, the configuration read again from the environment. */
export async function freshAuthOptions(): Promise<NextAuthOptions> {
  const { resetConfigCache } = await import('../../src/platform/config');
  resetConfigCache();
  const { getAuthOptions } = await import('../../src/platform/auth/options');
  return getAuthOptions();
}
