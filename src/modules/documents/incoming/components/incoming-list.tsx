import type { Column } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage } from '@/ui/kit/list-page';
import { listHref } from '@/ui/kit/query';
import { KitTag } from '@/ui/kit/tag';
import { INCOMING_STATES, INCOMING_TYPES, STATE_LABELS, type TIncomingState } from '../rules';
import type { TIncomingFilter } from '../validation';
import { DueMark, IncomingStateTag, UrgencyTag } from './incoming-marks';

export interface IncomingRowView {
  id: string;
  receiptNo: string;
  receivedOn: string;
  senderOrg: string;
  senderNo: string | null;
  title: string;
  docType: string;
  urgency: string;
  state: TIncomingState;
  isDemo: boolean;
  /** 承办科室, each with its due text when still open. */
  parts: { name: string; dueOn: string; dueText: string | null; overdue: boolean; soon: boolean }[];
  overdue: boolean;
}

const COLUMNS: Column<IncomingRowView>[] = [
  {
    key: 'receiptNo',
    title: '收文编号',
    kind: 'code',
    width: 150,
    sortKey: 'no',
    value: (r) => r.receiptNo,
    href: (r) => `/documents/incoming/${r.id}`,
    demo: (r) => r.isDemo,
  },
  { key: 'receivedOn', title: '收文日期', kind: 'date', sortKey: 'received', value: (r) => r.receivedOn },
  {
    key: 'title',
    title: '标题',
    kind: 'name',
    value: (r) => r.title,
    href: (r) => `/documents/incoming/${r.id}`,
  },
  {
    key: 'sender',
    title: '来文单位 / 字号',
    kind: 'name',
    width: 240,
    tooltip: (r) => [r.senderOrg, r.senderNo].filter(Boolean).join(' '),
    render: (r) => (
      <>
        {r.senderOrg}
        {r.senderNo && <span className="lr-muted"> {r.senderNo}</span>}
      </>
    ),
  },
  { key: 'type', title: '文种', kind: 'text', width: 80, value: (r) => r.docType },
  { key: 'urgency', title: '紧急', kind: 'tag', width: 64, render: (r) => <UrgencyTag urgency={r.urgency} /> },
  {
    key: 'parts',
    title: '承办科室 / 期限',
    kind: 'text',
    width: 230,
    sortKey: 'due',
    tooltip: (r) => r.parts.map((p) => `${p.name}（${p.dueOn}${p.dueText ? `，${p.dueText}` : ''}）`).join('；') || undefined,
    render: (r) =>
      r.parts.length === 0 ? (
        <span className="lr-muted">未分办</span>
      ) : (
        <span className="lr-tags">
          {r.parts.map((p, i) => (
            <span key={i}>
              {p.name}
              <DueMark text={p.dueText} overdue={p.overdue} soon={p.soon} />
            </span>
          ))}
        </span>
      ),
  },
  {
    key: 'state',
    title: '状态',
    kind: 'tag',
    width: 120,
    render: (r) => (
      <span className="lr-tags">
        <IncomingStateTag state={r.state} />
        {r.overdue && (
          <KitTag theme="danger" variant="outline">
            逾期
          </KitTag>
        )}
      </span>
    ),
  },
];

/** 收文登记簿 on the page kit: the filter bar is its one client island (plus the toolbar links). */
export function IncomingList(props: {
  filter: TIncomingFilter;
  sorted: boolean;
  total: number;
  rows: IncomingRowView[];
  departments: { value: string; label: string }[];
  years: number[];
  canRegister: boolean;
  canExport: boolean;
}) {
  const f = props.filter;
  const values = { q: f.q, type: f.type, state: f.state, year: f.year, dept: f.dept, overdue: f.overdue };
  const sort = props.sorted ? { key: f.sort, order: f.order } : { key: null, order: null };
  return (
    <ListPage<IncomingRowView>
      title="收文"
      path="/documents/incoming"
      testId="incoming"
      totalText={`共 ${props.total} 件`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '收文编号、标题、来文单位或字号', width: 240 },
          { kind: 'select', key: 'type', placeholder: '文种', width: 100, options: INCOMING_TYPES.map((t) => ({ label: t, value: t })) },
          { kind: 'select', key: 'state', placeholder: '办理状态', width: 110, options: INCOMING_STATES.map((s) => ({ label: STATE_LABELS[s], value: s })) },
          { kind: 'select', key: 'year', placeholder: '年度', width: 100, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
          { kind: 'select', key: 'dept', placeholder: '承办科室', width: 120, options: props.departments },
          { kind: 'select', key: 'overdue', placeholder: '是否逾期', width: 110, options: [{ label: '仅逾期', value: '1' }] },
        ],
      }}
      toolbar={
        <>
          {props.canExport && <LinkButton href={listHref('/api/documents/incoming/export', { ...values, sort: f.sort, order: f.order })}>导出 Excel</LinkButton>}
          {props.canRegister && (
            <LinkButton theme="primary" href="/documents/incoming/new">
              登记收文
            </LinkButton>
          )}
        </>
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的收文', testId: 'incoming-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '件' }}
    />
  );
}
