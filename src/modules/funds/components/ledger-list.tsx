import type { Column } from '@/ui/kit/columns';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage } from '@/ui/kit/list-page';
import { listHref } from '@/ui/kit/query';
import { KitTag } from '@/ui/kit/tag';
import type { TLedgerFilter } from '../ledger/validation';
import type { LedgerRowView, LedgerTotalsView, OptionView } from '../ledger/view';
import { DirectionMark, EntryStatusMark, YuanText } from './entry-marks';
import { LedgerFilterBar } from './ledger-filter-bar';
import { IntegrityNotice } from './integrity-notice';
import { INTEGRITY_SHORT } from '../ledger/integrity-labels';

/** Origins as short tags, so status, origin and 已冲销 fit the column (the full label is in the tooltip). */
const ORIGIN_SHORT: Record<LedgerRowView['origin'], string> = { manual: '手工', compensation: '补偿登记', reversal: '冲销', 'bond-interest': '债券付息' };

const COLUMNS: Column<LedgerRowView>[] = [
  {
    key: 'entryNo',
    title: '收支编号',
    kind: 'code',
    width: 160,
    sortKey: 'no',
    tooltip: (r) => r.entryNo,
    value: (r) => r.entryNo,
    href: (r) => `/funds/ledger/${r.id}`,
    demo: (r) => r.isDemo,
  },
  { key: 'entryDate', title: '发生日期', kind: 'date', sortKey: 'date', value: (r) => r.entryDate },
  { key: 'direction', title: '方向', kind: 'tag', width: 60, render: (r) => <DirectionMark direction={r.direction} /> },
  { key: 'category', title: '科目', kind: 'text', width: 120, value: (r) => r.category, tooltip: (r) => r.category },
  { key: 'amount', title: '金额', kind: 'money', width: 124, sortKey: 'amount', render: (r) => <YuanText amount={r.amount} /> },
  {
    key: 'project',
    title: '项目 / 地块',
    kind: 'name',
    value: (r) => (r.parcelCode ? `${r.projectLabel} · ${r.parcelCode}` : r.projectLabel),
    href: (r) => `/projects/${r.projectId}`,
  },
  { key: 'counterparty', title: '收款/付款单位', kind: 'name', value: (r) => r.counterparty },
  {
    key: 'source',
    title: '资金来源 / 账户',
    kind: 'name',
    tooltip: (r) => [r.sourceName, r.accountName].filter(Boolean).join(' / ') || '待财务选定',
    render: (r) =>
      r.sourceName || r.accountName ? (
        <>
          {r.sourceName ?? '—'}
          {r.accountName && <span className="lr-muted"> / {r.accountName}</span>}
        </>
      ) : (
        <span className="lr-muted">待财务选定</span>
      ),
  },
  {
    key: 'status',
    title: '状态',
    kind: 'tag',
    width: 176,
    tooltip: (r) => [r.integrityText, r.statusLabel, r.origin !== 'manual' ? r.originLabel : '', r.reversed ? '已冲销' : ''].filter(Boolean).join('，'),
    render: (r) => (
      <span className="lr-tags">
        {r.integrity !== 'ok' && (
          <KitTag theme={r.integrity === 'pending' ? 'warning' : 'danger'} variant="dark" title={r.integrityText}>
            {INTEGRITY_SHORT[r.integrity]}
          </KitTag>
        )}
        <EntryStatusMark status={r.status} />
        {r.origin !== 'manual' && <KitTag variant="outline">{ORIGIN_SHORT[r.origin]}</KitTag>}
        {r.reversed && (
          <KitTag theme="danger" variant="outline">
            已冲销
          </KitTag>
        )}
      </span>
    ),
  },
];

function Totals({ totals }: { totals: LedgerTotalsView }) {
  return (
    <>
      <IntegrityNotice problems={totals.integrityProblems} />
      <div data-testid="ledger-totals" className="lr-num" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 32px', margin: '0 0 12px', fontSize: 13 }}>
        <span>
          已审批 {totals.approvedCount} 笔：收入 <b>{totals.approved.income}</b> 元，支出 <b>{totals.approved.expense}</b> 元，净额 <b>{totals.approved.net}</b> 元
        </span>
        <span className="lr-muted">
          含未审批共 {totals.count} 笔：收入 {totals.all.income} 元，支出 {totals.all.expense} 元
        </span>
        {totals.treasuryApproved && (
          <span className="lr-muted" data-testid="ledger-treasury-total">
            另有已审批零星收入 {totals.treasuryApproved} 元（缴入国库，不计入收入）
          </span>
        )}
      </div>
    </>
  );
}

/** 收支台账 on the page kit: amounts in 元 (entries are checked against vouchers), the filter island, totals of the filtered rows. */
export function LedgerList(props: {
  filter: TLedgerFilter;
  /** Whether the URL named an order; otherwise the default (newest first) and no header is marked. */
  sorted: boolean;
  total: number;
  totals: LedgerTotalsView;
  rows: LedgerRowView[];
  projects: OptionView[];
  years: number[];
  canEnter: boolean;
  canExport: boolean;
}) {
  const f = props.filter;
  const values = { q: f.q, direction: f.direction, status: f.status, category: f.category, project: f.project, year: f.year, month: f.month, mine: f.mine };
  const sort = props.sorted ? { key: f.sort, order: f.order } : { key: null, order: null };
  const keep = { sort: sort.key ?? undefined, order: sort.key ? sort.order : undefined, size: f.size };
  return (
    <ListPage<LedgerRowView>
      title="收支台账"
      path="/funds/ledger"
      testId="ledger"
      totalText={`共 ${props.total} 笔`}
      filters={{ defs: [], values }}
      filterBar={<LedgerFilterBar values={values} keep={keep} projects={props.projects} years={props.years} />}
      toolbar={
        <>
          {props.canExport && <LinkButton href={listHref('/api/funds/ledger/export', { ...values, sort: f.sort, order: f.order })}>导出 Excel</LinkButton>}
          {props.canEnter && (
            <LinkButton theme="primary" href={f.project ? listHref('/funds/ledger/new', { projectId: f.project }) : '/funds/ledger/new'}>
              新增收支
            </LinkButton>
          )}
        </>
      }
      before={<Totals totals={props.totals} />}
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, moneyUnit: '元', empty: '没有符合条件的收支记录', testId: 'ledger-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '笔' }}
    />
  );
}
