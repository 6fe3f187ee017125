'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { Button, Card, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { DownloadIcon } from 'tdesign-icons-react';
import { listQueryString, useListNavigation } from '@/ui/use-list-navigation';
import { ListKeywordInput, ListSearchButtons } from '@/ui/list-search-buttons';
import type { ProjectBalances } from '../balances/queries';
import { PROJECT_STATUS_OPTIONS, type TBalanceProjectStatus, type TProjectBalanceFilter } from '../balances/validation';
import { balanceColumns } from '../balances/view';
import { Rate, Yuan } from './funds-ui';

interface Draft {
  q?: string;
  status?: TBalanceProjectStatus;
  year?: number;
}

/** /funds/projects: budget, received, spent, committed and balance per project, with a totals row. */
export function ProjectBalancesClient(props: { filter: TProjectBalanceFilter; years: number[]; data: ProjectBalances; canExport: boolean }) {
  const f = props.filter;
  const { data } = props;
  const [draft, setDraft] = useState<Draft>({ q: f.q, status: f.status, year: f.year });
  const { navigate, pagination } = useListNavigation(f);
  const search = () => navigate({ ...draft, page: 1, size: f.size });
  const exportQuery = listQueryString({ kind: 'projects', q: f.q, status: f.status, year: f.year });

  const figures = balanceColumns(data.year);
  const columns: PrimaryTableCol[] = [
    {
      colKey: 'code',
      title: '项目编号',
      width: 140,
      fixed: 'left',
      cell: ({ row }) => <Link href={`/projects/${row.projectId}`}>{row.code}</Link>,
    },
    {
      colKey: 'name',
      title: '项目名称',
      minWidth: 180,
      ellipsis: true,
      cell: ({ row }) => (
        <Space size={6} align="center">
          <Link href={`/projects/${row.projectId}`}>{row.name}</Link>
          {row.status === 'closed' && (
            <Tag size="small" variant="light">
              已关闭
            </Tag>
          )}
        </Space>
      ),
    },
    ...figures.map(
      (c): PrimaryTableCol => ({
        colKey: c.key,
        title: c.kind === 'money' ? `${c.title}（元）` : c.title,
        width: c.kind === 'money' ? 160 : 130,
        align: 'right',
        cell: ({ row }) => (c.kind === 'money' ? <Yuan value={row[c.key]} /> : <Rate value={row[c.key]} />),
      }),
    ),
    {
      colKey: 'links',
      title: '预算',
      width: 80,
      cell: ({ row }) => <Link href={`/funds/budgets/${row.projectId}`}>查看</Link>,
    },
  ];
  const footRow: Record<string, ReactNode> = { code: '合计', name: `${data.total} 个项目` };
  for (const c of figures) footRow[c.key] = c.kind === 'money' ? <Yuan value={data.totals[c.key]} strong /> : <Rate value={data.totals[c.key]} />;

  return (
    <Card
      bordered={false}
      title="项目资金余额"
      actions={
        <span className="lr-muted" data-testid="balances-total">
          共 {data.total} 个项目{data.year ? `，${data.year} 年度` : '，累计'}
        </span>
      }
    >
      <div className="lr-toolbar">
        <ListKeywordInput placeholder="项目编号或名称" value={draft.q} onChange={(q) => setDraft({ ...draft, q })} onSearch={search} />
        <Select
          style={{ width: 120 }}
          placeholder="项目状态"
          value={draft.status}
          clearable
          options={PROJECT_STATUS_OPTIONS.map((o) => ({ label: o.label, value: o.value }))}
          onChange={(v) => setDraft({ ...draft, status: (v as TBalanceProjectStatus) || undefined })}
        />
        <Select
          style={{ width: 130 }}
          placeholder="全部年度"
          value={draft.year}
          clearable
          options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
          onChange={(v) => setDraft({ ...draft, year: typeof v === 'number' ? v : undefined })}
        />
        <ListSearchButtons
          onSearch={search}
          onReset={() => {
            setDraft({});
            navigate({ page: 1, size: f.size });
          }}
        />
        <div style={{ flex: 1 }} />
        {props.canExport && (
          <Button variant="outline" icon={<DownloadIcon />} href={`/api/funds/export?${exportQuery}`} tag="a">
            导出 Excel
          </Button>
        )}
      </div>
      <Table
        rowKey="projectId"
        data={data.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="fixed"
        empty="没有符合条件的项目"
        footData={data.rows.length ? [footRow] : undefined}
        pagination={pagination(data.total)}
      />
      <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
        只统计已审批的收支记录（冲销以负数计入）。选择年度时，到位资金、支出和差额为该年度数；合同承诺为补偿协议金额与前期开发合同金额之和，未付承诺 =
        合同承诺 − 已审批的征收补偿和前期开发支出（不低于 0），均为项目全周期数。
      </div>
    </Card>
  );
}
