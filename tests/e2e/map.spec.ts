import { expect, test } from '@playwright/test';
import { STAGE_COLORS } from '../../src/modules/map/tiles/colors';
import type { TStage } from '../../src/modules/parcels/stages';
import { login, shot, typeInto } from './helpers';
import { demoParcelCentre, drawnFill, mapIdle, middleGrid, near, pickDistrict, pickStages, pixels, projectOnMap, searchAndOpen, viewOf, type Rgb } from './map-helpers';

/*
 * 挂图作战 in Chromium with software WebGL (swiftshader): the map opens, the demo parcels render,
 * search flies to a parcel and opens its card, a click opens the card, a stage filter hides the
 * stage (in the tiles and in the statistics), and the URL keeps the view and the filters.
 */

test.describe.configure({ mode: 'serial' });

/** A demo parcel's name (src/modules/parcels/demo/catalog.ts: 龙岭片区, 24 parcels). */
const SEARCH_TEXT = '龙岭片区01号';

let parcelCode = '';
let parcelStage: TStage = '已入库';
let parcelPixel: [number, number] = [0, 0];
let sharedUrl = '';

test('the leader opens the map: districts and parcels render offline, with the legend and the statistics of the view', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:') outside.push(r.url());
  });
  await login(page, 'leader');
  await page.goto('/map');
  await expect(page.getByTestId('map-legend')).toContainText('红色预警');
  await mapIdle(page);
  const stats = page.getByTestId('view-stats');
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0', { timeout: 15_000 });
  const total = Number(await page.getByTestId('stat-count-total').innerText());
  expect(total).toBeGreaterThan(50);
  await expect(stats).toContainText('面积（亩）');
  await shot(page, 'map-overview');
  expect(outside, 'the map loads nothing from outside the app').toEqual([]);
});

test('search flies to a parcel and opens its card; the parcel is drawn in its stage colour', async ({ page }) => {
  await login(page, 'leader');
  await page.goto('/map');
  await mapIdle(page);
  const search = page.getByTestId('map-search').locator('input');
  await typeInto(search, SEARCH_TEXT);
  const options = page.getByRole('option');
  await expect(options.first()).toBeVisible();
  const firstText = await options.first().innerText();
  parcelCode = firstText.split(/\s+/)[0];
  await options.first().click();

  const card = page.getByTestId('parcel-card');
  await expect(card.getByTestId('card-code')).toHaveText(parcelCode);
  parcelStage = (await card.getByTestId('card-stage').getAttribute('data-stage')) as TStage;
  await expect(card).toContainText('亩');
  await expect(card).toContainText('所属项目');
  await expect(card).toContainText('天');
  await expect(card.getByRole('link', { name: '环节流转' })).toHaveAttribute('href', /\/parcels\/[0-9A-Z]{26}\/lifecycle$/);

  // The map flew there: zoomed in (URL) and settled.
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('z') ?? 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(14);
  await mapIdle(page);
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-map-state', 'idle');

  const map = page.getByTestId('map-canvas');
  const grid = await middleGrid(map);
  const colours = await pixels(map, grid);
  const expected = drawnFill(parcelStage);
  const hit = colours.findIndex((c) => near(c, expected));
  expect(hit, `a pixel of ${parcelStage} (${expected.map(Math.round)}) near the centre; got ${JSON.stringify(colours.slice(0, 5))}`).toBeGreaterThanOrEqual(0);
  parcelPixel = grid[hit];
  await shot(page, 'map-search-card');
});

test('a click on the parcel opens its card', async ({ page }) => {
  expect(parcelCode).not.toBe('');
  await login(page, 'leader');
  await page.goto('/map');
  await mapIdle(page);
  await typeInto(page.getByTestId('map-search').locator('input'), parcelCode);
  await page.getByRole('option').first().click();
  await expect(page.getByTestId('card-code')).toHaveText(parcelCode);
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('z') ?? 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(14);
  await mapIdle(page);
  await page.getByRole('button', { name: '关闭地块信息' }).click();
  await expect(page.getByTestId('parcel-card')).toBeHidden();

  await page.getByTestId('map-canvas').click({ position: { x: parcelPixel[0], y: parcelPixel[1] } });
  await expect(page.getByTestId('card-code')).toHaveText(parcelCode);
  await shot(page, 'map-click-card');
});

