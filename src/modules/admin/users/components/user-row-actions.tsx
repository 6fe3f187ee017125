'use client';
import { Button, Popconfirm, Space } from 'tdesign-react';
import { disableUserAction, enableUserAction, resetUserTotpAction, unlockUserAction } from '../actions';
import type { UserRowView } from '../view';
import { useRunAction } from '@/ui/use-run-action';
import { useUsersDialogs } from './users-dialogs';

/** Per-row operations (an island in the server-rendered row). Self-disable and self-reset are not offered (the server refuses them too). */
export function UserRowActions(props: { user: UserRowView; isSelf: boolean; canManage: boolean; canGrant: boolean }) {
  const { user, isSelf } = props;
  const { run, busy } = useRunAction();
  const { open } = useUsersDialogs();
  const label = `${user.username}（${user.displayName}）`;

  if (!props.canManage) {
    // The 安全管理员's operations here: granting roles (never to themself, never to a disabled
    // account) and resetting another user's 动态口令.
    const grant = props.canGrant && !isSelf && user.status === 'active';
    const resetTotp = props.canGrant && !isSelf && user.totpEnrolled;
    if (!grant && !resetTotp) return <span className="lr-muted">—</span>;
    return (
      <Space size={4}>
        {grant && (
          <Button variant="text" theme="primary" size="small" onClick={() => open({ mode: 'grant', user })}>
            授予角色
          </Button>
        )}
        {resetTotp && (
          <Popconfirm
            theme="warning"
            content={`重置 ${label} 的动态口令？其手机令牌作废、登录会话结束；如其角色要求动态口令，下次登录后须重新绑定。`}
            onConfirm={() => run(() => resetUserTotpAction({ id: user.id }), `已重置用户 ${user.username} 的动态口令`)}
          >
            <Button variant="text" theme="warning" size="small" loading={busy}>
              重置动态口令
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  }

  return (
    <Space size={4}>
      <Button variant="text" theme="primary" size="small" onClick={() => open({ mode: 'edit', user })}>
        编辑
      </Button>
      {!isSelf && (
        <Button variant="text" theme="primary" size="small" onClick={() => open({ mode: 'reset', user })}>
          重置密码
        </Button>
      )}
      {user.lockedLabel && (
        <Popconfirm
          content={`解除 ${label} 的登录锁定？`}
          onConfirm={() => run(() => unlockUserAction({ id: user.id }), `已解锁用户 ${user.username}`)}
        >
          <Button variant="text" theme="warning" size="small" loading={busy}>
            解锁
          </Button>
        </Popconfirm>
      )}
      {!isSelf && user.status === 'active' && (
        <Popconfirm
          theme="danger"
          content={`停用 ${label}？停用后其登录会话立即结束，且不能再登录。`}
          onConfirm={() => run(() => disableUserAction({ id: user.id }), `已停用用户 ${user.username}`)}
        >
          <Button variant="text" theme="danger" size="small" loading={busy}>
            停用
          </Button>
        </Popconfirm>
      )}
      {user.status === 'disabled' && (
        <Popconfirm
          content={`启用 ${label}？启用后可再次登录。`}
          onConfirm={() => run(() => enableUserAction({ id: user.id }), `已启用用户 ${user.username}`)}
        >
          <Button variant="text" theme="success" size="small" loading={busy}>
            启用
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
