import { expect, test } from '@playwright/test';
import { login, shot } from './helpers';

test('an annual plan states last year’s carry-over beside the records’ count, and new 拟收储 apart from new 入库 (R17 二(五))', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/plans?type=annual');
  await page.getByRole('link', { name: /2025年度土地储备计划（调整）/ }).first().click();
  await page.waitForURL(/\/plans\/[^/]+$/);
  await expect(page.getByText('上年结转拟收储').first()).toBeVisible();
  await expect(page.getByText('上年结转入库储备').first()).toBeVisible();
  await expect(page.getByText(/系统核算（截至 2024-12-31）/).first()).toBeVisible();
  await expect(page.getByText('新增拟收储目标')).toBeVisible();
  await expect(page.getByText('新增入库目标')).toBeVisible();
  await expect(page.getByTestId('plan-source')).toContainText('国土资规〔2017〕17号）二（五）');
  // Targets against actuals: 新增拟收储 has its own row, counts and areas in their columns.
  const targets = page.getByTestId('plan-progress-targets');
  await expect(targets.locator('thead')).toContainText('目标宗数');
  await expect(targets.locator('tbody tr').filter({ hasText: /^新增拟收储/ })).toHaveCount(1);
  await shot(page, 'plan-annual-carry-over');

  await page.getByRole('button', { name: '调整计划' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '调整计划' });
  await expect(dialog.getByLabel('上年结转拟收储宗数')).toBeVisible();
  await shot(page, 'plan-adjust-dialog');
});

test('a supplied parcel’s record shows the notice, listing period and deal dates', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto(`/parcels?stage=${encodeURIComponent('已供应')}&use=${encodeURIComponent('商服用地')}`);
  await page.locator('tbody tr').first().getByRole('link').first().click();
  await page.waitForURL(/\/parcels\/[^/]+$/);
  await page.goto(`${page.url()}/supply`);
  await expect(page.getByText(/^公告 \d{4}-\d{2}-\d{2}$/).first()).toBeVisible();
  await expect(page.getByText(/^(挂牌|拍卖|投标) \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await shot(page, 'supply-record');
});
