'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { Alert, Button, Card, Form, Input } from 'tdesign-react';
import { LockOnIcon, MobileIcon, UserIcon } from 'tdesign-icons-react';

const { FormItem } = Form;

export function LoginForm({ notice }: { notice: string | null }) {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    try {
      const res = await signIn('credentials', { redirect: false, username, password, totp });
      if (!res || res.error) {
        setError(res?.error && res.error !== 'CredentialsSignin' ? res.error : '用户名或密码错误');
        return;
      }
      router.replace('/workbench');
      router.refresh();
    } catch {
      setError('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="lr-center-page" style={{ background: 'linear-gradient(135deg, #e8f0fe 0%, #f5f7fa 60%)' }}>
      <Card bordered={false} style={{ width: 400, boxShadow: 'var(--td-shadow-2)' }}>
        <div style={{ textAlign: 'center' }}>
          <img src="/logo.svg" alt="" width={48} height={48} />
        </div>
        <h1 style={{ fontSize: 22, margin: '8px 0 4px', textAlign: 'center' }}>土地储备全生命周期管理系统</h1>
        <p className="lr-muted" style={{ textAlign: 'center', marginTop: 0, marginBottom: 24 }}>
          益阳市土地储备发展中心
        </p>
        {notice && <Alert theme="info" message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert theme="error" message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form labelAlign="top" onSubmit={submit} preventSubmitDefault>
          <FormItem name="username">
            <label className="lr-field">
              <span className="lr-field__label">用户名</span>
            <Input
              name="username"
              prefixIcon={<UserIcon />}
              value={username}
              onChange={(v) => setUsername(String(v))}
              placeholder="请输入用户名"
              maxlength={256}
              autocomplete="username"
              clearable
            />
            </label>
          </FormItem>
          <FormItem name="password">
            <label className="lr-field">
              <span className="lr-field__label">密码</span>
            <Input
              name="password"
              type="password"
              prefixIcon={<LockOnIcon />}
              value={password}
              onChange={(v) => setPassword(String(v))}
              placeholder="请输入密码"
              maxlength={256}
              autocomplete="current-password"
            />
            </label>
          </FormItem>
          <FormItem name="totp">
            <label className="lr-field">
              <span className="lr-field__label">动态口令</span>
            <Input
              name="totp"
              prefixIcon={<MobileIcon />}
              value={totp}
              onChange={(v) => setTotp(String(v))}
              placeholder="已绑定手机令牌的用户填写 6 位动态口令"
              maxlength={16}
              autocomplete="one-time-code"
            />
            </label>
          </FormItem>
          <FormItem style={{ marginTop: 8 }}>
            <Button type="submit" theme="primary" block loading={busy}>
              登录
            </Button>
          </FormItem>
        </Form>
      </Card>
    </main>
  );
}
