import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { archiveNumbering } from '@/modules/archives/store';
import { latestArchiveCheck } from '@/modules/archives/integrity';
import { ArchiveSettingsView } from '@/modules/archives/components/archive-settings';

export const metadata: Metadata = { title: '档号规则与完整性检查' };

export default async function ArchiveSettingsPage() {
  await requirePagePermission('archive:manage');
  const db = await getDb();
  const [numbering, check] = await Promise.all([archiveNumbering(db), latestArchiveCheck(db)]);
  return <ArchiveSettingsView numbering={numbering} check={check} />;
}
