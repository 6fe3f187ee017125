import type { Db } from '../../src/platform/db/client';
import { verifyArchiveFiles, type ArchiveCheckResult } from '../../src/modules/archives/integrity';

/** Where the report goes (the console, or a test's collector). */
export interface ReportOut {
  log(line: string): void;
  error(line: string): void;
}

/** The check's lines: the counts first, then one line per problem recorded. */
export function archiveCheckReport(r: ArchiveCheckResult): string[] {
  const seconds = ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1);
  const lines = [`档案文件完整性检查：检查文件 ${r.filesChecked} 个，缺失 ${r.missing} 个，被篡改 ${r.altered} 个（用时 ${seconds} 秒，检查记录 ${r.id}）`];
  for (const p of r.problems) lines.push(`${p.problem}\t档号 ${p.archiveNo}\t${p.fileName}\tSM3 ${p.sm3}`);
  const unlisted = r.missing + r.altered - r.problems.length;
  if (unlisted > 0) lines.push(`另有 ${unlisted} 个问题文件未逐一列出（只记录前 ${r.problems.length} 个）`);
  return lines;
}

/**
 * `npm run archives:verify`: re-hashes every archived file and reports; the exit code is 1 when a
 * file is missing or altered (a nightly job or monitor sees the failure), else 0.
 */
export async function archivesVerifyMain(db: Db, out: ReportOut = console): Promise<number> {
  // Progress only for a person at a terminal: a job's log keeps the summary alone.
  const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r已检查 ${done}/${total} 个文件`) : undefined;
  const result = await verifyArchiveFiles(db, { via: '命令行', checkedBy: null, onProgress: progress });
  if (progress) process.stderr.write('\n');
  const [summary, ...problems] = archiveCheckReport(result);
  const bad = result.missing + result.altered > 0;
  if (!bad) {
    out.log(`${summary}：全部文件与归档时的 SM3 摘要一致`);
    return 0;
  }
  out.error(summary);
  for (const line of problems) out.error(line);
  return 1;
}
