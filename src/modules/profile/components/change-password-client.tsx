'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Form, Input } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { changeOwnPasswordAction } from '../actions';

const EMPTY = { current: '', password: '', confirm: '' };

/** The change-password form: the page's one client island, inside a server-rendered card. */
export function ChangePasswordForm({ mustChange, passwordRule }: { mustChange: boolean; passwordRule: string }) {
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async () => {
    const res = await run(() => changeOwnPasswordAction(values), '密码已修改', setErrors);
    if (res?.ok) {
      setValues(EMPTY);
      if (mustChange) router.push('/workbench');
    }
  };
  const field = (key: keyof typeof EMPTY) => ({
    value: values[key],
    onChange: (v: string) => setValues({ ...values, [key]: String(v) }),
    type: 'password' as const,
    maxlength: 256,
  });

  return (
    <Form labelAlign="top" onSubmit={submit} preventSubmitDefault>
      <LabeledField name="current" label="当前密码" required error={errors.current}>
        <Input {...field('current')} autocomplete="current-password" />
      </LabeledField>
      <LabeledField name="password" label="新密码" required error={errors.password} hint={passwordRule}>
        <Input {...field('password')} autocomplete="new-password" />
      </LabeledField>
      <LabeledField name="confirm" label="确认新密码" required error={errors.confirm}>
        <Input {...field('confirm')} autocomplete="new-password" />
      </LabeledField>
      <Button type="submit" theme="primary" loading={busy} style={{ marginTop: 8 }}>
        保存
      </Button>
    </Form>
  );
}
