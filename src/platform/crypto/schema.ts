import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../db/columns';
import { users } from '../auth/schema';

/**
 * SM2 signing keys, one active pair per user (签发 of official documents; docs/security.md §签发).
 * The private key is the PKCS#8 PEM sealed with the SM4 key ring (`v2:<keyVersion>:…`, context
 * `signer_keys.private_key_enc`), so reading it needs a key that lives outside the database;
 * `npm run keys:rotate` re-encrypts it. Revoked keys stay: signatures made with them still verify.
 */
export const signerKeys = pgTable(
  'signer_keys',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** SPKI PEM (id-ecPublicKey, curve 1.2.156.10197.1.301). */
    publicKeyPem: text('public_key_pem').notNull(),
    /** Sealed PKCS#8 PEM, never the PEM itself. */
    privateKeyEnc: text('private_key_enc').notNull(),
    /** SM3 of the DER public key (SPKI), lowercase hex. */
    fingerprint: text('fingerprint').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('signer_keys_fingerprint_uq').on(t.fingerprint),
    uniqueIndex('signer_keys_active_uq').on(t.userId).where(sql`${t.revokedAt} is null`),
    index('signer_keys_user_idx').on(t.userId),
  ],
);
