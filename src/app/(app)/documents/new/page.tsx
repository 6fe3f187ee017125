import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { KitCard } from '@/ui/kit/card';
import { documentFormData } from '@/modules/documents/form-data';
import { EMPTY_DOCUMENT_FORM } from '@/modules/documents/view';
import { DocumentForm } from '@/modules/documents/components/document-form';

export const metadata: Metadata = { title: '拟稿' };

export default async function NewDocumentPage() {
  await requirePagePermission('document:draft');
  const db = await getDb();
  const data = await documentFormData(db);
  return (
    <KitCard title="拟稿：新建发文" testId="document-form">
      <DocumentForm document={null} initial={EMPTY_DOCUMENT_FORM} optionalSteps={data.optionalSteps} plans={data.plans} projects={data.projects} parcels={data.parcels} />
    </KitCard>
  );
}
