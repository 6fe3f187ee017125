/**
 * Signing in over HTTP as the login page does (next-auth 4 credentials): GET /api/auth/csrf,
 * POST /api/auth/callback/credentials with the token and the csrf cookie, keep the cookies.
 */

class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs in and returns the Cookie header of the session; throws with the reason when refused. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.take(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`登录 ${username}：/api/auth/csrf 没有返回 csrfToken`);

  const body = new URLSearchParams({ csrfToken, username, password, callbackUrl: `${baseUrl}/workbench`, json: 'true' });
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    // A mutating request names its origin, as a browser does (the proxy refuses others).
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), origin: new URL(baseUrl).origin },
    body,
    redirect: 'manual',
  });
  jar.take(signIn);
  const answer = await signIn.text();
  const sessionCookie = ['next-auth.session-token', '__Secure-next-auth.session-token'].find((n) => jar.has(n));
  if (!sessionCookie) throw new Error(`登录 ${username} 失败（HTTP ${signIn.status}）：${answer.slice(0, 300)}`);

  const session = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: jar.header() } });
  const claims = (await session.json()) as { uid?: string };
  if (!claims.uid) throw new Error(`登录 ${username} 后 /api/auth/session 没有用户：${JSON.stringify(claims)}`);
  return jar.header();
}
