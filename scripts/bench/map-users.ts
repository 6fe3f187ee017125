/**
 * Adds the demo users (and nothing else) to the database of DATA_DIR / DATABASE_URL, so that a
 * benchmark database of generated parcels (scripts/bench/tiles.ts --data-dir) can be opened in a
 * browser: `DATA_DIR=.tmp/bench-map npx tsx scripts/bench/map-users.ts`.
 */
import { openForScript, runScript } from '../lib/cli';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';

runScript('添加演示用户', async () => {
  const { db } = await openForScript();
  const r = await seedFoundationDemo(db);
  console.log(`新增科室 ${r.departments} 个、用户 ${r.users} 个`);
});
