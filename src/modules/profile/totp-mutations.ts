import 'server-only';
import { defineMutation, fail } from '@/platform/action';
import { getSecurityPolicy } from '@/platform/auth/security-policy';
import { algorithmFromPolicy, TOTP_ALGORITHM_LABELS } from '@/platform/auth/totp';
import { beginEnrolment, confirmEnrolment } from '@/platform/auth/totp-store';
import { ZBeginTotp, ZConfirmTotp } from './totp-validation';

/** Enrolment needs the personal permission the password change needs (also while held, auth/must-change.ts). */
const PERMISSION = 'profile:password';

export const TOTP_MESSAGES = {
  already: '您已绑定动态口令；如需更换手机令牌，请联系安全管理员重置',
  none: '请先生成密钥',
  missing: '请输入动态口令',
  wrong: '动态口令不正确：请核对手机令牌中的账号、算法和手机时间后重试',
  replay: '该动态口令已使用过，请等待令牌显示下一个口令',
} as const;

/** A new random secret (the algorithm the 安全管理员's policy sets now), shown to the user until confirmed. */
export const beginTotpEnrolment = defineMutation({
  name: '生成动态口令密钥',
  permission: PERMISSION,
  objectType: '用户',
  schema: ZBeginTotp,
  async run(ctx) {
    const algorithm = algorithmFromPolicy((await getSecurityPolicy(ctx.tx))['totp.algorithm']);
    if ((await beginEnrolment(ctx.tx, ctx.actor.userId, algorithm)) === 'already') fail(TOTP_MESSAGES.already, 'CONFLICT');
    // The secret itself is never audited or logged.
    await ctx.audit({ action: '生成动态口令密钥', objectType: '用户', objectId: ctx.actor.userId, message: `算法 ${TOTP_ALGORITHM_LABELS[algorithm]}，待用户以动态口令确认` });
    return { algorithm };
  },
});

/** The user proves the token with one code: from then on the login asks for one. */
export const confirmTotpEnrolment = defineMutation({
  name: '绑定动态口令',
  permission: PERMISSION,
  objectType: '用户',
  schema: ZConfirmTotp,
  async run(ctx, input) {
    const res = await confirmEnrolment(ctx.tx, ctx.actor.userId, input.code, new Date());
    if (!res.ok) fail(TOTP_MESSAGES[res.reason], res.reason === 'already' ? 'CONFLICT' : 'INVALID_INPUT', res.reason === 'wrong' || res.reason === 'replay' ? { code: TOTP_MESSAGES[res.reason] } : undefined);
    await ctx.audit({ action: '绑定动态口令', objectType: '用户', objectId: ctx.actor.userId, message: `已绑定手机令牌（${TOTP_ALGORITHM_LABELS[res.algorithm]}），此后登录须输入动态口令` });
    return { algorithm: res.algorithm };
  },
});
