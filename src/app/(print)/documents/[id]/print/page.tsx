import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getDocument } from '@/modules/documents/queries';
import { renderModelOf } from '@/modules/documents/outputs';
import { DocumentPrintView } from '@/modules/documents/render/print-view';

export const metadata: Metadata = { title: '打印公文' };

/** The 发文 in the GB/T 9704-2012 layout on an A4 sheet, printed with the browser's 打印 (Ctrl+P). */
export default async function DocumentPrintPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('document:view');
  const { id } = await params;
  const detail = /^[0-9A-Za-z_-]{1,64}$/.test(id) ? await getDocument(await getDb(), id) : null;
  if (!detail || detail.doc.direction !== '发文') notFound();
  return <DocumentPrintView doc={renderModelOf(detail)} />;
}
