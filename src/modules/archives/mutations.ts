import 'server-only';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail, type Actor, type MutationContext } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { verifyArchiveFiles } from './integrity';
import { zId } from '@/platform/validation';
import { putFile } from '@/platform/storage/file-store';
import { documentProblem, sniffDocumentType } from '@/platform/storage/document-types';
import { MAX_ITEM_FILES, type TRetention } from './constants';
import { archiveItemFiles, archiveItems, archives, archiveSettings } from './schema';
import { archiveNumbering, nextArchiveNo } from './store';
import { ARCHIVE_NOT_FOUND, fileNameProblem, ITEM_NOT_FOUND, ZArchiveSettings, ZItemMeta } from './validation';

const ITEM_TYPE = '档案条目';
const FILE_TYPE = '档案文件';

const zFile = z
  .object({
    fileName: z.string({ error: '请选择要上传的文件' }),
    bytes: z.instanceof(Uint8Array, { error: '请选择要上传的文件' }),
  }, { error: '请选择要上传的文件' })
  .superRefine((v, ctx) => {
    const problem = fileNameProblem(v.fileName) ?? documentProblem(v.fileName, v.bytes);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['bytes'] });
  });

/** Stores the bytes (deduplicated by SM3) and names them under the item. */
async function attachFile(tx: Tx, itemId: string, file: { fileName: string; bytes: Uint8Array }, position: number) {
  const mimeType = sniffDocumentType(file.bytes) ?? fail('文件格式不受支持', 'INVALID_INPUT');
  const stored = await putFile(file.bytes);
  const [row] = await tx
    .insert(archiveItemFiles)
    .values({ itemId, fileName: file.fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3, position })
    .returning({ id: archiveItemFiles.id });
  return { id: row.id, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3, deduplicated: !stored.created };
}

export interface ItemMeta {
  stage: string;
  title: string;
  category: string;
  itemDate: string;
  department: string;
  retention: string;
  secrecy: string;
  pageCount: number | null;
  description: string | null;
}

/**
 * Inserts one item into an archive with the next 档号 of its series (年度 = the year the document
 * was formed, DA/T 22-2015), inside the caller's transaction. Files are attached by the caller
 * (uploaded bytes: attachFile; files already in the store, e.g. collected ones: insert
 * archive_item_files rows with their sm3). Shared by 档案著录 and 预归档 acceptance.
 */
export async function insertItem(tx: Tx, actor: Actor, archiveId: string, meta: ItemMeta, source: { sourceType: string; sourceId: string | null }): Promise<{ id: string; archiveNo: string }> {
  const year = Number(meta.itemDate.slice(0, 4));
  const number = await nextArchiveNo(tx, year, meta.retention as TRetention);
  const [item] = await tx
    .insert(archiveItems)
    .values({
      archiveId,
      stage: meta.stage,
      archiveNo: number.archiveNo,
      series: number.series,
      seq: number.seq,
      year,
      title: meta.title,
      category: meta.category,
      itemDate: meta.itemDate,
      department: meta.department,
      retention: meta.retention,
      secrecy: meta.secrecy,
      pageCount: meta.pageCount,
      description: meta.description,
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      acceptedBy: actor.userId,
      acceptedByName: actor.displayName,
      acceptedAt: new Date(),
    })
    .returning({ id: archiveItems.id });
  return { id: item.id, archiveNo: number.archiveNo };
}

/**
 * The item of an archive entered by hand (著录): its metadata and its first file, numbered at once
 * (档号 from the rule in force, 年度 = the year the document was formed, DA/T 22-2015).
 */
