import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { decryptPersonal, getKeyRing, resetKeyRing } from '../../src/platform/crypto/keys';
import { sm3Hex } from '../../src/platform/crypto/sm';
import { sm2PublicKeyOf, sm2Verify } from '../../src/platform/crypto/sm2';
import { signerKeys } from '../../src/platform/crypto/schema';
import { ensureSignerKey, findActiveSignerKey, revokeSignerKey } from '../../src/platform/crypto/signer-keys';
import { auditLog } from '../../src/platform/audit/schema';
import { documentSignatures } from '../../src/modules/documents/signatures/schema';
import { signDocument, verifyDocumentSignature, type DocumentContent } from '../../src/modules/documents/signing';
import { rotateAll, writeNewKeyVersion } from '../../scripts/lib/keys-rotate';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

let database: Database;
const db = () => database.db;
let dataDir: string;
let signer: Actor;
let other: Actor;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-signing-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.SM4_KEY;
  delete process.env.SM4_KEYS;
  delete process.env.SM4_KEY_VERSION;
  resetConfigCache();
  resetKeyRing();
  database = await createTestDatabase();
  signer = await createActor(db(), ['chief']);
  other = await createActor(db(), ['chief']);
});
afterAll(async () => {
  await database?.close();
  resetKeyRing();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
function newDocument(): DocumentContent {
  seq++;
  return {
    documentId: `doc-${seq}-${Date.now()}`,
    number: `益土储发〔2026〕${seq}号`,
    title: `关于第${seq}批地块收储的请示`,
    body: `市自然资源和规划局：\n现将第${seq}批地块收储事项请示如下。\n妥否，请批示。`,
    attachmentSm3s: [sm3Hex(`附件${seq}-1`), sm3Hex(`附件${seq}-2`)],
  };
}

async function sign(actor: Actor, doc: DocumentContent) {
  return db().transaction((tx) => signDocument(tx, actor, doc));
}

describe('signer keys', () => {
  it('generates one key per user on first use and keeps the private key sealed, never in clear', async () => {
    const first = await db().transaction((tx) => ensureSignerKey(tx, signer.userId));
    const again = await db().transaction((tx) => ensureSignerKey(tx, signer.userId));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ id: first.id, created: false, fingerprint: first.fingerprint });
    const [row] = await db().select().from(signerKeys).where(eq(signerKeys.id, first.id));
    expect(row.privateKeyEnc.startsWith(`v2:${getKeyRing().current}:`)).toBe(true);
    expect(row.privateKeyEnc).not.toContain('PRIVATE KEY');
    const pem = decryptPersonal(row.privateKeyEnc, 'signerPrivateKey');
    const body = pem.split('\n').slice(1, -2).join('');
    expect(row.privateKeyEnc).not.toContain(body.slice(0, 40));
    expect(sm2PublicKeyOf(pem)).toBe(row.publicKeyPem);
    // Nothing in the row's text columns is the private key.
    const [{ hits }] = await db()
      .select({ hits: count() })
      .from(signerKeys)
      .where(sql`${signerKeys.privateKeyEnc} like '%BEGIN%' or ${signerKeys.publicKeyPem} like '%PRIVATE%'`);
    expect(hits).toBe(0);
    // Sealed for its column: the same ciphertext does not open as another field.
    expect(() => decryptPersonal(row.privateKeyEnc, 'totpSecret')).toThrow('数据完整性校验失败');
  });

  it('two first signatures at once create one key; the database refuses a second active key', async () => {
    const fresh = await createActor(db(), ['chief']);
    const [a, b] = await Promise.all([
      db().transaction((tx) => ensureSignerKey(tx, fresh.userId)),
      db().transaction((tx) => ensureSignerKey(tx, fresh.userId)),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const [{ n }] = await db().select({ n: count() }).from(signerKeys).where(eq(signerKeys.userId, fresh.userId));
    expect(n).toBe(1);
    const [row] = await db().select().from(signerKeys).where(eq(signerKeys.id, a.id));
    const refused = await db()
      .insert(signerKeys)
      .values({ ...row, id: `${row.id}x`, fingerprint: `${row.fingerprint}x` })
      .then(() => null, (e: unknown) => e as Error & { cause?: unknown });
    expect(String(refused?.cause ?? refused)).toContain('signer_keys_active_uq');
    // A revoked one beside it is allowed (the index is partial).
    await db().insert(signerKeys).values({ ...row, id: `${row.id}y`, fingerprint: `${row.fingerprint}y`, revokedAt: new Date() });
  });
});

describe('签发 signatures', () => {
  it('signs at 签发 and verifies 有效 with the signer and time; unsigned documents say 未签名', async () => {
    const doc = newDocument();
    expect(await verifyDocumentSignature(db(), doc)).toEqual({ status: '未签名', signerName: null, signedAt: null });
    const before = (await db().select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
    const signed = await sign(signer, doc);
    expect(signed.keyCreated).toBe(false); // created by the test above
    const check = await verifyDocumentSignature(db(), doc);
    expect(check).toMatchObject({ status: '有效', signerName: signer.displayName, fingerprint: signed.fingerprint, keyRevokedAt: null });
    expect(check.signedAt!.getTime()).toBe(signed.signedAt.getTime());
    expect(check.reason).toBeUndefined();
    // Attachments in another order are the same attachments.
    expect((await verifyDocumentSignature(db(), { ...doc, attachmentSm3s: [...doc.attachmentSm3s].reverse() })).status).toBe('有效');
    const [row] = await db().select().from(documentSignatures).where(eq(documentSignatures.documentId, doc.documentId));
    expect(row.payload).toContain(`"bodySm3":"${sm3Hex(doc.body)}"`);
    expect(row.payload).not.toContain(doc.body);
    const key = await findActiveSignerKey(db(), signer.userId);
    expect(sm2Verify(key!.publicKeyPem, row.payload, row.signature)).toBe(true);
    const audits = await db().select().from(auditLog).where(gt(auditLog.seq, before));
    expect(audits.map((a) => a.action)).toEqual(['公文数字签名']);
    expect(audits[0]).toMatchObject({ objectType: '公文', objectId: doc.documentId, userId: signer.userId, result: '成功' });
  });

  it('the first signature of a user generates the key and audits it', async () => {
    const fresh = await createActor(db(), ['chief']);
    const doc = newDocument();
    const signed = await sign(fresh, doc);
    expect(signed.keyCreated).toBe(true);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, '生成签名密钥'), eq(auditLog.objectId, signed.signerKeyId)));
    expect(audit.message).toContain(signed.fingerprint);
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('有效');
  });

  it('a document altered after signing is 无效, naming what changed', async () => {
    const doc = newDocument();
    await sign(signer, doc);
    const cases: [Partial<DocumentContent>, string][] = [
      [{ body: `${doc.body} ` }, '公文的正文在签发后被改动'],
      [{ title: `${doc.title}（修改）` }, '公文的标题在签发后被改动'],
      [{ number: '益土储发〔2026〕999号' }, '公文的文号在签发后被改动'],
      [{ attachmentSm3s: [doc.attachmentSm3s[0], sm3Hex('换过的附件')] }, '公文的附件在签发后被改动'],
      [{ attachmentSm3s: [...doc.attachmentSm3s, sm3Hex('新加的附件')] }, '公文的附件在签发后被改动'],
      [{ attachmentSm3s: [] }, '公文的附件在签发后被改动'],
      [{ title: 'x', body: 'y' }, '公文的标题、正文在签发后被改动'],
    ];
    for (const [change, reason] of cases) {
      const check = await verifyDocumentSignature(db(), { ...doc, ...change });
      expect(check, JSON.stringify(change)).toMatchObject({ status: '无效', reason, signerName: signer.displayName });
    }
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('有效');
  });

  it('an altered signature record is 无效: signature, payload, signer name, time, or the key', async () => {
    const doc = newDocument();
    const signed = await sign(signer, doc);
    const [orig] = await db().select().from(documentSignatures).where(eq(documentSignatures.id, signed.signatureId));
    const restore = () => db().update(documentSignatures).set(orig).where(eq(documentSignatures.id, orig.id));
    const expectInvalid = async (set: Partial<typeof orig>, reason: RegExp) => {
      await db().update(documentSignatures).set(set).where(eq(documentSignatures.id, orig.id));
      const check = await verifyDocumentSignature(db(), doc);
      expect(check.status, JSON.stringify(set)).toBe('无效');
      expect(check.reason).toMatch(reason);
      await restore();
      expect((await verifyDocumentSignature(db(), doc)).status).toBe('有效');
    };
    const sigBytes = Buffer.from(orig.signature, 'base64');
    sigBytes[12] ^= 0x40;
    await expectInvalid({ signature: sigBytes.toString('base64') }, /签名值与签发人公钥不符/);
    // The payload rewritten to match an altered body: the signature no longer fits it.
    const forged = orig.payload.replace(sm3Hex(doc.body), sm3Hex('另一份正文'));
    await expectInvalid({ payload: forged }, /签名值与签发人公钥不符/);
    await expectInvalid({ signerName: '李四' }, /签发人或签发时间/);
    await expectInvalid({ signedAt: new Date(orig.signedAt.getTime() + 1000) }, /签发人或签发时间/);
    await expectInvalid({ payload: orig.payload.replace('"signerName":', '"signerName" :') }, /签名记录已损坏/);
    // Signed with another user's key: not the signer's key.
    const otherKey = await db().transaction((tx) => ensureSignerKey(tx, other.userId));
    await expectInvalid({ signerKeyId: otherKey.id }, /签名密钥不属于记录的签发人/);
  });

  it("still verifies after the signer's key is revoked; the next 签发 uses a new key", async () => {
    const doc = newDocument();
    const signed = await sign(signer, doc);
    const revoked = await db().transaction((tx) => revokeSignerKey(tx, signer.userId, '测试：密钥停用'));
    expect(revoked).toBe(signed.signerKeyId);
    const check = await verifyDocumentSignature(db(), doc);
    expect(check.status).toBe('有效');
    expect(check.keyRevokedAt).toBeInstanceOf(Date);
    const doc2 = newDocument();
    const next = await sign(signer, doc2);
    expect(next.keyCreated).toBe(true);
    expect(next.signerKeyId).not.toBe(signed.signerKeyId);
    expect((await verifyDocumentSignature(db(), doc2)).status).toBe('有效');
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('有效');
    const active = await db().select().from(signerKeys).where(and(eq(signerKeys.userId, signer.userId), isNull(signerKeys.revokedAt)));
    expect(active.map((k) => k.id)).toEqual([next.signerKeyId]);
  });

  it('the latest signature counts when a document is signed again', async () => {
    const doc = newDocument();
    await sign(signer, doc);
    const changed = { ...doc, title: `${doc.title}（重新签发）` };
    expect((await verifyDocumentSignature(db(), changed)).status).toBe('无效');
    await new Promise((r) => setTimeout(r, 5));
    await sign(other, changed);
    expect(await verifyDocumentSignature(db(), changed)).toMatchObject({ status: '有效', signerName: other.displayName });
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('无效');
  });

  it('keys:rotate re-encrypts the private keys with the new key version; signatures still verify and signing goes on', async () => {
    const doc = newDocument();
    await sign(signer, doc);
    const keysBefore = await db().select().from(signerKeys);
    expect(keysBefore.length).toBeGreaterThanOrEqual(3);
    const { version } = writeNewKeyVersion();
    expect(getKeyRing().current).toBe(version);
    const report = await rotateAll(db());
    const col = report.columns.find((c) => c.name === 'signer_keys.private_key_enc')!;
    expect(col).toMatchObject({ rewritten: keysBefore.length, failed: [] });
    const keysAfter = await db().select().from(signerKeys);
    for (const k of keysAfter) {
      expect(k.privateKeyEnc.startsWith(`v2:${version}:`)).toBe(true);
      const before = keysBefore.find((b) => b.id === k.id)!;
      expect(k.privateKeyEnc).not.toBe(before.privateKeyEnc);
      expect(decryptPersonal(k.privateKeyEnc, 'signerPrivateKey')).toBe(decryptPersonal(before.privateKeyEnc, 'signerPrivateKey'));
      expect(k.publicKeyPem).toBe(before.publicKeyPem);
    }
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('有效');
    const doc2 = newDocument();
    await sign(signer, doc2);
    expect((await verifyDocumentSignature(db(), doc2)).status).toBe('有效');
    // Idempotent.
    const again = await rotateAll(db());
    expect(again.columns.find((c) => c.name === 'signer_keys.private_key_enc')).toMatchObject({ rewritten: 0, failed: [] });
  });

  it('a sealed private key that was altered is never used to sign', async () => {
    const fresh = await createActor(db(), ['chief']);
    const key = await db().transaction((tx) => ensureSignerKey(tx, fresh.userId));
    const [row] = await db().select().from(signerKeys).where(eq(signerKeys.id, key.id));
    const parts = row.privateKeyEnc.split(':');
    parts[3] = parts[3].slice(0, 10) + (parts[3][10] === 'A' ? 'B' : 'A') + parts[3].slice(11);
    await db().update(signerKeys).set({ privateKeyEnc: parts.join(':') }).where(eq(signerKeys.id, key.id));
    const doc = newDocument();
    await expect(sign(fresh, doc)).rejects.toThrow('数据完整性校验失败');
    expect((await verifyDocumentSignature(db(), doc)).status).toBe('未签名');
  });
});
