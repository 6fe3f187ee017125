import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { resetConfigCache } from '../../src/platform/config';
import { resetKeyRing } from '../../src/platform/crypto/keys';
import { ledgerEntries } from '../../src/modules/funds/schema';
import { checkLedgerEntry, ledgerTagColumns, tagEntries } from '../../src/modules/funds/ledger/integrity';
import { migrateAndSync } from '../../scripts/lib/prepare';
import { createDatabaseMigratedBefore } from '../helpers/migrations';

/*
 * Migration 0019 adds ledger_entries.integrity_tag. The key is outside the database, so the
 * migration only marks the entries approved before it ('pending'); the migrate job tags them in
 * the run that applied it, and a later run leaves alone anything marked afterwards.
 */

let database: Awaited<ReturnType<typeof createDatabaseMigratedBefore>>;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-mig-tag-'));
  resetConfigCache();
  resetKeyRing();
  database = await createDatabaseMigratedBefore('ledger_integrity_tag');
  const db = database.db;
  await db.execute(sql`insert into reserve_projects (id, code, name, acquisition_route, created_at, updated_at) values ('p-mig-19', 'MIG19', '迁移测试项目', '征收', now(), now())`);
  await db.execute(
    sql`insert into ledger_entries (id, entry_no, direction, entry_date, amount, category, project_id, status, approved_at, approved_by, created_at, updated_at)
        values ('e-approved', 'ZJ2024-000001', 'expense', '2024-05-01', '1234.50', '其他', 'p-mig-19', 'approved', '2024-05-02T03:04:05.678Z', 'u1', now(), now()),
               ('e-draft', 'ZJ2024-000002', 'expense', '2024-05-01', '99.00', '其他', 'p-mig-19', 'draft', null, null, now(), now())`,
  );
}, 120_000);
afterAll(async () => {
  await database?.close();
});

async function entry(id: string) {
  const [r] = await database.db.select(ledgerTagColumns).from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return r;
}

describe('数据完整性: migration 0019 and the migrate job', () => {
  it('数据完整性: entries approved before the migration are tagged by the migrate run that applies it; drafts get no tag', async () => {
    await migrateAndSync(database.db);
    const approved = await entry('e-approved');
    expect(approved.integrityTag).toMatch(/^v1:\d+:[0-9a-f]{64}$/);
    expect(checkLedgerEntry(approved)).toBe('ok');
    expect((await entry('e-draft')).integrityTag).toBeNull();
  });

  it('数据完整性: a later migrate run does not tag rows marked pending afterwards (no laundering of an altered row)', async () => {
    await database.db.execute(sql`update ledger_entries set amount = '999999.00', integrity_tag = 'pending' where id = 'e-approved'`);
    await migrateAndSync(database.db);
    const r = await entry('e-approved');
    expect(r.integrityTag).toBe('pending');
    expect(checkLedgerEntry(r)).toBe('pending');
    // Only the explicit ledger:tag job would tag it (documented: run it once, after the upgrade).
    expect((await tagEntries(database.db, 'pending')).tagged).toBe(1);
  });
});
