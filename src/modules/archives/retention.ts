import 'server-only';
import { and, asc, count, eq, ilike, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/platform/db/client';
import { zFilterPage, zFilterPageSize, zFilterText } from '@/platform/validation';
import { RETENTION_YEARS } from './constants';
import { lastExpiredYear, retentionEndYear } from './retention-rule';
import { archiveItems, archives } from './schema';

/** URL filters of /archives/retention. */
export const ZRetentionFilter = z.object({
  q: zFilterText(100),
  code: zFilterText(64),
  retention: z.enum(['30年', '10年']).optional().catch(undefined),
  page: zFilterPage,
  size: zFilterPageSize,
});
export type TRetentionFilter = z.infer<typeof ZRetentionFilter>;
export const RETENTION_FILTER_LABELS: Record<string, string> = { q: '档号或题名', code: '地块或项目编号', retention: '保管期限' };

export interface ExpiredItemRow {
  id: string;
  archiveId: string;
  archiveNo: string;
  title: string;
  retention: string;
  year: number;
  endYear: number;
  ownerType: string;
  ownerCode: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(currentYear: number, f: Partial<TRetentionFilter>): SQL | undefined {
  // The rule of retention-rule.ts as SQL: year + N < currentYear ⇔ year <= currentYear − N − 1.
  const periods = Object.entries(RETENTION_YEARS)
    .filter(([r, n]) => n !== null && (!f.retention || f.retention === r))
    .map(([r, n]) => and(eq(archiveItems.retention, r), lte(archiveItems.year, lastExpiredYear(n!, currentYear))));
  const parts: (SQL | undefined)[] = [or(...periods)];
  if (f.q) parts.push(or(ilike(archiveItems.archiveNo, `%${escapeLike(f.q)}%`), ilike(archiveItems.title, `%${escapeLike(f.q)}%`)));
  if (f.code) parts.push(ilike(archives.ownerCode, `%${escapeLike(f.code)}%`));
  return and(...parts);
}

/**
 * Items whose retention period has ended by `today` (YYYY-MM-DD), for appraisal by the 鉴定小组:
 * 30年 / 10年 items with 年度 + N < the current year; 永久 never. Oldest first, one page.
 */
export async function expiredItems(db: Db, today: string, f: Partial<TRetentionFilter> & { page?: number; size?: number } = {}): Promise<{ rows: ExpiredItemRow[]; total: number }> {
  const currentYear = Number(today.slice(0, 4));
  const where = whereOf(currentYear, f);
  const [{ total }] = await db.select({ total: count() }).from(archiveItems).innerJoin(archives, eq(archives.id, archiveItems.archiveId)).where(where);
  const size = f.size ?? 20;
  const rows = await db
    .select({
      id: archiveItems.id,
      archiveId: archiveItems.archiveId,
      archiveNo: archiveItems.archiveNo,
      title: archiveItems.title,
      retention: archiveItems.retention,
      year: archiveItems.year,
      ownerType: archives.ownerType,
      ownerCode: archives.ownerCode,
    })
    .from(archiveItems)
    .innerJoin(archives, eq(archives.id, archiveItems.archiveId))
    .where(where)
    .orderBy(asc(archiveItems.year), asc(archiveItems.archiveNo))
    .limit(size)
    .offset(((f.page ?? 1) - 1) * size);
  return { rows: rows.map((r) => ({ ...r, endYear: retentionEndYear(r.year, r.retention)! })), total: Number(total) };
}
