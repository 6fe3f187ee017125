import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/platform/db/client';
import { setDatabase } from '../../src/platform/db';
import { adminUrl, withDatabase } from './pg-url';

/**
 * A fresh migrated database for one test file: PGlite booted from the dumped template, or a
 * PostgreSQL database copied from the template (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<Database> {
  const pgTemplate = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (pgTemplate && url) {
    const name = `lr_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
        break;
      } catch (e) {
        // Two files copying the template at the same instant: wait and retry.
        if (attempt > 20 || !/being accessed/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const database = await openDatabase({ url: withDatabase(url, name) });
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  return openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
}

/** Creates the test database and installs it as the application's database. */
export async function useTestDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  setDatabase(database);
  return database;
}
