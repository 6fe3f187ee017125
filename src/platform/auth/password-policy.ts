import { z } from 'zod';
import { hasControlChars } from '../validation';

/**
 * Password strength rule shared by user administration and self-service (client-safe). The
 * length and character classes come from the 安全管理员's policy (security-policy.ts
 * `password.minLength` / `password.minClasses`); the defaults below are the policy's lower
 * bounds, so a check with them never refuses what the policy in force accepts.
 */
export interface TPasswordRules {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_RULES: TPasswordRules = { minLength: 8, minClasses: 3 };
export const PASSWORD_MAX = 256;

const CLASS_NAMES = '大写字母、小写字母、数字、符号';

/** The rule as the forms show it, e.g. 「至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；不得包含用户名」. */
export function passwordRuleText(rules: TPasswordRules = DEFAULT_PASSWORD_RULES): string {
  const classes = rules.minClasses >= 4 ? `须同时含${CLASS_NAMES}` : `含${CLASS_NAMES}中的至少${'零一二三'[rules.minClasses] ?? rules.minClasses}类`;
  return `至少 ${rules.minLength} 位，${classes}；不得包含用户名`;
}

/** The default rule's text (kept for callers that show no policy). */
export const PASSWORD_RULE = passwordRuleText();

export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((re) => re.test(password)).length;
}

/**
 * The strength rule, as a Chinese reason or null. Passwords are never trimmed. With `username`,
 * a password containing the user name (any case) is refused too.
 */
export function passwordProblem(
  password: string,
  label = '密码',
  rules: TPasswordRules = DEFAULT_PASSWORD_RULES,
  username?: string | null,
): string | null {
  if (password.length === 0) return `请填写${label}`;
  if (password.length > PASSWORD_MAX) return `${label}不能超过 ${PASSWORD_MAX} 个字符`;
  if (hasControlChars(password) || /[\t\r\n]/.test(password)) return `${label}含有不允许的控制字符`;
  if (password.length < rules.minLength) return `${label}至少需要 ${rules.minLength} 个字符`;
  if (passwordClasses(password) < rules.minClasses) {
    return rules.minClasses >= 4
      ? `${label}强度不足：须同时包含${CLASS_NAMES}`
      : `${label}强度不足：需包含${CLASS_NAMES}中的至少${'零一二三'[rules.minClasses] ?? rules.minClasses}类`;
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return `${label}不得包含用户名`;
  return null;
}

/** The shape checks with the default rules; the server checks again with the policy in force. */
export function zPassword(label: string) {
  return z.string({ error: `请填写${label}` }).superRefine((s, ctx) => {
    const problem = passwordProblem(s, label);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
