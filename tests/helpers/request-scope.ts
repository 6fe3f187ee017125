import { AsyncLocalStorage } from 'node:async_hooks';
import { encode } from 'next-auth/jwt';
import type { Db } from '../../src/platform/db/client';
import { eq } from 'drizzle-orm';
import { userSessions, users } from '../../src/platform/auth/schema';

/*
 * Route handlers and server actions read the session the way they do in the app: `cookies()` and
 * `headers()` from next/headers. Outside Next there is no request scope, so a test file mocks
 * next/headers with `nextHeadersFromScope` and runs each call inside `withRequest(request, …)`:
 * the handler then sees exactly that request's cookies and headers — the real token decryption
 * and the real session check against the test database follow (nothing about the user is mocked).
 *
 *   vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
 */

const scope = new AsyncLocalStorage<Request>();

export function withRequest<T>(request: Request, run: () => Promise<T>): Promise<T> {
  return scope.run(request, run);
}

function current(): Request {
  const request = scope.getStore();
  // What Next throws outside a request (getRequestMeta falls back on it).
  if (!request) throw new Error('`cookies` was called outside a request scope');
  return request;
}

function parseCookies(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf('=');
      return i < 0 ? { name: part, value: '' } : { name: part.slice(0, i), value: part.slice(i + 1) };
    });
}

export const nextHeadersFromScope = {
  cookies: async () => {
    const all = parseCookies(current().headers.get('cookie'));
    return {
      getAll: () => all,
      get: (name: string) => all.find((c) => c.name === name),
      has: (name: string) => all.some((c) => c.name === name),
    };
  },
  headers: async () => current().headers,
};

/** The NEXTAUTH_SECRET a test file sets before anything reads the config. */
export const TEST_AUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';

/**
 * A live session for the user, with the cookie next-auth would set after the login: a session row
 * (as the login writes it) and the encrypted token carrying its claims.
 */
export async function sessionCookieFor(db: Db, userId: string): Promise<string> {
  const [user] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  const [session] = await db.insert(userSessions).values({ userId, lastSeenAt: new Date(), ip: '127.0.0.1', userAgent: 'vitest' }).returning({ id: userSessions.id });
  const token = await encode({ token: { uid: userId, sid: session.id, sv: user.sessionVersion }, secret: TEST_AUTH_SECRET, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

/** A request as the browser sends it: same origin, with the cookie when given. */
export function browserRequest(url: string, init: RequestInit & { cookie?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  // What a browser on the site sends (and what the same-origin check of the upload routes,
  // which run it themselves, compares: Origin against Host).
  headers.set('host', 'localhost');
  headers.set('origin', 'http://localhost');
  headers.set('sec-fetch-site', 'same-origin');
  if (init.cookie) headers.set('cookie', init.cookie);
  const { cookie: _cookie, ...rest } = init;
  return new Request(new URL(url, 'http://localhost'), { ...rest, headers });
}
