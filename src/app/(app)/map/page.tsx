import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getMapPageData } from '@/modules/map/queries';
import { parseMapFilters, parseMapView } from '@/modules/map/validation';
import { MapView } from '@/modules/map/components/map-view';
import { getActiveMapLayers } from '@/modules/map/layers/queries';
import { hasPermission } from '@/platform/permissions/check';
import { todayInShanghai } from '@/ui/format';

export const metadata: Metadata = { title: '挂图作战' };

/** 挂图作战: every parcel on the map by stage and warning; the URL keeps the view and the filters. */
export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('parcel:view');
  const params = await searchParams;
  const db = await getDb();
  const filters = parseMapFilters(params);
  const [data, layers] = await Promise.all([getMapPageData(db, filters), getActiveMapLayers(db)]);
  return (
    <MapView
      filters={filters}
      view={parseMapView(params)}
      extent={data.extent}
      layers={layers}
      canDraw={hasPermission(user, 'parcel:edit')}
      today={todayInShanghai()}
      options={{ districts: data.districts, projects: data.projects, plannedUses: data.plannedUses, years: data.years }}
    />
  );
}
