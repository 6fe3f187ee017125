import 'server-only';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { documents } from './schema';
import { nextDocNo } from './numbering-store';
import { documentAttachments } from './queries';
import { signDocument } from './signing';

export type DocumentRow = typeof documents.$inferSelect;

export interface IssuedDocument extends DocumentRow {
  docNo: string;
  signerId: string;
  signerName: string;
  signedAt: Date;
}

/**
 * 签发: runs inside the transaction that completes the 签发 step (the document row is locked).
 * Assigns the next 发文字号 of the type's series for this year, records the signer and time, fills
 * an empty 成文日期 with today, and sets the status 已签发. If anything later in the transaction
 * fails, the number goes back with the rollback (no gaps).
 *
 * The one place where 签发 happens: the signer's SM2 signature over the issued document (number,
 * title, SM3 of the body and of each attachment, signer, time) is stored in the same transaction
 * (signing.ts), so a document is never 已签发 without its signature.
 */
export async function onDocumentIssued(tx: Tx, actor: Actor, doc: DocumentRow): Promise<IssuedDocument> {
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const { docNo, seq } = await nextDocNo(tx, doc.docType, year);
  const signedAt = new Date();
  const [issued] = await tx
    .update(documents)
    .set({
      docNo,
      docYear: year,
      docSeq: seq,
      status: '已签发',
      signerId: actor.userId,
      signerName: actor.displayName,
      signedAt,
      docDate: doc.docDate ?? today,
      version: doc.version + 1,
      updatedAt: signedAt,
    })
    .where(eq(documents.id, doc.id))
    .returning();
  const files = await documentAttachments(tx, doc.id);
  await signDocument(tx, actor, { documentId: doc.id, number: docNo, title: issued.title, body: issued.body, attachmentSm3s: files.map((f) => f.sm3) });
  return issued as IssuedDocument;
}
