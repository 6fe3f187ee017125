import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { LinkButton } from '@/ui/kit/link-button';
import { KitTag } from '@/ui/kit/tag';
import type { AccountBalance } from '../accounts/queries';
import { ACCOUNT_STATUS_LABELS } from '../accounts/validation';
import type { BondBalance } from '../bonds/queries';
import type { CategoryExpense, CentreSummary, MonthFlow, MonthlyFlow, SourceTotals } from '../balances/queries';
import { monthLabel } from '../balances/view';
import { sumAmounts } from '../rules';
import { FigureGrid, RateText, Wan, rateColumn, wanColumn } from './funds-kit';
import { YearSelect } from './year-select';

const SOURCE_COLUMNS: Column<SourceTotals>[] = [
  // The channel names of 财综〔2018〕8号 (up to 8 characters) share what the amounts leave.
  { key: 'name', title: '资金来源', kind: 'name', value: (r) => r.name },
  wanColumn('income', '收入', (r) => r.income, { width: 116 }),
  wanColumn('expense', '支出', (r) => r.expense, { width: 116 }),
  wanColumn('net', '净额', (r) => r.net, { width: 116 }),
];

const CATEGORY_COLUMNS: Column<CategoryExpense>[] = [
  { key: 'category', title: '支出科目', kind: 'name', value: (r) => r.category },
  wanColumn('budget', '年度预算', (r) => r.budget, { width: 136 }),
  wanColumn('spent', '已支出', (r) => r.spent, { width: 124 }),
  rateColumn('rate', '执行率', (r) => r.rate),
];

const INCOME_COLUMNS: Column<{ category: string; amount: string }>[] = [
  { key: 'category', title: '收入科目', kind: 'name', value: (r) => r.category },
  wanColumn('amount', '到位资金', (r) => r.amount, { width: 160 }),
];

const MONTH_COLUMNS: Column<MonthFlow>[] = [
  { key: 'month', title: '月份', kind: 'text', value: (r) => monthLabel(r.month) },
  wanColumn('income', '收入', (r) => r.income, { width: 180 }),
  wanColumn('expense', '支出', (r) => r.expense, { width: 180 }),
  wanColumn('net', '收支净额', (r) => r.net, { width: 180 }),
  wanColumn('cumulative', '累计余额', (r) => r.cumulative, { width: 180 }),
];

const ACCOUNT_COLUMNS: Column<AccountBalance>[] = [
  { key: 'name', title: '账户', kind: 'name', value: (r) => r.name },
  { key: 'sourceName', title: '资金来源', kind: 'text', width: 190, value: (r) => r.sourceName, tooltip: (r) => r.sourceName },
  {
    key: 'status',
    title: '状态',
    kind: 'tag',
    width: 80,
    render: (r) => <KitTag theme={r.status === 'active' ? 'success' : 'default'}>{ACCOUNT_STATUS_LABELS[r.status]}</KitTag>,
  },
  wanColumn('income', '累计收入', (r) => r.income, { width: 150 }),
  wanColumn('expense', '累计支出', (r) => r.expense, { width: 150 }),
  wanColumn('balance', '余额', (r) => r.balance, { width: 150 }),
];

const BOND_COLUMNS: Column<BondBalance>[] = [
  { key: 'code', title: '债券代码', kind: 'code', value: (r) => r.code, href: (r) => `/funds/bonds/${r.bondId}` },
  { key: 'name', title: '债券名称', kind: 'name', value: (r) => r.name },
  wanColumn('amount', '发行金额', (r) => r.amount, { width: 120 }),
  wanColumn('allocated', '已分配', (r) => r.allocated, { width: 120 }),
  wanColumn('principalRepaid', '已还本金', (r) => r.principalRepaid, { width: 120 }),
  wanColumn('interestPaid', '已付利息', (r) => r.interestPaid, { width: 120 }),
  wanColumn('outstanding', '未还本金', (r) => r.outstanding, { width: 120 }),
  wanColumn('interestDue', '待付利息', (r) => r.interestDue, { width: 120 }),
];

const sum = <T,>(rows: readonly T[], key: keyof T) => sumAmounts(rows.map((r) => String(r[key] ?? '0')));

