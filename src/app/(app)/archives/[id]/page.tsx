import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getArchive } from '@/modules/archives/queries';
import { ArchiveDetailView } from '@/modules/archives/components/archive-detail';

export const metadata: Metadata = { title: '档案' };

export default async function ArchivePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('archive:view');
  const { id } = await params;
  if (!/^[0-9A-Za-z_-]{1,80}$/.test(id)) notFound();
  const archive = await getArchive(await getDb(), id);
  if (!archive) notFound();
  return <ArchiveDetailView archive={archive} canManage={hasPermission(user, 'archive:manage')} />;
}
