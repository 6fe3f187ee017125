import 'server-only';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { Zip, ZipPassThrough } from 'fflate';
import { asc, inArray } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import { appendAuditStandalone } from '@/platform/audit/write';
import { sm3Hasher } from '@/platform/crypto/sm';
import type { Db } from '@/platform/db/client';
import { briefError, getLogger } from '@/platform/logger';
import { storedFilePath } from '@/platform/storage/file-store';
import { archiveItemFiles, archiveItems, archives } from './schema';
import { archiveNumbering } from './store';
import { buildManifest, problemList, safeSegment, uniqueName, type ManifestFile, type ManifestProblem } from './transfer-manifest';

/**
 * 移交包 (issue 16 item 7): one archive or a selection of archives / items as a zip, produced while
 * the browser downloads it — never built in memory. Layout (DA/T 22-2015):
 *
 *   <地块或项目编号>/<档号>/<原文件名>           the item's files (names de-duplicated per folder)
 *   归档文件目录.xlsx                             one sheet 「归档文件目录」, one row per item, with a
 *                                                 档案 column (the owner code) so any number of
 *                                                 archives fit one catalogue; rows grouped by archive
 *   manifest.json, manifest.xml                   全宗号, who and when, every file's path/size/SM3
 *   问题清单.txt                                  only when a stored file was missing or altered
 *
 * Each stored file is opened once and read twice as a stream (64 KB chunks): first to check its
 * SM3 against the digest it was registered with (a file that fails is left out and listed), then
 * into the zip while a second SM3 runs (the open handle is immune to a rename over the file; an
 * in-place change between the two reads is reported as 打包时文件被改动). The second read is
 * normally served from the page cache. The stream is pull-based: the next chunk is read only when
 * the consumer asks for one, so memory stays flat whatever the package size. fflate writes no
 * ZIP64, hence the 4 GB cap (MAX_TRANSFER_BYTES): larger transfers are made in several packages.
 */

export const MAX_TRANSFER_ARCHIVES = 500;
export const MAX_TRANSFER_ITEMS = 20_000;
/** Below the 4 GiB a ZIP without ZIP64 can address (leaves room for headers and the catalogue). */
export const MAX_TRANSFER_BYTES = 3_800 * 1024 * 1024;
const CHUNK = 64 * 1024;

export class TransferInputError extends Error {}

export interface TransferSelection {
  archiveIds: string[];
  /** When given: only these items (each must belong to one of archiveIds when those are given too). */
  itemIds: string[];
}

interface PlanItem {
  id: string;
  archiveId: string;
  archiveNo: string;
  seq: number;
  year: number;
  title: string;
  itemDate: string;
  department: string;
  retention: string;
  secrecy: string;
  pageCount: number | null;
  description: string | null;
  folder: string;
  files: { fileName: string; sizeBytes: number; sm3: string; path: string }[];
}

export interface TransferPlan {
  archives: { id: string; ownerType: string; ownerCode: string; title: string; folder: string; items: PlanItem[] }[];
  itemCount: number;
  fileCount: number;
  totalBytes: number;
}

const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** `a,b,c` → ids; a malformed one is refused in Chinese (TransferInputError). */
export function parseIdList(raw: string | null, label: string, max: number): string[] {
  if (raw === null || raw.trim() === '') return [];
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > max) throw new TransferInputError(`一次最多选择 ${max} 个${label}`);
  for (const id of ids) if (!ID.test(id)) throw new TransferInputError(`${label}标识无效`);
  return ids;
}