/** 资金总览 on the page kit, in 万元: a year's figures; by source, category and month; accounts and bonds. Only the year select is a client island. */
export function FundsOverview(props: { year: number; years: number[]; summary: CentreSummary; monthly: MonthlyFlow; accounts: AccountBalance[]; bonds: BondBalance[]; canExport: boolean }) {
  const { summary: s, monthly: m, year } = props;
  const exportLink = (kind: 'accounts' | 'bonds' | 'monthly') =>
    props.canExport && (
      <LinkButton variant="text" href={kind === 'monthly' ? `/api/funds/export?kind=monthly&year=${year}` : `/api/funds/export?kind=${kind}`}>
        导出 Excel
      </LinkButton>
    );
  /** A card's actions: export its table, and open the page that manages what it lists. */
  const exportAndOpen = (kind: 'accounts' | 'bonds', href: string, label: string) => (
    <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
      {exportLink(kind)}
      <a className="lr-link" href={href}>
        {label}
      </a>
    </span>
  );
  return (
    <div className="lr-stack">
      <KitCard
        title="资金总览"
        testId="funds-overview"
        actions={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <YearSelect path="/funds" year={year} years={props.years} />
            <LinkButton href={`/funds/report?year=${year}`}>资金执行情况表</LinkButton>
            <LinkButton href={`/funds/projects?year=${year}`}>项目资金余额</LinkButton>
          </span>
        }
      >
        <FigureGrid
          testId="funds-figures"
          items={[
            { label: `${year} 年收入（万元）`, value: <Wan value={s.income} />, testId: 'funds-income' },
            { label: `${year} 年支出（万元）`, value: <Wan value={s.expense} />, testId: 'funds-expense' },
            {
              label: `${year} 年末资金余额（万元）`,
              value: <Wan value={s.closingBalance} />,
              hint: (
                <>
                  本年收支净额 <Wan value={s.net} /> 万元
                </>
              ),
              testId: 'funds-balance',
            },
            {
              label: `${year} 年预算执行率`,
              value: <RateText value={s.executionRate} />,
              hint: (
                <>
                  年度预算合计 <Wan value={s.budget} /> 万元
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
              另有零星收入 <Wan value={s.treasuryIncome} /> 万元已缴入国库（收支两条线），不计入以上收入和余额。
            </>
          )}
        </div>
      </KitCard>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(480px, 1fr))', gap: 16 }}>
        <KitCard title={`按资金来源（${year} 年）`}>
          <DataTable
            testId="funds-by-source"
            columns={SOURCE_COLUMNS}
            rows={s.bySource}
            rowKey={(r) => r.code || 'none'}
            moneyUnit="万元"
            totals={{ values: { income: s.income, expense: s.expense, net: s.net } }}
          />
        </KitCard>
        <KitCard title={`按科目（${year} 年）`}>
          <DataTable
            testId="funds-by-category"
            columns={CATEGORY_COLUMNS}
            rows={s.expenseByCategory}
            rowKey={(r) => r.category}
            moneyUnit="万元"
            totals={{ label: '支出合计', values: { budget: s.budget, spent: s.expense, rate: s.executionRate ?? undefined } }}
          />
          <div style={{ height: 12 }} />
          <DataTable
            testId="funds-income-by-category"
            columns={INCOME_COLUMNS}
            rows={s.incomeByCategory}
            rowKey={(r) => r.category}
            moneyUnit="万元"
            totals={{ label: '收入合计', values: { amount: s.income } }}
          />
        </KitCard>
      </div>

      <KitCard title={`月度收支（${year} 年）`} actions={exportLink('monthly')}>
        <div className="lr-muted" style={{ marginBottom: 8 }} data-testid="funds-opening">
          年初余额：<Wan value={m.opening} /> 万元
        </div>
        <DataTable
          testId="funds-monthly"
          columns={MONTH_COLUMNS}
          rows={m.months}
          rowKey={(r) => r.month}
          moneyUnit="万元"
          striped
          totals={{ values: { income: m.totals.income, expense: m.totals.expense, net: m.totals.net, cumulative: m.totals.closing } }}
        />
      </KitCard>

      <KitCard
        title="资金账户余额（累计）"
        actions={exportAndOpen('accounts', '/funds/accounts', '资金账户')}
      >
        <DataTable
          testId="funds-accounts"
          columns={ACCOUNT_COLUMNS}
          rows={props.accounts}
          rowKey={(r) => r.accountId}
          moneyUnit="万元"
          empty="尚未设立资金账户"
          totals={{ values: { income: sum(props.accounts, 'income'), expense: sum(props.accounts, 'expense'), balance: sum(props.accounts, 'balance') } }}
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          未指定账户的收支不计入账户余额。
        </div>
      </KitCard>

      <KitCard
        title="专项债券余额"
        actions={exportAndOpen('bonds', '/funds/bonds', '专项债券')}
      >
        <DataTable
          testId="funds-bonds"
          columns={BOND_COLUMNS}
          rows={props.bonds}
          rowKey={(r) => r.bondId}
          moneyUnit="万元"
          unitCaption
          empty="尚无专项债券"
          totals={{
            values: {
              amount: sum(props.bonds, 'amount'),
              allocated: sum(props.bonds, 'allocated'),
              principalRepaid: sum(props.bonds, 'principalRepaid'),
              interestPaid: sum(props.bonds, 'interestPaid'),
              outstanding: sum(props.bonds, 'outstanding'),
              interestDue: sum(props.bonds, 'interestDue'),
            },
          }}
        />
      </KitCard>
    </div>
  );
}
