import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { getConfig } from '../config';
import { acquireDataDirLock, releaseDataDirLock } from './lock';

/** The query builder, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Human-readable target, without credentials. */
  target: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** Boot PGlite from a dumped data folder (tests). */
  loadDataDir?: Blob | File;
  /** In-memory PGlite without lock (tests). */
  memory?: boolean;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(无法解析的地址)';
  }
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const cfg = getConfig();
  const url = opts.url ?? (opts.dataDir || opts.memory || opts.loadDataDir ? undefined : cfg.DATABASE_URL);
  if (url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(url, {
      max: 10,
      onnotice: () => {},
      fetch_types: cfg.DB_FETCH_TYPES === 'true',
      connection: { application_name: 'land-reserve', TimeZone: 'Asia/Shanghai' },
    });
    const db = drizzle(client) as unknown as Db;
    return { db, kind: 'postgres', target: redactUrl(url), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (opts.memory || opts.loadDataDir) {
    const pg = await PGlite.create({ loadDataDir: opts.loadDataDir });
    await pg.exec(`set timezone = 'Asia/Shanghai'`);
    return { db: drizzle(pg) as unknown as Db, kind: 'pglite', target: '内存', close: () => pg.close() };
  }
  const dataDir = resolve(/*turbopackIgnore: true*/ opts.dataDir ?? cfg.DATA_DIR);
  acquireDataDirLock(dataDir);
  try {
    const pgDir = join(dataDir, 'pglite');
    mkdirSync(pgDir, { recursive: true });
    const pg = await PGlite.create(pgDir);
    await pg.exec(`set timezone = 'Asia/Shanghai'`);
    return {
      db: drizzle(pg) as unknown as Db,
      kind: 'pglite',
      target: pgDir,
      close: async () => {
        await pg.close();
        releaseDataDirLock(dataDir);
      },
    };
  } catch (e) {
    releaseDataDirLock(dataDir);
    throw e;
  }
}

/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite. */
export async function queryRows<T extends Record<string, unknown>>(db: Db | Tx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}