/** What the package will hold (also shown on /archives/transfer before it is made). */
export async function planTransfer(db: Db, sel: TransferSelection): Promise<TransferPlan> {
  if (sel.archiveIds.length === 0 && sel.itemIds.length === 0) throw new TransferInputError('请选择要移交的档案');
  let itemRows: (typeof archiveItems.$inferSelect)[] = [];
  let archiveIds = sel.archiveIds;
  if (sel.itemIds.length) {
    itemRows = await db.select().from(archiveItems).where(inArray(archiveItems.id, sel.itemIds));
    if (itemRows.length !== sel.itemIds.length) throw new TransferInputError('所选档案条目不存在或已被删除，请刷新后重试');
    if (archiveIds.length) {
      const allowed = new Set(archiveIds);
      if (itemRows.some((i) => !allowed.has(i.archiveId))) throw new TransferInputError('所选档案条目不属于所选档案');
    } else archiveIds = [...new Set(itemRows.map((i) => i.archiveId))];
  }
  const archiveRows = await db.select().from(archives).where(inArray(archives.id, archiveIds)).orderBy(asc(archives.ownerCode), asc(archives.ownerType));
  if (archiveRows.length !== archiveIds.length) throw new TransferInputError('所选档案不存在或已被删除，请刷新后重试');
  if (!sel.itemIds.length) {
    itemRows = archiveIds.length ? await db.select().from(archiveItems).where(inArray(archiveItems.archiveId, archiveIds)) : [];
  }
  if (itemRows.length > MAX_TRANSFER_ITEMS) throw new TransferInputError(`所选档案共 ${itemRows.length} 件，超过一次移交的上限 ${MAX_TRANSFER_ITEMS} 件，请分批生成`);
  const fileRows = itemRows.length
    ? await db
        .select({ itemId: archiveItemFiles.itemId, fileName: archiveItemFiles.fileName, sizeBytes: archiveItemFiles.sizeBytes, sm3: archiveItemFiles.sm3 })
        .from(archiveItemFiles)
        .where(inArray(archiveItemFiles.itemId, itemRows.map((i) => i.id)))
        .orderBy(asc(archiveItemFiles.position), asc(archiveItemFiles.createdAt), asc(archiveItemFiles.id))
    : [];
  const filesOf = new Map<string, typeof fileRows>();
  for (const f of fileRows) filesOf.set(f.itemId, [...(filesOf.get(f.itemId) ?? []), f]);

  const rootNames = new Set<string>(['归档文件目录.xlsx', 'manifest.json', 'manifest.xml', '问题清单.txt'].map((s) => s.toLowerCase()));
  let fileCount = 0;
  let totalBytes = 0;
  const plan: TransferPlan['archives'] = archiveRows.map((a) => {
    const wanted = safeSegment(a.ownerCode);
    const folder = uniqueName(rootNames.has(wanted.toLowerCase()) ? `${wanted}（${a.ownerType}）` : wanted, rootNames);
    const itemNames = new Set<string>();
    const items = itemRows
      .filter((i) => i.archiveId === a.id)
      .sort((x, y) => (x.archiveNo < y.archiveNo ? -1 : x.archiveNo > y.archiveNo ? 1 : 0))
      .map((i): PlanItem => {
        const itemFolder = uniqueName(i.archiveNo, itemNames);
        const fileNames = new Set<string>();
        const files = (filesOf.get(i.id) ?? []).map((f) => {
          fileCount++;
          totalBytes += f.sizeBytes;
          return { fileName: f.fileName, sizeBytes: f.sizeBytes, sm3: f.sm3, path: `${folder}/${itemFolder}/${uniqueName(f.fileName, fileNames)}` };
        });
        return { ...i, folder: itemFolder, files };
      });
    return { id: a.id, ownerType: a.ownerType, ownerCode: a.ownerCode, title: a.title, folder, items };
  });
  if (totalBytes > MAX_TRANSFER_BYTES) {
    throw new TransferInputError(`所选档案的文件共 ${(totalBytes / 1024 / 1024 / 1024).toFixed(2)} GB，超过单个移交包的上限 ${(MAX_TRANSFER_BYTES / 1024 / 1024 / 1024).toFixed(1)} GB，请分批生成`);
  }
  return { archives: plan, itemCount: itemRows.length, fileCount, totalBytes };
}

