import 'server-only';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { attachments } from '@/platform/storage/schema';
import { departments } from '@/platform/auth/schema';
import { todayInShanghai } from '@/ui/format';
import { parcelEvents, parcels } from '@/modules/parcels/schema';
import { documentLinks, documents } from '@/modules/documents/schema';
import { DOCUMENT_ATTACHMENT_OWNER } from '@/modules/documents/constants';
import { incomingDocuments } from '@/modules/documents/incoming/schema';
import { INCOMING_ATTACHMENT_OWNER } from '@/modules/documents/incoming/files-rules';
import { contracts } from '@/modules/contracts/schema';
import { ledgerEntries } from '@/modules/funds/schema';
import type { TArchiveOwnerType, TArchiveStage } from './constants';
import { archivePending, archivePendingFiles, archives } from './schema';
import { archiveStageOfParcelStage, COLLECT_DEFAULTS, COLLECT_STAGE, type TCollectSource } from './collect-rules';

/**
 * 预归档: when a module's business closes, its record and files go to the 档案管理员's 待归档
 * list (archive_pending), in the same transaction as the closing step. The files are the source's
 * own attachments (already in the SM3 store): only their names and digests are copied.
 */

/** Owner types of the attachments table used by the sources (their modules' ATTACHMENT_OWNER). */
const PARCEL_EVENT_OWNER = 'parcel-event';
const CONTRACT_OWNER = 'contract';
const LEDGER_ENTRY_OWNER = 'ledger-entry';
/** 责任者 when the source names no department. */
const DEFAULT_DEPARTMENT = '益阳市土地储备中心';

export interface CollectRecord {
  sourceType: TCollectSource;
  sourceId: string;
  archiveId: string;
  stage: TArchiveStage;
  title: string;
  itemDate: string;
  department: string;
  pageCount?: number | null;
  description?: string | null;
  /** Whose attachments are the record's files. */
  files: { ownerType: string; ownerId: string }[];
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * One pending record, idempotent per (source_type, source_id): a second call for the same source
 * changes nothing and returns null. A prior select skips the usual case; the insert runs in a
 * savepoint so that a concurrent one (unique index) is absorbed without ON CONFLICT (openGauss).
 */
export async function collectForArchive(tx: Tx, record: CollectRecord): Promise<{ id: string } | null> {
  const [existing] = await tx
    .select({ id: archivePending.id })
    .from(archivePending)
    .where(and(eq(archivePending.sourceType, record.sourceType), eq(archivePending.sourceId, record.sourceId)));
  if (existing) return null;
  const defaults = COLLECT_DEFAULTS[record.sourceType];
  const owners = record.files;
  const files = owners.length
    ? (
        await Promise.all(
          owners.map((o) =>
            tx
              .select({ fileName: attachments.fileName, mimeType: attachments.mimeType, sizeBytes: attachments.sizeBytes, sm3: attachments.sm3, createdAt: attachments.createdAt })
              .from(attachments)
              .where(and(eq(attachments.ownerType, o.ownerType), eq(attachments.ownerId, o.ownerId)))
              .orderBy(asc(attachments.createdAt), asc(attachments.id)),
          ),
        )
      ).flat()
    : [];
  try {
    return await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(archivePending)
        .values({
          sourceType: record.sourceType,
          sourceId: record.sourceId,
          archiveId: record.archiveId,
          stage: record.stage,
          title: cut(record.title, 200),
          category: defaults.category,
          itemDate: record.itemDate,
          department: cut(record.department, 60),
          retention: defaults.retention,
          secrecy: defaults.secrecy,
          pageCount: record.pageCount ?? null,
          description: record.description ? cut(record.description, 1000) : null,
        })
        .returning({ id: archivePending.id });
      if (files.length) {
        await sp.insert(archivePendingFiles).values(files.map((f, i) => ({ pendingId: row.id, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sm3: f.sm3, position: i })));
      }
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

async function archiveOf(tx: Tx, ownerType: TArchiveOwnerType, ownerId: string | null | undefined): Promise<string | null> {
  if (!ownerId) return null;
  const [row] = await tx.select({ id: archives.id }).from(archives).where(and(eq(archives.ownerType, ownerType), eq(archives.ownerId, ownerId)));
  return row?.id ?? null;
}

/** The parcel's archive if any, else the project's (发文 / 收文 targeting rule). */
async function parcelOrProjectArchive(tx: Tx, parcelId: string | null | undefined, projectId: string | null | undefined): Promise<string | null> {
  return (await archiveOf(tx, '地块', parcelId)) ?? (await archiveOf(tx, '项目', projectId));
}

async function departmentName(tx: Tx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, id));
  return row?.name ?? null;
}

const dateOf = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : todayInShanghai());

/**
 * A parcel leaves a lifecycle stage (`closingEventId`: the event that takes it out, already
 * inserted): the stage's records — the event that opened it, its 文号 and attachments — go to
 * the parcel's archive under the archive stage of PARCEL_STAGE_ARCHIVE.
 */