test('a stage filter hides that stage on the map and in the statistics, and the URL keeps view and filters', async ({ page }) => {
  expect(parcelCode).not.toBe('');
  await login(page, 'leader');
  await page.goto('/map');
  await mapIdle(page);
  await typeInto(page.getByTestId('map-search').locator('input'), parcelCode);
  await page.getByRole('option').first().click();
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('z') ?? 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(14);
  await mapIdle(page);
  const map = page.getByTestId('map-canvas');
  const mapBox = await map.boundingBox();
  const [before] = await pixels(map, [parcelPixel]);
  expect(near(before, drawnFill(parcelStage))).toBe(true);
  await expect(page.getByTestId(`stat-count-${parcelStage}`)).not.toHaveText('0');

  // Show every stage but the parcel's.
  const others = (Object.keys(STAGE_COLORS) as TStage[]).filter((s) => s !== parcelStage);
  await pickStages(page, others);
  await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBe(others.join(','));
  await mapIdle(page);
  await expect(page.getByTestId(`stat-count-${parcelStage}`)).toHaveText('0');
  // The filter bar kept its height: the same pixel is the same place.
  expect(await map.boundingBox()).toEqual(mapBox);
  await expect.poll(async () => near((await pixels(map, [parcelPixel]))[0], drawnFill(parcelStage)), { timeout: 15_000 }).toBe(false);
  await shot(page, 'map-stage-filtered');

  // The link opens the same view with the same filter.
  sharedUrl = page.url();
  const view = new URL(sharedUrl).searchParams;
  await page.goto(sharedUrl);
  await mapIdle(page);
  await expect(page.getByTestId('filter-stage')).toContainText(others[0]);
  await expect(page.getByTestId(`stat-count-${parcelStage}`)).toHaveText('0');
  const reopened = new URL(page.url()).searchParams;
  expect(reopened.get('stage')).toBe(view.get('stage'));
  expect(Number(reopened.get('z'))).toBeCloseTo(Number(view.get('z')), 1);
  expect(near((await pixels(map, [parcelPixel]))[0], drawnFill(parcelStage))).toBe(false);

  // Reset brings the stage back.
  await page.getByRole('button', { name: '重置' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('stage')).toBeNull();
  await mapIdle(page);
  await expect.poll(async () => near((await pixels(map, [parcelPixel]))[0], drawnFill(parcelStage)), { timeout: 15_000 }).toBe(true);
});

test('a user without parcel:view gets 403 from the page and the map APIs', async ({ page }) => {
  await login(page, 'sysadmin');
  const res = await page.goto('/map');
  expect(res?.status()).toBe(403);
  const api = await page.request.get('/api/map/stats?bbox=112,28,113,29');
  expect(api.status()).toBe(403);
  expect(await api.json()).toEqual({ error: '您没有查看地块的权限' });
});

test('an unreachable base map falls back to the offline map with a notice; overlays appear in the layers panel', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/map-layers');
  const addLayer = async (name: string, role: '底图' | '叠加图层', url: string) => {
    await page.getByRole('button', { name: '新增图层' }).click();
    const dialog = page.locator('.t-dialog:visible');
    await typeInto(dialog.getByLabel(/^图层名称/), name);
    await dialog.getByText(role, { exact: true }).click();
    await typeInto(dialog.getByLabel(/^服务地址/), url);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
  };
  // Port 9 (discard) on this machine: nothing answers, as with a wrong intranet address.
  await addLayer('失效的内网底图', '底图', 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png');
  await addLayer('土地利用现状', '叠加图层', 'http://127.0.0.1:9/landuse/{z}/{x}/{y}.png');
  await page.getByTestId('basemap-choice').getByText(/^失效的内网底图/).click();
  await expect(page.getByText('已切换底图').first()).toBeVisible();
  await shot(page, 'admin-map-layers');
  await page.context().clearCookies();

  await login(page, 'leader');
  await page.goto('/map');
  await expect(page.getByText(/底图「失效的内网底图」无法加载，已切换为离线地图/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0', { timeout: 15_000 });
  await page.getByTestId('map-layers').getByRole('button', { name: '图层' }).click();
  await expect(page.getByTestId('map-layers')).toContainText('土地利用现状');
  await expect(page.getByTestId('map-layers')).toContainText('无法加载');
  await shot(page, 'map-basemap-fallback');
  await page.context().clearCookies();

  // Back to no base map, so later runs start offline.
  await login(page, 'sysadmin');
  await page.goto('/admin/map-layers');
  await page.getByTestId('basemap-choice').getByText(/^无（离线地图/).click();
  await expect(page.getByText('已切换底图').first()).toBeVisible();
});

test('a style.json base map of an intranet vector tile server is drawn under the districts and parcels', async ({ page, baseURL }) => {
  // The intranet tile server, emulated: its style.json (relative tile URL, its own background and
  // label font) and its vector tiles (our own parcel tiles, re-served under its address, with CORS).
  const server = 'http://tiles.intranet.test';
  const land: Rgb = [0xff, 0xe4, 0xb5];
  const style = {
    version: 8,
    name: '内网矢量底图',
    glyphs: `${server}/fonts/{fontstack}/{range}.pbf`,
    sources: { land: { type: 'vector', tiles: ['../../data/land/{z}/{x}/{y}.pbf'], maxzoom: 14 } },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': '#ffe4b5' } },
      { id: 'parcel-points', type: 'circle', source: 'land', 'source-layer': 'parcels', paint: { 'circle-color': '#ff00ff', 'circle-radius': 2 } },
      { id: 'labels', type: 'symbol', source: 'land', 'source-layer': 'parcels', layout: { 'text-field': '{count}', 'text-font': ['Open Sans Regular'] } },
    ],
  };
  const asked: string[] = [];
  await page.route(`${server}/**`, async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.pathname);
    const cors = { 'access-control-allow-origin': '*' };
    if (url.pathname === '/styles/basic/style.json') return route.fulfill({ json: style, headers: cors });
    const tile = /^\/data\/land\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url.pathname);
    if (!tile) return route.fulfill({ status: 404, headers: cors });
    const res = await page.request.get(`${baseURL}/api/tiles/parcels/${tile[1]}/${tile[2]}/${tile[3]}`);
    return route.fulfill({ status: res.status(), body: await res.body(), headers: { ...cors, 'content-type': 'application/x-protobuf' } });
  });

  await login(page, 'sysadmin');
  await page.goto('/admin/map-layers');
  await page.getByRole('button', { name: '新增图层' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^图层名称/), '内网矢量底图');
  await dialog.locator('label.lr-field', { has: page.locator('.lr-field__label', { hasText: /^类型/ }) }).locator('.t-select, .t-input').first().click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: '矢量瓦片样式' }).click();
  await expect(page.locator('.t-popup:visible .t-select-option')).toHaveCount(0);
  await typeInto(dialog.getByLabel(/^样式地址/), `${server}/styles/basic/style.json`);
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('basemap-choice').getByText(/^内网矢量底图/).click();
  await expect(page.getByText('已切换底图').first()).toBeVisible();
  await page.context().clearCookies();

  try {
    await login(page, 'leader');
    await page.goto('/map');
    await mapIdle(page);
    await expect(page.getByTestId('stat-count-total')).not.toHaveText('0', { timeout: 15_000 });
    await expect(page.getByText(/无法加载/)).toHaveCount(0);
    expect(asked).toContain('/styles/basic/style.json');
    expect(asked.some((p) => p.startsWith('/data/land/'))).toBe(true);
    // Its fonts are never asked for: labels use ours.
    expect(asked.some((p) => p.startsWith('/fonts/'))).toBe(false);
    // The style's land colour shows through the light district fill around the parcels.
    const map = page.getByTestId('map-canvas');
    const box = (await map.boundingBox())!;
    const points: [number, number][] = [];
    for (let i = 1; i < 8; i++) for (const j of [1, 3, 5, 7]) points.push([Math.round((box.width * i) / 8), Math.round((box.height * j) / 8)]);
    const drawn = await pixels(map, points);
    expect(drawn.filter((c) => near(c, land, 20)).length).toBeGreaterThan(points.length / 4);
    await shot(page, 'map-vector-basemap');
  } finally {
    await page.context().clearCookies();
    await login(page, 'sysadmin');
    await page.goto('/admin/map-layers');
    await page.getByTestId('basemap-choice').getByText(/^无（离线地图/).click();
    await expect(page.getByText('已切换底图').first()).toBeVisible();
  }
});

