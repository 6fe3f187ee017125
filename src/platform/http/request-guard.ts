import { getLogger } from '../logger';
import { PEER_HEADER, peerAddressHookInstalled } from '../peer-address';
import { DEFAULT_TRUSTED_PROXIES, clientAddress, parseTrustedProxies, type TrustedProxies } from '../trusted-proxies';
import { checkBodyLimit } from './body-limits';
import { CROSS_ORIGIN_MESSAGE, checkSameOrigin } from './same-origin';
import { HSTS_VALUE, buildContentSecurityPolicy, newNonce } from './security-headers';

/**
 * What the proxy (src/proxy.ts) checks before any page, route handler or server action runs:
 * the same-origin check of mutating requests (等保 8.1.4.4 / 8.1.4.5) and the body-size limit.
 * Shared with the route handlers the proxy's matcher skips (UNPROXIED_UPLOAD_ROUTES): for a
 * request the proxy matches, Next buffers the whole body before the route sees any of it and
 * hands it over in one pass that holds up every other request (~0.1 s for 19 MB here, 0.3 s on a
 * loaded machine) — so the large-upload routes run the same checks themselves, first thing.
 */

let trusted: { text: string; proxies: TrustedProxies } | undefined;

function trustedProxies(): TrustedProxies {
  const text = process.env.TRUSTED_PROXIES?.trim() || DEFAULT_TRUSTED_PROXIES;
  if (trusted?.text !== text) {
    const parsed = parseTrustedProxies(text);
    // config.ts refuses to start with a bad list; here an unparsable one trusts nobody.
    trusted = { text, proxies: parsed.ok ? parsed.proxies : { text: '', has: () => false } };
  }
  return trusted.proxies;
}

export interface GuardedRequest {
  requestId: string;
  /** The site is served over TLS (NEXTAUTH_URL https, or X-Forwarded-Proto from a trusted proxy). */
  overTls: boolean;
  /** The refusal to send instead of running the request (403 cross-origin, 413 too large). */
  refusal: Response | null;
}

/** Runs the checks; a cross-origin refusal is logged and audited (as 匿名) before it is returned. */
export async function guardRequest(request: Request, path: string): Promise<GuardedRequest> {
  const requestId = crypto.randomUUID();
  const proxies = trustedProxies();
  // The peer header is ours only when this process's hook set it (src/platform/peer-address.ts).
  const peer = peerAddressHookInstalled() ? request.headers.get(PEER_HEADER) : null;
  const viaTrustedProxy = !!peer && proxies.has(peer);
  const siteUrl = process.env.NEXTAUTH_URL?.trim() || null;
  const overTls =
    /^https:/i.test(siteUrl ?? '') ||
    (viaTrustedProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https');

  const sameOrigin = checkSameOrigin({ method: request.method, header: (name) => request.headers.get(name), siteUrl, peer, trusted: proxies });
  if (!sameOrigin.ok) {
    const ip = peer ? clientAddress(peer, request.headers.get('x-forwarded-for'), proxies) : null;
    getLogger().warn({ requestId, method: request.method, path, reason: sameOrigin.reason }, 'cross-origin request refused');
    const { auditCrossOriginRefusal } = await import('./refusal-audit');
    await auditCrossOriginRefusal({ method: request.method, path, reason: sameOrigin.reason, ip, requestId });
    return { requestId, overTls, refusal: securedJson(403, { error: CROSS_ORIGIN_MESSAGE }, requestId, overTls) };
  }

  // Refused here, before Next truncates it (proxy limit) or answers 500 (server action limit).
  const size = checkBodyLimit({ method: request.method, contentLength: request.headers.get('content-length'), serverAction: request.headers.has('next-action') });
  if (!size.ok) {
    getLogger().warn({ requestId, method: request.method, path, limitMb: size.limitMb }, 'request body over the limit');
    return { requestId, overTls, refusal: securedJson(413, { error: size.message }, requestId, overTls) };
  }
  return { requestId, overTls, refusal: null };
}

/** An answer made by the guard itself; next.config.ts adds the fixed headers. */
function securedJson(status: number, body: unknown, requestId: string, overTls: boolean): Response {
  const response = Response.json(body, { status, headers: { 'cache-control': 'no-store', 'x-request-id': requestId } });
  response.headers.set('Content-Security-Policy', buildContentSecurityPolicy(newNonce()));
  if (overTls) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}

/** The headers the proxy puts on every answer it lets through, for a route that answers itself. */
export function withGuardHeaders(response: Response, guard: GuardedRequest): Response {
  response.headers.set('x-request-id', guard.requestId);
  if (guard.overTls) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}
