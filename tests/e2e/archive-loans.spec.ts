import { expect, test, type Page } from '@playwright/test';
import { todayInShanghai } from '../../src/ui/format';
import { login, shot, typeDate, typeInto } from './helpers';

/**
 * 档案借阅: a clerk requests a loan of a demo archive item (公开: the archivist alone approves),
 * the archivist approves it, the clerk then sees it 借阅中 with the item's files to view and
 * download.
 */
test.describe.configure({ mode: 'serial' });

let loanPath = '';

function daysAfter(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function confirmPop(page: Page) {
  await page.locator('.t-popconfirm:visible, .t-popup:visible').getByRole('button', { name: /确定|确认/ }).first().click();
}

test('a clerk requests a loan of a demo archive item', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/archives/loans');
  await expect(page.getByTestId('archive-loans-table')).toBeVisible();
  await page.getByTestId('new-loan').click();
  await page.waitForURL(/\/archives\/loans\/new/);
  await typeInto(page.getByTestId('loan-search-q'), '实施方案批复（演示）');
  await page.getByTestId('loan-search-submit').click();
  await expect(page.getByTestId('loan-search-results')).toContainText('项目实施方案批复（演示）');
  await page.getByTestId('loan-pick').first().click();
  await expect(page.getByTestId('loan-picked')).toContainText('项目实施方案批复（演示）');
  await typeInto(page.getByLabel(/^借阅用途/), '核对项目实施方案的批复内容');
  const until = daysAfter(todayInShanghai(), 7);
  await typeDate(page.getByLabel(/^归还日期/), until);
  await shot(page, 'archive-loan-new');
  await page.getByTestId('loan-submit').click();
  await page.waitForURL(/\/archives\/loans\/[0-9A-Z]{26}$/);
  loanPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('loan-status')).toHaveAttribute('data-status', '待审批');
  await expect(page.getByTestId('loan-detail')).toContainText(until);
});

test('the archivist approves it', async ({ page }) => {
  expect(loanPath).not.toBe('');
  await login(page, 'archivist');
  await expect(page.getByTestId('todo-archive-loans-waiting')).toBeVisible();
  await page.goto(loanPath);
  await page.getByTestId('loan-approve').click();
  await confirmPop(page);
  await expect(page.getByTestId('loan-status')).toHaveAttribute('data-status', '借阅中');
  await expect(page.getByTestId('loan-history')).toContainText('档案管理员同意');
});

test('the clerk sees it 借阅中 with the files to view and download', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/archives/loans');
  await expect(page.getByTestId('archive-loans-table')).toContainText('借阅中');
  await page.goto(loanPath);
  await expect(page.getByTestId('loan-status')).toHaveAttribute('data-status', '借阅中');
  const files = page.getByTestId('loan-item-files');
  await expect(files).toBeVisible();
  const link = files.getByRole('link', { name: '下载' }).first();
  await expect(link).toHaveAttribute('href', /^\/api\/archives\/files\/[0-9A-Za-z_-]+\?download=1$/);
  await expect(page.getByTestId('loan-return')).toBeVisible();
  await shot(page, 'archive-loan-lent');
  // Within the period the borrower downloads the file (checked against its SM3 digest first).
  const href = (await link.getAttribute('href'))!;
  const lent = await page.request.get(href);
  expect(lent.status()).toBe(200);
  expect((await lent.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // After the return the same download is refused with the reason.
  await page.getByTestId('loan-return').click();
  await confirmPop(page);
  await expect(page.getByTestId('loan-status')).toHaveAttribute('data-status', '已归还');
  const after = await page.request.get(href);
  expect(after.status()).toBe(403);
  expect(((await after.json()) as { error: string }).error).toContain('不在您的借阅中');
});
