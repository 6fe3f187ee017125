import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAudit } from '@/platform/audit/write';
import type { Db, Tx } from '@/platform/db/client';
import { sm3Hex } from '@/platform/crypto/sm';
import { sm2Sign, sm2Verify } from '@/platform/crypto/sm2';
import { ensureSignerKey, findSignerKey, openSignerPrivateKey } from '@/platform/crypto/signer-keys';
import { documentSignatures } from './signatures/schema';

/**
 * 签发 with an SM2 signature (issue 15, 公文 item 4).
 *
 * What is signed is one canonical text (`canonicalSignPayload`): a JSON object with exactly these
 * keys in this order, no whitespace, strings escaped as JSON.stringify does (", \ and control
 * characters only; Chinese as UTF-8), signed as its UTF-8 bytes:
 *
 *   {"format":"lr-document-sign/1","number":"益土储发〔2026〕12号","title":"…",
 *    "bodySm3":"<64 hex>","attachmentSm3s":["<64 hex>",…],"signerId":"…","signerName":"…",
 *    "signedAt":"2026-12-07T09:30:00.000Z"}
 *
 * `format` separates these signatures from anything else the system may sign later. `bodySm3` is
 * SM3 of the body text exactly as stored (UTF-8), `attachmentSm3s` the SM3 digests of the
 * attachment files, lowercase and sorted (order of upload does not matter, a changed, added or
 * removed file does), `signedAt` the ISO-8601 UTC time with milliseconds. The SM2 signature uses
 * the default user ID 1234567812345678 (GM/T 0009) and is stored as base64 DER.
 */

export const SIGN_PAYLOAD_FORMAT = 'lr-document-sign/1';
export const OBJECT_TYPE = '公文';

export interface SignPayloadFields {
  number: string;
  title: string;
  bodySm3: string;
  attachmentSm3s: readonly string[];
  signerId: string;
  signerName: string;
  /** ISO-8601 UTC (`Date.prototype.toISOString`). */
  signedAt: string;
}

const SM3_HEX = /^[0-9a-f]{64}$/;

function normaliseDigests(list: readonly string[]): string[] {
  return list.map((d) => {
    const v = d.trim().toLowerCase();
    if (!SM3_HEX.test(v)) throw new Error(`not an SM3 digest: ${d.slice(0, 80)}`);
    return v;
  }).sort();
}

/** The canonical text that is signed (format above). */
export function canonicalSignPayload(f: SignPayloadFields): string {
  const bodySm3 = f.bodySm3.toLowerCase();
  if (!SM3_HEX.test(bodySm3)) throw new Error('bodySm3 is not an SM3 digest');
  if (Number.isNaN(Date.parse(f.signedAt)) || new Date(f.signedAt).toISOString() !== f.signedAt) throw new Error('signedAt must be an ISO-8601 UTC time');
  return JSON.stringify({
    format: SIGN_PAYLOAD_FORMAT,
    number: f.number,
    title: f.title,
    bodySm3,
    attachmentSm3s: normaliseDigests(f.attachmentSm3s),
    signerId: f.signerId,
    signerName: f.signerName,
    signedAt: f.signedAt,
  });
}

/** The signed fields back from a stored payload; null when it is not one of ours. */
export function parseSignPayload(text: string): SignPayloadFields | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const strings = ['number', 'title', 'bodySm3', 'signerId', 'signerName', 'signedAt'] as const;
  if (o.format !== SIGN_PAYLOAD_FORMAT || strings.some((k) => typeof o[k] !== 'string')) return null;
  if (!Array.isArray(o.attachmentSm3s) || o.attachmentSm3s.some((d) => typeof d !== 'string')) return null;
  const fields = { ...(o as unknown as SignPayloadFields) };
  try {
    // Only a payload that is exactly its own canonical form counts.
    return canonicalSignPayload(fields) === text ? fields : null;
  } catch {
    return null;
  }
}

/** What the document looks like now: the fields a signature covers. */
export interface DocumentContent {
  documentId: string;
  number: string;
  title: string;
  body: string;
  /** SM3 hex of each attachment file, any order. */
  attachmentSm3s: readonly string[];
}

export interface SignedDocument {
  signatureId: string;
  signerKeyId: string;
  fingerprint: string;
  signedAt: Date;
  payload: string;
  /** A key was generated for the signer by this signature (first 签发). */
  keyCreated: boolean;
}

/**
 * Signs the document in the caller's transaction (the 签发 step, after the number is assigned):
 * generates the signer's key on first use, stores the payload and signature, and writes audit
 * entries for the key generation and the signature (the 签发 step writes its own).
 */
