import 'server-only';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { documents } from './schema';
import { nextDocNo } from './numbering-store';

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
 * The one place where 签发 happens: an SM2 signature over the issued document belongs here,
 * after the number is assigned (the returned row is what was signed).
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
  return issued as IssuedDocument;
}
