/**
 * A password set by someone else (a new account, an administrator's or the installer's reset)
 * must be changed before anything else: pages redirect to 修改密码 (current-user.ts), and the
 * actor that server actions and route handlers act as holds only the permission to change it —
 * calling an action directly does not get round the page gate.
 */
export const PASSWORD_CHANGE_PERMISSION = 'profile:password';
export const MUST_CHANGE_PASSWORD_MESSAGE = '请先修改初始密码，再办理其他操作';

export function permissionsInForce(user: { mustChangePassword: boolean; permissions: ReadonlySet<string> }): ReadonlySet<string> {
  if (!user.mustChangePassword) return user.permissions;
  return new Set(user.permissions.has(PASSWORD_CHANGE_PERMISSION) ? [PASSWORD_CHANGE_PERMISSION] : []);
}
