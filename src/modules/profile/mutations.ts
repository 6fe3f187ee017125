import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { getConfig } from '@/platform/config';
import { hashPassword, verifyPassword } from '@/platform/crypto/sm';
import { userSessions, users } from '@/platform/auth/schema';
import { passwordProblem } from '@/platform/auth/password-policy';
import { isRecentPassword, rememberReplacedPassword } from '@/platform/auth/password-history';
import { passwordRulesOf } from '@/platform/auth/policy-in-force';
import { getSecurityPolicy } from '@/platform/auth/security-policy';
import { ZChangeOwnPassword } from './validation';

/**
 * A user changes their own password: the current one must be right; the new one meets the
 * 安全策略 in force (length, character classes, not the user name, not one of the last
 * `password.historyCount`); their other sessions end, this one stays; the "must change password"
 * flag is cleared and the password's age starts again.
 */
export const changeOwnPassword = defineMutation({
  name: '修改本人密码',
  permission: 'profile:password',
  objectType: '用户',
  schema: ZChangeOwnPassword,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [user] = await tx
      .select({ id: users.id, username: users.username, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!user) fail('账号不存在', 'NOT_FOUND');
    if (!(await verifyPassword(input.current, user.passwordHash))) fail('当前密码不正确', 'INVALID_INPUT');
    const policy = await getSecurityPolicy(tx);
    const problem = passwordProblem(input.password, '新密码', passwordRulesOf(policy), user.username);
    if (problem) fail(problem, 'INVALID_INPUT', { password: problem });
    const historyCount = policy['password.historyCount'];
    if (await isRecentPassword(tx, user.id, user.passwordHash, input.password, historyCount)) {
      const message = `新密码不能与最近 ${historyCount} 次使用过的密码相同`;
      fail(message, 'INVALID_INPUT', { password: message });
    }
    const now = new Date();
    await rememberReplacedPassword(tx, user.id, user.passwordHash, now);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password, getConfig().PASSWORD_ITERATIONS), mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.id, user.id));
    const others = and(eq(userSessions.userId, user.id), isNull(userSessions.endedAt));
    await tx
      .update(userSessions)
      .set({ endedAt: now, endReason: '修改密码' })
      .where(actor.sessionId ? and(others, ne(userSessions.id, actor.sessionId)) : others);
    await ctx.audit({ action: '修改本人密码', objectType: '用户', objectId: user.id, message: '密码已修改，其他登录会话已结束' });
    return null;
  },
});
