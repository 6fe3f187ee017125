import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/platform/db/client';
import { migrate, migrationsDir } from '../../src/platform/db/migrate';
import { adminUrl, withDatabase } from './pg-url';

/**
 * A database migrated up to just before the migration named `name` (its tag without the number,
 * so a renumbered migration keeps its test), to test that migration on the records an earlier
 * version of the system wrote: `migrateRest()` then applies it and the rest as `npm run db:migrate`
 * would. PGlite in memory, or a new empty PostgreSQL database when DATABASE_URL is set (dropped
 * by `close`).
 */
export async function createDatabaseMigratedBefore(name: string): Promise<Database & { migrateRest: () => Promise<string[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lr-migrations-'));
  const source = migrationsDir();
  const journal = JSON.parse(readFileSync(join(source, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const target = journal.entries.find((e) => e.tag.replace(/^\d+_/, '') === name);
  if (!target) throw new Error(`no migration ${name}`);
  const entries = journal.entries.filter((e) => e.idx < target.idx);
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(source, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));

  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (url) {
    const name = `lr_m_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    database = await openDatabase({ url: withDatabase(url, name) });
    drop = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  } else {
    database = await openDatabase({ memory: true });
  }
  try {
    await migrate(database.db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...database,
    migrateRest: async () => (await migrate(database.db)).applied,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
