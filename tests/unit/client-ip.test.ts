import { describe, expect, it } from 'vitest';
import { normalizeIp } from '../../src/platform/ip';
import { clientIpFrom } from '../../src/platform/request-context';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('client address', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.20.30.40', '10.20.30.40'],
    [' 192.168.1.9 ', '192.168.1.9'],
    ['::1', '::1'],
    ['2001:db8::ffff:1.2.3.4', '2001:db8::ffff:1.2.3.4'],
    ['', null],
    [null, null],
  ])('normalises %j to %j', (raw, shown) => {
    expect(normalizeIp(raw)).toBe(shown);
  });

  it('captures an IPv4 client behind the dual-stack socket without the IPv6 prefix', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientIpFrom(headers({ 'x-forwarded-for': '::ffff:10.0.0.8, 10.0.0.1' }))).toBe('10.0.0.8');
    expect(clientIpFrom(headers({ 'x-real-ip': '::ffff:172.16.0.4' }))).toBe('172.16.0.4');
    expect(clientIpFrom(headers({}))).toBeNull();
  });
});
