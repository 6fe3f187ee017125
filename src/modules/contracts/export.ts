import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { formatDateTime } from '@/ui/format';
import { reserveProjects } from '@/modules/parcels/schema';
import { contractStatusText } from './rules';
import { CONTRACT_EXPORT_LIMIT, listContractsForExport, type ContractRow } from './queries';
import { REMINDER_LABELS, type TContractFilter } from './validation';

/** Amounts as numbers with 2 decimals (exact below 10^13 元), in 元 as on the contract. */
const money = (v: string) => Number(v);
const MONEY_FMT = '#,##0.00';

const COLUMNS: { header: string; width: number; value: (r: ContractRow) => string | number | null; numFmt?: string }[] = [
  { header: '合同编号', width: 18, value: (r) => r.contractNo },
  { header: '合同名称', width: 30, value: (r) => r.name },
  { header: '合同类型', width: 12, value: (r) => r.contractType },
  { header: '状态', width: 10, value: (r) => contractStatusText(r.status) },
  { header: '项目', width: 26, value: (r) => (r.projectCode ? `${r.projectCode} ${r.projectName ?? ''}` : null) },
  { header: '我方', width: 20, value: (r) => r.ourParty },
  { header: '相对方', width: 24, value: (r) => r.counterparty },
  { header: '统一社会信用代码', width: 22, value: (r) => r.counterpartyCreditCode },
  { header: '签订日期', width: 12, value: (r) => r.signedOn },
  { header: '开始日期', width: 12, value: (r) => r.startOn },
  { header: '结束日期', width: 12, value: (r) => r.endOn },
  { header: '原合同金额（元）', width: 18, value: (r) => money(r.figures.original), numFmt: MONEY_FMT },
  { header: '已批准变更（元）', width: 16, value: (r) => money(r.figures.approvedChanges), numFmt: MONEY_FMT },
  { header: '合同金额（元）', width: 18, value: (r) => money(r.figures.effective), numFmt: MONEY_FMT },
  { header: '计划付款（元）', width: 18, value: (r) => money(r.figures.planned), numFmt: MONEY_FMT },
  { header: '已付（元）', width: 18, value: (r) => money(r.figures.paid), numFmt: MONEY_FMT },
  { header: '审批中（元）', width: 16, value: (r) => money(r.figures.inApproval), numFmt: MONEY_FMT },
  { header: '剩余可付（元）', width: 18, value: (r) => money(r.figures.remaining), numFmt: MONEY_FMT },
  { header: '演示数据', width: 10, value: (r) => (r.isDemo ? '是' : null) },
];

async function describeFilter(db: Db, f: TContractFilter): Promise<string> {
  const [project] = f.project ? await db.select({ code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.id, f.project)) : [];
  const parts = [
    f.q && `关键字「${f.q}」`,
    f.type && `类型 ${f.type}`,
    f.status && `状态 ${contractStatusText(f.status)}`,
    f.project && `项目 ${project?.code ?? f.project}`,
    f.year && `${f.year} 年签订`,
    f.reminder && REMINDER_LABELS[f.reminder],
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '全部';
}

/** The filtered contracts (all pages, at most CONTRACT_EXPORT_LIMIT) as .xlsx, audited. The caller checks contract:export. */
export async function exportContractsXlsx(db: Db, actor: Actor, filter: TContractFilter): Promise<{ buffer: Buffer; count: number }> {
  const rows = await listContractsForExport(db, filter);
  const conditions = await describeFilter(db, filter);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('合同台账');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', conditions + (rows.length >= CONTRACT_EXPORT_LIMIT ? `；超出上限，只导出前 ${CONTRACT_EXPORT_LIMIT} 份` : '')]);
  info.addRow(['行数', rows.length]);
  info.addRow(['口径', '合同金额 = 原合同金额 + 已批准的变更与签证；已付 = 关联合同的已审批支出（含冲销）；审批中 = 已提交未审批的付款；剩余可付 = 合同金额 − 已付 − 审批中。金额单位：元，按分精确计算。']);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出合同台账',
    objectType: '合同',
    result: '成功',
    message: `导出 ${rows.length} 份合同；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, count: rows.length };
}
