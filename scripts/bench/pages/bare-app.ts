/**
 * The bare Next.js app bench:pages measures our pages against: the same Next (our node_modules,
 * symlinked), one dynamic page that renders nothing meaningful, and one route handler `/tile`
 * that answers with the bytes and headers of one of our cached map tiles, held in memory.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Text every bare page response contains (checked on every response). */
export const BARE_PAGE_MARKER = 'bench-bare-page';

/** Files of the bare app, relative to its folder. The tile itself is written per run (tile.pbf). */
function bareFiles(root: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'bench-bare', private: true, version: '0.0.0' }, null, 2) + '\n',
    // Same Next settings that shape every response of ours; the root lets Turbopack follow the
    // node_modules symlink into the project.
    'next.config.mjs': `export default {
  poweredByHeader: false,
  turbopack: { root: ${JSON.stringify(root)} },
  outputFileTracingRoot: ${JSON.stringify(root)},
};
`,
    'app/layout.js': `export const metadata = { title: 'bench-bare' };

export default function RootLayout({ children }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
`,
    // Rendered per request, like every page of ours (a static page would be served from a cache).
    'app/page.js': `export const dynamic = 'force-dynamic';

export default function Page() {
  return <p>${BARE_PAGE_MARKER}</p>;
}
`,
    // The bytes and headers of one of our tiles, read once into memory on the first request.
    'app/tile/route.js': `import { readFileSync } from 'node:fs';

export const dynamic = 'force-dynamic';

let tile;

export function GET() {
  if (!tile) {
    const file = process.env.BENCH_TILE_FILE;
    if (!file) throw new Error('BENCH_TILE_FILE is not set');
    tile = { bytes: readFileSync(file), headers: JSON.parse(readFileSync(file + '.headers.json', 'utf8')) };
  }
  return new Response(tile.bytes, { status: 200, headers: tile.headers });
}
`,
  };
}

/**
 * Writes the bare app under `dir` (only files whose content changed) and links our node_modules.
 * Returns whether its build is missing or older than its sources.
 */
export function writeBareApp(root: string, dir: string): { needsBuild: boolean } {
  let changed = false;
  for (const [rel, content] of Object.entries(bareFiles(root))) {
    const path = join(dir, rel);
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    changed = true;
  }
  const modules = join(dir, 'node_modules');
  let linked = false;
  try {
    linked = lstatSync(modules).isSymbolicLink();
  } catch {
    linked = false;
  }
  if (!linked) {
    rmSync(modules, { recursive: true, force: true });
    symlinkSync(join(root, 'node_modules'), modules, 'dir');
  }
  return { needsBuild: changed || !existsSync(join(dir, '.next', 'BUILD_ID')) };
}

/** Puts the tile the bare route handler answers with (bytes + the response headers to send). */
export function writeBareTile(dir: string, bytes: Uint8Array, headers: Record<string, string>): string {
  const file = join(dir, 'tile.pbf');
  writeFileSync(file, bytes);
  writeFileSync(file + '.headers.json', JSON.stringify(headers, null, 2) + '\n');
  return file;
}
