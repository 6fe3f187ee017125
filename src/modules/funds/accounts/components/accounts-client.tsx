'use client';
import { useState, type ReactNode } from 'react';
import { Button, Card, Popconfirm, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useListNavigation } from '@/ui/use-list-navigation';
import { ListSearchButtons } from '@/ui/list-search-buttons';
import { useRunAction } from '@/ui/use-run-action';
import { formatYuan } from '@/modules/plans/amounts';
import { setAccountStatusAction } from '../actions';
import type { AccountListRow, AccountsOverview } from '../queries';
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUSES, type TAccountFilter, type TAccountStatus } from '../validation';
import { AccountFormDialog } from './account-form-dialog';

type Row = AccountListRow & { foot?: boolean };

function Yuan({ value }: { value: string }) {
  return <span style={{ whiteSpace: 'nowrap', color: value.startsWith('-') ? 'var(--td-error-color)' : undefined }}>{formatYuan(value)}</span>;
}

function StatusActions({ row }: { row: AccountListRow }) {
  const { run, busy } = useRunAction();
  const closing = row.status === 'active';
  return (
    <Popconfirm
      theme={closing ? 'warning' : 'default'}
      content={
        closing
          ? `关闭账户「${row.name}」？关闭后不能再用于新的收支记录；已有记录和余额（${formatYuan(row.balance)} 元）保留。`
          : `重新启用账户「${row.name}」？启用后可再用于新的收支记录。`
      }
      onConfirm={() => run(() => setAccountStatusAction({ id: row.id, status: closing ? 'closed' : 'active' }), closing ? `账户「${row.name}」已关闭` : `账户「${row.name}」已重新启用`)}
    >
      <Button variant="text" theme={closing ? 'warning' : 'success'} size="small" loading={busy}>
        {closing ? '关闭' : '重新启用'}
      </Button>
    </Popconfirm>
  );
}

