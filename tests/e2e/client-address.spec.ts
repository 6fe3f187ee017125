import { expect, test } from '@playwright/test';
import { login } from './helpers';

/**
 * The browser reaches `next start` from 127.0.0.1, a trusted proxy by default (TRUSTED_PROXIES),
 * as nginx on the same machine would. It sends what a client behind the front server could: a
 * forged left entry in X-Forwarded-For, the address the front server appended on the right, and a
 * forged copy of the header that carries the socket address (x-lr-peer-address). The audit log
 * must record the right-most untrusted address: the forged header is overwritten by the server
 * (src/platform/peer-address.ts), and Next itself appends nothing when X-Forwarded-For is present.
 */
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '6.6.6.6, 203.0.113.7', 'x-lr-peer-address': '10.9.9.9' } });

test('the audit log records the address the front server saw, not what the client wrote', async ({ page }) => {
  await login(page, 'auditadmin');
  await page.goto('/admin/audit?user=auditadmin');
  const first = page.locator('tbody tr').first();
  await expect(first).toContainText('登录');
  await expect(first).toContainText('203.0.113.7');
  await expect(page.locator('tbody')).not.toContainText('6.6.6.6');
  await expect(page.locator('tbody')).not.toContainText('10.9.9.9');
});
