import 'server-only';
import { and, asc, count, eq, ilike, lte, or, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { formatDateTime } from '@/ui/format';
import { zFilterPage, zFilterPageSize, zFilterText } from '@/platform/validation';
import { RETENTION_YEARS } from './constants';
import { lastExpiredYear, RETENTION_RULE_SOURCE, retentionEndYear } from './retention-rule';
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

export const RETENTION_EXPORT_LIMIT = 50_000;

/** The expired items (all pages, at most RETENTION_EXPORT_LIMIT) as .xlsx for the 鉴定小组, audited. The caller checks archive:manage. */
export async function exportExpiredXlsx(db: Db, actor: Actor, today: string, f: Partial<TRetentionFilter>): Promise<{ buffer: Buffer; count: number }> {
  const { rows, total } = await expiredItems(db, today, { ...f, page: 1, size: RETENTION_EXPORT_LIMIT });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('到期档案');
  sheet.columns = [
    { header: '档号', width: 26 },
    { header: '题名', width: 40 },
    { header: '保管期限', width: 10 },
    { header: '年度', width: 8 },
    { header: '到期年度', width: 10 },
    { header: '所属档案', width: 18 },
    { header: '鉴定意见', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow([r.archiveNo, r.title, r.retention, r.year, r.endYear, `${r.ownerType} ${r.ownerCode}`, null]);
  const conditions = [f.q && `关键字「${f.q}」`, f.code && `编号含「${f.code}」`, f.retention && `保管期限 ${f.retention}`].filter(Boolean).join('，') || '全部';
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 14 }, { width: 90 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', conditions + (total > rows.length ? `；超出上限，只导出前 ${rows.length} 件` : '')]);
  info.addRow(['件数', rows.length]);
  info.addRow(['规则', RETENTION_RULE_SOURCE]);
  info.addRow(['处置', '到期档案须经鉴定小组鉴定后按规定处置，系统不会自动删除']);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出到期档案清单',
    objectType: '档案条目',
    result: '成功',
    message: `导出 ${rows.length} 件到期档案；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, count: rows.length };
}
