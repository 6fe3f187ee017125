import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { getParcelDetail, listPlannedUses, listProjectOptions } from '@/modules/parcels/queries';
import { toParcelFormValues } from '@/modules/parcels/view';
import { ParcelForm } from '@/modules/parcels/components/parcel-form';
import { KitCard } from '@/ui/kit/card';

export const metadata: Metadata = { title: '修改地块' };

export default async function EditParcelPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission('parcel:edit');
  const { id } = await params;
  const db = await getDb();
  const parcel = await getParcelDetail(db, id);
  if (!parcel) notFound();
  const [projects, plannedUses, settings] = await Promise.all([listProjectOptions(db), listPlannedUses(db), getSettings(db)]);
  // Open projects, plus the parcel's own even when that one has since been closed.
  const choices = projects.filter((p) => p.status === 'active' || p.id === parcel.projectId);
  return (
    <KitCard title={`修改地块：${parcel.code}`} testId="parcel-form-card">
      <ParcelForm
      key={`${parcel.id}-${parcel.version}`}
      parcel={{ id: parcel.id, version: parcel.version, stage: parcel.stage }}
      initial={toParcelFormValues(parcel)}
      projects={choices.map((p) => ({ value: p.id, label: `${p.code} ${p.name}${p.status === 'closed' ? '（已关闭）' : ''}`, route: p.route }))}
      plannedUses={plannedUses}
      maxFileMb={settings['import.maxFileMb']}
      />
    </KitCard>
  );
}
