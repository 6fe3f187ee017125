import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshAuthOptions, isolateAuthEnvironment } from '../helpers/auth-env';

// next-auth's own origin detection (not in its package exports; loaded by path).
const { detectOrigin } = createRequire(import.meta.url)(join(__dirname, '..', '..', 'node_modules', 'next-auth', 'utils', 'detect-origin.js')) as {
  detectOrigin: (host: string, protocol: string) => string | undefined;
};

/**
 * A default start (no NEXTAUTH_URL) must be quiet and right: next-auth warns 「NEXTAUTH_URL」 on
 * the first request when it cannot tell the site's address. The address is then the one the
 * browser used; an administrator's NEXTAUTH_URL still wins.
 */
isolateAuthEnvironment('lr-auth-origin-');

describe('the site address next-auth works with', () => {
  it('without NEXTAUTH_URL: the address the browser used, by IP or by name', async () => {
    expect(detectOrigin('10.20.1.5:3000', 'http')).toBeUndefined(); // what made next-auth warn
    await freshAuthOptions();
    expect(detectOrigin('10.20.1.5:3000', 'http')).toBe('http://10.20.1.5:3000');
    expect(detectOrigin('tdcb.example.gov.cn', 'https')).toBe('https://tdcb.example.gov.cn');
  });

  it('with NEXTAUTH_URL: that address, whatever the request says', async () => {
    process.env.NEXTAUTH_URL = 'https://tdcb.example.gov.cn';
    await freshAuthOptions();
    expect(process.env.AUTH_TRUST_HOST).toBeUndefined();
    expect(detectOrigin('evil.example', 'https')).toBe('https://tdcb.example.gov.cn');
  });
});
