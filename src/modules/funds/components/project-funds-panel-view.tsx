'use client';
import Link from 'next/link';
import { Alert, Card, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import type { ProjectBalanceRow, ProjectCash } from '../balances/queries';
import { RULE_SOURCES_FUNDS } from '../rules';
import { FigureGrid, Rate, Yuan } from './funds-ui';

const money = (colKey: string, title: string, width = 150): PrimaryTableCol => ({
  colKey,
  title,
  width,
  align: 'right',
  cell: ({ row }) => <Yuan value={row[colKey]} />,
});

/** Figures and the yearly own-cash table of ProjectFundsPanel (财预〔2019〕89号 收支平衡). */
export function ProjectFundsPanelView({ balance: b, cash }: { balance: ProjectBalanceRow; cash: ProjectCash }) {
  const { check, financing } = cash;
  const columns: PrimaryTableCol[] = [
    { colKey: 'year', title: '年度', width: 80, cell: ({ row }) => `${row.year} 年` },
    money('ownIncome', '自身收入（元）'),
    money('expense', '支出（元）'),
    money('principal', '偿还债券本金（元）'),
    money('net', '自身收支净额（元）'),
    money('cumulative', '年末累计（元）'),
    money('otherIncome', '其他财政资金（不计入）', 170),
    {
      colKey: 'negative',
      title: '年度平衡',
      width: 96,
      cell: ({ row }) =>
        row.negative ? (
          <Tag size="small" theme="danger" variant="light">
            出现缺口
          </Tag>
        ) : (
          <Tag size="small" theme="success" variant="light">
            平衡
          </Tag>
        ),
    },
  ];
  return (
    <div data-testid="project-funds-panel">
      <Card
        bordered={false}
        title="项目资金"
        actions={
          <Space>
            <Link href={`/funds/budgets/${b.projectId}`}>预算与执行</Link>
            <Link href={`/funds/projects?q=${encodeURIComponent(b.code)}`}>项目资金余额</Link>
          </Space>
        }
      >
        <FigureGrid
          testId="project-funds-figures"
          items={[
            { label: '全生命周期预算（元）', value: <Yuan value={b.lifeBudget} />, testId: 'project-funds-budget' },
            { label: '累计到位资金（元）', value: <Yuan value={b.received} />, testId: 'project-funds-received' },
            { label: '累计支出（元）', value: <Yuan value={b.spent} />, testId: 'project-funds-spent' },
            {
              label: '合同承诺（元）',
              value: <Yuan value={b.committed} />,
              hint: (
                <>
                  未付承诺 <Yuan value={b.outstanding} /> 元
                </>
              ),
              testId: 'project-funds-committed',
            },
            { label: '资金结余（元）', value: <Yuan value={b.balance} />, testId: 'project-funds-balance' },
            { label: '预算执行率', value: <Rate value={b.executionRate} />, testId: 'project-funds-rate' },
          ]}
        />
        <div style={{ marginTop: 16 }} data-testid="project-balance-check">
          <Space direction="vertical" style={{ width: '100%' }}>
            {check.messages.length === 0 ? (
              <Alert theme="success" message="项目收支平衡：预计土地出让收入不低于全生命周期支出（融资成本计一次），逐年累计的项目自身资金均不为负。" />
            ) : (
              check.messages.map((m) => <Alert key={m} theme="warning" message={m} />)
            )}
            <div className="lr-muted" style={{ fontSize: 12 }} data-testid="project-balance-basis">
              预计土地出让收入 <Yuan value={cash.expectedIncome} /> 元；全生命周期支出按 <Yuan value={check.spending} /> 元计，其中融资成本 <Yuan value={check.financing} /> 元（预算{' '}
              <Yuan value={financing.budget} /> 元；已发生 <Yuan value={financing.booked} /> 元，专项债券待付利息 <Yuan value={financing.futureBondInterest} /> 元）。
              逐年平衡只计项目自身收入（安排的土地出让收入、专项债券资金），支出含已付利息，另减偿还的债券本金。依据：{RULE_SOURCES_FUNDS.balance}
            </div>
          </Space>
        </div>
        <div style={{ marginTop: 12 }}>
          <Table rowKey="year" size="small" data={cash.yearly} columns={columns} empty="尚无已审批的收支记录" />
        </div>
      </Card>
    </div>
  );
}
