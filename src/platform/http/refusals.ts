import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import type { Actor } from '../action';
import { getRequestMeta } from '../request-context';
import { auditRefusal } from './refusal-audit';

/** Set by proxy.ts on every request it handles (overwriting whatever a client sent). */
export const PATH_HEADER = 'x-lr-path';

async function requestPath(): Promise<string | null> {
  try {
    return (await headers()).get(PATH_HEADER);
  } catch {
    return null;
  }
}

/**
 * A page refused its visitor: 401 (signed out, redirected to the login page) or 403 (permission
 * missing). Memoised per request, so a layout and its page that both check write one entry.
 */
export const auditPageRefusal = cache(
  async (status: 401 | 403, reason: string, userId: string | null, username: string | null, roleNames: string | null): Promise<void> => {
    const meta = await getRequestMeta();
    await auditRefusal({
      user: userId && username ? { userId, username, roleNames } : null,
      status,
      objectType: '页面',
      objectId: await requestPath(),
      reason,
      ip: meta.ip,
      requestId: meta.requestId,
    });
  },
);

/** A route handler refused the request (call just before answering 401/403). */
export async function auditRouteRefusal(actor: Actor | null, status: 401 | 403, object: string, reason: string): Promise<void> {
  const meta = actor ? { ip: actor.ip, requestId: actor.requestId } : await getRequestMeta();
  await auditRefusal({
    user: actor ? { userId: actor.userId, username: actor.username, roleNames: actor.roleNames } : null,
    status,
    objectType: '接口',
    objectId: object,
    reason,
    ip: meta.ip,
    requestId: meta.requestId,
  });
}

/** For handlers whose answer is built elsewhere: audits it when it is a 401 or a 403. */
export async function auditIfRefused(actor: Actor | null, object: string, response: Response): Promise<Response> {
  if (response.status === 401 || response.status === 403) {
    await auditRouteRefusal(actor, response.status, object, response.status === 401 ? '未登录' : '缺少权限');
  }
  return response;
}
