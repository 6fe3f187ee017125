import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by path; bundling it breaks that at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pino'],
  // Never trace the embedded database folder or file storage into a build.
  outputFileTracingExcludes: { '*': ['./data/**', './storage/**', './.tmp/**'] },
  experimental: {
    // Enables forbidden() so pages answer 403 with our Chinese page.
    authInterrupts: true,
    // Inspection photos (≤ 10 MB each) go up through server actions.
    serverActions: { bodySizeLimit: '11mb' },
    // Boundary files (≤ import.maxFileMb, default 20 MB) pass the request-id proxy.
    proxyClientMaxBodySize: '30mb',
  },
  poweredByHeader: false,
  // The icon sprite's address carries its content hash (src/ui/icon-sprite.ts): browsers keep it.
  async headers() {
    return [{ source: '/icons.svg', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] }];
  },
};

export default nextConfig;
