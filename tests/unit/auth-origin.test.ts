import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';

// next-auth's own origin detection (not in its package exports; loaded by path).
const { detectOrigin } = createRequire(import.meta.url)(join(__dirname, '..', '..', 'node_modules', 'next-auth', 'utils', 'detect-origin.js')) as {
  detectOrigin: (host: string, protocol: string) => string | undefined;
};

/**
 * A default start (no NEXTAUTH_URL) must be quiet and right: next-auth warns 「NEXTAUTH_URL」 on
 * the first request when it cannot tell the site's address. The address is then the one the
 * browser used; an administrator's NEXTAUTH_URL still wins.
 */
const saved = { url: process.env.NEXTAUTH_URL, trust: process.env.AUTH_TRUST_HOST, dataDir: process.env.DATA_DIR };

beforeEach(() => {
  vi.resetModules();
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-auth-origin-'));
  delete process.env.NEXTAUTH_URL;
  delete process.env.AUTH_TRUST_HOST;
});
afterEach(() => {
  for (const [key, value] of [['NEXTAUTH_URL', saved.url], ['AUTH_TRUST_HOST', saved.trust], ['DATA_DIR', saved.dataDir]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function authOptions() {
  const { resetConfigCache } = await import('../../src/platform/config');
  resetConfigCache();
  const { getAuthOptions } = await import('../../src/platform/auth/options');
  return getAuthOptions();
}

describe('the site address next-auth works with', () => {
  it('without NEXTAUTH_URL: the address the browser used, by IP or by name', async () => {
    expect(detectOrigin('10.20.1.5:3000', 'http')).toBeUndefined(); // what made next-auth warn
    await authOptions();
    expect(detectOrigin('10.20.1.5:3000', 'http')).toBe('http://10.20.1.5:3000');
    expect(detectOrigin('tdcb.example.gov.cn', 'https')).toBe('https://tdcb.example.gov.cn');
  });

  it('with NEXTAUTH_URL: that address, whatever the request says', async () => {
    process.env.NEXTAUTH_URL = 'https://tdcb.example.gov.cn';
    await authOptions();
    expect(process.env.AUTH_TRUST_HOST).toBeUndefined();
    expect(detectOrigin('evil.example', 'https')).toBe('https://tdcb.example.gov.cn');
  });
});
