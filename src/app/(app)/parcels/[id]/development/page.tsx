import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getDevelopmentView } from '@/modules/parcels/development/queries';
import { DevelopmentView } from '@/modules/parcels/development/components/development-view';
import { getNetLandView } from '@/modules/parcels/net-land/queries';

export const metadata: Metadata = { title: '前期开发' };

export default async function ParcelDevelopmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const db = await getDb();
  const view = await getDevelopmentView(db, id);
  if (!view) notFound();
  const today = todayInShanghai();
  return (
    <DevelopmentView
      parcelId={view.parcel.id}
      stage={view.parcel.stage}
      packages={view.packages}
      summary={view.summary}
      stageProblem={view.stageProblem}
      canEdit={hasPermission(user, 'parcel:edit')}
      today={today}
      netLand={await getNetLandView(db, view.parcel.id, today)}
    />
  );
}
