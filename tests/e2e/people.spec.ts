import { expect, test, type Locator, type Page } from '@playwright/test';
import { login, shot } from './helpers';

/** People are shown by name (and department), never by login name; addresses without `::ffff:`. */

test.describe.configure({ mode: 'serial' });

const LOGIN_NAMES = /\b(clerk|chief|finance2?|leader|sysadmin|secadmin|auditadmin|archivist|auditor)\b/;

async function expectNoLoginNames(area: Locator) {
  await expect(area).not.toContainText(LOGIN_NAMES);
}

async function relogin(page: Page, username: string) {
  await page.context().clearCookies();
  await login(page, username);
}

test('a ledger entry names its clerk, reviewer and approvers with their sections', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/funds/ledger?status=approved');
  await page.locator('tbody tr').first().locator('a[href^="/funds/ledger/"]').first().click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);
  const details = page.locator('.t-descriptions');
  await expect(details.getByText('王经办（演示）')).toBeVisible();
  await expect(details.getByText('收储科').first()).toBeVisible();
  await expect(details.getByText('刘财务（演示）')).toBeVisible();
  const timeline = page.getByTestId('entry-timeline');
  await expect(timeline.getByTestId('step-actor').first()).toContainText('（演示）');
  await expect(timeline).toContainText('李科长（演示）');
  await expectNoLoginNames(timeline);
  await expectNoLoginNames(details);
  await shot(page, 'people-ledger-entry');
});

test('a parcel’s lifecycle and overview name who did each step', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels?stage=%E5%B7%B2%E4%BE%9B%E5%BA%94');
  // A demo parcel (coded like 430922-2023-0005): its 入库 was done by the chief, the other steps by the clerk.
  await page.locator('tbody tr').filter({ hasText: /\d{6}-\d{4}-\d{4}/ }).first().locator('a[href^="/parcels/"]').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  const recent = page.getByTestId('event-actor');
  await expect(recent.first()).toContainText('（演示）');
  await expectNoLoginNames(page.locator('.t-timeline'));
  await page.goto(`${new URL(page.url()).pathname}/lifecycle`);
  const timeline = page.getByTestId('lifecycle-timeline');
  await expect(timeline.getByTestId('event-actor').first()).toContainText('王经办（演示）');
  await expect(timeline).toContainText('收储科');
  await expect(timeline).toContainText('李科长（演示）');
  await expectNoLoginNames(timeline);
  await shot(page, 'people-parcel-lifecycle');
  // The project's latest events name the clerk too.
  await page.locator('a[href^="/projects/"]').first().click();
  await page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
  const events = page.locator('.t-table').filter({ hasText: '经办人' });
  await expect(events.locator('tbody tr').first()).toContainText('（演示）');
  await expectNoLoginNames(events);
  await events.screenshot({ path: 'test-results/screens/people-project-events.png' });
});

test('the audit log shows name, section and login name, and finds a person by name', async ({ page }) => {
  await login(page, 'auditadmin');
  await page.goto('/admin/audit');
  const filter = page.getByPlaceholder('姓名或登录名');
  await filter.pressSequentially('王经办');
  await filter.press('Enter');
  await page.waitForURL(/user=/);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toContainText('王经办（演示）');
  await expect(rows.first()).toContainText('收储科');
  await expect(rows.first()).toContainText('clerk');
  await expect(page.locator('tbody')).not.toContainText('::ffff:');
  await expect(rows.first()).toContainText('127.0.0.1');
  // Name, login name, message and address all fit a 1440 px screen: no sideways scrolling.
  const table = page.locator('.t-table__content').first();
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await shot(page, 'people-audit-log');
  await page.goto('/admin/audit');
  await expect(page.getByTestId('audit-user').first()).toBeVisible();
  await shot(page, 'people-audit-log-all');
});

test('bond payments and budget versions name who recorded them', async ({ page }) => {
  await login(page, 'finance');
  await page.goto('/funds/bonds');
  await page.getByRole('link', { name: 'HN2025-TDCB-01' }).first().click();
  await page.waitForURL(/\/funds\/bonds\/[0-9A-Z]{26}$/);
  const payments = page.getByTestId('bond-payments');
  await expect(payments.locator('tbody tr').first()).toContainText('刘财务（演示）');
  await expectNoLoginNames(payments);
  expect(await payments.locator('.t-table__content').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await payments.screenshot({ path: 'test-results/screens/people-bond-payments.png' });
  await page.goto('/funds/budgets');
  await page.locator('a[href^="/funds/budgets/"]', { hasText: '（演示）' }).first().click();
  await page.waitForURL(/\/funds\/budgets\/[0-9A-Z]{26}/);
  const history = page.getByTestId('budget-history');
  await expect(history.locator('tbody tr').first()).toContainText('刘财务（演示）');
  await expectNoLoginNames(history);
  await history.screenshot({ path: 'test-results/screens/people-budget-history.png' });
});

test('the workbench shows the previous login address as a plain IPv4 address', async ({ page }) => {
  await login(page, 'finance');
  await relogin(page, 'finance');
  const previous = page.getByTestId('workbench-previous-login');
  await expect(previous).toContainText('上次登录');
  await expect(previous).toContainText('IP 127.0.0.1');
  await expect(previous).not.toContainText('::ffff:');
  await shot(page, 'people-workbench');
});
