import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeIp } from '../../src/platform/ip';
import { resetConfigCache } from '../../src/platform/config';
import { installPeerAddressHook, PEER_HEADER } from '../../src/platform/peer-address';
import { clientIpFrom } from '../../src/platform/request-context';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../../src/platform/trusted-proxies';

function proxies(text: string): TrustedProxies {
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.proxies;
}

const local = proxies('127.0.0.1,::1');
const farm = proxies('127.0.0.1, ::1, 10.1.0.0/16, 2001:db8:ff::/48');

describe('stored addresses', () => {
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
});

describe('trusted proxies', () => {
  it.each([
    ['127.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['127.0.0.2', false],
    ['10.1.200.3', true],
    ['::ffff:10.1.0.9', true],
    ['10.2.0.1', false],
    ['2001:db8:ff:12::5', true],
    ['2001:DB8:FF::1', true],
    ['2001:db8:fe::1', false],
    ['not-an-ip', false],
    ['', false],
  ])('%j trusted: %s', (address, expected) => {
    expect(farm.has(address)).toBe(expected);
  });

  it.each([
    ['localhost', '不是 IP 地址'],
    ['10.0.0.1/', '前缀长度'],
    ['10.0.0.0/x', '前缀长度'],
    ['::1/129', '0–128'],
    ['1.2.3.4:80', '不是 IP 地址'],
    ['fe80::1%eth0', '不是 IP 地址'],
  ])('refuses %j', (text, message) => {
    const parsed = parseTrustedProxies(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('the audited client address', () => {
  it.each([
    // [peer, X-Forwarded-For, proxies, client]
    ['::ffff:203.0.113.7', null, local, '203.0.113.7'],
    ['203.0.113.7', '198.51.100.1', local, '203.0.113.7'], // an untrusted peer's header is ignored
    ['203.0.113.7', '127.0.0.1', local, '203.0.113.7'], // even when it names a proxy
    ['::ffff:127.0.0.1', '203.0.113.7', local, '203.0.113.7'], // nginx on this machine, XFF overwritten
    ['127.0.0.1', '6.6.6.6, 203.0.113.7', local, '203.0.113.7'], // spoofed left entry, nginx appended
    ['127.0.0.1', '6.6.6.6,127.0.0.1, 203.0.113.7', local, '203.0.113.7'],
    ['::1', '2001:db8::42', local, '2001:db8::42'],
    ['::1', '::ffff:198.51.100.9', local, '198.51.100.9'],
    ['10.1.0.5', '6.6.6.6, 198.51.100.9, 10.1.3.3', farm, '198.51.100.9'], // two proxies of the farm
    ['2001:db8:ff::2', '2001:db8:1::9, 2001:db8:ff::1', farm, '2001:db8:1::9'],
    ['127.0.0.1', '127.0.0.1', local, '127.0.0.1'], // a browser on the server itself
    ['127.0.0.1', null, local, '127.0.0.1'],
    ['127.0.0.1', '', local, '127.0.0.1'],
    ['127.0.0.1', ' , 203.0.113.7 , ', local, '203.0.113.7'],
    ['127.0.0.1', 'unknown', local, '127.0.0.1'], // garbage: the last hop we can vouch for
    ['127.0.0.1', '203.0.113.7:5555', local, '127.0.0.1'],
    ['127.0.0.1', '<script>, 10.1.0.1', farm, '10.1.0.1'],
    ['127.0.0.1', `${'1'.repeat(200)}`, local, '127.0.0.1'],
    [null, '203.0.113.7', local, null], // peer unknown: nothing to believe
    ['garbage', '203.0.113.7', local, null],
  ] as const)('peer %j, X-Forwarded-For %j → %j', (peer, xff, trusted, client) => {
    expect(clientAddress(peer, xff, trusted)).toBe(client);
  });
});

describe('clientIpFrom', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  const saved = process.env.TRUSTED_PROXIES;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUSTED_PROXIES;
    else process.env.TRUSTED_PROXIES = saved;
    resetConfigCache();
  });

  it('believes the peer header only once this process sets it, then walks with TRUSTED_PROXIES', () => {
    const spoof = headers({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '6.6.6.6' });
    expect(clientIpFrom(spoof)).toBeNull();
    installPeerAddressHook();
    expect(clientIpFrom(headers({ [PEER_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientIpFrom(headers({ [PEER_HEADER]: '192.0.2.10', 'x-forwarded-for': '203.0.113.7' }))).toBe('192.0.2.10');
    process.env.TRUSTED_PROXIES = '192.0.2.0/24';
    resetConfigCache();
    expect(clientIpFrom(headers({ [PEER_HEADER]: '192.0.2.10', 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
  });
});

describe('the peer-address hook on a real server', () => {
  it('overwrites a forged peer header with the socket address before the request handler runs', async () => {
    installPeerAddressHook();
    const server = createServer((req, res) => {
      const get = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v.join(', ') : (v ?? null);
      };
      res.end(JSON.stringify({ peer: get(PEER_HEADER), client: clientIpFrom(get) }));
    });
    // The port range this project's helpers may use.
    await new Promise<void>((resolve) => server.listen(3590, '127.0.0.1', resolve));
    try {
      const ask = async (headers: Record<string, string>) => (await fetch('http://127.0.0.1:3590/', { headers })).json();
      // A client on this machine forging both headers: its own address is what it gets.
      expect(await ask({ [PEER_HEADER]: '10.9.9.9', 'x-forwarded-for': '6.6.6.6' })).toEqual({ peer: '127.0.0.1', client: '6.6.6.6' });
      expect(await ask({})).toEqual({ peer: '127.0.0.1', client: '127.0.0.1' });
      process.env.TRUSTED_PROXIES = '10.0.0.0/8';
      resetConfigCache();
      // This machine is no longer a trusted proxy: its X-Forwarded-For is ignored.
      expect(await ask({ [PEER_HEADER]: '10.9.9.9', 'x-forwarded-for': '6.6.6.6' })).toEqual({ peer: '127.0.0.1', client: '127.0.0.1' });
    } finally {
      delete process.env.TRUSTED_PROXIES;
      resetConfigCache();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