export async function signDocument(tx: Tx, actor: Actor, doc: DocumentContent): Promise<SignedDocument> {
  const key = await ensureSignerKey(tx, actor.userId);
  const signedAt = new Date();
  const payload = canonicalSignPayload({
    number: doc.number,
    title: doc.title,
    bodySm3: sm3Hex(doc.body),
    attachmentSm3s: doc.attachmentSm3s,
    signerId: actor.userId,
    signerName: actor.displayName,
    signedAt: signedAt.toISOString(),
  });
  const signature = sm2Sign(await openSignerPrivateKey(tx, key.id), payload).toString('base64');
  const [row] = await tx
    .insert(documentSignatures)
    .values({ documentId: doc.documentId, payload, signature, signerId: actor.userId, signerName: actor.displayName, signedAt, signerKeyId: key.id })
    .returning({ id: documentSignatures.id });
  const base = { userId: actor.userId, username: actor.username, roleNames: actor.roleNames, result: '成功' as const, ip: actor.ip, requestId: actor.requestId };
  if (key.created) {
    await appendAudit(tx, { ...base, action: '生成签名密钥', objectType: '签名密钥', objectId: key.id, message: `为 ${actor.displayName} 生成 SM2 签名密钥，公钥指纹（SM3）${key.fingerprint}` });
  }
  await appendAudit(tx, {
    ...base,
    action: '公文数字签名',
    objectType: OBJECT_TYPE,
    objectId: doc.documentId,
    message: `SM2 签名：文号 ${doc.number || '（无）'}，签名密钥指纹 ${key.fingerprint.slice(0, 16)}…`,
  });
  return { signatureId: row.id, signerKeyId: key.id, fingerprint: key.fingerprint, signedAt, payload, keyCreated: key.created };
}

export type SignatureStatus = '有效' | '无效' | '未签名';

export interface SignatureCheck {
  status: SignatureStatus;
  /** The signer's name as signed (null when unsigned). */
  signerName: string | null;
  signedAt: Date | null;
  /** Why it is 无效 (Chinese), absent otherwise. */
  reason?: string;
  /** SM3 fingerprint of the signer's public key. */
  fingerprint?: string;
  /** When the signing key was revoked later (the signature still verifies with it). */
  keyRevokedAt?: Date | null;
}

const FIELD_LABELS: [keyof SignPayloadFields, string][] = [
  ['number', '文号'],
  ['title', '标题'],
  ['bodySm3', '正文'],
  ['attachmentSm3s', '附件'],
];

/**
 * Verifies the document's latest signature against what the document is now. 无效 when the
 * number, title, body or attachments differ from what was signed (the reason names which), when
 * the stored record was altered (signer, time, payload), or when the signature does not verify
 * with the public key it was made with — revoked or not.
 */
export async function verifyDocumentSignature(db: Db | Tx, doc: DocumentContent): Promise<SignatureCheck> {
  const [sig] = await db
    .select()
    .from(documentSignatures)
    .where(eq(documentSignatures.documentId, doc.documentId))
    .orderBy(desc(documentSignatures.signedAt), desc(documentSignatures.id))
    .limit(1);
  if (!sig) return { status: '未签名', signerName: null, signedAt: null };
  const invalid = (reason: string, extra: Partial<SignatureCheck> = {}): SignatureCheck => ({ status: '无效', signerName: sig.signerName, signedAt: sig.signedAt, reason, ...extra });

  const signed = parseSignPayload(sig.payload);
  if (!signed) return invalid('签名记录已损坏（签名内容格式不符）');
  if (signed.signerId !== sig.signerId || signed.signerName !== sig.signerName || Date.parse(signed.signedAt) !== sig.signedAt.getTime()) {
    return invalid('签名记录的签发人或签发时间与签名内容不符');
  }
  const key = await findSignerKey(db, sig.signerKeyId);
  if (!key) return invalid('找不到签名所用的密钥');
  if (key.userId !== sig.signerId) return invalid('签名密钥不属于记录的签发人', { fingerprint: key.fingerprint });
  const extra = { fingerprint: key.fingerprint, keyRevokedAt: key.revokedAt };
  let verified: boolean;
  try {
    verified = sm2Verify(key.publicKeyPem, sig.payload, sig.signature);
  } catch {
    return invalid('签名密钥的公钥已损坏', extra);
  }
  if (!verified) return invalid('签名值与签发人公钥不符（签名或签名内容被改动）', extra);

  let current: SignPayloadFields;
  try {
    current = { ...signed, number: doc.number, title: doc.title, bodySm3: sm3Hex(doc.body), attachmentSm3s: normaliseDigests(doc.attachmentSm3s) };
  } catch {
    return invalid('附件摘要无效', extra);
  }
  const changed = FIELD_LABELS.filter(([k]) => JSON.stringify(current[k]) !== JSON.stringify(signed[k])).map(([, label]) => label);
  if (changed.length) return invalid(`公文的${changed.join('、')}在签发后被改动`, extra);
  if (canonicalSignPayload(current) !== sig.payload) return invalid('公文内容与签名内容不符', extra);
  return { status: '有效', signerName: signed.signerName, signedAt: new Date(signed.signedAt), ...extra };
}
