import { expect, test, type Page } from '@playwright/test';
import { todayInShanghai } from '../../src/ui/format';
import { login, passLedgerStep, shot, typeDate, typeInto } from './helpers';

/**
 * A contract with two milestones, made 生效 by the 中心领导, a payment entered through the ledger
 * workflow (clerk → 科室审核 → 财务审批) counted as paid, the remaining amount right, and a
 * payment over the remaining amount refused at submit.
 */
test.describe.configure({ mode: 'serial' });

const NO = `E2E-HT-${Date.now() % 1_000_000}`;
let contractPath = '';

async function pick(page: Page, label: RegExp, option?: RegExp) {
  await page.getByLabel(label).click();
  const options = page.locator('.t-popup:visible .t-select-option');
  if (option) await options.filter({ hasText: option }).first().click();
  else await options.first().click();
}

async function confirmPop(page: Page) {
  await page.locator('.t-popconfirm:visible, .t-popup:visible').getByRole('button', { name: /确定|确认/ }).first().click();
}

test('a clerk registers a contract with two milestones', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/contracts');
  await expect(page.getByTestId('contracts-table')).toBeVisible();
  await shot(page, 'contracts-list');
  await page.getByTestId('new-contract').click();
  await page.waitForURL(/\/contracts\/new/);
  await typeInto(page.getByLabel(/^合同编号/), NO);
  await typeInto(page.getByLabel(/^合同名称/), '端到端场地平整工程施工合同');
  await pick(page, /^合同类型/, /^工程施工$/);
  await typeInto(page.getByLabel(/^合同金额（元）/), '100000.00');
  await typeInto(page.getByRole('textbox', { name: /^相对方\*? \d+\/100$/ }), '益阳端到端建设工程有限公司');
  await typeInto(page.getByLabel(/^相对方统一社会信用代码/), '91350100M000100Y44');
  await page.getByLabel(/^签订日期/).click();
  // The check digit is verified as typed (GB 32100-2015).
  await expect(page.getByText('统一社会信用代码校验位不正确')).toBeVisible();
  await typeInto(page.getByLabel(/^相对方统一社会信用代码/), '91350100M000100Y43');
  await typeDate(page.getByLabel(/^签订日期/), todayInShanghai());
  // An open project: a closed one takes no payments.
  await page.getByLabel(/^项目/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasNotText: '已关闭' }).first().click();
  await shot(page, 'contract-new');
  await page.getByTestId('contract-save').click();
  await page.waitForURL(/\/contracts\/[0-9A-Z]{26}$/);
  contractPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('contract-detail')).toContainText('草稿');

  for (const [date, amount, condition] of [
    [todayInShanghai(), '30000.00', '进场开工后支付 30%'],
    ['2099-12-31', '70000.00', '竣工验收后支付余款'],
  ]) {
    await page.getByTestId('add-milestone').click();
    const dialog = page.locator('.t-dialog:visible');
    await typeDate(dialog.getByLabel(/^计划付款日期/), date);
    await typeInto(dialog.getByLabel(/^计划付款金额/), amount);
    await typeInto(dialog.getByLabel(/^付款条件/), condition);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('contract-milestones-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('contract-planned')).toContainText('100,000.00');
});

test('the 中心领导 makes it 生效', async ({ page }) => {
  expect(contractPath).not.toBe('');
  await login(page, 'leader');
  await page.goto(contractPath);
  await page.getByTestId('contract-make-effective').click();
  await confirmPop(page);
  await expect(page.getByTestId('contract-detail')).toContainText('生效');
});

test('a payment entered in the ledger and approved counts as paid; the remaining amount is right; an over-payment is refused', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto(contractPath);
  await page.getByTestId('contract-new-payment').click();
  await page.waitForURL(/\/funds\/ledger\/new\?/);
  // The contract is chosen, its number filled in (and locked).
  await expect(page.getByTestId('entry-form').locator('.t-form__item:has-text("合同编号") input')).toHaveValue(NO);
  await typeDate(page.getByLabel(/^发生日期/), todayInShanghai());
  await typeInto(page.getByLabel(/^金额（元）/), '30000.00');
  await pick(page, /^科目/, /^前期开发$/);
  await typeInto(page.getByLabel('摘要说明'), '场地平整工程第一期进度款（端到端测试）');
  await shot(page, 'contract-payment-new');
  await page.getByRole('button', { name: '保存并提交' }).click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);
  const entryPath = new URL(page.url()).pathname;

  for (const [user, step] of [
    ['chief', '审核通过'],
    ['finance', '财务审批'],
  ] as const) {
    await page.context().clearCookies();
    await login(page, user);
    await page.goto(entryPath);
    await passLedgerStep(page, step);
  }
  await expect(page.getByText('已审批').first()).toBeVisible();

  await page.goto(contractPath);
  await expect(page.getByTestId('contract-paid')).toContainText('30,000.00');
  await expect(page.getByTestId('contract-remaining')).toContainText('70,000.00');
  await expect(page.getByTestId('contract-payments-table')).toContainText('已审批');
  await expect(page.getByTestId('contract-milestones-table')).toContainText('已付足');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'contract-detail');

  // One fen over what is left: refused when submitted, with the remaining amount named.
  await page.context().clearCookies();
  await login(page, 'clerk');
  await page.goto(contractPath);
  await page.getByTestId('contract-new-payment').click();
  await page.waitForURL(/\/funds\/ledger\/new\?/);
  await typeDate(page.getByLabel(/^发生日期/), todayInShanghai());
  await typeInto(page.getByLabel(/^金额（元）/), '70000.01');
  await pick(page, /^科目/, /^前期开发$/);
  await page.getByRole('button', { name: '保存并提交' }).click();
  await expect(page.getByText('剩余可付金额为 70,000.00 元').first()).toBeVisible();
  await expect(page).toHaveURL(/\/funds\/ledger\/new\?/);
  await shot(page, 'contract-overpayment-refused');
});
