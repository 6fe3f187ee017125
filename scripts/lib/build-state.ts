import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `.next` under `root` is at least as new as every source (`npm start` and bench:pages rebuild otherwise). */
export function buildIsCurrent(root: string): boolean {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  const sources = ['src', 'public', 'next.config.ts', 'package.json', 'package-lock.json'].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) <= built;
}
