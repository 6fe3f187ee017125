import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { PLAN_TYPE_LABELS, PLAN_TYPES, type TPlanFilter } from '../validation';
import type { PlanRowView } from '../view';
import { NewPlanButton } from './new-plan-button';
import { PlanStatusTag } from './plan-status-tag';
import type { CarryOverHint } from './plan-targets-fields';

const STATUS_OPTIONS = [
  { label: '仅现行版本', value: 'current' },
  { label: '仅历史版本', value: 'superseded' },
  { label: '全部版本', value: 'all' },
];

const COLUMNS: Column<PlanRowView>[] = [
  { key: 'type', title: '类型', kind: 'text', width: 120, value: (r) => r.typeLabel },
  { key: 'years', title: '年度', kind: 'text', width: 120, sortKey: 'year', value: (r) => r.yearsLabel },
  {
    key: 'title',
    title: '计划名称',
    kind: 'name',
    tooltip: (r) => r.title,
    value: (r) => r.title,
    href: (r) => `/plans/${r.id}`,
    demo: (r) => r.isDemo,
  },
  { key: 'docNo', title: '批准文号', kind: 'text', width: 180, value: (r) => r.docNo, tooltip: (r) => r.docNo ?? undefined },
  { key: 'version', title: '版本', kind: 'text', width: 80, value: (r) => `第 ${r.version} 版` },
  { key: 'status', title: '状态', kind: 'tag', width: 96, render: (r) => <PlanStatusTag status={r.status} label={r.statusLabel} /> },
  { key: 'approvedOn', title: '批准日期', kind: 'date', width: 120, sortKey: 'approvedOn', value: (r) => r.approvedOn },
];

/** 储备计划 list: server-rendered by the page kit; the filter bar and 新建计划 are its client islands. */
export function PlansList(props: {
  filter: TPlanFilter;
  total: number;
  rows: PlanRowView[];
  canEdit: boolean;
  thisYear: number;
  /** The records' carry-over into the years a new annual plan is likely for (last, this, next). */
  carryOver: Record<number, CarryOverHint>;
}) {
  const f = props.filter;
  const values = { type: f.type, year: f.year, status: f.status };
  const sort = f.sort === 'default' ? { key: null, order: null } : { key: f.sort, order: f.order };
  return (
    <ListPage<PlanRowView>
      title="储备计划"
      path="/plans"
      testId="plans"
      totalText={`共 ${props.total} 个计划`}
      filters={{
        values,
        defs: [
          { kind: 'select', key: 'type', placeholder: '计划类型', width: 160, options: PLAN_TYPES.map((t) => ({ label: PLAN_TYPE_LABELS[t], value: t })) },
          // Any year a plan covers (a rolling plan covers three).
          { kind: 'keyword', key: 'year', placeholder: '年度，如 2026', width: 140 },
          { kind: 'select', key: 'status', placeholder: STATUS_OPTIONS[0].label, width: 140, options: STATUS_OPTIONS },
        ],
      }}
      toolbar={props.canEdit ? <NewPlanButton thisYear={props.thisYear} carryOver={props.carryOver} /> : undefined}
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的计划', testId: 'plans-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '个' }}
    />
  );
}