test('tools: measure a distance, export the view as a PNG, and draw a polygon that becomes a new parcel’s boundary', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/map?c=112.36,28.56&z=14');
  await mapIdle(page);
  const canvas = page.getByTestId('map-canvas');
  const box = (await canvas.boundingBox())!;
  const at = (dx: number, dy: number) => ({ x: box.width / 2 + dx, y: box.height / 2 + dy });

  await page.getByTestId('map-tools').getByRole('button', { name: '测距' }).click();
  await canvas.click({ position: at(-150, 0) });
  await canvas.click({ position: at(150, 0) });
  await expect(page.getByTestId('map-tool-result')).toContainText(/距离 [\d,.]+ (米|公里)/);
  await shot(page, 'map-measure');
  await page.getByTestId('map-tool-result').getByRole('button', { name: '关闭' }).click();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-tools').getByRole('button', { name: '导出图片' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^挂图作战-\d{4}-\d{2}-\d{2}\.png$/);
  await download.saveAs('test-results/screens/map-export.png');
  const bytes = await (await import('node:fs/promises')).readFile((await download.path())!);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.length).toBeGreaterThan(20_000);

  await page.getByTestId('map-tools').getByRole('button', { name: '画地块' }).click();
  await canvas.click({ position: at(-80, -60) });
  await canvas.click({ position: at(80, -60) });
  await canvas.click({ position: at(60, 70) });
  await canvas.click({ position: at(-70, 60) });
  await expect(page.getByTestId('map-tool-result')).toContainText('亩');
  await page.getByRole('button', { name: '完成，登记地块' }).click();
  await page.waitForURL(/\/parcels\/new\?boundary=/);
  await expect(page.getByText(/面积 [\d,.]+ 亩/).first()).toBeVisible();
  await shot(page, 'parcel-new-from-map');
});

