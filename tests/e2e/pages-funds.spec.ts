import { expect, test, type Page } from '@playwright/test';
import { expectTidy, login, shot } from './helpers';

/**
 * Every 资金管理 page on the page kit, as the finance role at 1440×900: tidy (no sideways scroll,
 * no wrapped cell), a sort, filter or paging step through the URL where the page has one, a
 * screenshot, and totals rows whose cells stand under their column headers.
 */

/** Each filled cell of the table's totals row starts and ends where its column header does. */
async function expectTotalsAligned(page: Page, testId: string) {
  const table = page.getByTestId(testId);
  const heads = table.locator('thead th');
  const cells = table.locator('tfoot tr.lr-total td');
  await expect(cells.first()).toBeVisible();
  const count = await cells.count();
  expect(count).toBe(await heads.count());
  let checked = 0;
  for (let i = 0; i < count; i++) {
    const text = (await cells.nth(i).innerText()).trim();
    if (text === '') continue;
    const [cell, head] = [await cells.nth(i).boundingBox(), await heads.nth(i).boundingBox()];
    expect(cell, `totals cell ${i} of ${testId}`).not.toBeNull();
    expect(Math.abs(cell!.x - head!.x), `totals cell ${i} (${text}) of ${testId} starts under its header`).toBeLessThanOrEqual(1);
    expect(Math.abs(cell!.width - head!.width), `totals cell ${i} (${text}) of ${testId} is as wide as its header`).toBeLessThanOrEqual(1);
    // Text right-aligned under right-aligned headers (amounts).
    const [cellAlign, headAlign] = [await cells.nth(i).evaluate((el) => getComputedStyle(el).textAlign), await heads.nth(i).evaluate((el) => getComputedStyle(el).textAlign)];
    expect(cellAlign).toBe(headAlign);
    checked++;
  }
  // The label and at least one figure.
  expect(checked, `filled totals cells of ${testId}`).toBeGreaterThanOrEqual(2);
}

/** A column's cells as numbers ('1,234.56' → 1234.56). */
async function numbers(page: Page, tableTestId: string, column: number): Promise<number[]> {
  const texts = await page.getByTestId(tableTestId).locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
  return texts.map((t) => Number(t.replace(/[^\d.-]/g, '')));
}

test.beforeEach(async ({ page }) => {
  await login(page, 'finance');
});

test('收支台账: amounts in 元, sorting, paging and a filter through the URL, tidy', async ({ page }) => {
  await page.goto('/funds/ledger');
  await expect(page.getByTestId('ledger-total')).toContainText('笔');
  await expect(page.getByTestId('ledger-table').locator('thead')).toContainText('金额（元）');
  await expectTidy(page);
  await shot(page, 'list-funds-ledger');

  await page.getByRole('link', { name: '金额（元）' }).click();
  await expect(page).toHaveURL(/sort=amount&order=asc/);
  const amounts = await numbers(page, 'ledger-table', 5);
  expect(amounts.length).toBeGreaterThan(1);
  expect(amounts).toEqual([...amounts].sort((a, b) => a - b));

  await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=amount/);
  await expectTidy(page);

  await page.goto('/funds/ledger?direction=income&sort=date&order=asc');
  const directions = await page.getByTestId('ledger-table').locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(directions.length).toBeGreaterThan(0);
  for (const d of directions) expect(d.trim()).toBe('收入');
  const dates = await page.getByTestId('ledger-table').locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(dates).toEqual([...dates].sort());
  await expectTidy(page);
});

