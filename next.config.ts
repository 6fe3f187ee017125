import type { NextConfig } from 'next';
import { STATIC_ASSET_CSP, STATIC_SECURITY_HEADERS } from './src/platform/http/security-headers';
import { PROXY_BODY_LIMIT_MB, SERVER_ACTION_BODY_LIMIT_MB } from './src/platform/http/body-limits';

/**
 * `npm run bundle` builds the offline bundle (scripts/bundle.ts) with LR_BUNDLE_BUILD set: Next's
 * standalone output (a server.js and only the node_modules it needs) in its own folder, so the
 * `.next` that `npm start` serves is left alone, and a build id from the commit instead of a random
 * one, so the same sources give the same bundle.
 */
const bundleBuild = process.env.LR_BUNDLE_BUILD === '1';

const nextConfig: NextConfig = {
  ...(bundleBuild ? { output: 'standalone' as const, distDir: '.next-bundle' } : {}),
  generateBuildId: async () => process.env.LR_BUILD_ID || null,
  // PGlite loads its WASM and data files by path; bundling it breaks that at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pino'],
  // Never trace the embedded database folder or file storage into a build.
  // Nor sharp (next/image's optional native image library, unused here: the bundle carries no
  // native add-on, so one build runs on x86_64 and aarch64 alike — scripts/check-native.ts).
  outputFileTracingExcludes: { '*': ['./data/**', './storage/**', './.tmp/**', './dist/**', 'node_modules/sharp/**', 'node_modules/@img/**'] },
  // Files the standalone tracer misses: the map's worker, read by path (turbopackIgnore), and
  // Next's own route-handler runtime (with Turbopack, route handlers failed with "Cannot find
  // module …/app-route-turbo.runtime.prod.js" in the standalone server).
  outputFileTracingIncludes: {
    '/api/map/worker': ['./node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'],
    '/*': ['./node_modules/next/dist/compiled/next-server/app-route-turbo.runtime.prod.js'],
  },
  images: { unoptimized: true },
  experimental: {
    // Enables forbidden() so pages answer 403 with our Chinese page.
    authInterrupts: true,
    // Inspection photos (≤ 10 MB each) go up through server actions.
    serverActions: { bodySizeLimit: `${SERVER_ACTION_BODY_LIMIT_MB}mb` },
    // Boundary files (≤ import.maxFileMb, default 20 MB) pass the request-id proxy.
    proxyClientMaxBodySize: `${PROXY_BODY_LIMIT_MB}mb`,
  },
  poweredByHeader: false,
  // The icon sprite's address carries its content hash (src/ui/icon-sprite.ts): browsers keep it.
  // The fixed security headers on every path; pages, route handlers and public files get their
  // per-request CSP from src/proxy.ts, the paths it skips (built assets, map tiles) a strict one here.
  async headers() {
    const assetCsp = [{ key: 'Content-Security-Policy', value: STATIC_ASSET_CSP }];
    return [
      { source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] },
      { source: '/_next/static/:path*', headers: assetCsp },
      { source: '/api/tiles/:path*', headers: assetCsp },
      { source: '/icons.svg', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
    ];
  },
};

export default nextConfig;
