import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getOrgOverview } from '@/modules/admin/org/queries';
import { OrgView } from '@/modules/admin/org/components/org-view';

export const metadata: Metadata = { title: '组织机构' };

export default async function OrgPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('org:manage');
  const { id } = await searchParams;
  const overview = await getOrgOverview(await getDb(), typeof id === 'string' ? id : null);
  return <OrgView overview={overview} />;
}
