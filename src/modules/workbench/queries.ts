import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { userSessions } from '@/platform/auth/schema';
import { normalizeIp } from '@/platform/ip';
import { ledgerEntries } from '@/modules/funds/schema';
import { pendingForSql } from '@/modules/funds/ledger/queries';
import type { EntryActor } from '@/modules/funds/ledger/entry-actions';
import { parcels } from '@/modules/parcels/schema';
import type { ObjectRefView } from '@/ui/kit/object-ref';

/** How many objects a to-do names; the to-do's link leads to all of them. */
export const TODO_REFS = 5;

/** The user's previous login (before the current session), so they can spot misuse. */
export async function getPreviousLogin(db: Db, userId: string, currentSessionId: string): Promise<{ at: Date; ip: string | null } | null> {
  const [row] = await db
    .select({ at: userSessions.createdAt, ip: userSessions.ip })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), ne(userSessions.id, currentSessionId)))
    .orderBy(desc(userSessions.createdAt))
    .limit(1);
  return row ? { at: row.at, ip: normalizeIp(row.ip) } : null;
}

/** The ledger entries waiting for this user, oldest first, by number and summary. */
export async function listMyPendingEntryRefs(db: Db, actor: EntryActor, limit = TODO_REFS): Promise<ObjectRefView[]> {
  const rows = await db
    .select({ id: ledgerEntries.id, entryNo: ledgerEntries.entryNo, description: ledgerEntries.description, counterparty: ledgerEntries.counterparty, category: ledgerEntries.category })
    .from(ledgerEntries)
    .where(pendingForSql(actor))
    .orderBy(asc(ledgerEntries.entryDate), asc(ledgerEntries.entryNo))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, code: r.entryNo, name: r.description || r.counterparty || r.category, href: `/funds/ledger/${r.id}` }));
}

/**
 * The first parcels (earliest registered: ids are time-ordered) of a set, by code and name, in
 * one query for at most `limit` ids — the set itself (a warning level's parcels) may be large.
 */
export async function parcelRefs(db: Db, ids: Iterable<string>, limit = TODO_REFS): Promise<ObjectRefView[]> {
  const first: string[] = [];
  for (const id of ids) {
    if (first.length < limit) first.push(id);
    else {
      const max = first.reduce((m, x, i) => (x > first[m] ? i : m), 0);
      if (id < first[max]) first[max] = id;
    }
  }
  if (first.length === 0) return [];
  const rows = await db.select({ id: parcels.id, code: parcels.code, name: parcels.name }).from(parcels).where(inArray(parcels.id, first)).orderBy(asc(parcels.code));
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, href: `/parcels/${r.id}` }));
}
