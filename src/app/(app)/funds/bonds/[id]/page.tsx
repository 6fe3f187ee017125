import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getBond, listBondProjectOptions } from '@/modules/funds/bonds/queries';
import { BondDetailView } from '@/modules/funds/components/bond-detail';

export const metadata: Metadata = { title: '专项债券详情' };

export default async function BondDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('fund:view');
  const { id } = await params;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) notFound();
  const db = await getDb();
  const detail = await getBond(db, id);
  if (!detail) notFound();
  const canEdit = hasPermission(user, 'fund:bond');
  const projects = canEdit ? await listBondProjectOptions(db) : [];
  return <BondDetailView detail={detail} projects={projects} canEdit={canEdit} />;
}
