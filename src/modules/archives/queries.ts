import 'server-only';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { ARCHIVE_STAGES, type TArchiveOwnerType } from './constants';
import { archiveItemFiles, archiveItems, archives } from './schema';
import type { TItemFilter } from './validation';

/** LIKE metacharacters taken literally (the search is plain text: no full-text engine on openGauss). */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ItemRow {
  id: string;
  archiveId: string;
  ownerType: string;
  ownerCode: string;
  archiveNo: string;
  stage: string;
  title: string;
  category: string;
  itemDate: string;
  department: string;
  retention: string;
  secrecy: string;
  pageCount: number | null;
  fileCount: number;
}

function whereOf(f: TItemFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(archiveItems.title, pattern), ilike(archiveItems.description, pattern), ilike(archiveItems.archiveNo, pattern)));
  }
  if (f.code) parts.push(ilike(archives.ownerCode, `%${escapeLike(f.code)}%`));
  if (f.owner) parts.push(eq(archives.ownerType, f.owner));
  if (f.stage) parts.push(eq(archiveItems.stage, f.stage));
  if (f.category) parts.push(eq(archiveItems.category, f.category));
  if (f.retention) parts.push(eq(archiveItems.retention, f.retention));
  if (f.from) parts.push(gte(archiveItems.itemDate, f.from));
  if (f.to) parts.push(lte(archiveItems.itemDate, f.to));
  return parts.length ? and(...parts) : undefined;
}

async function fileCounts(db: Db, itemIds: string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: archiveItemFiles.itemId, n: count() })
    .from(archiveItemFiles)
    .where(inArray(archiveItemFiles.itemId, itemIds))
    .groupBy(archiveItemFiles.itemId);
  return new Map(rows.map((r) => [r.itemId, Number(r.n)]));
}

const itemColumns = {
  id: archiveItems.id,
  archiveId: archiveItems.archiveId,
  ownerType: archives.ownerType,
  ownerCode: archives.ownerCode,
  archiveNo: archiveItems.archiveNo,
  stage: archiveItems.stage,
  title: archiveItems.title,
  category: archiveItems.category,
  itemDate: archiveItems.itemDate,
  department: archiveItems.department,
  retention: archiveItems.retention,
  secrecy: archiveItems.secrecy,
  pageCount: archiveItems.pageCount,
};

/** The archive search: items with their archive's owner, newest document first, one page. */
export async function searchItems(db: Db, f: TItemFilter): Promise<{ rows: ItemRow[]; total: number }> {
  const where = whereOf(f);
  const [{ total }] = await db.select({ total: count() }).from(archiveItems).innerJoin(archives, eq(archives.id, archiveItems.archiveId)).where(where);
  const rows = await db
    .select(itemColumns)
    .from(archiveItems)
    .innerJoin(archives, eq(archives.id, archiveItems.archiveId))
    .where(where)
    .orderBy(desc(archiveItems.itemDate), desc(archiveItems.archiveNo))
    .limit(f.size)
    .offset((f.page - 1) * f.size);
  const counts = await fileCounts(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, fileCount: counts.get(r.id) ?? 0 })), total: Number(total) };
}

export interface ArchiveFileRow {
  id: string;
  itemId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
}

export interface ArchiveDetail {
  id: string;
  ownerType: TArchiveOwnerType;
  ownerId: string;
  ownerCode: string;
  title: string;
  createdAt: Date;
  /** Items by stage, in the order of ARCHIVE_STAGES; each item with its files. */
  stages: { stage: string; items: (ItemRow & { description: string | null; acceptedByName: string; acceptedAt: Date; files: ArchiveFileRow[] })[] }[];
  itemCount: number;
  fileCount: number;
}

/** One archive with every item and file (an archive holds tens to a few hundred items). */
export async function getArchive(db: Db, id: string): Promise<ArchiveDetail | null> {
  const [archive] = await db.select().from(archives).where(eq(archives.id, id));
  if (!archive) return null;
  const items = await db
    .select({ ...itemColumns, description: archiveItems.description, acceptedByName: archiveItems.acceptedByName, acceptedAt: archiveItems.acceptedAt })
    .from(archiveItems)
    .innerJoin(archives, eq(archives.id, archiveItems.archiveId))
    .where(eq(archiveItems.archiveId, id))
    .orderBy(asc(archiveItems.itemDate), asc(archiveItems.archiveNo));
  const files = items.length
    ? await db
        .select({ id: archiveItemFiles.id, itemId: archiveItemFiles.itemId, fileName: archiveItemFiles.fileName, mimeType: archiveItemFiles.mimeType, sizeBytes: archiveItemFiles.sizeBytes, sm3: archiveItemFiles.sm3 })
        .from(archiveItemFiles)
        .where(inArray(archiveItemFiles.itemId, items.map((i) => i.id)))
        .orderBy(asc(archiveItemFiles.position), asc(archiveItemFiles.createdAt))
    : [];
  const filesOf = new Map<string, ArchiveFileRow[]>();
  for (const f of files) filesOf.set(f.itemId, [...(filesOf.get(f.itemId) ?? []), f]);
  const stages = ARCHIVE_STAGES.map((stage) => ({
    stage,
    items: items.filter((i) => i.stage === stage).map((i) => ({ ...i, files: filesOf.get(i.id) ?? [], fileCount: filesOf.get(i.id)?.length ?? 0 })),
  }));
  return {
    id: archive.id,
    ownerType: archive.ownerType as TArchiveOwnerType,
    ownerId: archive.ownerId,
    ownerCode: archive.ownerCode,
    title: archive.title,
    createdAt: archive.createdAt,
    stages,
    itemCount: items.length,
    fileCount: files.length,
  };
}

/** The archive of a parcel or project (null until syncArchives has made it). */
export async function archiveIdOf(db: Db, ownerType: TArchiveOwnerType, ownerId: string): Promise<string | null> {
  const [row] = await db.select({ id: archives.id }).from(archives).where(and(eq(archives.ownerType, ownerType), eq(archives.ownerId, ownerId)));
  return row?.id ?? null;
}

/** Archives of a code (parcel or project), for the search page's "open the archive" shortcut. */
export async function archivesByCode(db: Db, code: string, limit = 10): Promise<{ id: string; ownerType: string; ownerCode: string; title: string }[]> {
  return db
    .select({ id: archives.id, ownerType: archives.ownerType, ownerCode: archives.ownerCode, title: archives.title })
    .from(archives)
    .where(ilike(archives.ownerCode, `%${escapeLike(code)}%`))
    .orderBy(asc(archives.ownerCode))
    .limit(limit);
}

/** Item counts by stage of one owner's archive (the archive section of a parcel or project page). */
export async function archiveSummaryOf(db: Db, ownerType: TArchiveOwnerType, ownerId: string): Promise<{ id: string; byStage: { stage: string; n: number }[]; total: number } | null> {
  const id = await archiveIdOf(db, ownerType, ownerId);
  if (!id) return null;
  const rows = await db.select({ stage: archiveItems.stage, n: count() }).from(archiveItems).where(eq(archiveItems.archiveId, id)).groupBy(archiveItems.stage);
  const byStage = ARCHIVE_STAGES.map((stage) => ({ stage, n: Number(rows.find((r) => r.stage === stage)?.n ?? 0) })).filter((s) => s.n > 0);
  return { id, byStage, total: byStage.reduce((t, s) => t + s.n, 0) };
}
