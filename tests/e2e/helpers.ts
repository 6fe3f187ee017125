import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './accounts';

export async function fillLogin(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in through the login page and waits for the workbench. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await fillLogin(page, username, password);
  await page.waitForURL('**/workbench');
  await expect(page.getByTestId('workbench-identity')).toBeVisible();
}

export async function menuTitles(page: Page): Promise<string[]> {
  const items = page.locator('.t-menu .t-menu__item, .t-menu .t-submenu__title');
  return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
