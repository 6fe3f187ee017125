/**
 * `npm run check:db` (and `jobs/check-db.mjs` in the offline bundle, which install.sh and
 * upgrade.sh run before they change anything): connects to the configured database, checks the
 * server is one the system supports in the right compatibility mode (src/platform/db/compat.ts),
 * and says which migrations are still to apply. Changes nothing. Exit 1 with the reason in Chinese.
 */
import { openForScript, runScript } from './lib/cli';
import { checkServerCompatibility } from '../src/platform/db/compat';
import { pendingMigrations } from '../src/platform/db/migrate';

const FLAVOUR_NAMES = { postgresql: 'PostgreSQL', opengauss: 'openGauss', kingbase: 'KingbaseES' } as const;

runScript('数据库检查', async () => {
  const database = await openForScript();
  if (database.kind === 'postgres') {
    const { flavour, version } = await checkServerCompatibility(database.db);
    console.log(`数据库连接正常：${FLAVOUR_NAMES[flavour]}（${version.split(/\s+/).slice(0, 2).join(' ')}），兼容模式检查通过`);
  } else {
    console.log(`使用内置数据库（PGlite），数据目录可用`);
  }
  const pending = await pendingMigrations(database.db);
  console.log(pending.length ? `待执行的数据库迁移 ${pending.length} 个：${pending.join('、')}` : '数据库结构已是最新');
});
