import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { fillLogin, login, shot, typeInto } from './helpers';

test.describe.configure({ mode: 'serial' });

test('the system administrator creates a user, the security administrator grants the role; the user must change the initial password', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/users');
  await expect(page.getByText('clerk', { exact: true })).toBeVisible();
  await shot(page, 'admin-users');

  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '新建用户' });
  await typeInto(dialog.getByPlaceholder('登录用的用户名'), 'e2e_new');
  await typeInto(dialog.getByPlaceholder('真实姓名'), '新同事');
  await dialog.getByPlaceholder('请选择科室').click();
  await page.locator('.t-tree__label').filter({ hasText: '供应科' }).first().click();
  await typeInto(dialog.getByPlaceholder('用户首次登录后须修改'), 'weak');
  // 三员分立: the 系统管理员's form has no role field.
  await expect(dialog.getByPlaceholder('请选择角色')).toHaveCount(0);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('初始密码至少需要 8 个字符').first()).toBeVisible();
  await typeInto(dialog.getByPlaceholder('用户首次登录后须修改'), 'Start@2026');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已新建用户 e2e_new').first()).toBeVisible();
  const newRow = page.locator('tbody tr').filter({ has: page.getByText('e2e_new', { exact: true }) });
  await expect(newRow).toContainText('待授予');
  await expect(newRow.getByRole('button', { name: '授予角色' })).toHaveCount(0);
  await page.context().clearCookies();

  // The 安全管理员 grants the role (and has no 新建用户 button).
  await login(page, 'secadmin');
  await page.goto('/admin/users');
  await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
  const row = page.locator('tbody tr').filter({ has: page.getByText('e2e_new', { exact: true }) });
  await row.getByRole('button', { name: '授予角色' }).click();
  const grant = page.locator('.t-dialog').filter({ hasText: '授予角色：e2e_new' });
  await grant.getByPlaceholder('请选择角色').click();
  await page.locator('.t-select-option').filter({ hasText: /^经办$/ }).click();
  await grant.locator('.t-dialog__header').click(); // close the multi-select popup
  await shot(page, 'admin-grant-roles');
  await grant.getByRole('button', { name: '授予' }).click();
  await expect(page.getByText('已为用户 e2e_new 授予角色').first()).toBeVisible();
  await expect(row).toContainText('经办');
  await page.context().clearCookies();

  await fillLogin(page, 'e2e_new', 'Start@2026');
  await page.waitForURL('**/profile/password');
  await expect(page.getByText('请先修改密码再继续使用系统')).toBeVisible();
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/profile\/password/);
  await typeInto(page.getByLabel('当前密码'), 'Start@2026');
  await typeInto(page.getByLabel(/^新密码/), 'Mine@2026!');
  await typeInto(page.getByLabel('确认新密码'), 'Mine@2026!');
  await shot(page, 'change-password');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL('**/workbench');
  await expect(page.getByTestId('workbench-identity')).toContainText('经办');
});

test('the audit administrator sees the administrator action in the audit log', async ({ page }) => {
  await fillLogin(page, 'auditadmin', 'not-the-password');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await login(page, 'auditadmin');
  await page.goto('/admin/audit?action=%E6%96%B0%E5%BB%BA%E7%94%A8%E6%88%B7');
  const row = page.locator('tbody tr').filter({ hasText: '新建用户' }).first();
  await expect(row).toContainText('周系统（演示）');
  await expect(row).toContainText('sysadmin');
  await expect(row).toContainText('成功');
  const diff = row.locator('xpath=following-sibling::tr[1]').getByTestId('audit-diff');
  await expect(diff).toBeHidden();
  await row.locator('.t-table__expand-box').first().click();
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('e2e_new');
  await shot(page, 'audit-log');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV').click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv).toContain('序号,时间,姓名,部门,登录名,角色,操作');
  expect(csv).toContain('周系统（演示）,综合科,sysadmin,');
  expect(csv).toContain('用户名：（空） → e2e_new');
  await page.goto('/admin/audit?action=%E7%99%BB%E5%BD%95&result=%E5%A4%B1%E8%B4%A5');
  const failed = page.locator('tbody tr').first();
  await expect(failed).toContainText('auditadmin');
  await expect(failed).toContainText('失败');
});

test('the security administrator sees roles and permissions; the organisation tree renders', async ({ page }) => {
  await login(page, 'secadmin');
  await page.goto('/admin/roles');
  await expect(page.getByText('审计管理员').first()).toBeVisible();
  await shot(page, 'admin-roles');
  await page.context().clearCookies();
  await login(page, 'sysadmin');
  await page.goto('/admin/org');
  await expect(page.getByText('财务科').first()).toBeVisible();
  await shot(page, 'admin-org');
});

test('the system administrator adjusts a system parameter and restores its default', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/settings');
  const row = page.locator('tbody tr').filter({ hasText: '管护巡查间隔' });
  await expect(row).toContainText('30 天');
  await row.getByRole('button', { name: '修改' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^管护巡查间隔/), '0');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toContainText('应在 1–365 天之间');
  await typeInto(dialog.getByLabel(/^管护巡查间隔/), '45');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText('45');
  await expect(row).toContainText('已调整');
  await shot(page, 'admin-settings');
  await row.getByRole('button', { name: '恢复默认' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: /确定|确认/ }).click();
  await expect(row).not.toContainText('已调整');
  await expect(row).toContainText('30 天');
});
