import { openForScript, runScript } from './lib/cli';
import { prepareDatabase } from './lib/prepare';

runScript('准备数据库', async () => {
  const { db } = await openForScript();
  await prepareDatabase(db);
});