export function AccountsClient(props: { filter: TAccountFilter; overview: AccountsOverview; canEdit: boolean }) {
  const { filter, overview } = props;
  const [draft, setDraft] = useState<{ source?: string; status?: TAccountStatus }>({ source: filter.source, status: filter.status });
  const [editing, setEditing] = useState<AccountListRow | 'new' | null>(null);
  const { navigate, pagination } = useListNavigation(filter);
  const search = () => navigate({ ...draft, page: 1, size: filter.size });

  // tdesign hands the foot row to `foot` at run time (TFoot's renderTFootCell) though its type leaves `row` out.
  const both = (render: (row: Row) => ReactNode) => ({
    cell: ({ row }: { row: Row }) => render(row),
    foot: ((p: { row: Row }) => render(p.row)) as unknown as PrimaryTableCol<Row>['foot'],
  });
  // Sized to fit a 1440 px screen without scrolling sideways: bank and account number share a
  // column, the note sits under the account name.
  const columns: PrimaryTableCol<Row>[] = [
    {
      colKey: 'name',
      title: '账户名称',
      minWidth: 180,
      ...both((row) =>
        row.foot ? (
          <strong>{filter.source || filter.status ? '筛选结果合计' : '全部账户合计'}</strong>
        ) : (
          <div>
            <Space size={6} align="center">
              <span>{row.name}</span>
              {row.isDemo && (
                <Tag size="small" theme="warning" variant="light">
                  演示
                </Tag>
              )}
            </Space>
            {row.note && (
              <div className="lr-muted" style={{ fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={row.note}>
                {row.note}
              </div>
            )}
          </div>
        ),
      ),
    },
    { colKey: 'sourceName', title: '资金来源', width: 136, ...both((row) => (row.foot ? null : <span style={{ whiteSpace: 'nowrap' }}>{row.sourceName}</span>)) },
    {
      colKey: 'bankName',
      title: '开户银行 / 银行账号',
      width: 190,
      ...both((row) =>
        row.foot ? null : (
          <div style={{ whiteSpace: 'nowrap' }}>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} title={row.bankName ?? undefined}>
              {row.bankName ?? <span className="lr-muted">—</span>}
            </div>
            <div className="lr-muted" style={{ fontSize: 12 }}>
              {row.accountNo ?? '—'}
            </div>
          </div>
        ),
      ),
    },
    {
      colKey: 'status',
      title: '状态',
      width: 72,
      ...both((row) =>
        row.foot ? null : (
          <Tag size="small" theme={row.status === 'active' ? 'success' : 'default'} variant="light">
            {ACCOUNT_STATUS_LABELS[row.status]}
          </Tag>
        ),
      ),
    },
    { colKey: 'income', title: '收入（元）', width: 138, align: 'right', ...both((row) => <Yuan value={row.income} />) },
    { colKey: 'expense', title: '支出（元）', width: 138, align: 'right', ...both((row) => <Yuan value={row.expense} />) },
    { colKey: 'balance', title: '余额（元）', width: 138, align: 'right', ...both((row) => <Yuan value={row.balance} />) },
    ...(props.canEdit
      ? [
          {
            colKey: 'actions',
            title: '操作',
            width: 110,
            fixed: 'right' as const,
            ...both((row) =>
              row.foot ? null : (
                <Space size={4}>
                  <Button variant="text" theme="primary" size="small" onClick={() => setEditing(row)}>
                    编辑
                  </Button>
                  <StatusActions row={row} />
                </Space>
              ),
            ),
          },
        ]
      : []),
  ];
  const footRow: Row = {
    id: 'foot',
    name: '',
    sourceCode: '',
    sourceName: '',
    bankName: null,
    accountNo: null,
    status: 'active',
    note: null,
    isDemo: false,
    updatedAt: '',
    ...overview.totals,
    foot: true,
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card bordered={false} title="资金来源（财综〔2018〕8号）">
        <Table
          rowKey="code"
          data={overview.sources}
          size="small"
          bordered
          tableLayout="auto"
          data-testid="fund-sources"
          columns={[
            { colKey: 'name', title: '资金来源', width: 150, cell: ({ row }) => <span style={{ whiteSpace: 'nowrap' }}>{row.name}</span> },
            { colKey: 'note', title: '说明', minWidth: 260, cell: ({ row }) => row.note ?? <span className="lr-muted">—</span> },
            { colKey: 'accountCount', title: '账户数', width: 110, cell: ({ row }) => `${row.accountCount}（使用中 ${row.activeCount}）` },
            { colKey: 'income', title: '收入（元）', width: 150, align: 'right', cell: ({ row }) => <Yuan value={row.income} /> },
            { colKey: 'expense', title: '支出（元）', width: 150, align: 'right', cell: ({ row }) => <Yuan value={row.expense} /> },
            { colKey: 'balance', title: '余额（元）', width: 150, align: 'right', cell: ({ row }) => <Yuan value={row.balance} /> },
          ]}
        />
        <div className="lr-muted" style={{ marginTop: 8, fontSize: 12 }}>
          土地储备资金按来源分账核算、专款专用。余额只计入已审批的收支记录（冲销记录以负数冲减）。
        </div>
      </Card>
      <Card bordered={false} title="资金账户" actions={<span className="lr-muted" data-testid="accounts-total">共 {overview.total} 个账户</span>}>
        <div className="lr-toolbar">
          <Select
            style={{ width: 160 }}
            placeholder="资金来源"
            value={draft.source}
            clearable
            options={overview.sources.map((s) => ({ label: s.name, value: s.code }))}
            onChange={(v) => setDraft({ ...draft, source: (v as string) || undefined })}
          />
          <Select
            style={{ width: 130 }}
            placeholder="账户状态"
            value={draft.status}
            clearable
            options={ACCOUNT_STATUSES.map((s) => ({ label: ACCOUNT_STATUS_LABELS[s], value: s }))}
            onChange={(v) => setDraft({ ...draft, status: (v as TAccountStatus) || undefined })}
          />
          <ListSearchButtons
            onSearch={search}
            onReset={() => {
              setDraft({});
              navigate({ page: 1, size: filter.size });
            }}
          />
          <div style={{ flex: 1 }} />
          {props.canEdit && (
            <Button theme="primary" icon={<AddIcon />} onClick={() => setEditing('new')}>
              新建账户
            </Button>
          )}
        </div>
        <Table<Row>
          rowKey="id"
          data={overview.rows}
          footData={overview.total ? [footRow] : []}
          columns={columns}
          size="small"
          bordered
          hover
          tableLayout="auto"
          empty="没有符合条件的账户"
          pagination={pagination(overview.total)}
        />
      </Card>
      {editing && (
        <AccountFormDialog
          account={editing === 'new' ? null : editing}
          sources={overview.sources}
          defaultSource={filter.source}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
