import 'server-only';
import type { Db } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import type { DocumentDetail } from './queries';
import { buildDocx } from './render/docx';
import { toRenderModel } from './render/from-row';
import type { DocumentForRender } from './render/model';
import { verifyDocumentSignature, type SignatureCheck } from './signing';

/** A 发文 as the GB/T 9704 renderers take it (the same text for the .docx and the print view). */
export function renderModelOf(detail: DocumentDetail): DocumentForRender {
  return toRenderModel(
    detail.doc,
    detail.attachments.map((a) => a.fileName),
    todayInShanghai(),
  );
}

/**
 * The 签发 signature checked against the document as it is now: null before 签发 (nothing to
 * check), else 有效 or 无效 with the reason (an altered number, title, body or attachment, or a
 * signature that does not verify with the signer's key).
 */
export async function signatureOf(db: Db, detail: DocumentDetail): Promise<SignatureCheck | null> {
  const { doc } = detail;
  if (!doc.docNo) return null;
  return verifyDocumentSignature(db, {
    documentId: doc.id,
    number: doc.docNo,
    title: doc.title,
    body: doc.body,
    attachmentSm3s: detail.attachments.map((a) => a.sm3),
  });
}

/** File name of the .docx: the number (or 草稿) and the title, without characters file systems refuse. */
export function docxFileName(detail: DocumentDetail): string {
  const base = [...`${detail.doc.docNo ?? '草稿'} ${detail.doc.title}`]
    .filter((c) => c >= ' ' && !'\\/:*?"<>|'.includes(c))
    .join('')
    .slice(0, 120);
  return `${base}.docx`;
}

export async function documentDocx(detail: DocumentDetail): Promise<Buffer> {
  return buildDocx(renderModelOf(detail));
}
