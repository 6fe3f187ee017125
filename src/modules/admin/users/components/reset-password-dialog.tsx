'use client';
import { useState } from 'react';
import { Alert, Dialog, Form, Input } from 'tdesign-react';
import { describeZodError } from '@/platform/validation';
import { resetUserPasswordAction } from '../actions';
import { ZResetPassword } from '../validation';
import type { UserRowView } from '../view';
import { useRunAction } from '@/ui/use-run-action';

const { FormItem } = Form;

/** Sets a new password; the user must change it at next login and is signed out everywhere. */
export function ResetPasswordDialog(props: { user: UserRowView; passwordRule: string; onClose: () => void }) {
  const { user } = props;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const submit = async () => {
    const input = { id: user.id, password, confirm };
    const parsed = ZResetPassword.safeParse(input);
    if (!parsed.success) {
      setErrors(describeZodError(parsed.error).fieldErrors);
      return;
    }
    const ok = await run(() => resetUserPasswordAction(input), `已重置用户 ${user.username} 的密码`, setErrors);
    if (ok?.ok) props.onClose();
  };

  return (
    <Dialog
      visible
      header={`重置密码：${user.username}（${user.displayName}）`}
      width={520}
      confirmBtn={{ content: '重置密码', loading: busy }}
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Alert
        theme="warning"
        style={{ marginBottom: 16 }}
        message="重置后该用户的登录会话立即结束，登录锁定同时解除，下次登录须修改密码。请通过安全渠道把新密码告知本人。"
      />
      <Form labelWidth={96} colon={false} preventSubmitDefault>
        <FormItem label="新密码" requiredMark status={errors.password ? 'error' : undefined} tips={errors.password || props.passwordRule}>
          {/* Fragments keep FormItem from taking over the controlled value (see user-form-dialog). */}
          <>
            <Input
              type="password"
              value={password}
              maxlength={256} allowInputOverMax showLimitNumber
              autocomplete="new-password"
              onChange={(v) => {
                setPassword(String(v));
                setErrors((e) => ({ ...e, password: '' }));
              }}
            />
          </>
        </FormItem>
        <FormItem label="确认新密码" requiredMark status={errors.confirm ? 'error' : undefined} tips={errors.confirm || undefined}>
          <>
            <Input
              type="password"
              value={confirm}
              maxlength={256} allowInputOverMax showLimitNumber
              autocomplete="new-password"
              onChange={(v) => {
                setConfirm(String(v));
                setErrors((e) => ({ ...e, confirm: '' }));
              }}
            />
          </>
        </FormItem>
      </Form>
    </Dialog>
  );
}
