import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { buildMinistryText } from '../fixtures/geo-import/ministry-text';
import { ringFromOffsets } from '../fixtures/geo-import/parcels';
import { login, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

const MB = 1024 * 1024;
// Two parcels in 赫山区 east of 112.5°E: CGCS2000 3° zone 38; the first has a hole.
const WITH_HOLE = [
  ringFromOffsets(112.62, 28.5, [[0, 0], [212.4, -8.3], [236.9, 151.2], [98.6, 204.7], [-14.2, 160.5]]),
  ringFromOffsets(112.62, 28.5, [[60.5, 50.2], [120.8, 48.9], [118.3, 101.6], [62.1, 99.4]]),
];
const QUAD = [ringFromOffsets(112.605, 28.455, [[0, 0], [140.2, 3.1], [138.7, 95.4], [-2.6, 92.8]])];

let projectPath = '';

/** Counts the requests to the boundary import route from now on. */
function importRequests(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/parcels/import')) n++;
  });
  return () => n;
}

test('the boundary file picker states what it takes and refuses a wrong type or a too large file before sending', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/import');
  const sent = importRequests(page);
  await expect(page.getByText('点击选择文件，或将文件拖拽到此处')).toBeVisible();
  await expect(page.getByText('支持 GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt），单个文件不超过 20 MB')).toBeVisible();
  await shot(page, 'import-empty');

  const input = page.getByLabel('边界文件');
  await input.setInputFiles({ name: '地块.shp', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  const error = page.getByTestId('upload-error');
  await expect(error).toHaveText('文件「地块.shp」的类型不支持，请选择 GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt） 文件');
  await input.setInputFiles({ name: '全市地块.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 * MB, 0x20) });
  await expect(error).toHaveText('文件「全市地块.txt」大小 21.0 MB，超过上限 20 MB');
  await shot(page, 'import-refused');
  expect(sent()).toBe(0);
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
});

test('a 部颁 file shows stated and computed areas and their difference, warns above 0.5 % and still imports', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/import');
  const text = buildMinistryText({
    zone: 38,
    withPrefix: true,
    parcels: [
      { code: 'E2E-导入-001', name: '泉交河镇带内环地块', use: '商服用地', rings: WITH_HOLE },
      { code: 'E2E-导入-002', name: '泉交河镇南侧地块', use: '住宅用地', rings: QUAD },
    ],
  });
  // The second parcel's header states 3 % more than its boundary encloses.
  const edited = text.replace(/^(\d+),([\d.]+),E2E-导入-002,/m, (_, n: string, ha: string) => `${n},${(Number(ha) * 1.03).toFixed(4)},E2E-导入-002,`);
  expect(edited).not.toBe(text);
  await page.getByLabel('边界文件').setInputFiles({ name: '泉交河镇.txt', mimeType: 'text/plain', buffer: Buffer.from(edited, 'utf8') });
  await expect(page.getByTestId('upload-file')).toContainText('上传成功');

  const rows = page.getByTestId('import-preview').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const [hole, quad] = [rows.nth(0), rows.nth(1)];
  await expect(hole).toContainText('E2E-导入-001');
  await expect(hole).toContainText('可导入');
  await expect(hole).toContainText(/\d{2},\d{3}\.\d{2} m²/); // about 40,249 m²: thousands separators
  await expect(hole).toContainText(/\d{2}\.\d{2} 亩/);
  await expect(hole.getByTestId('import-warning')).toHaveCount(0);
  await expect(quad).toContainText('可导入');
  await expect(quad.getByTestId('import-warning')).toContainText(/^计算面积与申报面积相差 -2\.9\d%（-\d{3}\.\d{2} m²），超过预警值 0\.5%/);
  await expect(quad).toContainText(/-2\.9\d%/);
  await expect(page.getByText('有 1 个地块的计算面积与申报面积相差超过 0.5%')).toBeVisible();

  const project = page.getByPlaceholder('请选择项目');
  await project.click();
  const option = page.locator('.t-popup:visible .t-select-option').first();
  const projectLabel = (await option.innerText()).trim();
  await option.click();
  await expect(project).toHaveValue(projectLabel);
  await expect(page.locator('.t-popup:visible')).toHaveCount(0);
  // Enabled, and its colour transition over, before the screenshot.
  await expect(page.getByRole('button', { name: '导入 2 个地块' })).toHaveCSS('background-color', 'rgb(0, 82, 217)');
  await shot(page, 'import-preview');
  await page.getByRole('button', { name: '导入 2 个地块' }).click();
  await page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
  projectPath = new URL(page.url()).pathname;
  await expect(page.getByText('E2E-导入-002').first()).toBeVisible();
});

test('formats without a stated area show 「未申报」; removing the file clears the preview', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/import');
  const geojson = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { 地块编号: 'E2E-GJ-001', 地块名称: '龙岭路西侧地块' }, geometry: { type: 'Polygon', coordinates: QUAD.map((r) => r.map(([x, y]) => [x - 0.25, y + 0.1])) } }],
  };
  await page.getByLabel('边界文件').setInputFiles({ name: '龙岭.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
  const row = page.getByTestId('import-preview').locator('tbody tr');
  await expect(row).toContainText('E2E-GJ-001');
  await expect(row).toContainText('未申报');
  await expect(row.getByTestId('import-warning')).toHaveCount(0);
  await shot(page, 'import-geojson');
  await page.getByText('移除', { exact: true }).click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await expect(page.getByText('点击选择文件，或将文件拖拽到此处')).toBeVisible();
});

