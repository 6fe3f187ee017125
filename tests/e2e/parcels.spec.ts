import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildMinistryText } from '../fixtures/geo-import/ministry-text';
import { ringFromOffsets } from '../fixtures/geo-import/parcels';
import { login, passLedgerStep, shot, typeDate, typeInto } from './helpers';

test.describe.configure({ mode: 'serial' });

const PROJECT_CODE = 'E2E-2026-001';
const PROJECT_NAME = '端到端测试收储项目';
const CODE = 'E2E-部颁-001';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The date `n` days before today (Asia/Shanghai). */
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let parcelUrl = '';

/** The last day of a two-year term from `date` (calendar years; 02-29 → 02-28). */
function twoYearsOn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y + 2, m, 0)).getUTCDate();
  return `${y + 2}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

async function openStep(page: Page, stage: string) {
  const card = page.getByTestId(`step-${stage}`);
  await card.getByRole('button', { name: '办理' }).click();
  return page.locator('.t-dialog').filter({ hasText: `转为「${stage}」` });
}

async function runStep(page: Page, stage: string, label: string) {
  await expect(page.getByTestId(`step-${stage}`)).toContainText('前置条件已满足');
  const dialog = await openStep(page, stage);
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText(`已办理：${label}`).first()).toBeVisible();
  await expect(dialog).toBeHidden();
}

async function pickOption(page: Page, control: Locator, option: string | RegExp) {
  await control.click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: option }).first().click();
  await expect(page.locator('.t-popup:visible .t-select-option')).toHaveCount(0);
}


test('a clerk creates a project in the UI and imports a parcel into it from a 部颁 coordinate file', async ({ page }) => {
  await login(page, 'clerk');
  await page.goto('/projects');
  await page.getByRole('button', { name: '新建项目' }).click();
  const dialog = page.locator('.t-dialog').filter({ hasText: '新建储备项目' });
  await typeInto(dialog.getByLabel(/^项目编号/), PROJECT_CODE);
  await typeInto(dialog.getByLabel(/^项目名称/), PROJECT_NAME);
  await pickOption(page, dialog.getByLabel(/^收储方式/), /^征收$/);
  await typeInto(dialog.getByLabel('估算成本'), '1200');
  await typeInto(dialog.getByLabel('预计出让收入'), '3000');
  await shot(page, 'project-create');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
  await expect(page.getByText(PROJECT_NAME).first()).toBeVisible();

  await page.goto('/parcels/import');
  const text = buildMinistryText({
    zone: 37,
    withPrefix: true,
    parcels: [{ code: CODE, name: '端到端测试地块', use: '住宅用地', rings: [ringFromOffsets(112.362, 28.561, [[0, 0], [180, -10], [200, 140], [20, 150]])] }],
  });
  // Choosing the file (TDesign Upload's input) sends it for checking at once.
  await page.getByLabel('边界文件').setInputFiles({ name: 'boundary.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await expect(page.getByTestId('import-preview')).toContainText(CODE);
  const project = page.getByPlaceholder('请选择项目');
  await project.click();
  await typeInto(project, PROJECT_CODE);
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: PROJECT_NAME }).click();
  await expect(page.getByTestId('import-preview')).toContainText(CODE);
  await expect(page.getByTestId('import-preview')).toContainText('可导入');
  await expect(page.locator('.t-popup:visible')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /导入 1 个地块/ })).toHaveCSS('background-color', 'rgb(0, 82, 217)');
  await shot(page, 'parcel-import');
  await page.getByRole('button', { name: /导入 1 个地块/ }).click();
  await page.waitForURL(/\/parcels\/[0-9A-Z]{26}$/);
  parcelUrl = new URL(page.url()).pathname;
  await expect(page.getByText(CODE).first()).toBeVisible();
  await expect(page.getByText(PROJECT_NAME).first()).toBeVisible();
  await shot(page, 'parcel-detail');
});

test('the clerk walks the parcel through every stage to 已供应, refused by a guard on the way', async ({ page }) => {
  test.setTimeout(180_000);
  expect(parcelUrl).not.toBe('');
  await login(page, 'clerk');

  // 拟收储 → 收储中: the new project is in no plan, so the step cites the government's approval —
  // refused at the number field first, with the rule, then done with the number typed.
  await page.goto(`${parcelUrl}/lifecycle`);
  await expect(page.getByTestId('step-收储中').getByTestId('step-doc-need')).toContainText('所属项目未纳入储备计划，须填写人民政府批准文件的文号');
  await expect(page.getByTestId('step-收储中').getByTestId('step-doc-need')).toContainText('国土资规〔2017〕17号');
  const start = await openStep(page, '收储中');
  await start.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText('不能启动收储：1. 所属项目未纳入储备计划，须填写人民政府批准文件的文号').first()).toBeVisible();
  await expect(start.locator('.t-form__item').filter({ hasText: '政府批准文号' }).locator('.t-is-error')).toHaveCount(1);
  await shot(page, 'parcel-start-needs-approval');
  await typeInto(start.getByLabel(/^政府批准文号/), '益政函〔2026〕18号');
  await start.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText('已办理：启动收储').first()).toBeVisible();
  await expect(start).toBeHidden();
  await expect(page.getByTestId('lifecycle-timeline')).toContainText('拟收储 → 收储中');
  await page
    .getByLabel('上传流转附件')
    .last()
    .setInputFiles({ name: '收储批复.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(page.getByTestId('lifecycle-timeline').getByRole('link', { name: /收储批复\.pdf/ })).toBeVisible();

  // 入库 is refused: nothing compensated, no title, no 征地批复, hazards unchecked — each with its rule.
  const blockers = page.getByTestId('step-已入库').getByTestId('step-blockers');
  await expect(blockers).toContainText('尚未登记补偿对象');
  await expect(blockers).toContainText('尚未录入征地批复文号');
  await expect(blockers).toContainText('土壤污染状况调查尚未完成（未查）：规划用途为住宅用地（住宅）');
  await expect(blockers).toContainText('土壤污染防治法》第五十九条');
  await expect(blockers).toContainText('洪涝隐患排查');
  await expect(blockers).toContainText('依据');
  const refused = await openStep(page, '已入库');
  await refused.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText(/不能入库/).first()).toBeVisible();
  await shot(page, 'parcel-lifecycle-refused');
  await refused.getByRole('button', { name: '取消' }).click();

  // 征收补偿: one household, agreement signed, paid in full.
  await page.goto(`${parcelUrl}/acquisition`);
  await page.getByRole('button', { name: '新增补偿对象' }).click();
  const party = page.locator('.t-dialog').filter({ hasText: '新增补偿对象' });
  await typeInto(party.getByLabel(/^姓名/), '端到端被征收户');
  await typeInto(party.getByLabel(/^身份证号码/), '430902198001012344');
  await typeInto(party.getByLabel('联系电话'), '13800001234');
  await typeInto(party.getByLabel('补偿协议编号'), 'E2E-BC-001');
  await typeDate(party.getByLabel('协议签订日期'), today);
  await party.getByRole('button', { name: '添加明细' }).click();
  await typeInto(party.getByLabel('第 1 行金额'), '250000');
  await party.getByRole('button', { name: '以明细合计作为协议金额' }).click();
  await typeInto(party.getByLabel(/^本次支付金额/), '250000');
  await typeDate(party.getByLabel(/^支付日期/), today);
  await shot(page, 'parcel-compensation-form');
  await party.getByRole('button', { name: '保存' }).click();
  await expect(party).toBeHidden();
  await expect(page.locator('tbody').getByText('端到端被征收户')).toBeVisible();
  await expect(page.getByTestId('party-personal').first()).toContainText('4309**********2344');
  // Registered, not yet paid: the payment waits for the funds workflow.
  const pending = page.getByTestId('party-pending').first();
  await expect(pending).toContainText('待科室审核');
  const paymentNo = (await pending.getByRole('link').first().innerText()).trim();
  expect(paymentNo).toMatch(/^ZJ\d{4}-\d{6}$/);
  await shot(page, 'parcel-compensation-pending');

  // Taxes are a cost of the parcel, apart from the household's agreement.
  await page.getByRole('button', { name: '新增费用' }).click();
  const cost = page.locator('.t-dialog').filter({ hasText: '新增收储费用' });
  await pickOption(page, cost.getByLabel(/^费用类别/), /^耕地占用税$/);
  await typeInto(cost.getByLabel(/^金额/), '86000');
  await typeInto(cost.getByLabel('说明'), '耕地 3583 平方米 × 24 元');
  await cost.getByRole('button', { name: '保存' }).click();
  await expect(cost).toBeHidden();
  await expect(page.getByTestId('parcel-costs')).toContainText('86,000.00');
  await expect(page.getByTestId('compensation-summary')).toContainText('250,000.00 元');
  await shot(page, 'parcel-compensation-costs');

  // 征地批复, 电子监管号, title registered and the hazard checks, in the parcel's edit form.
  await page.goto(`${parcelUrl}/edit`);
  await typeInto(page.getByLabel('征地批复文号'), '湘政地〔2026〕123号');
  await typeInto(page.getByLabel('电子监管号'), '4309022026B00999');
  await typeInto(page.getByLabel('不动产权证号'), '湘(2026)益阳市不动产权第0099001号');
  await expect(page.locator('.t-form__item').filter({ hasText: '土壤污染状况调查' }).first()).toContainText('须调查：规划用途为住宅用地（住宅）');
  for (const check of ['土壤污染状况调查', '文物考古调查', '洪涝隐患排查', '地质灾害危险性评估']) {
    await pickOption(page, page.getByLabel(check, { exact: true }), /^通过$/);
  }
  await pickOption(page, page.getByLabel('压覆矿产调查', { exact: true }), /^不涉及$/);
  await typeInto(page.getByLabel('压覆矿产调查不涉及的理由'), '位于城镇开发边界内，经查询不压覆重要矿产资源');
  await typeDate(page.getByLabel('权属登记日期'), today);
  await page.getByText('权属与入库前调查').click();
  await shot(page, 'parcel-edit-hazards');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL((url) => url.pathname === parcelUrl);

  // 入库 is refused while the payment is unapproved, and the guard names it.
  await page.goto(`${parcelUrl}/lifecycle`);
  await expect(page.getByTestId('step-已入库').getByTestId('step-blockers')).toContainText(`${paymentNo}（250,000.00 元）待科室审核`);
  await shot(page, 'parcel-lifecycle-unapproved-payment');

  // The chief reviews and finance approves the payment (acknowledging the funds warnings, if any).
  for (const [user, button] of [
    ['chief', '审核通过'],
    ['finance', '财务审批'],
  ] as const) {
    await page.context().clearCookies();
    await login(page, user);
    await page.goto(`/funds/ledger?q=${paymentNo}`);
    await page.getByRole('link', { name: paymentNo }).click();
    await passLedgerStep(page, button);
  }
  await page.context().clearCookies();
  await login(page, 'clerk');

  // 收储中 → 已入库 → 前期开发.
  await page.goto(`${parcelUrl}/lifecycle`);
  await runStep(page, '已入库', '入库');
  await runStep(page, '前期开发', '进入前期开发');

  // 前期开发: one work package, accepted.
  await page.goto(`${parcelUrl}/development`);
  await page.getByRole('button', { name: '新增工作包' }).click();
  const pkg = page.locator('.t-dialog').filter({ hasText: '新增前期开发工作包' });
  await pickOption(page, pkg.getByLabel(/^工程类型/), /^平整$/);
  await typeInto(pkg.getByLabel('施工单位'), '益阳端到端建设有限公司');
  await typeInto(pkg.getByLabel(/^合同金额/), '800000');
  await typeDate(pkg.getByLabel('开工日期'), today);
  await typeDate(pkg.getByLabel('验收日期'), today);
  await pkg.getByRole('button', { name: '保存' }).click();
  await expect(pkg).toBeHidden();
  await expect(page.getByText('益阳端到端建设有限公司')).toBeVisible();

  // A temporary use (R17: the land authority's consent, use, term, no permanent structures) while developing.
  await page.goto(`${parcelUrl}/custody`);
  await pickOption(page, page.getByLabel(/^管护方式/), /^临时利用$/);
  await typeInto(page.getByLabel(/^临时使用单位或个人/), '益阳端到端停车管理有限公司');
  await typeInto(page.getByLabel(/^主管部门同意文号/), '益资规函〔2026〕21号');
  await typeInto(page.getByLabel(/^临时利用用途/), '临时停车场');
  await typeDate(page.getByLabel(/^临时利用开始日期/), today);
  await expect(page.getByText(`最迟至 ${twoYearsOn(today)}`)).toBeVisible();
  await typeDate(page.getByLabel(/^约定结束日期/), twoYearsOn(today));
  await page.getByText('已约定不修建永久性建筑物').click();
  await expect(page.getByRole('checkbox', { name: /已约定不修建永久性建筑物/ })).toBeChecked();
  await page.getByRole('button', { name: '保存管护信息' }).click();
  await expect(page.getByText('已保存管护信息').first()).toBeVisible();
  // As saved: the form shown afresh from the record.
  await expect(page.locator('.t-checkbox.t-is-checked')).toContainText('已约定不修建永久性建筑物');
  await expect(page.getByLabel(/^主管部门同意文号/)).toHaveValue('益资规函〔2026〕21号');
  await shot(page, 'parcel-temp-use-form');

  // 可供应 is refused until the land is clean (净地): each condition named with its source.
  await page.goto(`${parcelUrl}/lifecycle`);
  const readyBlockers = page.getByTestId('step-可供应').getByTestId('step-blockers');
  await expect(readyBlockers).toContainText('尚未达到净地：地上建（构）筑物拆除');
  await expect(readyBlockers).toContainText('不动产权证书 湘(2026)益阳市不动产权第0099001号 尚未注销');
  await expect(readyBlockers).toContainText(`地块尚未纳入 ${today.slice(0, 4)} 年度供应计划`);
  await expect(readyBlockers).toContainText('地块仍在临时利用');
  await expect(readyBlockers).toContainText('依据：《土地储备管理办法》（国土资规〔2017〕17号）');
  await shot(page, 'parcel-lifecycle-not-clean');

  // The temporary use ends: back to 自管, with the day the land was taken back.
  await page.goto(`${parcelUrl}/custody`);
  await pickOption(page, page.getByLabel(/^管护方式/), /^自管$/);
  await typeInto(page.getByLabel(/^管护单位或责任人/), '益阳市土地储备发展中心');
  await typeDate(page.getByLabel(/^实际结束日期/), today);
  await page.getByRole('button', { name: '保存管护信息' }).click();
  await expect(page.getByText('已保存管护信息').first()).toBeVisible();

  // 净地条件 on the development page: no demolition needed, the certificate cancelled, the year's supply plan.
  await page.goto(`${parcelUrl}/development`);
  const netLand = page.getByTestId('net-land');
  await expect(netLand.getByTestId('net-land-temp-use')).toContainText('已满足');
  await netLand.getByRole('button', { name: '登记无须施工原因' }).click();
  const exemption = page.locator('.t-dialog').filter({ hasText: '登记无须施工的原因' });
  await typeInto(exemption.getByLabel(/^原因/), '收回的国有空地，地上无建（构）筑物');
  await exemption.getByRole('button', { name: '保存' }).click();
  await expect(exemption).toBeHidden();
  await netLand.getByRole('button', { name: '登记证书注销' }).click();
  const cancellation = page.locator('.t-dialog').filter({ hasText: '登记不动产权证书注销' });
  await expect(cancellation.getByLabel(/^不动产权证号/)).toHaveValue('湘(2026)益阳市不动产权第0099001号');
  await typeDate(cancellation.getByLabel(/^注销日期/), today);
  await cancellation.getByRole('button', { name: '保存' }).click();
  await expect(cancellation).toBeHidden();
  await netLand.getByRole('button', { name: '登记纳入供应计划' }).click();
  const listing = page.locator('.t-dialog').filter({ hasText: '登记纳入供应计划' });
  await typeInto(listing.getByLabel(/^供应计划文号/), `益自然资发〔${today.slice(0, 4)}〕12号`);
  await typeDate(listing.getByLabel(/^纳入日期/), today);
  await listing.getByRole('button', { name: '保存' }).click();
  await expect(listing).toBeHidden();
  for (const id of ['net-land-works', 'net-land-title', 'net-land-plan', 'net-land-temp-use']) await expect(netLand.getByTestId(id)).toContainText('已满足');
  await shot(page, 'parcel-net-land');

  // 前期开发 → 可供应 → 已供应 with the supply form.
  await page.goto(`${parcelUrl}/lifecycle`);
  await runStep(page, '可供应', '转为可供应');
  await expect(page.getByTestId('step-已供应')).toContainText('前置条件已满足');
  const supply = await openStep(page, '已供应');
  await pickOption(page, supply.getByPlaceholder('招标/拍卖/挂牌/协议/划拨'), /^挂牌$/);
  // 令39号: the notice at least 20 days before the listing starts, a listing of at least 10 days.
  await typeDate(supply.getByLabel('公告日期'), daysAgo(35));
  await typeDate(supply.getByLabel('挂牌起始日期'), daysAgo(14));
  await typeDate(supply.getByLabel('挂牌截止日期'), daysAgo(1));
  await typeInto(supply.getByLabel('起始价（元）'), '12000000');
  await typeInto(supply.getByLabel(/^成交价/), '13800000.50');
  await typeInto(supply.getByLabel(/^受让人/), '益阳端到端置业有限公司');
  await typeInto(supply.getByLabel(/^出让合同编号/), 'E2E-CR-001');
  await supply.getByRole('button', { name: '确认办理' }).click();
  await expect(page.getByText('已办理：供应').first()).toBeVisible();
  const timeline = page.getByTestId('lifecycle-timeline');
  for (const step of ['拟收储 → 收储中', '收储中 → 已入库', '已入库 → 前期开发', '前期开发 → 可供应', '可供应 → 已供应']) {
    await expect(timeline).toContainText(step);
  }
  await shot(page, 'parcel-supplied');

  await page.goto(`${parcelUrl}/supply`);
  await expect(page.getByText('益阳端到端置业有限公司').first()).toBeVisible();
  await expect(page.getByText('15.00%').first()).toBeVisible();
});

test('the section chief sees the supplied parcel and the audit log holds each step', async ({ page }) => {
  await login(page, 'chief');
  await page.goto(`/parcels?q=${encodeURIComponent(CODE)}`);
  await expect(page.locator('tbody')).toContainText(CODE);
  await expect(page.locator('tbody')).toContainText('已供应');
  await shot(page, 'parcels-list-chief');
  // The annual plan lists the parcels put into that year's supply plan (demo: 2025).
  await page.goto('/plans?year=2025');
  await page.getByRole('link', { name: /2025年度土地储备计划/ }).first().click();
  const listed = page.getByTestId('supply-plan-parcels');
  await expect(listed).toContainText('纳入 2025 年度供应计划的地块');
  await expect(listed.locator('tbody tr').first()).toContainText('益自然资发〔2025〕');
  await shot(page, 'plan-supply-parcels');
  await page.context().clearCookies();
  await login(page, 'auditadmin');
  await page.goto('/admin/audit?user=clerk&size=100');
  const rows = page.locator('tbody');
  for (const action of ['新建储备项目', '新建地块', '启动收储', '不能入库', '上传流转附件', '新增补偿对象', '新增收储费用', '修改地块', '入库', '进入前期开发', '新增前期开发工作包', '修改管护信息', '结束临时利用', '登记无须施工原因', '登记不动产权证书注销', '登记纳入供应计划', '转为可供应', '供应']) {
    await expect(rows).toContainText(action);
  }
  await shot(page, 'audit-parcel-walk');
});
