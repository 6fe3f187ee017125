import { hasControlChars } from '../validation';

/** Login names: one rule for user administration and the installer's accounts (client-safe). */
export const USERNAME_RULE = '用户名为 3–64 位字母、数字或 . _ - @';
export const USERNAME_MAX = 64;
export const USERNAME_PATTERN = /^[A-Za-z0-9._\-@]{3,64}$/;

/** The rule as a Chinese reason or null; the caller trims first. */
export function usernameProblem(username: string): string | null {
  if (username.length === 0) return '请填写用户名';
  if (username.length > USERNAME_MAX) return `用户名不能超过 ${USERNAME_MAX} 个字符`;
  if (hasControlChars(username)) return '用户名不能包含控制字符';
  if (!USERNAME_PATTERN.test(username)) return USERNAME_RULE;
  return null;
}
