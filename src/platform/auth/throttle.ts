import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../errors';
import { loginThrottle } from './schema';

/**
 * Rate limits kept in the database (login_throttle), so two app instances count the same
 * attempts: the login limits (src/platform/auth/login.ts) and the request limits on exports,
 * imports and the API (src/platform/http/rate-limit.ts, keys prefixed `rate:`). Fixed windows: a key's counter lives for `windowMinutes` from the window's start.
 *
 * `reserve` counts an attempt BEFORE the password is checked and refuses when the counter passes
 * the limit; a successful login gives its reservation back (`release`). So only failures stay
 * counted, and parallel attempts can never exceed the limit (each increment is one atomic UPDATE
 * on the row, serialised by the row lock). No `ON CONFLICT` (openGauss has none, see COMPAT.md):
 * UPDATE first, INSERT when the window row is missing, and on a concurrent INSERT (23505) UPDATE
 * again.
 */

export interface ThrottleRule {
  max: number;
  windowMinutes: number;
}

export type ThrottleVerdict = { ok: true; windowStart: Date } | { ok: false; minutesLeft: number };

/** A fixed window given in seconds (request limits count per minute or less). */
export interface RateRule {
  max: number;
  windowSeconds: number;
}

export type RateVerdict = { ok: true; hits: number; windowStart: Date } | { ok: false; hits: number; secondsLeft: number };

/** Rows of windows that ended this long ago are deleted. */
const PURGE_AFTER_MS = 24 * 3600_000;

export function windowStartOf(now: Date, windowMinutes: number): Date {
  return windowStartMs(now, windowMinutes * 60_000);
}

function windowStartMs(now: Date, ms: number): Date {
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

async function increment(db: Db, key: string, windowStart: Date): Promise<number | null> {
  const [row] = await db
    .update(loginThrottle)
    .set({ hits: sql`${loginThrottle.hits} + 1` })
    .where(and(eq(loginThrottle.key, key), eq(loginThrottle.windowStart, windowStart)))
    .returning({ hits: loginThrottle.hits });
  return row ? row.hits : null;
}

/** Adds one attempt to the key's current window and returns the new count. */
export async function hit(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<{ hits: number; windowStart: Date }> {
  return hitWindow(db, key, windowStartOf(now, rule.windowMinutes), now);
}

async function hitWindow(db: Db, key: string, windowStart: Date, now: Date): Promise<{ hits: number; windowStart: Date }> {
  const updated = await increment(db, key, windowStart);
  if (updated !== null) return { hits: updated, windowStart };
  try {
    await db.insert(loginThrottle).values({ key, windowStart, hits: 1 });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Another instance created the row between our UPDATE and INSERT.
    const again = await increment(db, key, windowStart);
    if (again === null) throw e;
    return { hits: again, windowStart };
  }
  // A new window row: a good moment to drop windows long past (cheap, indexed).
  await db.delete(loginThrottle).where(lt(loginThrottle.windowStart, new Date(now.getTime() - PURGE_AFTER_MS)));
  return { hits: 1, windowStart };
}

/** Counts the attempt; refused when the key already used up its window. */
export async function reserve(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<ThrottleVerdict> {
  const { hits, windowStart } = await hit(db, key, rule, now);
  if (hits <= rule.max) return { ok: true, windowStart };
  const end = windowStart.getTime() + rule.windowMinutes * 60_000;
  return { ok: false, minutesLeft: Math.max(1, Math.ceil((end - now.getTime()) / 60_000)) };
}

/**
 * Counts one request against a window of `windowSeconds`; refused (with the seconds until the
 * window ends) once the count passes `max`. Refused requests stay counted, so hammering does not
 * reopen the window early.
 */
export async function reserveRate(db: Db, key: string, rule: RateRule, now: Date): Promise<RateVerdict> {
  const ms = rule.windowSeconds * 1000;
  const { hits, windowStart } = await hitWindow(db, key, windowStartMs(now, ms), now);
  if (hits <= rule.max) return { ok: true, hits, windowStart };
  return { ok: false, hits, secondsLeft: Math.max(1, Math.ceil((windowStart.getTime() + ms - now.getTime()) / 1000)) };
}

/** Gives back a reservation (the login succeeded, so it was no failure). */
export async function release(db: Db, key: string, windowStart: Date): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ hits: sql`${loginThrottle.hits} - 1` })
    .where(and(eq(loginThrottle.key, key), eq(loginThrottle.windowStart, windowStart), sql`${loginThrottle.hits} > 0`));
}
