import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSameOrigin, isMutatingMethod, normaliseOrigin, siteOrigin, type SameOriginInput } from '@/platform/http/same-origin';
import { parseTrustedProxies } from '@/platform/trusted-proxies';

/** 等保 8.1.4 (Web defences): every mutating request must come from a page of this site. */
const parsed = parseTrustedProxies('127.0.0.1,::1,10.0.0.0/8');
if (!parsed.ok) throw new Error(parsed.message);
const trusted = parsed.proxies;

function input(method: string, headers: Record<string, string>, extra: Partial<SameOriginInput> = {}): SameOriginInput {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, header: (name) => lower[name] ?? null, trusted, peer: '203.0.113.9', ...extra };
}

describe('checkSameOrigin', () => {
  it('lets safe methods through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(checkSameOrigin(input(method, { host: 'tdcb.local', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }))).toEqual({ ok: true });
    }
  });

  it('accepts a mutation from the site itself (Host)', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(checkSameOrigin(input(method, { host: '127.0.0.1:3300', origin: 'http://127.0.0.1:3300', 'sec-fetch-site': 'same-origin' }))).toEqual({ ok: true });
    }
  });

  it('refuses a missing, empty, "null" or malformed Origin', () => {
    for (const origin of [undefined, '', 'null', 'not a url', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const headers: Record<string, string> = { host: '127.0.0.1:3300' };
      if (origin !== undefined) headers.origin = origin;
      const result = checkSameOrigin(input('POST', headers));
      expect(result.ok, String(origin)).toBe(false);
    }
  });

  it('refuses a foreign origin, another port, another scheme and a look-alike host', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3301', 'https://127.0.0.1:3300', 'http://127.0.0.1:3300.evil.example', 'http://evil.example/127.0.0.1:3300']) {
      const result = checkSameOrigin(input('POST', { host: '127.0.0.1:3300', origin }));
      expect(result, origin).toMatchObject({ ok: false });
    }
  });

  it('refuses when Sec-Fetch-Site says anything but same-origin, even with a right Origin', () => {
    for (const site of ['same-site', 'cross-site', 'none']) {
      const result = checkSameOrigin(input('POST', { host: 'tdcb.local', origin: 'http://tdcb.local', 'sec-fetch-site': site }));
      expect(result, site).toEqual({ ok: false, reason: `Sec-Fetch-Site 为 ${site}` });
    }
  });

  it('gives a Chinese reason', () => {
    expect(checkSameOrigin(input('DELETE', { host: 'a.local' }))).toEqual({ ok: false, reason: '请求缺少 Origin' });
    const foreign = checkSameOrigin(input('POST', { host: 'a.local', origin: 'http://b.local' }));
    expect(foreign.ok ? '' : foreign.reason).toContain('不是本站');
  });

  it('uses NEXTAUTH_URL when set, over Host', () => {
    const siteUrl = 'https://TDCB.example.gov.cn/';
    expect(checkSameOrigin(input('POST', { host: 'internal:3000', origin: 'https://tdcb.example.gov.cn' }, { siteUrl }))).toEqual({ ok: true });
    // The Host matching the Origin does not help when the configured address differs.
    expect(checkSameOrigin(input('POST', { host: 'evil.example', origin: 'http://evil.example' }, { siteUrl })).ok).toBe(false);
    // Default ports are the same origin.
    expect(checkSameOrigin(input('POST', { origin: 'https://tdcb.example.gov.cn:443' }, { siteUrl })).ok).toBe(true);
  });

  it('reads X-Forwarded-Host and -Proto only from a trusted proxy', () => {
    const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-host': 'tdcb.local', 'x-forwarded-proto': 'https', origin: 'https://tdcb.local' };
    expect(checkSameOrigin(input('POST', forwarded, { peer: '127.0.0.1' }))).toEqual({ ok: true });
    expect(checkSameOrigin(input('POST', forwarded, { peer: '10.1.2.3' }))).toEqual({ ok: true });
    // A client talking to us directly cannot name the host its forged Origin is checked against.
    expect(checkSameOrigin(input('POST', forwarded, { peer: '203.0.113.9' })).ok).toBe(false);
    expect(checkSameOrigin(input('POST', forwarded, { peer: null })).ok).toBe(false);
  });
});

