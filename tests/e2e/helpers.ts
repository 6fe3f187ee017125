import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './accounts';

export async function fillLogin(page: Page, username: string, password: string) {
  await page.goto('/login');
  await typeInto(page.getByLabel('用户名'), username);
  await typeInto(page.getByLabel('密码'), password);
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

/** Types into a field key by key, as a person does (never `fill`, which skips what typing triggers). */
export async function typeInto(control: Locator, text: string) {
  await control.click();
  await control.press('ControlOrMeta+a');
  await control.press('Backspace');
  await control.pressSequentially(text);
}

/** Types a date key by key and leaves the field with Tab; the field then shows exactly that date. */
export async function typeDate(control: Locator, value: string) {
  await typeInto(control, value);
  await control.press('Tab');
  await expect(control).toHaveValue(value);
}

/**
 * On an open ledger entry: runs one approval step (审核通过 / 财务审批 / 领导审批). Finance picks
 * the first account; funds warnings, when shown, are acknowledged as the approver must.
 * Returns whether warnings were shown.
 */
export async function passLedgerStep(page: Page, button: '审核通过' | '财务审批' | '领导审批'): Promise<boolean> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.locator('.t-dialog:visible');
  if (button === '财务审批') {
    await dialog.getByLabel(/^资金账户/).click();
    await page.locator('.t-popup:visible .t-select-option').first().click();
  }
  const ack = dialog.getByText('我已知悉上述资金预警，确认通过');
  const warned = await ack.isVisible();
  if (warned) await ack.click();
  await dialog.getByRole('button', { name: '通过' }).click();
  await expect(dialog).toBeHidden();
  return warned;
}

/**
 * A page as tidy as the page kit makes it: nothing scrolls sideways at the viewport's width, and
 * no table cell wraps its text (codes, dates and amounts stay on one line).
 */
export async function expectTidy(page: Page) {
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways, 'the page scrolls sideways').toBeLessThanOrEqual(1);
  const wrapped = await page.evaluate(() =>
    [...document.querySelectorAll('.lr-table td')]
      .filter((td) => {
        const style = getComputedStyle(td);
        const lineHeight = parseFloat(style.lineHeight) || 22;
        const text = td.textContent?.trim() ?? '';
        // A cell of text (not of buttons or tags) taller than one line has wrapped.
        return text !== '' && td.querySelector('button, .t-tag') === null && (style.whiteSpace !== 'nowrap' || (td as HTMLElement).scrollHeight > lineHeight * 1.6 + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom));
      })
      .map((td) => td.textContent?.trim())
      .slice(0, 5),
  );
  expect(wrapped, 'table cells that wrap').toEqual([]);
  const tables = await page.locator('.t-table__content').evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
  expect(Math.max(0, ...tables), 'a table scrolls sideways').toBeLessThanOrEqual(1);
}
