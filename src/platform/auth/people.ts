import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { departments, users } from './schema';

/**
 * People as others see them: the name (users.display_name) and department, resolved from the
 * users table by id whenever a record is read. A copy of the name stored with a record (an
 * event's actor_name, a ledger step's actor_name) is only the fallback for an id that is absent
 * or unknown — older rows hold the login name there.
 */

/** What a page shows for a person: no login name (only administrators see that). */
export interface PersonLabel {
  name: string;
  department: string | null;
}

export interface Person extends PersonLabel {
  id: string;
  /** Login name, for the user administration and the audit log only. */
  username: string;
}

export type People = ReadonlyMap<string, Person>;

/** The people with these ids (nulls and repeats ignored), with their department's name; one query. */
export async function findPeople(db: Db | Tx, ids: Iterable<string | null | undefined>): Promise<People> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName, username: users.username, department: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The person recorded by `id`; the stored name (without a department) when the id is not a user. */
export function personLabel(people: People, id: string | null | undefined, storedName?: string | null): PersonLabel | null {
  const p = id ? people.get(id) : undefined;
  if (p) return { name: p.name, department: p.department };
  return storedName ? { name: storedName, department: null } : null;
}

/** Rows that record their actor as `actorId` + a stored `actorName` get `actor` resolved from users instead. */
export async function withActors<T extends { actorId: string | null; actorName: string | null }>(
  db: Db | Tx,
  rows: readonly T[],
): Promise<(Omit<T, 'actorId' | 'actorName'> & { actor: PersonLabel | null })[]> {
  const people = await findPeople(
    db,
    rows.map((r) => r.actorId),
  );
  return rows.map(({ actorId, actorName, ...rest }) => ({ ...rest, actor: personLabel(people, actorId, actorName) }));
}
