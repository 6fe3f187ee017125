import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { userSessions } from '@/platform/auth/schema';
import { normalizeIp } from '@/platform/ip';

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
