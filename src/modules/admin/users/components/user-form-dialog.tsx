'use client';
import { useState, type ReactNode } from 'react';
import { Dialog, Form, Input, TreeSelect } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { createUserAction, updateUserAction } from '../actions';
import { USERNAME_RULE, ZCreateUser, ZUpdateUser } from '../validation';
import type { DepartmentOption, UserRowView } from '../view';
import { useRunAction } from '@/ui/use-run-action';

const { FormItem } = Form;

interface Values {
  username: string;
  displayName: string;
  departmentId: string;
  password: string;
  phone: string;
}

function Field(props: { label: string; required?: boolean; error?: string; help?: ReactNode; children: ReactNode }) {
  return (
    <FormItem
      label={props.label}
      requiredMark={props.required}
      status={props.error ? 'error' : undefined}
      tips={props.error || props.help}
    >
      {/* A fragment, so FormItem does not replace the control's value with its own (empty) store. */}
      <>{props.children}</>
    </FormItem>
  );
}

/**
 * Create (user = null) or edit a user's account (roles are granted by the 安全管理员: grant-roles-dialog.tsx). The same zod schema as the server runs first, so most
 * mistakes are shown at the field before anything is sent; the server re-checks everything.
 */
export function UserFormDialog(props: { user: UserRowView | null; departments: DepartmentOption[]; passwordRule: string; onClose: () => void }) {
  const { user } = props;
  const editing = !!user;
  const [values, setValues] = useState<Values>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    departmentId: user?.departmentId ?? '',
    password: '',
    phone: user?.phone ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const input = editing
      ? { id: user.id, displayName: values.displayName, departmentId: values.departmentId, phone: values.phone }
      : { ...values };
    const parsed = editing ? ZUpdateUser.safeParse(input) : ZCreateUser.safeParse(input);
    const found: Record<string, string> = parsed.success ? {} : describeZodError(parsed.error).fieldErrors;
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    const ok = await run(
      () => (editing ? updateUserAction(input) : createUserAction(input)),
      editing ? `已保存用户 ${user.username}` : `已新建用户 ${values.username.trim()}：请安全管理员为其授予角色；首次登录须修改密码`,
      setErrors,
    );
    if (ok?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={editing ? `编辑用户：${user.username}` : '新建用户'}
      width={560}
      confirmBtn={{ content: '保存', loading: busy }}
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelWidth={96} colon={false} preventSubmitDefault>
        <Field label="用户名" required={!editing} error={errors.username} help={editing ? '用户名创建后不可修改' : USERNAME_RULE}>
          <Input
            value={values.username}
            disabled={editing}
            maxlength={64} allowInputOverMax showLimitNumber
            placeholder="登录用的用户名"
            onChange={(v) => set('username', String(v))}
            autocomplete="off"
          />
        </Field>
        <Field label="姓名" required error={errors.displayName}>
          <Input value={values.displayName} maxlength={64} allowInputOverMax showLimitNumber placeholder="真实姓名" onChange={(v) => set('displayName', String(v))} />
        </Field>
        <Field label="科室" required error={errors.departmentId}>
          <TreeSelect
            data={props.departments}
            value={values.departmentId || undefined}
            placeholder="请选择科室"
            filterable
            treeProps={{ expandAll: true }}
            onChange={(v) => set('departmentId', typeof v === 'string' ? v : '')}
          />
        </Field>
        {!editing && (
          <Field label="初始密码" required error={errors.password} help={props.passwordRule}>
            <Input
              type="password"
              value={values.password}
              maxlength={256} allowInputOverMax showLimitNumber
              autocomplete="new-password"
              placeholder="用户首次登录后须修改"
              onChange={(v) => set('password', String(v))}
            />
          </Field>
        )}
        <Field label="联系电话" error={errors.phone}>
          <Input value={values.phone} maxlength={32} placeholder="选填" onChange={(v) => set('phone', String(v))} />
        </Field>
      </Form>
    </Dialog>
  );
}
