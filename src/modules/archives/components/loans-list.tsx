import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { LinkButton } from '@/ui/kit/link-button';
import { formatDateTime } from '@/ui/format';
import { LOAN_SCOPE_LABELS, LOAN_SHOWN_STATUSES, type TLoanFilter } from '../loan-validation';
import type { LoanRow } from '../loan-queries';
import { LoanStatusTag } from './loan-tags';

const COLUMNS: Column<LoanRow>[] = [
  {
    key: 'item',
    title: '借阅档案',
    kind: 'name',
    value: (r) => (r.firstItem ? `${r.firstItem.title}${r.itemCount > 1 ? ` 等 ${r.itemCount} 件` : ''}` : '—'),
    tooltip: (r) => (r.firstItem ? `${r.firstItem.archiveNo} ${r.firstItem.title}${r.itemCount > 1 ? ` 等 ${r.itemCount} 件` : ''}` : undefined),
    href: (r) => `/archives/loans/${r.id}`,
  },
  { key: 'no', title: '档号', kind: 'code', width: 190, value: (r) => r.firstItem?.archiveNo },
  { key: 'borrower', title: '借阅人', kind: 'person', width: 110, value: (r) => r.borrowerName },
  { key: 'purpose', title: '用途', kind: 'text', value: (r) => r.purpose },
  { key: 'created', title: '申请时间', kind: 'datetime', value: (r) => formatDateTime(r.createdAt) },
  {
    key: 'until',
    title: '归还日期',
    kind: 'date',
    render: (r) => (
      <span className="lr-num" style={r.shown === '已逾期' ? { color: 'var(--td-error-color)' } : undefined}>
        {r.untilDate}
      </span>
    ),
  },
  { key: 'status', title: '状态', kind: 'tag', width: 110, render: (r) => <LoanStatusTag status={r.shown} /> },
];

/** 档案借阅: my loans, those waiting for me, or (档案管理员) all, with a status filter. */
export function LoansList(props: { filter: TLoanFilter; scope: 'mine' | 'todo' | 'all'; scopes: ('mine' | 'todo' | 'all')[]; rows: LoanRow[]; total: number; canBorrow: boolean }) {
  const f = props.filter;
  const values = { scope: props.scope, status: f.status };
  return (
    <ListPage<LoanRow>
      title="档案借阅"
      path="/archives/loans"
      testId="archive-loans"
      totalText={`${LOAN_SCOPE_LABELS[props.scope]}：共 ${props.total} 项`}
      filters={{
        values,
        defs: [
          ...(props.scopes.length > 1 ? [{ kind: 'select' as const, key: 'scope', placeholder: '范围', width: 130, options: props.scopes.map((s) => ({ label: LOAN_SCOPE_LABELS[s], value: s })) }] : []),
          { kind: 'select', key: 'status', placeholder: '状态', width: 130, options: LOAN_SHOWN_STATUSES.map((s) => ({ label: s, value: s })) },
        ],
      }}
      toolbar={
        props.canBorrow && (
          <LinkButton theme="primary" href="/archives/loans/new" testId="new-loan">
            申请借阅
          </LinkButton>
        )
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的借阅', testId: 'archive-loans-table' }}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '项' }}
    />
  );
}
