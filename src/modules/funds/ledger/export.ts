import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { formatDateTime } from '@/ui/format';
import { reserveProjects } from '@/modules/parcels/schema';
import { ENTRY_STATUSES } from '../rules';
import { INTEGRITY_LABELS } from './integrity-labels';
import { LEDGER_EXPORT_LIMIT, listEntriesForExport, type LedgerRow, type LedgerTotals } from './queries';
import { DIRECTION_LABELS, LEDGER_SORT_LABELS, ORIGIN_LABELS, type TLedgerFilter } from './validation';
import type { EntryActor } from './entry-actions';

/**
 * Amounts go to Excel as numbers (so the sheet can sum them) formatted with 2 decimals; the
 * totals row is computed exactly in decimal by the query, not by Excel. A numeric(18,2) amount
 * below 10^13 元 converts to a double that prints back to the same fen.
 */
const money = (v: string) => Number(v);

interface ExportColumn {
  header: string;
  width: number;
  value: (r: LedgerRow) => string | number | null;
  numFmt?: string;
}

const COLUMNS: ExportColumn[] = [
  { header: '收支编号', width: 16, value: (r) => r.entryNo },
  { header: '发生日期', width: 12, value: (r) => r.entryDate },
  { header: '收支方向', width: 9, value: (r) => DIRECTION_LABELS[r.direction] },
  { header: '科目', width: 12, value: (r) => r.category },
  { header: '金额（元）', width: 18, value: (r) => money(r.amount), numFmt: '#,##0.00' },
  { header: '资金来源', width: 12, value: (r) => r.sourceName },
  { header: '资金账户', width: 22, value: (r) => r.accountName },
  { header: '项目编号', width: 16, value: (r) => r.projectCode },
  { header: '项目名称', width: 28, value: (r) => r.projectName },
  { header: '地块编号', width: 14, value: (r) => r.parcelCode },
  { header: '收款/付款单位', width: 26, value: (r) => r.counterparty },
  { header: '合同编号', width: 16, value: (r) => r.contractNo },
  { header: '凭证号', width: 14, value: (r) => r.voucherNo },
  { header: '摘要说明', width: 40, value: (r) => r.description },
  { header: '状态', width: 11, value: (r) => ENTRY_STATUSES[r.status] },
  { header: '登记来源', width: 12, value: (r) => ORIGIN_LABELS[r.origin] },
  { header: '已冲销', width: 8, value: (r) => (r.reversedBy ? '是' : '') },
  { header: '登记时间', width: 20, value: (r) => formatDateTime(r.createdAt) },
  { header: '完整性校验', width: 40, value: (r) => (r.integrity === 'ok' ? '通过' : INTEGRITY_LABELS[r.integrity]) },
];

/** The rows as an .xlsx workbook: one sheet of entries with a totals block, one 说明 sheet. */
export async function buildLedgerWorkbook(rows: readonly LedgerRow[], totals: LedgerTotals, note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '土地储备全生命周期管理系统';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('收支台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  sheet.addRow([]);
  const amountCol = COLUMNS.findIndex((c) => c.header === '金额（元）');
  const totalRow = (label: string, amount: string) => {
    const cells: (string | number | null)[] = COLUMNS.map(() => null);
    cells[0] = label;
    cells[amountCol] = money(amount);
    sheet.addRow(cells).font = { bold: true };
  };
  totalRow(`已审批收入合计（${totals.approved.count} 笔已审批）`, totals.approved.income);
  totalRow('已审批支出合计', totals.approved.expense);
  totalRow('已审批净额（收入 − 支出）', totals.approved.net);
  totalRow(`全部状态收入合计（共 ${totals.count} 笔）`, totals.all.income);
  totalRow('全部状态支出合计', totals.all.expense);
  totalRow('已审批零星收入（缴入国库，不计入收入合计）', totals.treasuryApproved);
  if (totals.integrityProblems.length) {
    const nos = totals.integrityProblems.map((p) => p.entryNo);
    sheet.addRow([`数据完整性校验失败：${nos.length} 笔记录未通过完整性校验（${nos.slice(0, 50).join('、')}${nos.length > 50 ? ' 等' : ''}），以上合计包含这些记录，在与原始凭证核对之前不可信`]).font = {
      bold: true,
      color: { argb: 'FFD54941' },
    };
  }

  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', note]);
  info.addRow(['行数', rows.length]);
  info.addRow(['口径', '只有「已审批」的记录计入余额；冲销记录为负数金额，与原记录同方向，审批后与原记录相互抵消。合计由系统按分精确计算。']);
  info.addRow(['完整性校验', '每笔记录审批通过时以 HMAC-SM3 完整性标签封存（密钥保存在数据库之外）；导出时逐笔校验，「完整性校验」列不是「通过」的记录在数据库中被改动过或缺少标签，合计仍包含它们但不可信。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function describeFilter(db: Db, f: TLedgerFilter): Promise<string> {
  const [project] = f.project ? await db.select({ code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.id, f.project)) : [];
  const parts = [
    f.q && `关键字「${f.q}」`,
    f.direction && DIRECTION_LABELS[f.direction],
    f.category && `科目 ${f.category}`,
    f.status && `状态 ${ENTRY_STATUSES[f.status]}`,
    f.project && `项目 ${project?.code ?? f.project}`,
    f.year && `${f.year} 年${f.month ? ` ${f.month} 月` : ''}`,
    f.mine && '待我处理',
  ].filter(Boolean);
  return `${parts.length ? parts.join('，') : '全部'}；按${LEDGER_SORT_LABELS[f.sort]}${f.order === 'asc' ? '升序' : '降序'}`;
}

/**
 * The filtered entries (all pages, at most LEDGER_EXPORT_LIMIT rows) as .xlsx, audited as
 * 导出收支台账 with the filter and the row count. The caller checks fund:export.
 */
export async function exportLedgerXlsx(db: Db, actor: Actor & EntryActor, filter: TLedgerFilter): Promise<{ buffer: Buffer; count: number; total: number; truncated: boolean }> {
  const { rows, totals } = await listEntriesForExport(db, filter, actor);
  const truncated = totals.count > rows.length;
  const conditions = await describeFilter(db, filter);
  const buffer = await buildLedgerWorkbook(rows, totals, conditions + (truncated ? `；超出上限，只导出前 ${LEDGER_EXPORT_LIMIT} 条（合计为全部 ${totals.count} 条）` : ''));
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出收支台账',
    objectType: '资金收支',
    result: '成功',
    message: `导出 ${rows.length} 条${truncated ? `（共 ${totals.count} 条，超出上限只导出前 ${LEDGER_EXPORT_LIMIT} 条）` : ''}；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, count: rows.length, total: totals.count, truncated };
}
