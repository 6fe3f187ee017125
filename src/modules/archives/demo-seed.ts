import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { documents } from '@/modules/documents/schema';
import { incomingDocuments } from '@/modules/documents/incoming/schema';
import { contracts } from '@/modules/contracts/schema';
import { ledgerEntries } from '@/modules/funds/schema';
import { parcelEvents, parcels } from '@/modules/parcels/schema';
import { collectContract, collectDocument, collectIncoming, collectLedgerEntry, collectParcelStage } from './collect';
import { archivePending } from './schema';

/**
 * 演示: the demo data is inserted before the archives exist (syncArchives runs after it), so its
 * closed business is collected here, once the archives are made: the demo 发文 and 收文 归档, the
 * demo contracts 履行完毕, a few approved demo ledger entries and closed demo parcel stages. Their
 * titles come from the demo records (labelled 演示). Idempotent per source (collectForArchive).
 */
export async function seedArchivePendingDemo(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const collected: string[] = [];
    const count = (r: { id: string } | null) => {
      if (r) collected.push(r.id);
    };
    const docs = await tx.select({ id: documents.id }).from(documents).where(and(eq(documents.isDemo, true), eq(documents.status, '已归档')));
    for (const d of docs) count(await collectDocument(tx, d.id));
    const incoming = await tx.select({ id: incomingDocuments.id }).from(incomingDocuments).where(and(eq(incomingDocuments.isDemo, true), eq(incomingDocuments.state, 'archived')));
    for (const d of incoming) count(await collectIncoming(tx, d.id));
    const done = await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.isDemo, true), eq(contracts.status, 'completed')));
    for (const c of done) count(await collectContract(tx, c.id));
    const entries = await tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.isDemo, true), eq(ledgerEntries.status, 'approved')))
      .orderBy(desc(ledgerEntries.entryDate), desc(ledgerEntries.entryNo))
      .limit(4);
    for (const e of entries) count(await collectLedgerEntry(tx, e.id));
    const demoParcels = await tx.select({ id: parcels.id }).from(parcels).where(eq(parcels.isDemo, true));
    const closing = demoParcels.length
      ? await tx
          .select({ id: parcelEvents.id, parcelId: parcelEvents.parcelId, fromStage: parcelEvents.fromStage })
          .from(parcelEvents)
          .where(and(inArray(parcelEvents.parcelId, demoParcels.map((p) => p.id)), isNotNull(parcelEvents.fromStage)))
          .orderBy(desc(parcelEvents.eventDate), desc(parcelEvents.id))
          .limit(4)
      : [];
    for (const e of closing) count(await collectParcelStage(tx, e.parcelId, e.fromStage!, e.id));
    // Labelled demo data: the 待归档 list tags these rows 演示.
    if (collected.length) await tx.update(archivePending).set({ isDemo: true }).where(inArray(archivePending.id, collected));
    return collected.length;
  });
}
