import { expect, test } from '@playwright/test';
import { login, shot } from './helpers';

test('the server-drawn shell: menu marks the page, groups open and close, links navigate, icons from the sprite', async ({ page }) => {
  await login(page, 'clerk');
  const menu = page.locator('.t-menu');
  // On the workbench every group is open, as TDesign's Menu showed it.
  await expect(menu.locator('li[data-k="workbench"]')).toHaveClass(/t-is-active/);
  await expect(menu.getByRole('link', { name: '收支台账' })).toBeVisible();
  // Icons come from the sprite: a <use> each, no drawing inline.
  expect(await menu.locator('svg.t-icon use').count()).toBeGreaterThan(10);
  expect(await menu.locator('svg.t-icon path').count()).toBe(0);
  const sprite = await page.request.get((await menu.locator('svg.t-icon use').first().getAttribute('href'))!.split('#')[0]);
  expect(sprite.headers()['content-type']).toContain('image/svg+xml');

  await menu.getByRole('link', { name: '地块' }).click();
  await page.waitForURL('**/parcels');
  await expect(menu.locator('li[data-k="parcels"]')).toHaveClass(/t-is-active/);
  await expect(menu.locator('li[data-k="workbench"]')).not.toHaveClass(/t-is-active/);
  await expect(page.locator('.t-breadcrumb')).toHaveText(/首页.*计划实施.*地块/);

  const funds = menu.locator('li[data-g="funds"]');
  const title = funds.locator('> .t-menu__item');
  await title.click();
  await expect(title).toHaveAttribute('aria-expanded', 'false');
  // TDesign closes a group by its list's max-height (the links stay in the page, clipped).
  const listHeight = () => funds.locator('ul.t-menu__sub').evaluate((ul) => ul.getBoundingClientRect().height);
  await expect.poll(listHeight).toBe(0);
  await title.click();
  await expect(title).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(listHeight).toBeGreaterThan(200); // seven items of 40 px
  await shot(page, 'shell-parcels');

  // A page reached from inside a page opens its group and marks it; the breadcrumbs follow.
  await page.goto('/profile/password');
  await expect(menu.locator('li[data-k="password"]')).toHaveClass(/t-is-active/);
  await expect(menu.locator('li[data-g="profile"]')).toHaveClass(/t-is-opened/);
  await expect(page.locator('.t-breadcrumb')).toHaveText(/首页.*个人设置.*修改密码/);
  const html = await (await page.request.get('/profile/password')).text();
  expect(html.length, 'the shell and a small form stay small').toBeLessThan(48_000);
});
