/**
 * Server modules guard themselves with `import 'server-only'`, which throws unless resolved under
 * React's `react-server` export condition (as inside Next). Maintenance scripts run some of those
 * modules outside Next — the demo seed drives the 公文 flow through its real mutations — so, as
 * the bundle's esbuild step (scripts/bundle.ts) and vitest (vitest.config.mts) do, scripts resolve
 * 'server-only' to its empty module. Import this module before any server module.
 */
import Module from 'node:module';
import { dirname, join } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;

/**
 * The package exports only '.', so its empty module is addressed by path (next to index.js). In a
 * bundled job (scripts/bundle.ts) esbuild has already mapped 'server-only' to that module and the
 * package may not be installed beside the job: then there is nothing to patch.
 */
function emptyModulePath(): string | null {
  try {
    return join(dirname(require.resolve('server-only')), 'empty.js');
  } catch {
    return null;
  }
}

const emptyModule = emptyModulePath();
if (emptyModule && !(original as Resolve & { serverOnlyShim?: true }).serverOnlyShim) {
  const patched: Resolve & { serverOnlyShim?: true } = function (this: unknown, request, ...rest) {
    return original.call(this, request === 'server-only' ? emptyModule : request, ...rest);
  };
  patched.serverOnlyShim = true;
  loader._resolveFilename = patched;
}
