import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_RULES, PASSWORD_RULE, passwordProblem, passwordRuleText } from '../../src/platform/auth/password-policy';
import { MUST_CHANGE_PASSWORD_MESSAGE, passwordHoldReason } from '../../src/platform/auth/must-change';
import { SECURITY_POLICY } from '../../src/platform/auth/security-policy';

const DAY = 86_400_000;

describe('身份鉴别: 口令复杂度按安全策略检查（passwordProblem）', () => {
  it.each([
    // [password, rules, username, problem]
    ['Abc@1234', DEFAULT_PASSWORD_RULES, null, null],
    ['Abc@123', DEFAULT_PASSWORD_RULES, null, '密码至少需要 8 个字符'],
    ['abcdefg1', DEFAULT_PASSWORD_RULES, null, '密码强度不足：需包含大写字母、小写字母、数字、符号中的至少三类'],
    ['Abcdefg1', DEFAULT_PASSWORD_RULES, null, null],
    ['Abc@1234', { minLength: 12, minClasses: 3 }, null, '密码至少需要 12 个字符'],
    ['Abcdefgh1234', { minLength: 12, minClasses: 3 }, null, null],
    ['Abcdefgh1234', { minLength: 12, minClasses: 4 }, null, '密码强度不足：须同时包含大写字母、小写字母、数字、符号'],
    ['Abcdefgh123!', { minLength: 12, minClasses: 4 }, null, null],
    ['Zhang.San@2026', DEFAULT_PASSWORD_RULES, 'zhang.san', '密码不得包含用户名'],
    ['Xy@LI123456', DEFAULT_PASSWORD_RULES, 'li', null],
    ['', DEFAULT_PASSWORD_RULES, null, '请填写密码'],
    ['Abc@1234\n', DEFAULT_PASSWORD_RULES, null, '密码含有不允许的控制字符'],
    ['A'.repeat(257), DEFAULT_PASSWORD_RULES, null, '密码不能超过 256 个字符'],
  ])('%j with %j (user %s) → %s', (password, rules, username, problem) => {
    expect(passwordProblem(password, '密码', rules, username)).toBe(problem);
  });

  it('names the field it checks', () => {
    expect(passwordProblem('short', '新密码', { minLength: 10, minClasses: 3 })).toBe('新密码至少需要 10 个字符');
  });

  it('the hint text shows the policy in force', () => {
    expect(PASSWORD_RULE).toBe('至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；不得包含用户名');
    expect(passwordRuleText({ minLength: 12, minClasses: 4 })).toBe('至少 12 位，须同时含大写字母、小写字母、数字、符号；不得包含用户名');
  });

  it('the defaults are the policy’s lower bounds, so the form’s check never refuses what the policy accepts', () => {
    expect(DEFAULT_PASSWORD_RULES).toEqual({ minLength: SECURITY_POLICY['password.minLength'].min, minClasses: SECURITY_POLICY['password.minClasses'].min });
  });
});

describe('身份鉴别: 口令有效期与首次登录修改（passwordHoldReason）', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  const user = (o: Partial<{ mustChangePassword: boolean; changedDaysAgo: number; isDemo: boolean }>) => ({
    mustChangePassword: o.mustChangePassword ?? false,
    passwordChangedAt: new Date(now.getTime() - (o.changedDaysAgo ?? 0) * DAY),
    isDemo: o.isDemo ?? false,
  });
  it.each([
    [{ changedDaysAgo: 89 }, 90, null],
    [{ changedDaysAgo: 90 }, 90, null],
    [{ changedDaysAgo: 90.01 }, 90, '密码已超过 90 天有效期，请修改'],
    [{ changedDaysAgo: 31 }, 30, '密码已超过 30 天有效期，请修改'],
    [{ changedDaysAgo: 5000 }, 0, null],
    [{ mustChangePassword: true }, 90, MUST_CHANGE_PASSWORD_MESSAGE],
    [{ mustChangePassword: true, changedDaysAgo: 200 }, 90, MUST_CHANGE_PASSWORD_MESSAGE],
    [{ isDemo: true, changedDaysAgo: 200 }, 90, null],
    [{ isDemo: true, mustChangePassword: true }, 90, null],
  ])('%j with a maximum of %i days → %s', (u, days, reason) => {
    expect(passwordHoldReason(user(u), days, now)).toBe(reason);
  });
});
