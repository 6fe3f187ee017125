import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { todayInShanghai } from '@/ui/format';
import { KitCard } from '@/ui/kit/card';
import { listLinkOptions } from '@/modules/documents/incoming/queries';
import { RegisterIncomingForm } from '@/modules/documents/incoming/components/register-form';

export const metadata: Metadata = { title: '登记收文' };

export default async function NewIncomingPage() {
  await requirePagePermission('incoming:register');
  const db = await getDb();
  const links = await listLinkOptions(db);
  return (
    <KitCard title="登记收文" testId="incoming-form">
      <RegisterIncomingForm today={todayInShanghai()} plans={links.plans} projects={links.projects} parcels={links.parcels} />
    </KitCard>
  );
}
