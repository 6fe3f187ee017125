import { expect, test, type Locator } from '@playwright/test';
import { todayInShanghai } from '../../src/ui/format';
import { login, shot, typeDate, typeInto } from './helpers';

/** The message shown under a form field, found from its control. */
function fieldMessage(control: Locator): Locator {
  return control.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " t-form__item ")][1]').locator('.t-input__extra');
}

test('a duplicate project code and a name over the limit are said at their fields', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/projects');
  await page.getByRole('button', { name: '新建项目' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '新建储备项目' });
  await typeInto(dialog.getByLabel(/^项目编号/), 'YY-2022-001');
  // 101 characters: kept as typed, counted, and refused with the limit — never cut silently.
  const longName = '益阳市赫山区'.repeat(16) + '超长项目名称测试';
  await typeInto(dialog.getByLabel(/^项目名称/), longName.slice(0, 101));
  await expect(dialog.getByLabel(/^项目名称/)).toHaveValue(longName.slice(0, 101));
  await expect(dialog.getByText('101/100')).toBeVisible();
  await dialog.getByLabel(/^收储方式/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^收购$/ }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldMessage(dialog.getByLabel(/^项目名称/))).toHaveText('项目名称不能超过 100 个字符');
  await typeInto(dialog.getByLabel(/^项目名称/), '重复编号测试项目');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(fieldMessage(dialog.getByLabel(/^项目编号/))).toHaveText('项目编号「YY-2022-001」已被使用，请换一个');
  await shot(page, 'messages-project-duplicate');
});

test('an unselected project and subject say 请选择', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/funds/ledger/new');
  await typeInto(page.getByLabel(/^金额（元）/), '1000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(fieldMessage(page.getByLabel(/^项目/))).toHaveText('请选择项目');
  await expect(fieldMessage(page.getByLabel(/^科目/))).toHaveText('请选择科目');
  await shot(page, 'messages-ledger-select');
});

test('the supply dialog fits a 900 px screen and says a future deal date at the field', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto(`/parcels?stage=${encodeURIComponent('可供应')}`);
  await page.locator('tbody tr').first().locator('a[href^="/parcels/"]').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  await page.goto(`${new URL(page.url()).pathname}/lifecycle`);
  await page.getByTestId('step-已供应').getByRole('button', { name: '办理' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '转为「已供应」' });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  await expect(dialog.getByRole('button', { name: '确认办理' })).toBeInViewport();
  await shot(page, 'messages-supply-dialog');

  await dialog.getByPlaceholder('招标/拍卖/挂牌/协议/划拨').click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^挂牌$/ }).click();
  // The calendar greys out a future day; typed anyway, it is refused at the field.
  const future = new Date(`${todayInShanghai()}T00:00:00Z`);
  future.setUTCDate(future.getUTCDate() + 3);
  await typeDate(dialog.getByLabel(/^成交日期/), future.toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await expect(fieldMessage(dialog.getByLabel(/^成交日期/))).toContainText('不能晚于今天');
  await expect(fieldMessage(dialog.getByLabel(/^起始价/))).toContainText('起始价');
  await shot(page, 'messages-supply-errors');
});
