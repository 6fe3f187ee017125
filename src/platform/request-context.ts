import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import type { Logger } from 'pino';
import { getConfig } from './config';
import { getLogger } from './logger';
import { PEER_HEADER, peerAddressHookInstalled } from './peer-address';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

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

let trusted: { text: string; proxies: TrustedProxies } | undefined;

function trustedProxies(): TrustedProxies {
  const text = getConfig().TRUSTED_PROXIES;
  if (trusted?.text !== text) {
    const parsed = parseTrustedProxies(text);
    // getConfig() has validated it already.
    if (!parsed.ok) throw new Error(parsed.message);
    trusted = { text, proxies: parsed.proxies };
  }
  return trusted.proxies;
}

/**
 * The client address to audit: the socket peer (set by the peer-address hook), or — when the
 * peer is a trusted front server (TRUSTED_PROXIES) — the first untrusted address of
 * X-Forwarded-For read from the right. Null when the peer is unknown (no hook in this process).
 */
export function clientIpFrom(get: (name: string) => string | null | undefined): string | null {
  if (!peerAddressHookInstalled()) return null;
  return clientAddress(get(PEER_HEADER), get('x-forwarded-for'), trustedProxies());
}

export async function getRequestLogger(bindings: Record<string, unknown> = {}): Promise<Logger> {
  const meta = await getRequestMeta();
  return getLogger().child({ requestId: meta.requestId, ...bindings });
}
