import { expect, test, type Locator, type Page } from '@playwright/test';
import { todayInShanghai } from '../../src/ui/format';
import { login, shot, typeDate, typeInto } from './helpers';

/** A date written another way, put into the field at once, as a paste does. */
async function paste(page: Page, control: Locator, text: string) {
  await control.click();
  await control.press('ControlOrMeta+a');
  await control.press('Backspace');
  await page.keyboard.insertText(text);
  await control.press('Tab');
}

function tomorrow(): string {
  const d = new Date(`${todayInShanghai()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('a page form: a date typed key by key or pasted is kept as shown; an impossible or future one is refused at the field', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/funds/ledger/new');
  const date = page.getByLabel(/^发生日期/);

  // Key by key: nothing is reformatted while typing.
  await typeInto(date, '2025-06-1');
  await expect(date).toHaveValue('2025-06-1');
  await date.press('8');
  await expect(date).toHaveValue('2025-06-18');
  // The calendar follows the typed date.
  await expect(page.locator('.t-date-picker__panel:visible .t-date-picker__cell--active')).toHaveText('18');
  await date.press('Tab');
  await expect(date).toHaveValue('2025-06-18');

  for (const pasted of ['2025/6/18', '20250618', '2025年6月18日', '２０２５－０６－１８']) {
    await paste(page, date, pasted);
    await expect(date).toHaveValue('2025-06-18');
  }

  // An impossible date is said to be so, and never saved as another date.
  await typeDate(date, '2025-02-30');
  await expect(page.getByText('2025 年 2 月只有 28 天，没有 30 日')).toBeVisible();
  await shot(page, 'date-impossible');
  // A future date: greyed out in the calendar, refused inline.
  await typeInto(date, tomorrow());
  await expect(page.locator('.t-date-picker__panel:visible .t-date-picker__cell--active.t-date-picker__cell--disabled')).toHaveCount(1);
  await date.press('Tab');
  await expect(page.getByText(`不能晚于今天（${todayInShanghai()}）`)).toBeVisible();
  await shot(page, 'date-future');

  // Saving with the impossible date: refused at the field, nothing saved.
  await typeDate(date, '2025-02-30');
  await typeInto(page.getByLabel(/^金额（元）/), '1000');
  await page.getByLabel(/^科目/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^管护$/ }).click();
  await page.getByLabel(/^项目/).click();
  await page.locator('.t-popup:visible .t-select-option:not(.t-is-disabled)').first().click();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.locator('.t-form__item').filter({ hasText: '发生日期' }).locator('.t-input__extra, .t-form__tips').first()).toContainText(/日期/);
  await expect(page).toHaveURL(/\/funds\/ledger\/new/);

  // Corrected, it saves exactly the date shown.
  await typeDate(date, '2025-06-18');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);
  await expect(page.getByText('2025-06-18').first()).toBeVisible();
});

test('a dialog form: the date of a lifecycle step typed as 20250618 or impossible', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto(`/parcels?stage=${encodeURIComponent('拟收储')}`);
  await page.locator('tbody tr').first().locator('a[href^="/parcels/"]').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  await page.goto(`${new URL(page.url()).pathname}/lifecycle`);
  await page.getByTestId('step-收储中').getByRole('button', { name: '办理' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '转为「收储中」' });
  const date = dialog.getByLabel(/^办理日期/);
  const today = todayInShanghai();
  await paste(page, date, today.replace(/-/g, ''));
  await expect(date).toHaveValue(today);
  await typeDate(date, '2026-13-01');
  await expect(dialog.getByText('月份应为 1–12')).toBeVisible();
  await shot(page, 'date-dialog');
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await expect(dialog.locator('.t-form__item').filter({ hasText: '办理日期' })).toContainText('日期');
  await expect(dialog).toBeVisible();
});
