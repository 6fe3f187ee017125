'use client';
import Link from 'next/link';
import { Alert, Card, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import type { ProjectBondSummary } from '../bonds/queries';
import type { ProjectRepayment } from '../bonds/project-checks';
import { COVERAGE_BASIS_LABELS, RULE_SOURCES_FUNDS, type InstalmentCover } from '../rules';
import { FigureGrid, Yuan } from './funds-ui';

/** Figures and allocations of ProjectBondsPanel. */
export function ProjectBondsPanelView({ summary: s }: { summary: ProjectBondSummary }) {
  const { settings, share, coverage, debt } = s;
  const columns: PrimaryTableCol[] = [
    { colKey: 'code', title: '债券编号', width: 160, cell: ({ row }) => <Link href={`/funds/bonds/${row.bondId}`}>{row.code}</Link> },
    { colKey: 'name', title: '债券名称', ellipsis: true },
    { colKey: 'amount', title: '分配金额（元）', width: 180, align: 'right', cell: ({ row }) => <Yuan value={row.amount} /> },
  ];
  return (
    <div data-testid="project-bonds-panel">
      <Card bordered={false} title="专项债券">
        <FigureGrid
          items={[
            { label: '专项债券资金（元）', value: <Yuan value={debt.allocated} /> },
            { label: '应还本金（元）', value: <Yuan value={debt.principal} /> },
            { label: '应付利息（元）', value: <Yuan value={debt.interest} /> },
            {
              label: '占预计出让收入',
              value: share.ratioPercent === null ? '—' : `${share.ratioPercent}%`,
              hint: (
                <>
                  上限 {settings.limitPercent}%（{settings.shareRule}）
                </>
              ),
            },
            {
              label: `本息覆盖倍数（${COVERAGE_BASIS_LABELS[coverage.basis]}）`,
              value: coverage.ratio ?? '—',
              hint: `预警值 ${settings.coverageThreshold}`,
              testId: 'project-bonds-coverage',
            },
          ]}
        />
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          {share.ok ? null : <Alert theme="error" message={`${share.message}（${settings.shareRule}）`} />}
          {coverage.requirement && <Alert theme="error" message={`${coverage.requirement}（${RULE_SOURCES_FUNDS.coverageRequirement}）`} />}
          {coverage.message && <Alert theme="warning" message={coverage.message} />}
          {share.ok && coverage.covered && coverage.ok && (
            <Alert theme="success" message={`专项债券资金未超过本中心规定的上限；项目收入能够覆盖债券本息，本息覆盖倍数不低于预警值（${coverage.basisText}）。`} />
          )}
          <div className="lr-muted" style={{ fontSize: 12 }}>
            依据：{RULE_SOURCES_FUNDS.coverageRequirement}；{RULE_SOURCES_FUNDS.coverage}；上限 {settings.limitPercent}%：{settings.shareSource}
          </div>
          <Table rowKey="bondId" data={s.allocations} columns={columns} size="small" />
          {s.repayment && <RepaymentView repayment={s.repayment} />}
        </Space>
      </Card>
    </div>
  );
}

const instalmentColumns: PrimaryTableCol<InstalmentCover>[] = [
  { colKey: 'bondCode', title: '债券编号', width: 160 },
  { colKey: 'seq', title: '期次', width: 64, align: 'center' },
  { colKey: 'dueDate', title: '还本日期', width: 110 },
  { colKey: 'principal', title: '项目应还本金（元）', width: 170, align: 'right', cell: ({ row }) => <Yuan value={row.principal} /> },
  { colKey: 'covered', title: '出让收入已覆盖（元）', width: 170, align: 'right', cell: ({ row }) => <Yuan value={row.covered} /> },
  { colKey: 'uncovered', title: '尚未覆盖（元）', width: 150, align: 'right', cell: ({ row }) => <Yuan value={row.uncovered} /> },
  { colKey: 'settled', title: '本金', width: 80, cell: ({ row }) => (row.settled ? '已还' : '未还') },
];

/** 62号: the project's supply income set against its bonds' principal, and unsupplied parcels near a principal date. */
function RepaymentView({ repayment: r }: { repayment: ProjectRepayment }) {
  return (
    <div data-testid="project-bonds-repayment">
      <div style={{ fontWeight: 600, margin: '8px 0' }}>土地出让收入偿还债券本金</div>
      {r.warnings.map((w) => (
        <Alert key={w.message} theme="warning" message={w.message} style={{ marginBottom: 8 }} />
      ))}
      <div className="lr-muted" style={{ fontSize: 12, marginBottom: 8 }}>
        债券资金到位后已供应地块 {r.supplies.length} 宗，成交价款 <Yuan value={r.supplyIncome} /> 元，按还本日期先后抵偿项目应还本金 <Yuan value={r.cover.principal} /> 元：已覆盖{' '}
        <Yuan value={r.cover.covered} /> 元，尚未覆盖 <Yuan value={r.cover.uncovered} /> 元；未供应地块 {r.unsupplied.length} 宗。依据：{RULE_SOURCES_FUNDS.coverageRequirement}
      </div>
      <Table rowKey="key" data={r.cover.instalments.map((i) => ({ ...i, key: `${i.bondId}-${i.seq}` }))} columns={instalmentColumns} size="small" empty="没有还本计划" />
    </div>
  );
}
