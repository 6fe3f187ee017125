import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './client';

/**
 * A small migrator instead of drizzle's: it keeps its bookkeeping in public.schema_migrations
 * (no extra schema, no IF NOT EXISTS beyond CREATE TABLE) so it runs unchanged on openGauss
 * and KingbaseES, and it locks that table so two migrators cannot interleave.
 */
export interface MigrationFile {
  tag: string;
  hash: string;
  statements: string[];
}

export function migrationsDir(): string {
  return join(process.cwd(), 'drizzle');
}

export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const text = readFileSync(join(dir, `${tag}.sql`), 'utf8');
      return {
        tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

const CREATE_TABLE = sql.raw(
  'CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamp with time zone NOT NULL)',
);

export async function migrate(db: Db, dir = migrationsDir()): Promise<{ applied: string[]; current: string | null }> {
  const files = readMigrations(dir);
  await db.execute(CREATE_TABLE);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw('LOCK TABLE schema_migrations IN EXCLUSIVE MODE'));
    const done = new Set(
      (await queryRows<{ tag: string }>(tx as unknown as Db, sql.raw('SELECT tag FROM schema_migrations'))).map((r) => r.tag),
    );
    for (const file of files) {
      if (done.has(file.tag)) continue;
      for (const statement of file.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO schema_migrations (tag, hash, applied_at) VALUES (${file.tag}, ${file.hash}, ${new Date().toISOString()})`);
      applied.push(file.tag);
    }
  });
  return { applied, current: files.at(-1)?.tag ?? null };
}

/** Latest applied migration tag, or null when the database has never been migrated. */
export async function getMigrationVersion(db: Db): Promise<string | null> {
  try {
    const rows = await queryRows<{ tag: string }>(db, sql.raw('SELECT tag FROM schema_migrations ORDER BY tag DESC LIMIT 1'));
    return rows[0]?.tag ?? null;
  } catch {
    return null;
  }
}

/** Tags of the migrations not yet applied (all of them on a database never migrated). Reads only. */
export async function pendingMigrations(db: Db, dir = migrationsDir()): Promise<string[]> {
  const files = readMigrations(dir);
  let done: Set<string>;
  try {
    done = new Set((await queryRows<{ tag: string }>(db, sql.raw('SELECT tag FROM schema_migrations'))).map((r) => r.tag));
  } catch {
    done = new Set();
  }
  return files.filter((f) => !done.has(f.tag)).map((f) => f.tag);
}
