import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { getCustodyView } from '@/modules/parcels/custody/queries';
import { CustodyView } from '@/modules/parcels/custody/components/custody-view';

export const metadata: Metadata = { title: '管护' };

export default async function ParcelCustodyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const view = await getCustodyView(await getDb(), id);
  if (!view) notFound();
  return (
    <CustodyView
      parcel={view.parcel}
      tempUseLimitMonths={view.tempUseLimitMonths}
      tempUseLimitSource={view.tempUseLimitSource}
      inspections={view.inspections}
      lastInspectionOn={view.lastInspectionOn}
      stageProblem={view.stageProblem}
      canEdit={hasPermission(user, 'parcel:edit')}
      today={todayInShanghai()}
    />
  );
}
