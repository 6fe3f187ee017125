import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { idColumn } from '@/platform/db/columns';
import { users } from '@/platform/auth/schema';
import { signerKeys } from '@/platform/crypto/schema';

/**
 * SM2 signatures given at 签发 (src/modules/documents/signing.ts). `payload` is the exact canonical
 * text that was signed; `signature` the DER SM2Signature in base64. `document_id` refers to the
 * document by id without a foreign key (the signing pieces do not depend on the documents tables).
 * A document may be signed more than once (signed again after a return); the latest row counts.
 */
export const documentSignatures = pgTable(
  'document_signatures',
  {
    id: idColumn(),
    documentId: text('document_id').notNull(),
    payload: text('payload').notNull(),
    signature: text('signature').notNull(),
    signerId: text('signer_id')
      .notNull()
      .references(() => users.id),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    signerKeyId: text('signer_key_id')
      .notNull()
      .references(() => signerKeys.id),
  },
  (t) => [index('document_signatures_document_idx').on(t.documentId, t.signedAt)],
);
