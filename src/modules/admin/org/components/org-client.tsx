'use client';
import { useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon, DeleteIcon, EditIcon, SwapIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { createDepartmentAction, deleteDepartmentAction, moveDepartmentAction, updateDepartmentAction } from '../actions';
import type { DepartmentMemberView, OrgOverview } from '../view';
import { DepartmentDialog, type DepartmentDialogMode } from './department-dialog';
import { DepartmentTree } from './department-tree';
import { MoveDepartmentDialog } from './move-department-dialog';

const memberColumns: PrimaryTableCol<DepartmentMemberView>[] = [
  { colKey: 'username', title: '用户名', width: 160 },
  { colKey: 'displayName', title: '姓名' },
  {
    colKey: 'status',
    title: '状态',
    width: 100,
    cell: ({ row }) =>
      row.status === 'active' ? (
        <Tag theme="success" variant="light">
          正常
        </Tag>
      ) : (
        <Tag theme="default" variant="light">
          已停用
        </Tag>
      ),
  },
];

export function OrgClient({ overview }: { overview: OrgOverview }) {
  const router = useRouter();
  const pathname = usePathname();
  const [dialog, setDialog] = useState<DepartmentDialogMode | null>(null);
  const [moving, setMoving] = useState(false);
  const { run, busy: deleting } = useRunAction();
  const selected = overview.selected;

  const select = (id: string | null) => {
    router.push(id ? `${pathname}?id=${encodeURIComponent(id)}` : pathname);
  };
  // The dialogs' useRunAction has already refreshed the page data.
  const afterSave = (id: string) => {
    setDialog(null);
    setMoving(false);
    select(id);
  };

  const remove = async () => {
    if (!selected) return;
    const res = await run(() => deleteDepartmentAction({ id: selected.id }), `已删除科室「${selected.name}」`);
    if (res?.ok) select(selected.parentId);
  };

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 360px) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <Card
        bordered={false}
        title="组织机构"
        actions={
          <Button size="small" icon={<AddIcon />} onClick={() => setDialog({ kind: 'create', parentId: null })}>
            新建顶级科室
          </Button>
        }
      >
        {overview.tree.length === 0 ? (
          <div className="lr-muted">还没有任何科室，请先新建顶级科室（如本中心）。</div>
        ) : (
          <DepartmentTree tree={overview.tree} selectedId={selected?.id ?? null} onSelect={select} />
        )}
      </Card>

      <Card
        bordered={false}
        title={selected ? selected.name : '科室详情'}
        actions={
          selected && (
            <Space size="small">
              <Button size="small" icon={<AddIcon />} onClick={() => setDialog({ kind: 'create', parentId: selected.id })}>
                新建下级科室
              </Button>
              <Button size="small" variant="outline" icon={<EditIcon />} onClick={() => setDialog({ kind: 'edit', department: selected })}>
                编辑
              </Button>
              <Button size="small" variant="outline" icon={<SwapIcon />} onClick={() => setMoving(true)}>
                移动
              </Button>
              <Popconfirm
                content={`确定删除科室「${selected.name}」吗？有下级科室或用户的科室不能删除。`}
                theme="danger"
                onConfirm={remove}
              >
                <Button size="small" theme="danger" variant="outline" icon={<DeleteIcon />} loading={deleting}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {selected ? (
          <Space direction="vertical" style={{ width: '100%' }} size="large">
            <div data-testid="department-details">
              <Descriptions
                bordered
                column={2}
                tableLayout="auto"
                items={[
                  { label: '科室名称', content: selected.name },
                  { label: '科室编码', content: selected.code ?? '（未设置）' },
                  { label: '所属路径', content: selected.path.join(' / '), span: 2 },
                  { label: '本科室用户数', content: String(selected.userCount) },
                  { label: '含下级科室用户数', content: String(selected.totalUserCount) },
                  { label: '下级科室数', content: String(selected.childCount) },
                  { label: '排序号', content: String(selected.sortOrder) },
                  { label: '创建时间', content: selected.createdAt },
                  { label: '更新时间', content: selected.updatedAt },
                ]}
              />
            </div>
            <div>
              <div style={{ fontWeight: 600, marginBottom: 8 }}>本科室用户（{selected.userCount}）</div>
              <Table<DepartmentMemberView>
                rowKey="id"
                size="small"
                data={overview.members}
                columns={memberColumns}
                empty="本科室暂无用户"
                maxHeight={400}
              />
              {overview.members.length < selected.userCount && (
                <div className="lr-muted" style={{ marginTop: 8 }}>
                  仅显示前 {overview.members.length} 名用户，完整名单请到「用户管理」按科室查询。
                </div>
              )}
            </div>
          </Space>
        ) : (
          <div className="lr-muted">请在左侧选择一个科室。</div>
        )}
      </Card>

      {dialog && (
        <DepartmentDialog
          key={dialog.kind === 'edit' ? `edit-${dialog.department.id}` : `create-${dialog.parentId ?? ''}`}
          mode={dialog}
          tree={overview.tree}
          onClose={() => setDialog(null)}
          onSaved={afterSave}
          create={createDepartmentAction}
          update={updateDepartmentAction}
        />
      )}
      {moving && selected && (
        <MoveDepartmentDialog
          department={selected}
          tree={overview.tree}
          onClose={() => setMoving(false)}
          onSaved={afterSave}
          move={moveDepartmentAction}
        />
      )}
    </div>
  );
}
