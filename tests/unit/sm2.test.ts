import { describe, expect, it } from 'vitest';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SM2_DEFAULT_USER_ID,
  decodeSm2Signature,
  encodeSm2Signature,
  generateSm2KeyPair,
  sm2Fingerprint,
  sm2KeyPairFromPrivateScalar,
  sm2PublicKeyOf,
  sm2PublicPoint,
  sm2Sign,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
  sm2ZValue,
  type Sm2Curve,
} from '../../src/platform/crypto/sm2';

const big = (hex: string) => BigInt(`0x${hex.replace(/\s+/g, '')}`);
const sm3 = (...parts: Buffer[]) => createHash('sm3').update(Buffer.concat(parts)).digest();
const MSG = Buffer.from('message digest');

/**
 * GM/T 0003.5-2012 / GB/T 32918.5-2017 Annex A: the recommended curve, the default user ID
 * 1234567812345678 (GM/T 0009 §10), message "message digest" and a fixed k (the same values are
 * in OpenSSL's test/sm2_internal_test.c).
 */
const ANNEX_A = {
  d: big('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  xA: big('09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020'),
  yA: big('CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13'),
  z: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  k: big('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21'),
  r: big('F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3'),
  s: big('B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA'),
};

describe('SM2 signatures (GB/T 32918.2, GM/T 0009 default user ID)', () => {
  it('reproduces the GM/T 0003.5 Annex A example exactly: public key, Z, r and s', () => {
    const pair = sm2KeyPairFromPrivateScalar(ANNEX_A.d);
    const P = sm2PublicPoint(pair.publicKeyPem);
    expect(P).toEqual({ x: ANNEX_A.xA, y: ANNEX_A.yA });
    const z = sm2ZValue(P, SM2_DEFAULT_USER_ID);
    expect(z.toString('hex')).toBe(ANNEX_A.z);
    const e = big(sm3(z, MSG).toString('hex'));
    const { r, s } = sm2SignDigest(e, ANNEX_A.d, () => ANNEX_A.k);
    expect(r).toBe(ANNEX_A.r);
    expect(s).toBe(ANNEX_A.s);
    const der = encodeSm2Signature(r, s);
    expect(sm2Verify(pair.publicKeyPem, MSG, der)).toBe(true);
    expect(sm2Verify(pair.publicKeyPem, MSG, der.toString('base64'))).toBe(true);
    expect(sm2Verify(pair.publicKeyPem, 'message digesT', der)).toBe(false);
    // Another user ID gives another Z: the example does not verify under it.
    expect(sm2Verify(pair.publicKeyPem, MSG, der, { userId: 'ALICE123@YAHOO.COM' })).toBe(false);
  });

  it('verifies the GB/T 32918.2 Annex A example on its test curve (ID ALICE123@YAHOO.COM)', () => {
    const curve: Sm2Curve = {
      p: big('8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3'),
      a: big('787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498'),
      b: big('63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A'),
      gx: big('421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D'),
      gy: big('0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2'),
      n: big('8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7'),
    };
    const P = { x: big('0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A'), y: big('7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857') };
    const z = sm2ZValue(P, 'ALICE123@YAHOO.COM', curve);
    expect(z.toString('hex')).toBe('f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a');
    const e = big(sm3(z, MSG).toString('hex'));
    const r = big('40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1');
    const s = big('6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7');
    expect(sm2VerifyDigest(e, P, r, s, curve)).toBe(true);
    expect(sm2VerifyDigest(e + 1n, P, r, s, curve)).toBe(false);
    expect(sm2VerifyDigest(e, P, r, s + 1n, curve)).toBe(false);
  });

  it("verifies OpenSSL's evppkey_sm2.txt Verify rows (SM2_key1, digests e given)", () => {
    const key1 = [
      '-----BEGIN PRIVATE KEY-----',
      'MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg0JFWczAXva2An9m7',
      '2MaT9gIwWTFptvlKrxyO4TjMmbWhRANCAAQ5OirZ4n5DrKqrhaGdO4VZHhRAYVcX',
      'Wt3Te/d/8Mr57Tf886i09VwDhSMmH8pmNq/mp6+ioUgqYG9cs6GLLioe',
      '-----END PRIVATE KEY-----',
    ].join('\n');
    const P = sm2PublicPoint(sm2PublicKeyOf(key1));
    expect(P.x).toBe(big('393A2AD9E27E43ACAAAB85A19D3B85591E14406157175ADDD37BF77FF0CAF9ED'));
    const rows = [
      ['D7AD397F6FFA5D4F7F11E7217F241607DC30618C236D2C09C1B9EA8FDADEE2E8', '3046022100AB1DB64DE7C40EDBDE6651C9B8EBDB804673DB836E5D5C7FE15DCF9ED2725037022100EBA714451FF69B0BB930B379E192E7CD5FA6E3C41C7FBD8303B799AB54A54621'],
      ['B1139602C6ECC9E15E2F3F9C635A1AFE737058BC15387479C1EA0D0B3D90E9E5', '3045022100E6E0414EBD3A656C35602AF14AB20287DBF30D57AF75C49A188ED4B42391F22402202F54F277C606F4605E1CE9514947FFDDF94C67A539804A4ED17F852288BDBE2E'],
    ];
    for (const [e, sig] of rows) {
      const { r, s } = decodeSm2Signature(Buffer.from(sig, 'hex'));
      expect(encodeSm2Signature(r, s).toString('hex').toUpperCase()).toBe(sig);
      expect(sm2VerifyDigest(big(e), P, r, s)).toBe(true);
      expect(sm2VerifyDigest(big(e) ^ 1n, P, r, s)).toBe(false);
    }
  });

  it('signs and verifies with a generated key; a changed message, key or signature fails', () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    expect(a.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(a.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(sm2PublicKeyOf(a.privateKeyPem)).toBe(a.publicKeyPem);
    const text = '益土储发〔2026〕12号 关于下达2026年度土地储备计划的通知';
    const sig = sm2Sign(a.privateKeyPem, text);
    expect(sm2Verify(a.publicKeyPem, text, sig)).toBe(true);
    expect(sm2Verify(a.publicKeyPem, Buffer.from(text, 'utf8'), sig)).toBe(true);
    // A fresh random k each time.
    expect(sm2Sign(a.privateKeyPem, text).equals(sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, text.replace('12号', '13号'), sig)).toBe(false);
    expect(sm2Verify(b.publicKeyPem, text, sig)).toBe(false);
    const flipped = Buffer.from(sig);
    flipped[10] ^= 0x01;
    expect(sm2Verify(a.publicKeyPem, text, flipped)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, text, Buffer.concat([sig, Buffer.from([0])]))).toBe(false);
    expect(sm2Verify(a.publicKeyPem, text, Buffer.alloc(0))).toBe(false);
    expect(sm2Verify(a.publicKeyPem, text, 'not base64 at all')).toBe(false);
    const { r, s } = decodeSm2Signature(sig);
    const { n } = { n: big('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123') };
    expect(sm2Verify(a.publicKeyPem, text, encodeSm2Signature(r + n, s))).toBe(false);
    expect(sm2Verify(a.publicKeyPem, text, encodeSm2Signature(r, 0n))).toBe(false);
    expect(sm2Fingerprint(a.publicKeyPem)).toMatch(/^[0-9a-f]{64}$/);
    expect(sm2Fingerprint(a.publicKeyPem)).not.toBe(sm2Fingerprint(b.publicKeyPem));
  });

  it('refuses keys that are not SM2 keys', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = p256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => sm2Sign(pem, 'x')).toThrow(/不是 SM2 曲线的密钥/);
    const pub = p256.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => sm2Verify(pub, 'x', Buffer.alloc(8))).toThrow(/不是 SM2 曲线的密钥/);
    expect(() => sm2Sign('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', 'x')).toThrow(/PRIVATE KEY/);
  });

  it("shows why Node's crypto.sign is not used: ECDSA for the generated key object, an empty user ID after PEM import", () => {
    const pair = generateSm2KeyPair();
    const data = Buffer.from('公文');
    // A key object straight from generateKeyPairSync('ec', SM2) signs ECDSA, not SM2.
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ecPub = ecKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ecdsa = nodeSign('sm3', data, ecKey.privateKey);
    expect(nodeVerify('sm3', data, ecKey.publicKey, ecdsa)).toBe(true);
    expect(sm2Verify(ecPub, data, ecdsa)).toBe(false);
    expect(sm2Verify(ecPub, data, ecdsa, { userId: '' })).toBe(false);
    // Imported from PEM it is an OpenSSL SM2 key: SM2, but with ENTL = 0 (no user ID)...
    const fromPem = nodeSign('sm3', data, createPrivateKey(pair.privateKeyPem));
    expect(sm2Verify(pair.publicKeyPem, data, fromPem, { userId: '' })).toBe(true);
    expect(sm2Verify(pair.publicKeyPem, data, fromPem)).toBe(false);
    // ...which is also an independent check of this implementation, both ways.
    const ours = sm2Sign(pair.privateKeyPem, data, { userId: '' });
    expect(nodeVerify('sm3', data, createPublicKey(pair.publicKeyPem), ours)).toBe(true);
    expect(nodeVerify('sm3', data, createPublicKey(pair.publicKeyPem), sm2Sign(pair.privateKeyPem, data))).toBe(false);
  });

  let opensslCli = false;
  try {
    opensslCli = /OpenSSL 3\./.test(execFileSync('openssl', ['version']).toString());
  } catch {
    opensslCli = false;
  }

  it.skipIf(!opensslCli)('interoperates with the OpenSSL 3 command line given distid:1234567812345678', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-sm2-'));
    try {
      const pair = generateSm2KeyPair();
      const f = (name: string) => join(dir, name);
      writeFileSync(f('key.pem'), pair.privateKeyPem);
      writeFileSync(f('pub.pem'), pair.publicKeyPem);
      writeFileSync(f('msg'), '签发 payload');
      writeFileSync(f('ours.sig'), sm2Sign(pair.privateKeyPem, '签发 payload'));
      const id = ['-pkeyopt', `distid:${SM2_DEFAULT_USER_ID}`];
      const out = execFileSync('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', f('pub.pem'), '-in', f('msg'), '-sigfile', f('ours.sig'), ...id]).toString();
      expect(out).toMatch(/Signature Verified Successfully/);
      execFileSync('openssl', ['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-inkey', f('key.pem'), '-in', f('msg'), '-out', f('theirs.sig'), ...id]);
      expect(sm2Verify(pair.publicKeyPem, '签发 payload', readFileSync(f('theirs.sig')))).toBe(true);
      expect(sm2Verify(pair.publicKeyPem, '签发 payload!', readFileSync(f('theirs.sig')))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
