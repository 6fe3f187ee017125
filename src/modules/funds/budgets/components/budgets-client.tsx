'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { Card, Checkbox, Descriptions, Input, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { useListNavigation } from '@/ui/use-list-navigation';
import { ListSearchButtons } from '@/ui/list-search-buttons';
import { formatWan, formatYuan } from '@/modules/plans/amounts';
import type { BudgetOverview, ProjectExecution } from '../queries';
import type { TBudgetListFilter } from '../validation';
import { ExecutionRate } from './execution-rate';

interface Draft {
  year: number;
  q: string;
  only: boolean;
}

type Row = ProjectExecution & { footLabel?: string };

/** 万元 with the exact 元 amount on hover. */
export function Wan({ yuan, muted }: { yuan: string; muted?: boolean }) {
  return (
    <span title={`${formatYuan(yuan)} 元`} className={muted ? 'lr-muted' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatWan(yuan)}
    </span>
  );
}

export function BudgetsClient(props: { filter: TBudgetListFilter; year: number; years: number[]; overview: BudgetOverview }) {
  const { filter, year, overview } = props;
  const [draft, setDraft] = useState<Draft>({ year, q: filter.q ?? '', only: filter.only === 'budgeted' });
  const { navigate, pagination } = useListNavigation(filter);
  const search = (next: Draft = draft) => navigate({ year: next.year, q: next.q, only: next.only ? 'budgeted' : undefined, page: 1, size: filter.size });
  const detailHref = (id: string) => `/funds/budgets/${id}?year=${year}`;

  const filtered = !!filter.q || filter.only === 'budgeted';
  const { centre } = overview;
  const footRow = (label: string, t: { lifeBudget: string; lifeSpent: string; lifeRate: string | null; annualBudget: string; annualSpent: string; annualRate: string | null }): Row => ({
    projectId: `foot-${label}`,
    projectCode: '',
    projectName: '',
    status: 'active',
    isDemo: false,
    hasLifeBudget: true,
    hasAnnualBudget: true,
    ...t,
    footLabel: label,
  });
  const footData: Row[] = [
    ...(filtered ? [footRow('筛选结果合计', overview.filtered)] : []),
    footRow('全中心合计', {
      lifeBudget: centre.lifeBudget,
      lifeSpent: centre.lifeSpent,
      lifeRate: centre.lifeRate,
      annualBudget: centre.budget,
      annualSpent: centre.spent,
      annualRate: centre.rate,
    }),
  ];

  // tdesign hands the foot row to `foot` at run time (TFoot's renderTFootCell) though its type leaves `row` out.
  const both = (render: (row: Row) => ReactNode) => ({
    cell: ({ row }: { row: Row }) => render(row),
    foot: ((p: { row: Row }) => render(p.row)) as unknown as PrimaryTableCol<Row>['foot'],
  });
  const columns: PrimaryTableCol<Row>[] = [
    {
      colKey: 'projectCode',
      title: '项目编号',
      width: 150,
      ...both((row) =>
        row.footLabel ? (
          <strong>{row.footLabel}</strong>
        ) : (
          <Space size={6} align="center" style={{ whiteSpace: 'nowrap' }}>
            <Link href={detailHref(row.projectId)}>{row.projectCode}</Link>
            {row.isDemo && (
              <Tag size="small" theme="warning" variant="light">
                演示
              </Tag>
            )}
          </Space>
        ),
      ),
    },
    {
      colKey: 'projectName',
      title: '项目名称',
      minWidth: 180,
      ellipsis: true,
      ...both((row) =>
        row.footLabel ? null : (
          <Space size={6} align="center">
            <Link href={detailHref(row.projectId)}>{row.projectName}</Link>
            {row.status === 'closed' && (
              <Tag size="small" variant="light">
                已关闭
              </Tag>
            )}
          </Space>
        ),
      ),
    },
    {
      colKey: 'life',
      title: '全生命周期',
      children: [
        { colKey: 'lifeBudget', title: '预算（万元）', width: 130, align: 'right', ...both((row) => (row.hasLifeBudget ? <Wan yuan={row.lifeBudget} /> : <span className="lr-muted">未编制</span>)) },
        { colKey: 'lifeSpent', title: '累计支出（万元）', width: 140, align: 'right', ...both((row) => <Wan yuan={row.lifeSpent} />) },
        { colKey: 'lifeRate', title: '执行率', width: 170, ...both((row) => <ExecutionRate rate={row.lifeRate} hasBudget={row.hasLifeBudget} />) },
      ],
    },
    {
      colKey: 'annual',
      title: `${year} 年度`,
      children: [
        { colKey: 'annualBudget', title: '预算（万元）', width: 130, align: 'right', ...both((row) => (row.hasAnnualBudget ? <Wan yuan={row.annualBudget} /> : <span className="lr-muted">未编制</span>)) },
        { colKey: 'annualSpent', title: '本年支出（万元）', width: 140, align: 'right', ...both((row) => <Wan yuan={row.annualSpent} />) },
        { colKey: 'annualRate', title: '执行率', width: 170, ...both((row) => <ExecutionRate rate={row.annualRate} hasBudget={row.hasAnnualBudget} />) },
      ],
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card bordered={false} title={`全中心 ${year} 年预算执行情况`}>
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: `${year} 年度预算`, content: <span data-testid="centre-budget">{formatWan(centre.budget)} 万元</span> },
            { label: `${year} 年已支出（已审批）`, content: <span data-testid="centre-spent">{formatWan(centre.spent)} 万元</span> },
            { label: '年度预算执行率', content: <ExecutionRate rate={centre.rate} width={220} /> },
            { label: '全生命周期预算合计', content: `${formatWan(centre.lifeBudget)} 万元` },
            { label: '累计支出（已审批）', content: `${formatWan(centre.lifeSpent)} 万元` },
            { label: '全生命周期执行率', content: <ExecutionRate rate={centre.lifeRate} width={220} /> },
          ]}
        />
        <div className="lr-muted" style={{ marginTop: 8, fontSize: 12 }}>
          预算执行率 = 已审批支出 ÷ 现行预算；只计入已审批的支出记录（冲销记录以负数冲减）。年度执行率按记账日期所在年度统计。
        </div>
      </Card>
      <Card bordered={false} title="项目预算" actions={<span className="lr-muted" data-testid="budgets-total">共 {overview.total} 个项目</span>}>
        <div className="lr-toolbar">
          <Select
            style={{ width: 130 }}
            value={draft.year}
            options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
            onChange={(v) => {
              const next = { ...draft, year: Number(v) };
              setDraft(next);
              search(next);
            }}
            label="年度："
          />
          <Input
            style={{ width: 240 }}
            placeholder="项目编号或名称"
            value={draft.q}
            maxlength={64}
            clearable
            onChange={(v) => setDraft({ ...draft, q: String(v) })}
            onEnter={() => search()}
          />
          <Checkbox checked={draft.only} onChange={(v) => setDraft({ ...draft, only: Boolean(v) })}>
            仅显示已编制预算的项目
          </Checkbox>
          <ListSearchButtons
            onSearch={() => search()}
            onReset={() => {
              setDraft({ year, q: '', only: false });
              navigate({ year, page: 1, size: filter.size });
            }}
          />
        </div>
        <Table<Row>
          rowKey="projectId"
          data={overview.rows}
          footData={footData}
          columns={columns}
          size="small"
          bordered
          hover
          tableLayout="auto"
          empty="没有符合条件的项目"
          pagination={pagination(overview.total)}
        />
      </Card>
    </Space>
  );
}
