import 'server-only';
import { getDb } from './db';
import type { Actor, ActionResult, Mutation } from './action';
import { resolveCurrentUser } from './auth/current-user';
import { actorFromIdentity } from './actor';
import { getRequestMeta } from './request-context';
import { GENERIC_FAILURE } from './errors';
import { getLogger } from './logger';

/** Builds the actor from this request's session (never from client input). */
export async function getActor(): Promise<Actor | null> {
  const { user } = await resolveCurrentUser();
  if (!user) return null;
  return actorFromIdentity(user, user.sessionId, await getRequestMeta());
}

/** Entry point used by every `'use server'` action. */
export async function runMutation<I, R>(mutation: Mutation<I, R>, rawInput: unknown): Promise<ActionResult<R>> {
  try {
    const db = await getDb();
    const actor = await getActor();
    // Without a session, the refusal is still audited with the client address and request id.
    return await mutation.execute(db, actor, rawInput, actor ? undefined : await getRequestMeta());
  } catch (e) {
    getLogger().error({ err: e, action: mutation.name }, 'action could not run');
    return { ok: false, error: GENERIC_FAILURE };
  }
}
