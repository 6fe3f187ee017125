'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Form, Input, Popconfirm } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { beginTotpEnrolmentAction, confirmTotpEnrolmentAction } from '../actions';

/** 生成密钥 / 重新生成密钥: the page then shows the QR code of the new secret. */
export function BeginTotpButton({ again }: { again: boolean }) {
  const { run, busy } = useRunAction();
  const begin = () => run(() => beginTotpEnrolmentAction({}), '已生成密钥，请用手机令牌扫描二维码');
  if (!again) {
    return (
      <Button theme="primary" loading={busy} onClick={() => void begin()}>
        生成密钥
      </Button>
    );
  }
  return (
    <Popconfirm content="重新生成后，之前扫描的密钥作废，需要重新扫描。继续吗？" onConfirm={() => void begin()}>
      <Button variant="outline" loading={busy}>
        重新生成密钥
      </Button>
    </Popconfirm>
  );
}

/** The code that proves the scanned token: only then is the token bound to the account. */
export function ConfirmTotpForm({ held }: { held: boolean }) {
  const router = useRouter();
  const { run, busy } = useRunAction();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    const res = await run(() => confirmTotpEnrolmentAction({ code }), '动态口令已绑定，今后登录时请输入手机令牌上的动态口令', setErrors);
    if (res?.ok) {
      setCode('');
      if (held) router.push('/workbench');
    }
  };
  return (
    <Form labelAlign="top" onSubmit={submit} preventSubmitDefault>
      <LabeledField name="code" label="动态口令" required error={errors.code} hint="输入手机令牌当前显示的 6 位数字">
        <Input value={code} onChange={(v) => setCode(String(v))} maxlength={16} autocomplete="one-time-code" placeholder="6 位数字" />
      </LabeledField>
      <Button type="submit" theme="primary" loading={busy} style={{ marginTop: 24 }}>
        确认绑定
      </Button>
    </Form>
  );
}
