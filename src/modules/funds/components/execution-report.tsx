import { Fragment } from 'react';
import { formatYuan } from '@/modules/plans/amounts';
import { formatCell } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { listHref } from '@/ui/kit/query';
import type { ExecutionReport, ExecutionReportRow } from '../balances/queries';
import { REPORT_EXPENSE_TITLE, REPORT_INCOME_TITLE, REPORT_LINES, REPORT_TITLE, REPORT_UNIT_NAME } from '../balances/view';
import { PrintButton, PrintedOn, ReportProjectSelect } from './report-islands';
import { YearSelect } from './year-select';

/**
 * Print CSS: A4 landscape, only the form. The app shell's menu and header are hidden by the
 * global print rules; here the toolbar, the page padding and the page background go too.
 */
const REPORT_CSS = `
.lr-report { background: #fff; padding: 24px; color: #000; }
.lr-report h1 { text-align: center; font-size: 22px; margin: 0 0 12px; letter-spacing: 2px; }
.lr-report__meta { display: flex; justify-content: space-between; font-size: 13px; margin: 4px 0; }
.lr-report h2 { font-size: 14px; margin: 16px 0 6px; }
.lr-report table { border-collapse: collapse; width: 100%; font-size: 12px; table-layout: auto; }
.lr-report th, .lr-report td { border: 1px solid #333; padding: 3px 5px; }
.lr-report th { background: #f2f3f5; font-weight: 600; text-align: center; }
.lr-report td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.lr-report tr.total td { font-weight: 600; }
.lr-report__sign { display: flex; justify-content: space-between; margin-top: 24px; font-size: 13px; }
.lr-report__sign span { min-width: 200px; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  html, body { background: #fff !important; }
  .t-layout, .t-layout__content { padding: 0 !important; background: #fff !important; }
  .lr-report { padding: 0; }
  .lr-report table { font-size: 10px; }
  .lr-report th, .lr-report td { padding: 2px 3px; }
  .lr-report th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .lr-report tr { break-inside: avoid; }
}
`;

/** A figure in 万元 (the report's unit, stated at its head), the exact 元 in the tooltip. */
function Num({ value }: { value: string | null }) {
  if (value === null) return <td className="num">—</td>;
  return (
    <td className="num" title={`${formatYuan(value)} 元`}>
      {formatCell('money', value, '万元')}
    </td>
  );
}

function RateCell({ value }: { value: string | null }) {
  return <td className="num">{value === null ? '—' : value}</td>;
}

function ExpenseBlock({ seq, row, categories, total }: { seq: string; row: ExecutionReportRow; categories: readonly string[]; total?: boolean }) {
  return (
    <>
      {REPORT_LINES.map((line, i) => (
        <tr key={line.key} className={total ? 'total' : undefined}>
          {i === 0 && (
            <>
              <td rowSpan={REPORT_LINES.length} style={{ textAlign: 'center' }}>
                {seq}
              </td>
              <td rowSpan={REPORT_LINES.length}>{row.code}</td>
              <td rowSpan={REPORT_LINES.length}>{row.name}</td>
            </>
          )}
          <td style={{ whiteSpace: 'nowrap' }}>{line.label}</td>
          {line.key === 'rate' ? (
            <>
              {categories.map((c) => (
                <RateCell key={c} value={row.rate[c]} />
              ))}
              <RateCell value={row.rateTotal} />
            </>
          ) : (
            <>
              {categories.map((c) => (
                <Num key={c} value={row[line.key][c]} />
              ))}
              <Num value={line.key === 'budget' ? row.budgetTotal : row.executedTotal} />
            </>
          )}
        </tr>
      ))}
    </>
  );
}

/**
 * 资金执行情况表 on the server, in 万元: the form as printed (the Excel export comes from the same
 * query). Islands: the year and project selects, 打印, and the print date.
 */
export function ExecutionReportView(props: {
  report: ExecutionReport;
  years: number[];
  projects: { id: string; code: string; name: string }[];
  printedOn: string;
  canExport: boolean;
}) {
  const { report } = props;
  const project = report.projectId ? props.projects.find((p) => p.id === report.projectId) : null;
  const cats = report.categories;
  const blocks = report.rows.map((r, i) => ({ seq: String(i + 1), row: r }));

  return (
    <div>
      <style>{REPORT_CSS}</style>
      <div className="lr-toolbar lr-no-print">
        <YearSelect path="/funds/report" year={report.year} years={props.years} keep={{ projectId: report.projectId ?? undefined }} />
        <ReportProjectSelect year={report.year} projectId={report.projectId} projects={props.projects} />
        <div style={{ flex: 1 }} />
        <PrintButton />
        {props.canExport && <LinkButton href={listHref('/api/funds/export', { kind: 'report', year: report.year, projectId: report.projectId ?? undefined })}>导出 Excel</LinkButton>}
      </div>

      <div className="lr-report" data-testid="execution-report">
        <h1>
          {report.year} 年度{REPORT_TITLE}
        </h1>
        <div className="lr-report__meta">
          <span>编制单位：{REPORT_UNIT_NAME}</span>
          <span>单位：万元</span>
        </div>
        <div className="lr-report__meta">
          <span>{project ? `项目：${project.code} ${project.name}` : '范围：全部项目'}</span>
          <span>
            打印日期：<PrintedOn initial={props.printedOn} />
          </span>
        </div>

        <h2>一、{REPORT_EXPENSE_TITLE}</h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 36 }}>序号</th>
              <th>项目编号</th>
              <th>项目名称</th>
              <th>指标</th>
              {cats.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>支出合计</th>
            </tr>
          </thead>
          <tbody>
            {blocks.length === 0 && (
              <tr>
                <td colSpan={5 + cats.length} style={{ textAlign: 'center' }}>
                  本年度没有预算，也没有已审批的收支记录
                </td>
              </tr>
            )}
            {blocks.map((b) => (
              <Fragment key={b.row.projectId}>
                <ExpenseBlock seq={b.seq} row={b.row} categories={cats} />
              </Fragment>
            ))}
            <ExpenseBlock seq="" row={report.total} categories={cats} total />
          </tbody>
        </table>

        <h2>二、{REPORT_INCOME_TITLE}</h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 36 }}>序号</th>
              <th>项目编号</th>
              <th>项目名称</th>
              {report.sources.map((s) => (
                <th key={s.code || 'none'}>{s.name}</th>
              ))}
              <th>到位合计</th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((b) => (
              <tr key={b.row.projectId}>
                <td style={{ textAlign: 'center' }}>{b.seq}</td>
                <td>{b.row.code}</td>
                <td>{b.row.name}</td>
                {report.sources.map((s) => (
                  <Num key={s.code || 'none'} value={b.row.income[s.code]} />
                ))}
                <Num value={b.row.incomeTotal} />
              </tr>
            ))}
            <tr className="total">
              <td />
              <td />
              <td>{report.total.name}</td>
              {report.sources.map((s) => (
                <Num key={s.code || 'none'} value={report.total.income[s.code]} />
              ))}
              <Num value={report.total.incomeTotal} />
            </tr>
          </tbody>
        </table>
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 6 }}>
          说明：年度预算取当前版本；执行数、到位资金只统计该年度已审批的收支记录（冲销以负数计入）；执行率 = 执行数 ÷ 年度预算数 × 100%，无预算时为“—”。
        </div>
        <div className="lr-report__sign">
          <span>单位负责人：</span>
          <span>财务负责人：</span>
          <span>制表人：</span>
        </div>
      </div>
    </div>
  );
}
