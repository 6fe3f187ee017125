import 'server-only';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { archiveItems, archivePending, archivePendingFiles, archives } from './schema';
import type { TPendingFilter } from './validation';

export interface PendingRow {
  id: string;
  version: number;
  sourceType: string;
  sourceId: string;
  archiveId: string;
  ownerType: string;
  ownerCode: string;
  stage: string;
  title: string;
  category: string;
  itemDate: string;
  department: string;
  retention: string;
  secrecy: string;
  description: string | null;
  status: string;
  returnReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  archiveNo: string | null;
  fileCount: number;
  isDemo: boolean;
  createdAt: Date;
}

/** The 待归档 list (or its 已归档 / 已退回 history), oldest first while waiting, newest decided first after. */
export async function listPending(db: Db | Tx, f: TPendingFilter): Promise<{ rows: PendingRow[]; total: number }> {
  const where: SQL[] = [eq(archivePending.status, f.status)];
  if (f.source) where.push(eq(archivePending.sourceType, f.source));
  if (f.stage) where.push(eq(archivePending.stage, f.stage));
  const cond = and(...where);
  const [{ n }] = await db.select({ n: count() }).from(archivePending).where(cond);
  const rows = await db
    .select({
      id: archivePending.id,
      version: archivePending.version,
      sourceType: archivePending.sourceType,
      sourceId: archivePending.sourceId,
      archiveId: archivePending.archiveId,
      ownerType: archives.ownerType,
      ownerCode: archives.ownerCode,
      stage: archivePending.stage,
      title: archivePending.title,
      isDemo: archivePending.isDemo,
      category: archivePending.category,
      itemDate: archivePending.itemDate,
      department: archivePending.department,
      retention: archivePending.retention,
      secrecy: archivePending.secrecy,
      description: archivePending.description,
      status: archivePending.status,
      returnReason: archivePending.returnReason,
      decidedByName: archivePending.decidedByName,
      decidedAt: archivePending.decidedAt,
      archiveNo: archiveItems.archiveNo,
      createdAt: archivePending.createdAt,
    })
    .from(archivePending)
    .innerJoin(archives, eq(archives.id, archivePending.archiveId))
    .leftJoin(archiveItems, eq(archiveItems.id, archivePending.itemId))
    .where(cond)
    .orderBy(...(f.status === '待归档' ? [asc(archivePending.createdAt), asc(archivePending.id)] : [desc(archivePending.decidedAt), desc(archivePending.id)]))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db.select({ id: archivePendingFiles.pendingId, n: count() }).from(archivePendingFiles).where(inArray(archivePendingFiles.pendingId, ids)).groupBy(archivePendingFiles.pendingId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return { rows: rows.map((r) => ({ ...r, fileCount: byId.get(r.id) ?? 0 })), total: n };
}

/** How many records wait in the 待归档 list (the archivist's to-do). */
export async function countPending(db: Db | Tx): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(archivePending).where(eq(archivePending.status, '待归档'));
  return n;
}

/** Records per status (the list's tabs). */
export async function pendingCounts(db: Db | Tx): Promise<Record<'待归档' | '已归档' | '已退回', number>> {
  const rows = await db.select({ status: archivePending.status, n: count() }).from(archivePending).groupBy(archivePending.status);
  const by = new Map(rows.map((r) => [r.status, r.n]));
  return { 待归档: by.get('待归档') ?? 0, 已归档: by.get('已归档') ?? 0, 已退回: by.get('已退回') ?? 0 };
}
