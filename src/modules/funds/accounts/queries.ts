import 'server-only';
import { and, asc, eq, isNotNull, sum } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { dec } from '@/modules/plans/amounts';
import { fundAccounts, fundSources, ledgerEntries } from '../schema';
import { subtractAmounts, toAmount } from '../rules';
import type { TAccountStatus } from './validation';

/** Fund sources (F18 dictionary) and accounts, with balances from approved ledger entries only. */

export interface FundSourceRow {
  code: string;
  name: string;
  sortOrder: number;
  note: string | null;
}

export async function listFundSources(db: Db | Tx): Promise<FundSourceRow[]> {
  return db
    .select({ code: fundSources.code, name: fundSources.name, sortOrder: fundSources.sortOrder, note: fundSources.note })
    .from(fundSources)
    .orderBy(asc(fundSources.sortOrder), asc(fundSources.code));
}

export interface AccountRow {
  id: string;
  name: string;
  sourceCode: string;
  sourceName: string;
  bankName: string | null;
  accountNo: string | null;
  status: TAccountStatus;
  note: string | null;
  isDemo: boolean;
  updatedAt: Date;
}

const accountColumns = {
  id: fundAccounts.id,
  name: fundAccounts.name,
  sourceCode: fundAccounts.sourceCode,
  sourceName: fundSources.name,
  bankName: fundAccounts.bankName,
  accountNo: fundAccounts.accountNo,
  status: fundAccounts.status,
  note: fundAccounts.note,
  isDemo: fundAccounts.isDemo,
  updatedAt: fundAccounts.updatedAt,
};

type RawAccount = Omit<AccountRow, 'status' | 'sourceName'> & { status: string; sourceName: string | null };

function toRow(r: RawAccount): AccountRow {
  return { ...r, status: r.status as TAccountStatus, sourceName: r.sourceName ?? r.sourceCode };
}

/** Accounts by source order then name; `activeOnly` for choosing an account on a new entry. */
export async function listAccounts(db: Db | Tx, opts: { activeOnly?: boolean; sourceCode?: string } = {}): Promise<AccountRow[]> {
  const rows = await db
    .select(accountColumns)
    .from(fundAccounts)
    .leftJoin(fundSources, eq(fundSources.code, fundAccounts.sourceCode))
    .where(and(opts.activeOnly ? eq(fundAccounts.status, 'active') : undefined, opts.sourceCode ? eq(fundAccounts.sourceCode, opts.sourceCode) : undefined))
    .orderBy(asc(fundSources.sortOrder), asc(fundAccounts.name));
  return rows.map(toRow);
}

export async function getAccount(db: Db | Tx, id: string): Promise<AccountRow | null> {
  const [row] = await db.select(accountColumns).from(fundAccounts).leftJoin(fundSources, eq(fundSources.code, fundAccounts.sourceCode)).where(eq(fundAccounts.id, id));
  return row ? toRow(row) : null;
}

export interface AccountBalance {
  accountId: string;
  name: string;
  sourceCode: string;
  sourceName: string;
  status: TAccountStatus;
  /** Approved income (reversals included, negative). */
  income: string;
  /** Approved expense (reversals included, negative). */
  expense: string;
  /** income − expense */
  balance: string;
}

/** Every account with its approved income, expense and balance, by source order then name. */
export async function getAccountBalances(db: Db | Tx): Promise<AccountBalance[]> {
  const [accounts, sums] = await Promise.all([
    listAccounts(db),
    db
      .select({ accountId: ledgerEntries.accountId, direction: ledgerEntries.direction, total: sum(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.status, 'approved'), isNotNull(ledgerEntries.accountId)))
      .groupBy(ledgerEntries.accountId, ledgerEntries.direction),
  ]);
  const income = new Map<string, string>();
  const expense = new Map<string, string>();
  for (const s of sums) (s.direction === 'income' ? income : expense).set(s.accountId!, toAmount(dec(s.total)));
  return accounts.map((a) => {
    const inc = income.get(a.id) ?? '0.00';
    const exp = expense.get(a.id) ?? '0.00';
    return { accountId: a.id, name: a.name, sourceCode: a.sourceCode, sourceName: a.sourceName, status: a.status, income: inc, expense: exp, balance: subtractAmounts(inc, exp) };
  });
}

/** Whether any ledger entry (any status) names the account. */
export async function accountHasEntries(db: Db | Tx, accountId: string): Promise<boolean> {
  const rows = await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).limit(1);
  return rows.length > 0;
}

export interface AccountListRow extends Omit<AccountRow, 'updatedAt'> {
  income: string;
  expense: string;
  balance: string;
  /** ISO time of the last change: the edit form sends it back to detect a concurrent change. */
  updatedAt: string;
}

export interface SourceSummary extends FundSourceRow {
  accountCount: number;
  activeCount: number;
  income: string;
  expense: string;
  balance: string;
}

export interface AccountsOverview {
  sources: SourceSummary[];
  rows: AccountListRow[];
  total: number;
  /** Totals of the matching accounts (all pages). */
  totals: { income: string; expense: string; balance: string };
}

/** The /funds/accounts page: the F18 dictionary with per-source totals, and the filtered accounts with balances. */
export async function getAccountsOverview(db: Db | Tx, f: { source?: string; status?: TAccountStatus; page: number; size: number }): Promise<AccountsOverview> {
  const [sources, accounts, balances] = await Promise.all([listFundSources(db), listAccounts(db), getAccountBalances(db)]);
  const balanceOf = new Map(balances.map((b) => [b.accountId, b]));
  const all: AccountListRow[] = accounts.map((a) => {
    const b = balanceOf.get(a.id);
    return { ...a, updatedAt: a.updatedAt.toISOString(), income: b?.income ?? '0.00', expense: b?.expense ?? '0.00', balance: b?.balance ?? '0.00' };
  });
  const sumOf = (rows: AccountListRow[], pick: (r: AccountListRow) => string) => toAmount(rows.reduce((acc, r) => acc.plus(dec(pick(r))), dec(0)));
  const summaries = sources.map((s) => {
    const mine = all.filter((a) => a.sourceCode === s.code);
    return {
      ...s,
      accountCount: mine.length,
      activeCount: mine.filter((a) => a.status === 'active').length,
      income: sumOf(mine, (r) => r.income),
      expense: sumOf(mine, (r) => r.expense),
      balance: sumOf(mine, (r) => r.balance),
    };
  });
  const matching = all.filter((a) => (!f.source || a.sourceCode === f.source) && (!f.status || a.status === f.status));
  return {
    sources: summaries,
    rows: matching.slice((f.page - 1) * f.size, f.page * f.size),
    total: matching.length,
    totals: { income: sumOf(matching, (r) => r.income), expense: sumOf(matching, (r) => r.expense), balance: sumOf(matching, (r) => r.balance) },
  };
}
