import 'server-only';
import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { dec } from '@/modules/plans/amounts';
import { ENTRY_STATUSES, toAmount, type TEntryStatus } from '../rules';
import { ledgerEntries } from '../schema';

/** A compensation payment not yet approved: it does not count as paid. */
export interface PendingCompensationPayment {
  id: string;
  entryNo: string;
  amount: string;
  status: TEntryStatus;
  statusLabel: string;
}

export interface CompensationPayments {
  /** Σ approved entries of the party (reversals, negative, included): what counts as paid. */
  approved: string;
  /** Payments still in the workflow (drafts and returned ones included), oldest first. */
  pending: PendingCompensationPayment[];
  pendingTotal: string;
}

/**
 * What the ledger says was paid to each compensation party. "Paid" means approved ledger
 * payments (DOMAIN: 征收补偿), never an amount typed on the compensation form.
 */
export async function getCompensationPayments(db: Db | Tx, partyIds: readonly string[]): Promise<Map<string, CompensationPayments>> {
  const out = new Map<string, CompensationPayments>();
  for (const id of partyIds) out.set(id, { approved: '0.00', pending: [], pendingTotal: '0.00' });
  if (partyIds.length === 0) return out;
  const rows = await db
    .select({ id: ledgerEntries.id, partyId: ledgerEntries.partyId, entryNo: ledgerEntries.entryNo, amount: ledgerEntries.amount, status: ledgerEntries.status })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.partyId, [...partyIds]), sql`(${ledgerEntries.status} = 'approved' or ${ledgerEntries.amount} > 0)`))
    .orderBy(asc(ledgerEntries.entryDate), asc(ledgerEntries.entryNo));
  for (const r of rows) {
    const p = out.get(r.partyId!)!;
    if (r.status === 'approved') {
      p.approved = toAmount(dec(p.approved).plus(dec(r.amount)));
    } else {
      const status = r.status as TEntryStatus;
      p.pending.push({ id: r.id, entryNo: r.entryNo, amount: r.amount, status, statusLabel: ENTRY_STATUSES[status] ?? status });
      p.pendingTotal = toAmount(dec(p.pendingTotal).plus(dec(r.amount)));
    }
  }
  return out;
}
