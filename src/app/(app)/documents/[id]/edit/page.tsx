import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { KitCard } from '@/ui/kit/card';
import { documentFormData } from '@/modules/documents/form-data';
import { getDocument } from '@/modules/documents/queries';
import { documentActions, toDocumentFormValues } from '@/modules/documents/view';
import { DocumentForm } from '@/modules/documents/components/document-form';

export const metadata: Metadata = { title: '修改发文' };

/** 修改: only the drafter of a draft or returned 发文; anyone else goes back to the document. */
export default async function EditDocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('document:draft');
  const { id } = await params;
  const db = await getDb();
  const detail = await getDocument(db, id);
  if (!detail) notFound();
  const who = { userId: user.id, displayName: user.displayName, departmentId: user.departmentId, roleIds: user.roles.map((r) => r.id) };
  if (!documentActions(detail, who, user.permissions).canEdit) redirect(`/documents/${id}`);
  const data = await documentFormData(db);
  return (
    <KitCard title={`修改发文：${detail.doc.title}`} testId="document-form">
      <DocumentForm
        document={{ id, version: detail.doc.version, submitted: detail.doc.status !== '草稿' }}
        initial={toDocumentFormValues(detail)}
        optionalSteps={data.optionalSteps}
        plans={data.plans}
        projects={data.projects}
        parcels={data.parcels}
      />
    </KitCard>
  );
}
