import type { Column } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage, listHref } from '@/ui/kit/list-page';
import { KitTag } from '@/ui/kit/tag';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../constants';
import type { TDocumentFilter } from '../validation';
import type { DocumentRowView } from '../view';
import { DocumentStatusTag } from './document-status-tag';

const COLUMNS: Column<DocumentRowView>[] = [
  {
    key: 'docNo',
    title: '发文字号',
    kind: 'code',
    width: 190,
    sortKey: 'docNo',
    tooltip: (r) => r.docNo ?? '签发时编号',
    render: (r) => (r.docNo ? <a className="lr-link" href={`/documents/${r.id}`}>{r.docNo}</a> : <span className="lr-muted">未签发</span>),
    demo: (r) => r.isDemo,
  },
  { key: 'title', title: '标题', kind: 'name', sortKey: 'title', value: (r) => r.title, href: (r) => `/documents/${r.id}`, tooltip: (r) => r.title },
  { key: 'type', title: '类型', kind: 'text', width: 84, value: (r) => r.docType },
  {
    key: 'urgency',
    title: '紧急程度',
    kind: 'tag',
    width: 84,
    render: (r) => (r.urgency === '平件' ? <span className="lr-muted">平件</span> : <KitTag theme={r.urgency === '特急' ? 'danger' : 'warning'}>{r.urgency}</KitTag>),
  },
  { key: 'docDate', title: '成文日期', kind: 'date', sortKey: 'docDate', value: (r) => r.docDate },
  { key: 'dept', title: '拟稿科室', kind: 'text', width: 120, value: (r) => r.departmentName, tooltip: (r) => `${r.departmentName ?? ''} ${r.drafterName}` },
  { key: 'drafter', title: '拟稿人', kind: 'person', width: 100, value: (r) => r.drafterName },
  {
    key: 'status',
    title: '状态',
    kind: 'tag',
    width: 150,
    tooltip: (r) => (r.currentStepName ? `${r.status}，待${r.currentStepName}` : r.status),
    render: (r) => (
      <span className="lr-tags">
        <DocumentStatusTag status={r.status} step={r.currentStepName} />
        {r.currentStepName && r.status !== '草稿' && r.status !== '已退回' && <span className="lr-muted">待{r.currentStepName}</span>}
      </span>
    ),
  },
];

/** 发文 register on the page kit: search, filters (type, state, year, department, mine), paging, sort, export. */
export function DocumentsList(props: {
  filter: TDocumentFilter;
  sorted: boolean;
  total: number;
  rows: DocumentRowView[];
  years: number[];
  departments: { value: string; label: string }[];
  canDraft: boolean;
  canExport: boolean;
  canAdmin: boolean;
}) {
  const f = props.filter;
  const values = { q: f.q, type: f.type, status: f.status, year: f.year, dept: f.dept, mine: f.mine };
  const sort = props.sorted ? { key: f.sort, order: f.order } : { key: null, order: null };
  return (
    <ListPage<DocumentRowView>
      title="发文"
      path="/documents"
      testId="documents"
      totalText={`共 ${props.total} 件`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '标题、文号、主送机关或拟稿人', width: 240 },
          { kind: 'select', key: 'type', placeholder: '类型', width: 110, options: DOCUMENT_TYPES.map((t) => ({ label: t, value: t })) },
          { kind: 'select', key: 'status', placeholder: '状态', width: 110, options: DOCUMENT_STATUSES.map((s) => ({ label: s, value: s })) },
          { kind: 'select', key: 'year', placeholder: '年度', width: 100, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
          { kind: 'select', key: 'dept', placeholder: '拟稿科室', width: 140, filterable: true, options: props.departments },
          { kind: 'select', key: 'mine', placeholder: '办理', width: 110, options: [{ label: '待我办理', value: '1' }] },
        ],
      }}
      toolbar={
        <>
          {props.canAdmin && <LinkButton href="/documents/settings">流程与文号设置</LinkButton>}
          {props.canExport && <LinkButton href={listHref('/api/documents/export', { ...values, sort: f.sort, order: f.order })}>导出 Excel</LinkButton>}
          {props.canDraft && (
            <LinkButton theme="primary" href="/documents/new">
              拟稿
            </LinkButton>
          )}
        </>
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的发文', testId: 'documents-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '件' }}
    />
  );
}
