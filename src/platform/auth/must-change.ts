/**
 * A password set by someone else (a new account, an administrator's or the installer's reset)
 * must be changed before anything else, and so must one older than the 安全管理员's maximum age
 * (security-policy.ts `password.maxAgeDays`): pages redirect to 修改密码 (current-user.ts), and
 * the actor that server actions and route handlers act as holds only the permission to change
 * it — calling an action directly does not get round the page gate. The session check
 * (session.ts) works the hold out on every request, so it starts the moment the password expires.
 *
 * Demonstration accounts (users.is_demo, set only by the demo seed) are exempt from both: their
 * shared password is published in the README and a forced change would lock the next visitor out.
 *
 * The same hold applies to a user whose role requires a 动态口令 (roles.requires_totp) and who
 * has not enrolled one: pages redirect to 双因素认证 and only the enrolment actions (which need
 * the same personal permission) are allowed, after they signed in with their password.
 */
export const PASSWORD_CHANGE_PERMISSION = 'profile:password';
export const MUST_CHANGE_PASSWORD_MESSAGE = '请先修改初始密码，再办理其他操作';
export const TOTP_ENROLMENT_PAGE = '/profile/totp';
export const MUST_ENROL_TOTP_MESSAGE = '您担任的角色要求使用动态口令登录，请先绑定动态口令（双因素认证），再办理其他操作';

export function passwordExpiredMessage(maxAgeDays: number): string {
  return `密码已超过 ${maxAgeDays} 天有效期，请修改`;
}

export interface PasswordState {
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  isDemo: boolean;
}

/** Why the user must change their password before anything else (a Chinese reason), or null. */
export function passwordHoldReason(user: PasswordState, maxAgeDays: number, now: Date): string | null {
  if (user.isDemo) return null;
  if (user.mustChangePassword) return MUST_CHANGE_PASSWORD_MESSAGE;
  if (maxAgeDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > maxAgeDays * 86_400_000) return passwordExpiredMessage(maxAgeDays);
  return null;
}

export function permissionsInForce(user: { mustChangePassword: boolean; totpPending?: boolean; permissions: ReadonlySet<string> }): ReadonlySet<string> {
  if (!user.mustChangePassword && !user.totpPending) return user.permissions;
  return new Set(user.permissions.has(PASSWORD_CHANGE_PERMISSION) ? [PASSWORD_CHANGE_PERMISSION] : []);
}
