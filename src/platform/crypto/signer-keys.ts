import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users } from '../auth/schema';
import { decryptPersonal, encryptPersonal } from './keys';
import { signerKeys } from './schema';
import { generateSm2KeyPair, sm2Fingerprint, sm2PublicKeyOf } from './sm2';

/**
 * Per-user SM2 signing keys, generated and kept by the system (issue 15, 签发). The private key is
 * stored sealed (SM4-CBC + HMAC-SM3 under the key ring that lives outside the database, field
 * context `signer_keys.private_key_enc`); it is opened only in memory, for one signature.
 */

export interface SignerKey {
  id: string;
  userId: string;
  publicKeyPem: string;
  fingerprint: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const publicColumns = {
  id: signerKeys.id,
  userId: signerKeys.userId,
  publicKeyPem: signerKeys.publicKeyPem,
  fingerprint: signerKeys.fingerprint,
  createdAt: signerKeys.createdAt,
  revokedAt: signerKeys.revokedAt,
};

/** The user's active key, if any. */
export async function findActiveSignerKey(db: Db | Tx, userId: string): Promise<SignerKey | null> {
  const [row] = await db
    .select(publicColumns)
    .from(signerKeys)
    .where(and(eq(signerKeys.userId, userId), isNull(signerKeys.revokedAt)));
  return row ?? null;
}

/** A key by id, revoked or not (verification uses the key a signature was made with). */
export async function findSignerKey(db: Db | Tx, id: string): Promise<SignerKey | null> {
  const [row] = await db.select(publicColumns).from(signerKeys).where(eq(signerKeys.id, id));
  return row ?? null;
}

/**
 * The user's active key; generated on first use. Before generating, the user's row is locked
 * (FOR UPDATE) and the key looked up again, so two first signatures by the same user at once
 * create one key, not two (the partial unique index `signer_keys_active_uq` is the last guard).
 * `created` tells the caller to audit the generation.
 */
export async function ensureSignerKey(tx: Tx, userId: string): Promise<SignerKey & { created: boolean }> {
  const existing = await findActiveSignerKey(tx, userId);
  if (existing) return { ...existing, created: false };
  // None yet: lock the user's row (only on this path, so later signatures take no lock) and look again.
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new Error(`no user ${userId}`);
  const active = await findActiveSignerKey(tx, userId);
  if (active) return { ...active, created: false };
  const pair = generateSm2KeyPair();
  const [row] = await tx
    .insert(signerKeys)
    .values({
      userId,
      publicKeyPem: pair.publicKeyPem,
      privateKeyEnc: encryptPersonal(pair.privateKeyPem, 'signerPrivateKey'),
      fingerprint: sm2Fingerprint(pair.publicKeyPem),
    })
    .returning(publicColumns);
  return { ...row, created: true };
}

/**
 * The private key PEM of a key, opened for one signature. Throws IntegrityError when the sealed
 * value was altered or moved from another column, UnknownKeyVersionError when its key version is
 * missing, and an Error when it does not belong to the stored public key.
 */
export async function openSignerPrivateKey(db: Db | Tx, keyId: string): Promise<string> {
  const [row] = await db
    .select({ enc: signerKeys.privateKeyEnc, publicKeyPem: signerKeys.publicKeyPem, revokedAt: signerKeys.revokedAt })
    .from(signerKeys)
    .where(eq(signerKeys.id, keyId));
  if (!row) throw new Error(`no signer key ${keyId}`);
  if (row.revokedAt) throw new Error(`signer key ${keyId} is revoked`);
  const pem = decryptPersonal(row.enc, 'signerPrivateKey');
  if (sm2PublicKeyOf(pem) !== row.publicKeyPem) throw new Error(`signer key ${keyId}: private key does not match its public key`);
  return pem;
}

/**
 * Revokes the user's active key (a leaver, a suspected compromise): it signs no more, its
 * signatures keep verifying, and the next signature generates a new key. Returns the revoked key's
 * id, or null when the user had none.
 */
export async function revokeSignerKey(tx: Tx, userId: string, reason: string): Promise<string | null> {
  const [row] = await tx
    .update(signerKeys)
    .set({ revokedAt: new Date(), revokedReason: reason.slice(0, 200) })
    .where(and(eq(signerKeys.userId, userId), isNull(signerKeys.revokedAt)))
    .returning({ id: signerKeys.id });
  return row?.id ?? null;
}
