import { openForScript, runScript } from './lib/cli';
import { migrateAndSync } from './lib/prepare';
import { seedDemo } from './lib/seed-demo';

runScript('生成演示数据', async () => {
  const { db } = await openForScript();
  await migrateAndSync(db);
  await seedDemo(db);
});
