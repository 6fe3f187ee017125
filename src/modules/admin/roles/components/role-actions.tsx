'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Popconfirm, Space } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { createRoleAction, deleteRoleAction, updateRoleAction } from '../actions';
import type { RoleView } from '../view';
import { RoleDialog, type RoleDialogMode } from './role-dialog';

const rolePath = (id: string | null) => (id ? `/admin/roles?id=${encodeURIComponent(id)}` : '/admin/roles');

function Dialog(props: { mode: RoleDialogMode; onClose: () => void }) {
  const router = useRouter();
  return (
    <RoleDialog
      key={props.mode.kind === 'edit' ? props.mode.role.id : 'create'}
      mode={props.mode}
      onClose={props.onClose}
      onSaved={(id) => {
        // RoleDialog's useRunAction has already refreshed the page data.
        props.onClose();
        router.push(rolePath(id));
      }}
      create={createRoleAction}
      update={updateRoleAction}
    />
  );
}

/** 新建业务角色 (an island in the server-rendered card header). */
export function NewRoleButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AddIcon />} onClick={() => setOpen(true)}>
        新建业务角色
      </Button>
      {open && <Dialog mode={{ kind: 'create' }} onClose={() => setOpen(false)} />}
    </>
  );
}

/** A role's 编辑 and 删除 (an island in the server-rendered row). */
export function RoleRowActions({ role, selected }: { role: RoleView; selected: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const { run } = useRunAction();
  const remove = async () => {
    const res = await run(() => deleteRoleAction({ id: role.id }), `已删除角色「${role.name}」`);
    if (res?.ok && selected) router.push(rolePath(null));
  };
  return (
    <Space size={4}>
      <Button size="small" variant="text" theme="primary" onClick={() => setEditing(true)}>
        编辑
      </Button>
      {!role.builtin && (
        <Popconfirm content={`确定删除角色「${role.name}」吗？有用户担任的角色不能删除。`} theme="danger" onConfirm={() => void remove()}>
          <Button size="small" variant="text" theme="danger">
            删除
          </Button>
        </Popconfirm>
      )}
      {editing && <Dialog mode={{ kind: 'edit', role }} onClose={() => setEditing(false)} />}
    </Space>
  );
}
