import { describe, expect, it } from 'vitest';
import { STATIC_ASSET_CSP, STATIC_SECURITY_HEADERS, buildContentSecurityPolicy, newNonce } from '@/platform/http/security-headers';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('Content-Security-Policy (等保 8.1.4 Web defences)', () => {
  it('in production: nonce scripts, no eval, no inline script, no framing, no plugins', () => {
    const csp = directives(buildContentSecurityPolicy('abc123=='));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    // A nonce in style-src would switch 'unsafe-inline' off (TDesign's run-time <style>).
    expect(csp.get('style-src')?.some((v) => v.startsWith("'nonce-"))).toBe(false);
  });
  it("only next dev gets 'unsafe-eval'", () => {
    expect(directives(buildContentSecurityPolicy('n', { dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });
  it('built assets and tiles get a policy that runs and frames nothing', () => {
    const csp = directives(STATIC_ASSET_CSP);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('the fixed headers', () => {
    const h = new Map(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]));
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment']) expect(h.get('permissions-policy')).toContain(`${feature}=()`);
  });
  it('nonces are fresh and 128 bits', () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('body limits: 413 with a Chinese message, never 500 or a truncated body', () => {
  const MB = 1024 * 1024;
  it('server actions over 11 MB, anything else over 30 MB', async () => {
    const { checkBodyLimit } = await import('@/platform/http/body-limits');
    expect(checkBodyLimit({ method: 'POST', contentLength: String(11 * MB), serverAction: true })).toEqual({ ok: true });
    expect(checkBodyLimit({ method: 'POST', contentLength: String(11 * MB + 1), serverAction: true })).toEqual({
      ok: false,
      limitMb: 11,
      message: '提交的内容过大（11.0 MB），超过上限 11 MB，请减小文件后重试',
    });
    expect(checkBodyLimit({ method: 'POST', contentLength: String(25 * MB), serverAction: false })).toEqual({ ok: true });
    expect(checkBodyLimit({ method: 'PUT', contentLength: String(31 * MB), serverAction: false })).toMatchObject({ ok: false, limitMb: 30 });
    expect(checkBodyLimit({ method: 'POST', contentLength: '1e9', serverAction: false })).toMatchObject({ ok: false, message: expect.stringContaining('无法识别') });
    expect(checkBodyLimit({ method: 'POST', contentLength: null, serverAction: true })).toEqual({ ok: true });
    expect(checkBodyLimit({ method: 'GET', contentLength: String(99 * MB), serverAction: false })).toEqual({ ok: true });
  });
});
