import { NextResponse, type NextRequest } from 'next/server';
import { getLogger } from '@/platform/logger';

/** Gives every request an id (logs and audit entries carry it) and answers with it. */
export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  // One line per request at debug (LOG_LEVEL=debug): at info the log would be mostly map tiles.
  if (!request.nextUrl.pathname.startsWith('/_next/')) {
    getLogger().debug({ requestId, method: request.method, path: request.nextUrl.pathname }, 'request');
  }
  return response;
}

// Map tiles skip the proxy: a map view asks for dozens at once and the proxy cost more than a
// cached tile (docs/benchmarks.md); their log lines get an id of their own (getRequestMeta).
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/tiles/).*)'],
};