test('without centre and zoom in the URL the map opens fitted to the parcels the filters keep, clear of the legend and the controls', async ({ page }) => {
  await login(page, 'leader');
  const map = page.getByTestId('map-canvas');
  for (const [query, name] of [
    ['', 'map-fitted'],
    ['district=430923', 'map-fitted-district'],
    ['stage=已供应', 'map-fitted-stage'],
  ]) {
    await page.goto(`/map${query ? `?${query}` : ''}`);
    await mapIdle(page);
    // The fitted view goes into the URL, so a reload or a shared link opens the same view.
    await expect.poll(() => viewOf(page.url()), { timeout: 10_000 }).not.toBeNull();
    const view = viewOf(page.url())!;
    const box = (await map.boundingBox())!;
    const res = await page.request.get(`/api/map/extent${query ? `?${query}` : ''}`);
    expect(res.status()).toBe(200);
    const { extent } = (await res.json()) as { extent: { minLon: number; minLat: number; maxLon: number; maxLat: number } };
    const at = projectOnMap(view, box);
    const [x0, y1] = at(extent.minLon, extent.minLat);
    const [x1, y0] = at(extent.maxLon, extent.maxLat);
    // Inside the map, below the search box and the tools, and not under the legend.
    const below = async (testId: string) => {
      const b = (await page.getByTestId(testId).boundingBox())!;
      return b.y + b.height - box.y;
    };
    expect(x0, query).toBeGreaterThanOrEqual(0);
    expect(x1, query).toBeLessThanOrEqual(box.width);
    expect(y0, query).toBeGreaterThanOrEqual(Math.max(await below('map-search'), await below('map-tools')));
    const legend = (await page.getByTestId('map-legend').boundingBox())!;
    const [lx0, ly0] = [legend.x - box.x, legend.y - box.y];
    const underLegend = x0 < lx0 + legend.width && x1 > lx0 && y0 < ly0 + legend.height && y1 > ly0;
    expect(underLegend, `parcels ${[x0, y0, x1, y1].map(Math.round)} vs legend ${[lx0, ly0, lx0 + legend.width, ly0 + legend.height].map(Math.round)}`).toBe(false);
    // Fitted: the parcels span most of the width or of the height of the map.
    expect(Math.max((x1 - x0) / box.width, (y1 - y0) / box.height), query).toBeGreaterThan(0.75);
    // Every parcel the filters keep is counted in the statistics of the view.
    const everywhere = (await (await page.request.get(`/api/map/stats?bbox=-180,-85,180,85${query ? `&${query}` : ''}`)).json()) as { total: { count: number } };
    expect(everywhere.total.count).toBeGreaterThan(0);
    await expect(page.getByTestId('stat-count-total')).toHaveText(String(everywhere.total.count));
    await shot(page, name);
  }
  // A view in the URL is kept as it is.
  await page.goto('/map?c=112.33000,28.59000&z=12.50');
  await mapIdle(page);
  await expect.poll(() => viewOf(page.url())).toEqual({ lon: 112.33, lat: 28.59, zoom: 12.5 });
  // Parcels labelled at zoom 15 and beyond (the screenshot is looked at: each parcel once).
  // At a demo parcel (found by search, so the check follows the demo data).
  await page.goto(`/map?c=${await demoParcelCentre(page)}&z=15.50`);
  await mapIdle(page);
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0');
  await shot(page, 'map-parcel-labels');
});