export const addArchiveItem = defineMutation({
  name: '档案著录',
  permission: 'archive:manage',
  objectType: ITEM_TYPE,
  schema: ZItemMeta.extend({ file: zFile }),
  async run(ctx: MutationContext, input) {
    const { tx, actor } = ctx;
    const [archive] = await tx.select().from(archives).where(eq(archives.id, input.archiveId)).for('update');
    if (!archive) fail(ARCHIVE_NOT_FOUND, 'NOT_FOUND');
    const number = await insertItem(tx, actor, archive.id, input, { sourceType: '上传', sourceId: null });
    const item = number;
    const file = await attachFile(tx, item.id, input.file, 0);
    await ctx.audit({
      action: '档案著录',
      objectType: ITEM_TYPE,
      objectId: item.id,
      before: null,
      after: { archiveNo: number.archiveNo, owner: archive.ownerCode, stage: input.stage, title: input.title, retention: input.retention, secrecy: input.secrecy, fileName: input.file.fileName, sm3: file.sm3 },
      message: `${archive.ownerType}档案 ${archive.ownerCode}：著录「${input.title}」，档号 ${number.archiveNo}`,
    });
    return { id: item.id, archiveNo: number.archiveNo };
  },
});

/** One more file of an item (one per request: the request size limit). */
export const addArchiveItemFile = defineMutation({
  name: '追加档案文件',
  permission: 'archive:manage',
  objectType: FILE_TYPE,
  schema: z.object({ itemId: zId('档案条目'), file: zFile }),
  async run(ctx, input) {
    const { tx } = ctx;
    const [item] = await tx.select().from(archiveItems).where(eq(archiveItems.id, input.itemId)).for('update');
    if (!item) fail(ITEM_NOT_FOUND, 'NOT_FOUND');
    const [{ n }] = await tx.select({ n: count() }).from(archiveItemFiles).where(eq(archiveItemFiles.itemId, item.id));
    if (n >= MAX_ITEM_FILES) fail(`每个档案条目最多 ${MAX_ITEM_FILES} 个文件`);
    const file = await attachFile(tx, item.id, input.file, n);
    await ctx.audit({
      action: '追加档案文件',
      objectType: FILE_TYPE,
      objectId: file.id,
      before: null,
      after: { archiveNo: item.archiveNo, fileName: input.file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sm3: file.sm3 },
      message: `档号 ${item.archiveNo}：追加文件「${input.file.fileName}」`,
    });
    return { id: file.id };
  },
});

/** 全宗号, 门类代码 and the 档号 rule. Numbers already given keep their 档号; new series start at 1. */
export const saveArchiveSettings = defineMutation({
  name: '设置档号规则',
  permission: 'archive:manage',
  objectType: '档号规则',
  schema: ZArchiveSettings,
  async run(ctx, input) {
    const { tx, actor } = ctx;
    const before = await archiveNumbering(tx);
    const values = { fondsCode: input.fondsCode, classCode: input.classCode, template: input.template };
    for (const [key, value] of Object.entries(values)) {
      await tx.delete(archiveSettings).where(eq(archiveSettings.key, key));
      await tx.insert(archiveSettings).values({ key, value, updatedBy: actor.userId });
    }
    await ctx.audit({
      action: '设置档号规则',
      objectType: '档号规则',
      objectId: 'archive-numbering',
      before: { fondsCode: before.fondsCode, classCode: before.classCode, template: before.template },
      after: values,
      message: `档号规则：${input.template}（全宗号 ${input.fondsCode}，门类代码 ${input.classCode}）`,
    });
    return values;
  },
});

/** 完整性检查 from the page: every archive file re-hashed; the check and what it found are kept. */
export const runArchiveCheck = defineMutation({
  name: '档案完整性检查',
  permission: 'archive:manage',
  objectType: '档案完整性检查',
  schema: z.object({}).strict(),
  async run(ctx) {
    const { tx, actor } = ctx;
    const result = await verifyArchiveFiles(tx as unknown as Db, { via: '页面', checkedBy: actor.userId });
    await ctx.audit({
      action: '档案完整性检查',
      objectType: '档案完整性检查',
      objectId: result.id,
      before: null,
      after: { filesChecked: result.filesChecked, missing: result.missing, altered: result.altered },
      message: result.missing + result.altered === 0 ? `检查 ${result.filesChecked} 个档案文件，全部完好` : `检查 ${result.filesChecked} 个档案文件：缺失 ${result.missing} 个，被篡改 ${result.altered} 个`,
    });
    return { id: result.id, filesChecked: result.filesChecked, missing: result.missing, altered: result.altered };
  },
});
