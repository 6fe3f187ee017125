import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { listLayersForAdmin } from '@/modules/map/layers/queries';
import { MapLayersClient } from '@/modules/map/layers/components/map-layers-client';

export const metadata: Metadata = { title: '地图图层' };

export default async function MapLayersPage() {
  await requirePagePermission('setting:manage');
  return <MapLayersClient layers={await listLayersForAdmin(await getDb())} />;
}
