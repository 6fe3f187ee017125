import { checkServerCompatibility } from './compat';
import { openDatabase, type Database, type Db } from './client';
import { getLogger } from '../logger';

export type { Db, Tx, Database } from './client';
export { queryRows } from './client';

const g = globalThis as unknown as { __lrDatabase?: Promise<Database> };

/**
 * The application's database, opened lazily on first use and kept on globalThis: Next
 * evaluates server modules more than once, and PGlite must be opened by one owner only.
 */
export function getDatabase(): Promise<Database> {
  if (!g.__lrDatabase) {
    g.__lrDatabase = (async () => {
      const database = await openDatabase();
      if (database.kind === 'postgres') {
        const { flavour } = await checkServerCompatibility(database.db);
        getLogger().info({ db: database.target, flavour }, 'database connected');
      } else {
        getLogger().info({ db: database.target }, 'embedded database opened');
      }
      return database;
    })();
    g.__lrDatabase.catch(() => {
      g.__lrDatabase = undefined;
    });
  }
  return g.__lrDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests and scripts install their own database here. */
export function setDatabase(database: Database | undefined): void {
  g.__lrDatabase = database ? Promise.resolve(database) : undefined;
}

export async function closeDatabase(): Promise<void> {
  const current = g.__lrDatabase;
  g.__lrDatabase = undefined;
  if (current) await (await current).close();
}
