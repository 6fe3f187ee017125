import { createECDH, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * SM2 digital signatures (GB/T 32918.2-2016 / GM/T 0003.2-2012) with the user ID and encodings of
 * GM/T 0009-2012 (SM2 密码算法使用规范):
 *
 *   Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), ID = "1234567812345678" (GM/T 0009 §10 default)
 *   e = SM3(Z ‖ M); r = (e + x1) mod n with (x1, y1) = [k]G; s = (1 + d)⁻¹·(k − r·d) mod n
 *   signature = DER SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009 §7.3 SM2Signature)
 *
 * Why not `crypto.sign('sm3', data, key)`: Node 20 (OpenSSL 3.0) gives two different wrong answers.
 * A key object straight from `generateKeyPairSync('ec', { namedCurve: 'SM2' })` is an EC key and
 * signs **ECDSA** over the SM2 curve with SM3 (no Z, ECDSA equations). The same key re-imported from
 * PEM is an OpenSSL SM2 key and signs SM2, but with an **empty** user ID (ENTL = 0), and Node has
 * no way to pass OpenSSL's `distid`. Neither verifies under the GM/T 0003.5 Annex A vector with the
 * default ID (tests/unit/sm2.test.ts shows all three). Exporting such a re-imported key as SEC1
 * even aborts the Node process. So this module uses Node's crypto only for what it does right:
 * key generation, SM3, random numbers and the secret scalar multiplication [k]G (ECDH's
 * `setPrivateKey` runs OpenSSL's constant-time ladder), and computes Z, e, r and s itself.
 * Verification uses only public values and is plain BigInt point arithmetic.
 *
 * Keys are PEM: PKCS#8 `PRIVATE KEY` and SPKI `PUBLIC KEY` with id-ecPublicKey and the curve OID
 * 1.2.156.10197.1.301 (what OpenSSL and GmSSL write).
 */

/** GM/T 0009-2012 §10: the user ID when none is agreed. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

/** The recommended curve of GB/T 32918.5-2017 (sm2p256v1). */
export const SM2_CURVE: Sm2Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

export interface Sm2KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export interface Sm2Options {
  /** The signer's distinguishing ID (default `1234567812345678`). */
  userId?: string;
}

/** Malformed key or signature input (not "the signature does not match": that is `false`). */
export class Sm2FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sm2FormatError';
  }
}

// ---------------------------------------------------------------- arithmetic

type Point = { x: bigint; y: bigint } | null; // null = the point at infinity
type Jacobian = { X: bigint; Y: bigint; Z: bigint };

function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by exponentiation (m prime). */
function inv(x: bigint, m: bigint): bigint {
  return powMod(mod(x, m), m - 2n, m);
}

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

function toJacobian(P: Point): Jacobian | null {
  return P ? { X: P.x, Y: P.y, Z: 1n } : null;
}

function fromJacobian(J: Jacobian | null, c: Sm2Curve): Point {
  if (!J || J.Z === 0n) return null;
  const zi = inv(J.Z, c.p);
  const zi2 = (zi * zi) % c.p;
  return { x: mod(J.X * zi2, c.p), y: mod(J.Y * zi2 * zi, c.p) };
}

function jDouble(P: Jacobian | null, c: Sm2Curve): Jacobian | null {
  if (!P || P.Y === 0n) return null;
  const { p } = c;
  const Y2 = (P.Y * P.Y) % p;
  const S = (4n * P.X * Y2) % p;
  const Z2 = (P.Z * P.Z) % p;
  const M = mod(3n * P.X * P.X + c.a * Z2 * Z2, p);
  const X3 = mod(M * M - 2n * S, p);
  const Y3 = mod(M * (S - X3) - 8n * Y2 * Y2, p);
  const Z3 = (2n * P.Y * P.Z) % p;
  return { X: X3, Y: Y3, Z: Z3 };
}

function jAdd(P: Jacobian | null, Q: Jacobian | null, c: Sm2Curve): Jacobian | null {
  if (!P) return Q;
  if (!Q) return P;
  const { p } = c;
  const Z1Z1 = (P.Z * P.Z) % p;
  const Z2Z2 = (Q.Z * Q.Z) % p;
  const U1 = (P.X * Z2Z2) % p;
  const U2 = (Q.X * Z1Z1) % p;
  const S1 = (P.Y * Q.Z * Z2Z2) % p;
  const S2 = (Q.Y * P.Z * Z1Z1) % p;
  if (U1 === U2) return S1 === S2 ? jDouble(P, c) : null;
  const H = mod(U2 - U1, p);
  const R = mod(S2 - S1, p);
  const H2 = (H * H) % p;
  const H3 = (H * H2) % p;
  const U1H2 = (U1 * H2) % p;
  const X3 = mod(R * R - H3 - 2n * U1H2, p);
  const Y3 = mod(R * (U1H2 - X3) - S1 * H3, p);
  const Z3 = (H * P.Z * Q.Z) % p;
  return { X: X3, Y: Y3, Z: Z3 };
}

