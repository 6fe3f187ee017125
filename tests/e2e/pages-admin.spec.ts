import { expect, test, type Page } from '@playwright/test';
import { expectTidy, fillLogin, login, shot } from './helpers';

/** The admin pages and the workbench on the page kit: tidy at 1440 px, state in the URL, object references by name. */

test.describe.configure({ mode: 'serial' });

async function relogin(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
}

test('the user list: filters and paging in the URL, row actions, tidy at 1440 px', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/users');
  await expect(page.getByTestId('users-total')).toContainText('个用户');
  await expectTidy(page);
  await shot(page, 'list-admin-users');

  // Paging through the URL: 10 a page, the second page holds the rest.
  await page.goto('/admin/users?size=10');
  const total = Number((await page.getByTestId('users-total').innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(10);
  const firstPage = await page.locator('tbody tr').allInnerTexts();
  expect(firstPage).toHaveLength(10);
  await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/size=10/);
  await expect(page.locator('tbody tr')).toHaveCount(Math.min(10, total - 10));

  // The filter bar: a keyword, then a status, starting again at page 1.
  const keyword = page.getByPlaceholder('用户名或姓名');
  await keyword.pressSequentially('档案');
  await keyword.press('Enter');
  await expect(page).toHaveURL(/q=%E6%A1%A3%E6%A1%88/);
  await expect(page).not.toHaveURL(/page=2/);
  const row = page.locator('tbody tr').filter({ hasText: 'archivist' });
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(row).toContainText('陈档案（演示）');

  // Row actions: disable, then enable again (the status filter finds it in between).
  await row.getByRole('button', { name: '停用' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: /确定|确认/ }).click();
  await expect(page.getByText('已停用用户 archivist').first()).toBeVisible();
  await expect(row.getByTestId('user-status')).toHaveText('停用');
  await page.goto('/admin/users?status=disabled');
  await expect(page.locator('tbody')).toContainText('archivist');
  for (const status of await page.getByTestId('user-status').allInnerTexts()) expect(status.trim()).toBe('停用');
  await expectTidy(page);
  await page.locator('tbody tr').filter({ hasText: 'archivist' }).getByRole('button', { name: '启用' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: /确定|确认/ }).click();
  await expect(page.getByText('已启用用户 archivist').first()).toBeVisible();
  await expect(page.locator('tbody')).not.toContainText('archivist');

  // The edit dialog opens from the row with the user's values.
  await page.goto('/admin/users?q=archivist');
  await page.locator('tbody tr').first().getByRole('button', { name: '编辑' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await expect(dialog.getByPlaceholder('真实姓名')).toHaveValue('陈档案（演示）');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
});

test('the audit log: filters and paging in the URL, the object by name and code linking to it, tidy', async ({ page }) => {
  // Attempts with unknown login names (locking nobody) give the log more than a page of 10.
  for (let i = 1; i <= 4; i++) {
    await fillLogin(page, `e2e_nobody_${i}`, 'not-the-password');
    await expect(page.getByTestId('login-error')).toBeVisible();
  }
  await login(page, 'auditadmin');
  await page.goto('/admin/audit');
  await expect(page.getByTestId('audit-total')).toContainText('条记录');
  await expectTidy(page);
  await shot(page, 'list-admin-audit');

  // Filters in the URL: the action and the result; the date range of today.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await page.goto(`/admin/audit?action=${encodeURIComponent('停用用户')}&result=${encodeURIComponent('成功')}&from=${today}&to=${today}`);
  const row = page.locator('tbody tr:not(.lr-expanded)').first();
  await expect(row).toContainText('停用用户');
  await expect(row).toContainText('周系统（演示）');
  // The object: its type, then the user by login name and name, linking to it.
  const object = row.getByTestId('audit-object');
  await expect(object).toContainText('用户');
  const link = object.getByRole('link');
  await expect(link).toHaveText('archivist陈档案（演示）');
  await expect(link).toHaveClass(/lr-link/);
  const href = await link.getAttribute('href');
  expect(href).toBe('/admin/users?q=archivist');
  await expectTidy(page);
  // The field changes open under the row.
  const diff = row.locator('xpath=following-sibling::tr[1]').getByTestId('audit-diff');
  await expect(diff).toBeHidden();
  await row.locator('.t-table__expand-box').click();
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('状态');
  await shot(page, 'list-admin-audit-object');

  // Paging keeps the filters.
  await page.goto(`/admin/audit?result=${encodeURIComponent('失败')}&size=10`);
  const failed = Number((await page.getByTestId('audit-total').innerText()).replace(/\D/g, ''));
  expect(failed).toBeGreaterThanOrEqual(4);
  await page.goto('/admin/audit?size=10');
  const total = Number((await page.getByTestId('audit-total').innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(10);
  await expect(page.locator('tbody tr:not(.lr-expanded)')).toHaveCount(10);
  await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/size=10/);
  await expect(page.locator('tbody tr:not(.lr-expanded)')).toHaveCount(Math.min(10, total - 10));
  // An attempt by an unknown login name: no person, and no user to link to.
  await page.goto('/admin/audit?user=e2e_nobody_1');
  const unknown = page.locator('tbody tr:not(.lr-expanded)').first();
  await expect(unknown).toContainText('（未识别用户）');
  await expect(unknown).toContainText('e2e_nobody_1');
  await expect(unknown.getByTestId('audit-object').getByRole('link')).toHaveCount(0);

  // The link opens the object for someone allowed to see it (the audit administrator manages no users).
  await relogin(page, 'sysadmin');
  await page.goto(href!);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr').first()).toContainText('陈档案（演示）');
});
