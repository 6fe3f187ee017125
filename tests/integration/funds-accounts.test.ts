import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { createAccount, setAccountStatus, updateAccount } from '../../src/modules/funds/accounts/mutations';
import { getAccount, getAccountBalances, getAccountsOverview, listAccounts, listFundSources } from '../../src/modules/funds/accounts/queries';
import { ACCOUNT_CHANGED_BY_OTHERS } from '../../src/modules/funds/accounts/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let leader: Actor;
let finance: Actor;
let projectId: string;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  leader = await createActor(db(), ['leader']);
  finance = await createActor(db(), ['finance']);
  const [project] = await db().insert(reserveProjects).values({ code: 'ACC-P1', name: '账户测试项目', acquisitionRoute: '收购' }).returning({ id: reserveProjects.id });
  projectId = project.id;
});
afterAll(async () => {
  await database?.close();
});

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function create(name: string, sourceCode = 'other_fiscal', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await createAccount.execute(db(), finance, { name, sourceCode, bankName: '中国建设银行益阳分行', accountNo: '4300 1234 5678', ...extra });
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

describe('fund sources', () => {
  it('are the four channels of 财综〔2018〕8号, in its order, with their notes', async () => {
    const sources = await listFundSources(db());
    expect(sources.map((s) => [s.code, s.name])).toEqual([
      ['land_income', '土地出让收入安排'],
      ['land_fund', '国有土地收益基金'],
      ['bond', '专项债券资金'],
      ['other_fiscal', '其他财政资金'],
    ]);
    expect(sources.every((s) => !!s.note)).toBe(true);
  });
});

describe('accounts', () => {
  it('creates an account, audited, and refuses a second one with the same name', async () => {
    const res = await createAccount.execute(db(), finance, { name: ' 财政专户 ', sourceCode: 'other_fiscal', bankName: '工商银行', accountNo: '1908-0200-0920', note: '财政拨款资金' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const account = await getAccount(db(), res.data.id);
    expect(account).toMatchObject({ name: '财政专户', sourceCode: 'other_fiscal', sourceName: '其他财政资金', bankName: '工商银行', accountNo: '1908-0200-0920', status: 'active', note: '财政拨款资金' });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '新建资金账户', objectType: '资金账户', objectId: res.data.id, result: '成功' });
    expect(JSON.parse(audit.diff!)).toMatchObject({ name: { from: null, to: '财政专户' }, fundSource: { from: null, to: '其他财政资金' }, status: { from: null, to: '使用中' } });

    expect(await createAccount.execute(db(), finance, { name: '财政专户', sourceCode: 'bond' })).toEqual({ ok: false, error: '账户名称「财政专户」已被使用，请换一个', fieldErrors: { name: '账户名称「财政专户」已被使用，请换一个' } });
    await create('Bond Account A', 'bond');
    expect(await createAccount.execute(db(), finance, { name: 'bond account a', sourceCode: 'bond' })).toEqual({ ok: false, error: '账户名称「bond account a」已被使用，请换一个', fieldErrors: { name: '账户名称「bond account a」已被使用，请换一个' } });
    expect(await db().select().from(fundAccounts).where(eq(fundAccounts.name, '财政专户'))).toHaveLength(1);
  });

  it('refuses bad input with Chinese messages and saves nothing', async () => {
    const count = async () => (await db().select().from(fundAccounts)).length;
    const before = await count();
    expect(await createAccount.execute(db(), finance, { name: '', sourceCode: 'other_fiscal' })).toMatchObject({ ok: false, error: '请填写账户名称' });
    expect(await createAccount.execute(db(), finance, { name: '某账户', sourceCode: 'loan' })).toMatchObject({ ok: false, error: '请选择资金来源' });
    expect(await createAccount.execute(db(), finance, { name: '某账户', sourceCode: 'other_fiscal', accountNo: '62-ABC' })).toMatchObject({
      ok: false,
      error: '银行账号只能包含数字、空格和连字符',
    });
    expect(await createAccount.execute(db(), finance, { name: '某'.repeat(65), sourceCode: 'other_fiscal' })).toMatchObject({ ok: false, error: '账户名称不能超过 64 个字符' });
    expect(await count()).toBe(before);
  });

  it('edits an account; the source cannot change once entries name the account', async () => {
    const id = await create('出让收入返还户', 'land_income');
    const loaded = await getAccount(db(), id);
    const res = await updateAccount.execute(db(), finance, {
      id,
      name: '出让收入返还专户',
      sourceCode: 'land_fund',
      bankName: '农业银行',
      accountNo: '1830 0101',
      note: null,
      expectedUpdatedAt: loaded!.updatedAt.toISOString(),
    });
    expect(res).toEqual({ ok: true, data: { id } });
    expect(await getAccount(db(), id)).toMatchObject({ name: '出让收入返还专户', sourceCode: 'land_fund', sourceName: '国有土地收益基金', bankName: '农业银行' });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '修改资金账户', objectId: id });
    expect(JSON.parse(audit.diff!)).toEqual({
      name: { from: '出让收入返还户', to: '出让收入返还专户' },
      fundSource: { from: '土地出让收入安排', to: '国有土地收益基金' },
      bankName: { from: '中国建设银行益阳分行', to: '农业银行' },
      accountNo: { from: '4300 1234 5678', to: '1830 0101' },
    });

    // A form filled before that change is refused.
    expect(await updateAccount.execute(db(), finance, { id, name: '旧表单', sourceCode: 'land_fund', expectedUpdatedAt: loaded!.updatedAt.toISOString() })).toEqual({
      ok: false,
      error: ACCOUNT_CHANGED_BY_OTHERS,
    });
    // The name of another account is taken.
    await create('另一个账户', 'land_fund');
    expect(await updateAccount.execute(db(), finance, { id, name: '另一个账户', sourceCode: 'land_fund' })).toEqual({ ok: false, error: '账户名称「另一个账户」已被使用，请换一个', fieldErrors: { name: '账户名称「另一个账户」已被使用，请换一个' } });
    expect(await updateAccount.execute(db(), finance, { id, name: '出让收入返还专户', sourceCode: 'land_fund', bankName: '农业银行', accountNo: '1830 0101' })).toEqual({
      ok: false,
      error: '内容没有变化，无需保存',
    });

    await db().insert(ledgerEntries).values({ entryNo: 'ACC-E0', direction: 'income', entryDate: '2025-01-02', amount: '1.00', category: '国有土地收益基金', projectId, accountId: id, status: 'draft' });
    expect(await updateAccount.execute(db(), finance, { id, name: '出让收入返还专户', sourceCode: 'other_fiscal', bankName: '农业银行' })).toEqual({
      ok: false,
      error: '账户「出让收入返还专户」已有收支记录，不能变更资金来源；如需调整，请新建账户',
    });
    expect(await updateAccount.execute(db(), finance, { id, name: '出让收入返还专户', sourceCode: 'land_fund', bankName: '农业银行', note: '改名不改来源' })).toEqual({ ok: true, data: { id } });
    expect(await updateAccount.execute(db(), finance, { id: 'NOPE', name: 'x', sourceCode: 'land_fund' })).toEqual({ ok: false, error: '账户不存在或已被删除，请刷新后重试' });
  });

  it('closes and reopens an account; a closed account is not offered for new entries', async () => {
    const id = await create('临时账户', 'land_fund');
    expect((await listAccounts(db(), { activeOnly: true })).some((a) => a.id === id)).toBe(true);
    expect(await setAccountStatus.execute(db(), finance, { id, status: 'closed' })).toEqual({ ok: true, data: { id, status: 'closed', balance: '0.00' } });
    expect(await lastAudit()).toMatchObject({ action: '关闭资金账户', objectId: id, message: '关闭资金账户「临时账户」（账户余额 0.00 元）' });
    expect((await listAccounts(db(), { activeOnly: true })).some((a) => a.id === id)).toBe(false);
    expect((await listAccounts(db())).find((a) => a.id === id)?.status).toBe('closed');
    expect(await setAccountStatus.execute(db(), finance, { id, status: 'closed' })).toEqual({
      ok: false,
      error: '账户「临时账户」已是「已关闭」状态，可能已被他人处理，请刷新后重试',
    });
    expect((await setAccountStatus.execute(db(), finance, { id, status: 'active' })).ok).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: '重新启用资金账户', objectId: id });
    expect((await listAccounts(db(), { activeOnly: true, sourceCode: 'land_fund' })).some((a) => a.id === id)).toBe(true);
    expect((await listAccounts(db(), { sourceCode: 'other_fiscal' })).some((a) => a.id === id)).toBe(false);

    // Two closings at once: exactly one succeeds.
    const results = await Promise.all([setAccountStatus.execute(db(), finance, { id, status: 'closed' }), setAccountStatus.execute(db(), finance, { id, status: 'closed' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('denies account edits to a clerk and a leader', async () => {
    const id = await create('权限测试账户');
    for (const actor of [clerk, leader]) {
      expect(await createAccount.execute(db(), actor, { name: '越权账户', sourceCode: 'other_fiscal' })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await updateAccount.execute(db(), actor, { id, name: '越权改名', sourceCode: 'other_fiscal' })).toEqual({ ok: false, error: PERMISSION_DENIED });
      expect(await setAccountStatus.execute(db(), actor, { id, status: 'closed' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    }
    expect(await getAccount(db(), id)).toMatchObject({ name: '权限测试账户', status: 'active' });
    expect(await db().select().from(fundAccounts).where(eq(fundAccounts.name, '越权账户'))).toEqual([]);
  });
});

describe('account balances', () => {
  it('count approved entries only, reversals included', async () => {
    const id = await create('余额测试账户', 'bond');
    const other = await create('余额测试账户二', 'other_fiscal');
    let n = 0;
    const entry = (values: Partial<typeof ledgerEntries.$inferInsert>) =>
      db()
        .insert(ledgerEntries)
        .values({ entryNo: `ACC-B${++n}`, direction: 'income', entryDate: '2025-03-01', amount: '0.10', category: '专项债券资金', projectId, accountId: id, status: 'approved', ...values });
    await entry({ amount: '0.10' });
    await entry({ amount: '0.20' });
    await entry({ amount: '1000000.00' });
    await entry({ amount: '-1000000.00', origin: 'reversal' });
    await entry({ direction: 'expense', category: '征收补偿', amount: '0.25' });
    await entry({ direction: 'expense', category: '征收补偿', amount: '500', status: 'submitted' });
    await entry({ amount: '700', status: 'leader' });
    await entry({ amount: '9.99', accountId: other });
    await entry({ amount: '8.88', accountId: null });

    const balances = await getAccountBalances(db());
    expect(balances.find((b) => b.accountId === id)).toEqual({
      accountId: id,
      name: '余额测试账户',
      sourceCode: 'bond',
      sourceName: '专项债券资金',
      status: 'active',
      income: '0.30',
      expense: '0.25',
      balance: '0.05',
    });
    expect(balances.find((b) => b.accountId === other)).toMatchObject({ income: '9.99', expense: '0.00', balance: '9.99' });
    // Source order first (F18's order: land_income, land_fund, bond, other_fiscal), then name.
    const order = ['land_income', 'land_fund', 'bond', 'other_fiscal'];
    const positions = balances.map((b) => order.indexOf(b.sourceCode));
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);

    // The page: per-source totals of the dictionary, the filtered accounts and their totals.
    const overview = await getAccountsOverview(db(), { source: 'bond', page: 1, size: 20 });
    const bondAccounts = balances.filter((b) => b.sourceCode === 'bond');
    expect(overview.rows.map((r) => r.id)).toEqual(bondAccounts.map((b) => b.accountId));
    expect(overview.totals).toEqual({ income: '0.30', expense: '0.25', balance: '0.05' });
    expect(overview.sources.find((s) => s.code === 'bond')).toMatchObject({ name: '专项债券资金', accountCount: bondAccounts.length, income: '0.30', balance: '0.05' });
    expect(overview.sources.find((s) => s.code === 'other_fiscal')?.income).toBe('9.99');
    expect((await getAccountsOverview(db(), { status: 'closed', page: 1, size: 20 })).rows.every((r) => r.status === 'closed')).toBe(true);

    const closed = await setAccountStatus.execute(db(), finance, { id, status: 'closed' });
    expect(closed).toMatchObject({ ok: true, data: { balance: '0.05' } });
    expect(await lastAudit()).toMatchObject({ message: '关闭资金账户「余额测试账户」（账户余额 0.05 元）' });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
