import 'server-only';
import { asc, count, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { storedFileDigest } from '@/platform/storage/file-store';
import { archiveChecks, archiveItemFiles, archiveItems } from './schema';

/**
 * 档案完整性检查: every file of every archived item is re-hashed (SM3) from the file store and
 * compared with the digest registered when it was archived. Run by `npm run archives:verify`
 * (命令行) or the archivist's button (页面); each run is kept in archive_checks.
 */
export type ArchiveFileProblem = '文件缺失' | '内容被篡改';
export type ArchiveCheckVia = '页面' | '命令行';

export interface ArchiveCheckProblem {
  itemId: string;
  archiveNo: string;
  fileName: string;
  sm3: string;
  problem: ArchiveFileProblem;
}

export interface ArchiveCheckResult {
  id: string;
  filesChecked: number;
  missing: number;
  altered: number;
  /** The first MAX_RECORDED_PROBLEMS (the counts hold them all). */
  problems: ArchiveCheckProblem[];
  startedAt: Date;
  finishedAt: Date;
}

/** Rows read per query: the catalogue can be large, and is never loaded whole. */
const PAGE_SIZE = 500;
/** Problems kept with a check (a disk lost whole would otherwise make one huge row). */
export const MAX_RECORDED_PROBLEMS = 500;

type FileRow = { id: string; itemId: string; fileName: string; sm3: string; archiveNo: string | null };

/** The next page of files after `afterId` (keyset: stable while items are added during the run). */
async function filePage(db: Db, afterId: string | null): Promise<FileRow[]> {
  return db
    .select({ id: archiveItemFiles.id, itemId: archiveItemFiles.itemId, fileName: archiveItemFiles.fileName, sm3: archiveItemFiles.sm3, archiveNo: archiveItems.archiveNo })
    .from(archiveItemFiles)
    .leftJoin(archiveItems, eq(archiveItems.id, archiveItemFiles.itemId))
    .where(afterId === null ? undefined : gt(archiveItemFiles.id, afterId))
    .orderBy(asc(archiveItemFiles.id))
    .limit(PAGE_SIZE);
}

/** What is wrong with the stored bytes of a digest, or null. */
async function digestProblem(sm3: string): Promise<ArchiveFileProblem | null> {
  // A malformed digest in the catalogue names no file the store could hold.
  if (!/^[0-9a-f]{64}$/.test(sm3)) return '文件缺失';
  const actual = await storedFileDigest(sm3);
  if (actual === null) return '文件缺失';
  return actual === sm3 ? null : '内容被篡改';
}

export async function verifyArchiveFiles(
  db: Db,
  opts: { via: ArchiveCheckVia; checkedBy: string | null; onProgress?: (done: number, total: number) => void },
): Promise<ArchiveCheckResult> {
  const startedAt = new Date();
  const [{ total }] = await db.select({ total: count() }).from(archiveItemFiles);
  // Several items can name one stored file (the store is deduplicated): each digest is read once.
  const verdicts = new Map<string, ArchiveFileProblem | null>();
  const problems: ArchiveCheckProblem[] = [];
  let filesChecked = 0;
  let missing = 0;
  let altered = 0;
  let afterId: string | null = null;
  for (;;) {
    const page: FileRow[] = await filePage(db, afterId);
    if (!page.length) break;
    for (const f of page) {
      if (!verdicts.has(f.sm3)) verdicts.set(f.sm3, await digestProblem(f.sm3));
      const problem = verdicts.get(f.sm3) ?? null;
      filesChecked++;
      if (problem === '文件缺失') missing++;
      if (problem === '内容被篡改') altered++;
      if (problem && problems.length < MAX_RECORDED_PROBLEMS) {
        problems.push({ itemId: f.itemId, archiveNo: f.archiveNo ?? '（件已不存在）', fileName: f.fileName, sm3: f.sm3, problem });
      }
    }
    afterId = page[page.length - 1].id;
    opts.onProgress?.(filesChecked, Math.max(total, filesChecked));
  }
  const finishedAt = new Date();
  const [row] = await db
    .insert(archiveChecks)
    .values({ startedAt, finishedAt, via: opts.via, checkedBy: opts.checkedBy, filesChecked, missing, altered, problems: JSON.stringify(problems) })
    .returning({ id: archiveChecks.id });
  return { id: row.id, filesChecked, missing, altered, problems, startedAt, finishedAt };
}

export interface ArchiveCheckRecord extends ArchiveCheckResult {
  via: string;
  checkedBy: string | null;
}

/** The most recent check (for the archivist's page), or null when none has run. */
export async function latestArchiveCheck(db: Db): Promise<ArchiveCheckRecord | null> {
  const [row] = await db.select().from(archiveChecks).orderBy(desc(archiveChecks.startedAt), desc(archiveChecks.id)).limit(1);
  if (!row) return null;
  return { ...row, problems: JSON.parse(row.problems) as ArchiveCheckProblem[] };
}
