import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NextAuthOptions } from 'next-auth';
import { describe, expect, it } from 'vitest';
import { freshAuthOptions, isolateAuthEnvironment } from '../helpers/auth-env';

// next-auth's own option building (not in its package exports; loaded by path): what it really
// does with our options when a request comes in.
const { init } = createRequire(import.meta.url)(join(__dirname, '..', '..', 'node_modules', 'next-auth', 'core', 'init.js')) as {
  init: (params: Record<string, unknown>) => Promise<{ options: { cookies: Record<string, { name: string; options: { secure: boolean; httpOnly: boolean } }> } }>;
};

isolateAuthEnvironment('lr-auth-cookies-');

async function effectiveCookies(options: NextAuthOptions, origin: string) {
  const { options: built } = await init({ authOptions: options, action: 'session', origin: `${origin}/api/auth`, cookies: {}, isPost: false });
  return built.cookies;
}

describe('the session cookie', () => {
  it('is Secure with the __Secure- prefix when NEXTAUTH_URL is https, whatever the request looks like', async () => {
    process.env.NEXTAUTH_URL = 'https://tdcb.example.gov.cn';
    const options = await freshAuthOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: '__Secure-next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    });
    // Even if a request reaches the app over plain http behind the front server.
    const cookies = await effectiveCookies(options, 'http://127.0.0.1:3000');
    expect(cookies.sessionToken).toMatchObject({ name: '__Secure-next-auth.session-token', options: { secure: true, httpOnly: true } });
    expect(cookies.csrfToken).toMatchObject({ name: '__Host-next-auth.csrf-token', options: { secure: true } });
  });

  it('is a plain cookie when NEXTAUTH_URL is http', async () => {
    process.env.NEXTAUTH_URL = 'http://tdcb.example.local';
    const options = await freshAuthOptions();
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken).toMatchObject({ name: 'next-auth.session-token', options: { secure: false } });
  });

  it('without NEXTAUTH_URL follows the address the browser used', async () => {
    const options = await freshAuthOptions();
    expect(options.useSecureCookies).toBeUndefined();
    expect(options.cookies).toBeUndefined();
    expect((await effectiveCookies(options, 'https://10.20.1.5')).sessionToken.name).toBe('__Secure-next-auth.session-token');
    expect((await effectiveCookies(options, 'http://10.20.1.5:3000')).sessionToken.name).toBe('next-auth.session-token');
  });

  it('over https is read only under its __Secure- name (a plain one could come from http)', async () => {
    const { sessionTokenFrom } = await import('../../src/platform/auth/token');
    const jar = [{ name: 'next-auth.session-token', value: 'planted' }];
    expect(sessionTokenFrom(jar)).toBe('planted');
    expect(sessionTokenFrom(jar, true)).toBeNull();
    expect(sessionTokenFrom([...jar, { name: '__Secure-next-auth.session-token', value: 'real' }], true)).toBe('real');
  });
});
