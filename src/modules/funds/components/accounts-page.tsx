import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { ListPage } from '@/ui/kit/list-page';
import { KitTag } from '@/ui/kit/tag';
import type { AccountListRow, AccountsOverview, FundSourceRow, SourceSummary } from '../accounts/queries';
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUSES, type TAccountFilter } from '../accounts/validation';
import { AccountRowActions, NewAccountButton } from './account-islands';
import { wanColumn } from './funds-kit';

// The channel names of 财综〔2018〕8号 are up to 8 characters: the column fits them on one line.
const SOURCE_WIDTH = 148;

const SOURCE_COLUMNS: Column<SourceSummary>[] = [
  { key: 'name', title: '资金来源', kind: 'text', width: SOURCE_WIDTH, value: (r) => r.name, tooltip: (r) => r.name },
  { key: 'note', title: '说明', kind: 'text', value: (r) => r.note, tooltip: (r) => r.note ?? undefined },
  { key: 'accountCount', title: '账户数', kind: 'text', width: 120, value: (r) => `${r.accountCount}（使用中 ${r.activeCount}）` },
  wanColumn('income', '收入', (r) => r.income, { width: 120 }),
  wanColumn('expense', '支出', (r) => r.expense, { width: 120 }),
  wanColumn('balance', '余额', (r) => r.balance, { width: 120 }),
];

function accountColumns(canEdit: boolean, sources: FundSourceRow[]): Column<AccountListRow>[] {
  const cols: Column<AccountListRow>[] = [
    {
      key: 'name',
      title: '账户名称',
      kind: 'name',
      tooltip: (r) => (r.note ? `${r.name}（${r.note}）` : r.name),
      demo: (r) => r.isDemo,
      render: (r) => (
        <>
          {r.name}
          {r.note && <span className="lr-muted"> · {r.note}</span>}
        </>
      ),
    },
    { key: 'sourceName', title: '资金来源', kind: 'text', width: SOURCE_WIDTH, value: (r) => r.sourceName, tooltip: (r) => r.sourceName },
    {
      key: 'bank',
      title: '开户银行 / 银行账号',
      kind: 'text',
      width: 240,
      value: (r) => [r.bankName, r.accountNo].filter(Boolean).join(' · ') || null,
      tooltip: (r) => [r.bankName, r.accountNo].filter(Boolean).join(' ') || undefined,
    },
    { key: 'status', title: '状态', kind: 'tag', width: 72, render: (r) => <KitTag theme={r.status === 'active' ? 'success' : 'default'}>{ACCOUNT_STATUS_LABELS[r.status]}</KitTag> },
    wanColumn('income', '收入', (r) => r.income, { width: 116 }),
    wanColumn('expense', '支出', (r) => r.expense, { width: 116 }),
    wanColumn('balance', '余额', (r) => r.balance, { width: 116 }),
  ];
  if (canEdit) cols.push({ key: 'actions', title: '操作', kind: 'actions', width: 124, render: (r) => <AccountRowActions row={r} sources={sources} /> });
  return cols;
}

/** 资金账户 on the page kit, in 万元: the F18 sources with their totals, and the accounts (filters in the URL). */
export function AccountsPage(props: { filter: TAccountFilter; overview: AccountsOverview; canEdit: boolean }) {
  const { filter, overview } = props;
  const values = { source: filter.source, status: filter.status };
  const sources: FundSourceRow[] = overview.sources.map((s) => ({ code: s.code, name: s.name, sortOrder: s.sortOrder, note: s.note }));
  return (
    <div className="lr-stack">
      <KitCard title="资金来源（财综〔2018〕8号）">
        <DataTable testId="fund-sources" columns={SOURCE_COLUMNS} rows={overview.sources} rowKey={(r) => r.code} moneyUnit="万元" />
        <div className="lr-muted" style={{ marginTop: 8, fontSize: 12 }}>
          土地储备资金按来源分账核算、专款专用。余额只计入已审批的收支记录（冲销记录以负数冲减）。
        </div>
      </KitCard>
      <ListPage<AccountListRow>
        title="资金账户"
        path="/funds/accounts"
        testId="accounts"
        totalText={`共 ${overview.total} 个账户`}
        filters={{
          values,
          defs: [
            { kind: 'select', key: 'source', placeholder: '资金来源', width: 180, options: overview.sources.map((s) => ({ label: s.name, value: s.code })) },
            { kind: 'select', key: 'status', placeholder: '账户状态', width: 120, options: ACCOUNT_STATUSES.map((s) => ({ label: ACCOUNT_STATUS_LABELS[s], value: s })) },
          ],
        }}
        toolbar={props.canEdit && <NewAccountButton sources={sources} defaultSource={filter.source} />}
        table={{
          columns: accountColumns(props.canEdit, sources),
          rows: overview.rows,
          rowKey: (r) => r.id,
          moneyUnit: '万元',
          empty: '没有符合条件的账户',
          testId: 'accounts-table',
          totals: { label: filter.source || filter.status ? '筛选结果合计' : '全部账户合计', values: overview.totals },
        }}
        paging={{ page: filter.page, size: filter.size, total: overview.total, unit: '个账户' }}
      />
    </div>
  );
}
