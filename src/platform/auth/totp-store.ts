import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { decryptPersonal, encryptPersonal } from '../crypto/keys';
import { userTotp, users } from './schema';
import { checkTotp, TOTP_SECRET_BYTES, type TTotpAlgorithm, type TTotpCheck } from './totp';

/**
 * Stored 动态口令 tokens (user_totp). The secret lives SM4-encrypted with the personal-data key
 * and is decrypted only to compute a code or to show it once to its owner during enrolment; it is
 * never logged or written to the audit log.
 */

/** Whether the user has a confirmed token: true as a SQL expression over `users.id` (session check). */
export const totpEnrolledSql = sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${users.id} and ${userTotp.confirmedAt} is not null)`;

export interface TotpState {
  enrolled: boolean;
  algorithm: TTotpAlgorithm | null;
  confirmedAt: Date | null;
  /** An enrolment begun and not yet confirmed: its secret, for the QR code shown to the owner. */
  pending: { secret: Buffer; algorithm: TTotpAlgorithm; createdAt: Date } | null;
}

export async function getTotpState(db: Db | Tx, userId: string): Promise<TotpState> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  if (!row) return { enrolled: false, algorithm: null, confirmedAt: null, pending: null };
  if (row.confirmedAt) return { enrolled: true, algorithm: row.algorithm, confirmedAt: row.confirmedAt, pending: null };
  return {
    enrolled: false,
    algorithm: null,
    confirmedAt: null,
    pending: { secret: Buffer.from(decryptPersonal(row.secretEnc, 'totpSecret'), 'hex'), algorithm: row.algorithm, createdAt: row.createdAt },
  };
}

/** Starts (or restarts) an enrolment with a fresh random secret; refused while a token is confirmed. */
export async function beginEnrolment(tx: Tx, userId: string, algorithm: TTotpAlgorithm): Promise<'begun' | 'already'> {
  const [row] = await tx.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, userId)).for('update');
  if (row?.confirmedAt) return 'already';
  if (row) await tx.delete(userTotp).where(eq(userTotp.userId, userId));
  const secret = randomBytes(TOTP_SECRET_BYTES);
  await tx.insert(userTotp).values({ userId, secretEnc: encryptPersonal(secret.toString('hex'), 'totpSecret'), algorithm });
  return 'begun';
}

export type TEnrolmentResult = { ok: true; algorithm: TTotpAlgorithm } | { ok: false; reason: 'none' | 'already' | 'missing' | 'wrong' | 'replay' };

/** Confirms the pending enrolment with a code from the token: from now on the login asks for one. */
export async function confirmEnrolment(tx: Tx, userId: string, code: unknown, now: Date): Promise<TEnrolmentResult> {
  const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).for('update');
  if (!row) return { ok: false, reason: 'none' };
  if (row.confirmedAt) return { ok: false, reason: 'already' };
  const check = checkTotp(Buffer.from(decryptPersonal(row.secretEnc, 'totpSecret'), 'hex'), row.algorithm, code, now.getTime(), null);
  if (!check.ok) return check;
  await tx.update(userTotp).set({ confirmedAt: now, lastStep: check.step }).where(eq(userTotp.userId, userId));
  return { ok: true, algorithm: row.algorithm };
}

export type TLoginCodeCheck = { required: false } | ({ required: true } & TTotpCheck);

/**
 * At login, after the right password: a user with a confirmed token must give a code of it. An
 * accepted code's step is stored, so the same code cannot be used again.
 */
export async function checkLoginCode(tx: Tx, userId: string, code: unknown, now: Date): Promise<TLoginCodeCheck> {
  const [row] = await tx
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))
    .for('update');
  if (!row) return { required: false };
  const check = checkTotp(Buffer.from(decryptPersonal(row.secretEnc, 'totpSecret'), 'hex'), row.algorithm, code, now.getTime(), row.lastStep);
  if (check.ok) await tx.update(userTotp).set({ lastStep: check.step }).where(eq(userTotp.userId, userId));
  return { required: true, ...check };
}

/** Removes a user's token (confirmed or pending); returns its algorithm, or null when there was none. */
export async function removeTotp(tx: Tx, userId: string): Promise<{ algorithm: TTotpAlgorithm; confirmed: boolean } | null> {
  const [row] = await tx.select({ algorithm: userTotp.algorithm, confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, userId)).for('update');
  if (!row) return null;
  await tx.delete(userTotp).where(eq(userTotp.userId, userId));
  return { algorithm: row.algorithm, confirmed: !!row.confirmedAt };
}
