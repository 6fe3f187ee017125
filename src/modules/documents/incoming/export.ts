import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import { departments } from '@/platform/auth/schema';
import type { Db } from '@/platform/db/client';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { ASSIGNMENT_STATUS_LABELS, STATE_LABELS, dueText, isOverdue } from './rules';
import { INCOMING_EXPORT_LIMIT, listIncomingForExport, type IncomingRow } from './queries';
import type { TIncomingFilter } from './validation';

const SORT_LABELS: Record<TIncomingFilter['sort'], string> = { received: '收文日期', no: '收文编号', due: '办理期限' };

interface ExportColumn {
  header: string;
  width: number;
  value: (r: IncomingRow, today: string) => string | number | null;
}

const live = (r: IncomingRow) => r.assignments.filter((a) => a.status !== 'reassigned');

const COLUMNS: ExportColumn[] = [
  { header: '收文编号', width: 18, value: (r) => r.receiptNo },
  { header: '收文日期', width: 12, value: (r) => r.receivedOn },
  { header: '来文单位', width: 26, value: (r) => r.senderOrg },
  { header: '来文字号', width: 22, value: (r) => r.senderNo },
  { header: '标题', width: 44, value: (r) => r.title },
  { header: '文种', width: 9, value: (r) => r.docType },
  { header: '紧急程度', width: 9, value: (r) => r.urgency },
  { header: '密级', width: 7, value: (r) => r.secrecy },
  { header: '办理状态', width: 9, value: (r) => STATE_LABELS[r.state] },
  {
    header: '承办科室（期限、状态）',
    width: 50,
    value: (r, today) =>
      live(r)
        .map((a) => `${a.departmentName}（${a.dueOn}，${dueText(a, today) ?? ASSIGNMENT_STATUS_LABELS[a.status]}）`)
        .join('；') || null,
  },
  { header: '逾期', width: 6, value: (r, today) => (live(r).some((a) => isOverdue(a, today)) ? '是' : '') },
  { header: '演示数据', width: 8, value: (r) => (r.isDemo ? '是' : '') },
];

async function describeFilter(db: Db, f: TIncomingFilter): Promise<string> {
  const [dept] = f.dept ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, f.dept)) : [];
  const parts = [
    f.q && `关键字「${f.q}」`,
    f.type && `文种 ${f.type}`,
    f.state && `状态 ${STATE_LABELS[f.state]}`,
    f.year && `${f.year} 年`,
    f.dept && `承办科室 ${dept?.name ?? f.dept}`,
    f.overdue && '逾期',
  ].filter(Boolean);
  return `${parts.length ? parts.join('，') : '全部'}；按${SORT_LABELS[f.sort]}${f.order === 'asc' ? '升序' : '降序'}`;
}

/**
 * The filtered 收文登记簿 (all pages, at most INCOMING_EXPORT_LIMIT rows) as .xlsx, audited as
 * 导出收文登记簿 with the filter and the row count. The caller checks incoming:export.
 */
export async function exportIncomingXlsx(db: Db, actor: Actor, filter: TIncomingFilter): Promise<{ buffer: Buffer; rows: number }> {
  const today = todayInShanghai();
  const rows = await listIncomingForExport(db, filter, today);
  const conditions = await describeFilter(db, filter);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '土地储备全生命周期管理系统';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('收文登记簿', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r, today)));
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', conditions]);
  info.addRow(['行数', rows.length]);
  info.addRow(['逾期', `分办事项超过办理期限（${today} 之前到期）仍未办理完毕的为逾期；已退回并重新分办的事项不列出`]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出收文登记簿',
    objectType: '收文',
    result: '成功',
    message: `导出 ${rows.length} 条${rows.length >= INCOMING_EXPORT_LIMIT ? `（达到上限 ${INCOMING_EXPORT_LIMIT} 条）` : ''}；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, rows: rows.length };
}
