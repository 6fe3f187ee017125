'use client';
import { useState } from 'react';
import { Dialog, Form, Select } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { roleCombinationProblem } from '@/platform/permissions/catalog';
import { grantUserRolesAction } from '../actions';
import { ZGrantRoles } from '../validation';
import type { RoleOptionView, UserRowView } from '../view';
import { useRunAction } from '@/ui/use-run-action';

const { FormItem } = Form;

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

/**
 * 授予角色 (安全管理员): the user's whole role set, checked against 三员分立 before it is sent
 * (the server checks again and refuses a grant to oneself). The user's sessions end on a change.
 */
export function GrantRolesDialog(props: { user: UserRowView; roles: RoleOptionView[]; onClose: () => void }) {
  const { user } = props;
  const [roleIds, setRoleIds] = useState<string[]>(user.roles.map((r) => r.id));
  const [error, setError] = useState('');
  const { run, busy } = useRunAction();

  const submit = async () => {
    const input = { id: user.id, roleIds };
    const parsed = ZGrantRoles.safeParse(input);
    const found = parsed.success ? '' : (describeZodError(parsed.error).fieldErrors.roleIds ?? describeZodError(parsed.error).message);
    const chosen = props.roles.filter((r) => roleIds.includes(r.value)).map((r) => ({ name: r.label, kind: r.kind }));
    const problem = found || roleCombinationProblem(chosen) || '';
    if (problem) {
      setError(problem);
      return;
    }
    const ok = await run(() => grantUserRolesAction(input), `已为用户 ${user.username} 授予角色，其原登录会话已结束`, (errors) => setError(errors.roleIds ?? ''));
    if (ok?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={`授予角色：${user.username}（${user.displayName}）`}
      width={560}
      confirmBtn={{ content: '授予', loading: busy }}
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelWidth={96} colon={false} preventSubmitDefault>
        <FormItem label="角色" requiredMark status={error ? 'error' : undefined} tips={error || '授予后该用户须重新登录；三员管理角色互斥，且不能兼任业务角色'}>
          <>
            <Select
              multiple
              value={roleIds}
              options={roleSelectOptions(props.roles)}
              placeholder="请选择角色"
              onChange={(v) => {
                setRoleIds((v as string[]) ?? []);
                setError('');
              }}
            />
          </>
        </FormItem>
      </Form>
    </Dialog>
  );
}
