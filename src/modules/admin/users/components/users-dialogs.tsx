'use client';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { Button } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { DepartmentOption, RoleOptionView, UserRowView } from '../view';
import { GrantRolesDialog } from './grant-roles-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserFormDialog } from './user-form-dialog';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRowView } | { mode: 'reset'; user: UserRowView } | { mode: 'grant'; user: UserRowView } | null;

interface UsersDialogs {
  open: (editing: Exclude<Editing, null>) => void;
}

const Context = createContext<UsersDialogs | null>(null);

export function useUsersDialogs(): UsersDialogs {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useUsersDialogs outside UsersDialogsProvider');
  return ctx;
}

/**
 * The user list's dialogs (new, edit, reset password, grant roles), opened by the toolbar button and the row
 * actions — small islands inside the server-rendered list. The department tree and the role
 * options are sent once, here, not with every row.
 */
export function UsersDialogsProvider(props: { departments: DepartmentOption[]; roles: RoleOptionView[]; currentUserId: string; passwordRule: string; children: ReactNode }) {
  const [editing, setEditing] = useState<Editing>(null);
  const value = useMemo<UsersDialogs>(() => ({ open: setEditing }), []);
  return (
    <Context.Provider value={value}>
      {props.children}
      {(editing?.mode === 'create' || editing?.mode === 'edit') && (
        <UserFormDialog
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          user={editing.mode === 'edit' ? editing.user : null}
          departments={props.departments}
          passwordRule={props.passwordRule}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.mode === 'grant' && <GrantRolesDialog key={editing.user.id} user={editing.user} roles={props.roles} onClose={() => setEditing(null)} />}
      {editing?.mode === 'reset' && <ResetPasswordDialog key={editing.user.id} user={editing.user} passwordRule={props.passwordRule} onClose={() => setEditing(null)} />}
    </Context.Provider>
  );
}

export function NewUserButton() {
  const { open } = useUsersDialogs();
  return (
    <Button theme="primary" icon={<AddIcon />} onClick={() => open({ mode: 'create' })}>
      新建用户
    </Button>
  );
}
