import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectTidy, login, shot, typeDate, typeInto } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n% 档案端到端测试\n%%EOF\n');

test('档案数据: the archivist files an item into a project archive (一地一档), sees its 档号, opens the file, finds it and checks integrity', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'archivist');
  // From the project list to a project, and from there to its archive.
  await page.goto('/projects');
  const first = page.getByTestId('projects-table').locator('tbody tr').first().locator('a').first();
  const projectCode = (await first.innerText()).trim();
  await first.click();
  const section = page.getByTestId('archive-section');
  await expect(section).toBeVisible();
  await section.getByRole('link', { name: '打开档案' }).click();
  await expect(page.getByTestId('archive-header')).toContainText(projectCode);

  await page.getByTestId('archive-add-item').click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^题名/), '端到端测试收购协议');
  await dialog.getByLabel(/^阶段/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: '收储' }).click();
  await dialog.getByLabel(/^类别/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: '合同协议' }).click();
  await typeDate(dialog.getByLabel(/^形成日期/), '2026-03-15');
  await typeInto(dialog.getByLabel(/^责任者/), '收储科');
  await dialog.getByLabel(/^保管期限/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: '永久' }).click();
  await typeInto(dialog.getByLabel(/^页数/), '12');
  await dialog.getByLabel('著录文件').setInputFiles({ name: '收购协议.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(dialog.getByTestId('upload-file')).toContainText('收购协议.pdf');
  await shot(page, 'archive-add-item');
  await dialog.getByRole('button', { name: '著录并编档号' }).click();
  await expect(page.getByText(/已著录，档号 Z001-WS·2026-Y-\d{4}/)).toBeVisible();
  await expect(dialog).toBeHidden();

  const stage = page.getByTestId('archive-stage-收储');
  await expect(stage).toContainText('端到端测试收购协议');
  const archiveNo = (await stage.locator('tbody tr').filter({ hasText: '端到端测试收购协议' }).locator('td').first().innerText()).trim();
  expect(archiveNo).toMatch(/^Z001-WS·2026-Y-\d{4}$/);
  await expectTidy(page);
  await shot(page, 'archive-detail');

  // The file is served after its digest is checked (and the view is audited).
  const href = await stage.getByTestId('archive-file-link').first().getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);

  // Found by the search, by text and by the project code.
  await page.goto(`/archives?q=${encodeURIComponent('端到端测试')}`);
  await expect(page.getByTestId('archive-items')).toContainText(archiveNo);
  await page.goto('/archives');
  await typeInto(page.getByPlaceholder('地块或项目编号'), projectCode);
  await page.getByPlaceholder('地块或项目编号').press('Enter');
  await expect(page.getByTestId('archive-items')).toContainText('端到端测试收购协议');
  await expect(page.getByTestId('archive-shortcuts')).toContainText(projectCode);
  await expectTidy(page);
  await shot(page, 'archive-search');

  // 移交: the project's archive as a zip; every file's SM3 in the manifest matches its bytes.
  await page.goto(`/archives/transfer?code=${encodeURIComponent(projectCode)}`);
  await page.getByRole('checkbox', { name: `选择 ${projectCode}` }).check();
  await page.getByTestId('transfer-preview').click();
  await expect(page.getByTestId('transfer-totals')).toContainText('1');
  await shot(page, 'archive-transfer');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transfer-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^移交包-\d{4}-?\d{2}-?\d{2}.*\.zip$/);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as { 文件: { 路径: string; SM3: string; 档号: string }[] };
  expect(manifest.文件.map((f) => f.档号)).toContain(archiveNo);
  for (const f of manifest.文件) expect(createHash('sm3').update(zip[f.路径]).digest('hex'), f.路径).toBe(f.SM3);
  expect(Object.keys(zip)).toContain('归档文件目录.xlsx');

  // A 档号 rule without its 件号 is refused with the reason; nothing changes.
  await page.goto('/archives/settings');
  await expect(page.getByTestId('archive-number-example')).toHaveText(/^Z001-WS·\d{4}-Y-0001$/);
  await typeInto(page.getByLabel(/^档号规则/), '{fonds}-{year}-{retention}');
  await page.getByTestId('archive-settings-save').click();
  await expect(page.getByText('档号规则须包含件号 {seq:4}').first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('archive-number-example')).toHaveText(/^Z001-WS·\d{4}-Y-0001$/);

  // Integrity check from the page.
  await page.getByTestId('archive-run-check').click();
  await expect(page.getByText(/检查完成：\d+ 个文件全部完好/)).toBeVisible();
  await expect(page.getByTestId('archive-check-result')).toContainText('全部完好');
  await shot(page, 'archive-settings');
});

test('档案数据: a clerk may borrow but not browse the archives: only 档案借阅 in the menu, the archive pages refused', async ({ page }) => {
  await login(page, 'clerk');
  await page.locator('.t-menu').getByText('档案数据').click();
  await expect(page.locator('.t-menu')).toContainText('档案借阅');
  await expect(page.locator('.t-menu')).not.toContainText('档案检索');
  await expect(page.locator('.t-menu')).not.toContainText('待归档');
  const response = await page.goto('/archives');
  expect(response?.status()).toBe(403);
});
