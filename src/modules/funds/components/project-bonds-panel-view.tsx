'use client';
import Link from 'next/link';
import { Alert, Card, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import type { ProjectBondSummary } from '../bonds/queries';
import { RULE_SOURCES_FUNDS } from '../rules';
import { FigureGrid, Yuan } from './funds-ui';

/** Figures and allocations of ProjectBondsPanel. */
export function ProjectBondsPanelView({ summary: s }: { summary: ProjectBondSummary }) {
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
          { label: '专项债券资金（元）', value: <Yuan value={s.allocated} /> },
          { label: '应还本金（元）', value: <Yuan value={s.principal} /> },
          { label: '应付利息（元）', value: <Yuan value={s.interest} /> },
          { label: '占预计出让收入', value: s.share.ratioPercent === null ? '—' : `${s.share.ratioPercent}%`, hint: <>上限 <Yuan value={s.share.limit} /> 元</> },
          { label: '本息覆盖倍数', value: s.coverage.ratio ?? '—' },
        ]}
      />
      <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
        {s.share.ok ? null : <Alert theme="error" message={s.share.message} />}
        {s.coverage.ok ? null : <Alert theme="warning" message={s.coverage.message} />}
        {s.share.ok && s.coverage.ok && <Alert theme="success" message="专项债券资金未超过预计出让收入的上限，本息覆盖倍数不低于预警值。" />}
        <div className="lr-muted" style={{ fontSize: 12 }}>
          依据：{RULE_SOURCES_FUNDS.bondShare}；{RULE_SOURCES_FUNDS.coverage}
        </div>
        <Table rowKey="bondId" data={s.allocations} columns={columns} size="small" />
      </Space>
    </Card>
    </div>
  );
}
