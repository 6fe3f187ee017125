import { expect, test } from '@playwright/test';
import { login, menuTitles, shot, typeInto } from './helpers';

test.describe.configure({ mode: 'serial' });

test('身份鉴别: the 安全管理员 sets a policy value on 安全策略 and sees it in force', async ({ page }) => {
  await login(page, 'secadmin');
  expect(await menuTitles(page)).toContain('安全策略');
  await page.goto('/admin/security-policy');
  for (const group of ['口令', '登录失败处理', '会话', '双因素鉴别']) await expect(page.getByTestId(`policy-${group}`)).toBeVisible();
  await expect(page.getByTestId('policy-value-password.historyCount')).toHaveText(/^5\s*次$/);
  await expect(page.getByTestId('policy-source-password.historyCount')).toContainText('8.1.4.1 a)');

  // Out of bounds: a Chinese message in the dialog, nothing saved.
  await page.getByTestId('policy-edit-password.historyCount').click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '修改安全策略：不得与最近几次用过的口令相同' });
  const input = dialog.getByRole('textbox');
  await typeInto(input, '30');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('「不得与最近几次用过的口令相同」须在 0–24 次之间')).toBeVisible();

  await typeInto(input, '12');
  await expect(input).toHaveValue('12');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已修改：不得与最近几次用过的口令相同').first()).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('policy-value-password.historyCount')).toContainText('12');
  await expect(page.getByTestId('policy-value-password.historyCount')).toContainText('已设置');
  const row = page.locator('tbody tr').filter({ has: page.getByTestId('policy-value-password.historyCount') });
  await expect(row).toContainText('吴安全（演示）');
  await shot(page, 'security-policy');

  // The password form shows the rule in force.
  await page.goto('/profile/password');
  await expect(page.getByText('不得与最近 12 次用过的密码相同')).toBeVisible();

  // Back to the default, so other specs see the defaults.
  await page.goto('/admin/security-policy');
  await row.getByRole('button', { name: '恢复默认' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('policy-value-password.historyCount')).toHaveText(/^5\s*次$/);
});

test('身份鉴别: the 系统管理员 has no 安全策略 entry and gets 403', async ({ page }) => {
  await login(page, 'sysadmin');
  expect(await menuTitles(page)).not.toContain('安全策略');
  const res = await page.goto('/admin/security-policy');
  expect(res?.status()).toBe(403);
});
