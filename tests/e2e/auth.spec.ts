import { expect, test } from '@playwright/test';
import { fillLogin, login, menuTitles, shot } from './helpers';

test('login page is in Chinese and a wrong password gets a clear message', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '土地储备全生命周期管理系统' })).toBeVisible();
  await shot(page, 'login');
  await fillLogin(page, 'clerk', 'wrong-password');
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误，或账号暂不可用');
  await expect(page).toHaveURL(/\/login/);
});

test('five wrong passwords lock the account, with one neutral message throughout', async ({ page }) => {
  for (let i = 1; i <= 5; i++) {
    await fillLogin(page, 'e2e_lock', `bad-${i}`);
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误，或账号暂不可用');
  }
  // Locked: even the right password gets the neutral message and no session.
  await fillLogin(page, 'e2e_lock', 'Lock@2026');
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误，或账号暂不可用');
  await expect(page).toHaveURL(/\/login/);
  await shot(page, 'login-locked');
});

test('after login the workbench shows the user, role and department; logout returns to login', async ({ page }) => {
  await login(page, 'clerk');
  await expect(page.getByTestId('workbench-identity')).toContainText('经办');
  await expect(page.getByTestId('current-user')).toContainText('王经办（演示）');
  await expect(page.getByTestId('current-user')).toContainText('收储科');
  await expect(page.getByTestId('watermark')).toHaveAttribute('data-text', /王经办（演示） clerk \d{4}-\d{2}-\d{2}/);
  // The demo reserve has overdue parcels: the red-warning to-do leads to exactly them.
  const red = page.getByTestId('todo-warn-red');
  await expect(red).toBeVisible();
  const count = Number((await red.getByTestId('todo-count').innerText()).replace(/\D/g, ''));
  expect(count).toBeGreaterThan(0);
  await shot(page, 'workbench-clerk');
  await red.click();
  await page.waitForURL(/\/parcels\?warn=red/);
  await expect(page.getByTestId('parcels-total')).toHaveText(`共 ${count} 宗地块`);
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/login/);
});

test('the menu differs by role', async ({ page }) => {
  await login(page, 'sysadmin');
  expect(await menuTitles(page)).toEqual(expect.arrayContaining(['工作台', '系统管理', '组织机构', '用户管理']));
  expect(await menuTitles(page)).not.toContain('审计日志');
  expect(await menuTitles(page)).not.toContain('角色权限');
  await shot(page, 'workbench-sysadmin');
  await page.context().clearCookies();

  await login(page, 'auditadmin');
  const audit = await menuTitles(page);
  expect(audit).toContain('审计日志');
  expect(audit).not.toContain('用户管理');
  await page.context().clearCookies();

  await login(page, 'clerk');
  const clerk = await menuTitles(page);
  expect(clerk).toContain('工作台');
  expect(clerk).not.toContain('系统管理');
});

test('a user without permission gets a Chinese 403 page', async ({ page }) => {
  await login(page, 'clerk');
  const res = await page.goto('/admin/users');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await shot(page, 'forbidden');
});

test('unknown routes get a Chinese 404 page and forged cookies go to login', async ({ page, context, baseURL }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await context.addCookies([{ name: 'next-auth.session-token', value: 'forged.token.value', url: baseURL! }]);
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/login/);
});
