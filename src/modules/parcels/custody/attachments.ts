import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { putFile } from '@/platform/storage/file-store';
import { attachments } from '../schema';

/**
 * Parcel attachments: the bytes go to the content-addressed store (`@/platform/storage`), the
 * metadata to the `attachments` table. Served by GET /api/files/<id> to holders of parcel:view.
 */
export const INSPECTION_OWNER = 'inspection';

export interface AttachmentView {
  id: string;
  ownerType: string;
  ownerId: string;
  parcelId: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
  url: string;
}

export const fileUrl = (id: string) => `/api/files/${id}`;

const columns = {
  id: attachments.id,
  ownerType: attachments.ownerType,
  ownerId: attachments.ownerId,
  parcelId: attachments.parcelId,
  fileName: attachments.fileName,
  mimeType: attachments.mimeType,
  sizeBytes: attachments.sizeBytes,
  sm3: attachments.sm3,
};

/** Stores the bytes (once per digest) and records the metadata in the caller's transaction. */
export async function saveAttachment(
  tx: Tx,
  file: { ownerType: string; ownerId: string; parcelId: string | null; fileName: string; mimeType: string; bytes: Uint8Array; uploadedBy: string },
): Promise<{ id: string; sm3: string; sizeBytes: number; deduplicated: boolean }> {
  const stored = await putFile(file.bytes);
  const [{ id }] = await tx
    .insert(attachments)
    .values({
      ownerType: file.ownerType,
      ownerId: file.ownerId,
      parcelId: file.parcelId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: stored.sizeBytes,
      sm3: stored.sm3,
      uploadedBy: file.uploadedBy,
    })
    .returning({ id: attachments.id });
  return { id, sm3: stored.sm3, sizeBytes: stored.sizeBytes, deduplicated: !stored.created };
}

export async function findAttachment(db: Db | Tx, id: string): Promise<AttachmentView | null> {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return null;
  const [row] = await db.select(columns).from(attachments).where(eq(attachments.id, id));
  return row ? { ...row, url: fileUrl(row.id) } : null;
}

export async function listAttachments(db: Db | Tx, ownerType: string, ownerIds: readonly string[]): Promise<AttachmentView[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .select(columns)
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, [...ownerIds])))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map((r) => ({ ...r, url: fileUrl(r.id) }));
}
