import { BlockList, isIP } from 'node:net';

/**
 * Which front servers may tell us the client's address (X-Forwarded-For). Server-side only
 * (node:net); pure otherwise, so config.ts can validate TRUSTED_PROXIES with it.
 */
export interface TrustedProxies {
  /** As configured, for messages. */
  text: string;
  has(address: string): boolean;
}

export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1,::1';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** A plain IPv4 or IPv6 address (no port, no brackets), IPv4-mapped IPv6 as IPv4; else null. */
export function parseAddress(raw: string | null | undefined): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const trimmed = raw?.trim();
  if (!trimmed || trimmed.length > 64) return null;
  const mapped = IPV4_MAPPED.exec(trimmed)?.[1];
  const address = mapped ?? trimmed;
  const version = isIP(address);
  if (version === 4) return { address, family: 'ipv4' };
  // A zone id (fe80::1%eth0) names an interface of this machine, not a remote client.
  if (version === 6 && !address.includes('%')) return { address: address.toLowerCase(), family: 'ipv6' };
  return null;
}

/** Parses `10.0.0.1, 192.168.0.0/16, ::1, fd00::/8`; a Chinese reason for the first bad entry. */
export function parseTrustedProxies(text: string): { ok: true; proxies: TrustedProxies } | { ok: false; message: string } {
  const list = new BlockList();
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    const parsed = parseAddress(slash < 0 ? entry : entry.slice(0, slash));
    if (!parsed) return { ok: false, message: `「${entry.slice(0, 64)}」不是 IP 地址或网段（例：127.0.0.1、10.0.0.0/8、::1、fd00::/8）` };
    if (slash < 0) {
      list.addAddress(parsed.address, parsed.family);
      continue;
    }
    const bitsText = entry.slice(slash + 1);
    const max = parsed.family === 'ipv4' ? 32 : 128;
    const bits = /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (!(bits >= 0 && bits <= max)) return { ok: false, message: `「${entry.slice(0, 64)}」的前缀长度须为 0–${max}` };
    list.addSubnet(parsed.address, bits, parsed.family);
  }
  return {
    ok: true,
    proxies: {
      text: entries.join(','),
      has(address: string) {
        const parsed = parseAddress(address);
        return parsed ? list.check(parsed.address, parsed.family) : false;
      },
    },
  };
}

/**
 * The client's address as the audit log records it. `peer` is the socket's remote address (the
 * machine that connected to us). Only when it is a trusted proxy is X-Forwarded-For read, from the
 * right: each entry was appended by the hop before, so entries are skipped while they are trusted
 * proxies and the first untrusted one is the client. Entries left of it were written by the
 * client itself and prove nothing. An entry that is not an address stops the walk at the last
 * hop we can vouch for. Null when the peer is unknown.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string | null {
  const direct = parseAddress(peer);
  if (!direct) return null;
  let client = direct.address;
  if (!trusted.has(client)) return client;
  const hops = (forwardedFor ?? '').split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!hops[i].trim()) continue;
    const hop = parseAddress(hops[i]);
    if (!hop) break;
    client = hop.address;
    if (!trusted.has(client)) break;
  }
  return client;
}
