import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getConfig } from '../config';
import { getDb } from '../db';
import { hasPermission } from '../permissions/check';
import { auditPageRefusal } from '../http/refusals';
import { roleNamesOf, type Identity } from './identity';
import { getAuthSecret } from './secret';
import { getSecurityPolicyCached } from './policy-in-force';
import { resolveSession, sessionPolicyOf, SESSION_END_MESSAGES, type SessionEndReason } from './session';
import { claimsFromToken, sessionTokenFrom } from './token';
import { TOTP_ENROLMENT_PAGE } from './must-change';

const PASSWORD_PERMISSION = 'profile:password';
const PASSWORD_PAGE = '/profile/password';

/** `totpPending`: must enrol a 动态口令 before anything else (auth/must-change.ts). */
export type CurrentUser = Identity & { sessionId: string; totpPending: boolean };

type Resolved = { user: CurrentUser } | { user: null; reason: SessionEndReason | 'none' };

/**
 * Session of this request, re-checked against the database once per request: the cookie's
 * claims (decrypted once per token, auth/token.ts), then ONE query for the session row, the user
 * and their role combination (auth/session.ts).
 */
export const resolveCurrentUser = cache(async (): Promise<Resolved> => {
  const token = sessionTokenFrom((await cookies()).getAll(), /^https:\/\//i.test(getConfig().NEXTAUTH_URL ?? ''));
  const claims = token ? await claimsFromToken(token, getAuthSecret()) : null;
  if (!claims) return { user: null, reason: 'none' };
  const db = await getDb();
  const check = await resolveSession(db, claims, new Date(), sessionPolicyOf(await getSecurityPolicyCached(db)));
  if (!check.ok) return { user: null, reason: check.reason };
  return { user: { ...check.identity, sessionId: check.sessionId, totpPending: check.totpPending } };
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await resolveCurrentUser()).user;
}

/** For pages: redirect to login when signed out, render 403 when the permission is missing. */
export async function requirePagePermission(code: string | readonly string[]): Promise<CurrentUser> {
  const resolved = await resolveCurrentUser();
  if (!resolved.user) return refuseSignedOut(resolved.reason);
  // A list of codes: any one of them opens the page (用户管理 opens to the 系统管理员 and the 安全管理员).
  const codes = typeof code === 'string' ? [code] : code;
  const user = resolved.user;
  if (!codes.some((c) => hasPermission(user, c))) {
    await auditPageRefusal(403, `缺少权限 ${codes.join(' 或 ')}`, user.id, user.username, roleNamesOf(user));
    forbidden();
  }
  // A password set by an administrator, or expired, must be changed before any other page opens.
  if (resolved.user.mustChangePassword && code !== PASSWORD_PERMISSION) redirect(PASSWORD_PAGE);
  // Then a 动态口令 the user's role requires: every other page sends them to enrol it.
  if (resolved.user.totpPending && !resolved.user.mustChangePassword) redirect(`${TOTP_ENROLMENT_PAGE}?required=1`);
  return resolved.user;
}

/** The 双因素认证 page: open to a signed-in user with the personal permission, also while held to enrol. */
export async function requireTotpEnrolmentPage(): Promise<CurrentUser> {
  const resolved = await resolveCurrentUser();
  if (!resolved.user) redirect(resolved.reason === 'none' ? '/login' : `/login?reason=${resolved.reason}`);
  if (!hasPermission(resolved.user, PASSWORD_PERMISSION)) forbidden();
  if (resolved.user.mustChangePassword) redirect(PASSWORD_PAGE);
  return resolved.user;
}

export async function requireUser(): Promise<CurrentUser> {
  const resolved = await resolveCurrentUser();
  if (!resolved.user) return refuseSignedOut(resolved.reason);
  return resolved.user;
}

/** Audits the 401 (安全审计) and sends the visitor to the login page. */
async function refuseSignedOut(reason: SessionEndReason | 'none'): Promise<never> {
  await auditPageRefusal(401, reason === 'none' ? '未登录' : SESSION_END_MESSAGES[reason], null, null, null);
  redirect(reason === 'none' ? '/login' : `/login?reason=${reason}`);
}
