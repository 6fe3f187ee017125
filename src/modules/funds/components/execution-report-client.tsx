'use client';
import { Fragment, useEffect, useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { Button, Select, Space } from 'tdesign-react';
import { DownloadIcon, PrintIcon } from 'tdesign-icons-react';
import { formatYuan } from '@/modules/plans/amounts';
import { todayInShanghai } from '@/ui/format';
import { listQueryString } from '@/ui/use-list-navigation';
import type { ExecutionReport, ExecutionReportRow } from '../balances/queries';
import { REPORT_EXPENSE_TITLE, REPORT_INCOME_TITLE, REPORT_LINES, REPORT_TITLE, REPORT_UNIT_NAME } from '../balances/view';
import { YearSelect } from './funds-ui';

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

function Num({ value }: { value: string | null }) {
  return <td className="num">{value === null ? '—' : formatYuan(value)}</td>;
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

/** 资金执行情况表: the form as printed (and exported to Excel from the same query). */
export function ExecutionReportClient(props: {
  report: ExecutionReport;
  years: number[];
  projects: { id: string; code: string; name: string }[];
  printedOn: string;
  canExport: boolean;
}) {
  const { report } = props;
  const router = useRouter();
  const pathname = usePathname();
  const [printedOn, setPrintedOn] = useState(props.printedOn);
  useEffect(() => {
    const update = () => setPrintedOn(todayInShanghai());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);

  const project = report.projectId ? props.projects.find((p) => p.id === report.projectId) : null;
  const exportQuery = listQueryString({ kind: 'report', year: report.year, projectId: report.projectId ?? undefined });
  const chooseProject = (value: unknown) => {
    const qs = listQueryString({ year: report.year, projectId: typeof value === 'string' && value ? value : undefined });
    router.push(qs ? `${pathname}?${qs}` : pathname);
  };
  const cats = report.categories;
  const blocks = report.rows.map((r, i) => ({ seq: String(i + 1), row: r }));

  return (
    <div>
      <style>{REPORT_CSS}</style>
      <div className="lr-toolbar lr-no-print">
        <YearSelect year={report.year} years={props.years} keep={{ projectId: report.projectId ?? undefined }} />
        <Select
          style={{ width: 320 }}
          placeholder="全部项目"
          value={report.projectId ?? undefined}
          clearable
          filterable
          options={props.projects.map((p) => ({ label: `${p.code} ${p.name}`, value: p.id }))}
          onChange={chooseProject}
        />
        <div style={{ flex: 1 }} />
        <Space>
          <Button theme="primary" icon={<PrintIcon />} onClick={() => window.print()}>
            打印
          </Button>
          {props.canExport && (
            <Button variant="outline" icon={<DownloadIcon />} href={`/api/funds/export?${exportQuery}`} tag="a">
              导出 Excel
            </Button>
          )}
        </Space>
      </div>

      <div className="lr-report" data-testid="execution-report">
        <h1>
          {report.year} 年度{REPORT_TITLE}
        </h1>
        <div className="lr-report__meta">
          <span>编制单位：{REPORT_UNIT_NAME}</span>
          <span>单位：元</span>
        </div>
        <div className="lr-report__meta">
          <span>{project ? `项目：${project.code} ${project.name}` : '范围：全部项目'}</span>
          <span>打印日期：{printedOn}</span>
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
