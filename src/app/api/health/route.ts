import { sql } from 'drizzle-orm';
import { getDatabase } from '@/platform/db';
import { getMigrationVersion } from '@/platform/db/migrate';
import { getRequestLogger } from '@/platform/request-context';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, without login and without secrets. */
export async function GET() {
  const started = Date.now();
  try {
    const { db, kind } = await getDatabase();
    await db.execute(sql`select 1`);
    const migration = await getMigrationVersion(db);
    return Response.json(
      { status: migration ? 'ok' : 'degraded', database: { reachable: true, kind, migration }, latencyMs: Date.now() - started },
      { status: migration ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    );
  } catch (e) {
    (await getRequestLogger()).error({ err: e }, 'health check failed');
    return Response.json(
      { status: 'error', database: { reachable: false, kind: null, migration: null }, message: '数据库不可用' },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
