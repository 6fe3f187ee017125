import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitProgress } from '@/ui/kit/progress';
import { formatHectares, formatM2 } from '../amounts';
import type { PlanProgressView, ProgressView, TargetGroupView } from '../view';

function percentLabel(p: number | null): string {
  return p === null ? '未设目标' : `${p}%`;
}

function Bar({ view }: { view: ProgressView }) {
  const status = view.percent === null || view.percent < 100 ? undefined : view.overIsWarning && view.percent > 100 ? 'warning' : 'success';
  return <KitProgress percent={view.bar} label={percentLabel(view.percent)} status={status} />;
}

const areaTip = (m2: string) => `${formatM2(m2)} 平方米 / ${formatHectares(m2)} 公顷`;

const TARGET_COLUMNS: Column<TargetGroupView>[] = [
  {
    key: 'label',
    title: '指标',
    kind: 'name',
    tooltip: (g) => `${g.title}：${g.note}`,
    render: (g) => (
      <>
        {g.title}
        <span className="lr-muted lr-gap">{g.note}</span>
      </>
    ),
  },
  { key: 'countTarget', title: '目标宗数', kind: 'count', value: (g) => g.count.targetRaw },
  { key: 'countActual', title: '完成宗数', kind: 'count', value: (g) => g.count.actualRaw, testId: 'actual-count' },
  { key: 'countProgress', title: '宗数进度', kind: 'text', width: 170, render: (g) => <Bar view={g.count} /> },
  { key: 'areaTarget', title: '目标面积', kind: 'area', width: 120, value: (g) => g.area.targetRaw, tooltip: (g) => areaTip(g.area.targetRaw) },
  { key: 'areaActual', title: '完成面积', kind: 'area', width: 120, value: (g) => g.area.actualRaw, tooltip: (g) => areaTip(g.area.actualRaw) },
  { key: 'areaProgress', title: '面积进度', kind: 'text', width: 170, render: (g) => <Bar view={g.area} /> },
];

type FundRow = ProgressView & { key: 'fund' };

const FUND_COLUMNS: Column<FundRow>[] = [
  {
    key: 'label',
    title: '资金',
    kind: 'name',
    tooltip: () => '已支出：计划年度内收支台账中经审批的支出合计（冲销已抵减），与资金管理同一口径',
    render: () => (
      <>
        资金需求 / 已支出
        <span className="lr-muted lr-gap">计划年度内经审批的支出合计（冲销已抵减），与资金管理同一口径</span>
      </>
    ),
  },
  { key: 'need', title: '资金需求', kind: 'money', value: (r) => r.targetRaw },
  { key: 'spent', title: '已支出', kind: 'money', value: (r) => r.actualRaw, testId: 'actual-fund' },
  { key: 'progress', title: '支出进度', kind: 'text', width: 170, render: (r) => <Bar view={r} /> },
  { key: 'detail', title: '说明', kind: 'text', width: 240, value: (r) => r.detail, tooltip: (r) => r.detail ?? undefined },
];

/**
 * Targets against actuals, rendered on the server: one row per target (宗数 and 面积 side by side,
 * each with its progress bar), then the fund need against what was spent, in 万元.
 */
export function PlanProgressTable({ view }: { view: PlanProgressView }) {
  return (
    <div className="lr-stack" data-testid="plan-progress">
      <DataTable<TargetGroupView> columns={TARGET_COLUMNS} rows={view.groups} rowKey={(g) => g.key} testId="plan-progress-targets" />
      <DataTable<FundRow> columns={FUND_COLUMNS} rows={[{ ...view.fund, key: 'fund' }]} rowKey={(r) => r.key} moneyUnit="万元" testId="plan-progress-fund" />
    </div>
  );
}
