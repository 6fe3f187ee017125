import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { listUnmatched } from '@/modules/contracts/legacy';
import { UnmatchedView } from '@/modules/contracts/components/unmatched-view';

export const metadata: Metadata = { title: '未匹配的合同记录' };

export default async function UnmatchedContractsPage() {
  await requirePagePermission('contract:view');
  const db = await getDb();
  return <UnmatchedView report={await listUnmatched(db)} />;
}
