import './server-only-shim';
import { syncArchives } from '../../src/modules/archives/store';
import { seedArchivePendingDemo } from '../../src/modules/archives/demo-seed';
import { seedArchivesDemo } from '../../src/modules/archives/demo-items';
import type { Db } from '../../src/platform/db/client';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedReserveDemo, summariseReserveDemo } from '../../src/modules/parcels/demo-seed';
import { seedFundsDemo, summariseFundsDemo } from '../../src/modules/funds/demo-seed';
import { seedDocumentsDemo } from '../../src/modules/documents/demo-seed';
import { seedIncomingDemo } from '../../src/modules/documents/incoming/demo-seed';
import { seedContractsDemo, summariseContractsDemo } from '../../src/modules/contracts/demo-seed';

/** All demo data (演示数据), module by module. Idempotent. */
export async function seedDemo(db: Db): Promise<void> {
  const f = await seedFoundationDemo(db);
  console.log(`演示数据：新增科室 ${f.departments} 个、用户 ${f.users} 个（密码见 DEMO_PASSWORD，默认 Demo@2026）`);
  const r = await seedReserveDemo(db);
  console.log(r.parcels ? `演示数据：新增${summariseReserveDemo(r)}` : '演示数据：计划实施演示数据已存在，未重复生成');
  const funds = await seedFundsDemo(db);
  console.log(funds ? `演示数据：新增${summariseFundsDemo(funds)}` : '演示数据：资金管理演示数据已存在（或没有演示项目），未重复生成');
  const docs = await seedDocumentsDemo(db);
  console.log(docs ? `演示数据：新增发文 ${docs} 件` : '演示数据：公文演示数据已存在（或没有演示用户），未重复生成');
  const incoming = await seedIncomingDemo(db);
  console.log(incoming ? `演示数据：新增收文 ${incoming.documents} 件` : '演示数据：收文演示数据已存在（或没有演示用户），未重复生成');
  const contracts = await seedContractsDemo(db);
  console.log(contracts ? `演示数据：${summariseContractsDemo(contracts)}` : '演示数据：合同演示数据已存在，未重复生成');
  // 一地一档: the demo parcels and projects (inserted in batches) get their archives.
  const archives = await syncArchives(db);
  if (archives) console.log(`演示数据：已为 ${archives} 个地块和项目建立档案`);
  const archiveItemsAdded = await seedArchivesDemo(db);
  console.log(archiveItemsAdded ? `演示数据：新增档案条目 ${archiveItemsAdded} 件` : '演示数据：档案演示条目已存在（或没有演示项目、档案管理员），未重复生成');
  const pending = await seedArchivePendingDemo(db);
  if (pending) console.log(`演示数据：已收集 ${pending} 条待归档记录`);
}
