import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '@/platform/db/columns';

/**
 * Metadata of stored files (the bytes live in the SM3-addressed file store). `owner_type` /
 * `owner_id` name what a file belongs to (a lifecycle event, an inspection, a ledger entry …);
 * `parcel_id` lets a parcel's archive find all its files.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: idColumn(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    parcelId: text('parcel_id'),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sm3: text('sm3').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId), index('attachments_parcel_idx').on(t.parcelId)],
);
