import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectTidy, login, shot, typeInto } from './helpers';
import { readDocxText } from '../../src/modules/documents/render/read-docx';

/*
 * A 函 through 拟稿 → 核稿 → 会签 (财务科, configured by the e2e seed as an administrator would)
 * → 签发 → 用印, each step by the demo user holding its role; then the .docx is downloaded and
 * read back, and the page says 签名有效.
 */

test.use({ viewport: { width: 1440, height: 900 } });

const TITLE = `关于商请协助办理土地储备资金拨付的函（端到端${Date.now() % 100000}）`;

async function openDocument(page: Page, user: string, url: string) {
  await page.context().clearCookies();
  await login(page, user);
  await page.goto(url);
  await expect(page.getByTestId('document-detail')).toBeVisible();
}

async function passStep(page: Page, button: string, opinion: string) {
  await page.getByTestId('document-approve').click();
  const dialog = page.locator('.t-dialog:visible');
  await expect(dialog).toBeVisible();
  await typeInto(dialog.locator('textarea'), opinion);
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

test('发文: 拟稿 → 核稿 → 会签 → 签发 → 用印, Word file read back, 签名有效', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, 'clerk');
  await page.goto('/documents/new');
  await page.locator('[name="docType"] .t-select, .t-form__item:has-text("公文类型") .t-select').first().click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^函$/ }).click();
  await typeInto(page.locator('.t-form__item:has-text("标题") input'), TITLE);
  await typeInto(page.locator('.t-form__item:has-text("主送机关") input'), '益阳市财政局');
  await typeInto(page.locator('.t-form__item:has-text("抄送机关") input'), '益阳市自然资源和规划局');
  await typeInto(page.locator('.t-form__item:has-text("正文") textarea'), '根据年度储备计划，现商请协助办理土地储备资金拨付。\n特此函商。');
  await shot(page, 'documents-new');
  await page.getByTestId('document-save').click();
  await page.waitForURL(/\/documents\/[0-9A-Z]+$/);
  const url = new URL(page.url()).pathname;
  await expect(page.getByTestId('document-no')).toContainText('签发时编号');
  await passStep(page, '提交', '请审核');

  await openDocument(page, 'chief', url);
  await passStep(page, '通过', '同意，请财务科会签');

  await openDocument(page, 'finance', url);
  await passStep(page, '会签同意', '财务科同意');

  await openDocument(page, 'leader', url);
  await passStep(page, '签发', '同意印发');
  await expect(page.getByTestId('document-no')).toContainText(/益土储发〔\d{4}〕\d+号/);
  const docNo = (await page.getByTestId('document-no').innerText()).trim();
  await expect(page.getByTestId('signature-badge')).toHaveAttribute('data-status', '有效');
  await expect(page.getByTestId('signature-badge')).toContainText('签名有效');
  await expect(page.getByTestId('signature-badge')).toContainText('张主任（演示）');

  await openDocument(page, 'clerk', url);
  await passStep(page, '通过', '已用印');
  await expect(page.getByTestId('signature-badge')).toContainText('签名有效');
  await expectTidy(page);
  await shot(page, 'documents-detail-issued');

  // The history names every step with its opinion.
  for (const text of ['核稿', '会签', '财务科同意', '同意印发', '已用印']) await expect(page.getByTestId('document-detail').locator('..')).toContainText(text);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('document-docx').click()]);
  expect(download.suggestedFilename()).toBe(`${docNo} ${TITLE}.docx`);
  const paragraphs = readDocxText(await readFile((await download.path())!));
  const text = paragraphs.join('\n');
  expect(text).toContain(docNo);
  expect(text).toContain(TITLE);
  expect(text).toContain('益阳市财政局：');
  expect(text).toContain('根据年度储备计划，现商请协助办理土地储备资金拨付。');
  expect(text).toContain('益阳市自然资源和规划局');

  await page.getByTestId('document-print').click();
  await expect(page.locator('body')).toContainText(docNo);
  await expect(page.locator('.t-menu')).toHaveCount(0);
  await shot(page, 'documents-print');
});
