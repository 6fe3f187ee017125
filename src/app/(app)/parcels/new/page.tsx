import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { listPlannedUses, listProjectOptions } from '@/modules/parcels/queries';
import { EMPTY_PARCEL_FORM } from '@/modules/parcels/view';
import { ParcelForm } from '@/modules/parcels/components/parcel-form';
import { KitCard } from '@/ui/kit/card';
import { isPolygonalGeometry, type PolygonalGeometry } from '@/platform/geo/geometry';

function parseDrawnBoundary(raw: string | string[] | undefined): PolygonalGeometry | null {
  if (typeof raw !== 'string' || raw.length > 20_000) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isPolygonalGeometry(value) ? value : null;
  } catch {
    return null;
  }
}

export const metadata: Metadata = { title: '新建地块' };

export default async function NewParcelPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('parcel:edit');
  const { projectId, boundary } = await searchParams;
  const db = await getDb();
  const [projects, plannedUses, settings] = await Promise.all([listProjectOptions(db), listPlannedUses(db), getSettings(db)]);
  const open = projects.filter((p) => p.status === 'active');
  // ?projectId= preselects the project when it exists and is open (from a project's page).
  const preset = typeof projectId === 'string' && open.some((p) => p.id === projectId) ? projectId : '';
  // ?boundary= (GeoJSON Polygon, from 画地块 on the map): taken only when it is a valid polygon.
  const drawn = parseDrawnBoundary(boundary);
  return (
    <KitCard title="新建地块" testId="parcel-form-card">
      <ParcelForm
      parcel={null}
      initial={{ ...EMPTY_PARCEL_FORM, projectId: preset, boundary: drawn }}
      projects={open.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, route: p.route }))}
      plannedUses={plannedUses}
      maxFileMb={settings['import.maxFileMb']}
      />
    </KitCard>
  );
}
