import { closeDatabase, setDatabase } from '../../src/platform/db';
import { openDatabase, type Database } from '../../src/platform/db/client';
import { checkServerCompatibility } from '../../src/platform/db/compat';
import { describeConnectionError } from '../../src/platform/db/connect-errors';
import { DataDirLockedError } from '../../src/platform/db/lock';

/** Opens the configured database for a maintenance script (takes the PGlite folder lock). */
export async function openForScript(): Promise<Database> {
  const database = await openDatabase();
  if (database.kind === 'postgres') {
    try {
      await checkServerCompatibility(database.db);
    } catch (e) {
      await database.close().catch(() => {});
      const said = describeConnectionError(e, database.target);
      throw said ? new Error(said) : e;
    }
  }
  setDatabase(database);
  return database;
}

/** Runs a script body: Chinese message and exit code 1 on failure, always closes the database. */
export function runScript(name: string, body: () => Promise<void>): void {
  body()
    .then(async () => {
      await closeDatabase();
      // A body that found a problem sets process.exitCode (audit:verify on a broken chain).
      process.exit(Number(process.exitCode ?? 0));
    })
    .catch(async (e: unknown) => {
      const known = e instanceof DataDirLockedError || (e instanceof Error && /[\u4e00-\u9fa5]/.test(e.message));
      console.error(`${name}失败：${known ? (e as Error).message : String((e as Error)?.stack ?? e)}`);
      await closeDatabase().catch(() => {});
      process.exit(1);
    });
}
