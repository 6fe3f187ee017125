import type { Metadata } from 'next';
import { parseListFilter } from '@/platform/validation';
import { FilterNotice } from '@/ui/kit/filter-notice';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { listDistricts } from '@/platform/geo/districts';
import { todayInShanghai } from '@/ui/format';
import { listParcels, listPlannedUses, listProjectOptions } from '@/modules/parcels/queries';
import { ZParcelFilter } from '@/modules/parcels/validation';
import { toParcelRowView } from '@/modules/parcels/view';
import { ParcelsList } from '@/modules/parcels/components/parcels-list';

export const metadata: Metadata = { title: '地块' };

export default async function ParcelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('parcel:view');
  const { filter, notice } = parseListFilter(ZParcelFilter, await searchParams);
  const db = await getDb();
  const today = todayInShanghai();
  const [{ rows, total }, districts, projects, plannedUses] = await Promise.all([
    listParcels(db, filter, today),
    listDistricts(db),
    listProjectOptions(db),
    listPlannedUses(db),
  ]);
  const thisYear = Number(today.slice(0, 4));
  return (
    <>
      <FilterNotice notice={notice} />
      <ParcelsList
        filter={filter}
        total={total}
        rows={rows.map(toParcelRowView)}
        districts={districts.map((d) => ({ value: d.adcode, label: d.name }))}
        projects={projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        plannedUses={plannedUses}
        years={Array.from({ length: 15 }, (_, i) => thisYear + 1 - i)}
        canEdit={hasPermission(user, 'parcel:edit')}
        canExport={hasPermission(user, 'parcel:export')}
      />
    </>
  );
}
