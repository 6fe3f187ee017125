'use client';
import { Button, Popconfirm } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { setRoleTotpAction } from '../actions';
import type { RoleView } from '../view';

/** 要求 / 取消 动态口令 for a role's holders (an island in the server-rendered row); not offered on one's own role. */
export function RoleTotpToggle({ role, own }: { role: RoleView; own: boolean }) {
  const { run, busy } = useRunAction();
  if (own) return null;
  const next = !role.requiresTotp;
  const content = next
    ? `要求「${role.name}」的用户登录时输入动态口令？尚未绑定手机令牌的用户，下次登录后须先绑定才能继续使用。`
    : `不再要求「${role.name}」的用户输入动态口令？已绑定的用户登录时仍须输入。`;
  return (
    <Popconfirm
      content={content}
      theme={next ? 'default' : 'warning'}
      onConfirm={() => void run(() => setRoleTotpAction({ roleId: role.id, requiresTotp: next }), next ? `已要求「${role.name}」使用动态口令` : `「${role.name}」已不再要求动态口令`)}
    >
      <Button size="small" variant="text" theme={next ? 'primary' : 'warning'} loading={busy} data-testid={`role-totp-toggle-${role.code}`}>
        {next ? '要求' : '取消'}
      </Button>
    </Popconfirm>
  );
}
