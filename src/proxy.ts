import { NextResponse, type NextRequest } from 'next/server';
import { getLogger } from '@/platform/logger';
import { guardRequest } from '@/platform/http/request-guard';
import { HSTS_VALUE, buildContentSecurityPolicy, newNonce } from '@/platform/http/security-headers';

/**
 * Every request: an id (logs and audit entries carry it), a per-request CSP nonce (Next reads it
 * from the request's Content-Security-Policy header and puts it on its scripts), HSTS behind TLS,
 * and — for POST/PUT/PATCH/DELETE, i.e. route handlers and server actions — the same-origin check.
 * The fixed headers (nosniff, X-Frame-Options …) come from next.config.ts.
 */
export async function proxy(request: NextRequest) {
  const guard = await guardRequest(request, request.nextUrl.pathname);
  if (guard.refusal) return guard.refusal;
  const { requestId, overTls } = guard;

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

/**
 * Route handlers taking large uploads, which the proxy skips: for a request the proxy matches,
 * Next buffers the whole body first and hands it to the route in one blocking pass. Each runs
 * guardRequest itself before anything else (tests/unit/web-same-origin.test.ts checks).
 */
export const UNPROXIED_UPLOAD_ROUTES = ['/api/parcels/import'] as const;

// Map tiles and built assets skip the proxy: a map view asks for dozens of tiles at once and the
// proxy cost more than a cached tile (docs/benchmarks.md); their log lines get an id of their own
// (getRequestMeta), and their security headers come from next.config.ts. Both are GET-only, so
// the same-origin check loses nothing. The upload routes above run the same checks themselves.
// (The matcher must be a literal: Next reads it from the source at build time.)
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/tiles/|api/parcels/import).*)'],
};
