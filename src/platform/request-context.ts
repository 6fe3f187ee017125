import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import type { Logger } from 'pino';
import { getLogger } from './logger';
import { normalizeIp } from './ip';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** Request id and client address of the current request (set by proxy.ts). */
export async function getRequestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers();
    return {
      requestId: h.get(REQUEST_ID_HEADER) ?? randomUUID(),
      ip: clientIpFrom((name) => h.get(name)),
      userAgent: h.get('user-agent')?.slice(0, 256) ?? null,
    };
  } catch {
    return { requestId: randomUUID(), ip: null, userAgent: null };
  }
}

export function clientIpFrom(get: (name: string) => string | null | undefined): string | null {
  const forwarded = get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  const ip = normalizeIp(first || get('x-real-ip'));
  return ip ? ip.slice(0, 64) : null;
}

export async function getRequestLogger(bindings: Record<string, unknown> = {}): Promise<Logger> {
  const meta = await getRequestMeta();
  return getLogger().child({ requestId: meta.requestId, ...bindings });
}
