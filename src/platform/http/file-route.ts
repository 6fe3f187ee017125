import type { Db } from '../db/client';
import { getDb } from '../db';
import { getActor } from '../run-action';
import type { Actor } from '../action';
import { auditIfRefused } from './refusals';
import { limitedApi } from './rate-limit';

type FileResponder = (db: Db, actor: Actor | null, id: string, opts: { download?: boolean }) => Promise<Response>;

/**
 * The GET handler of a stored-file route (`/api/<module>/files/[id]`): the module's responder
 * decides who may read which file; this adds what every file route shares — `?download=1` forces a
 * download, the per-account API rate limit (`what` names the download in the 429 message), and a
 * 401/403 answer audited as a refusal.
 */
export function fileRoute(base: string, what: string, respond: FileResponder) {
  return async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
    const { id } = await params;
    const download = new URL(request.url).searchParams.get('download') === '1';
    const db = await getDb();
    const actor = await getActor();
    return auditIfRefused(actor, `GET ${base}/${id}`, await limitedApi(db, actor, what, () => respond(db, actor, id, { download })));
  };
}
