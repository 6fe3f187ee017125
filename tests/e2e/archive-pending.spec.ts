import { expect, test } from '@playwright/test';
import { login, typeInto } from './helpers';

/**
 * 待归档: the 档案管理员 sees the records collected from the demo data (归档的发文、收文, 履行完毕的
 * 合同, 审批通过的收支, 办结的地块环节), accepts two in one batch and reads the 档号 they were given,
 * finds them under 已归档, and returns another with a reason (an empty one is refused).
 */
test.describe.configure({ mode: 'serial' });

const ARCHIVE_NO = /Z001-WS·\d{4}-(Y|D30|D10)-\d{4}/;

test('the archivist accepts two records in a batch and sees their 档号', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'archivist');
  await expect(page.getByTestId('todo-archive-pending')).toBeVisible();
  await page.getByTestId('todo-archive-pending').click();
  await page.waitForURL('**/archives/pending');
  const table = page.getByTestId('pending-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('pending-help')).toContainText('未关联地块或项目的公文不收集');
  const checks = page.getByTestId('pending-check');
  expect(await checks.count()).toBeGreaterThanOrEqual(3);
  const titles = await table.locator('tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((r) => (r.querySelectorAll('td')[2] as HTMLElement).innerText.trim()));

  // Nothing ticked: told to tick first.
  await page.getByTestId('accept-pending').click();
  await expect(page.getByText('请先勾选要接收归档的记录')).toBeVisible();

  await checks.nth(0).locator('.t-checkbox').click();
  await checks.nth(1).locator('.t-checkbox').click();
  await expect(page.getByTestId('accept-pending')).toContainText('接收归档（2）');
  await page.getByTestId('accept-pending').click();
  const dialog = page.locator('.t-dialog:visible');
  await expect(dialog.getByTestId('accept-row')).toHaveCount(2);
  // The dialog fades in: the screenshot waits for it to settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'test-results/screens/archive-pending-accept.png' });
  await dialog.getByRole('button', { name: '接收归档' }).click();

  const numbers = page.getByTestId('accepted-numbers');
  await expect(numbers).toBeVisible();
  await expect(numbers.locator('> div')).toHaveCount(2);
  for (const line of await numbers.locator('> div').allInnerTexts()) expect(line).toMatch(ARCHIVE_NO);
  await expect(page.getByText(/已接收归档 2 件，档号：/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/archive-pending-accepted.png' });
  const accepted = (await numbers.locator('.lr-code').allInnerTexts()).map((t) => t.trim());
  await page.locator('.t-dialog:visible').getByRole('button', { name: '知道了' }).click();

  await page.getByTestId('pending-tab-已归档').click();
  await page.waitForURL(/status=/);
  const archived = page.getByTestId('pending-archive-no');
  const shown = (await archived.allInnerTexts()).map((t) => t.trim());
  for (const no of accepted) expect(shown).toContain(no);
  await expect(page.getByTestId('pending-table')).toContainText(titles[0].slice(0, 8));
});

test('the archivist returns a record: the reason is required', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'archivist');
  await page.goto('/archives/pending');
  await page.getByTestId('return-pending').first().click();
  const dialog = page.locator('.t-dialog:visible');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(dialog.getByText('请填写退回原因')).toBeVisible();
  await typeInto(dialog.getByLabel(/^退回原因/), '缺少签字页，请补充后重新归档');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText(/已退回「/)).toBeVisible();
  await page.getByTestId('pending-tab-已退回').click();
  await page.waitForURL(/status=/);
  await expect(page.getByTestId('pending-table')).toContainText('缺少签字页，请补充后重新归档');
  await page.screenshot({ path: 'test-results/screens/archive-pending-returned.png' });
});
