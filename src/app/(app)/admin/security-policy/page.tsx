import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { formatDateTime } from '@/ui/format';
import { listSecurityPolicy } from '@/modules/admin/security-policy/queries';
import { SecurityPolicyList } from '@/modules/admin/security-policy/components/policy-list';

export const metadata: Metadata = { title: '安全策略' };

export default async function SecurityPolicyPage() {
  await requirePagePermission('security:policy');
  const policies = await listSecurityPolicy(await getDb());
  return <SecurityPolicyList policies={policies.map((p) => ({ ...p, updatedAt: p.updatedAt ? formatDateTime(p.updatedAt) : null }))} />;
}
