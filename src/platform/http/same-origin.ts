import type { TrustedProxies } from '../trusted-proxies';

/**
 * Cross-site request forgery defence (等保 8.1.4.4 / 8.1.4.5): a request that changes something
 * must come from a page of this site. Pure; proxy.ts applies it to every mutating request (route
 * handlers and server actions alike).
 */

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isMutatingMethod = (method: string): boolean => MUTATING_METHODS.has(method.toUpperCase());

export interface SameOriginInput {
  method: string;
  /** Request header lookup (lower-case names). */
  header: (name: string) => string | null | undefined;
  /** NEXTAUTH_URL when set: the site's public address wins over any header. */
  siteUrl?: string | null;
  /** The socket peer (x-lr-peer-address), to decide whether X-Forwarded-Host may be read. */
  peer?: string | null;
  trusted: TrustedProxies;
}

export type SameOriginResult = { ok: true } | { ok: false; reason: string };

/** `scheme://host[:port]` in lower case, default ports dropped; null for anything else. */
export function normaliseOrigin(value: string | null | undefined): string | null {
  if (!value || value === 'null' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** The site's own origin: NEXTAUTH_URL, else Host (X-Forwarded-Host/-Proto only from a trusted proxy). */
export function siteOrigin(input: Omit<SameOriginInput, 'method'>): string | null {
  const fromConfig = normaliseOrigin(input.siteUrl);
  if (fromConfig) return fromConfig;
  const viaProxy = !!input.peer && input.trusted.has(input.peer);
  const first = (v: string | null | undefined) => v?.split(',')[0]?.trim() || null;
  const host = (viaProxy ? first(input.header('x-forwarded-host')) : null) ?? input.header('host');
  if (!host) return null;
  const proto = (viaProxy ? first(input.header('x-forwarded-proto'))?.toLowerCase() : null) === 'https' ? 'https' : 'http';
  return normaliseOrigin(`${proto}://${host}`);
}

/**
 * Safe methods pass. A mutating request passes only when its Origin equals the site's origin
 * and, if the browser sent Sec-Fetch-Site, that says same-origin. A missing Origin is refused:
 * every browser this system supports sends it on POST, so only forged or scripted requests lack it.
 */
export function checkSameOrigin(input: SameOriginInput): SameOriginResult {
  if (!isMutatingMethod(input.method)) return { ok: true };
  const fetchSite = input.header('sec-fetch-site');
  if (fetchSite && fetchSite.toLowerCase() !== 'same-origin') return { ok: false, reason: `Sec-Fetch-Site 为 ${fetchSite.slice(0, 32)}` };
  const rawOrigin = input.header('origin');
  if (!rawOrigin) return { ok: false, reason: '请求缺少 Origin' };
  const origin = normaliseOrigin(rawOrigin);
  const site = siteOrigin(input);
  if (!origin || !site || origin !== site) return { ok: false, reason: `来源 ${rawOrigin.slice(0, 200)} 不是本站` };
  return { ok: true };
}

export const CROSS_ORIGIN_MESSAGE = '请求来源不是本系统，已拒绝。请在本系统页面内操作';
