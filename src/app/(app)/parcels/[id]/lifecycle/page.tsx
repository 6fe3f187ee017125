import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getLifecycleOverview } from '@/modules/parcels/lifecycle/queries';
import { LifecycleView } from '@/modules/parcels/lifecycle/components/lifecycle-view';
import { todayInShanghai } from '@/ui/format';

export const metadata: Metadata = { title: '环节流转' };

export default async function ParcelLifecyclePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const today = todayInShanghai();
  const overview = await getLifecycleOverview(await getDb(), id, today);
  if (!overview) notFound();
  return (
    <LifecycleView
      parcel={overview.parcel}
      steps={overview.steps}
      events={overview.events}
      canTransition={hasPermission(user, 'parcel:transition')}
      today={today}
      supplyContext={overview.supplyContext}
    />
  );
}
