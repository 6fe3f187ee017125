import { spawnSync } from 'node:child_process';

/**
 * Server modules import 'server-only', which resolves to an empty module only under the
 * react-server export condition (as in Next). A benchmark that loads them calls this first: the
 * first time it runs the same script again with that condition and exits with its status; in the
 * re-run (marked by `flag` in the environment) it returns and the script goes on.
 */
export function rerunUnderReactServer(flag: string): void {
  if (process.env[flag]) return;
  const r = spawnSync(process.execPath, [...process.execArgv, '--conditions=react-server', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [flag]: '1' },
  });
  process.exit(r.status ?? 1);
}
