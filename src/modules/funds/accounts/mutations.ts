import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { formatYuan } from '@/modules/plans/amounts';
import { fundAccounts, fundSources } from '../schema';
import { accountHasEntries, getAccountBalances } from './queries';
import { ACCOUNT_CHANGED_BY_OTHERS, ACCOUNT_STATUS_LABELS, ZCreateAccount, ZSetAccountStatus, ZUpdateAccount, type TAccountStatus } from './validation';

const PERMISSION = 'fund:account';
const OBJECT_TYPE = '资金账户';

const takenMessage = (name: string) => `账户名称「${name}」已被使用，请换一个`;

/** Another account (ignoring `exceptId`) already has this name, in any letter case. */
async function requireFreeName(tx: Tx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: fundAccounts.id })
    .from(fundAccounts)
    .where(and(sql`lower(${fundAccounts.name}) = lower(${name})`, exceptId ? ne(fundAccounts.id, exceptId) : undefined));
  if (taken) fail(takenMessage(name), 'CONFLICT', { name: takenMessage(name) });
}

async function sourceName(tx: Tx, code: string): Promise<string> {
  const [source] = await tx.select({ name: fundSources.name }).from(fundSources).where(eq(fundSources.code, code));
  if (!source) fail('所选资金来源不存在，请刷新后重试', 'INVALID_INPUT');
  return source.name;
}

async function writeOrConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    // Someone saved the same name a moment ago.
    if (isUniqueViolation(e)) fail(takenMessage(name), 'CONFLICT', { name: takenMessage(name) });
    throw e;
  }
}

function snapshotOf(a: { name: string; bankName: string | null; accountNo: string | null; note: string | null; status: string }, source: string) {
  return {
    name: a.name,
    fundSource: source,
    bankName: a.bankName,
    accountNo: a.accountNo,
    note: a.note,
    status: ACCOUNT_STATUS_LABELS[a.status as TAccountStatus] ?? a.status,
  };
}

export const createAccount = defineMutation({
  name: '新建资金账户',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZCreateAccount,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const source = await sourceName(tx, input.sourceCode);
    await requireFreeName(tx, input.name);
    const values = { name: input.name, sourceCode: input.sourceCode, bankName: input.bankName, accountNo: input.accountNo, note: input.note, status: 'active' };
    const [{ id }] = await writeOrConflict(input.name, () => tx.insert(fundAccounts).values(values).returning({ id: fundAccounts.id }));
    await ctx.audit({
      action: '新建资金账户',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: snapshotOf(values, source),
      message: `新建${source}账户「${input.name}」`,
    });
    return { id };
  },
});

export const updateAccount = defineMutation({
  name: '修改资金账户',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZUpdateAccount,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const [before] = await tx.select().from(fundAccounts).where(eq(fundAccounts.id, input.id)).for('update');
    if (!before) fail('账户不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    if (input.expectedUpdatedAt && before.updatedAt.toISOString() !== input.expectedUpdatedAt) fail(ACCOUNT_CHANGED_BY_OTHERS, 'CONFLICT');
    if (input.sourceCode !== before.sourceCode && (await accountHasEntries(tx, before.id))) {
      fail(`账户「${before.name}」已有收支记录，不能变更资金来源；如需调整，请新建账户`);
    }
    const oldSource = await sourceName(tx, before.sourceCode);
    const newSource = await sourceName(tx, input.sourceCode);
    await requireFreeName(tx, input.name, before.id);
    const values = { name: input.name, sourceCode: input.sourceCode, bankName: input.bankName, accountNo: input.accountNo, note: input.note };
    const beforeSnap = snapshotOf(before, oldSource);
    const afterSnap = snapshotOf({ ...values, status: before.status }, newSource);
    if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) fail('内容没有变化，无需保存');
    await writeOrConflict(input.name, () => tx.update(fundAccounts).set(values).where(eq(fundAccounts.id, before.id)));
    await ctx.audit({
      action: '修改资金账户',
      objectType: OBJECT_TYPE,
      objectId: before.id,
      before: beforeSnap,
      after: afterSnap,
      message: `修改资金账户「${input.name}」`,
    });
    return { id: before.id };
  },
});

/** Close an account (no longer offered for new entries; history and balance stay) or reopen it. */
export const setAccountStatus = defineMutation({
  name: '变更资金账户状态',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZSetAccountStatus,
  run: async (ctx, input) => {
    const { tx } = ctx;
    const [before] = await tx.select().from(fundAccounts).where(eq(fundAccounts.id, input.id)).for('update');
    if (!before) fail('账户不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    if (before.status === input.status) {
      fail(`账户「${before.name}」已是「${ACCOUNT_STATUS_LABELS[input.status]}」状态，可能已被他人处理，请刷新后重试`, 'CONFLICT');
    }
    await tx.update(fundAccounts).set({ status: input.status }).where(eq(fundAccounts.id, before.id));
    const balance = (await getAccountBalances(tx)).find((b) => b.accountId === before.id)?.balance ?? '0.00';
    const closing = input.status === 'closed';
    await ctx.audit({
      action: closing ? '关闭资金账户' : '重新启用资金账户',
      objectType: OBJECT_TYPE,
      objectId: before.id,
      before: { status: ACCOUNT_STATUS_LABELS[before.status as TAccountStatus] ?? before.status },
      after: { status: ACCOUNT_STATUS_LABELS[input.status] },
      message: `${closing ? '关闭' : '重新启用'}资金账户「${before.name}」（账户余额 ${formatYuan(balance)} 元）`,
    });
    return { id: before.id, status: input.status, balance };
  },
});
