import { openForScript, runScript } from './lib/cli';
import { migrateAndSync } from './lib/prepare';

runScript('数据库迁移', async () => {
  const { db } = await openForScript();
  await migrateAndSync(db);
});
