import { describe, expect, it } from 'vitest';
import { canonicalJson, computeAuditHash, createChainVerifier, fieldDiff, GENESIS_HASH, type ChainEntry } from '../../src/platform/audit/chain';

function buildChain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = {
      seq: i,
      id: `id${i}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      userId: 'u1',
      username: 'clerk',
      roleNames: '经办',
      action: '新建用户',
      objectType: '用户',
      objectId: `o${i}`,
      result: '成功',
      message: null,
      ip: '127.0.0.1',
      requestId: null,
      diff: canonicalJson({ name: { from: null, to: `n${i}` } }),
    };
    const hash = computeAuditHash(prev, content);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: ChainEntry[]) {
  const v = createChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.result();
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(verify(buildChain(5))).toMatchObject({ ok: true, count: 5 });
  });

  it('names the first edited entry', () => {
    const chain = buildChain(6);
    chain[3] = { ...chain[3], message: '篡改' };
    expect(verify(chain)).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('detects a deleted entry in the middle', () => {
    const chain = buildChain(6);
    chain.splice(2, 1);
    expect(verify(chain)).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('detects an entry re-hashed after editing (its successor no longer links)', () => {
    const chain = buildChain(5);
    const edited = { ...chain[1], username: 'someone-else' };
    edited.hash = computeAuditHash(edited.prevHash, edited);
    chain[1] = edited;
    expect(verify(chain)).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('distinguishes null from empty text in the hash', () => {
    const [e] = buildChain(1);
    expect(computeAuditHash(GENESIS_HASH, { ...e, message: '' })).not.toBe(computeAuditHash(GENESIS_HASH, { ...e, message: null }));
  });
});

describe('field diff', () => {
  it('lists only changed fields and masks secrets', () => {
    expect(
      fieldDiff(
        { name: 'a', status: 'active', passwordHash: 'x', updatedAt: new Date(1) },
        { name: 'b', status: 'active', passwordHash: 'y', updatedAt: new Date(2) },
      ),
    ).toEqual({ name: { from: 'a', to: 'b' }, passwordHash: { from: '***', to: '***' } });
  });
  it('handles creation and deletion', () => {
    expect(fieldDiff(null, { name: 'a' })).toEqual({ name: { from: null, to: 'a' } });
    expect(fieldDiff({ name: 'a' }, null)).toEqual({ name: { from: 'a', to: null } });
  });
  it('serialises with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
