import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getAcquisitionView } from '@/modules/parcels/acquisition/queries';
import { todayInShanghai } from '@/ui/format';
import { AcquisitionView } from '@/modules/parcels/acquisition/components/acquisition-view';

export const metadata: Metadata = { title: '征收补偿' };

export default async function ParcelAcquisitionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const view = await getAcquisitionView(await getDb(), id);
  if (!view) notFound();
  return (
    <AcquisitionView
      parcelId={view.parcel.id}
      parties={view.parties}
      summary={view.summary}
      costs={view.costs}
      costsTotal={view.costsTotal}
      frozenReason={view.frozenReason}
      canEdit={hasPermission(user, 'parcel:edit')}
      canReveal={hasPermission(user, 'personal-info:view')}
      today={todayInShanghai()}
    />
  );
}
