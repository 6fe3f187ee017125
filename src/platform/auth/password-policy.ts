import { z } from 'zod';
import { hasControlChars } from '../validation';

/** Password strength rule shared by user administration and self-service (client-safe). */
export const PASSWORD_RULE = '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类';
export const PASSWORD_MAX = 256;

/** The strength rule, as a Chinese reason or null. Passwords are never trimmed. */
export function passwordProblem(password: string, label = '密码'): string | null {
  if (password.length === 0) return `请填写${label}`;
  if (password.length > PASSWORD_MAX) return `${label}不能超过 ${PASSWORD_MAX} 个字符`;
  if (hasControlChars(password) || /[\t\r\n]/.test(password)) return `${label}含有不允许的控制字符`;
  if (password.length < 8) return `${label}至少需要 8 个字符`;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((re) => re.test(password)).length;
  if (classes < 3) return `${label}强度不足：需包含大写字母、小写字母、数字、符号中的至少三类`;
  return null;
}

export function zPassword(label: string) {
  return z.string({ error: `请填写${label}` }).superRefine((s, ctx) => {
    const problem = passwordProblem(s, label);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
