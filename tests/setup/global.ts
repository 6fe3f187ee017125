import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import type { Db } from '../../src/platform/db/client';
import { migrate } from '../../src/platform/db/migrate';
import { syncPermissionCatalog } from '../../src/platform/permissions/sync';
import { syncDistricts } from '../../src/platform/geo/districts';
import { adminUrl, withDatabase } from '../helpers/pg-url';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

async function prepare(db: Db) {
  await migrate(db);
  await syncPermissionCatalog(db);
  await syncDistricts(db);
}

/**
 * Builds one migrated database (reference data included) that every test file copies:
 * a dumped PGlite folder, or a PostgreSQL template database when DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `lr_tmpl_${process.pid}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const client = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
    await prepare(drizzlePg(client) as unknown as Db);
    await client.end();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  }
  const pg = await PGlite.create();
  await prepare(drizzlePglite(pg) as unknown as Db);
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const dir = mkdtempSync(join(tmpdir(), 'lr-test-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
