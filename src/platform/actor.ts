import type { Actor } from './action';
import type { Identity } from './auth/identity';
import { roleNamesOf } from './auth/identity';
import { permissionsInForce } from './auth/must-change';

/**
 * The actor that server actions and route handlers act as, from the session's identity: a user
 * held to change their password (first login or expired) holds only that permission.
 */
export function actorFromIdentity(user: Identity & { totpPending?: boolean }, sessionId: string | null, meta: { ip: string | null; requestId: string | null }): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roleNames: roleNamesOf(user),
    departmentId: user.departmentId,
    permissions: permissionsInForce(user),
    mustChangePassword: user.mustChangePassword,
    passwordHoldReason: user.passwordHoldReason ?? null,
    totpPending: user.totpPending ?? false,
    ip: meta.ip,
    requestId: meta.requestId,
    sessionId,
  };
}
