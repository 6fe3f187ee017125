'use client';
import { useState } from 'react';
import { listQueryString, useListNavigation } from '@/ui/use-list-navigation';
import { Button, Card, DateRangePicker, Input, Select, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { DownloadIcon } from 'tdesign-icons-react';
import type { AuditRow } from '../queries';
import { auditFieldLabel, auditValueText } from '../field-labels';
import { ListSearchButtons } from '@/ui/list-search-buttons';
import { PersonName } from '@/ui/person-name';

export type AuditRowView = Omit<AuditRow, 'occurredAt'> & { occurredAt: string };

type Filter = {
  user?: string;
  action?: string;
  object?: string;
  result?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
};

const RESULT_THEME: Record<string, 'success' | 'danger' | 'warning'> = { 成功: 'success', 失败: 'danger', 拒绝: 'warning' };

function DiffView({ diff }: { diff: string }) {
  let parsed: Record<string, { from: unknown; to: unknown }> = {};
  try {
    parsed = JSON.parse(diff) as typeof parsed;
  } catch {
    return <pre>{diff}</pre>;
  }
  const entries = Object.entries(parsed);
  if (!entries.length) return <span className="lr-muted">无字段变化</span>;
  return (
    <table style={{ borderCollapse: 'collapse' }} data-testid="audit-diff">
      <thead>
        <tr>
          <th style={{ textAlign: 'left', paddingRight: 24 }}>字段</th>
          <th style={{ textAlign: 'left', paddingRight: 24 }}>修改前</th>
          <th style={{ textAlign: 'left' }}>修改后</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td style={{ paddingRight: 24 }}>{auditFieldLabel(k)}</td>
            <td style={{ paddingRight: 24 }}>{auditValueText(v.from)}</td>
            <td>{auditValueText(v.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditLogClient(props: {
  filter: Filter;
  total: number;
  rows: AuditRowView[];
  options: { actions: string[]; objectTypes: string[] };
  canExport: boolean;
}) {
  const [draft, setDraft] = useState<Filter>(props.filter);

  const { navigate, pagination } = useListNavigation(props.filter);

  const columns: PrimaryTableCol<AuditRowView>[] = [
    { colKey: 'seq', title: '序号', width: 72 },
    { colKey: 'occurredAt', title: '时间', width: 160 },
    {
      colKey: 'person',
      title: '用户',
      width: 190,
      // Name and section, then (for the audit administrator) the login name and the roles held at the time.
      // No person: a login attempt with an unknown login name, or the system itself (start-up, demo data).
      cell: ({ row }) => {
        const account = [row.username, row.roleNames].filter(Boolean).join(' · ');
        return (
          <div data-testid="audit-user">
            <PersonName person={row.person} empty={row.username ? '（未识别用户）' : '（系统）'} />
            {account && (
              <div className="lr-line lr-muted" style={{ fontSize: 12 }} title={`登录名 ${account}`}>
                {account}
              </div>
            )}
          </div>
        );
      },
    },
    { colKey: 'action', title: '操作', width: 140, ellipsis: true },
    {
      colKey: 'object',
      title: '对象',
      width: 160,
      ellipsis: true,
      cell: ({ row }) => [row.objectType, row.objectId].filter(Boolean).join(' · '),
    },
    {
      colKey: 'result',
      title: '结果',
      width: 72,
      cell: ({ row }) => (
        <Tag theme={RESULT_THEME[row.result] ?? 'default'} variant="light">
          {row.result}
        </Tag>
      ),
    },
    { colKey: 'message', title: '说明', ellipsis: true },
    { colKey: 'ip', title: 'IP', width: 120, ellipsis: true },
  ];

  return (
    <Card bordered={false} title="审计日志">
      <div className="lr-toolbar">
        <Input
          style={{ width: 160 }}
          placeholder="姓名或登录名"
          value={draft.user ?? ''}
          onChange={(v) => setDraft({ ...draft, user: String(v) })}
          onEnter={() => navigate({ ...draft, page: 1 })}
          clearable
        />
        <Select
          style={{ width: 180 }}
          placeholder="操作"
          value={draft.action}
          clearable
          filterable
          options={props.options.actions.map((a) => ({ label: a, value: a }))}
          onChange={(v) => setDraft({ ...draft, action: (v as string) || undefined })}
        />
        <Select
          style={{ width: 160 }}
          placeholder="对象类型"
          value={draft.object}
          clearable
          filterable
          options={props.options.objectTypes.map((a) => ({ label: a, value: a }))}
          onChange={(v) => setDraft({ ...draft, object: (v as string) || undefined })}
        />
        <Select
          style={{ width: 110 }}
          placeholder="结果"
          value={draft.result}
          clearable
          options={['成功', '失败', '拒绝'].map((a) => ({ label: a, value: a }))}
          onChange={(v) => setDraft({ ...draft, result: (v as string) || undefined })}
        />
        <DateRangePicker
          style={{ width: 260 }}
          placeholder={['开始日期', '结束日期']}
          value={draft.from && draft.to ? [draft.from, draft.to] : []}
          onChange={(v) => {
            const [from, to] = (v as string[]) ?? [];
            setDraft({ ...draft, from: from || undefined, to: to || undefined });
          }}
          clearable
        />
        <ListSearchButtons onSearch={() => navigate({ ...draft, page: 1 })} onReset={() => navigate({ page: 1, size: props.filter.size })} />
        {props.canExport && (
          <Button variant="outline" icon={<DownloadIcon />} href={`/api/admin/audit/export?${listQueryString({ ...props.filter })}`} tag="a">
            导出 CSV
          </Button>
        )}
      </div>
      <Table<AuditRowView>
        rowKey="seq"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        empty="没有符合条件的记录"
        expandedRow={({ row }) => (row.diff ? <DiffView diff={row.diff} /> : <span className="lr-muted">无字段变化记录</span>)}
        expandIcon
        pagination={pagination(props.total)}
      />
    </Card>
  );
}
