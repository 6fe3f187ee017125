const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * A client address as people read it: an IPv4 address in its IPv6-mapped form (`::ffff:127.0.0.1`,
 * what Node reports for an IPv4 client on a dual-stack socket) becomes `127.0.0.1`. Used where the
 * address is captured and when showing addresses stored before that.
 */
export function normalizeIp(ip: string | null | undefined): string | null {
  const trimmed = ip?.trim();
  if (!trimmed) return null;
  return IPV4_MAPPED.exec(trimmed)?.[1] ?? trimmed;
}
