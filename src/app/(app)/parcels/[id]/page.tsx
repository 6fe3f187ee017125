import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getDistrictOutline, getParcelDetail, listRecentParcelEvents } from '@/modules/parcels/queries';
import type { TStage } from '@/modules/parcels/stages';
import { STAGE_COLORS, toParcelFacts } from '@/modules/parcels/view';
import { BoundaryMap } from '@/modules/parcels/components/boundary-map';
import { ParcelOverview } from '@/modules/parcels/components/parcel-overview';
import { hasPermission } from '@/platform/permissions/check';
import { ContractsSection } from '@/modules/contracts/components/contracts-section';
import { ArchiveSection } from '@/modules/archives/components/archive-section';

export const metadata: Metadata = { title: '地块概况' };

export default async function ParcelOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('parcel:view');
  const { id } = await params;
  const db = await getDb();
  const parcel = await getParcelDetail(db, id);
  if (!parcel) notFound();
  const [district, events] = await Promise.all([
    parcel.districtCode ? getDistrictOutline(db, parcel.districtCode) : Promise.resolve(null),
    listRecentParcelEvents(db, id, 10),
  ]);
  const map = parcel.geometry ? (
    <BoundaryMap geometry={parcel.geometry} district={district} areaM2={parcel.areaM2} color={STAGE_COLORS[parcel.stage]} />
  ) : (
    <span className="lr-muted">尚未登记边界</span>
  );
  return (
    <div className="lr-stack">
      <ParcelOverview
        parcelId={parcel.id}
        facts={toParcelFacts(parcel)}
        warnings={parcel.warnings.map((w) => ({ level: w.level, message: w.message, ...(w.rule ? { rule: w.rule } : {}) }))}
        map={map}
        events={events.map((e) => ({
          id: e.id,
          seq: e.seq,
          fromStage: e.fromStage as TStage | null,
          toStage: e.toStage as TStage,
          eventDate: e.eventDate,
          actor: e.actor,
          docNo: e.docNo,
          text: [e.reason && `原因：${e.reason}`, e.note].filter(Boolean).join('；') || null,
        }))}
      />
      {hasPermission(user, 'contract:view') && <ContractsSection parcelId={parcel.id} />}
      {hasPermission(user, 'archive:view') && <ArchiveSection ownerType="地块" ownerId={parcel.id} />}
    </div>
  );
}
