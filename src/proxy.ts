import { NextResponse, type NextRequest } from 'next/server';
import { getLogger } from '@/platform/logger';
import { PEER_HEADER, peerAddressHookInstalled } from '@/platform/peer-address';
import { DEFAULT_TRUSTED_PROXIES, clientAddress, parseTrustedProxies, type TrustedProxies } from '@/platform/trusted-proxies';
import { CROSS_ORIGIN_MESSAGE, checkSameOrigin } from '@/platform/http/same-origin';
import { checkBodyLimit } from '@/platform/http/body-limits';
import { HSTS_VALUE, buildContentSecurityPolicy, newNonce } from '@/platform/http/security-headers';

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

/**
 * Every request: an id (logs and audit entries carry it), a per-request CSP nonce (Next reads it
 * from the request's Content-Security-Policy header and puts it on its scripts), HSTS behind TLS,
 * and — for POST/PUT/PATCH/DELETE, i.e. route handlers and server actions — the same-origin check.
 * The fixed headers (nosniff, X-Frame-Options …) come from next.config.ts.
 */
export async function proxy(request: NextRequest) {
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
    const path = request.nextUrl.pathname;
    const ip = peer ? clientAddress(peer, request.headers.get('x-forwarded-for'), proxies) : null;
    getLogger().warn({ requestId, method: request.method, path, reason: sameOrigin.reason }, 'cross-origin request refused');
    const { auditCrossOriginRefusal } = await import('@/platform/http/refusal-audit');
    await auditCrossOriginRefusal({ method: request.method, path, reason: sameOrigin.reason, ip, requestId });
    return securedJson(403, { error: CROSS_ORIGIN_MESSAGE }, requestId, overTls);
  }

  // Refused here, before Next truncates it (proxy limit) or answers 500 (server action limit).
  const size = checkBodyLimit({ method: request.method, contentLength: request.headers.get('content-length'), serverAction: request.headers.has('next-action') });
  if (!size.ok) {
    getLogger().warn({ requestId, method: request.method, path: request.nextUrl.pathname, limitMb: size.limitMb }, 'request body over the limit');
    return securedJson(413, { error: size.message }, requestId, overTls);
  }

  const nonce = newNonce();
  const csp = buildContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== 'production' });
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  // The path a refused page names in its audit entry (PATH_HEADER in platform/http/refusals.ts).
  headers.set('x-lr-path', request.nextUrl.pathname.slice(0, 200));
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  response.headers.set('Content-Security-Policy', csp);
  if (overTls) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  // One line per request at debug (LOG_LEVEL=debug): at info the log would be mostly map tiles.
  if (!request.nextUrl.pathname.startsWith('/_next/')) {
    getLogger().debug({ requestId, method: request.method, path: request.nextUrl.pathname }, 'request');
  }
  return response;
}

/** An answer made by the proxy itself; next.config.ts adds the fixed headers. */
function securedJson(status: number, body: unknown, requestId: string, overTls: boolean): NextResponse {
  const response = NextResponse.json(body, { status, headers: { 'cache-control': 'no-store', 'x-request-id': requestId } });
  response.headers.set('Content-Security-Policy', buildContentSecurityPolicy(newNonce()));
  if (overTls) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}

// Map tiles and built assets skip the proxy: a map view asks for dozens of tiles at once and the
// proxy cost more than a cached tile (docs/benchmarks.md); their log lines get an id of their own
// (getRequestMeta), and their security headers come from next.config.ts. Both are GET-only, so
// the same-origin check loses nothing.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/tiles/).*)'],
};
