'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Popconfirm, Space } from 'tdesign-react';
import { AddIcon, DeleteIcon, EditIcon, SwapIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { createDepartmentAction, deleteDepartmentAction, moveDepartmentAction, updateDepartmentAction } from '../actions';
import type { DepartmentNodeView, DepartmentView } from '../view';
import { DepartmentDialog, type DepartmentDialogMode } from './department-dialog';
import { MoveDepartmentDialog } from './move-department-dialog';

const orgPath = (id: string | null) => (id ? `/admin/org?id=${encodeURIComponent(id)}` : '/admin/org');

/**
 * The organisation page's operations (islands in the server-rendered cards): 新建顶级科室 without
 * a department; 新建下级科室, 编辑, 移动, 删除 on the selected one. After a save the page moves to
 * the department saved (the dialogs' useRunAction has already refreshed the data).
 */
export function DepartmentActions(props: { tree: DepartmentNodeView[]; selected: DepartmentView | null }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<DepartmentDialogMode | null>(null);
  const [moving, setMoving] = useState(false);
  const { run, busy: deleting } = useRunAction();
  const selected = props.selected;
  const afterSave = (id: string) => {
    setDialog(null);
    setMoving(false);
    router.push(orgPath(id));
  };
  const remove = async () => {
    if (!selected) return;
    const res = await run(() => deleteDepartmentAction({ id: selected.id }), `已删除科室「${selected.name}」`);
    if (res?.ok) router.push(orgPath(selected.parentId));
  };
  return (
    <>
      {selected ? (
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
          <Popconfirm content={`确定删除科室「${selected.name}」吗？有下级科室或用户的科室不能删除。`} theme="danger" onConfirm={() => void remove()}>
            <Button size="small" theme="danger" variant="outline" icon={<DeleteIcon />} loading={deleting}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ) : (
        <Button size="small" icon={<AddIcon />} onClick={() => setDialog({ kind: 'create', parentId: null })}>
          新建顶级科室
        </Button>
      )}
      {dialog && (
        <DepartmentDialog
          key={dialog.kind === 'edit' ? `edit-${dialog.department.id}` : `create-${dialog.parentId ?? ''}`}
          mode={dialog}
          tree={props.tree}
          onClose={() => setDialog(null)}
          onSaved={afterSave}
          create={createDepartmentAction}
          update={updateDepartmentAction}
        />
      )}
      {moving && selected && <MoveDepartmentDialog department={selected} tree={props.tree} onClose={() => setMoving(false)} onSaved={afterSave} move={moveDepartmentAction} />}
    </>
  );
}