/** [u]P + [v]Q (Shamir's trick). Public scalars only: this is not constant-time. */
function mulAdd(u: bigint, P: Point, v: bigint, Q: Point, c: Sm2Curve): Point {
  const jp = toJacobian(P);
  const jq = toJacobian(Q);
  const jpq = jAdd(jp, jq, c);
  let R: Jacobian | null = null;
  const bits = Math.max(u.toString(2).length, v.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    R = jDouble(R, c);
    const bu = (u >> BigInt(i)) & 1n;
    const bv = (v >> BigInt(i)) & 1n;
    if (bu && bv) R = jAdd(R, jpq, c);
    else if (bu) R = jAdd(R, jp, c);
    else if (bv) R = jAdd(R, jq, c);
  }
  return fromJacobian(R, c);
}

function onCurve(P: { x: bigint; y: bigint }, c: Sm2Curve): boolean {
  if (P.x < 0n || P.x >= c.p || P.y < 0n || P.y >= c.p) return false;
  return mod(P.y * P.y - (P.x * P.x * P.x + c.a * P.x + c.b), c.p) === 0n;
}

// ---------------------------------------------------------------- encodings

function be32(x: bigint): Buffer {
  return Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
}

function toBig(b: Buffer): bigint {
  return b.length ? BigInt(`0x${b.toString('hex')}`) : 0n;
}

function sm3(...parts: Buffer[]): Buffer {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Z_A of GB/T 32918.2 §5.5: binds the signer's ID and public key to the digest. */
export function sm2ZValue(publicPoint: { x: bigint; y: bigint }, userId: string = SM2_DEFAULT_USER_ID, curve: Sm2Curve = SM2_CURVE): Buffer {
  const id = Buffer.from(userId, 'utf8');
  if (id.length * 8 > 0xffff) throw new Sm2FormatError('SM2 用户标识过长');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return sm3(entl, id, be32(curve.a), be32(curve.b), be32(curve.gx), be32(curve.gy), be32(publicPoint.x), be32(publicPoint.y));
}

/** e = SM3(Z ‖ M) as an integer. */
function messageDigest(publicPoint: { x: bigint; y: bigint }, data: Buffer, userId: string, curve: Sm2Curve): bigint {
  return toBig(sm3(sm2ZValue(publicPoint, userId, curve), data));
}

// Minimal DER (definite lengths only; enough for SEC1/PKCS#8/SPKI and signatures).
interface Tlv {
  tag: number;
  value: Buffer;
  end: number;
}

function readTlv(buf: Buffer, at: number): Tlv {
  if (at + 2 > buf.length) throw new Sm2FormatError('DER 数据不完整');
  const tag = buf[at];
  let len = buf[at + 1];
  let pos = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count < 1 || count > 3 || pos + count > buf.length) throw new Sm2FormatError('DER 长度无效');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[pos + i];
    if (len < 0x80 || (count > 1 && buf[pos] === 0)) throw new Sm2FormatError('DER 长度不是最短编码');
    pos += count;
  }
  if (pos + len > buf.length) throw new Sm2FormatError('DER 数据不完整');
  return { tag, value: buf.subarray(pos, pos + len), end: pos + len };
}

