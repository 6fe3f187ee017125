import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectTidy, login, shot, typeInto } from './helpers';

/** The numbers of a column (1-based) of the list's rows, separators dropped. */
async function columnNumbers(page: Page, column: number): Promise<number[]> {
  return (await page.locator(`[data-testid$="-table"] tbody tr td:nth-child(${column})`).allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
}

/** A totals row lines up: its cell under `header` starts and ends where the header does. */
async function expectTotalUnder(table: Locator, header: string | RegExp) {
  const headers = table.locator('thead th');
  const titles = await headers.allInnerTexts();
  const index = titles.findIndex((t) => (typeof header === 'string' ? t.trim() === header : header.test(t.trim())));
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  const th = await headers.nth(index).boundingBox();
  const cell = table.locator('tfoot tr.lr-total td').nth(index);
  await expect(cell).not.toHaveText('');
  const td = await cell.boundingBox();
  expect(th && td).toBeTruthy();
  expect(Math.abs(td!.x - th!.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(td!.width - th!.width)).toBeLessThanOrEqual(1);
}

test('the project list: sorting, filters and paging in the URL, tidy at 1440 px', async ({ page }) => {
  await login(page, 'leader');
  await page.goto('/projects');
  await expect(page.getByTestId('projects-total')).toContainText('个项目');
  await expectTidy(page);
  // Every column is on the screen: the last one (状态) ends inside the viewport.
  const status = await page.locator('[data-testid="projects-table"] thead th').last().boundingBox();
  expect(status!.x + status!.width).toBeLessThanOrEqual(1440);
  await shot(page, 'list-projects');

  await page.getByRole('link', { name: '估算成本（万元）' }).click();
  await expect(page).toHaveURL(/sort=estimatedCost&order=asc/);
  const ascending = await columnNumbers(page, 7);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByRole('link', { name: '估算成本（万元）' }).click();
  await expect(page).toHaveURL(/sort=estimatedCost&order=desc/);
  const descending = await columnNumbers(page, 7);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));

  // The filter bar keeps the order.
  await page.getByPlaceholder('收储方式').click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^征收$/ }).click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/route=%E5%BE%81%E6%94%B6/);
  await expect(page).toHaveURL(/sort=estimatedCost/);
  const routes = await page.locator('[data-testid="projects-table"] tbody tr td:nth-child(3)').allInnerTexts();
  expect(routes.length).toBeGreaterThan(0);
  for (const r of routes) expect(r).toBe('征收');
  await expectTidy(page);

  // Paging by links, 10 a page.
  await page.goto('/projects?size=10');
  const first = await page.locator('[data-testid="projects-table"] tbody tr').allInnerTexts();
  expect(first).toHaveLength(10);
  await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/size=10/);
  const second = await page.locator('[data-testid="projects-table"] tbody tr').allInnerTexts();
  expect(second.length).toBeGreaterThan(0);
  expect(second.some((row) => first.includes(row))).toBe(false);
});

test('the plan list: sorting, filters and page size in the URL, tidy at 1440 px', async ({ page }) => {
  await login(page, 'leader');
  await page.goto('/plans');
  await expect(page.getByTestId('plans-total')).toContainText('个计划');
  await expectTidy(page);
  await shot(page, 'list-plans');

  // Every version, ordered by approval date.
  await page.getByPlaceholder('仅现行版本').click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^全部版本$/ }).click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/status=all/);
  await expect(page.getByTestId('plans-table').locator('tbody')).toContainText('历史版本');
  await page.getByRole('link', { name: '批准日期' }).click();
  await expect(page).toHaveURL(/status=all/);
  await expect(page).toHaveURL(/sort=approvedOn&order=asc/);
  const dates = await page.locator('[data-testid="plans-table"] tbody tr td:nth-child(7)').allInnerTexts();
  expect(dates.length).toBeGreaterThan(1);
  expect(dates).toEqual([...dates].sort());

  // A year the plan covers, typed key by key.
  await typeInto(page.getByPlaceholder('年度，如 2026'), '2025');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/year=2025/);
  for (const years of await page.locator('[data-testid="plans-table"] tbody tr td:nth-child(2)').allInnerTexts()) expect(years).toContain('2025');

  // Page size by link keeps the filters and the order.
  await page.getByTestId('list-pagination').getByRole('link', { name: '50 条/页' }).click();
  await expect(page).toHaveURL(/size=50/);
  await expect(page).toHaveURL(/year=2025/);
  await expect(page).toHaveURL(/sort=approvedOn/);
  await expectTidy(page);
});

test('the project and plan pages: tidy, totals under their columns', async ({ page }) => {
  // The section chief sees the pages' islands too (编辑, 关闭项目, 调整计划).
  await login(page, 'chief');
  await page.goto('/projects');
  await page.locator('[data-testid="projects-table"] tbody tr').first().locator('a[href^="/projects/"]').first().click();
  await page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
  await expect(page.getByTestId('project-detail')).toBeVisible();
  await expectTidy(page);
  await shot(page, 'detail-project');
  await expectTotalUnder(page.getByTestId('project-parcels'), '面积（亩）');
  await expectTotalUnder(page.getByTestId('project-stage-totals'), '面积（亩）');
  await expectTotalUnder(page.getByTestId('project-stage-totals'), '地块数');
  await expect(page.getByTestId('project-events').locator('thead')).toContainText('金额（万元）');

  await page.goto('/plans?type=annual&year=2025');
  await page.locator('[data-testid="plans-table"] tbody a[href^="/plans/"]').first().click();
  await page.waitForURL(/\/plans\/[0-9A-Z]{26}$/);
  await expect(page.getByTestId('plan-detail')).toBeVisible();
  await expectTidy(page);
  await shot(page, 'detail-plan');
  await expectTotalUnder(page.getByTestId('supply-plan-parcels'), '面积（亩）');
  await expect(page.getByTestId('plan-progress-fund').locator('thead')).toContainText('资金需求（万元）');
});

test('a parcel’s pages: tidy, totals under their columns, the forms framed', async ({ page }) => {
  await login(page, 'chief');
  await page.goto(`/parcels?stage=${encodeURIComponent('已供应')}`);
  await page.locator('tbody tr').first().getByRole('link').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  const base = new URL(page.url()).pathname;
  await expect(page.getByTestId('parcel-facts')).toBeVisible();
  await expectTidy(page);
  await shot(page, 'detail-parcel');

  for (const [segment, check] of [
    ['lifecycle', 'lifecycle-timeline'],
    ['acquisition', 'compensation-summary'],
    ['development', 'work-packages'],
    ['custody', 'custody-inspections'],
    ['supply', 'supply-records'],
  ] as const) {
    await page.goto(`${base}/${segment}`);
    await expect(page.getByTestId(check)).toBeVisible();
    await expect(page.locator('nav[aria-label="地块栏目"] [aria-current="page"]')).toBeVisible();
    await expectTidy(page);
    await shot(page, `detail-parcel-${segment}`);
    if (segment === 'acquisition') await expectTotalUnder(page.getByTestId('parcel-costs'), '金额（元）');
    if (segment === 'development') await expectTotalUnder(page.getByTestId('work-packages'), '合同金额（元）');
  }

  for (const [path, name] of [
    [`${base}/edit`, 'form-parcel-edit'],
    ['/parcels/new', 'form-parcel-new'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId('parcel-form-card')).toBeVisible();
    await expectTidy(page);
    await shot(page, name);
  }
  await page.goto('/parcels/import');
  await expect(page.getByTestId('parcel-import')).toBeVisible();
  await expectTidy(page);
  await shot(page, 'form-parcel-import');
});
