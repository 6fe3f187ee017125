import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getAccountsOverview } from '@/modules/funds/accounts/queries';
import { ZAccountFilter } from '@/modules/funds/accounts/validation';
import { AccountsPage as AccountsView } from '@/modules/funds/components/accounts-page';

export const metadata: Metadata = { title: '资金账户' };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('fund:view');
  const filter = ZAccountFilter.parse(await searchParams);
  const overview = await getAccountsOverview(await getDb(), filter);
  return <AccountsView filter={filter} overview={overview} canEdit={hasPermission(user, 'fund:account')} />;
}
