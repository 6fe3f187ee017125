import { formatWan } from '@/modules/plans/amounts';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DescList } from '@/ui/kit/desc-list';
import { ListPage } from '@/ui/kit/list-page';
import { KitTag } from '@/ui/kit/tag';
import type { BudgetOverview, ProjectExecution } from '../budgets/queries';
import type { TBudgetListFilter } from '../budgets/validation';
import { RateBar, rateBarColumn, wanColumn } from './funds-kit';

function columns(year: number): Column<ProjectExecution>[] {
  const detail = (r: ProjectExecution) => `/funds/budgets/${r.projectId}?year=${year}`;
  const orNone = (has: (r: ProjectExecution) => boolean, col: Column<ProjectExecution>): Column<ProjectExecution> => ({
    ...col,
    render: (r) => (has(r) ? col.render!(r) : <span className="lr-muted">未编制</span>),
  });
  return [
    {
      key: 'projectCode',
      title: '项目编号',
      kind: 'code',
      width: 172,
      tooltip: (r) => r.projectCode,
      value: (r) => r.projectCode,
      href: (r) => detail(r),
      demo: (r) => r.isDemo,
    },
    {
      key: 'projectName',
      title: '项目名称',
      kind: 'name',
      tooltip: (r) => r.projectName,
      render: (r) => (
        <>
          <a className="lr-link" href={detail(r)}>
            {r.projectName}
          </a>
          {r.status === 'closed' && <KitTag gap>已关闭</KitTag>}
        </>
      ),
    },
    orNone((r) => r.hasLifeBudget, wanColumn('lifeBudget', '全周期预算', (r) => r.lifeBudget, { width: 116 })),
    wanColumn('lifeSpent', '累计支出', (r) => r.lifeSpent, { width: 116 }),
    rateBarColumn('lifeRate', '全周期执行率', (r) => r.lifeRate, (r) => r.hasLifeBudget),
    orNone((r) => r.hasAnnualBudget, wanColumn('annualBudget', `${year} 年预算`, (r) => r.annualBudget, { width: 116 })),
    wanColumn('annualSpent', `${year} 年支出`, (r) => r.annualSpent, { width: 116 }),
    rateBarColumn('annualRate', '年度执行率', (r) => r.annualRate, (r) => r.hasAnnualBudget),
  ];
}

/** 项目预算 on the page kit, in 万元: the centre's execution of the year, then per project with the totals of the matching ones. */
export function BudgetsList(props: { filter: TBudgetListFilter; year: number; years: number[]; overview: BudgetOverview }) {
  const { filter, year, overview } = props;
  const { centre } = overview;
  const filtered = !!filter.q || filter.only === 'budgeted';
  // One totals row: the matching projects' when filtered (the centre's stand in the card above), else the centre's.
  const t = filtered
    ? overview.filtered
    : { lifeBudget: centre.lifeBudget, lifeSpent: centre.lifeSpent, lifeRate: centre.lifeRate, annualBudget: centre.budget, annualSpent: centre.spent, annualRate: centre.rate };
  const values = { year: filter.year, q: filter.q, only: filter.only };
  return (
    <div className="lr-stack">
      <KitCard title={`全中心 ${year} 年预算执行情况`}>
        <DescList
          column={3}
          items={[
            { label: `${year} 年度预算`, content: <span data-testid="centre-budget">{formatWan(centre.budget)} 万元</span> },
            { label: `${year} 年已支出（已审批）`, content: <span data-testid="centre-spent">{formatWan(centre.spent)} 万元</span> },
            { label: '年度预算执行率', content: <RateBar rate={centre.rate} /> },
            { label: '全生命周期预算合计', content: `${formatWan(centre.lifeBudget)} 万元` },
            { label: '累计支出（已审批）', content: `${formatWan(centre.lifeSpent)} 万元` },
            { label: '全生命周期执行率', content: <RateBar rate={centre.lifeRate} /> },
          ]}
        />
        <div className="lr-muted" style={{ marginTop: 8, fontSize: 12 }}>
          预算执行率 = 已审批支出 ÷ 现行预算；只计入已审批的支出记录（冲销记录以负数冲减）。年度执行率按记账日期所在年度统计。
        </div>
      </KitCard>
      <ListPage<ProjectExecution>
        title="项目预算"
        path="/funds/budgets"
        testId="budgets"
        totalText={`共 ${overview.total} 个项目`}
        filters={{
          values,
          defs: [
            { kind: 'select', key: 'year', placeholder: `${year} 年`, width: 124, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
            { kind: 'keyword', key: 'q', placeholder: '项目编号或名称', width: 240 },
            { kind: 'select', key: 'only', placeholder: '全部项目', width: 180, options: [{ label: '仅显示已编制预算的项目', value: 'budgeted' }] },
          ],
        }}
        table={{
          columns: columns(year),
          rows: overview.rows,
          rowKey: (r) => r.projectId,
          moneyUnit: '万元',
          unitCaption: true,
          empty: '没有符合条件的项目',
          testId: 'budgets-table',
          totals: {
            label: filtered ? '筛选结果合计' : '全中心合计',
            values: { lifeBudget: t.lifeBudget, lifeSpent: t.lifeSpent, lifeRate: t.lifeRate ?? undefined, annualBudget: t.annualBudget, annualSpent: t.annualSpent, annualRate: t.annualRate ?? undefined },
          },
        }}
        paging={{ page: filter.page, size: filter.size, total: overview.total, unit: '个项目' }}
      />
    </div>
  );
}