function readSequence(buf: Buffer, expectTag = 0x30): Tlv[] {
  const outer = readTlv(buf, 0);
  if (outer.tag !== expectTag || outer.end !== buf.length) throw new Sm2FormatError('DER 结构无效');
  const items: Tlv[] = [];
  let at = 0;
  while (at < outer.value.length) {
    const t = readTlv(outer.value, at);
    items.push(t);
    at = t.end;
  }
  return items;
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derInteger(x: bigint): Buffer {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(0x02, bytes);
}

/** A strict DER INTEGER that must be positive and minimally encoded. */
function positiveInteger(t: Tlv): bigint {
  if (t.tag !== 0x02 || t.value.length === 0) throw new Sm2FormatError('签名值不是整数');
  if (t.value[0] & 0x80) throw new Sm2FormatError('签名值为负数');
  if (t.value.length > 1 && t.value[0] === 0 && !(t.value[1] & 0x80)) throw new Sm2FormatError('签名值不是最短编码');
  return toBig(t.value);
}

/** GM/T 0009 SM2Signature: DER SEQUENCE { r, s }. */
export function encodeSm2Signature(r: bigint, s: bigint): Buffer {
  return der(0x30, derInteger(r), derInteger(s));
}

export function decodeSm2Signature(sig: Buffer): { r: bigint; s: bigint } {
  const items = readSequence(sig);
  if (items.length !== 2) throw new Sm2FormatError('签名应由 r、s 两个整数组成');
  return { r: positiveInteger(items[0]), s: positiveInteger(items[1]) };
}

const OID_EC_PUBLIC_KEY = Buffer.from('06072a8648ce3d0201', 'hex');
const OID_SM2_CURVE = Buffer.from('06082a811ccf5501822d', 'hex');

function pemBody(pem: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!m) throw new Sm2FormatError(`不是 ${label} PEM`);
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

function toPem(derBytes: Buffer, label: string): string {
  const lines = derBytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function checkAlgorithm(alg: Tlv): void {
  if (alg.tag !== 0x30) throw new Sm2FormatError('密钥算法标识无效');
  const expected = Buffer.concat([OID_EC_PUBLIC_KEY, OID_SM2_CURVE]);
  if (!alg.value.equals(expected)) throw new Sm2FormatError('不是 SM2 曲线的密钥');
}

function pointFromOctets(oct: Buffer, c: Sm2Curve = SM2_CURVE): { x: bigint; y: bigint } {
  if (oct.length !== 65 || oct[0] !== 0x04) throw new Sm2FormatError('SM2 公钥应为未压缩点');
  const P = { x: toBig(oct.subarray(1, 33)), y: toBig(oct.subarray(33)) };
  if (!onCurve(P, c)) throw new Sm2FormatError('SM2 公钥不在曲线上');
  return P;
}

/** The public point of an SPKI `PUBLIC KEY` PEM (validated: on the curve, not infinity). */
export function sm2PublicPoint(publicKeyPem: string): { x: bigint; y: bigint } {
  const items = readSequence(pemBody(publicKeyPem, 'PUBLIC KEY'));
  if (items.length !== 2) throw new Sm2FormatError('SPKI 结构无效');
  checkAlgorithm(items[0]);
  const bits = items[1];
  if (bits.tag !== 0x03 || bits.value[0] !== 0) throw new Sm2FormatError('SPKI 公钥位串无效');
  return pointFromOctets(bits.value.subarray(1));
}

/** The private scalar d of a PKCS#8 `PRIVATE KEY` PEM, checked to lie in [1, n − 2]. */
function privateScalar(privateKeyPem: string): bigint {
  const items = readSequence(pemBody(privateKeyPem, 'PRIVATE KEY'));
  if (items.length < 3 || items[0].tag !== 0x02) throw new Sm2FormatError('PKCS#8 结构无效');
  checkAlgorithm(items[1]);
  if (items[2].tag !== 0x04) throw new Sm2FormatError('PKCS#8 私钥无效');
  const ec = readSequence(items[2].value); // SEC1 ECPrivateKey
  if (ec.length < 2 || ec[1].tag !== 0x04) throw new Sm2FormatError('SM2 私钥无效');
  const d = toBig(ec[1].value);
  if (d < 1n || d > SM2_CURVE.n - 2n) throw new Sm2FormatError('SM2 私钥超出范围');
  return d;
}

function encodePrivateKey(d: bigint, pub: Buffer): string {
  const ecPrivateKey = der(0x30, derInteger(1n), der(0x04, be32(d)), der(0xa1, der(0x03, Buffer.from([0]), pub)));
  const alg = der(0x30, OID_EC_PUBLIC_KEY, OID_SM2_CURVE);
  return toPem(der(0x30, derInteger(0n), alg, der(0x04, ecPrivateKey)), 'PRIVATE KEY');
}

function encodePublicKey(pub: Buffer): string {
  const alg = der(0x30, OID_EC_PUBLIC_KEY, OID_SM2_CURVE);
  return toPem(der(0x30, alg, der(0x03, Buffer.from([0]), pub)), 'PUBLIC KEY');
}

/** [k]G on the SM2 curve by OpenSSL (ECDH key derivation: constant-time ladder on the secret scalar). */
function baseMul(k: bigint): { x: bigint; y: bigint } {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(be32(k));
  const oct = ecdh.getPublicKey();
  return { x: toBig(oct.subarray(1, 33)), y: toBig(oct.subarray(33)) };
}

/** Uniform random in [1, max] by rejection sampling. */
function randomScalar(max: bigint): bigint {
  for (;;) {
    const k = toBig(randomBytes(32));
    if (k >= 1n && k <= max) return k;
  }
}

// ---------------------------------------------------------------- API

/**
 * A new SM2 key pair (OpenSSL's generator; d ∈ [1, n − 2] as GB/T 32918.1 §6.1 requires), as a
 * PKCS#8 private key PEM and an SPKI public key PEM.
 */
export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    // The EC key object exports PKCS#8 safely; read d from it and write both PEMs ourselves.
    const items = readSequence(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const ec = readSequence(items[2].value);
    const d = toBig(ec[1].value);
    if (d < 1n || d > SM2_CURVE.n - 2n) continue;
    return sm2KeyPairFromPrivateScalar(d);
  }
}

/** The key pair of a given private scalar (importing a key; the published test vectors). */
export function sm2KeyPairFromPrivateScalar(d: bigint): Sm2KeyPair {
  if (d < 1n || d > SM2_CURVE.n - 2n) throw new Sm2FormatError('SM2 私钥超出范围');
  const P = baseMul(d);
  const pub = Buffer.concat([Buffer.from([4]), be32(P.x), be32(P.y)]);
  return { privateKeyPem: encodePrivateKey(d, pub), publicKeyPem: encodePublicKey(pub) };
}

/** The SPKI public key PEM that belongs to a private key PEM. */
export function sm2PublicKeyOf(privateKeyPem: string): string {
  const P = baseMul(privateScalar(privateKeyPem));
  return encodePublicKey(Buffer.concat([Buffer.from([4]), be32(P.x), be32(P.y)]));
}

/**
 * The core signing equations of GB/T 32918.2 §6.1 for digest e, private key d and a nonce
 * source. Exported for the known-answer test (GM/T 0003.5 Annex A fixes k); callers use sm2Sign.
 */
export function sm2SignDigest(e: bigint, d: bigint, nextNonce: () => bigint = () => randomScalar(SM2_CURVE.n - 1n)): { r: bigint; s: bigint } {
  const { n } = SM2_CURVE;
  if (d < 1n || d > n - 2n) throw new Sm2FormatError('SM2 私钥超出范围');
  for (;;) {
    const k = nextNonce();
    if (k < 1n || k >= n) throw new Sm2FormatError('SM2 随机数超出范围');
    const r = mod(e + baseMul(k).x, n);
    if (r === 0n || r + k === n) continue;
    // (1 + d)⁻¹ with a random blinding factor, so the inversion's timing does not follow d.
    const blind = randomScalar(n - 1n);
    const dInv = (inv(((1n + d) * blind) % n, n) * blind) % n;
    const s = mod(dInv * mod(k - r * d, n), n);
    if (s === 0n) continue;
    return { r, s };
  }
}

/** GB/T 32918.2 §7.1 verification against digest e and public point P. */
export function sm2VerifyDigest(e: bigint, P: { x: bigint; y: bigint }, r: bigint, s: bigint, curve: Sm2Curve = SM2_CURVE): boolean {
  const { n } = curve;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  if (!onCurve(P, curve)) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const X = mulAdd(s, { x: curve.gx, y: curve.gy }, t, P, curve);
  if (!X) return false;
  return mod(e + X.x, n) === r;
}

/**
 * Signs `data` (a string is taken as UTF-8) with the default user ID; returns the DER-encoded
 * SM2Signature (GM/T 0009 §7.3). Stored as base64.
 */
export function sm2Sign(privateKeyPem: string, data: string | Buffer, options: Sm2Options = {}): Buffer {
  const d = privateScalar(privateKeyPem);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const e = messageDigest(baseMul(d), bytes, options.userId ?? SM2_DEFAULT_USER_ID, SM2_CURVE);
  const { r, s } = sm2SignDigest(e, d);
  return encodeSm2Signature(r, s);
}

/**
 * Whether `signature` (DER bytes, or their base64 text) is a valid SM2 signature of `data` by the
 * key in `publicKeyPem`. False for a wrong signature and for a malformed one; a malformed public
 * key throws Sm2FormatError (that is a stored-data problem, not a forged document).
 */
export function sm2Verify(publicKeyPem: string, data: string | Buffer, signature: Buffer | string, options: Sm2Options = {}): boolean {
  const P = sm2PublicPoint(publicKeyPem);
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'base64') : signature;
  let rs: { r: bigint; s: bigint };
  try {
    rs = decodeSm2Signature(sig);
  } catch {
    return false;
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const e = messageDigest(P, bytes, options.userId ?? SM2_DEFAULT_USER_ID, SM2_CURVE);
  return sm2VerifyDigest(e, P, rs.r, rs.s);
}

/** SM3 of the DER public key (SPKI), lowercase hex: the key's fingerprint. */
export function sm2Fingerprint(publicKeyPem: string): string {
  sm2PublicPoint(publicKeyPem);
  return createHash('sm3').update(pemBody(publicKeyPem, 'PUBLIC KEY')).digest('hex');
}