export async function collectParcelStage(tx: Tx, parcelId: string, closedStage: string, closingEventId: string) {
  const stage = archiveStageOfParcelStage(closedStage);
  if (!stage) return null;
  const archiveId = await archiveOf(tx, '地块', parcelId);
  if (!archiveId) return null;
  const [parcel] = await tx.select({ code: parcels.code, name: parcels.name }).from(parcels).where(eq(parcels.id, parcelId));
  const [closing] = await tx.select({ seq: parcelEvents.seq, eventDate: parcelEvents.eventDate }).from(parcelEvents).where(eq(parcelEvents.id, closingEventId));
  if (!parcel || !closing) return null;
  const [opening] = await tx
    .select()
    .from(parcelEvents)
    .where(and(eq(parcelEvents.parcelId, parcelId), eq(parcelEvents.toStage, closedStage), lt(parcelEvents.seq, closing.seq)))
    .orderBy(desc(parcelEvents.seq))
    .limit(1);
  const notes = [
    opening ? `${opening.eventDate} 进入「${closedStage}」` : null,
    opening?.docNo ? `文号 ${opening.docNo}` : null,
    opening?.reason ? `原因：${opening.reason}` : null,
    opening?.note ?? null,
    `${closing.eventDate} 办结`,
  ].filter(Boolean);
  return collectForArchive(tx, {
    sourceType: '地块环节',
    sourceId: closingEventId,
    archiveId,
    stage,
    title: `${parcel.code} ${parcel.name}「${closedStage}」环节资料`,
    itemDate: opening?.eventDate ?? closing.eventDate,
    department: DEFAULT_DEPARTMENT,
    description: notes.join('；'),
    files: opening ? [{ ownerType: PARCEL_EVENT_OWNER, ownerId: opening.id }] : [],
  });
}

/** A 发文 reaches 已归档: filed in its linked parcel's archive, else its project's; unlinked: not collected. */
export async function collectDocument(tx: Tx, documentId: string) {
  const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return null;
  const links = await tx
    .select({ targetType: documentLinks.targetType, targetId: documentLinks.targetId })
    .from(documentLinks)
    .where(and(eq(documentLinks.documentId, doc.id), inArray(documentLinks.targetType, ['parcel', 'project'])))
    .orderBy(asc(documentLinks.targetId));
  const archiveId = await parcelOrProjectArchive(tx, links.find((l) => l.targetType === 'parcel')?.targetId, links.find((l) => l.targetType === 'project')?.targetId);
  if (!archiveId) return null;
  return collectForArchive(tx, {
    sourceType: '发文',
    sourceId: doc.id,
    archiveId,
    stage: COLLECT_STAGE['发文'],
    title: doc.title,
    itemDate: doc.docDate ?? dateOf(doc.signedAt),
    department: (await departmentName(tx, doc.departmentId)) ?? doc.issuingOrg ?? DEFAULT_DEPARTMENT,
    description: [`发文字号：${doc.docNo ?? '（无）'}`, `文种：${doc.docType}`].join('；'),
    files: [{ ownerType: DOCUMENT_ATTACHMENT_OWNER, ownerId: doc.id }],
  });
}

/** A 收文 is 归档: same targeting rule as 发文. */
export async function collectIncoming(tx: Tx, documentId: string) {
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, documentId));
  if (!doc) return null;
  const archiveId = await parcelOrProjectArchive(tx, doc.parcelId, doc.projectId);
  if (!archiveId) return null;
  return collectForArchive(tx, {
    sourceType: '收文',
    sourceId: doc.id,
    archiveId,
    stage: COLLECT_STAGE['收文'],
    title: doc.title,
    itemDate: doc.writtenOn ?? doc.receivedOn,
    department: doc.senderOrg,
    pageCount: doc.pageCount,
    description: [`收文编号：${doc.receiptNo}`, doc.senderNo ? `来文字号：${doc.senderNo}` : null, doc.summary].filter(Boolean).join('；'),
    files: [{ ownerType: INCOMING_ATTACHMENT_OWNER, ownerId: doc.id }],
  });
}

/** A contract is 履行完毕: filed in its project's archive (none: not collected). */
export async function collectContract(tx: Tx, contractId: string) {
  const [c] = await tx.select().from(contracts).where(eq(contracts.id, contractId));
  if (!c) return null;
  const archiveId = await archiveOf(tx, '项目', c.projectId);
  if (!archiveId) return null;
  return collectForArchive(tx, {
    sourceType: '合同',
    sourceId: c.id,
    archiveId,
    stage: COLLECT_STAGE['合同'],
    title: `${c.contractNo} ${c.name}`,
    itemDate: c.signedOn ?? todayInShanghai(),
    department: c.ourParty || DEFAULT_DEPARTMENT,
    description: [`合同类型：${c.contractType}`, `相对方：${c.counterparty}`, `合同金额 ${c.amount} 元`, '履行完毕'].join('；'),
    files: [{ ownerType: CONTRACT_OWNER, ownerId: c.id }],
  });
}

/** A ledger entry is approved (finally): its 记账凭证 and voucher files go to the project's archive, stage 资金. */
export async function collectLedgerEntry(tx: Tx, entryId: string) {
  const [e] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
  if (!e) return null;
  const archiveId = await archiveOf(tx, '项目', e.projectId);
  if (!archiveId) return null;
  const summary = e.description?.trim() ? `${e.category}：${e.description.trim()}` : e.category;
  return collectForArchive(tx, {
    sourceType: '记账凭证',
    sourceId: e.id,
    archiveId,
    stage: COLLECT_STAGE['记账凭证'],
    title: `${cut(summary, 160)}（${e.direction === 'income' ? '收入' : '支出'} ${e.amount} 元）`,
    itemDate: e.entryDate,
    department: DEFAULT_DEPARTMENT,
    description: [`记账编号：${e.entryNo}`, e.voucherNo ? `凭证号：${e.voucherNo}` : null, e.counterparty ? `对方：${e.counterparty}` : null].filter(Boolean).join('；'),
    files: [{ ownerType: LEDGER_ENTRY_OWNER, ownerId: e.id }],
  });
}
