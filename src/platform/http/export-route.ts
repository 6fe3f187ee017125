import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../action';
import type { Db } from '../db/client';
import { getActor } from '../run-action';
import { getRequestMeta } from '../request-context';
import { guardedExport, type ExportSpec } from './rate-limit';

/**
 * Route-handler glue of the shared export guard (src/platform/http/rate-limit.ts): every
 * `export` route handler answers through this, so sign-in, permission, the per-account and
 * per-address rate limit (429) and the audit of refusals and failures are the same everywhere.
 */
export async function exportRoute(spec: ExportSpec, run: (db: Db, actor: Actor) => Promise<Response>): Promise<Response> {
  const db = await getDb();
  const actor = await getActor();
  const meta = actor ? { ip: actor.ip, requestId: actor.requestId } : await getRequestMeta();
  return guardedExport(db, actor, spec, meta, (a) => run(db, a));
}
