import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { login, typeInto } from './helpers';
import { mapIdle } from './map-helpers';
import { ringFromOffsets } from '../fixtures/geo-import/parcels';

/**
 * 等保 8.1.4 Web defences: security headers on every kind of response, no framing of a logged-in
 * page, no CSP violation on the main pages (the nonce reaches every script Next writes), and
 * mutating requests from a foreign origin refused with 403 and nothing changed.
 */
test.describe.configure({ mode: 'serial' });

const FOREIGN = 'https://evil.example';
// A small parcel in 资阳区, away from the demo and import fixtures.
const QUAD_RING = ringFromOffsets(112.31, 28.61, [[0, 0], [80.5, 2.1], [79.2, 60.4], [-1.8, 58.9]]);

type HeaderSource = { headers(): Record<string, string> } | APIResponse;

function expectFixedHeaders(response: HeaderSource, what: string) {
  const h = response.headers();
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy'], what).toContain('camera=()');
  expect(h['permissions-policy'], what).toContain('geolocation=()');
  const csp = h['content-security-policy'] ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain('unsafe-eval');
  // Plain HTTP here: HSTS only behind TLS.
  expect(h['strict-transport-security'], what).toBeUndefined();
  return csp;
}

function expectPagePolicy(csp: string, what: string) {
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "worker-src 'self' blob:"]) expect(csp, what).toContain(d);
}

test('headers on a page, a route handler, a static asset, a public file, a map tile and a 404', async ({ page, request }) => {
  const loginPage = await page.goto('/login');
  expect(loginPage?.status()).toBe(200);
  const pageCsp = expectFixedHeaders(loginPage!, '/login');
  expectPagePolicy(pageCsp, '/login');
  // The nonce is fresh on every request and is the one on the page's scripts.
  const nonce = /'nonce-([^']+)'/.exec(pageCsp)![1];
  const scriptNonces = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);
  const again = await request.get('/login');
  expect(again.headers()['content-security-policy']).not.toBe(pageCsp);

  const health = await request.get('/api/health');
  expectPagePolicy(expectFixedHeaders(health, '/api/health'), '/api/health');

  const asset = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  expect(asset).toBeTruthy();
  const assetResponse = await request.get(asset!);
  expect(assetResponse.status()).toBe(200);
  expect(expectFixedHeaders(assetResponse, asset!)).toContain("default-src 'none'");

  const icons = await request.get('/icons.svg');
  expect(icons.status()).toBe(200);
  expectFixedHeaders(icons, '/icons.svg');

  // Not signed in: the tile route refuses, and the refusal carries the headers too.
  const tile = await request.get('/api/tiles/parcels/10/830/425');
  expect([401, 403]).toContain(tile.status());
  expect(expectFixedHeaders(tile, 'tile')).toContain("default-src 'none'");

  const missing = await page.goto('/no-such-page-xyz');
  expect(missing?.status()).toBe(404);
  expectPagePolicy(expectFixedHeaders(missing!, '404'), '404');
  await expect(page.getByText('404').or(page.getByText(/不存在|找不到/)).first()).toBeVisible();
});

test('a logged-in page cannot be framed, not even by a page of the same site', async ({ page }) => {
  await login(page, 'clerk');
  const workbench = await page.goto('/workbench');
  expectFixedHeaders(workbench!, '/workbench');
  // A page of this very origin (served by the test) that frames the workbench.
  await page.route('**/framing-test', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>framing</title><iframe id="f" src="/workbench" width="800" height="600"></iframe>' }),
  );
  await page.goto('/framing-test');
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeTruthy();
  // Blocked: the frame never gets the workbench document.
  const identity = await frame!.locator('[data-testid="workbench-identity"]').count().catch(() => 0);
  expect(identity).toBe(0);
  expect(frame!.url()).not.toMatch(/\/workbench$/);
});

