/**
 * A password set by someone else (a new account, an administrator's or the installer's reset)
 * must be changed before anything else: pages redirect to 修改密码 (current-user.ts), and the
 * actor that server actions and route handlers act as holds only the permission to change it —
 * calling an action directly does not get round the page gate.
 *
 * The same hold applies to a user whose role requires a 动态口令 (roles.requires_totp) and who
 * has not enrolled one: pages redirect to 双因素认证 and only the enrolment actions (which need
 * the same personal permission) are allowed, after they signed in with their password.
 */
export const PASSWORD_CHANGE_PERMISSION = 'profile:password';
export const MUST_CHANGE_PASSWORD_MESSAGE = '请先修改初始密码，再办理其他操作';
export const TOTP_ENROLMENT_PAGE = '/profile/totp';
export const MUST_ENROL_TOTP_MESSAGE = '您担任的角色要求使用动态口令登录，请先绑定动态口令（双因素认证），再办理其他操作';

export function permissionsInForce(user: { mustChangePassword: boolean; totpPending?: boolean; permissions: ReadonlySet<string> }): ReadonlySet<string> {
  if (!user.mustChangePassword && !user.totpPending) return user.permissions;
  return new Set(user.permissions.has(PASSWORD_CHANGE_PERMISSION) ? [PASSWORD_CHANGE_PERMISSION] : []);
}
