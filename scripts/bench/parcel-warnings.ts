/**
 * The parcel list's warning filter and the workbench's warning counts at scale.
 *
 *   npx tsx scripts/bench/tiles.ts --data-dir .tmp/bench-map --samples 2   # 100,000 parcels
 *   npx tsx scripts/bench/parcel-warnings.ts .tmp/bench-map
 *
 * Opens the embedded database of that data folder (or DATABASE_URL's) and times, with the
 * functions the pages use: an unfiltered page, the red-warning page right after a change (the
 * warning levels read again), the same page with the levels known, a deep page, the workbench
 * counts, the map's view statistics of the whole city with 仅看预警, and an export of the
 * red-warning list. Prints a Markdown table.
 */
import { rerunUnderReactServer } from '../lib/react-server';

rerunUnderReactServer('LR_PARCEL_WARNINGS_BENCH_CHILD');

async function main() {
  const dataDir = process.argv[2];
  const { openDatabase } = await import('../../src/platform/db/client');
  const { listParcels, listParcelsForExport } = await import('../../src/modules/parcels/queries');
  const { countParcelWarnings } = await import('../../src/modules/parcels/warning-levels');
  const { forgetParcelData } = await import('../../src/modules/parcels/data-version');
  const { ZParcelFilter } = await import('../../src/modules/parcels/validation');
  const { viewStatistics } = await import('../../src/modules/map/queries');
  const { parseMapFilters } = await import('../../src/modules/map/validation');
  const database = await openDatabase(process.env.DATABASE_URL ? {} : { dataDir: dataDir ?? '.tmp/bench-map' });
  const db = database.db;
  const rows: string[] = [];
  const time = async (label: string, run: () => Promise<string>) => {
    const t = performance.now();
    const result = await run();
    rows.push(`| ${label} | ${(performance.now() - t).toFixed(0)} ms | ${result} |`);
  };
  try {
    const list = async (raw: Record<string, unknown>) => {
      const r = await listParcels(db, ZParcelFilter.parse(raw));
      return `${r.total} 宗，本页 ${r.rows.length} 宗`;
    };
    await list({}); // connection and JIT warm-up, as in a running server
    await time('地块列表第 1 页（无筛选）', () => list({}));
    forgetParcelData(db); // as after a change: the warning levels are read again
    await time('红色预警第 1 页（变更后首次，重新计算预警）', () => list({ warn: 'red' }));
    await time('红色预警第 1 页（预警已知）', () => list({ warn: 'red' }));
    await time('红色预警第 50 页', () => list({ warn: 'red', page: 50 }));
    await time('黄色预警 + 可供应', () => list({ warn: 'amber', stage: '可供应' }));
    await time('工作台预警待办计数', async () => {
      const c = await countParcelWarnings(db);
      return `红 ${c.red}，黄 ${c.amber}`;
    });
    const city = { minLon: 110.7, minLat: 27.9, maxLon: 113.1, maxLat: 29.6 };
    await time('挂图作战视图统计（全市，仅看预警）', async () => {
      const r = await viewStatistics(db, city, parseMapFilters(new URLSearchParams('warn=1')));
      return `${r.total.count} 宗`;
    });
    await time('导出红色预警（全部行）', async () => {
      const r = await listParcelsForExport(db, ZParcelFilter.parse({ warn: 'red' }));
      return `${r.rows.length} 行`;
    });
  } finally {
    await database.close();
  }
  console.log(`地块预警筛选（${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}）\n\n| 操作 | 用时 | 结果 |\n|---|---|---|\n${rows.join('\n')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
