import { expect, test, type Page } from '@playwright/test';
import { buildMinistryText } from '../fixtures/geo-import/ministry-text';
import { ringFromOffsets } from '../fixtures/geo-import/parcels';
import { login, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

const CODE = 'E2E-部颁-001';

async function openStep(page: Page, stage: string) {
  const card = page.getByTestId(`step-${stage}`);
  await card.getByRole('button', { name: '办理' }).click();
  return page.locator('.t-dialog').filter({ hasText: `转为「${stage}」` });
}

test('a clerk imports a parcel from a 部颁 coordinate file and starts its lifecycle; a guard refuses 入库', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/import');
  const text = buildMinistryText({
    zone: 37,
    withPrefix: true,
    parcels: [{ code: CODE, name: '端到端测试地块', use: '住宅用地', rings: [ringFromOffsets(112.362, 28.561, [[0, 0], [180, -10], [200, 140], [20, 150]])] }],
  });
  await page.getByTestId('import-file').setInputFiles({ name: 'boundary.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await page.getByPlaceholder('请选择项目').click();
  await page.locator('.t-select-option').first().click();
  await page.getByRole('button', { name: '预览检查' }).click();
  await expect(page.getByTestId('import-preview')).toContainText(CODE);
  await expect(page.getByTestId('import-preview')).toContainText('可导入');
  await shot(page, 'parcel-import');
  await page.getByRole('button', { name: /导入 1 个地块/ }).click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  await expect(page.getByText(CODE).first()).toBeVisible();
  await shot(page, 'parcel-detail');

  await page.goto(`${page.url()}/lifecycle`);
  const start = await openStep(page, '收储中');
  await start.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText('已办理：启动收储').first()).toBeVisible();
  await expect(page.getByTestId('lifecycle-timeline')).toContainText('拟收储 → 收储中');
  await page
    .getByLabel('上传流转附件')
    .last()
    .setInputFiles({ name: '收储批复.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(page.getByTestId('lifecycle-timeline').getByRole('link', { name: /收储批复\.pdf/ })).toBeVisible();
  await expect(page.getByTestId('step-已入库').getByTestId('step-blockers')).toContainText('依据');
  const reserve = await openStep(page, '已入库');
  await reserve.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText(/不能入库/).first()).toBeVisible();
  await shot(page, 'parcel-lifecycle-refused');
});

test('a clerk supplies a ready parcel through the 已供应 form', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels?stage=%E5%8F%AF%E4%BE%9B%E5%BA%94');
  await page.locator('tbody tr a').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  await page.goto(`${page.url()}/lifecycle`);
  await expect(page.getByTestId('step-已供应')).toContainText('前置条件已满足');
  const dialog = await openStep(page, '已供应');
  await dialog.getByPlaceholder('招标/拍卖/挂牌/协议/划拨').click();
  await page.locator('.t-select-option').filter({ hasText: /^挂牌$/ }).click();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await dialog.getByLabel('公告日期').fill(today);
  await dialog.getByLabel('公告日期').press('Enter');
  await dialog.getByLabel('起始价（元）').fill('12000000');
  await dialog.getByLabel(/^成交价/).fill('13800000.50');
  await dialog.getByLabel(/^受让人/).fill('益阳端到端置业有限公司');
  await dialog.getByLabel(/^出让合同编号/).fill('E2E-CR-001');
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText('已办理：供应').first()).toBeVisible();
  await expect(page.getByTestId('lifecycle-timeline')).toContainText('可供应 → 已供应');
  await shot(page, 'parcel-supplied');
});

test('the section chief sees the imported parcel and the audit log holds each step', async ({ page }) => {
  await login(page, 'chief');
  await page.goto(`/parcels?q=${encodeURIComponent(CODE)}`);
  await expect(page.locator('tbody')).toContainText(CODE);
  await expect(page.locator('tbody')).toContainText('收储中');
  await shot(page, 'parcels-list-chief');
  await page.context().clearCookies();
  await login(page, 'auditadmin');
  await page.goto(`/admin/audit?object=${encodeURIComponent('地块')}`);
  await expect(page.locator('tbody')).toContainText('新建地块');
  await expect(page.locator('tbody')).toContainText('启动收储');
  await expect(page.locator('tbody')).toContainText('供应');
});