test('资金总览: figures and tables in 万元, a year through the URL, totals under their columns', async ({ page }) => {
  await page.goto('/funds');
  await expect(page.getByTestId('funds-income')).toContainText('万元');
  await expectTidy(page);
  await shot(page, 'detail-funds-overview');
  for (const table of ['funds-by-source', 'funds-monthly', 'funds-accounts', 'funds-bonds']) {
    // In each money header, or once above the table (金额单位：万元).
    await expect(page.getByTestId(table)).toContainText('万元');
    await expect(page.getByTestId(table)).not.toContainText('（元）');
    await expectTotalsAligned(page, table);
  }
  // The year select shows its whole value (not 「202…」).
  const yearInput = page.getByTestId('funds-overview').locator('.t-select input').first();
  const year = await yearInput.inputValue();
  expect(year).toMatch(/^\d{4} 年$/);
  expect(await yearInput.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const previous = Number(year.slice(0, 4)) - 1;
  await page.goto(`/funds?year=${previous}`);
  await expect(page.getByTestId('funds-income')).toContainText(`${previous} 年收入（万元）`);
  await expectTidy(page);
});

test('专项债券: the list fits 1440 px with its totals under their columns; a bond’s page is tidy', async ({ page }) => {
  await page.goto('/funds/bonds');
  await expect(page.getByTestId('bonds-total')).toContainText('支');
  await expectTidy(page);
  await expectTotalsAligned(page, 'bonds-table');
  await shot(page, 'list-funds-bonds');

  await page.getByTestId('bonds-table').getByRole('link', { name: 'HN2025-TDCB-01' }).click();
  await page.waitForURL(/\/funds\/bonds\/[0-9A-Z]{26}$/);
  await expect(page.getByTestId('bond-schedule')).toContainText('金额单位：万元');
  await expect(page.getByTestId('bond-allocations')).toContainText('金额单位：万元');
  await expect(page.getByTestId('bond-payments').locator('thead')).toContainText('支付本金（元）');
  await expectTidy(page);
  await expectTotalsAligned(page, 'bond-schedule');
  await expectTotalsAligned(page, 'bond-allocations');
  await shot(page, 'detail-funds-bond');
});

test('项目资金余额: 万元 once above the table, a year and a status through the URL, paging, totals aligned', async ({ page }) => {
  await page.goto('/funds/projects');
  await expect(page.getByTestId('balances-total')).toContainText('累计');
  await expect(page.getByTestId('balances-table')).toContainText('金额单位：万元');
  await expectTidy(page);
  await expectTotalsAligned(page, 'balances-table');
  await shot(page, 'list-funds-projects');

  const total = Number((await page.getByTestId('balances-total').innerText()).match(/共 (\d+) 个项目/)![1]);
  if (total > 20) {
    await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
    await expect(page).toHaveURL(/page=2/);
    await expectTidy(page);
  }
  await page.goto('/funds/projects?status=closed');
  for (const row of await page.getByTestId('balances-table').locator('tbody tr').all()) {
    if ((await row.innerText()).includes('没有符合条件的项目')) break;
    await expect(row).toContainText('已关闭');
  }
  const year = await page.evaluate(() => new Date().getFullYear());
  await page.goto(`/funds/projects?year=${year}`);
  await expect(page.getByTestId('balances-total')).toContainText(`${year} 年度`);
  await expect(page.getByTestId('balances-table').locator('thead')).toContainText('年度预算执行率');
  await expectTidy(page);
  await expectTotalsAligned(page, 'balances-table');
});

test('资金账户: the 资金来源 column holds its names on one line, a filter through the URL, totals aligned', async ({ page }) => {
  await page.goto('/funds/accounts');
  await expect(page.getByTestId('accounts-total')).toContainText('个账户');
  await expectTidy(page);
  await expectTotalsAligned(page, 'accounts-table');
  await shot(page, 'list-funds-accounts');
  // Each 资金来源 cell shows its whole name.
  for (const testId of ['fund-sources', 'accounts-table']) {
    const cut = await page
      .getByTestId(testId)
      .locator('tbody td')
      .evaluateAll((tds) => tds.filter((td) => /资金|收入|基金/.test(td.textContent ?? '') && td.textContent!.length <= 12 && td.scrollWidth > td.clientWidth).map((td) => td.textContent));
    expect(cut, `${testId}: source names cut`).toEqual([]);
  }
  const source = await page.getByTestId('accounts-table').locator('tbody tr td:nth-child(2)').first().innerText();
  await page.goto('/funds/accounts?status=active');
  for (const status of await page.getByTestId('accounts-table').locator('tbody tr td:nth-child(4)').allInnerTexts()) expect(status.trim()).toBe('使用中');
  expect(source.trim().length).toBeGreaterThan(0);
  await expectTidy(page);
});

test('项目预算: list with a year and a keyword through the URL, a project’s budgets with totals under their columns', async ({ page }) => {
  await page.goto('/funds/budgets');
  await expect(page.getByTestId('budgets-total')).toContainText('个项目');
  await expectTidy(page);
  await expectTotalsAligned(page, 'budgets-table');
  await shot(page, 'list-funds-budgets');

  await page.goto('/funds/budgets?q=%E6%BC%94%E7%A4%BA');
  await expect(page.getByTestId('budgets-table').locator('tfoot')).toContainText('筛选结果合计');
  for (const name of await page.getByTestId('budgets-table').locator('tbody tr td:nth-child(2)').allInnerTexts()) expect(name).toContain('演示');
  await expectTidy(page);

  await page.getByTestId('budgets-table').locator('tbody a[href^="/funds/budgets/"]').first().click();
  await page.waitForURL(/\/funds\/budgets\/[0-9A-Z]{26}/);
  await expect(page.getByText('全生命周期预算').first()).toBeVisible();
  await expectTidy(page);
  await expectTotalsAligned(page, 'life-execution');
  await expectTotalsAligned(page, 'annual-execution');
  await expect(page.getByTestId('budget-history').locator('tbody tr').first()).toContainText('（演示）');
  await shot(page, 'detail-funds-budget');
});

test('收支记录: an entry’s page is tidy, its facts in 元 and its buttons live', async ({ page }) => {
  await page.goto('/funds/ledger?status=reviewed');
  await page.getByTestId('ledger-table').locator('tbody a[href^="/funds/ledger/"]').first().click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);
  await expect(page.getByTestId('entry-facts')).toContainText('金额（元）');
  await expect(page.getByRole('button', { name: '财务审批' })).toBeVisible();
  await expectTidy(page);
  await shot(page, 'detail-funds-ledger-entry');
  // The approval dialog is an island: it opens on the server-rendered page.
  await page.getByRole('button', { name: '财务审批' }).click();
  await expect(page.locator('.t-dialog:visible')).toContainText('财务审批：');
  await page.locator('.t-dialog:visible').getByRole('button', { name: '取消' }).click();
});

test('资金执行情况表: in 万元, tidy, a year through the URL', async ({ page }) => {
  await page.goto('/funds/report');
  const report = page.getByTestId('execution-report');
  await expect(report).toContainText('益阳市土地储备发展中心');
  await expect(report).toContainText('单位：万元');
  await expectTidy(page);
  await shot(page, 'detail-funds-report');
  const year = Number((await report.locator('h1').innerText()).slice(0, 4));
  await page.goto(`/funds/report?year=${year - 1}`);
  await expect(report.locator('h1')).toContainText(`${year - 1} 年度资金执行情况表`);
  await expectTidy(page);
});

test('新增收支: the form in a server-rendered card frame, tidy', async ({ page }) => {
  await page.goto('/funds/ledger/new');
  const card = page.getByTestId('entry-form');
  await expect(card.locator('.t-card__title')).toHaveText('新增收支');
  await expect(card.getByLabel(/^金额（元）/)).toBeVisible();
  await expectTidy(page);
  await shot(page, 'form-funds-ledger-new');
});
