'use client';
import { useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { Button, Card, Link, Popconfirm, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { createRoleAction, deleteRoleAction, updateRoleAction } from '../actions';
import { ROLE_KIND_LABELS } from '../kinds';
import type { RoleView, RolesOverview } from '../view';
import { PermissionEditor } from './permission-editor';
import { RoleDialog, type RoleDialogMode } from './role-dialog';

const KIND_THEME: Record<RoleView['kind'], 'primary' | 'warning' | 'success' | 'default'> = {
  sys: 'primary',
  sec: 'warning',
  audit: 'success',
  business: 'default',
};

export function RolesClient({ overview }: { overview: RolesOverview }) {
  const router = useRouter();
  const pathname = usePathname();
  const [dialog, setDialog] = useState<RoleDialogMode | null>(null);
  const { run } = useRunAction();
  const selected = overview.roles.find((r) => r.id === overview.selectedId) ?? null;
  const ownRoleIds = new Set(overview.ownRoleIds);

  const select = (id: string | null) => router.push(id ? `${pathname}?id=${encodeURIComponent(id)}` : pathname);

  const remove = async (role: RoleView) => {
    const res = await run(() => deleteRoleAction({ id: role.id }), `已删除角色「${role.name}」`);
    if (res?.ok && role.id === overview.selectedId) select(null);
  };

  const columns: PrimaryTableCol<RoleView>[] = [
    { colKey: 'row-select', type: 'single', width: 48 },
    {
      colKey: 'name',
      title: '角色名称',
      width: 180,
      cell: ({ row }) => (
        <Space size={4}>
          <span>{row.name}</span>
          {row.builtin && (
            <Tag size="small" variant="outline">
              内置
            </Tag>
          )}
          {ownRoleIds.has(row.id) && (
            <Tag size="small" theme="warning" variant="light">
              本人
            </Tag>
          )}
        </Space>
      ),
    },
    { colKey: 'code', title: '编码', width: 130 },
    {
      colKey: 'kind',
      title: '类别',
      width: 130,
      cell: ({ row }) => (
        <Tag theme={KIND_THEME[row.kind]} variant="light">
          {ROLE_KIND_LABELS[row.kind]}
        </Tag>
      ),
    },
    { colKey: 'userCount', title: '用户数', width: 80, align: 'right' },
    { colKey: 'permissionCount', title: '权限数', width: 80, align: 'right', cell: ({ row }) => row.permissionCodes.length },
    { colKey: 'description', title: '说明', ellipsis: true, cell: ({ row }) => row.description ?? '' },
    {
      colKey: 'op',
      title: '操作',
      width: 130,
      cell: ({ row }) => (
        // The row itself selects the role; its links must not.
        <span style={{ display: 'inline-flex', gap: 12 }} onClick={(e) => e.stopPropagation()}>
          <Link theme="primary" hover="color" onClick={() => setDialog({ kind: 'edit', role: row })}>
            编辑
          </Link>
          {!row.builtin && (
            <Popconfirm content={`确定删除角色「${row.name}」吗？有用户担任的角色不能删除。`} theme="danger" onConfirm={() => remove(row)}>
              <Link theme="danger" hover="color">
                删除
              </Link>
            </Popconfirm>
          )}
        </span>
      ),
    },
  ];

  const readOnlyReason = selected && ownRoleIds.has(selected.id) ? '您担任此角色，不能修改自己所属角色的权限（三员分立：不能自我授权）。' : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        bordered={false}
        title="角色"
        description="三员分立：系统管理员、安全管理员、审计管理员各管一摊，只能拥有本类权限和通用权限；业务角色不能拥有管理类权限。"
        actions={
          <Button icon={<AddIcon />} onClick={() => setDialog({ kind: 'create' })}>
            新建业务角色
          </Button>
        }
      >
        <Table<RoleView>
          rowKey="id"
          data={overview.roles}
          columns={columns}
          size="small"
          hover
          selectedRowKeys={selected ? [selected.id] : []}
          onSelectChange={(keys) => {
            const id = keys[0];
            if (typeof id === 'string') select(id);
          }}
          onRowClick={({ row }) => {
            if (row.id !== overview.selectedId) select(row.id);
          }}
          empty="还没有角色"
          data-testid="roles-table"
        />
      </Card>
      {selected && (
        <PermissionEditor
          key={`${selected.id}:${selected.permissionCodes.join(',')}`}
          role={selected}
          groups={overview.groups}
          readOnlyReason={readOnlyReason}
        />
      )}
      {dialog && (
        <RoleDialog
          key={dialog.kind === 'edit' ? dialog.role.id : 'create'}
          mode={dialog}
          onClose={() => setDialog(null)}
          onSaved={(id) => {
            // RoleDialog's useRunAction has already refreshed the page data.
            setDialog(null);
            select(id);
          }}
          create={createRoleAction}
          update={updateRoleAction}
        />
      )}
    </Space>
  );
}
