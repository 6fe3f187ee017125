'use client';
import { useState } from 'react';
import { AppLink as Link } from './app-link';
import { Button, Card, Select, Space, Table, Tag, Tooltip, type PrimaryTableCol, type TableSort } from 'tdesign-react';
import { AddIcon, DownloadIcon, UploadIcon } from 'tdesign-icons-react';
import { listQueryString, useListNavigation } from '@/ui/use-list-navigation';
import { STAGES, type TStage } from '../stages';
import { WARNING_FILTERS, WARNING_FILTER_LABELS, type TParcelSort, type TWarningFilter } from '../validation';
import type { OptionView, ParcelFilterView, ParcelRowView } from '../view';
import { StageTag, WarningTags } from './stage-tag';
import { ListKeywordInput, ListSearchButtons } from '@/ui/list-search-buttons';

interface Draft {
  q?: string;
  stage?: TStage;
  district?: string;
  project?: string;
  use?: string;
  year?: number;
  warn?: TWarningFilter;
}

/** Table columns that sort on the server, and the filter's sort key for each. */
const SORT_KEYS: Partial<Record<string, TParcelSort>> = { code: 'code', area: 'area', stageSince: 'stageSince' };

export function ParcelsListClient(props: {
  filter: ParcelFilterView;
  total: number;
  rows: ParcelRowView[];
  districts: OptionView[];
  projects: OptionView[];
  plannedUses: string[];
  years: number[];
  canEdit: boolean;
  canExport: boolean;
}) {
  const f = props.filter;
  const [draft, setDraft] = useState<Draft>({ q: f.q, stage: f.stage, district: f.district, project: f.project, use: f.use, year: f.year, warn: f.warn });
  const { navigate, pagination } = useListNavigation(f);
  const search = () => navigate({ ...draft, sort: f.sort, order: f.order, page: 1, size: f.size });

  const sort: TableSort | undefined =
    f.sort === 'created' ? undefined : { sortBy: Object.keys(SORT_KEYS).find((k) => SORT_KEYS[k] === f.sort) ?? f.sort, descending: f.order === 'desc' };
  const onSortChange = (next: TableSort) => {
    const s = Array.isArray(next) ? next[0] : next;
    const key = s ? SORT_KEYS[s.sortBy] : undefined;
    // Clearing the sort goes back to the default: newest registered first.
    navigate({ ...f, sort: key ?? 'created', order: key ? (s?.descending ? 'desc' : 'asc') : 'desc', page: 1 });
  };

  const columns: PrimaryTableCol<ParcelRowView>[] = [
    {
      colKey: 'code',
      title: '地块编号',
      width: 150,
      sorter: true,
      cell: ({ row }) => (
        <Space size={4} align="center">
          <Link href={`/parcels/${row.id}`}>{row.code}</Link>
          {row.isDemo && (
            <Tag size="small" theme="warning" variant="light">
              演示
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'name', title: '地块名称', minWidth: 160, ellipsis: true, cell: ({ row }) => <Link href={`/parcels/${row.id}`}>{row.name}</Link> },
    { colKey: 'projectLabel', title: '所属项目', minWidth: 160, ellipsis: true, cell: ({ row }) => <Link href={`/projects/${row.projectId}`}>{row.projectLabel}</Link> },
    { colKey: 'districtName', title: '区县', width: 90, cell: ({ row }) => row.districtName ?? <span className="lr-muted">—</span> },
    { colKey: 'stage', title: '环节', width: 96, cell: ({ row }) => <StageTag stage={row.stage} /> },
    {
      colKey: 'area',
      title: '面积（亩）',
      width: 130,
      align: 'right',
      sorter: true,
      cell: ({ row }) => (
        <Tooltip content={`${row.area.m2} 平方米 / ${row.area.ha} 公顷`}>
          <div>
            <div>{row.area.mu}</div>
            <div className="lr-muted" style={{ fontSize: 12 }}>
              {row.area.m2} ㎡
            </div>
          </div>
        </Tooltip>
      ),
    },
    { colKey: 'plannedUse', title: '规划用途', width: 110, ellipsis: true, cell: ({ row }) => row.plannedUse ?? <span className="lr-muted">—</span> },
    { colKey: 'stageSince', title: '环节起始', width: 110, sorter: true },
    { colKey: 'warnings', title: '预警', width: 110, cell: ({ row }) => <WarningTags warnings={row.warnings} /> },
  ];

  const exportQuery = listQueryString({ q: f.q, stage: f.stage, district: f.district, project: f.project, use: f.use, year: f.year, warn: f.warn, sort: f.sort, order: f.order });
  const option = (v: string) => ({ label: v, value: v });

  return (
    <Card bordered={false} title="地块" actions={<span className="lr-muted" data-testid="parcels-total">共 {props.total} 宗地块</span>}>
      <div className="lr-toolbar">
        <ListKeywordInput placeholder="编号、名称、电子监管号或坐落" width={240} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} onSearch={search} />
        <Select
          style={{ width: 120 }}
          placeholder="环节"
          value={draft.stage}
          clearable
          options={STAGES.map(option)}
          onChange={(v) => setDraft({ ...draft, stage: (v as TStage) || undefined })}
        />
        <Select
          style={{ width: 120 }}
          placeholder="区县"
          value={draft.district}
          clearable
          options={props.districts}
          onChange={(v) => setDraft({ ...draft, district: (v as string) || undefined })}
        />
        <Select
          style={{ width: 220 }}
          placeholder="所属项目"
          value={draft.project}
          clearable
          filterable
          options={props.projects}
          onChange={(v) => setDraft({ ...draft, project: (v as string) || undefined })}
        />
        <Select
          style={{ width: 130 }}
          placeholder="规划用途"
          value={draft.use}
          clearable
          filterable
          options={props.plannedUses.map(option)}
          onChange={(v) => setDraft({ ...draft, use: (v as string) || undefined })}
        />
        <Select
          style={{ width: 130 }}
          // The year of entry into the reserve; parcels not yet reserved count by registration year.
          placeholder="入库年度"
          value={draft.year}
          clearable
          options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
          onChange={(v) => setDraft({ ...draft, year: typeof v === 'number' ? v : undefined })}
        />
        <Select
          style={{ width: 150 }}
          placeholder="预警"
          value={draft.warn}
          clearable
          options={WARNING_FILTERS.map((w) => ({ label: WARNING_FILTER_LABELS[w], value: w }))}
          onChange={(v) => setDraft({ ...draft, warn: (v as TWarningFilter) || undefined })}
        />
        <ListSearchButtons onSearch={search} onReset={() => {
            setDraft({});
            navigate({ page: 1, size: f.size });
          }} />
        <div style={{ flex: 1 }} />
        {props.canExport && (
          <Button variant="outline" icon={<DownloadIcon />} href={`/api/parcels/export${exportQuery ? `?${exportQuery}` : ''}`} tag="a">
            导出 Excel
          </Button>
        )}
        {props.canEdit && (
          <Button variant="outline" icon={<UploadIcon />} href={f.project ? `/parcels/import?projectId=${encodeURIComponent(f.project)}` : '/parcels/import'} tag="a">
            批量导入边界
          </Button>
        )}
        {props.canEdit && (
          <Button theme="primary" icon={<AddIcon />} href={f.project ? `/parcels/new?projectId=${encodeURIComponent(f.project)}` : '/parcels/new'} tag="a">
            新建地块
          </Button>
        )}
      </div>
      <Table<ParcelRowView>
        rowKey="id"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="auto"
        sort={sort}
        onSortChange={onSortChange}
        empty="没有符合条件的地块"
        pagination={pagination(props.total)}
      />
    </Card>
  );
}
