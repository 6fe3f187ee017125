import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { departments } from '@/platform/auth/schema';
import { formatDateTime } from '@/ui/format';
import { DOCUMENT_EXPORT_LIMIT, listDocumentsForExport, type DocumentListRow } from './queries';
import type { TDocumentFilter } from './validation';

const SORT_LABELS: Record<TDocumentFilter['sort'], string> = { created: '登记时间', docNo: '发文字号', title: '标题', docDate: '成文日期' };

const COLUMNS: { header: string; width: number; value: (r: DocumentListRow) => string | null }[] = [
  { header: '发文字号', width: 22, value: (r) => r.docNo },
  { header: '标题', width: 48, value: (r) => r.title },
  { header: '类型', width: 10, value: (r) => r.docType },
  { header: '主送机关', width: 28, value: (r) => r.mainRecipients },
  { header: '紧急程度', width: 9, value: (r) => r.urgency },
  { header: '密级', width: 8, value: (r) => r.secrecy },
  { header: '成文日期', width: 12, value: (r) => r.docDate },
  { header: '状态', width: 9, value: (r) => r.status },
  { header: '当前步骤', width: 10, value: (r) => r.currentStepName },
  { header: '拟稿科室', width: 14, value: (r) => r.departmentName },
  { header: '拟稿人', width: 10, value: (r) => r.drafterName },
  { header: '签发人', width: 10, value: (r) => r.signerName },
  { header: '登记时间', width: 20, value: (r) => formatDateTime(r.createdAt) },
];

async function describeFilter(db: Db, f: TDocumentFilter): Promise<string> {
  const [dept] = f.dept ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, f.dept)) : [];
  const parts = [
    f.q && `关键字「${f.q}」`,
    f.type && `类型 ${f.type}`,
    f.status && `状态 ${f.status}`,
    f.year && `${f.year} 年`,
    f.dept && `科室 ${dept?.name ?? f.dept}`,
    f.mine && '待我办理',
  ].filter(Boolean);
  return `${parts.length ? parts.join('，') : '全部'}；按${SORT_LABELS[f.sort]}${f.order === 'asc' ? '升序' : '降序'}`;
}

/** The filtered 发文 (all pages, at most DOCUMENT_EXPORT_LIMIT rows) as .xlsx, audited. The caller checks document:export. */
export async function exportDocumentsXlsx(db: Db, actor: Actor, filter: TDocumentFilter): Promise<Buffer> {
  const { rows, total } = await listDocumentsForExport(db, filter, actor);
  const truncated = total > rows.length;
  const conditions = (await describeFilter(db, filter)) + (truncated ? `；超出上限，只导出前 ${DOCUMENT_EXPORT_LIMIT} 条（共 ${total} 条）` : '');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '土地储备全生命周期管理系统';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('发文登记', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', conditions]);
  info.addRow(['行数', rows.length]);
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出发文登记',
    objectType: '公文',
    result: '成功',
    message: `导出 ${rows.length} 条；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
