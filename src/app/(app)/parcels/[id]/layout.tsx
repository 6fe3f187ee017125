import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { getParcelHeader } from '@/modules/parcels/queries';
import { areaView, projectLabel } from '@/modules/parcels/view';
import { ParcelHeader } from '@/modules/parcels/components/parcel-header';

/** Every parcel page: the header (code, name, stage, area, project) and the section tabs. Each page checks parcel:view too. */
export default async function ParcelLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const header = await getParcelHeader(await getDb(), id);
  if (!header) notFound();
  return (
    <>
      <ParcelHeader
        header={{
          id: header.id,
          code: header.code,
          name: header.name,
          stage: header.stage,
          stageSince: header.stageSince,
          area: areaView(header.areaM2),
          projectId: header.projectId,
          projectLabel: projectLabel(header.projectCode, header.projectName),
          districtName: header.districtName,
        }}
        canEdit={hasPermission(user, 'parcel:edit')}
      />
      {children}
    </>
  );
}