/** CSP violations seen by the page: console errors and securitypolicyviolation events. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|create|frame)/i.test(text)) consoleViolations.push(text);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...consoleViolations, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test('no CSP violation on the workbench, parcels, map and funds pages', async ({ page }) => {
  const violations = await watchCsp(page);
  await login(page, 'leader');
  for (const path of ['/workbench', '/parcels', '/funds']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // Hydrated: a client island answered (the shell's sign-out button is a client component).
    await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
  await page.goto('/map');
  // The map's worker (/api/map/worker), its tiles and glyphs loaded under the policy.
  await mapIdle(page);
  expect(await violations(), '/map').toEqual([]);
});

test('foreign or missing Origin on the boundary import: 403 in Chinese; the same request from the site works', async ({ page }) => {
  await login(page, 'clerk');
  const geojson = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { 地块编号: 'E2E-CSRF-001', 地块名称: '跨站测试地块' }, geometry: { type: 'Polygon', coordinates: [QUAD_RING] } }],
  };
  const multipart = { file: { name: 'csrf.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) }, projectId: '', commit: '0' };
  const origin = new URL(page.url()).origin;
  // page.request shares the browser's session cookie: a forged request a foreign page could send.
  const variants: Record<string, string>[] = [{ Origin: FOREIGN }, {}, { Origin: 'null' }, { Origin: origin, 'Sec-Fetch-Site': 'cross-site' }, { Origin: origin, 'Sec-Fetch-Site': 'same-site' }];
  for (const headers of variants) {
    const refused = await page.request.post('/api/parcels/import', { headers, multipart });
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    expect(await refused.json()).toEqual({ error: '请求来源不是本系统，已拒绝。请在本系统页面内操作' });
    expectFixedHeaders(refused, 'refusal');
  }
  const accepted = await page.request.post('/api/parcels/import', { headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }, multipart });
  expect(accepted.status()).toBe(200);
  expect(JSON.stringify(await accepted.json())).toContain('E2E-CSRF-001');
});

test('an import committed from a foreign origin is refused and saves nothing', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/parcels/import');
  // The commit request leaves the browser with a foreign Origin, as if a foreign page posted it.
  let forged = 0;
  await page.route('**/api/parcels/import', async (route) => {
    const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
    if (!/name="commit"\r\n\r\n1/.test(body)) return route.continue();
    forged++;
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: FOREIGN } });
    return route.fulfill({ response });
  });
  const geojson = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { 地块编号: 'E2E-CSRF-002', 地块名称: '跨站导入地块' }, geometry: { type: 'Polygon', coordinates: [QUAD_RING] } }],
  };
  await page.getByLabel('边界文件').setInputFiles({ name: 'csrf.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toContainText('E2E-CSRF-002');
  const project = page.getByPlaceholder('请选择项目');
  await project.click();
  await page.locator('.t-popup:visible .t-select-option').first().click();
  const answer = page.waitForResponse((r) => r.url().includes('/api/parcels/import') && r.request().method() === 'POST' && forged > 0);
  await page.getByRole('button', { name: /导入 1 个地块/ }).click();
  expect((await answer).status()).toBe(403);
  await expect(page.getByText('请求来源不是本系统，已拒绝。请在本系统页面内操作')).toBeVisible();
  expect(forged).toBe(1);
  await page.goto('/parcels?keyword=E2E-CSRF-002');
  await expect(page.locator('tbody')).not.toContainText('E2E-CSRF-002');
});

test('a server action posted from a foreign origin is refused and changes nothing', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.goto('/admin/settings');
  const row = page.locator('tbody tr').filter({ hasText: '管护巡查间隔' });
  await expect(row).toContainText('30 天');
  const statuses: number[] = [];
  await page.route('**/admin/settings**', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    const response = await route.fetch({ headers: { ...req.headers(), origin: FOREIGN } });
    statuses.push(response.status());
    return route.fulfill({ response });
  });
  await row.getByRole('button', { name: '修改' }).click();
  const dialog = page.locator('.t-dialog:visible');
  await typeInto(dialog.getByLabel(/^管护巡查间隔/), '45');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => statuses).toEqual([403]);
  await page.unroute('**/admin/settings**');
  await page.goto('/admin/settings');
  await expect(row).toContainText('30 天');
  await expect(row).not.toContainText('已调整');
});

test('the refusals are in the audit log', async ({ page }) => {
  await login(page, 'auditadmin');
  await page.goto(`/admin/audit?action=${encodeURIComponent('拒绝跨站请求')}`);
  await expect(page.locator('tbody')).toContainText('拒绝跨站请求');
});

test('logout clears the site data; a sign-out from a foreign origin is refused', async ({ page }) => {
  await login(page, 'clerk');
  const forged = await page.request.post('/api/auth/signout', { headers: { Origin: FOREIGN }, form: { callbackUrl: '/' } });
  expect(forged.status()).toBe(403);
  await page.goto('/workbench');
  await expect(page.getByTestId('workbench-identity')).toBeVisible();
  const signout = page.waitForResponse((r) => r.url().includes('/api/auth/signout') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '退出' }).click();
  const response = await signout;
  expect(response.status()).toBeLessThan(400);
  expect((await response.allHeaders())['clear-site-data']).toBe('"cache", "cookies", "storage"');
  await page.waitForURL('**/login');
});

test('bodies over the limit get 413 with a Chinese message, never 500', async ({ page }) => {
  await login(page, 'clerk');
  const origin = new URL(page.url()).origin;
  const MB = 1024 * 1024;
  const file = (size: number) => ({ file: { name: 'big.geojson', mimeType: 'application/geo+json', buffer: Buffer.alloc(size, 0x20) }, projectId: '' });
  // Over import.maxFileMb (20 MB): refused by the route before reading.
  const overFile = await page.request.post('/api/parcels/import', { headers: { Origin: origin }, multipart: file(22 * MB) });
  expect(overFile.status()).toBe(413);
  expect((await overFile.json()).error).toMatch(/^文件过大（22\.0 MB），边界文件不能超过 20 MB$/);
  // Over the proxy's 30 MB: refused before Next would truncate the body.
  const overProxy = await page.request.post('/api/parcels/import', { headers: { Origin: origin }, multipart: file(31 * MB) });
  expect(overProxy.status()).toBe(413);
  expect((await overProxy.json()).error).toContain('超过上限 30 MB');
  // A server action over 11 MB: Next itself would answer 500.
  const overAction = await page.request.post('/workbench', {
    headers: { Origin: origin, 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
    data: Buffer.alloc(12 * MB, 0x61),
  });
  expect(overAction.status()).toBe(413);
  expect((await overAction.json()).error).toContain('超过上限 11 MB');
  // Within the limits the same route answers normally.
  const small = await page.request.post('/api/parcels/import', { headers: { Origin: origin }, multipart: file(1024) });
  expect(small.status()).toBe(200);
});
