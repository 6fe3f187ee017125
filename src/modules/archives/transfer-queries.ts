import 'server-only';
import { asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { archiveItemFiles, archiveItems, archives } from './schema';

export interface TransferArchiveRow {
  id: string;
  ownerType: string;
  ownerCode: string;
  title: string;
  itemCount: number;
  fileCount: number;
  totalBytes: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Archives by owner code with what each would put in a 移交包 (items, files, bytes), one page. */
export async function listArchivesForTransfer(db: Db, f: { code?: string; page: number; size: number }): Promise<{ rows: TransferArchiveRow[]; total: number }> {
  const where = f.code ? ilike(archives.ownerCode, `%${escapeLike(f.code)}%`) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(archives).where(where);
  const page = await db
    .select({ id: archives.id, ownerType: archives.ownerType, ownerCode: archives.ownerCode, title: archives.title })
    .from(archives)
    .where(where)
    .orderBy(asc(archives.ownerCode), asc(archives.ownerType))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  return { rows: await withCounts(db, page), total: Number(total) };
}

/** The same figures for chosen archives (ids not found are left out). */
export async function archivesForTransfer(db: Db, ids: string[]): Promise<TransferArchiveRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: archives.id, ownerType: archives.ownerType, ownerCode: archives.ownerCode, title: archives.title })
    .from(archives)
    .where(inArray(archives.id, ids))
    .orderBy(asc(archives.ownerCode), asc(archives.ownerType));
  return withCounts(db, rows);
}

async function withCounts(db: Db, rows: { id: string; ownerType: string; ownerCode: string; title: string }[]): Promise<TransferArchiveRow[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const items = await db
    .select({ archiveId: archiveItems.archiveId, n: count() })
    .from(archiveItems)
    .where(inArray(archiveItems.archiveId, ids))
    .groupBy(archiveItems.archiveId);
  const files = await db
    .select({ archiveId: archiveItems.archiveId, n: count(), bytes: sql<string>`coalesce(sum(${archiveItemFiles.sizeBytes}), 0)` })
    .from(archiveItemFiles)
    .innerJoin(archiveItems, eq(archiveItems.id, archiveItemFiles.itemId))
    .where(inArray(archiveItems.archiveId, ids))
    .groupBy(archiveItems.archiveId);
  const itemsOf = new Map(items.map((r) => [r.archiveId, Number(r.n)]));
  const filesOf = new Map(files.map((r) => [r.archiveId, { n: Number(r.n), bytes: Number(r.bytes) }]));
  return rows.map((r) => ({ ...r, itemCount: itemsOf.get(r.id) ?? 0, fileCount: filesOf.get(r.id)?.n ?? 0, totalBytes: filesOf.get(r.id)?.bytes ?? 0 }));
}

/** 1536 → 「1.5 KB」 (binary units, one decimal). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
