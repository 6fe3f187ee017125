import 'server-only';
import { getDb } from './db';
import type { Actor, ActionResult, Mutation } from './action';
import { resolveCurrentUser } from './auth/current-user';
import { roleNamesOf } from './auth/identity';
import { permissionsInForce } from './auth/must-change';
import { getRequestMeta } from './request-context';
import { GENERIC_FAILURE } from './errors';
import { getLogger } from './logger';

/** Builds the actor from this request's session (never from client input). */
export async function getActor(): Promise<Actor | null> {
  const { user } = await resolveCurrentUser();
  if (!user) return null;
  const meta = await getRequestMeta();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roleNames: roleNamesOf(user),
    departmentId: user.departmentId,
    permissions: permissionsInForce(user),
    mustChangePassword: user.mustChangePassword,
    ip: meta.ip,
    requestId: meta.requestId,
    sessionId: user.sessionId,
  };
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
