'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Button, Card, Input, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useListNavigation } from '@/ui/use-list-navigation';
import { PLAN_TYPE_LABELS, PLAN_TYPES, type TPlanFilter, type TPlanType } from '../validation';
import type { PlanRowView } from '../view';
import { PlanFormDialog } from './plan-form-dialog';
import type { CarryOverHint } from './plan-targets-fields';
import { ListSearchButtons } from '@/ui/list-search-buttons';

interface Draft {
  type?: TPlanType;
  year?: string;
  status?: 'current' | 'superseded' | 'all';
}

const STATUS_OPTIONS = [
  { label: '仅现行版本', value: 'current' },
  { label: '仅历史版本', value: 'superseded' },
  { label: '全部版本', value: 'all' },
];

export function PlanStatusTag({ status, label }: { status: PlanRowView['status']; label: string }) {
  return (
    <Tag size="small" theme={status === 'current' ? 'success' : 'default'} variant="light">
      {label}
    </Tag>
  );
}

export function PlansClient(props: {
  filter: TPlanFilter;
  total: number;
  rows: PlanRowView[];
  canEdit: boolean;
  thisYear: number;
  /** The records' carry-over into the years a new annual plan is likely for (last, this, next). */
  carryOver: Record<number, CarryOverHint>;
}) {
  const [draft, setDraft] = useState<Draft>({
    type: props.filter.type,
    year: props.filter.year ? String(props.filter.year) : '',
    status: props.filter.status,
  });
  const [creating, setCreating] = useState(false);
  const { navigate, pagination } = useListNavigation(props.filter);
  const search = () =>
    navigate({ type: draft.type, year: /^\d{4}$/.test(draft.year?.trim() ?? '') ? draft.year : undefined, status: draft.status, page: 1, size: props.filter.size });

  const columns: PrimaryTableCol<PlanRowView>[] = [
    { colKey: 'typeLabel', title: '类型', width: 120 },
    { colKey: 'yearsLabel', title: '年度', width: 120 },
    {
      colKey: 'title',
      title: '计划名称',
      minWidth: 240,
      cell: ({ row }) => (
        <Space size={6} align="center">
          <Link href={`/plans/${row.id}`}>{row.title}</Link>
          {row.isDemo && (
            <Tag size="small" theme="warning" variant="light">
              演示
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'docNo', title: '批准文号', width: 180, ellipsis: true, cell: ({ row }) => row.docNo ?? <span className="lr-muted">—</span> },
    { colKey: 'version', title: '版本', width: 80, cell: ({ row }) => `第 ${row.version} 版` },
    { colKey: 'status', title: '状态', width: 100, cell: ({ row }) => <PlanStatusTag status={row.status} label={row.statusLabel} /> },
    { colKey: 'approvedOn', title: '批准日期', width: 120, cell: ({ row }) => row.approvedOn ?? <span className="lr-muted">—</span> },
  ];

  return (
    <Card bordered={false} title="储备计划" actions={<span className="lr-muted" data-testid="plans-total">共 {props.total} 个计划</span>}>
      <div className="lr-toolbar">
        <Select
          style={{ width: 160 }}
          placeholder="计划类型"
          value={draft.type}
          clearable
          options={PLAN_TYPES.map((t) => ({ label: PLAN_TYPE_LABELS[t], value: t }))}
          onChange={(v) => setDraft({ ...draft, type: (v as TPlanType) || undefined })}
        />
        <Input
          style={{ width: 140 }}
          placeholder="年度，如 2026"
          value={draft.year ?? ''}
          maxlength={4}
          clearable
          onChange={(v) => setDraft({ ...draft, year: String(v) })}
          onEnter={search}
        />
        <Select
          style={{ width: 140 }}
          placeholder={STATUS_OPTIONS[0].label}
          value={draft.status}
          clearable
          options={STATUS_OPTIONS}
          onChange={(v) => setDraft({ ...draft, status: (v as Draft['status']) || undefined })}
        />
        <ListSearchButtons onSearch={search} onReset={() => {
            setDraft({ year: '' });
            navigate({ page: 1, size: props.filter.size });
          }} />
        <div style={{ flex: 1 }} />
        {props.canEdit && (
          <Button theme="primary" icon={<AddIcon />} onClick={() => setCreating(true)}>
            新建计划
          </Button>
        )}
      </div>
      <Table<PlanRowView>
        rowKey="id"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="auto"
        empty="没有符合条件的计划"
        pagination={pagination(props.total)}
      />
      {creating && <PlanFormDialog mode={{ kind: 'create', defaultYear: props.thisYear, carryOver: props.carryOver }} onClose={() => setCreating(false)} />}
    </Card>
  );
}
