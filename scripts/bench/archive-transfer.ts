/**
 * Benchmark of the 档案移交包 (issue 16 item 7): memory must stay flat however large the package.
 *
 *   npm run bench:archive-transfer [-- --files 200 --mb 5]
 *
 * Makes a temporary DATA_DIR with an embedded database, one project archive and `--files` items of
 * one `--mb` MB file each (PDF-looking random bytes, stored through putFile as uploads are), then
 * streams the package to /dev/null through transferStream — the function the route
 * /api/archives/transfer answers with — sampling the process RSS every 100 ms. Prints the bytes,
 * seconds, MB/s and RSS at start, peak and end. The temporary directory is removed afterwards.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { rerunUnderReactServer } from '../lib/react-server';

rerunUnderReactServer('LR_ARCHIVE_TRANSFER_BENCH_CHILD');

function parseArgs(argv: string[]): { files: number; mb: number } {
  const o = { files: 200, mb: 5 };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const v = Number(argv[++k]);
    if (a === '--files') o.files = v;
    else if (a === '--mb') o.mb = v;
    else throw new Error(`未知参数：${a}`);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`参数 ${a} 应为正数`);
  }
  return o;
}

const MB = 1024 * 1024;
const mb = (n: number) => (n / MB).toFixed(1);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'lr-bench-transfer-'));
  process.env.DATA_DIR = dir;
  const { resetConfigCache } = await import('../../src/platform/config');
  resetConfigCache();
  const { openDatabase } = await import('../../src/platform/db/client');
  const { migrate } = await import('../../src/platform/db/migrate');
  const { putFile } = await import('../../src/platform/storage/file-store');
  const { reserveProjects } = await import('../../src/modules/parcels/schema');
  const { archiveItemFiles, archiveItems } = await import('../../src/modules/archives/schema');
  const { syncArchives } = await import('../../src/modules/archives/store');
  const { planTransfer, transferStream } = await import('../../src/modules/archives/transfer');
  const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

  const database = await openDatabase({ dataDir: dir });
  try {
    const db = database.db;
    await migrate(db);
    const [project] = await db.insert(reserveProjects).values({ code: 'XM-BENCH-01', name: '移交基准项目', acquisitionRoute: '收购', status: 'active' }).returning({ id: reserveProjects.id });
    await syncArchives(db);
    const archiveId = `aj-${project.id}`;
    log(`生成 ${opts.files} 个 ${opts.mb} MB 文件（共 ${mb(opts.files * opts.mb * MB)} MB）…`);
    const size = Math.round(opts.mb * MB);
    for (let i = 1; i <= opts.files; i++) {
      const bytes = randomBytes(size);
      bytes.write('%PDF-1.4\n', 0, 'latin1');
      bytes.write('\n%%EOF\n', size - 7, 'latin1');
      const stored = await putFile(bytes);
      const seq = String(i).padStart(4, '0');
      const [item] = await db
        .insert(archiveItems)
        .values({
          archiveId,
          stage: '收储',
          archiveNo: `Z001-WS·2026-Y-${seq}`,
          series: 'Z001-WS·2026-Y-',
          seq: i,
          year: 2026,
          title: `基准条目 ${seq}`,
          category: '其他',
          itemDate: '2026-03-15',
          department: '收储科',
          retention: '永久',
          secrecy: '内部',
          sourceType: '上传',
          acceptedBy: 'bench',
          acceptedByName: '基准测试',
          acceptedAt: new Date(),
        })
        .returning({ id: archiveItems.id });
      await db.insert(archiveItemFiles).values({ itemId: item.id, fileName: `扫描件${seq}.pdf`, mimeType: 'application/pdf', sizeBytes: stored.sizeBytes, sm3: stored.sm3 });
    }
    const actor = { userId: 'bench', username: 'bench', displayName: '基准测试', roleNames: '档案管理员', departmentId: null, permissions: new Set(['archive:manage']), ip: null, requestId: null };
    const plan = await planTransfer(db, { archiveIds: [archiveId], itemIds: [] });
    log(`移交包：${plan.itemCount} 件、${plan.fileCount} 个文件、${mb(plan.totalBytes)} MB`);

    (globalThis as { gc?: () => void }).gc?.();
    const start = process.memoryUsage();
    const rssStart = start.rss;
    let rssPeak = rssStart;
    // JS heap + buffers outside it (file chunks, zip output): what the package itself holds.
    const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
    let heapPeak = heapOf(start);
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, heapOf(m));
    }, 100);
    let bytes = 0;
    let problems = -1;
    const t0 = performance.now();
    const sink = Writable.toWeb(createWriteStream('/dev/null')) as WritableStream<Uint8Array>;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        bytes += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    await transferStream(db, actor, plan, { onDone: (s) => (problems = s.problems.length) }).pipeThrough(counter).pipeTo(sink);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    const end = process.memoryUsage();
    const rssEnd = end.rss;
    const lines = [
      '',
      `| 文件 | 包大小 | 用时 | 吞吐 | RSS 开始 | RSS 峰值 | RSS 结束 | 堆+外部内存 开始 / 峰值 / 结束 | 问题 |`,
      `|---|---|---|---|---|---|---|---|---|`,
      `| ${plan.fileCount} × ${opts.mb} MB | ${mb(bytes)} MB（${bytes} 字节） | ${seconds.toFixed(1)} s | ${(bytes / MB / seconds).toFixed(0)} MB/s | ${mb(rssStart)} MB | ${mb(rssPeak)} MB | ${mb(rssEnd)} MB | ${mb(heapOf(start))} / ${mb(heapPeak)} / ${mb(heapOf(end))} MB | ${problems} |`,
      '',
      `Node ${process.version}，嵌入式 PGlite；写入 /dev/null，每 100 ms 采样 RSS。`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