describe('siteOrigin and normaliseOrigin', () => {
  it('normalises case and default ports, refuses non-http schemes', () => {
    expect(normaliseOrigin('HTTP://Example.COM:80')).toBe('http://example.com');
    expect(normaliseOrigin('https://example.com:8443/path?q')).toBe('https://example.com:8443');
    expect(normaliseOrigin('ftp://example.com')).toBeNull();
    expect(normaliseOrigin('x'.repeat(3000))).toBeNull();
  });
  it('falls back to Host over http', () => {
    expect(siteOrigin({ header: (n) => (n === 'host' ? 'tdcb.local:8080' : null), trusted, peer: null })).toBe('http://tdcb.local:8080');
    expect(siteOrigin({ header: () => null, trusted, peer: null })).toBeNull();
  });
  it('knows the mutating methods', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(isMutatingMethod)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isMutatingMethod)).toBe(false);
  });
});

/**
 * The check lives in src/proxy.ts; a mutating route handler the proxy's matcher skips would be
 * unprotected. Discovers every route handler exporting a mutating method from the code.
 */
describe('every mutating route handler passes the proxy', () => {
  const root = join(__dirname, '..', '..', 'src', 'app');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^route\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(root);
  const mutating = files.filter((f) => /export\s+(async\s+function|const|\{[^}]*\bas\s+)\s*(POST|PUT|PATCH|DELETE)\b|\b(POST|PUT|PATCH|DELETE)\s*\}/.test(readFileSync(f, 'utf8')));

  it('finds the known ones', () => {
    const urls = mutating.map((f) => '/' + relative(root, f).replace(/\\/g, '/').replace(/\/route\.tsx?$/, ''));
    expect(urls).toEqual(expect.arrayContaining(['/api/auth/[...nextauth]', '/api/parcels/import']));
  });

  it('none is excluded by the matcher, bar the upload routes, which run the same checks first', async () => {
    const { config, UNPROXIED_UPLOAD_ROUTES } = await import('@/proxy');
    const matchers = config.matcher.map((m) => new RegExp(`^${m}$`));
    const unproxied: readonly string[] = UNPROXIED_UPLOAD_ROUTES;
    for (const f of mutating) {
      const url = '/' + relative(root, f).replace(/\\/g, '/').replace(/\/route\.tsx?$/, '').replace(/\([^)]*\)\//g, '').replace(/\[\.\.\.[^\]]+\]/g, 'x/y').replace(/\[[^\]]+\]/g, '1');
      if (unproxied.includes(url)) {
        expect(matchers.some((m) => m.test(url)), `${url} is listed as skipped by the proxy`).toBe(false);
        // The handler's first statement runs the proxy's checks (src/platform/http/request-guard.ts).
        const source = readFileSync(f, 'utf8');
        expect(source, url).toMatch(/export async function POST\(request: Request\)[^{]*\{\s*(?:\/\/[^\n]*\n\s*)*const guard = await guardRequest\(request, /);
        expect(source, url).toMatch(/if \(guard\.refusal\) return guard\.refusal;/);
        continue;
      }
      expect(matchers.some((m) => m.test(url)), url).toBe(true);
    }
    // The matcher really excludes what it says (the test would pass on a matcher matching nothing otherwise).
    expect(matchers.some((m) => m.test('/api/tiles/parcels/1/2/3'))).toBe(false);
    expect(matchers.some((m) => m.test('/_next/static/chunks/a.js'))).toBe(false);
    expect(matchers.some((m) => m.test('/api/parcels/export'))).toBe(true);
  });
});
