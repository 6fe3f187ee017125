/**
 * Security headers (等保 8.1.4: intrusion prevention on the application layer). Pure: used by
 * proxy.ts (per-request CSP with a nonce) and next.config.ts (the fixed headers, which also reach
 * the paths the proxy skips: /_next/static and /api/tiles).
 */

/** Headers that never change; next.config.ts sends them on every path. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value:
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** For responses the proxy never sees (built JS/CSS, map tiles): nothing may run or frame them. */
export const STATIC_ASSET_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * The page policy. Scripts: only those carrying this request's nonce (Next puts it on its own
 * scripts when it finds it in the request's CSP header) and what they load ('strict-dynamic').
 * Styles need 'unsafe-inline': TDesign's Dialog/Drawer insert <style> elements at run time
 * without a nonce, and React renders style="" attributes; a nonce in style-src would disable
 * 'unsafe-inline', so style-src carries none. Map layers registered by the administrator load
 * tiles and styles from intranet servers (http/https) inside maplibre's worker: connect-src and
 * img-src allow http: and https: for them (no upgrade-insecure-requests: those servers may be
 * plain http on the intranet). `next dev` needs eval for its fast refresh only.
 */
export function buildContentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self' data:",
    "connect-src 'self' http: https:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "media-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: unguessable and fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
