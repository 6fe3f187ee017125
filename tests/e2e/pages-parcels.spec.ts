import { expect, test } from '@playwright/test';
import { expectTidy, login, shot } from './helpers';

test('the parcel list: filters, sorting and paging in the URL, tidy at 1440 px', async ({ page }) => {
  await login(page, 'leader');
  await page.goto('/parcels');
  await expect(page.getByTestId('parcels-total')).toContainText('宗地块');
  await expectTidy(page);
  await shot(page, 'list-parcels');

  // Sorting is a header link: ascending, then descending.
  await page.getByRole('link', { name: '面积（亩）' }).click();
  await expect(page).toHaveURL(/sort=area&order=asc/);
  await page.getByRole('link', { name: '面积（亩）' }).click();
  await expect(page).toHaveURL(/sort=area&order=desc/);
  const areas = (await page.locator('tbody tr td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
  expect(areas).toEqual([...areas].sort((a, b) => b - a));

  // Paging keeps the order; the filter bar keeps it too and starts at page 1.
  await page.getByTestId('list-pagination').getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=area/);
  await page.getByPlaceholder('环节').click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^已入库$/ }).click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/stage=%E5%B7%B2%E5%85%A5%E5%BA%93/);
  await expect(page).not.toHaveURL(/page=2/);
  for (const stage of await page.locator('tbody [data-stage]').allInnerTexts()) expect(stage).toBe('已入库');
  await expectTidy(page);
});
