import { dec } from '@/modules/plans/amounts';
import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitStat } from '@/ui/kit/stat';
import { KitTag } from '@/ui/kit/tag';
import type { ProjectBalanceRow, ProjectCash } from '../balances/queries';
import type { ProjectCashYear } from '../rules/balance';
import { RULE_SOURCES_FUNDS } from '../rules';
import { RateText, Wan, wanColumn } from './funds-kit';

const sum = (rows: readonly ProjectCashYear[], get: (r: ProjectCashYear) => string) => rows.reduce((acc, r) => acc.plus(dec(get(r))), dec(0)).toFixed(2);

const yearlyColumns: Column<ProjectCashYear>[] = [
  { key: 'year', title: '年度', kind: 'text', width: 80, value: (r) => `${r.year} 年` },
  wanColumn('ownIncome', '自身收入', (r) => r.ownIncome),
  wanColumn('expense', '支出', (r) => r.expense),
  wanColumn('principal', '偿还债券本金', (r) => r.principal),
  wanColumn('net', '自身收支净额', (r) => r.net),
  wanColumn('cumulative', '年末累计', (r) => r.cumulative),
  wanColumn('otherIncome', '其他财政资金（不计入）', (r) => r.otherIncome, { width: 176 }),
  {
    key: 'negative',
    title: '年度平衡',
    kind: 'tag',
    render: (r) => (r.negative ? <KitTag theme="danger">出现缺口</KitTag> : <KitTag theme="success">平衡</KitTag>),
  },
];

/**
 * Figures and the yearly own-cash table of ProjectFundsPanel (财预〔2019〕89号 收支平衡), on the
 * server, in 万元 stated once in the card's header (the exact 元 in each figure's tooltip).
 */
export function ProjectFundsPanelView({ balance: b, cash }: { balance: ProjectBalanceRow; cash: ProjectCash }) {
  const { check, financing } = cash;
  const years = cash.yearly;
  return (
    <KitCard
      testId="project-funds-panel"
      title="项目资金"
      actions={
        <span className="lr-actions" style={{ gap: 16 }}>
          <span className="lr-muted">金额单位：万元</span>
          <a className="lr-link" href={`/funds/budgets/${b.projectId}`}>
            预算与执行
          </a>
          <a className="lr-link" href={`/funds/projects?q=${encodeURIComponent(b.code)}`}>
            项目资金余额
          </a>
        </span>
      }
    >
      <div className="lr-stat-row" data-testid="project-funds-figures">
        <KitStat title="全生命周期预算" value={<Wan value={b.lifeBudget} />} testId="project-funds-budget" />
        <KitStat title="累计到位资金" value={<Wan value={b.received} />} testId="project-funds-received" />
        <KitStat title="累计支出" value={<Wan value={b.spent} />} testId="project-funds-spent" />
        <KitStat
          title="合同承诺"
          value={<Wan value={b.committed} />}
          note={
            <>
              未付承诺 <Wan value={b.outstanding} />
            </>
          }
          testId="project-funds-committed"
        />
        <KitStat title="资金结余" value={<Wan value={b.balance} />} testId="project-funds-balance" />
        <KitStat title="预算执行率" value={<RateText value={b.executionRate} />} testId="project-funds-rate" />
      </div>
      <div className="lr-stack lr-panel-block" style={{ gap: 8 }} data-testid="project-balance-check">
        {check.messages.length === 0 ? (
          <KitAlert theme="success">项目收支平衡：预计土地出让收入不低于全生命周期支出（融资成本计一次），逐年累计的项目自身资金均不为负。</KitAlert>
        ) : (
          check.messages.map((m) => (
            <KitAlert key={m} theme="warning">
              {m}
            </KitAlert>
          ))
        )}
        <div className="lr-muted lr-small" data-testid="project-balance-basis">
          预计土地出让收入 <Wan value={cash.expectedIncome} />；全生命周期支出按 <Wan value={check.spending} /> 计，其中融资成本 <Wan value={check.financing} />（预算{' '}
          <Wan value={financing.budget} />；已发生 <Wan value={financing.booked} />，专项债券待付利息 <Wan value={financing.futureBondInterest} />）。
          逐年平衡只计项目自身收入（安排的土地出让收入、专项债券资金），支出含已付利息，另减偿还的债券本金。依据：{RULE_SOURCES_FUNDS.balance}
        </div>
      </div>
      <div className="lr-panel-block">
        <DataTable
          testId="project-cash-yearly"
          columns={yearlyColumns}
          rows={years}
          rowKey={(r) => String(r.year)}
          moneyUnit="万元"
          unitStated
          rowClass={(r) => (r.negative ? 'lr-row--warning' : undefined)}
          empty="尚无已审批的收支记录"
          totals={{
            values: {
              ownIncome: sum(years, (r) => r.ownIncome),
              expense: sum(years, (r) => r.expense),
              principal: sum(years, (r) => r.principal),
              net: sum(years, (r) => r.net),
              otherIncome: sum(years, (r) => r.otherIncome),
            },
          }}
        />
      </div>
    </KitCard>
  );
}
