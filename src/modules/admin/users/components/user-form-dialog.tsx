'use client';
import { useState, type ReactNode } from 'react';
import { Dialog, Form, Input, Select, TreeSelect } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { roleCombinationProblem } from '@/platform/permissions/catalog';
import { createUserAction, updateUserAction } from '../actions';
import { PASSWORD_RULE, USERNAME_RULE, ZCreateUser, ZUpdateUser } from '../validation';
import type { DepartmentOption, RoleOptionView, UserRowView } from '../view';
import { useRunAction } from '@/ui/use-run-action';

const { FormItem } = Form;

interface Values {
  username: string;
  displayName: string;
  departmentId: string;
  password: string;
  roleIds: string[];
  phone: string;
}

/** Roles grouped into the three administrators and the business roles. */
export function roleSelectOptions(roles: RoleOptionView[]) {
  const toOption = (r: RoleOptionView) => ({ label: r.label, value: r.value, title: r.description ?? r.label });
  const admin = roles.filter((r) => r.kind !== 'business').map(toOption);
  const business = roles.filter((r) => r.kind === 'business').map(toOption);
  return [
    ...(admin.length ? [{ group: '三员管理角色（只能选其一，且不能兼任业务角色）', children: admin }] : []),
    ...(business.length ? [{ group: '业务角色', children: business }] : []),
  ];
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
 * Create (user = null) or edit a user. The same zod schema as the server runs first, so most
 * mistakes are shown at the field before anything is sent; the server re-checks everything.
 */
export function UserFormDialog(props: {
  user: UserRowView | null;
  isSelf: boolean;
  departments: DepartmentOption[];
  roles: RoleOptionView[];
  onClose: () => void;
}) {
  const { user, isSelf } = props;
  const editing = !!user;
  const [values, setValues] = useState<Values>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    departmentId: user?.departmentId ?? '',
    password: '',
    roleIds: user?.roles.map((r) => r.id) ?? [],
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
      ? { id: user.id, displayName: values.displayName, departmentId: values.departmentId, roleIds: values.roleIds, phone: values.phone }
      : { ...values };
    const parsed = editing ? ZUpdateUser.safeParse(input) : ZCreateUser.safeParse(input);
    const found: Record<string, string> = parsed.success ? {} : describeZodError(parsed.error).fieldErrors;
    const chosen = props.roles.filter((r) => values.roleIds.includes(r.value)).map((r) => ({ name: r.label, kind: r.kind }));
    const combination = roleCombinationProblem(chosen);
    if (combination && !found.roleIds) found.roleIds = combination;
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    const ok = await run(
      () => (editing ? updateUserAction(input) : createUserAction(input)),
      editing ? `已保存用户 ${user.username}` : `已新建用户 ${values.username.trim()}，首次登录须修改密码`,
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
          <Field label="初始密码" required error={errors.password} help={PASSWORD_RULE}>
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
        <Field
          label="角色"
          required
          error={errors.roleIds}
          help={isSelf ? '不能修改自己的角色，请由其他系统管理员办理' : '角色变更后，该用户须重新登录'}
        >
          <Select
            multiple
            value={values.roleIds}
            disabled={isSelf}
            options={roleSelectOptions(props.roles)}
            placeholder="请选择角色"
            onChange={(v) => set('roleIds', (v as string[]) ?? [])}
          />
        </Field>
        <Field label="联系电话" error={errors.phone}>
          <Input value={values.phone} maxlength={32} placeholder="选填" onChange={(v) => set('phone', String(v))} />
        </Field>
      </Form>
    </Dialog>
  );
}
