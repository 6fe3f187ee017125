/**
 * The database our app runs on during bench:pages: a fresh PostgreSQL database (lr_bench_<ts>)
 * or a fresh embedded data folder, prepared the way `npm start` prepares an empty database
 * (migrations, reference data, demo data), and the ids of the objects whose pages are measured.
 */
import { rmSync } from 'node:fs';

export interface BenchTargets {
  /** The project with the most parcels (its detail page is the fullest). */
  project: { id: string; code: string; name: string };
  /** The bond with the most project allocations. */
  bond: { id: string; code: string; name: string };
  /** The zoom-14 tile holding the most parcel centres. */
  tile: { z: number; x: number; y: number; parcels: number };
}

export interface BenchDatabase {
  /** Environment for our server and for the preparation (DATABASE_URL / DATA_DIR). */
  env: Record<string, string>;
  /** Human-readable target, without credentials. */
  label: string;
  drop(): Promise<void>;
}

/** Creates the database (PostgreSQL) or chooses the data folder (PGlite); nothing is opened yet. */
export async function createBenchDatabase(kind: 'pg' | 'pglite', pgUrl: string, stamp: string, dataDir: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      label: `PGlite (embedded) ${dataDir}`,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const { default: postgres } = await import('postgres');
  const name = `lr_bench_${stamp}`;
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const label = `PostgreSQL ${url.host}/${name}`;
  return {
    // The data folder still holds the auth secret and stored files: a fresh one, not ./data.
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    label,
    drop: async () => {
      const again = postgres(pgUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Prepares the database as `npm start` does (scripts/start.ts → prepareDatabase: migrate, sync
 * permissions and districts, demo data when empty) in this process, picks the measured objects,
 * and closes the database again (PGlite allows one owner: the server opens it next).
 * `process.env` must already carry the database settings: the config is read once.
 */
export async function prepareAndPick(): Promise<BenchTargets> {
  const { openForScript } = await import('../../lib/cli');
  const { prepareDatabase } = await import('../../lib/prepare');
  const { closeDatabase } = await import('../../../src/platform/db');
  const { count, desc, asc, eq } = await import('drizzle-orm');
  const { parcels, reserveProjects } = await import('../../../src/modules/parcels/schema');
  const { bonds, bondAllocations } = await import('../../../src/modules/funds/schema');
  const { tileAt } = await import('../../../src/platform/geo/mvt/tile-math');
  try {
    const { db } = await openForScript();
    await prepareDatabase(db);

    const n = count();
    const [topProject] = await db
      .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, n })
      .from(reserveProjects)
      .innerJoin(parcels, eq(parcels.projectId, reserveProjects.id))
      .groupBy(reserveProjects.id, reserveProjects.code, reserveProjects.name)
      .orderBy(desc(n), asc(reserveProjects.code))
      .limit(1);
    if (!topProject) throw new Error('演示数据中没有带地块的储备项目');

    const m = count();
    const [topBond] = await db
      .select({ id: bonds.id, code: bonds.code, name: bonds.name, m })
      .from(bonds)
      .leftJoin(bondAllocations, eq(bondAllocations.bondId, bonds.id))
      .groupBy(bonds.id, bonds.code, bonds.name)
      .orderBy(desc(m), asc(bonds.code))
      .limit(1);
    if (!topBond) throw new Error('演示数据中没有专项债券');

    const centres = await db.select({ lon: parcels.centerLon, lat: parcels.centerLat }).from(parcels);
    const perTile = new Map<string, { z: number; x: number; y: number; parcels: number }>();
    for (const c of centres) {
      if (c.lon === null || c.lat === null) continue;
      const t = tileAt(c.lon, c.lat, 14);
      const key = `${t.x}/${t.y}`;
      const entry = perTile.get(key) ?? { ...t, parcels: 0 };
      entry.parcels++;
      perTile.set(key, entry);
    }
    const tile = [...perTile.values()].sort((a, b) => b.parcels - a.parcels || a.x - b.x || a.y - b.y)[0];
    if (!tile) throw new Error('演示数据中没有带边界的地块，无法选取地图瓦片');

    return {
      project: { id: topProject.id, code: topProject.code, name: topProject.name },
      bond: { id: topBond.id, code: topBond.code, name: topBond.name },
      tile,
    };
  } finally {
    await closeDatabase();
  }
}
