import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { fillLogin, shot, typeInto } from './helpers';
import { E2E_USERS } from './accounts';
import { qrPicture } from '../../src/platform/auth/totp-qr';
import { base32Decode, otpauthUri } from '../../src/platform/auth/totp';

const ADMIN = E2E_USERS.find((u) => u.username === 'e2e_totp')!;

/** RFC 6238 computed here with OpenSSL's own HMAC (not the app's RFC 2104 code), as a phone token would. */
function tokenCode(secret: Buffer, algorithm: 'sha1' | 'sm3', timeMs: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

async function signIn(page: Page, password: string, code: string) {
  await page.goto('/login');
  await typeInto(page.getByLabel('用户名'), ADMIN.username);
  await typeInto(page.getByLabel('密码'), password);
  await typeInto(page.getByRole('textbox', { name: '动态口令' }), code);
  await page.getByRole('button', { name: '登录' }).click();
}

test('身份鉴别: 双因素 an administrator is held until they enrol by the QR page, then signs in with a 动态口令', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('textbox', { name: '动态口令' })).toBeVisible();
  await shot(page, 'login-totp-field');

  // Password only: signed in, but held on 双因素认证 (not enrolled yet, the role requires it).
  await fillLogin(page, ADMIN.username, ADMIN.password);
  await page.waitForURL(/\/profile\/totp/);
  await expect(page.getByTestId('totp-required')).toContainText('请先绑定动态口令');
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/profile\/totp/);

  await page.getByRole('button', { name: '生成密钥' }).click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  const secretText = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secretText).toMatch(/^[A-Z2-7]{32}$/);
  const algorithmText = await page.getByTestId('totp-algorithm').innerText();
  const algorithm = algorithmText.includes('SM3') ? 'sm3' : 'sha1';
  const secret = base32Decode(secretText);
  expect(secret.length).toBe(20);
  // The QR code drawn by the server encodes exactly the otpauth:// URI of the secret shown.
  const uri = otpauthUri({ issuer: '土地储备管理系统', account: ADMIN.username, secret, algorithm: algorithm === 'sm3' ? 'SM3' : 'SHA1' });
  expect(await page.getByTestId('totp-qr').locator('path').getAttribute('d')).toBe(qrPicture(uri).path);
  await shot(page, 'totp-enrol');

  // A wrong code binds nothing.
  const now = Date.now();
  const wrong = String((Number(tokenCode(secret, algorithm, now)) + 1) % 1_000_000).padStart(6, '0');
  await typeInto(page.getByRole('textbox', { name: '动态口令' }), wrong);
  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByText('动态口令不正确').first()).toBeVisible();

  await typeInto(page.getByRole('textbox', { name: '动态口令' }), tokenCode(secret, algorithm, Date.now()));
  await page.getByRole('button', { name: '确认绑定' }).click();
  await page.waitForURL('**/workbench');
  await expect(page.getByTestId('workbench-identity')).toBeVisible();
  await page.goto('/profile/totp');
  await expect(page.getByTestId('totp-status')).toHaveText('已绑定');
  await shot(page, 'totp-bound');
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');

  // From now on the password alone is refused, with the one neutral message.
  await fillLogin(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误，或账号暂不可用');

  // The next step's code (the enrolment used the current one; each code works once).
  const code = tokenCode(secret, algorithm, Date.now() + 30_000);
  await signIn(page, ADMIN.password, code);
  await page.waitForURL('**/workbench');
  await expect(page.getByTestId('current-user')).toContainText('双因素测试');
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');

  // The same code again: a replay, refused.
  await signIn(page, ADMIN.password, code);
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误，或账号暂不可用');
  await expect(page).toHaveURL(/\/login/);
});
