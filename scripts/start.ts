/**
 * `npm start`: prepare the database (migrate, reference data, demo data when empty), build
 * when the build is missing or older than the sources, then run `next start` in the foreground.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { closeDatabase } from '../src/platform/db';
import { getConfig } from '../src/platform/config';
import { buildIsCurrent } from './lib/build-state';
import { openForScript } from './lib/cli';
import { prepareDatabase } from './lib/prepare';

const root = process.cwd();
const nextBin = join(root, 'node_modules', '.bin', 'next');

// An intranet system never phones home.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

async function main(): Promise<void> {
  const cfg = getConfig();
  const { db } = await openForScript();
  try {
    await prepareDatabase(db);
  } finally {
    await closeDatabase(); // release the embedded database before the server opens it
  }
  if (!buildIsCurrent(root)) {
    console.log('正在构建应用（首次启动约需 1 分钟）……');
    const build = spawnSync(nextBin, ['build'], { stdio: 'inherit', env });
    if (build.status !== 0) {
      console.error('构建失败，请查看上方输出');
      process.exit(build.status ?? 1);
    }
  }
  console.log(`土地储备全生命周期管理系统启动中：http://localhost:${cfg.PORT}`);
  const server = spawn(nextBin, ['start', '-p', String(cfg.PORT)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch(async (e: unknown) => {
  console.error(`启动失败：${e instanceof Error ? e.message : String(e)}`);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
