import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { verifyPassword } from '../crypto/sm';
import { passwordHistory } from './schema';
import { SECURITY_POLICY } from './security-policy';

/** Rows kept per user: the most the policy can ask to compare against. */
const KEEP = SECURITY_POLICY['password.historyCount'].max;

/**
 * Whether `password` is one of the user's last `count` passwords: the one in force and the
 * count − 1 before it (password_history). Checked when users choose their own password; an
 * administrator's reset sets a temporary password that must be changed at once, so it is not
 * checked there (the user's own next choice is).
 */
export async function isRecentPassword(db: Db | Tx, userId: string, currentHash: string, password: string, count: number): Promise<boolean> {
  if (count <= 0) return false;
  if (await verifyPassword(password, currentHash)) return true;
  if (count === 1) return false;
  const older = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.changedAt), desc(passwordHistory.id))
    .limit(count - 1);
  for (const { hash } of older) if (await verifyPassword(password, hash)) return true;
  return false;
}

/** Keeps the hash being replaced (in the same transaction as the change) and drops the oldest beyond KEEP. */
export async function rememberReplacedPassword(tx: Tx, userId: string, replacedHash: string, at: Date): Promise<void> {
  await tx.insert(passwordHistory).values({ userId, passwordHash: replacedHash, changedAt: at });
  const kept = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.changedAt), desc(passwordHistory.id))
    .limit(KEEP);
  await tx.delete(passwordHistory).where(and(eq(passwordHistory.userId, userId), notInArray(passwordHistory.id, kept.map((k) => k.id))));
}
