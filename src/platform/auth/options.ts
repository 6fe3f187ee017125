import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { getConfig } from '../config';
import { getDb } from '../db';
import { appendAuditStandalone } from '../audit/write';
import { clientIpFrom, getRequestMeta, REQUEST_ID_HEADER } from '../request-context';
import { getLogger } from '../logger';
import { SECURITY_POLICY } from './security-policy';
import { attemptLogin, auditableName, LOGIN_MESSAGES, type LoginOutcome, type LoginRequest } from './login';
import { users } from './schema';
import { endSession, isClaims } from './session';
import { getAuthSecret } from './secret';

function headerReader(headers: unknown): (name: string) => string | null {
  if (headers && typeof (headers as Headers).get === 'function') return (n) => (headers as Headers).get(n);
  const record = (headers ?? {}) as Record<string, string | string[] | undefined>;
  return (n) => {
    const v = record[n];
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  };
}

/**
 * Cookies when the site's address is known (NEXTAUTH_URL): over https the session cookie is
 * `Secure` with next-auth's `__Secure-` prefix, so the browser never sends it over plain http.
 * next-auth v4 would decide the same from NEXTAUTH_URL; stated here so it cannot silently change.
 * Without NEXTAUTH_URL next-auth decides per request from the address the browser used.
 */
export function cookieSettings(siteUrl: string | undefined): Pick<NextAuthOptions, 'useSecureCookies' | 'cookies'> {
  if (!siteUrl) return {};
  const secure = /^https:\/\//i.test(siteUrl);
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
  };
}

/** Best effort: an attempt that failed for an unforeseen reason is still in the audit log. */
async function auditUnexpected(req: LoginRequest): Promise<void> {
  await appendAuditStandalone(await getDb(), {
    action: '登录',
    objectType: '用户',
    username: auditableName(typeof req.username === 'string' ? req.username.trim() : ''),
    ip: req.ip,
    requestId: req.requestId,
    result: '失败',
    message: '登录处理出错',
  });
}

let cachedOptions: NextAuthOptions | undefined;

/** next-auth configuration, built on first use (reading the secret needs the data folder). */
export function getAuthOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const cfg = getConfig();
  // Without NEXTAUTH_URL the address is the one the browser used (Host / X-Forwarded-Host), so an
  // intranet server reached by IP or name needs no setting and next-auth does not warn on every
  // start. An administrator's NEXTAUTH_URL still wins.
  if (!process.env.NEXTAUTH_URL && process.env.AUTH_TRUST_HOST === undefined) process.env.AUTH_TRUST_HOST = 'true';
  cachedOptions = {
    secret: getAuthSecret(),
    ...cookieSettings(cfg.NEXTAUTH_URL),
    // The cookie may live as long as the longest session the 安全策略 allows: the session row's
    // check (session.ts) ends it at the policy's idle and maximum times, which can change at any time.
    session: { strategy: 'jwt', maxAge: SECURITY_POLICY['session.maxHours'].max * 3600 },
    jwt: { maxAge: SECURITY_POLICY['session.maxHours'].max * 3600 },
    pages: { signIn: '/login', error: '/login' },
    logger: {
      error: (code) => getLogger().error({ code }, 'next-auth error'),
      warn: (code) => getLogger().warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: '用户名密码',
        credentials: {
          username: { label: '用户名', type: 'text' },
          password: { label: '密码', type: 'password' },
          totp: { label: '动态口令', type: 'text' },
        },
        async authorize(credentials, req) {
          const get = headerReader(req?.headers);
          const request = {
            username: credentials?.username,
            password: credentials?.password,
            totp: credentials?.totp,
            ip: clientIpFrom(get),
            userAgent: get('user-agent')?.slice(0, 256) ?? null,
            requestId: get(REQUEST_ID_HEADER),
          };
          let outcome: LoginOutcome;
          try {
            outcome = await attemptLogin(await getDb(), request);
          } catch (e) {
            // next-auth hands a thrown message to the browser: never let a database error
            // (its SQL text and parameters) through. Log the kind, not the parameters.
            getLogger().error({ requestId: request.requestId, err: (e as Error)?.name ?? 'unknown' }, 'login failed unexpectedly');
            await auditUnexpected(request).catch(() => {});
            throw new Error(LOGIN_MESSAGES.unexpected);
          }
          // next-auth passes a thrown message to the client as `error`.
          if (!outcome.ok) throw new Error(outcome.message);
          return { id: outcome.userId, sid: outcome.sessionId, sv: outcome.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; sid: string; sv: number };
          token.uid = u.id;
          token.sid = u.sid;
          token.sv = u.sv;
        }
        return token;
      },
      session({ session, token }) {
        // Expose nothing but the ids; everything else is read fresh from the database.
        return { expires: session.expires, uid: token.uid, sid: token.sid, sv: token.sv } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!isClaims(token)) return;
        const db = await getDb();
        const open = await endSession(db, token.sid, '用户退出');
        const meta = await getRequestMeta();
        const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, token.uid));
        await appendAuditStandalone(db, {
          userId: token.uid,
          username: user?.username ?? null,
          ip: meta.ip,
          requestId: meta.requestId,
          action: '退出登录',
          objectType: '用户',
          objectId: token.uid,
          result: '成功',
          message: open ? null : '会话此前已结束',
        });
      },
    },
  };
  return cachedOptions;
}
