import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { listLayersForAdmin } from '@/modules/map/layers/queries';
import { MapLayersView } from '@/modules/admin/map-layers/components/map-layers-view';

export const metadata: Metadata = { title: '地图图层' };

export default async function MapLayersPage() {
  await requirePagePermission('setting:manage');
  return <MapLayersView layers={await listLayersForAdmin(await getDb())} />;
}
