'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Button, Card, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useListNavigation } from '@/ui/use-list-navigation';
import { ACQUISITION_ROUTES, type TAcquisitionRoute } from '@/modules/parcels/stages';
import type { PlanOptionView } from '@/modules/plans/view';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, type TProjectFilter, type TProjectStatus } from '../validation';
import type { ProjectRowView } from '../view';
import { ProjectFormDialog } from './project-form-dialog';
import { ListKeywordInput, ListSearchButtons } from '@/ui/list-search-buttons';

interface Draft {
  q?: string;
  route?: TAcquisitionRoute;
  plan?: string;
  status?: TProjectStatus;
}

export function ProjectStatusTag({ status, label }: { status: TProjectStatus; label: string }) {
  return (
    <Tag size="small" theme={status === 'active' ? 'success' : 'default'} variant="light">
      {label}
    </Tag>
  );
}

export function ProjectsClient(props: {
  filter: TProjectFilter;
  total: number;
  rows: ProjectRowView[];
  /** Current plans, for the filter and the form. */
  plans: PlanOptionView[];
  /** The filtered plan, when it is not among the current ones (a superseded version). */
  filterPlan: PlanOptionView | null;
  canEdit: boolean;
}) {
  const [draft, setDraft] = useState<Draft>({ q: props.filter.q, route: props.filter.route, plan: props.filter.plan, status: props.filter.status });
  const [creating, setCreating] = useState(false);
  const { navigate, pagination } = useListNavigation(props.filter);
  const search = () => navigate({ ...draft, page: 1, size: props.filter.size });
  const planFilterOptions = props.filterPlan ? [props.filterPlan, ...props.plans] : props.plans;

  const columns: PrimaryTableCol<ProjectRowView>[] = [
    {
      colKey: 'code',
      title: '项目编号',
      width: 150,
      cell: ({ row }) => (
        <Space size={6} align="center" style={{ whiteSpace: 'nowrap' }}>
          <Link href={`/projects/${row.id}`}>{row.code}</Link>
          {row.isDemo && (
            <Tag size="small" theme="warning" variant="light">
              演示
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'name', title: '项目名称', minWidth: 200, ellipsis: true, cell: ({ row }) => <Link href={`/projects/${row.id}`}>{row.name}</Link> },
    { colKey: 'zone', title: '储备片区', width: 130, ellipsis: true, cell: ({ row }) => row.zone ?? <span className="lr-muted">—</span> },
    { colKey: 'acquisitionRoute', title: '收储方式', width: 100, cell: ({ row }) => <span style={{ whiteSpace: 'nowrap' }}>{row.acquisitionRoute}</span> },
    {
      colKey: 'plan',
      title: '所属计划',
      width: 240,
      ellipsis: true,
      cell: ({ row }) =>
        row.plan ? (
          <Link href={`/plans/${row.plan.id}`} title={row.plan.label}>
            {row.plan.shortLabel}
          </Link>
        ) : (
          <span className="lr-muted">未关联</span>
        ),
    },
    {
      colKey: 'parcelCount',
      title: '地块',
      width: 140,
      align: 'right',
      cell: ({ row }) => <span style={{ whiteSpace: 'nowrap' }}>{`${row.parcelCount} 宗 / ${row.parcelAreaMu} 亩`}</span>,
    },
    { colKey: 'estimatedCostWan', title: '估算成本（万元）', width: 150, align: 'right' },
    { colKey: 'expectedIncomeWan', title: '预计出让收入（万元）', width: 160, align: 'right' },
    { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => <ProjectStatusTag status={row.status} label={row.statusLabel} /> },
  ];

  return (
    <Card bordered={false} title="储备项目" actions={<span className="lr-muted" data-testid="projects-total">共 {props.total} 个项目</span>}>
      <div className="lr-toolbar">
        <ListKeywordInput placeholder="项目编号、名称或片区" value={draft.q} onChange={(q) => setDraft({ ...draft, q })} onSearch={search} />
        <Select
          style={{ width: 130 }}
          placeholder="收储方式"
          value={draft.route}
          clearable
          options={ACQUISITION_ROUTES.map((r) => ({ label: r, value: r }))}
          onChange={(v) => setDraft({ ...draft, route: (v as TAcquisitionRoute) || undefined })}
        />
        <Select
          style={{ width: 280 }}
          placeholder="所属计划"
          value={draft.plan}
          clearable
          filterable
          options={planFilterOptions}
          onChange={(v) => setDraft({ ...draft, plan: typeof v === 'string' && v ? v : undefined })}
        />
        <Select
          style={{ width: 110 }}
          placeholder="状态"
          value={draft.status}
          clearable
          options={PROJECT_STATUSES.map((s) => ({ label: PROJECT_STATUS_LABELS[s], value: s }))}
          onChange={(v) => setDraft({ ...draft, status: (v as TProjectStatus) || undefined })}
        />
        <ListSearchButtons onSearch={search} onReset={() => {
            setDraft({});
            navigate({ page: 1, size: props.filter.size });
          }} />
        <div style={{ flex: 1 }} />
        {props.canEdit && (
          <Button theme="primary" icon={<AddIcon />} onClick={() => setCreating(true)}>
            新建项目
          </Button>
        )}
      </div>
      <Table<ProjectRowView>
        rowKey="id"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="auto"
        empty="没有符合条件的项目"
        pagination={pagination(props.total)}
      />
      {creating && <ProjectFormDialog mode={{ kind: 'create' }} plans={props.plans} onClose={() => setCreating(false)} />}
    </Card>
  );
}
