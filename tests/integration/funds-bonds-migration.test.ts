import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { bonds } from '../../src/modules/funds/schema';
import { principalPercentsProblem } from '../../src/modules/funds/rules';
import { createDatabaseMigratedBefore } from '../helpers/migrations';

/** Migration 0010: bonds entered before it get an issuer, their coupon frequency and yearly principal percentages. */

let database: Awaited<ReturnType<typeof createDatabaseMigratedBefore>>;
const db = () => database.db;

beforeAll(async () => {
  database = await createDatabaseMigratedBefore('bonds_as_issued');
  const at = `'2024-06-01T10:00:00+08:00'`;
  await db().execute(
    sql.raw(`INSERT INTO bonds (id, code, name, amount, annual_rate, term_years, issue_date, first_payment_date, repayment_type, created_at, updated_at) VALUES
      ('B1', 'OLD-1', '到期还本债券', 10000000, 3.12, 5, '2023-04-18', null, 'bullet', ${at}, ${at}),
      ('B2', 'OLD-2', '等额还本债券', 7000000, 2.65, 7, '2024-09-12', '2024-12-31', 'amortizing', ${at}, ${at}),
      ('B3', 'OLD-3', '三年等额还本债券', 3000000, 2.5, 3, '2023-07-01', null, 'amortizing', ${at}, ${at})`),
  );
  await database.migrateRest();
});
afterAll(async () => {
  await database?.close();
});

describe('migration 0010: bonds as issued', () => {
  it('names 湖南省 as issuer, keeps the yearly coupons the stored schedules were built with, and gives equal yearly principal percentages (the last taking the remainder)', async () => {
    const rows = await db()
      .select({ code: bonds.code, issuer: bonds.issuer, couponsPerYear: bonds.couponsPerYear, principalPercents: bonds.principalPercents, termYears: bonds.termYears })
      .from(bonds)
      .orderBy(asc(bonds.code));
    expect(rows).toEqual([
      { code: 'OLD-1', issuer: '湖南省', couponsPerYear: 1, principalPercents: null, termYears: 5 },
      { code: 'OLD-2', issuer: '湖南省', couponsPerYear: 1, principalPercents: ['14.28', '14.28', '14.28', '14.28', '14.28', '14.28', '14.32'], termYears: 7 },
      { code: 'OLD-3', issuer: '湖南省', couponsPerYear: 1, principalPercents: ['33.33', '33.33', '33.34'], termYears: 3 },
    ]);
    for (const r of rows) if (r.principalPercents) expect(principalPercentsProblem(r.principalPercents, r.termYears)).toBeNull();
  });
});
