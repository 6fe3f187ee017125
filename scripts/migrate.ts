import { openForScript, runScript } from './lib/cli';
import { migrateAndSync } from './lib/prepare';

// Two-account databases (deploy/db/README.md「审计表的权限」): the migrations run as the owner
// account; the application's own account (DATABASE_URL) cannot create tables or alter audit_log.
const ownerUrl = process.env.MIGRATION_DATABASE_URL?.trim();
if (ownerUrl) process.env.DATABASE_URL = ownerUrl;

runScript('数据库迁移', async () => {
  const { db } = await openForScript();
  await migrateAndSync(db);
});
