import { expect, test, type Page } from '@playwright/test';
import { todayInShanghai } from '../../src/ui/format';
import { addDays } from '../../src/modules/documents/incoming/rules';
import { expectTidy, login, shot, typeDate, typeInto } from './helpers';

/**
 * A 收文 through its whole handling, each step by the demo user holding its role: 王经办 (经办,
 * 收储科) registers it, 李科长 (科室负责人, 收储科) proposes, 张主任 (中心领导) instructs, 李科长
 * assigns it to 收储科 with a due date, 王经办 handles it for 收储科, 李科长 completes it with the
 * reply linked; the timeline names every step, person and opinion.
 */
test.describe.configure({ mode: 'serial' });

const TITLE = `关于报送土地储备计划执行情况的通知（端到端 ${Date.now() % 100000}）`;
const today = todayInShanghai();
let docPath = '';

async function step(page: Page, button: string, opinion: string, confirm = '确定') {
  await page.getByTestId('incoming-actions').getByRole('button', { name: button, exact: true }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^(拟办意见|批示意见|办理情况|办结说明|退回原因|归档说明)/), opinion);
  await dialog.getByRole('button', { name: confirm }).click();
  await expect(dialog).toBeHidden();
}

test('王经办 registers a 收文 with typed dates; it gets the next 收文编号', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/documents/incoming');
  await expect(page.getByTestId('incoming')).toBeVisible();
  await page.getByRole('link', { name: '登记收文' }).click();
  await page.waitForURL('**/documents/incoming/new');
  await typeInto(page.getByLabel(/^来文单位/), '益阳市自然资源和规划局');
  await typeInto(page.getByLabel(/^来文字号/), '益自然资发〔2026〕8号');
  await typeInto(page.getByLabel(/^标题/), TITLE);
  await page.getByLabel(/^文种/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^通知$/ }).click();
  await page.getByLabel(/^紧急程度/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^加急$/ }).click();
  await typeDate(page.getByLabel(/^收文日期/), today);
  await typeDate(page.getByLabel(/^成文日期/), addDays(today, -2));
  await typeInto(page.getByLabel(/^页数/), '4');
  await typeInto(page.getByLabel(/^内容摘要/), '请于月底前报送本年度土地储备计划执行情况。');
  await shot(page, 'incoming-new');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await page.waitForURL(/\/documents\/incoming\/[0-9A-Z]{26}$/);
  docPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('incoming-no')).toHaveText(new RegExp(`^收文〔${today.slice(0, 4)}〕\\d+号$`));
  await expect(page.getByTestId('incoming-title')).toHaveText(TITLE);
  await expect(page.getByTestId('incoming-facts')).toContainText('益自然资发〔2026〕8号');
  await expect(page.getByTestId('incoming-facts')).toContainText(addDays(today, -2));
  // A clerk cannot 拟办.
  await expect(page.getByTestId('incoming-actions')).toHaveCount(0);
});

test('李科长 proposes, 张主任 instructs, 李科长 assigns it to 收储科 with a due date', async ({ page }) => {
  expect(docPath).not.toBe('');
  await login(page, 'chief');
  await page.goto(docPath);
  await step(page, '拟办', '拟请收储科牵头办理，按期报送。');
  await expect(page.getByTestId('incoming-detail')).toContainText('待批示');

  await page.context().clearCookies();
  await login(page, 'leader');
  await page.goto(docPath);
  await step(page, '领导批示', '同意，请收储科按期报送。');
  await expect(page.getByTestId('incoming-detail')).toContainText('待分办');

  await page.context().clearCookies();
  await login(page, 'chief');
  await page.goto(docPath);
  await page.getByTestId('incoming-actions').getByRole('button', { name: '分办', exact: true }).click();
  const dialog = page.locator('.t-dialog:visible');
  await dialog.getByLabel(/^承办科室/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^收储科$/ }).click();
  await typeDate(dialog.getByLabel(/^办理期限/), addDays(today, 5));
  await typeInto(dialog.getByLabel(/^办理要求/), '汇总各项目执行情况');
  await shot(page, 'incoming-assign-dialog');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('incoming-assignments')).toContainText('收储科');
  await expect(page.getByTestId('incoming-assignments')).toContainText(addDays(today, 5));
  await expect(page.getByTestId('incoming-assignments')).toContainText('剩 5 天');
  // 办结 is not offered while 收储科 has not handled it.
  await expect(page.getByTestId('incoming-actions').getByRole('button', { name: '办结' })).toHaveCount(0);
});

test('王经办 handles it for 收储科; 李科长 completes it with the reply linked; the timeline names every step', async ({ page }) => {
  expect(docPath).not.toBe('');
  await login(page, 'clerk');
  await page.goto(docPath);
  await step(page, '办理', '已汇总各项目执行情况并报送。');
  await expect(page.getByTestId('incoming-assignments')).toContainText('已办理');

  await page.context().clearCookies();
  await login(page, 'chief');
  await page.goto(docPath);
  await page.getByTestId('incoming-actions').getByRole('button', { name: '办结', exact: true }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^复文标题/), '关于2026年度土地储备计划执行情况的报告');
  await typeInto(dialog.getByLabel(/^办结说明/), '已按要求报送。');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('incoming-detail')).toContainText('已办结');
  await expect(page.getByTestId('incoming-reply')).toContainText('关于2026年度土地储备计划执行情况的报告');
  const timeline = page.getByTestId('incoming-timeline');
  await expect(timeline.getByTestId('incoming-step')).toHaveCount(6);
  for (const text of ['登记', '拟办', '领导批示', '分办', '办理', '办结', '王经办（演示）', '李科长（演示）', '张主任（演示）', '同意，请收储科按期报送。']) {
    await expect(timeline).toContainText(text);
  }
  await shot(page, 'incoming-detail');

  await page.goto(`/documents/incoming?state=completed&q=${encodeURIComponent('端到端')}`);
  await expect(page.getByTestId('incoming-table')).toContainText(TITLE);
  await expectTidy(page);
  await shot(page, 'incoming-list');
});
