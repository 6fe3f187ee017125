'use client';
import { Progress, Table, type PrimaryTableCol } from 'tdesign-react';
import type { PlanProgressView, ProgressView } from '../view';

interface Row extends ProgressView {
  key: string;
  label: string;
  note: string | null;
}

function rowsOf(view: PlanProgressView): Row[] {
  const rows: Row[] = [];
  for (const g of view.groups) {
    rows.push({ key: `${g.key}-count`, label: `${g.title}宗数`, note: g.note, ...g.count });
    rows.push({ key: `${g.key}-area`, label: `${g.title}面积`, note: null, ...g.area });
  }
  rows.push({
    key: 'fund',
    label: '资金需求 / 已支出',
    note: '已支出：计划年度内收支台账中经审批的支出合计（冲销已抵减），与资金管理同一口径',
    ...view.fund,
  });
  return rows;
}

function percentLabel(p: number | null): string {
  return p === null ? '未设目标' : `${p}%`;
}

/** Targets against actuals, one row per target, each with a progress bar. */
export function PlanProgressTable({ view }: { view: PlanProgressView }) {
  const columns: PrimaryTableCol<Row>[] = [
    {
      colKey: 'label',
      title: '指标',
      width: 200,
      cell: ({ row }) => (
        <div>
          <div>{row.label}</div>
          {row.note && <div className="lr-muted" style={{ fontSize: 12 }}>{row.note}</div>}
        </div>
      ),
    },
    { colKey: 'target', title: '计划目标', width: 170, align: 'right' },
    {
      colKey: 'actual',
      title: '实际完成',
      width: 170,
      align: 'right',
      cell: ({ row }) => <span data-testid={`actual-${row.key}`}>{row.actual}</span>,
    },
    {
      colKey: 'percent',
      title: '完成进度',
      minWidth: 260,
      cell: ({ row }) => (
        <div>
          <Progress
            percentage={row.bar}
            label={percentLabel(row.percent)}
            status={row.percent === null || row.percent < 100 ? undefined : row.overIsWarning ? (row.percent > 100 ? 'warning' : 'success') : 'success'}
          />
          {row.detail && <div className="lr-muted" style={{ fontSize: 12, marginTop: 2 }}>{row.detail}</div>}
        </div>
      ),
    },
  ];
  return <Table<Row> rowKey="key" data={rowsOf(view)} columns={columns} size="small" bordered tableLayout="auto" />;
}
