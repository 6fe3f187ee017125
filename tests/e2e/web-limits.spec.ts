import { spawn } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { heavyGeoJson } from '../fixtures/geo-import/heavy-geojson';
import { ringFromOffsets } from '../fixtures/geo-import/parcels';
import { login, typeInto } from './helpers';

/**
 * Polls `url` every 25 ms from a separate process (the test runner itself is busy sending and
 * receiving the 19 MB bodies, so its own timers would measure the runner, not the server) until
 * stop() is called; resolves to each request's duration in ms.
 */
function pollHealth(url: string): { stop: () => Promise<{ status: number; ms: number }[]> } {
  const code = `
    const results = []; let running = true;
    process.stdin.on('data', () => { running = false; });
    (async () => {
      while (running) {
        const t = performance.now();
        const r = await fetch(process.argv[1]);
        await r.arrayBuffer();
        results.push({ status: r.status, ms: Math.round(performance.now() - t) });
        await new Promise((res) => setTimeout(res, 25));
      }
      process.stdout.write(JSON.stringify(results));
      process.exit(0);
    })();`;
  const child = spawn(process.execPath, ['-e', code, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    stop: async () => {
      child.stdin.write('stop');
      await exited;
      return JSON.parse(out) as { status: number; ms: number }[];
    },
  };
}

test.describe('大文件导入不阻塞他人', () => {
  // Up to two retries: on a shared 2-core CI machine a single health check is now and then held up
  // by other processes (a 0.5 s outlier in about one run of three here). Blocking by the import
  // itself — 0.3–1 s on every run before the worker thread — still fails every attempt.
  test.describe.configure({ retries: 2 });
  test('大文件导入不阻塞他人: /api/health answers within 200 ms throughout a 19 MB GeoJSON preview', async ({ page, request }) => {
    test.setTimeout(180_000);
    await login(page, 'chief');
    const buffer = Buffer.from(heavyGeoJson('E2E-HV-'));
    expect(buffer.length).toBeGreaterThan(18 * 1024 * 1024);
    const origin = new URL(page.url()).origin;
    // Warm-up: `next start` loads a route's code on its first request (about 0.4 s on a loaded
    // machine, once per server): a small preview first, so what is measured is the large file.
    for (let i = 0; i < 3; i++) expect((await request.get('/api/health')).status()).toBe(200);
    const small = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 地块编号: 'E2E-HV-0' }, geometry: { type: 'Polygon', coordinates: [ringFromOffsets(112.36, 28.552, [[0, 0], [30, 0], [30, 30], [0, 30]])] } }] }));
    const warm = await page.request.post('/api/parcels/import', { headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' }, multipart: { file: { name: '预热.geojson', mimeType: 'application/geo+json', buffer: small } } });
    expect(warm.status()).toBe(200);
    // Baseline: the same polling for 5 s with no import running. On a shared CI machine the
    // process is sometimes simply not scheduled; that is noise the import is not to blame for.
    const idle = pollHealth(new URL('/api/health', origin).toString());
    await new Promise((r) => setTimeout(r, 5000));
    const baseline = Math.max(...(await idle.stop()).map((p) => p.ms));
    const poller = pollHealth(new URL('/api/health', origin).toString());
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const response = await page.request.post('/api/parcels/import', {
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
      multipart: { file: { name: '大文件.geojson', mimeType: 'application/geo+json', buffer } },
      timeout: 170_000,
    });
    const elapsed = Date.now() - started;
    const polls = await poller.stop();
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { preview: { features: unknown[]; fileProblems: string[]; ok: boolean } };
    expect(body.preview.fileProblems).toEqual([]);
    expect(body.preview.features).toHaveLength(5000);
    expect(polls.every((p) => p.status === 200)).toBe(true);
    const latencies = polls.map((p) => p.ms);
    const worst = Math.max(...latencies);
    console.log(`19 MB preview: ${elapsed} ms; idle baseline worst ${baseline} ms; ${latencies.length} health checks, worst ${worst} ms, median ${[...latencies].sort((a, b) => a - b)[latencies.length >> 1]} ms; slowest: ${JSON.stringify([...latencies].sort((a, b) => b - a).slice(0, 8))}`);
    expect(latencies.length).toBeGreaterThan(elapsed / 1000);
    // p-max under 200 ms, over and above what the idle server shows on this machine.
    expect(worst - Math.max(0, baseline - 50)).toBeLessThan(200);
  });
});

/** The 安全管理员 sets the per-account export limit on the 安全策略 page (the e2e seed raised it). */
async function setExportLimit(page: Page, value: string): Promise<void> {
  await page.goto('/admin/security-policy');
  await page.getByTestId('policy-edit-limits.exportPerMinute').click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '修改安全策略：每个账号每分钟导出次数上限' });
  await typeInto(dialog.getByRole('textbox'), value);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('policy-value-limits.exportPerMinute')).toContainText(value);
}

test('Web 防护: 限速 — the 11th export in a minute gets 429 with a Chinese message', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await login(admin, 'secadmin');
  await setExportLimit(admin, '10');
  try {
    await exportElevenTimes(page, browser);
  } finally {
    await setExportLimit(admin, '1000');
  }
});

async function exportElevenTimes(page: Page, browser: Browser): Promise<void> {
  await login(page, 'auditor');
  // The windows are whole minutes (same clock as the server): start early in one.
  const second = new Date().getSeconds();
  if (second > 40) await page.waitForTimeout((61 - second) * 1000);
  const statuses: number[] = [];
  let refusal: { error?: string } = {};
  let retryAfter: string | undefined;
  for (let i = 0; i < 11; i++) {
    const r = await page.request.get('/api/parcels/export?q=E2E-不存在的地块');
    statuses.push(r.status());
    if (r.status() === 429) {
      refusal = (await r.json()) as { error?: string };
      retryAfter = r.headers()['retry-after'];
    }
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
  expect(statuses[10]).toBe(429);
  expect(refusal.error).toMatch(/^操作过于频繁，请 \d+ 秒后再试$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  // The refusal is in the audit log with the user and the result.
  const context = await browser.newContext();
  const audit = await context.newPage();
  await login(audit, 'auditadmin');
  await audit.goto('/admin/audit?action=导出地块&result=拒绝');
  await expect(audit.locator('tbody')).toContainText('杨审计（演示）');
  await expect(audit.locator('tbody')).toContainText('导出过于频繁：该账号每分钟上限 10 次');
  await audit.screenshot({ path: 'test-results/screens/web-limits-audit.png', fullPage: true });
  await context.close();
}
