import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { ACQUISITION_ROUTES } from '@/modules/parcels/stages';
import type { PlanOptionView } from '@/modules/plans/view';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, type TProjectFilter } from '../validation';
import type { ProjectRowView } from '../view';
import { NewProjectButton } from './new-project-button';
import { ProjectStatusTag } from './project-status-tag';

const COLUMNS: Column<ProjectRowView>[] = [
  {
    key: 'code',
    title: '项目编号',
    kind: 'code',
    width: 150,
    sortKey: 'code',
    tooltip: (r) => r.code,
    value: (r) => r.code,
    href: (r) => `/projects/${r.id}`,
    demo: (r) => r.isDemo,
  },
  // The 储备片区 rides in the name's tooltip (and the keyword search): a column of its own left the names too narrow at 1440 px.
  {
    key: 'name',
    title: '项目名称',
    kind: 'name',
    value: (r) => r.name,
    href: (r) => `/projects/${r.id}`,
    tooltip: (r) => (r.zone ? `${r.name}（储备片区：${r.zone}）` : r.name),
  },
  { key: 'route', title: '收储方式', kind: 'text', width: 80, value: (r) => r.acquisitionRoute },
  {
    key: 'plan',
    title: '所属计划',
    kind: 'name',
    tooltip: (r) => r.plan?.label,
    render: (r) =>
      r.plan ? (
        <a className="lr-link" href={`/plans/${r.plan.id}`}>
          {r.plan.shortLabel}
        </a>
      ) : (
        <span className="lr-muted">未关联</span>
      ),
  },
  { key: 'parcels', title: '地块数', kind: 'count', width: 72, value: (r) => r.parcelCount },
  { key: 'area', title: '面积', kind: 'area', width: 104, value: (r) => r.parcelAreaM2, tooltip: (r) => r.parcelAreaTip },
  { key: 'cost', title: '估算成本', kind: 'money', sortKey: 'estimatedCost', value: (r) => r.estimatedCost },
  // 预计出让收入 in full in the header's tooltip would not fit; 预计收入 says it in the list's context.
  { key: 'income', title: '预计收入', kind: 'money', sortKey: 'expectedIncome', value: (r) => r.expectedIncome },
  { key: 'status', title: '状态', kind: 'tag', width: 76, render: (r) => <ProjectStatusTag status={r.status} label={r.statusLabel} /> },
];

/** 储备项目 list: server-rendered by the page kit; the filter bar and 新建项目 are its client islands. */
export function ProjectsList(props: {
  filter: TProjectFilter;
  total: number;
  rows: ProjectRowView[];
  /** Current plans, for the filter and the form. */
  plans: PlanOptionView[];
  /** The filtered plan, when it is not among the current ones (a superseded version). */
  filterPlan: PlanOptionView | null;
  canEdit: boolean;
}) {
  const f = props.filter;
  const values = { q: f.q, route: f.route, plan: f.plan, status: f.status };
  const sort = f.sort === 'created' ? { key: null, order: null } : { key: f.sort, order: f.order };
  const planOptions = props.filterPlan ? [props.filterPlan, ...props.plans] : props.plans;
  return (
    <ListPage<ProjectRowView>
      title="储备项目"
      path="/projects"
      testId="projects"
      totalText={`共 ${props.total} 个项目`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '项目编号、名称或片区', width: 220 },
          { kind: 'select', key: 'route', placeholder: '收储方式', width: 120, options: ACQUISITION_ROUTES.map((r) => ({ label: r, value: r })) },
          { kind: 'select', key: 'plan', placeholder: '所属计划', width: 280, filterable: true, options: planOptions },
          { kind: 'select', key: 'status', placeholder: '状态', width: 110, options: PROJECT_STATUSES.map((s) => ({ label: PROJECT_STATUS_LABELS[s], value: s })) },
        ],
      }}
      toolbar={props.canEdit ? <NewProjectButton plans={props.plans} /> : undefined}
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, moneyUnit: '万元', empty: '没有符合条件的项目', testId: 'projects-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '个' }}
    />
  );
}
