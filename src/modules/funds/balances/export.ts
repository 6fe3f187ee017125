import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { reserveProjects } from '@/modules/parcels/schema';
import { getAccountBalances, type AccountBalance } from '../accounts/queries';
import { getBondBalances, type BondBalance } from '../bonds/queries';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { sumAmounts } from '../rules/money';
import { getExecutionReport, getMonthlyFlow, getProjectBalances, type ExecutionReport, type MonthlyFlow, type ProjectBalances } from './queries';
import { defaultFundsYear, EXPORT_KIND_LABELS, PROJECT_STATUS_OPTIONS, type TExportParams } from './validation';
import { findIntegrityProblemsOf, type IntegrityProblem } from '../ledger/integrity';
import { INTEGRITY_LABELS } from '../ledger/integrity-labels';
import {
  balanceColumns,
  MONTHLY_COLUMNS,
  monthLabel,
  REPORT_EXPENSE_TITLE,
  REPORT_INCOME_TITLE,
  REPORT_LINES,
  REPORT_TITLE,
  REPORT_UNIT_NAME,
} from './view';

/**
 * Excel exports of the balance pages. Each calls the very query the page calls, with the same
 * parameters (同一数据, 同一口径); amounts are numeric cells formatted '#,##0.00', rates are
 * percent numbers formatted '0.00'. Every export is audited.
 */

export const MONEY_FORMAT = '#,##0.00';
export const RATE_FORMAT = '0.00';

const STATUS_LABELS: Record<string, string> = Object.fromEntries(PROJECT_STATUS_OPTIONS.map((o) => [o.value, o.label]));

/** A decimal string as an Excel number (amounts fit a double exactly to the fen below 9×10^13 元). */
function num(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '土地储备全生命周期管理系统';
  workbook.created = new Date();
  return workbook;
}

function addInfoSheet(workbook: ExcelJS.Workbook, rows: [string, string | number][]): void {
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 16 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  for (const r of rows) info.addRow(r);
  info.addRow(['口径', '只统计已审批的收支记录（冲销记录为负数，直接相加）；年度按记账日期；预算取当前版本；单位：元']);
}

/**
 * Ledger entries that fail their integrity check are still in the figures; the workbook then
 * opens on a sheet that says so and lists them (docs/security.md: marked, not excluded).
 */
function addIntegritySheet(workbook: ExcelJS.Workbook, problems: readonly IntegrityProblem[]): void {
  if (!problems.length) return;
  const sheet = workbook.addWorksheet('数据完整性校验失败', { properties: { tabColor: { argb: 'FFD54941' } } });
  sheet.columns = [{ width: 18 }, { width: 60 }];
  sheet.addRow([`数据完整性校验失败：${problems.length} 笔已审批收支记录未通过完整性校验，本表的金额包含这些记录，在与原始凭证核对之前不可信`]).font = { bold: true, color: { argb: 'FFD54941' } };
  sheet.addRow(['收支编号', '校验结果']).font = { bold: true };
  for (const p of problems) sheet.addRow([p.entryNo, INTEGRITY_LABELS[p.verdict]]);
  // Show it first.
  const ws = workbook.worksheets;
  workbook.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: ws.indexOf(sheet), visibility: 'visible' }];
}

/** 项目资金余额: header row, one row per project, the totals row last. */
export function buildProjectBalancesWorkbook(data: ProjectBalances, note: string): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('项目资金余额', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = balanceColumns(data.year);
  sheet.columns = [
    { header: '项目编号', width: 16 },
    { header: '项目名称', width: 30 },
    { header: '状态', width: 8 },
    ...cols.map((c) => ({ header: c.kind === 'money' ? `${c.title}（元）` : c.title, width: c.kind === 'money' ? 18 : 14, style: { numFmt: c.kind === 'money' ? MONEY_FORMAT : RATE_FORMAT } })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of data.rows) sheet.addRow([r.code, r.name, STATUS_LABELS[r.status] ?? r.status, ...cols.map((c) => num(r[c.key]))]);
  const total = sheet.addRow(['合计', `${data.total} 个项目`, null, ...cols.map((c) => num(data.totals[c.key]))]);
  total.font = { bold: true };
  addInfoSheet(workbook, [
    ['条件', note],
    ['行数', data.rows.length],
  ]);
  return workbook;
}

/** 月度收支: 年初余额, the 12 months, 合计. */
export function buildMonthlyWorkbook(flow: MonthlyFlow, note: string): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('月度收支', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ header: '月份', width: 12 }, ...MONTHLY_COLUMNS.map((c) => ({ header: `${c.title}（元）`, width: 20, style: { numFmt: MONEY_FORMAT } }))];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['年初余额', null, null, null, num(flow.opening)]);
  for (const m of flow.months) sheet.addRow([monthLabel(m.month), num(m.income), num(m.expense), num(m.net), num(m.cumulative)]);
  const total = sheet.addRow(['合计', num(flow.totals.income), num(flow.totals.expense), num(flow.totals.net), num(flow.totals.closing)]);
  total.font = { bold: true };
  addInfoSheet(workbook, [['条件', note]]);
  return workbook;
}

