import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { archiveItemFiles, archivePending, archivePendingFiles, archives } from './schema';
import { insertItem } from './mutations';
import { PENDING_DECIDED, PENDING_NOT_FOUND } from './collect-rules';
import { ZAcceptPending, ZReturnPending } from './validation';

const PENDING_TYPE = '待归档记录';

/**
 * 接收归档: a batch of 待归档 records becomes archive items, all or none, in one transaction. The
 * rows are locked (FOR UPDATE) and must still be 待归档 at the version the archivist saw; each
 * draws its 档号 (insertItem, in the order of the list: 形成日期, then collection), its files are
 * named under the item by their SM3 digest (no new stored file), and each is audited.
 */
export const acceptPending = defineMutation({
  name: '接收归档',
  permission: 'archive:manage',
  objectType: PENDING_TYPE,
  schema: ZAcceptPending,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const ids = input.items.map((i) => i.id);
    const rows = await tx.select().from(archivePending).where(inArray(archivePending.id, ids)).orderBy(asc(archivePending.itemDate), asc(archivePending.createdAt), asc(archivePending.id)).for('update');
    if (rows.length !== ids.length) fail(PENDING_NOT_FOUND, 'NOT_FOUND');
    const byId = new Map(input.items.map((i) => [i.id, i]));
    for (const row of rows) {
      const wanted = byId.get(row.id)!;
      if (row.status !== '待归档' || (wanted.version !== undefined && wanted.version !== row.version)) fail(PENDING_DECIDED, 'CONFLICT');
    }
    const archiveRows = await tx.select({ id: archives.id, ownerType: archives.ownerType, ownerCode: archives.ownerCode }).from(archives).where(inArray(archives.id, [...new Set(rows.map((r) => r.archiveId))]));
    const archiveById = new Map(archiveRows.map((a) => [a.id, a]));
    const accepted: { id: string; itemId: string; archiveNo: string; title: string }[] = [];
    const now = new Date();
    for (const row of rows) {
      const archive = archiveById.get(row.archiveId);
      if (!archive) fail(`「${row.title}」所属的档案不存在，请退回该记录`, 'NOT_FOUND');
      const wanted = byId.get(row.id)!;
      const retention = wanted.retention ?? row.retention;
      const secrecy = wanted.secrecy ?? row.secrecy;
      const item = await insertItem(
        tx,
        actor,
        archive.id,
        { stage: row.stage, title: row.title, category: row.category, itemDate: row.itemDate, department: row.department, retention, secrecy, pageCount: row.pageCount, description: row.description },
        { sourceType: row.sourceType, sourceId: row.sourceId },
      );
      const files = await tx.select().from(archivePendingFiles).where(eq(archivePendingFiles.pendingId, row.id)).orderBy(asc(archivePendingFiles.position));
      if (files.length) {
        await tx.insert(archiveItemFiles).values(files.map((f) => ({ itemId: item.id, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sm3: f.sm3, position: f.position })));
      }
      await tx
        .update(archivePending)
        .set({ status: '已归档', itemId: item.id, decidedBy: actor.userId, decidedByName: actor.displayName, decidedAt: now, version: row.version + 1 })
        .where(eq(archivePending.id, row.id));
      await ctx.audit({
        action: '接收归档',
        objectType: PENDING_TYPE,
        objectId: row.id,
        before: { status: row.status, retention: row.retention, secrecy: row.secrecy },
        after: { status: '已归档', archiveNo: item.archiveNo, itemId: item.id, retention, secrecy, files: files.length },
        message: `${archive.ownerType}档案 ${archive.ownerCode}：接收${row.sourceType}「${row.title}」，档号 ${item.archiveNo}`,
      });
      accepted.push({ id: row.id, itemId: item.id, archiveNo: item.archiveNo, title: row.title });
    }
    // In the order the archivist's list shows them (the request's order).
    const order = new Map(ids.map((id, i) => [id, i]));
    return { accepted: accepted.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
  },
});

/** 退回: the record stays out of the archive, with the reason (2–200 字) for its source. */
export const returnPending = defineMutation({
  name: '退回待归档记录',
  permission: 'archive:manage',
  objectType: PENDING_TYPE,
  schema: ZReturnPending,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const [row] = await tx.select().from(archivePending).where(eq(archivePending.id, input.id)).for('update');
    if (!row) fail(PENDING_NOT_FOUND, 'NOT_FOUND');
    if (row.status !== '待归档' || (input.version !== undefined && input.version !== row.version)) fail(PENDING_DECIDED, 'CONFLICT');
    await tx
      .update(archivePending)
      .set({ status: '已退回', returnReason: input.reason, decidedBy: actor.userId, decidedByName: actor.displayName, decidedAt: new Date(), version: row.version + 1 })
      .where(eq(archivePending.id, row.id));
    await ctx.audit({
      action: '退回待归档记录',
      objectType: PENDING_TYPE,
      objectId: row.id,
      before: { status: row.status },
      after: { status: '已退回', reason: input.reason },
      message: `退回${row.sourceType}「${row.title}」：${input.reason}`,
    });
    return { id: row.id };
  },
});