test('a filter that hides the selected parcel closes its card; an empty view says so and offers to clear the filters or zoom to the data', async ({ page }) => {
  await login(page, 'leader');
  await page.goto('/map');
  await mapIdle(page);
  await searchAndOpen(page, SEARCH_TEXT);
  const card = page.getByTestId('parcel-card');
  await expect(card.getByTestId('card-code')).not.toBeEmpty();
  await expect.poll(() => viewOf(page.url())?.zoom ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(14);
  await mapIdle(page);
  const home = viewOf(page.url())!;

  // The parcel's own district keeps it: the card stays.
  await pickDistrict(page, '赫山区');
  await expect.poll(() => new URL(page.url()).searchParams.get('district')).toBe('430903');
  await mapIdle(page);
  await page.waitForTimeout(1000);
  await expect(card).toBeVisible();

  // Another district hides it: the card closes and the empty view says so, with the filters.
  await pickDistrict(page, '安化县');
  await expect(card).toBeHidden();
  await expect(page.getByText('所选地块不符合当前筛选条件，已关闭地块信息')).toBeVisible();
  const empty = page.getByTestId('map-empty');
  await expect(empty).toContainText('当前视图内没有符合筛选条件的地块');
  await expect(empty).toContainText('筛选：区县 安化县');
  await expect(page.getByTestId('stat-count-total')).toHaveText('0');
  await shot(page, 'map-empty-view');

  await empty.getByRole('button', { name: '缩放到符合条件的地块' }).click();
  await expect(empty).toBeHidden({ timeout: 15_000 });
  await mapIdle(page);
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0');
  expect(new URL(page.url()).searchParams.get('district')).toBe('430923');

  // Elsewhere, clearing the filters brings the parcels back.
  await page.goto(`/map?c=${home.lon.toFixed(5)},${home.lat.toFixed(5)}&z=14.00&district=430923&warn=1`);
  await mapIdle(page);
  await expect(empty).toContainText('筛选：区县 安化县；仅看预警');
  await empty.getByRole('button', { name: '清除筛选' }).click();
  await expect(empty).toBeHidden();
  await expect.poll(() => new URL(page.url()).searchParams.get('district')).toBeNull();
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0');
});

test('the exported image lists the active filters and says when nothing in view matches them', async ({ page }) => {
  // Record what the export writes on its canvas.
  await page.addInitScript(() => {
    const texts: string[] = [];
    (window as unknown as { __canvasTexts: string[] }).__canvasTexts = texts;
    const original = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      texts.push(String(text));
      return maxWidth === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, maxWidth);
    };
  });
  const written = () => page.evaluate(() => (window as unknown as { __canvasTexts: string[] }).__canvasTexts.splice(0));
  const exportImage = async (file: string) => {
    await written();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-tools').getByRole('button', { name: '导出图片' }).click()]);
    await download.saveAs(`test-results/screens/${file}.png`);
    return written();
  };
  await login(page, 'clerk');

  const centre = await demoParcelCentre(page);
  await page.goto(`/map?c=${centre}&z=14.00&stage=已入库&district=430923`);
  await mapIdle(page);
  await expect(page.getByTestId('stat-count-total')).toHaveText('0');
  const empty = await exportImage('map-export-empty');
  expect(empty).toContain('益阳市土地储备挂图作战图');
  expect(empty).toContain('筛选：环节 已入库；区县 安化县');
  expect(empty).toContain('视图内无符合条件的地块');

  await page.goto(`/map?c=${centre}&z=14.00`);
  await mapIdle(page);
  await expect(page.getByTestId('stat-count-total')).not.toHaveText('0');
  const full = await exportImage('map-export-all');
  expect(full).toContain('益阳市土地储备挂图作战图');
  expect(full.some((t) => t.startsWith('筛选：'))).toBe(false);
  expect(full).not.toContain('视图内无符合条件的地块');
});