const yyyymmdd = (d: string) => d.replace(/-/g, '');

/** 归档文件目录 (DA/T 22-2015 §10.2 items, plus 保管期限 and the 档案 column). */
export async function catalogueXlsx(plan: TransferPlan, fondsCode: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('归档文件目录');
  sheet.columns = [
    { header: '档案', width: 16 },
    { header: '序号', width: 6 },
    { header: '档号', width: 26 },
    { header: '文号', width: 16 },
    { header: '责任者', width: 14 },
    { header: '题名', width: 40 },
    { header: '日期', width: 10 },
    { header: '密级', width: 8 },
    { header: '页数', width: 6 },
    { header: '保管期限', width: 9 },
    { header: '备注', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const a of plan.archives) {
    a.items.forEach((i, k) => {
      // 文号: the archive item does not record one (blank, as DA/T 22 allows when there is none).
      sheet.addRow([a.ownerCode, k + 1, i.archiveNo, null, i.department, i.title, yyyymmdd(i.itemDate), i.secrecy, i.pageCount, i.retention, i.description]);
    });
  }
  const info = workbook.addWorksheet('说明');
  info.columns = [{ width: 14 }, { width: 80 }];
  info.addRow(['全宗号', fondsCode]);
  info.addRow(['档案数', plan.archives.length]);
  info.addRow(['条目数', plan.itemCount]);
  info.addRow(['依据', 'DA/T 22-2015《归档文件整理规则》归档文件目录：序号、档号、文号、责任者、题名、日期、密级、页数、备注；另列档案（地块或项目编号）与保管期限']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** SM3 of the file behind `handle`, read from the start in chunks. */
async function digestOf(handle: FileHandle): Promise<{ sm3: string; size: number }> {
  const hash = sm3Hasher();
  let size = 0;
  for await (const chunk of createReadStream('', { fd: handle, start: 0, autoClose: false, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sm3: hash.digest('hex'), size };
}

export interface TransferSummary {
  archiveCodes: string[];
  itemCount: number;
  fileCount: number;
  bytes: number;
  problems: ManifestProblem[];
}

/**
 * The package as a pull-based web stream. When it has been read to the end, the transfer is
 * audited (生成移交包: archives, item / file counts, bytes, problems); a download broken off is
 * audited as 失败. `onDone` (tests, benchmark) receives the summary.
 */
export function transferStream(db: Db, actor: Actor, plan: TransferPlan, opts: { now?: Date; onDone?: (s: TransferSummary) => void } = {}): ReadableStream<Uint8Array> {
  const generatedAt = opts.now ?? new Date();
  const codes = plan.archives.map((a) => a.ownerCode);
  const audit = async (result: '成功' | '失败', message: string) => {
    try {
      await appendAuditStandalone(db, {
        userId: actor.userId,
        username: actor.username,
        roleNames: actor.roleNames,
        action: '生成移交包',
        objectType: '档案',
        objectId: plan.archives.map((a) => a.id).join(',').slice(0, 200),
        result,
        message: message.slice(0, 2000),
        ip: actor.ip,
        requestId: actor.requestId,
      });
    } catch (err) {
      getLogger().error({ error: briefError(err), requestId: actor.requestId }, 'audit write failed');
    }
  };

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const out: Uint8Array[] = [];
    let zipError: Error | null = null;
    const zip = new Zip((err, data) => {
      if (err) zipError = err;
      else if (data.length) out.push(data);
    });
    function* drain() {
      if (zipError) throw zipError;
      while (out.length) yield out.shift()!;
    }
    const addBytes = (name: string, bytes: Uint8Array) => {
      const entry = new ZipPassThrough(name);
      entry.mtime = generatedAt;
      zip.add(entry);
      entry.push(bytes, true);
    };

    const written: ManifestFile[] = [];
    const problems: ManifestProblem[] = [];
    let bytes = 0;
    for (const archive of plan.archives) {
      for (const item of archive.items) {
        for (const f of item.files) {
          let handle: FileHandle | null = null;
          try {
            handle = await open(storedFilePath(f.sm3), 'r').catch(() => null);
            if (!handle) {
              problems.push({ archiveNo: item.archiveNo, fileName: f.fileName, sm3: f.sm3, problem: '文件缺失' });
              continue;
            }
            const first = await digestOf(handle);
            if (first.sm3 !== f.sm3) {
              problems.push({ archiveNo: item.archiveNo, fileName: f.fileName, sm3: f.sm3, problem: `摘要不符（实际 SM3 ${first.sm3}）` });
              continue;
            }
            const entry = new ZipPassThrough(f.path);
            entry.mtime = generatedAt;
            zip.add(entry);
            const hash = sm3Hasher();
            let size = 0;
            for await (const chunk of createReadStream('', { fd: handle, start: 0, autoClose: false, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
              hash.update(chunk);
              size += chunk.length;
              entry.push(chunk);
              yield* drain();
            }
            entry.push(new Uint8Array(0), true);
            yield* drain();
            const second = hash.digest('hex');
            if (second !== f.sm3) {
              problems.push({ archiveNo: item.archiveNo, fileName: f.fileName, sm3: f.sm3, problem: `打包时文件被改动，包内「${f.path}」不可信（实际 SM3 ${second}）` });
            } else {
              written.push({ path: f.path, archiveNo: item.archiveNo, fileName: f.fileName, sizeBytes: size, sm3: second });
              bytes += size;
            }
          } finally {
            await handle?.close();
          }
        }
      }
    }
    const fondsCode = (await archiveNumbering(db)).fondsCode;
    addBytes('归档文件目录.xlsx', new Uint8Array(await catalogueXlsx(plan, fondsCode)));
    yield* drain();
    const manifest = buildManifest({
      generatedAt,
      generatedBy: { username: actor.username, displayName: actor.displayName },
      fondsCode,
      archives: plan.archives.map((a) => ({ ownerType: a.ownerType, ownerCode: a.ownerCode, title: a.title, folder: a.folder, itemCount: a.items.length })),
      itemCount: plan.itemCount,
      files: written,
      problems,
    });
    const utf8 = new TextEncoder();
    addBytes('manifest.json', utf8.encode(manifest.json));
    addBytes('manifest.xml', utf8.encode(manifest.xml));
    if (problems.length) addBytes('问题清单.txt', utf8.encode('\ufeff' + problemList(problems, generatedAt)));
    zip.end();
    yield* drain();

    const summary: TransferSummary = { archiveCodes: codes, itemCount: plan.itemCount, fileCount: written.length, bytes, problems };
    const listed = codes.length > 20 ? `${codes.slice(0, 20).join('、')} 等 ${codes.length} 卷` : codes.join('、');
    const problemText = problems.length
      ? `；问题 ${problems.length} 个，未放入移交包：${problems.slice(0, 10).map((p) => `${p.archiveNo}「${p.fileName}」${p.problem}`).join('；')}`
      : '';
    await audit('成功', `生成移交包：档案 ${listed}，条目 ${plan.itemCount} 件，文件 ${written.length} 个，共 ${bytes} 字节${problemText}`);
    opts.onDone?.(summary);
  }

  const it = chunks();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const r = await it.next();
          if (r.done) controller.close();
          else controller.enqueue(r.value);
        } catch (e) {
          getLogger().error({ error: briefError(e), requestId: actor.requestId }, 'archive transfer failed');
          await audit('失败', `生成移交包出错：档案 ${codes.join('、').slice(0, 500)}`);
          controller.error(e);
        }
      },
      async cancel() {
        await it.return(undefined);
        await audit('失败', `移交包下载中断：档案 ${codes.join('、').slice(0, 500)}`);
      },
    },
    { highWaterMark: 1 },
  );
}
