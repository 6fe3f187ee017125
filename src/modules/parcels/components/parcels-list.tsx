import type { Column } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage } from '@/ui/kit/list-page';
import { listHref } from '@/ui/kit/query';
import { STAGES } from '../stages';
import { WARNING_FILTERS, WARNING_FILTER_LABELS } from '../validation';
import type { OptionView, ParcelFilterView, ParcelRowView } from '../view';
import { StageTag, WarningTags } from './stage-tag';

const COLUMNS: Column<ParcelRowView>[] = [
  {
    key: 'code',
    title: '地块编号',
    kind: 'code',
    width: 180,
    sortKey: 'code',
    tooltip: (r) => r.code,
    value: (r) => r.code,
    href: (r) => `/parcels/${r.id}`,
    demo: (r) => r.isDemo,
  },
  { key: 'name', title: '地块名称', kind: 'name', value: (r) => r.name, href: (r) => `/parcels/${r.id}` },
  { key: 'project', title: '所属项目', kind: 'name', value: (r) => r.projectLabel, href: (r) => `/projects/${r.projectId}` },
  { key: 'district', title: '区县', kind: 'text', width: 80, value: (r) => r.districtName },
  { key: 'stage', title: '环节', kind: 'tag', render: (r) => <StageTag stage={r.stage} /> },
  {
    key: 'area',
    title: '面积',
    kind: 'area',
    sortKey: 'area',
    value: (r) => r.areaM2,
    tooltip: (r) => `${r.area.m2} 平方米 / ${r.area.ha} 公顷`,
  },
  { key: 'plannedUse', title: '规划用途', kind: 'text', width: 110, value: (r) => r.plannedUse },
  { key: 'stageSince', title: '环节起始', kind: 'date', sortKey: 'stageSince', value: (r) => r.stageSince },
  { key: 'warnings', title: '预警', kind: 'tag', width: 100, render: (r) => <WarningTags warnings={r.warnings} /> },
];

/** 地块 list: server-rendered by the page kit; the filter bar is its only client island. */
export function ParcelsList(props: {
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
  const values = { q: f.q, stage: f.stage, district: f.district, project: f.project, use: f.use, year: f.year, warn: f.warn };
  const sort = f.sort === 'created' ? { key: null, order: null } : { key: f.sort, order: f.order };
  const withProject = (path: string) => (f.project ? listHref(path, { projectId: f.project }) : path);
  return (
    <ListPage<ParcelRowView>
      title="地块"
      path="/parcels"
      testId="parcels"
      totalText={`共 ${props.total} 宗地块`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '编号、名称、电子监管号或坐落', width: 240 },
          { kind: 'select', key: 'stage', placeholder: '环节', width: 110, options: STAGES.map((s) => ({ label: s, value: s })) },
          { kind: 'select', key: 'district', placeholder: '区县', width: 110, options: props.districts },
          { kind: 'select', key: 'project', placeholder: '所属项目', width: 200, filterable: true, options: props.projects },
          { kind: 'select', key: 'use', placeholder: '规划用途', width: 120, filterable: true, options: props.plannedUses.map((u) => ({ label: u, value: u })) },
          // The year of entry into the reserve; parcels not yet reserved count by registration year.
          { kind: 'select', key: 'year', placeholder: '入库年度', width: 110, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
          { kind: 'select', key: 'warn', placeholder: '预警', width: 140, options: WARNING_FILTERS.map((w) => ({ label: WARNING_FILTER_LABELS[w], value: w })) },
        ],
      }}
      toolbar={
        <>
          {props.canExport && <LinkButton href={listHref('/api/parcels/export', { ...values, sort: f.sort, order: f.order })}>导出 Excel</LinkButton>}
          {props.canEdit && <LinkButton href={withProject('/parcels/import')}>批量导入边界</LinkButton>}
          {props.canEdit && (
            <LinkButton theme="primary" href={withProject('/parcels/new')}>
              新建地块
            </LinkButton>
          )}
        </>
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的地块', testId: 'parcels-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '宗' }}
    />
  );
}
