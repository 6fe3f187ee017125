import 'server-only';
import { decode } from 'next-auth/jwt';
import { isClaims, type SessionClaims } from './session';

/**
 * The session cookie next-auth writes (its JWT strategy: an encrypted JWT, A256GCM), read without
 * running next-auth's whole session endpoint on every request: getServerSession decrypted the
 * token, then encrypted a fresh one for a cookie a server component cannot even set.
 */

/** next-auth's names: `__Secure-` when the site is served over https. */
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

/**
 * The token in the request's cookies, whole or in next-auth's chunks (`name.0`, `name.1`…).
 * `secureOnly` (the site is https): a cookie without the `__Secure-` prefix could have been set
 * over plain http, so it is not read.
 */
export function sessionTokenFrom(cookies: readonly { name: string; value: string }[], secureOnly = false): string | null {
  for (const name of secureOnly ? COOKIE_NAMES.slice(0, 1) : COOKIE_NAMES) {
    const whole = cookies.find((c) => c.name === name);
    if (whole?.value) return whole.value;
    const chunks = cookies
      .flatMap((c) => {
        const m = c.name.startsWith(`${name}.`) ? /^\d+$/.exec(c.name.slice(name.length + 1)) : null;
        return m ? [{ index: Number(m[0]), value: c.value }] : [];
      })
      .sort((a, b) => a.index - b.index);
    if (chunks.length) return chunks.map((c) => c.value).join('');
  }
  return null;
}

/**
 * Decrypted tokens by their exact text, until they expire. A token is authenticated encryption
 * under the server's secret, so the same text always decrypts to the same claims: decrypting it
 * again on every request (a key derivation and an AES-GCM open) buys nothing. Whether the session
 * is still good is NOT cached: that is checked against the database on every request.
 */
const MAX_TOKENS = 10_000;
type TokenCache = Map<string, { claims: SessionClaims; expiresAt: number }>;
const cacheKey = Symbol.for('lr.sessionTokens');
const tokens: TokenCache = ((globalThis as Record<symbol, TokenCache>)[cacheKey] ??= new Map());

export async function claimsFromToken(token: string, secret: string, nowMs = Date.now()): Promise<SessionClaims | null> {
  const known = tokens.get(token);
  if (known) {
    if (known.expiresAt > nowMs) return known.claims;
    tokens.delete(token);
    return null;
  }
  let payload: Record<string, unknown> | null;
  try {
    payload = (await decode({ token, secret })) as Record<string, unknown> | null;
  } catch {
    return null; // forged, tampered, expired or from another secret: signed out
  }
  if (!isClaims(payload) || typeof payload.exp !== 'number') return null;
  const claims: SessionClaims = { uid: payload.uid, sid: payload.sid, sv: payload.sv };
  const expiresAt = payload.exp * 1000;
  if (expiresAt <= nowMs) return null;
  if (tokens.size >= MAX_TOKENS) {
    for (const [t, v] of tokens) if (v.expiresAt <= nowMs) tokens.delete(t);
    if (tokens.size >= MAX_TOKENS) tokens.clear();
  }
  tokens.set(token, { claims, expiresAt });
  return claims;
}
