'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Button, Card, Checkbox, Select, Space, Table, Tag, type PrimaryTableCol, type TableSort } from 'tdesign-react';
import { AddIcon, DownloadIcon } from 'tdesign-icons-react';
import { listQueryString, useListNavigation } from '@/ui/use-list-navigation';
import { ListKeywordInput, ListSearchButtons } from '@/ui/list-search-buttons';
import { ENTRY_STATUSES, INCOME_CATEGORIES, LEDGER_CATEGORIES, type TEntryStatus } from '../../rules';
import { DIRECTION_LABELS, DIRECTIONS, type TDirection, type TLedgerFilter, type TLedgerSort } from '../validation';
import type { LedgerRowView, LedgerTotalsView, OptionView } from '../view';
import { AmountText, DirectionTag, EntryStatusTag } from './entry-tags';

interface Draft {
  q?: string;
  direction?: TDirection;
  status?: TEntryStatus;
  category?: string;
  project?: string;
  year?: number;
  month?: number;
  mine?: '1';
}

const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

/** Table columns that sort on the server, and the filter's sort key for each. */
const SORT_KEYS: Partial<Record<string, TLedgerSort>> = { entryDate: 'date', amount: 'amount', entryNo: 'no' };

function Totals({ totals }: { totals: LedgerTotalsView }) {
  const cell = { fontVariantNumeric: 'tabular-nums' } as const;
  return (
    <div data-testid="ledger-totals" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 32px', margin: '0 0 12px', fontSize: 13 }}>
      <span>
        已审批 {totals.approvedCount} 笔：收入 <b style={cell}>{totals.approved.income}</b> 元，支出 <b style={cell}>{totals.approved.expense}</b> 元，净额{' '}
        <b style={cell}>{totals.approved.net}</b> 元
      </span>
      <span className="lr-muted">
        含未审批共 {totals.count} 笔：收入 <span style={cell}>{totals.all.income}</span> 元，支出 <span style={cell}>{totals.all.expense}</span> 元
      </span>
      {totals.treasuryApproved && (
        <span className="lr-muted" data-testid="ledger-treasury-total">
          另有已审批零星收入 <span style={cell}>{totals.treasuryApproved}</span> 元（缴入国库，不计入收入）
        </span>
      )}
    </div>
  );
}

