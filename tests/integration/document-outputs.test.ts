import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { actOnDocument, createDocument, uploadDocumentAttachment } from '../../src/modules/documents/mutations';
import { documents } from '../../src/modules/documents/schema';
import { documentSignatures } from '../../src/modules/documents/signatures/schema';
import { getDocument } from '../../src/modules/documents/queries';
import { documentDocx, docxFileName, renderModelOf, signatureOf } from '../../src/modules/documents/outputs';
import { readDocxText } from '../../src/modules/documents/render/read-docx';
import { createTestDatabase } from '../helpers/db';
import { createActor, enrolTotpForTest } from '../helpers/actors';
import { todayInShanghai } from '../../src/ui/format';

/*
 * 签发 signs the document in the same transaction (SM2 over number, title, SM3 of body and
 * attachments, signer, time); the page's check says 有效 until the document is altered; the .docx
 * carries the issued text.
 */

let database: Database;
const db = () => database.db;
let clerk: Actor;
let chief: Actor;
let leader: Actor;

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`unexpected refusal: ${r.error}`);
  return r.data;
}

async function issuedDocument(title: string, withAttachment: boolean): Promise<string> {
  const { id } = await ok(
    createDocument.execute(db(), clerk, {
      docType: '请示',
      title,
      issuingOrg: '益阳市土地储备发展中心',
      mainRecipients: '益阳市自然资源和规划局、益阳市财政局',
      copyRecipients: '市政府办公室',
      urgency: '加急',
      secrecy: '公开',
      docDate: '',
      body: '市自然资源和规划局：\n\n一、基本情况\n\n请予批复。',
      skipCountersign: false,
      planIds: [],
      projectIds: [],
      parcelIds: [],
    }),
  );
  if (withAttachment) {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%测试附件\n');
    await ok(uploadDocumentAttachment.execute(db(), clerk, { documentId: id, fileName: '项目清单.pdf', bytes: pdf }));
  }
  await ok(actOnDocument.execute(db(), clerk, { id, expectedStepKey: 'draft', decision: 'approve' }));
  await ok(actOnDocument.execute(db(), chief, { id, expectedStepKey: 'review', decision: 'approve', opinion: '同意' }));
  await ok(actOnDocument.execute(db(), leader, { id, expectedStepKey: 'issue', decision: 'approve', opinion: '同意' }));
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  leader = await createActor(db(), ['leader']);
  await enrolTotpForTest(db(), leader.userId);
});
afterAll(async () => {
  await database?.close();
});

describe('签发 signature and outputs', () => {
  it('签发 stores one SM2 signature in the same transaction; the check says 有效 with the signer', async () => {
    const id = await issuedDocument('关于申请土地储备资金的请示', true);
    const sigs = await db().select().from(documentSignatures).where(eq(documentSignatures.documentId, id));
    expect(sigs).toHaveLength(1);
    const detail = (await getDocument(db(), id))!;
    expect(sigs[0].payload).toContain(detail.doc.docNo!);
    const check = await signatureOf(db(), detail);
    expect(check?.status).toBe('有效');
    expect(check?.signerName).toBe(leader.displayName);
  });

  it('a document altered after signing shows 无效 (body, title, number)', async () => {
    for (const change of [{ body: '改过的正文' }, { title: '改过的标题' }, { docNo: '益土储发〔1999〕1号' }] as const) {
      const id = await issuedDocument(`篡改测试 ${Object.keys(change)[0]}`, false);
      await db().update(documents).set(change).where(eq(documents.id, id));
      const check = await signatureOf(db(), (await getDocument(db(), id))!);
      expect(check?.status, JSON.stringify(change)).toBe('无效');
      expect(check?.reason).toBeTruthy();
    }
  });

  it('a draft has no signature to check', async () => {
    const { id } = await ok(
      createDocument.execute(db(), clerk, {
        docType: '通知', title: '未签发的通知', issuingOrg: '益阳市土地储备发展中心', mainRecipients: '各科室', copyRecipients: null,
        urgency: '平件', secrecy: '内部', docDate: '', body: '正文', skipCountersign: false, planIds: [], projectIds: [], parcelIds: [],
      }),
    );
    const detail = (await getDocument(db(), id))!;
    expect(await signatureOf(db(), detail)).toBeNull();
    expect(renderModelOf(detail).number).toBeNull();
    expect(docxFileName(detail)).toBe('草稿 未签发的通知.docx');
  });

  it('the .docx carries number, title, recipients, body, attachment note and 签发人 of a 请示', async () => {
    const id = await issuedDocument('关于收储资阳区某地块的请示', true);
    const detail = (await getDocument(db(), id))!;
    const text = readDocxText(await documentDocx(detail)).join('\n');
    expect(text).toContain(detail.doc.docNo!);
    expect(text).toContain('关于收储资阳区某地块的请示');
    expect(text).toContain('益阳市自然资源和规划局、益阳市财政局：');
    expect(text).toContain('请予批复。');
    expect(text).toContain('项目清单');
    expect(text).toContain(leader.displayName);
    expect(text).toContain('市政府办公室');
    const model = renderModelOf(detail);
    expect(model.upward).toBe(true);
    expect(model.urgency).toBe('加急');
    expect(model.mainRecipients).toEqual(['益阳市自然资源和规划局', '益阳市财政局']);
    expect(model.date).toBe(todayInShanghai());
  });
});