test('the new-parcel form takes its boundary from a file through the same picker', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/new');
  const text = buildMinistryText({ zone: 38, parcels: [{ code: 'E2E-单块-001', name: '泉交河镇东侧地块', use: '工业用地', rings: QUAD.map((r) => r.map(([x, y]): [number, number] => [x + 0.01, y])) }] });
  await page.getByLabel('从文件导入边界').setInputFiles({ name: '单块.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await expect(page.getByTestId('upload-file')).toContainText('上传成功');
  await expect(page.getByTestId('boundary-geojson')).toHaveValue(/"type":"Polygon"/);
  await expect(page.getByLabel(/^地块编号/)).toHaveValue('E2E-单块-001');
  await shot(page, 'parcel-new-boundary-file');
});

test('the system administrator finds the area warning threshold among the system parameters', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/settings');
  const row = page.locator('tbody tr').filter({ hasText: '边界导入面积与申报面积差异预警' });
  await expect(row).toContainText('0.50');
  await expect(row).toContainText('0.01–50 %');
  await shot(page, 'import-settings');
});

/** A solid-colour RGB PNG, so photo cards show something. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width * 3 }, (_, i) => rgb[i % 3]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

test('a ledger attachment goes up through the picker; a renamed file is refused by its content first', async ({ page }) => {
  expect(projectPath).not.toBe('');
  await login(page, 'clerk');
  await page.goto(`/funds/ledger/new?projectId=${projectPath.split('/').at(-1)}`);
  await page.getByLabel(/^金额（元）/).pressSequentially('8600');
  await page.getByLabel(/^科目/).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: /^前期开发$/ }).click();
  await page.getByLabel('收款单位').pressSequentially('益阳泉交河测绘有限公司');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/funds\/ledger\/[0-9A-Z]{26}$/);

  const input = page.getByLabel('上传收支附件');
  await expect(page.getByText('支持 PDF、JPG 或 PNG，单个文件不超过 10 MB')).toBeVisible();
  await input.setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF') });
  await expect(page.getByTestId('upload-error')).toHaveText('文件「发票.pdf」不是 PDF、JPG 或 PNG（按文件内容识别，改扩展名无效）');
  await input.setInputFiles({ name: '测绘发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(page.getByTestId('entry-attachments')).toContainText('测绘发票.pdf');
  await expect(page.getByTestId('upload-error')).toHaveCount(0);
  await expect(page.getByText('点击选择文件，或将文件拖拽到此处')).toBeVisible();
  await shot(page, 'ledger-attachment');
});

test('a lifecycle document picker refuses a Word file; inspection photos are chosen, checked and sent after saving', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels?stage=已入库');
  await page.locator('tbody a[href^="/parcels/"]').first().click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  const parcelPath = new URL(page.url()).pathname;

  await page.goto(`${parcelPath}/lifecycle`);
  await page.getByLabel('上传流转附件').last().setInputFiles({ name: '批复.docx', mimeType: 'application/msword', buffer: Buffer.from('word') });
  await expect(page.getByTestId('upload-error').last()).toHaveText('文件「批复.docx」的类型不支持，请选择 PDF、JPG、PNG 或 WebP 文件');
  await shot(page, 'lifecycle-upload-refused');

  await page.goto(`${parcelPath}/custody`);
  await page.getByRole('button', { name: '登记巡查' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await dialog.getByLabel(/^巡查人/).pressSequentially('端到端巡查员');
  await dialog.getByLabel('现场照片').setInputFiles([
    { name: '东侧围挡.png', mimeType: 'image/png', buffer: png(160, 120, [40, 120, 200]) },
    { name: '西侧.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
    { name: '北侧道路.png', mimeType: 'image/png', buffer: png(160, 120, [60, 160, 90]) },
  ]);
  await expect(dialog.getByTestId('upload-error')).toHaveText('照片「西侧.png」不是 JPG、PNG 或 WebP 图片（按文件内容识别，改扩展名无效）');
  await expect(dialog.locator('.t-upload__card-item')).toHaveCount(2);
  await expect(dialog).toContainText('还可添加 7 张');
  await shot(page, 'inspection-photos');
  await dialog.getByRole('button', { name: /^保存/ }).click();
  await expect(page.getByText('已登记巡查记录，上传照片 2 张')).toBeVisible();
  await expect(dialog).toBeHidden();
});
