import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { departmentOptions, getDocument } from '@/modules/documents/queries';
import { documentActions, toDocumentDetailView } from '@/modules/documents/view';
import { DocumentDetail } from '@/modules/documents/components/document-detail';

export const metadata: Metadata = { title: '发文' };

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('document:view');
  const { id } = await params;
  const db = await getDb();
  const detail = await getDocument(db, id);
  if (!detail || detail.doc.direction !== '发文') notFound();
  const who = { userId: user.id, displayName: user.displayName, departmentId: user.departmentId, roleIds: user.roles.map((r) => r.id) };
  const departments = new Map((await departmentOptions(db)).map((d) => [d.value, d.label]));
  const view = toDocumentDetailView(detail, documentActions(detail, who, user.permissions), departments);
  // Integrator: pass `signature` (签名有效/无效) and `exports` (.docx / 打印) here.
  return <DocumentDetail view={view} />;
}
