import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const dynamic = 'force-dynamic';

/*
 * maplibre-gl's web worker, served from the installed package so it always matches the main
 * bundle (Next does not bundle it; see STACK-NOTES item 6). The client asks for
 * /api/map/worker?v=<maplibre version>, so the long cache lifetime is safe across upgrades.
 * Library code, no data: no session needed, like /_next/static.
 */
const WORKER_FILE = join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs');

let cached: Promise<Uint8Array> | null = null;

export async function GET() {
  cached ??= readFile(/*turbopackIgnore: true*/ WORKER_FILE).then((b) => new Uint8Array(b));
  try {
    const body = await cached;
    return new Response(body as BodyInit, {
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
    });
  } catch {
    cached = null;
    return Response.json({ error: '地图组件文件缺失，请重新安装依赖（npm ci）' }, { status: 500 });
  }
}