/** 收支台账: filters in the URL, totals of the filtered rows, status tags, export and 新增收支. */
export function LedgerListClient(props: {
  filter: TLedgerFilter;
  total: number;
  totals: LedgerTotalsView;
  rows: LedgerRowView[];
  projects: OptionView[];
  years: number[];
  canEnter: boolean;
  canExport: boolean;
}) {
  const f = props.filter;
  const [draft, setDraft] = useState<Draft>({
    q: f.q,
    direction: f.direction,
    status: f.status,
    category: f.category,
    project: f.project,
    year: f.year,
    month: f.month,
    mine: f.mine,
  });
  const { navigate, pagination } = useListNavigation(f);
  const search = () => navigate({ ...draft, sort: f.sort, order: f.order, page: 1, size: f.size });

  const sortBy = Object.keys(SORT_KEYS).find((k) => SORT_KEYS[k] === f.sort);
  const sort: TableSort | undefined = sortBy ? { sortBy, descending: f.order === 'desc' } : undefined;
  const onSortChange = (next: TableSort) => {
    const s = Array.isArray(next) ? next[0] : next;
    const key = s ? SORT_KEYS[s.sortBy] : undefined;
    navigate({ ...f, sort: key ?? 'date', order: key ? (s?.descending ? 'desc' : 'asc') : 'desc', page: 1 });
  };

  const categories = draft.direction === 'income' ? INCOME_CATEGORIES : draft.direction === 'expense' ? LEDGER_CATEGORIES : [...LEDGER_CATEGORIES, ...INCOME_CATEGORIES];

  const columns: PrimaryTableCol<LedgerRowView>[] = [
    {
      colKey: 'entryNo',
      title: '收支编号',
      width: 150,
      sorter: true,
      cell: ({ row }) => (
        <Space size={4} align="center">
          <Link href={`/funds/ledger/${row.id}`} style={LINK}>
            {row.entryNo}
          </Link>
          {row.isDemo && (
            <Tag size="small" theme="warning" variant="light">
              演示
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'entryDate', title: '发生日期', width: 104, sorter: true },
    { colKey: 'direction', title: '方向', width: 70, cell: ({ row }) => <DirectionTag direction={row.direction} /> },
    { colKey: 'category', title: '科目', width: 84 },
    {
      colKey: 'amount',
      title: '金额（元）',
      width: 150,
      align: 'right',
      sorter: true,
      cell: ({ row }) => <AmountText text={row.amountText} negative={row.negative} />,
    },
    {
      colKey: 'projectLabel',
      title: '项目 / 地块',
      minWidth: 160,
      ellipsis: true,
      cell: ({ row }) => (
        <div>
          <div>{row.projectLabel}</div>
          {row.parcelCode && (
            <div className="lr-muted" style={{ fontSize: 12 }}>
              地块 {row.parcelCode}
            </div>
          )}
        </div>
      ),
    },
    { colKey: 'counterparty', title: '收款/付款单位', minWidth: 130, ellipsis: true, cell: ({ row }) => row.counterparty ?? <span className="lr-muted">—</span> },
    {
      colKey: 'source',
      title: '资金来源 / 账户',
      minWidth: 150,
      ellipsis: true,
      cell: ({ row }) =>
        row.sourceName || row.accountName ? (
          <div>
            <div>{row.sourceName ?? '—'}</div>
            {row.accountName && (
              <div className="lr-muted" style={{ fontSize: 12 }}>
                {row.accountName}
              </div>
            )}
          </div>
        ) : (
          <span className="lr-muted">待财务选定</span>
        ),
    },
    {
      colKey: 'status',
      title: '状态',
      width: 130,
      cell: ({ row }) => (
        <Space size={4} breakLine>
          <EntryStatusTag status={row.status} />
          {row.origin !== 'manual' && (
            <Tag size="small" variant="outline">
              {row.originLabel}
            </Tag>
          )}
          {row.reversed && (
            <Tag size="small" theme="danger" variant="outline">
              已冲销
            </Tag>
          )}
        </Space>
      ),
    },
  ];

  const exportQuery = listQueryString({
    q: f.q,
    direction: f.direction,
    status: f.status,
    category: f.category,
    project: f.project,
    year: f.year,
    month: f.month,
    mine: f.mine,
    sort: f.sort,
    order: f.order,
  });
  const option = (v: string) => ({ label: v, value: v });

  return (
    <Card bordered={false} title="收支台账" actions={<span className="lr-muted" data-testid="ledger-total">共 {props.total} 笔</span>}>
      <div className="lr-toolbar">
        <ListKeywordInput placeholder="编号、收付款单位、摘要或凭证号" width={240} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} onSearch={search} />
        <Select
          style={{ width: 100 }}
          placeholder="方向"
          value={draft.direction}
          clearable
          options={DIRECTIONS.map((d) => ({ label: DIRECTION_LABELS[d], value: d }))}
          onChange={(v) => setDraft({ ...draft, direction: (v as TDirection) || undefined, category: undefined })}
        />
        <Select
          style={{ width: 130 }}
          placeholder="科目"
          value={draft.category}
          clearable
          options={categories.map(option)}
          onChange={(v) => setDraft({ ...draft, category: (v as string) || undefined })}
        />
        <Select
          style={{ width: 130 }}
          placeholder="状态"
          value={draft.status}
          clearable
          options={(Object.keys(ENTRY_STATUSES) as TEntryStatus[]).map((s) => ({ label: ENTRY_STATUSES[s], value: s }))}
          onChange={(v) => setDraft({ ...draft, status: (v as TEntryStatus) || undefined })}
        />
        <Select
          style={{ width: 220 }}
          placeholder="项目"
          value={draft.project}
          clearable
          filterable
          options={props.projects}
          onChange={(v) => setDraft({ ...draft, project: (v as string) || undefined })}
        />
        <Select
          style={{ width: 110 }}
          placeholder="年度"
          value={draft.year}
          clearable
          options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
          onChange={(v) => setDraft({ ...draft, year: typeof v === 'number' ? v : undefined, month: typeof v === 'number' ? draft.month : undefined })}
        />
        <Select
          style={{ width: 100 }}
          placeholder="月份"
          value={draft.month}
          clearable
          disabled={!draft.year}
          options={Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1} 月`, value: i + 1 }))}
          onChange={(v) => setDraft({ ...draft, month: typeof v === 'number' ? v : undefined })}
        />
        <Checkbox checked={draft.mine === '1'} onChange={(checked) => setDraft({ ...draft, mine: checked ? '1' : undefined })}>
          待我处理
        </Checkbox>
        <ListSearchButtons
          onSearch={search}
          onReset={() => {
            setDraft({});
            navigate({ page: 1, size: f.size });
          }}
        />
        <div style={{ flex: 1 }} />
        {props.canExport && (
          <Button variant="outline" icon={<DownloadIcon />} href={`/api/funds/ledger/export${exportQuery ? `?${exportQuery}` : ''}`} tag="a">
            导出 Excel
          </Button>
        )}
        {props.canEnter && (
          <Button theme="primary" icon={<AddIcon />} href={f.project ? `/funds/ledger/new?projectId=${encodeURIComponent(f.project)}` : '/funds/ledger/new'} tag="a">
            新增收支
          </Button>
        )}
      </div>
      <Totals totals={props.totals} />
      <Table<LedgerRowView>
        rowKey="id"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="fixed"
        sort={sort}
        onSortChange={onSortChange}
        empty="没有符合条件的收支记录"
        pagination={pagination(props.total)}
      />
    </Card>
  );
}
