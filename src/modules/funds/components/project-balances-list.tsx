import { formatCell, type Column } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage } from '@/ui/kit/list-page';
import { listHref } from '@/ui/kit/query';
import { KitTag } from '@/ui/kit/tag';
import type { ProjectBalanceRow, ProjectBalances } from '../balances/queries';
import { PROJECT_STATUS_OPTIONS, type TProjectBalanceFilter } from '../balances/validation';
import { rateColumn, wanColumn } from './funds-kit';

const wan = (yuan: string | null) => (yuan === null ? '—' : `${formatCell('money', yuan, '万元')} 万元`);

/**
 * The figure columns: without a year the cumulative figures, with one that year's (the year is
 * said once above the table, so the headers stay short). 预计出让收入 (with a year) and 合同承诺
 * are in the tooltips, so every figure fits 1440 px.
 */
function figureColumns(year: number | null): Column<ProjectBalanceRow>[] {
  const outstanding = wanColumn<ProjectBalanceRow>('outstanding', '未付承诺', (r) => r.outstanding, {
    width: 104,
    tooltip: (r) => `合同承诺 ${wan(r.committed)}，其中未付 ${wan(r.outstanding)}`,
  });
  if (year === null)
    return [
      wanColumn('expectedIncome', '预计出让收入', (r) => r.expectedIncome, { width: 112 }),
      wanColumn('lifeBudget', '全生命周期预算', (r) => r.lifeBudget, { width: 124 }),
      wanColumn('received', '累计到位资金', (r) => r.received, { width: 112 }),
      wanColumn('spent', '累计支出', (r) => r.spent, { width: 104 }),
      outstanding,
      wanColumn('balance', '资金结余', (r) => r.balance, { width: 104 }),
      rateColumn('executionRate', '预算执行率', (r) => r.executionRate, { width: 100 }),
    ];
  return [
    wanColumn('lifeBudget', '全生命周期预算', (r) => r.lifeBudget, { width: 124 }),
    wanColumn('annualBudget', '年度预算', (r) => r.annualBudget, { width: 104 }),
    wanColumn('received', '到位资金', (r) => r.received, { width: 104 }),
    wanColumn('spent', '支出', (r) => r.spent, { width: 104 }),
    outstanding,
    wanColumn('balance', '收支差额', (r) => r.balance, { width: 104 }),
    rateColumn('annualRate', '年度预算执行率', (r) => r.annualRate, { width: 124, tooltip: (r) => `占全周期预算 ${r.executionRate === null ? '—' : `${r.executionRate}%`}` }),
  ];
}

function columns(year: number | null): Column<ProjectBalanceRow>[] {
  return [
    { key: 'code', title: '项目编号', kind: 'code', width: 132, value: (r) => r.code, href: (r) => `/projects/${r.projectId}`, tooltip: (r) => r.code },
    {
      key: 'name',
      title: '项目名称',
      kind: 'name',
      tooltip: (r) => `${r.name}；预计出让收入 ${wan(r.expectedIncome)}`,
      render: (r) => (
        <>
          <a className="lr-link" href={`/projects/${r.projectId}`}>
            {r.name}
          </a>
          {r.status === 'closed' && <KitTag gap>已关闭</KitTag>}
        </>
      ),
    },
    ...figureColumns(year),
    { key: 'budget', title: '预算', kind: 'actions', width: 56, href: (r) => `/funds/budgets/${r.projectId}`, value: () => '查看' },
  ];
}

/** 项目资金余额 on the page kit, in 万元: per project, with totals over every matching project. */
export function ProjectBalancesList(props: { filter: TProjectBalanceFilter; years: number[]; data: ProjectBalances; canExport: boolean }) {
  const f = props.filter;
  const { data } = props;
  const values = { q: f.q, status: f.status, year: f.year };
  const t = data.totals;
  const totalValues: Record<string, string | number | undefined> = {
    name: `${data.total} 个项目`,
    expectedIncome: t.expectedIncome,
    lifeBudget: t.lifeBudget,
    annualBudget: t.annualBudget ?? undefined,
    received: t.received,
    spent: t.spent,
    outstanding: t.outstanding,
    balance: t.balance,
    executionRate: t.executionRate ?? undefined,
    annualRate: t.annualRate ?? undefined,
  };
  return (
    <ListPage<ProjectBalanceRow>
      title="项目资金余额"
      path="/funds/projects"
      testId="balances"
      totalText={`共 ${data.total} 个项目${data.year ? `，${data.year} 年度` : '，累计'}`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '项目编号或名称', width: 220 },
          { kind: 'select', key: 'status', placeholder: '项目状态', width: 120, options: PROJECT_STATUS_OPTIONS.map((o) => ({ label: o.label, value: o.value })) },
          { kind: 'select', key: 'year', placeholder: '全部年度', width: 124, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
        ],
      }}
      toolbar={props.canExport && <LinkButton href={listHref('/api/funds/export', { kind: 'projects', ...values })}>导出 Excel</LinkButton>}
      before={
        <div className="lr-muted" style={{ fontSize: 12, marginBottom: 8 }} data-testid="balances-note">
          {data.year ? `${data.year} 年度：到位资金、支出和收支差额为该年度数，执行率为年度预算执行率（占全周期预算见提示）。` : '累计数：到位资金、支出和结余为项目全周期数。'}
          只统计已审批的收支记录（冲销以负数计入）。合同承诺为补偿协议金额与前期开发合同金额之和，未付承诺 = 合同承诺 − 已审批的征收补偿和前期开发支出（不低于 0），均为项目全周期数。
        </div>
      }
      table={{ columns: columns(data.year), rows: data.rows, rowKey: (r) => r.projectId, moneyUnit: '万元', unitCaption: true, empty: '没有符合条件的项目', testId: 'balances-table', totals: { values: totalValues } }}
      paging={{ page: f.page, size: f.size, total: data.total, unit: '个项目' }}
    />
  );
}
