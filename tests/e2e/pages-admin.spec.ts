import { expect, test, type Page } from '@playwright/test';
import { expectTidy, fillLogin, login, shot, typeInto } from './helpers';

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

test('the audit log: filters and paging in the URL, the object by name and code (plain text for the audit administrator), tidy', async ({ page }) => {
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
  // The object: its type, then the user by login name and name. 三员分立: the audit administrator
  // may open no user page, so the reference is plain text (no link, no link colour).
  const object = row.getByTestId('audit-object');
  await expect(object).toContainText('用户');
  await expect(object.getByRole('link')).toHaveCount(0);
  const ref = object.locator('.lr-ref');
  await expect(ref).toHaveText('archivist陈档案（演示）');
  await expect(ref).not.toHaveClass(/lr-link/);
  await expect(ref.locator('.lr-ref__code')).toHaveText('archivist');
  expect(await ref.evaluate((el) => el.tagName)).toBe('SPAN');
  // Not a link anywhere on the page: every object of the log is out of the audit administrator's reach.
  await page.goto('/admin/audit?size=50');
  await expect(page.locator('[data-testid="audit-object"] .lr-ref').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-object"] a')).toHaveCount(0);
  await page.goto(`/admin/audit?action=${encodeURIComponent('停用用户')}&result=${encodeURIComponent('成功')}&from=${today}&to=${today}`);
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

  // The object named is the one the user administrator finds by the login name shown (the link the
  // log would carry for a viewer who manages users: /admin/users?q=<login name>).
  await relogin(page, 'sysadmin');
  await page.goto('/admin/users?q=archivist');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr').first()).toContainText('陈档案（演示）');
});

test('the workbench: to-dos name their first objects by code and name, linking to them', async ({ page }) => {
  await login(page, 'clerk');
  const refs = page.getByTestId('todo-warn-red-refs');
  await expect(refs).toBeVisible();
  const first = refs.locator('a.lr-ref').first();
  await expect(first).toHaveText(/^\d{6}-\d{4}-\d{4}\S/);
  await expect(first).toHaveAttribute('href', /^\/parcels\/[0-9A-Z]{26}$/);
  await expectTidy(page);
  await shot(page, 'detail-workbench');
  const code = (await first.locator('.lr-ref__code').innerText()).trim();
  await first.click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  await expect(page.getByText(code).first()).toBeVisible();

  // The chief's entries waiting for review: by number and summary, opening the entry.
  await relogin(page, 'chief');
  const entries = page.getByTestId('todo-ledger-refs');
  const entry = entries.locator('a.lr-ref').first();
  await expect(entry).toHaveAttribute('href', /^\/funds\/ledger\/[0-9A-Z]{26}$/);
  const entryNo = (await entry.locator('.lr-ref__code').innerText()).trim();
  expect(entryNo).toMatch(/^ZJ\d{4}-\d{6}$/);
  await expect(entries.getByRole('link', { name: /^全部 \d+ 笔/ })).toHaveAttribute('href', '/funds/ledger?mine=1');
  await entry.click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);
  await expect(page.getByText(entryNo).first()).toBeVisible();
});

test('system settings: whole names beside their sources, tidy', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/settings');
  await expect(page.getByTestId('setting-source-parcel.reserveLimitDays')).toContainText('依据');
  // A changed setting shows who changed it and all three actions, still on one line.
  const row = page.locator('tbody tr').filter({ hasText: '前期开发停滞预警' });
  await row.getByRole('button', { name: '修改' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^前期开发停滞预警/), '120');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText('已调整');
  await expect(row).toContainText('周系统（演示）');
  await expect(row.getByRole('button', { name: '恢复默认' })).toBeVisible();
  await expectTidy(page);
  const cutCells = await row.locator('td').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  expect(cutCells, 'cells cut short').toEqual([]);
  // No setting name is cut: each fits its column.
  const cut = await page.locator('tbody tr:not(.lr-expanded) td:first-child').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  expect(cut).toEqual([]);
  await shot(page, 'list-admin-settings');
  await row.getByRole('button', { name: '恢复默认' }).click();
  await page.locator('.t-popconfirm').getByRole('button', { name: /确定|确认/ }).click();
  await expect(row).not.toContainText('已调整');
});

test('roles, organisation, map layers and the password page on the kit', async ({ page }) => {
  await login(page, 'secadmin');
  await page.goto('/admin/roles');
  await expectTidy(page);
  await page.getByTestId('roles-table').getByRole('link', { name: '经办', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/roles\?id=/);
  await expect(page.getByText('「经办」的权限')).toBeVisible();
  // The editor shows the role's permissions ticked (经办 views parcels, cannot manage users).
  await expect(page.locator('.t-checkbox').filter({ hasText: 'parcel:view' })).toHaveClass(/t-is-checked/);
  await expect(page.locator('.t-checkbox').filter({ hasText: 'user:manage' })).not.toHaveClass(/t-is-checked/);
  await expect(page.locator('tr.lr-row--selected')).toContainText('经办');
  await shot(page, 'list-admin-roles');

  await relogin(page, 'sysadmin');
  await page.goto('/admin/org');
  await page.getByTestId('org-tree').getByRole('link', { name: /^财务科/ }).click();
  await expect(page).toHaveURL(/\/admin\/org\?id=/);
  await expect(page.getByTestId('department-details')).toContainText('财务科');
  await expect(page.getByTestId('department-members')).toContainText('刘财务（演示）');
  await expectTidy(page);
  await shot(page, 'detail-admin-org');

  await page.goto('/admin/map-layers');
  await expect(page.getByTestId('basemap-choice')).toContainText('离线地图');
  await page.getByRole('button', { name: '新增图层' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await expect(dialog).toContainText('新增地图图层');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expectTidy(page);
  await shot(page, 'detail-admin-map-layers');

  await page.goto('/profile/password');
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await expect(page.getByLabel('当前密码')).toBeVisible();
  await expectTidy(page);
  await shot(page, 'detail-profile-password');
});
