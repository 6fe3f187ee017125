import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/client';
import { getAccountBalances, listFundSources } from '../../src/modules/funds/accounts/queries';
import { createDatabaseMigratedBefore } from '../helpers/migrations';

/**
 * Migration 0009: records written with the old sources (财政拨款, 专项债券, 出让收入返还, 其他) and
 * income categories are moved onto the four channels of 财综〔2018〕8号.
 */

let database: Awaited<ReturnType<typeof createDatabaseMigratedBefore>>;
let applied: string[];
const db = () => database.db;

type Row = { id: string; direction: string; category: string; source_code: string | null; amount: string; status: string };

beforeAll(async () => {
  database = await createDatabaseMigratedBefore('fund_sources_f18');
  const at = `'2024-06-01T10:00:00+08:00'`;
  await db().execute(
    sql.raw(`INSERT INTO fund_accounts (id, source_code, name, created_at, updated_at) VALUES
      ('A-F', 'fiscal', '财政专户', ${at}, ${at}),
      ('A-O', 'other', '其他资金户', ${at}, ${at}),
      ('A-B', 'bond', '专项债券户', ${at}, ${at}),
      ('A-L', 'land_income', '出让收入返还户', ${at}, ${at})`),
  );
  const entry = (id: string, direction: string, category: string, source: string | null, account: string | null, amount: string, status = 'approved') =>
    `('${id}', 'NO-${id}', '${direction}', '2024-05-01', ${amount}, '${category}', ${source ? `'${source}'` : 'null'}, ${account ? `'${account}'` : 'null'}, 'P1', '${status}', ${at}, ${at})`;
  await db().execute(
    sql.raw(`INSERT INTO ledger_entries (id, entry_no, direction, entry_date, amount, category, source_code, account_id, project_id, status, created_at, updated_at) VALUES
      ${[
        entry('I1', 'income', '财政拨款', 'fiscal', 'A-F', '1000.00'),
        entry('I2', 'income', '出让收入返还', 'land_income', 'A-L', '2000.00'),
        entry('I3', 'income', '专项债券资金', 'bond', 'A-B', '3000.00'),
        entry('I4', 'income', '其他收入', 'other', 'A-O', '40.00'),
        entry('I5', 'income', '其他收入', 'land_income', 'A-L', '50.00'),
        entry('I6', 'income', '其他收入', null, null, '60.00', 'draft'),
        entry('E1', 'expense', '征收补偿', 'fiscal', 'A-F', '700.00'),
        entry('E2', 'expense', '管护', 'other', 'A-O', '30.00'),
        entry('E3', 'expense', '融资成本', 'bond', 'A-B', '20.00'),
        entry('E4', 'expense', '其他', null, null, '5.00', 'submitted'),
      ].join(',\n')}`),
  );
  applied = await database.migrateRest();
});
afterAll(async () => {
  await database?.close();
});

describe('migration 0009: fund sources follow the four channels of 财综〔2018〕8号', () => {
  it('is applied to a database written by the previous version', () => {
    expect(applied.map((t) => t.replace(/^\d+_/, ''))).toContain('fund_sources_f18');
  });

  it('leaves exactly the four channels in the dictionary, in F18’s order', async () => {
    const sources = await listFundSources(db());
    expect(sources.map((s) => [s.code, s.name, s.sortOrder])).toEqual([
      ['land_income', '土地出让收入安排', 1],
      ['land_fund', '国有土地收益基金', 2],
      ['bond', '专项债券资金', 3],
      ['other_fiscal', '其他财政资金', 4],
    ]);
    expect(sources.every((s) => (s.note ?? '').length > 10)).toBe(true);
  });

  it('moves the 财政拨款 and 其他 accounts to 其他财政资金 and keeps the others', async () => {
    const accounts = await queryRows<{ id: string; source_code: string }>(db(), sql.raw('SELECT id, source_code FROM fund_accounts ORDER BY id'));
    expect(accounts).toEqual([
      { id: 'A-B', source_code: 'bond' },
      { id: 'A-F', source_code: 'other_fiscal' },
      { id: 'A-L', source_code: 'land_income' },
      { id: 'A-O', source_code: 'other_fiscal' },
    ]);
  });

  it('renames income categories after their channel and moves entry sources; amounts and statuses unchanged', async () => {
    const rows = await queryRows<Row>(db(), sql.raw('SELECT id, direction, category, source_code, amount, status FROM ledger_entries ORDER BY id'));
    expect(rows.map((r) => [r.id, r.category, r.source_code, String(r.amount), r.status])).toEqual([
      ['E1', '征收补偿', 'other_fiscal', '700.00', 'approved'],
      ['E2', '管护', 'other_fiscal', '30.00', 'approved'],
      ['E3', '融资成本', 'bond', '20.00', 'approved'],
      ['E4', '其他', null, '5.00', 'submitted'],
      ['I1', '其他财政资金', 'other_fiscal', '1000.00', 'approved'],
      ['I2', '土地出让收入安排', 'land_income', '2000.00', 'approved'],
      ['I3', '专项债券资金', 'bond', '3000.00', 'approved'],
      ['I4', '其他财政资金', 'other_fiscal', '40.00', 'approved'],
      ['I5', '土地出让收入安排', 'land_income', '50.00', 'approved'],
      ['I6', '其他财政资金', null, '60.00', 'draft'],
    ]);
  });

  it('keeps every account’s balance, now under its channel’s name', async () => {
    const balances = await getAccountBalances(db());
    expect(balances.map((b) => [b.name, b.sourceName, b.income, b.expense, b.balance])).toEqual([
      ['出让收入返还户', '土地出让收入安排', '2050.00', '0.00', '2050.00'],
      ['专项债券户', '专项债券资金', '3000.00', '20.00', '2980.00'],
      ['其他资金户', '其他财政资金', '40.00', '30.00', '10.00'],
      ['财政专户', '其他财政资金', '1000.00', '700.00', '300.00'],
    ]);
  });
});