/** A plain table: header row, one row per item, the totals row last (amount columns summed exactly by the caller). */
function buildTableWorkbook(title: string, textCols: { header: string; width: number }[], moneyCols: string[], rows: (string | number | null)[][], totals: (string | number | null)[], note: string): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [...textCols, ...moneyCols.map((h) => ({ header: `${h}（元）`, width: 20, style: { numFmt: MONEY_FORMAT } }))];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.addRow(totals).font = { bold: true };
  addInfoSheet(workbook, [['条件', note]]);
  return workbook;
}

/** 资金账户余额: the same rows as the overview's account table (approved entries, all years). */
export function buildAccountsWorkbook(accounts: AccountBalance[]): ExcelJS.Workbook {
  const sum = (k: 'income' | 'expense' | 'balance') => num(sumAmounts(accounts.map((a) => a[k])));
  return buildTableWorkbook(
    '资金账户余额',
    [
      { header: '账户', width: 36 },
      { header: '资金来源', width: 14 },
      { header: '状态', width: 8 },
    ],
    ['累计收入', '累计支出', '余额'],
    accounts.map((a) => [a.name, a.sourceName, a.status === 'active' ? '启用' : '停用', num(a.income), num(a.expense), num(a.balance)]),
    ['合计', `${accounts.length} 个账户`, null, sum('income'), sum('expense'), sum('balance')],
    '全部账户，累计（全部年度）',
  );
}

/** 专项债券余额: the same rows as the overview's bond table. */
export function buildBondsWorkbook(list: BondBalance[]): ExcelJS.Workbook {
  const keys = ['amount', 'allocated', 'principalRepaid', 'interestPaid', 'outstanding', 'interestDue'] as const;
  return buildTableWorkbook(
    '专项债券余额',
    [
      { header: '债券代码', width: 18 },
      { header: '债券名称', width: 44 },
    ],
    ['发行金额', '已分配', '已还本金', '已付利息', '未还本金', '待付利息'],
    list.map((b) => [b.code, b.name, ...keys.map((k) => num(b[k]))]),
    ['合计', `${list.length} 只债券`, ...keys.map((k) => num(sumAmounts(list.map((b) => b[k]))))],
    '全部专项债券，截至导出日',
  );
}

/**
 * 资金执行情况表 laid out like the printed form: title, unit and date lines; part 一 (budget,
 * executed and rate per project and expense category, three lines per project); part 二
 * (income received by fund source). A4 landscape, fitted to the page width.
 */
export function buildExecutionReportWorkbook(report: ExecutionReport, printedOn: string, projectLabel: string | null): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(REPORT_TITLE, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 } },
  });
  const cats = report.categories;
  const width = Math.max(4 + cats.length + 1, 3 + report.sources.length + 1);
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 6 : i === 1 ? 16 : i === 2 ? 28 : 16 }));

  const title = sheet.addRow([`${report.year} 年度${REPORT_TITLE}`]);
  sheet.mergeCells(title.number, 1, title.number, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const unit = sheet.addRow([`编制单位：${REPORT_UNIT_NAME}`]);
  sheet.mergeCells(unit.number, 1, unit.number, 3);
  unit.getCell(width).value = '单位：元';
  unit.getCell(width).alignment = { horizontal: 'right' };
  const when = sheet.addRow([`打印日期：${printedOn}${projectLabel ? `\u3000项目：${projectLabel}` : ''}`]);
  sheet.mergeCells(when.number, 1, when.number, width);

  const bordered = (row: ExcelJS.Row, cells: number) => {
    for (let c = 1; c <= cells; c++) row.getCell(c).border = THIN;
  };

  // Part 一: expense budget and execution.
  const part1 = sheet.addRow([`一、${REPORT_EXPENSE_TITLE}`]);
  part1.font = { bold: true };
  const head1 = sheet.addRow(['序号', '项目编号', '项目名称', '指标', ...cats, '支出合计']);
  head1.font = { bold: true };
  head1.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  bordered(head1, 4 + cats.length + 1);
  const writeBlock = (seq: string, code: string, name: string, r: ExecutionReport['total']) => {
    const first = sheet.rowCount + 1;
    for (const line of REPORT_LINES) {
      const values =
        line.key === 'rate'
          ? [...cats.map((c) => num(r.rate[c])), num(r.rateTotal)]
          : [...cats.map((c) => num(r[line.key][c])), num(line.key === 'budget' ? r.budgetTotal : r.executedTotal)];
      const row = sheet.addRow([seq, code, name, line.label, ...values]);
      for (let c = 5; c <= 5 + cats.length; c++) row.getCell(c).numFmt = line.key === 'rate' ? RATE_FORMAT : MONEY_FORMAT;
      bordered(row, 4 + cats.length + 1);
    }
    for (let c = 1; c <= 3; c++) {
      sheet.mergeCells(first, c, first + REPORT_LINES.length - 1, c);
      sheet.getCell(first, c).alignment = { vertical: 'middle', wrapText: true };
    }
  };
  report.rows.forEach((r, i) => writeBlock(String(i + 1), r.code, r.name, r));
  writeBlock('', '', report.total.name, report.total);

  // Part 二: income received by source.
  sheet.addRow([]);
  const part2 = sheet.addRow([`二、${REPORT_INCOME_TITLE}`]);
  part2.font = { bold: true };
  const head2 = sheet.addRow(['序号', '项目编号', '项目名称', ...report.sources.map((s) => s.name), '到位合计']);
  head2.font = { bold: true };
  head2.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  bordered(head2, 3 + report.sources.length + 1);
  const incomeRow = (seq: string, code: string, name: string, r: ExecutionReport['total']) => {
    const row = sheet.addRow([seq, code, name, ...report.sources.map((s) => num(r.income[s.code])), num(r.incomeTotal)]);
    for (let c = 4; c <= 4 + report.sources.length; c++) row.getCell(c).numFmt = MONEY_FORMAT;
    bordered(row, 3 + report.sources.length + 1);
    return row;
  };
  report.rows.forEach((r, i) => incomeRow(String(i + 1), r.code, r.name, r));
  incomeRow('', '', report.total.name, report.total).font = { bold: true };

  sheet.addRow([]);
  sheet.addRow(['单位负责人：', null, null, '财务负责人：', null, null, '制表人：']);
  addInfoSheet(workbook, [
    ['年度', report.year],
    ['项目', projectLabel ?? '全部项目'],
  ]);
  return workbook;
}

