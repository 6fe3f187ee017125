'use client';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { Button, Card, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { DownloadIcon, FileIcon } from 'tdesign-icons-react';
import type { AccountBalance } from '../accounts/queries';
import type { BondBalance } from '../bonds/queries';
import type { CentreSummary, MonthFlow, MonthlyFlow } from '../balances/queries';
import { sumAmounts } from '../rules';
import { monthLabel } from '../balances/view';
import { FigureGrid, Rate, Yuan, YearSelect } from './funds-ui';

type MonthRow = MonthFlow & { key: string; label: string };

/** A money column; foot rows carry ready-rendered cells (TDesign prints foot values as they are). */
const money = (colKey: string, title: string, width = 150): PrimaryTableCol => ({
  colKey,
  title,
  width,
  align: 'right',
  cell: ({ row }) => <Yuan value={row[colKey] as string | null} />,
});

/** A totals row for `footData`: amounts rendered bold, text as it is. */
function foot(values: Record<string, string | null>, moneyKeys: string[], rateKeys: string[] = []): Record<string, ReactNode> {
  const out: Record<string, ReactNode> = {};
  for (const [k, v] of Object.entries(values)) {
    out[k] = moneyKeys.includes(k) ? <Yuan value={v} strong /> : rateKeys.includes(k) ? <Rate value={v} /> : v;
  }
  return out;
}

/** 资金总览: a year's income, expense, balance and execution; by source, category and month; accounts and bonds. */
export function FundsOverviewClient(props: {
  year: number;
  years: number[];
  summary: CentreSummary;
  monthly: MonthlyFlow;
  accounts: AccountBalance[];
  bonds: BondBalance[];
  canExport: boolean;
}) {
  const exportLink = (kind: 'accounts' | 'bonds') =>
    props.canExport && (
      <Button size="small" variant="text" icon={<DownloadIcon />} href={`/api/funds/export?kind=${kind}`} tag="a">
        导出 Excel
      </Button>
    );
  const { summary: s, monthly: m, year } = props;

  const sourceCols: PrimaryTableCol[] = [
    // Narrower than the other tables: four columns must fit a half-width card at 1440 px; the
    // channel names of 财综〔2018〕8号 (up to 8 characters) stay on one line.
    { colKey: 'name', title: '资金来源', width: 140, cell: ({ row }) => <span style={{ whiteSpace: 'nowrap' }}>{row.name}</span> },
    money('income', '收入（元）', 125),
    money('expense', '支出（元）', 125),
    money('net', '净额（元）', 125),
  ];
  const categoryCols: PrimaryTableCol[] = [
    { colKey: 'category', title: '支出科目', width: 120 },
    money('budget', '年度预算（元）'),
    money('spent', '已支出（元）'),
    {
      colKey: 'rate',
      title: '执行率',
      width: 100,
      align: 'right',
      cell: ({ row }) => <Rate value={row.rate} />,
    },
  ];
  const incomeCols: PrimaryTableCol[] = [
    { colKey: 'category', title: '收入科目', width: 140 },
    money('amount', '到位资金（元）'),
  ];
  const monthRows: MonthRow[] = m.months.map((x) => ({ ...x, key: x.month, label: monthLabel(x.month) }));
  const monthCols: PrimaryTableCol[] = [
    { colKey: 'label', title: '月份', width: 100 },
    money('income', '收入（元）', 170),
    money('expense', '支出（元）', 170),
    money('net', '收支净额（元）', 170),
    money('cumulative', '累计余额（元）', 180),
  ];
  const accountCols: PrimaryTableCol[] = [
    { colKey: 'name', title: '账户', minWidth: 180, ellipsis: true },
    { colKey: 'sourceName', title: '资金来源', width: 150, cell: ({ row }) => <span style={{ whiteSpace: 'nowrap' }}>{row.sourceName}</span> },
    {
      colKey: 'status',
      title: '状态',
      width: 80,
      cell: ({ row }) => (
        <Tag size="small" variant="light" theme={row.status === 'active' ? 'success' : 'default'}>
          {row.status === 'active' ? '启用' : '已关闭'}
        </Tag>
      ),
    },
    money('income', '累计收入（元）', 160),
    money('expense', '累计支出（元）', 160),
    money('balance', '余额（元）', 160),
  ];
  const bondCols: PrimaryTableCol[] = [
    { colKey: 'code', title: '债券代码', width: 130, cell: ({ row }) => <Link href={`/funds/bonds/${row.bondId}`}>{row.code}</Link> },
    { colKey: 'name', title: '债券名称', minWidth: 180, ellipsis: true },
    money('amount', '发行金额（元）', 140),
    money('allocated', '已分配（元）', 140),
    money('principalRepaid', '已还本金（元）', 130),
    money('interestPaid', '已付利息（元）', 130),
    money('outstanding', '未还本金（元）', 140),
    money('interestDue', '待付利息（元）', 130),
  ];

  const sum = <T,>(rows: T[], key: keyof T) => sumAmounts(rows.map((r) => String(r[key] ?? '0')));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title="资金总览"
        actions={
          <Space align="center">
            <YearSelect year={year} years={props.years} />
            <Link href={`/funds/report?year=${year}`}>
              <Button variant="outline" icon={<FileIcon />}>
                资金执行情况表
              </Button>
            </Link>
            <Link href={year ? `/funds/projects?year=${year}` : '/funds/projects'}>
              <Button variant="outline">项目资金余额</Button>
            </Link>
          </Space>
        }
      >
        <FigureGrid
          testId="funds-figures"
          items={[
            { label: `${year} 年收入（元）`, value: <Yuan value={s.income} />, testId: 'funds-income' },
            { label: `${year} 年支出（元）`, value: <Yuan value={s.expense} />, testId: 'funds-expense' },
            {
              label: `${year} 年末资金余额（元）`,
              value: <Yuan value={s.closingBalance} />,
              hint: (
                <>
                  本年收支净额 <Yuan value={s.net} />
                </>
              ),
              testId: 'funds-balance',
            },
            {
              label: `${year} 年预算执行率`,
              value: <Rate value={s.executionRate} />,
              hint: (
                <>
                  年度预算合计 <Yuan value={s.budget} /> 元
                </>
              ),
              testId: 'funds-rate',
            },
          ]}
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }} data-testid="funds-figures-note">
          只统计已审批的收支记录；冲销记录以负数计入；年度按记账日期。资金来源按《土地储备资金财务管理办法》（财综〔2018〕8号）的四个渠道分账核算。
          {s.treasuryIncome !== '0.00' && (
            <>
              {' '}
              另有零星收入 <Yuan value={s.treasuryIncome} /> 元已缴入国库（收支两条线），不计入以上收入和余额。
            </>
          )}
        </div>
      </Card>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(480px, 1fr))', gap: 16 }}>
        <Card bordered={false} title={`按资金来源（${year} 年）`}>
          <Table
            rowKey="code"
            size="small"
            data={s.bySource}
            columns={sourceCols}
            footData={[foot({ code: 'total', name: '合计', income: s.income, expense: s.expense, net: s.net }, ['income', 'expense', 'net'])]}
          />
        </Card>
        <Card bordered={false} title={`按科目（${year} 年）`}>
          <Table
            rowKey="category"
            size="small"
            data={s.expenseByCategory}
            columns={categoryCols}
            footData={[foot({ category: '支出合计', budget: s.budget, spent: s.expense, rate: s.executionRate }, ['budget', 'spent'], ['rate'])]}
          />
          <div style={{ height: 12 }} />
          <Table
            rowKey="category"
            size="small"
            data={s.incomeByCategory}
            columns={incomeCols}
            footData={[foot({ category: '收入合计', amount: s.income }, ['amount'])]}
          />
        </Card>
      </div>

      <Card
        bordered={false}
        title={`月度收支（${year} 年）`}
        actions={
          props.canExport && (
            <Button variant="outline" icon={<DownloadIcon />} href={`/api/funds/export?kind=monthly&year=${year}`} tag="a">
              导出 Excel
            </Button>
          )
        }
      >
        <div className="lr-muted" style={{ marginBottom: 8 }} data-testid="funds-opening">
          年初余额：<Yuan value={m.opening} /> 元
        </div>
        <Table
          rowKey="key"
          size="small"
          stripe
          data={monthRows}
          columns={monthCols}
          footData={[foot({ key: 'total', label: '合计', income: m.totals.income, expense: m.totals.expense, net: m.totals.net, cumulative: m.totals.closing }, ['income', 'expense', 'net', 'cumulative'])]}
        />
      </Card>

      <Card bordered={false} title="资金账户余额（累计）" actions={<Space>{exportLink('accounts')}<Link href="/funds/accounts">资金账户</Link></Space>}>
        <Table
          rowKey="accountId"
          size="small"
          data={props.accounts}
          columns={accountCols}
          empty="尚未设立资金账户"
          footData={
            props.accounts.length
              ? [
                  foot(
                    {
                      accountId: 'total',
                      name: '合计',
                      income: sum(props.accounts, 'income'),
                      expense: sum(props.accounts, 'expense'),
                      balance: sum(props.accounts, 'balance'),
                    },
                    ['income', 'expense', 'balance'],
                  ),
                ]
              : undefined
          }
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          未指定账户的收支不计入账户余额。
        </div>
      </Card>

      <Card bordered={false} title="专项债券余额" actions={<Space>{exportLink('bonds')}<Link href="/funds/bonds">专项债券</Link></Space>}>
        <Table
          rowKey="bondId"
          size="small"
          data={props.bonds}
          columns={bondCols}
          empty="尚无专项债券"
          footData={
            props.bonds.length
              ? [
                  foot(
                    {
                      bondId: 'total',
                      code: '合计',
                      amount: sum(props.bonds, 'amount'),
                      allocated: sum(props.bonds, 'allocated'),
                      principalRepaid: sum(props.bonds, 'principalRepaid'),
                      interestPaid: sum(props.bonds, 'interestPaid'),
                      outstanding: sum(props.bonds, 'outstanding'),
                      interestDue: sum(props.bonds, 'interestDue'),
                    },
                    ['amount', 'allocated', 'principalRepaid', 'interestPaid', 'outstanding', 'interestDue'],
                  ),
                ]
              : undefined
          }
        />
      </Card>
    </Space>
  );
}
