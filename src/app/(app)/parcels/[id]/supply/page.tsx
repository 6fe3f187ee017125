import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getSupplyView } from '@/modules/parcels/supply/queries';
import { SupplyRecords } from '@/modules/parcels/supply/components/supply-records';

export const metadata: Metadata = { title: '供应' };

export default async function ParcelSupplyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const view = await getSupplyView(await getDb(), id);
  if (!view) notFound();
  return (
    <SupplyRecords parcelId={view.parcel.id} stage={view.parcel.stage} supplies={view.supplies} canEdit={hasPermission(user, 'parcel:edit')} today={todayInShanghai()} />
  );
}
