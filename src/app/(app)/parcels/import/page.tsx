import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { listProjectOptions } from '@/modules/parcels/queries';
import { ImportClient } from '@/modules/parcels/import/components/import-client';

export const metadata: Metadata = { title: '批量导入地块边界' };

export default async function ParcelImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('parcel:edit');
  const { projectId } = await searchParams;
  // Closed projects take no new parcels.
  const db = await getDb();
  const projects = (await listProjectOptions(db)).filter((p) => p.status === 'active');
  const settings = await getSettings(db);
  const preset = typeof projectId === 'string' && projects.some((p) => p.id === projectId) ? projectId : null;
  return <ImportClient projects={projects} defaultProjectId={preset} maxFileMb={settings['import.maxFileMb']} />;
}
