import 'server-only';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import type { Db } from '@/platform/db/client';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { districts } from '@/platform/geo/schema';
import { HAZARD_CHECKS } from './stages';
import { reserveProjects } from './schema';
import { PARCEL_EXPORT_LIMIT, listParcelsForExport, type ParcelRowWithWarnings } from './queries';
import { PARCEL_SORT_LABELS, WARNING_FILTER_LABELS, type TParcelFilter } from './validation';
import { areaNumbers } from './view';

interface ExportColumn {
  header: string;
  width: number;
  value: (r: ParcelRowWithWarnings) => string | number | null;
  numFmt?: string;
}

const COLUMNS: ExportColumn[] = [
  { header: '地块编号', width: 18, value: (r) => r.code },
  { header: '地块名称', width: 28, value: (r) => r.name },
  { header: '电子监管号', width: 22, value: (r) => r.supervisionNo },
  { header: '坐落位置', width: 30, value: (r) => r.location },
  { header: '项目编号', width: 16, value: (r) => r.projectCode },
  { header: '项目名称', width: 28, value: (r) => r.projectName },
  { header: '区县', width: 10, value: (r) => r.districtName },
  { header: '环节', width: 10, value: (r) => r.stage },
  { header: '环节起始日期', width: 13, value: (r) => r.stageSince },
  { header: '入库日期', width: 13, value: (r) => r.reservedOn },
  { header: '面积（平方米）', width: 15, value: (r) => areaNumbers(r.areaM2).m2, numFmt: '#,##0.00' },
  { header: '面积（亩）', width: 12, value: (r) => areaNumbers(r.areaM2).mu, numFmt: '#,##0.00' },
  { header: '面积（公顷）', width: 13, value: (r) => areaNumbers(r.areaM2).ha, numFmt: '#,##0.0000' },
  { header: '现状用途', width: 12, value: (r) => r.currentUse },
  { header: '规划用途', width: 12, value: (r) => r.plannedUse },
  { header: '容积率', width: 8, value: (r) => (r.plotRatio === null ? null : Number(r.plotRatio)), numFmt: '0.00' },
  { header: '开发程度', width: 12, value: (r) => r.servicing },
  { header: '不动产权证号', width: 24, value: (r) => r.titleCertNo },
  { header: '权属登记日期', width: 13, value: (r) => r.titleRegisteredOn },
  ...HAZARD_CHECKS.map((h) => ({ header: h.label, width: 12, value: (r: ParcelRowWithWarnings) => r[h.key] })),
  { header: '管护方式', width: 10, value: (r) => r.custodyMode },
  { header: '最近巡查日期', width: 13, value: (r) => r.lastInspectionOn },
  { header: '预警', width: 40, value: (r) => r.warnings.map((w) => `【${w.level === 'red' ? '红' : '黄'}】${w.message}`).join('；') || null },
  { header: '登记时间', width: 20, value: (r) => formatDateTime(r.createdAt) },
];

/** The rows as an .xlsx workbook (one sheet, Chinese headers, frozen header row). */
export async function buildParcelWorkbook(rows: readonly ParcelRowWithWarnings[], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '土地储备全生命周期管理系统';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('地块', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 16 }, { width: 80 }];
  info.addRow(['导出时间', formatDateTime(new Date())]);
  info.addRow(['条件', note]);
  info.addRow(['行数', rows.length]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The filter in words (district and project by name), for the audit entry and the workbook's 说明 sheet. */
async function describeFilter(db: Db, f: TParcelFilter): Promise<string> {
  const [district] = f.district ? await db.select({ name: districts.name }).from(districts).where(eq(districts.adcode, f.district)) : [];
  const [project] = f.project ? await db.select({ code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.id, f.project)) : [];
  const parts = [
    f.q && `关键字「${f.q}」`,
    f.stage && `环节 ${f.stage}`,
    f.district && `区县 ${district?.name ?? f.district}`,
    f.project && `项目 ${project?.code ?? f.project}`,
    f.use && `规划用途 ${f.use}`,
    f.year && `年度 ${f.year}`,
    f.warn && WARNING_FILTER_LABELS[f.warn],
  ].filter(Boolean);
  return `${parts.length ? parts.join('，') : '全部'}；按${PARCEL_SORT_LABELS[f.sort]}${f.order === 'asc' ? '升序' : '降序'}`;
}

/**
 * The filtered parcels (all pages, at most PARCEL_EXPORT_LIMIT rows) as .xlsx; the export is
 * audited as 导出地块 with the filter and the row count. The caller checks parcel:export.
 */
export async function exportParcelsXlsx(
  db: Db,
  actor: Actor,
  filter: TParcelFilter,
  today: string = todayInShanghai(),
): Promise<{ buffer: Buffer; count: number; total: number; truncated: boolean }> {
  const { rows, total } = await listParcelsForExport(db, filter, today);
  const truncated = total > rows.length;
  const conditions = await describeFilter(db, filter);
  const buffer = await buildParcelWorkbook(rows, conditions);
  await appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action: '导出地块',
    objectType: '地块',
    result: '成功',
    message: `导出 ${rows.length} 条${truncated ? `（共 ${total} 条，超出上限只导出前 ${PARCEL_EXPORT_LIMIT} 条）` : ''}；条件：${conditions}`,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return { buffer, count: rows.length, total, truncated };
}
