import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { LinkButton } from '@/ui/kit/link-button';
import { listHref } from '@/ui/kit/query';
import { KitAlert } from '@/ui/kit/alert';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES, CONTRACT_TYPES } from '../rules';
import { REMINDER_LABELS, type TContractFilter } from '../validation';
import type { ContractRow } from '../queries';
import { ContractStatusTag } from './contract-tags';

/** The contract columns, shared by the list and the project / parcel sections. */
export function contractColumns(opts: { project: boolean }): Column<ContractRow>[] {
  const cols: Column<ContractRow>[] = [
    {
      key: 'no',
      title: '合同编号',
      kind: 'code',
      width: 176,
      sortKey: 'no',
      value: (r) => r.contractNo,
      tooltip: (r) => r.contractNo,
      href: (r) => `/contracts/${r.id}`,
      demo: (r) => r.isDemo,
    },
    { key: 'name', title: '合同名称', kind: 'name', value: (r) => r.name, href: (r) => `/contracts/${r.id}` },
    { key: 'type', title: '类型', kind: 'text', width: 104, value: (r) => r.contractType },
    { key: 'party', title: '相对方', kind: 'name', value: (r) => r.counterparty, tooltip: (r) => (r.counterpartyCreditCode ? `${r.counterparty}（${r.counterpartyCreditCode}）` : r.counterparty) },
  ];
  if (opts.project) {
    cols.push({
      key: 'project',
      title: '项目',
      kind: 'text',
      width: 120,
      tooltip: (r) => (r.projectCode ? `${r.projectCode} ${r.projectName ?? ''}` : undefined),
      value: (r) => r.projectCode,
      href: (r) => (r.projectId ? `/projects/${r.projectId}` : null),
    });
  }
  cols.push(
    {
      key: 'amount',
      title: '合同金额',
      kind: 'money',
      sortKey: 'amount',
      value: (r) => r.figures.effective,
      tooltip: (r) => (r.figures.approvedChanges !== '0.00' ? `原合同 ${r.figures.original} 元，已批准变更 ${r.figures.approvedChanges} 元` : undefined),
    },
    // 已付 and 结束日期 are on the contract page and in the export: at 1440 px the list keeps room
    // for the two name columns (合同名称, 相对方) instead.
    {
      key: 'remaining',
      title: '剩余可付',
      kind: 'money',
      value: (r) => r.figures.remaining,
      tooltip: (r) => `已付 ${r.figures.paid} 元${r.endOn ? `；${r.endOn} 到期` : ''}`,
      testId: 'contract-remaining',
    },
    { key: 'signed', title: '签订日期', kind: 'date', sortKey: 'signed', value: (r) => r.signedOn },
    { key: 'status', title: '状态', kind: 'tag', width: 88, render: (r) => <ContractStatusTag status={r.status} /> },
  );
  return cols;
}

const COLUMNS = contractColumns({ project: true });

/** 合同台账: server-rendered by the page kit; the filter bar is its client island. */
export function ContractsList(props: {
  filter: TContractFilter;
  total: number;
  rows: ContractRow[];
  projects: { value: string; label: string }[];
  years: number[];
  canEdit: boolean;
  canExport: boolean;
  unmatched: number;
}) {
  const f = props.filter;
  const values = { q: f.q, type: f.type, status: f.status, project: f.project, year: f.year, reminder: f.reminder };
  const sort = f.sort === 'created' ? { key: null, order: null } : { key: f.sort, order: f.order };
  return (
    <ListPage<ContractRow>
      title="合同台账"
      path="/contracts"
      testId="contracts"
      totalText={`共 ${props.total} 份合同`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'q', placeholder: '合同编号、名称或相对方', width: 220 },
          { kind: 'select', key: 'type', placeholder: '合同类型', width: 130, options: CONTRACT_TYPES.map((t) => ({ label: t, value: t })) },
          { kind: 'select', key: 'status', placeholder: '状态', width: 110, options: CONTRACT_STATUSES.map((s) => ({ label: CONTRACT_STATUS_LABELS[s], value: s })) },
          { kind: 'select', key: 'project', placeholder: '项目', width: 220, filterable: true, options: props.projects },
          { kind: 'select', key: 'year', placeholder: '签订年度', width: 110, options: props.years.map((y) => ({ label: `${y} 年`, value: y })) },
          { kind: 'select', key: 'reminder', placeholder: '提醒', width: 130, options: Object.entries(REMINDER_LABELS).map(([value, label]) => ({ label, value })) },
        ],
      }}
      toolbar={
        <>
          {props.canExport && <LinkButton href={listHref('/api/contracts/export', { ...values, sort: f.sort, order: f.order })}>导出 Excel</LinkButton>}
          {props.canEdit && (
            <LinkButton theme="primary" href={f.project ? listHref('/contracts/new', { projectId: f.project }) : '/contracts/new'} testId="new-contract">
              新建合同
            </LinkButton>
          )}
        </>
      }
      before={
        props.unmatched > 0 ? (
          <KitAlert theme="warning" testId="contracts-unmatched-notice">
            有 {props.unmatched} 条原有记录的合同未能与合同台账匹配（收支记录的合同编号、补偿协议或工程合同）。<a className="lr-link" href="/contracts/unmatched">查看未匹配记录</a>
          </KitAlert>
        ) : undefined
      }
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => r.id, moneyUnit: '元', empty: '没有符合条件的合同', testId: 'contracts-table' }}
      sort={sort}
      paging={{ page: f.page, size: f.size, total: props.total, unit: '份' }}
    />
  );
}
