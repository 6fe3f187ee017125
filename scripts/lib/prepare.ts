import './server-only-shim';
import { count } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client';
import { migrate } from '../../src/platform/db/migrate';
import { syncPermissionCatalog } from '../../src/platform/permissions/sync';
import { syncDistricts } from '../../src/platform/geo/districts';
import { users } from '../../src/platform/auth/schema';
import { seedDemo } from './seed-demo';
import { LEDGER_TAG_MIGRATION, tagEntries } from '../../src/modules/funds/ledger/integrity';
import { CONTRACTS_MIGRATION } from '../../src/modules/contracts/migration';
import { importLegacyContracts, summariseLegacyImport } from '../../src/modules/contracts/legacy';
import { syncArchives } from '../../src/modules/archives/store';

/** Migrations, then the reference data every installation needs (permissions, roles, districts). */
export async function migrateAndSync(db: Db): Promise<void> {
  const { applied, current } = await migrate(db);
  console.log(applied.length ? `已应用数据库迁移：${applied.join('、')}` : `数据库结构已是最新（${current ?? '无迁移'}）`);
  // Migration 0019 marks the entries approved before integrity tags; they are tagged in the same
  // run (the key is outside the database). Only then: a later run must not tag rows someone marked.
  if (applied.includes(LEDGER_TAG_MIGRATION)) {
    const { tagged } = await tagEntries(db, 'pending');
    if (tagged) console.log(`已为升级前已审批的 ${tagged} 条资金收支记录加完整性标签`);
  }
  // Migration 0023: existing contract numbers become contracts and are linked (ids come from code).
  if (applied.includes(CONTRACTS_MIGRATION)) console.log(`合同台账：${summariseLegacyImport(await importLegacyContracts(db))}`);
  const perms = await syncPermissionCatalog(db);
  if (perms.permissionsAdded || perms.rolesAdded) console.log(`已写入权限 ${perms.permissionsAdded} 项、内置角色 ${perms.rolesAdded} 个`);
  const d = await syncDistricts(db);
  if (d.inserted || d.updated) console.log(`已载入行政区 ${d.inserted} 个、更新 ${d.updated} 个`);
  // 一地一档: parcels and projects made before the archive module (or by a script) get theirs.
  const archives = await syncArchives(db);
  if (archives) console.log(`已为 ${archives} 个地块和项目建立档案`);
}

/** For `npm start`: an empty database gets the demo data so a new user can log in at once. */
export async function prepareDatabase(db: Db): Promise<void> {
  await migrateAndSync(db);
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n === 0) {
    console.log('数据库为空，正在生成演示数据……');
    await seedDemo(db);
  }
}
