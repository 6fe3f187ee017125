import 'server-only';
import { defineMutation, fail } from '@/platform/action';
import { TOTP_ALGORITHM_LABELS } from '@/platform/auth/totp';
import { removeTotp } from '@/platform/auth/totp-store';
import { auditUser, loadUserForUpdate, updateEndingSessions } from './mutation-helpers';
import { ZUserRef } from './validation';

export const SELF_TOTP_RESET_REFUSED = '不能重置自己的动态口令，请联系另一位安全管理员';

/**
 * The 安全管理员 removes a user's 动态口令 token (a lost or replaced phone): their sessions end,
 * and a user whose role requires one binds a new token after the next login. Never one's own
 * (that would let a stolen password of the 安全管理员 drop its own second factor).
 */
export const resetUserTotp = defineMutation({
  name: '重置动态口令',
  permission: 'user:grant',
  objectType: '用户',
  schema: ZUserRef,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    if (input.id === actor.userId) fail(SELF_TOTP_RESET_REFUSED, 'FORBIDDEN');
    const user = await loadUserForUpdate(tx, input.id);
    const removed = await removeTotp(tx, input.id);
    if (!removed) fail(`用户 ${user.username} 尚未绑定动态口令`);
    await updateEndingSessions(tx, input.id, {}, '动态口令重置');
    await auditUser(ctx, input.id, {
      action: '重置动态口令',
      message: `重置用户 ${user.username} 的动态口令（原为${removed.confirmed ? '已绑定' : '待确认'}，${TOTP_ALGORITHM_LABELS[removed.algorithm]}），其登录会话已结束`,
    });
    return { id: input.id };
  },
});
