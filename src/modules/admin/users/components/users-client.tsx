'use client';
import { useState } from 'react';
import { useListNavigation } from '@/ui/use-list-navigation';
import { Button, Card, Select, Space, Table, Tag, TreeSelect, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { USER_STATUS_LABELS, USER_STATUSES, type TUserStatus } from '../validation';
import type { DepartmentOption, RoleOptionView, UserFilterView, UserRowView } from '../view';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserFormDialog } from './user-form-dialog';
import { UserRowActions } from './user-row-actions';
import { ListKeywordInput, ListSearchButtons } from '@/ui/list-search-buttons';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRowView } | { mode: 'reset'; user: UserRowView } | null;

interface Draft {
  q?: string;
  dept?: string;
  status?: TUserStatus;
}

const STATUS_THEME: Record<TUserStatus, 'success' | 'default'> = { active: 'success', disabled: 'default' };

export function UsersClient(props: {
  filter: UserFilterView;
  total: number;
  rows: UserRowView[];
  departments: DepartmentOption[];
  roles: RoleOptionView[];
  currentUserId: string;
}) {
  const [draft, setDraft] = useState<Draft>({ q: props.filter.q, dept: props.filter.dept, status: props.filter.status });
  const [editing, setEditing] = useState<Editing>(null);

  /** The URL holds the list state (q, dept, status, page, size), so the server renders that page. */
  const { navigate, pagination } = useListNavigation(props.filter);
  const search = () => navigate({ ...draft, page: 1, size: props.filter.size });

  const columns: PrimaryTableCol<UserRowView>[] = [
    {
      colKey: 'username',
      title: '用户名',
      width: 170,
      cell: ({ row }) => (
        <Space size={6} align="center">
          <span>{row.username}</span>
          {row.isDemo && (
            <Tag size="small" theme="warning" variant="light">
              演示
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'displayName', title: '姓名', width: 150, ellipsis: true },
    { colKey: 'departmentName', title: '科室', width: 150, ellipsis: true, cell: ({ row }) => row.departmentName ?? '—' },
    {
      colKey: 'roles',
      title: '角色',
      minWidth: 180,
      cell: ({ row }) =>
        row.roles.length ? (
          <Space size={4} breakLine>
            {row.roles.map((r) => (
              <Tag key={r.id} size="small" theme={r.kind === 'business' ? 'default' : 'primary'} variant="light">
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="lr-muted">未分配</span>
        ),
    },
    {
      colKey: 'status',
      title: '状态',
      width: 80,
      cell: ({ row }) => (
        <Tag size="small" theme={STATUS_THEME[row.status]} variant="light">
          {USER_STATUS_LABELS[row.status]}
        </Tag>
      ),
    },
    {
      colKey: 'lockedLabel',
      title: '锁定',
      width: 140,
      cell: ({ row }) =>
        row.lockedLabel ? (
          <Tag size="small" theme="danger" variant="light">
            {row.lockedLabel}
          </Tag>
        ) : (
          <span className="lr-muted">—</span>
        ),
    },
    { colKey: 'lastLogin', title: '最近登录', width: 170, cell: ({ row }) => row.lastLogin || <span className="lr-muted">从未登录</span> },
    {
      colKey: 'actions',
      title: '操作',
      width: 240,
      fixed: 'right',
      cell: ({ row }) => (
        <UserRowActions
          user={row}
          isSelf={row.id === props.currentUserId}
          onEdit={() => setEditing({ mode: 'edit', user: row })}
          onResetPassword={() => setEditing({ mode: 'reset', user: row })}
        />
      ),
    },
  ];

  return (
    <Card bordered={false} title="用户管理" actions={<span className="lr-muted" data-testid="users-total">共 {props.total} 个用户</span>}>
      <div className="lr-toolbar">
        <ListKeywordInput placeholder="用户名或姓名" value={draft.q} onChange={(q) => setDraft({ ...draft, q })} onSearch={search} />
        <TreeSelect
          style={{ width: 220 }}
          placeholder="科室（含下级）"
          data={props.departments}
          value={draft.dept}
          clearable
          filterable
          treeProps={{ expandAll: true }}
          onChange={(v) => setDraft({ ...draft, dept: typeof v === 'string' && v ? v : undefined })}
        />
        <Select
          style={{ width: 120 }}
          placeholder="状态"
          value={draft.status}
          clearable
          options={USER_STATUSES.map((s) => ({ label: USER_STATUS_LABELS[s], value: s }))}
          onChange={(v) => setDraft({ ...draft, status: (v as TUserStatus) || undefined })}
        />
        <ListSearchButtons onSearch={search} onReset={() => {
            setDraft({});
            navigate({ page: 1, size: props.filter.size });
          }} />
        <div style={{ flex: 1 }} />
        <Button theme="primary" icon={<AddIcon />} onClick={() => setEditing({ mode: 'create' })}>
          新建用户
        </Button>
      </div>
      <Table<UserRowView>
        rowKey="id"
        data={props.rows}
        columns={columns}
        size="small"
        stripe
        hover
        tableLayout="auto"
        empty="没有符合条件的用户"
        pagination={pagination(props.total)}
      />
      {editing && editing.mode !== 'reset' && (
        <UserFormDialog
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          user={editing.mode === 'edit' ? editing.user : null}
          isSelf={editing.mode === 'edit' && editing.user.id === props.currentUserId}
          departments={props.departments}
          roles={props.roles}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.mode === 'reset' && <ResetPasswordDialog key={editing.user.id} user={editing.user} onClose={() => setEditing(null)} />}
    </Card>
  );
}
