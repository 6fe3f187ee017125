import { expect, test, type Locator, type Page } from '@playwright/test';
import { login, shot, typeDate, typeInto } from './helpers';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function pickOption(page: Page, control: Locator, option: string | RegExp) {
  await control.click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: option }).first().click();
  await expect(page.locator('.t-popup:visible .t-select-option')).toHaveCount(0);
}

test('协议 supply of 商服 land is refused, citing 令39号 第4条, and nothing is recorded', async ({ page }) => {
  await login(page, 'clerk');
  // A demo parcel that is ready for supply and planned for commerce.
  await page.goto(`/parcels?stage=${encodeURIComponent('可供应')}&use=${encodeURIComponent('商服用地')}`);
  const first = page.locator('tbody tr').first().getByRole('link').first();
  const code = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL(/\/parcels\/[^/]+$/);
  const parcelUrl = page.url();
  await page.goto(`${parcelUrl}/lifecycle`);

  await page.getByTestId('step-已供应').getByRole('button', { name: '办理' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '转为「已供应」' });
  await expect(dialog.getByText('规划用途「商服用地」：应当以招标、拍卖或者挂牌方式出让。')).toBeVisible();

  await pickOption(page, dialog.getByPlaceholder('招标/拍卖/挂牌/协议/划拨'), /^协议$/);
  // Said as soon as the mode is chosen, with its source…
  const refusal = dialog.getByTestId('supply-mode-refusal');
  await expect(refusal).toContainText('规划用途「商服用地」属商业、旅游、娱乐用地，应当以招标、拍卖或者挂牌方式出让，不得协议出让');
  await expect(refusal).toContainText('依据：《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号）第四条');
  await expect(refusal).toContainText('国发〔2006〕31号');

  // …and refused by the server when sent anyway, at the 供应方式 field.
  await typeInto(dialog.getByLabel(/^基准地价/), '3000');
  await typeInto(dialog.getByLabel(/^成交价/), '9000000');
  await typeDate(dialog.getByLabel(/^成交日期/), today);
  await typeInto(dialog.getByLabel(/^受让人/), '益阳某商业管理有限公司');
  await typeInto(dialog.getByLabel(/^出让合同编号/), 'E2E-XY-001');
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await expect(page.locator('.t-message').filter({ hasText: '不能供应' }).first()).toBeVisible();
  await expect(dialog.locator('.t-form__item').filter({ hasText: /^供应方式/ })).toContainText('不得协议出让');
  await shot(page, 'supply-agreement-refused');

  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('step-已供应')).toBeVisible();
  await expect(page.getByTestId('lifecycle-timeline')).not.toContainText('可供应 → 已供应');
  await page.goto(`${parcelUrl}/supply`);
  await expect(page.getByText(`地块当前为「可供应」`).first()).toBeVisible();
  expect(code).not.toBe('');
});

test('挂牌: the listing start refuses a day less than 20 days after the notice (令39号 第10条)', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto(`/parcels?stage=${encodeURIComponent('可供应')}&use=${encodeURIComponent('住宅用地')}`);
  await page.locator('tbody tr').first().getByRole('link').first().click();
  await page.waitForURL(/\/parcels\/[^/]+$/);
  await page.goto(`${page.url()}/lifecycle`);
  await page.getByTestId('step-已供应').getByRole('button', { name: '办理' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '转为「已供应」' });
  await pickOption(page, dialog.getByPlaceholder('招标/拍卖/挂牌/协议/划拨'), /^挂牌$/);
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  await typeDate(dialog.getByLabel('公告日期'), day(30));
  // The calendar and the field refuse a start less than 20 days after the notice.
  await typeInto(dialog.getByLabel('挂牌起始日期'), day(11));
  await dialog.getByLabel('挂牌起始日期').press('Tab');
  await expect(dialog.locator('.t-form__item').filter({ hasText: /^挂牌起始日期/ })).toContainText(`不能早于 ${day(10)}`);
  await shot(page, 'supply-notice-lead');
});
