import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { departmentOptions, getDocument } from '@/modules/documents/queries';
import { documentActions, toDocumentDetailView } from '@/modules/documents/view';
import { DocumentDetail } from '@/modules/documents/components/document-detail';
import { SignatureBadge } from '@/modules/documents/components/signature-badge';
import { signatureOf } from '@/modules/documents/outputs';
import { LinkButton } from '@/ui/kit/link-button';

export const metadata: Metadata = { title: '发文' };

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('document:view');
  const { id } = await params;
  const db = await getDb();
  const detail = await getDocument(db, id);
  if (!detail || detail.doc.direction !== '发文') notFound();
  const who = { userId: user.id, displayName: user.displayName, departmentId: user.departmentId, roleIds: user.roles.map((r) => r.id) };
  const [departmentList, signature] = await Promise.all([departmentOptions(db), signatureOf(db, detail)]);
  const departments = new Map(departmentList.map((d) => [d.value, d.label]));
  const view = toDocumentDetailView(detail, documentActions(detail, who, user.permissions), departments);
  const exports = (
    <>
      <LinkButton href={`/api/documents/${id}/docx`} download testId="document-docx">
        下载 Word
      </LinkButton>
      <LinkButton href={`/documents/${id}/print`} testId="document-print">
        打印
      </LinkButton>
    </>
  );
  return <DocumentDetail view={view} signature={signature ? <SignatureBadge check={signature} /> : undefined} exports={exports} />;
}
