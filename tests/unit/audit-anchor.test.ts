import { describe, expect, it } from 'vitest';
import { auditAnchorKeyProblem, parseConfig } from '../../src/platform/config';
import { signAnchor } from '../../src/platform/audit/anchor';

const GOOD = '3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d2e4f6a8b0c1d3e';

describe('安全审计: AUDIT_ANCHOR_KEY', () => {
  it.each([
    ['CHANGE_ME_run_openssl_rand_hex_32', '占位'],
    ['example'.padEnd(64, '0'), '占位'],
    ['0'.repeat(64), '同一个数字'],
    ['A'.repeat(32) + 'a'.repeat(32), '同一个数字'],
    [GOOD.slice(1), '64 位十六进制'],
    [GOOD.slice(1) + 'g', '64 位十六进制'],
  ])('安全审计: refuses %j (%s)', (key, why) => {
    const problem = auditAnchorKeyProblem(key);
    expect(problem).toContain('AUDIT_ANCHOR_KEY');
    expect(problem).toContain(why);
    expect(problem).toContain('openssl rand -hex 32');
    expect(() => parseConfig({ AUDIT_ANCHOR_KEY: key })).toThrow(/AUDIT_ANCHOR_KEY/);
  });

  it('安全审计: accepts 64 random hex digits; unset means a key generated in DATA_DIR', () => {
    expect(auditAnchorKeyProblem(GOOD)).toBeNull();
    expect(parseConfig({ AUDIT_ANCHOR_KEY: GOOD }).AUDIT_ANCHOR_KEY).toBe(GOOD);
    expect(parseConfig({}).AUDIT_ANCHOR_KEY).toBeUndefined();
  });
});

describe('安全审计: the anchor signature', () => {
  const key = Buffer.from(GOOD, 'hex');
  const head = { seq: 42, hash: 'a'.repeat(64) };
  const base = { seq: 0, hash: '0'.repeat(64) };
  const at = new Date('2026-12-01T00:00:00Z');

  it('安全审计: is HMAC-SM3 over seq, hash, chain start and time: any change, or another key, gives another MAC', () => {
    const a = signAnchor(head, base, key, at);
    expect(a.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(signAnchor(head, base, key, at).mac).toBe(a.mac);
    expect(signAnchor({ ...head, seq: 43 }, base, key, at).mac).not.toBe(a.mac);
    expect(signAnchor({ ...head, hash: 'b'.repeat(64) }, base, key, at).mac).not.toBe(a.mac);
    expect(signAnchor(head, { seq: 5, hash: base.hash }, key, at).mac).not.toBe(a.mac);
    expect(signAnchor(head, base, Buffer.from(GOOD.replace('3', '4'), 'hex'), at).mac).not.toBe(a.mac);
  });
});