async function projectLabelOf(db: Db, projectId: string | null | undefined): Promise<string | null> {
  if (!projectId) return null;
  const [p] = await db.select({ code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, projectId));
  return p ? `${p.code} ${p.name}` : projectId;
}

export interface FundsExport {
  buffer: Buffer;
  /** ASCII file name and the Chinese one (for content-disposition filename*). */
  asciiName: string;
  fileName: string;
  rows: number;
}

/**
 * Builds the requested workbook from the page's own query and audits the export
 * (导出资金数据, with the kind, the conditions and the row count). The caller checks fund:export.
 */
export async function exportFundsXlsx(db: Db, actor: Actor, params: TExportParams, today: string = todayInShanghai()): Promise<FundsExport> {
  const label = EXPORT_KIND_LABELS[params.kind];
  let workbook: ExcelJS.Workbook;
  let rows: number;
  let conditions: string;
  if (params.kind === 'projects') {
    const data = await getProjectBalances(db, { q: params.q, status: params.status, year: params.year });
    conditions =
      [params.q && `关键字「${params.q}」`, params.status && `状态 ${STATUS_LABELS[params.status]}`, params.year ? `年度 ${params.year}` : '累计（全部年度）']
        .filter(Boolean)
        .join('，') || '全部';
    workbook = buildProjectBalancesWorkbook(data, conditions);
    rows = data.rows.length;
  } else if (params.kind === 'accounts') {
    const accounts = await getAccountBalances(db);
    conditions = '全部账户，累计';
    workbook = buildAccountsWorkbook(accounts);
    rows = accounts.length;
  } else if (params.kind === 'bonds') {
    const list = await getBondBalances(db);
    conditions = '全部专项债券';
    workbook = buildBondsWorkbook(list);
    rows = list.length;
  } else {
    const year = params.year ?? defaultFundsYear(today);
    const project = await projectLabelOf(db, params.projectId);
    conditions = `年度 ${year}，${project ? `项目 ${project}` : '全中心'}`;
    if (params.kind === 'monthly') {
      const flow = await getMonthlyFlow(db, { year, projectId: params.projectId });
      workbook = buildMonthlyWorkbook(flow, conditions);
      rows = flow.months.length;
    } else {
      const report = await getExecutionReport(db, { year, projectId: params.projectId });
      workbook = buildExecutionReportWorkbook(report, today, project);
      rows = report.rows.length;
    }
  }
  const scoped = params.kind === 'report' || params.kind === 'monthly' ? params.projectId : null;
  const problems = await findIntegrityProblemsOf(db, { projectId: scoped });
  addIntegritySheet(workbook, problems);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出资金数据',
    objectType: '资金',
    result: '成功',
    message: `导出${label} ${rows} 行；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, asciiName: `funds-${params.kind}.xlsx`, fileName: `${label}-${today}.xlsx`, rows };
}
