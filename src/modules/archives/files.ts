import 'server-only';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/platform/action';
import type { Db } from '@/platform/db/client';
import { appendAuditStandalone } from '@/platform/audit/write';
import { getLogger } from '@/platform/logger';
import { sm3Hex } from '@/platform/crypto/sm';
import { hasPermission, type PermissionHolder } from '@/platform/permissions/check';
import { storedFilePath } from '@/platform/storage/file-store';
import { fileBytesResponse, fileError, servesInline } from '@/platform/storage/file-response';
import { todayInShanghai } from '@/ui/format';
import { archiveItemFiles, archiveItems } from './schema';
import { activeLoanFor } from './loans';

export { archiveFileUrl } from './file-urls';

export const ALTERED_FILE_MESSAGE = '档案文件与归档时的摘要不符（可能已被篡改），已拒绝下载并记录，请联系档案管理员';
export const MISSING_FILE_MESSAGE = '档案文件内容缺失，已记录，请联系档案管理员';
const AUDIT_OBJECT = '档案文件';

/**
 * Who may ask for the bytes of an archived file: the 档案管理员 (archive:manage) reads any; a
 * borrower (archive:borrow) only the items of a loan 借阅中 within its period (activeLoanFor) —
 * decided here so every reader of archive files asks the same question.
 */
export function canReadArchiveFile(holder: PermissionHolder): 'any' | 'borrowed' | false {
  if (hasPermission(holder, 'archive:manage')) return 'any';
  return hasPermission(holder, 'archive:borrow') ? 'borrowed' : false;
}

export const NOT_BORROWED_MESSAGE = '该档案不在您的借阅中，或借阅已到期、已归还，请先申请借阅';

async function findArchiveFile(db: Db, id: string) {
  // A guessed id with NUL or other junk never reaches the query.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return null;
  const [file] = await db
    .select({ id: archiveItemFiles.id, itemId: archiveItemFiles.itemId, fileName: archiveItemFiles.fileName, mimeType: archiveItemFiles.mimeType, sm3: archiveItemFiles.sm3, archiveNo: archiveItems.archiveNo })
    .from(archiveItemFiles)
    .innerJoin(archiveItems, eq(archiveItems.id, archiveItemFiles.itemId))
    .where(eq(archiveItemFiles.id, id));
  return file ?? null;
}

type ArchiveFile = NonNullable<Awaited<ReturnType<typeof findArchiveFile>>>;

/** The stored bytes, or what is wrong with them: the caller must tell a lost file from an altered one. */
async function readChecked(sm3: string): Promise<{ data: Buffer } | { problem: 'missing' | 'altered' }> {
  let data: Buffer;
  try {
    data = await readFile(storedFilePath(sm3));
  } catch {
    return { problem: 'missing' };
  }
  return sm3Hex(data) === sm3 ? { data } : { problem: 'altered' };
}

const describe = (file: ArchiveFile) => `档号 ${file.archiveNo}「${file.fileName}」`;

function audit(db: Db, actor: Actor, file: ArchiveFile, action: string, result: '成功' | '拒绝', message: string): Promise<void> {
  return appendAuditStandalone(db, {
    userId: actor.userId,
    username: actor.username,
    roleNames: actor.roleNames,
    action,
    objectType: AUDIT_OBJECT,
    objectId: file.id,
    result,
    message,
    ip: actor.ip,
    requestId: actor.requestId,
  });
}

/** A lost or altered file is refused, recorded and logged: nobody receives bytes the archive no longer vouches for. */
async function refuse(db: Db, actor: Actor, file: ArchiveFile, problem: 'missing' | 'altered'): Promise<Response> {
  const altered = problem === 'altered';
  getLogger().warn({ fileId: file.id, sm3: file.sm3, problem, requestId: actor.requestId }, altered ? 'archive file altered: download refused' : 'archive file missing: download refused');
  await audit(
    db,
    actor,
    file,
    altered ? '拒绝下载被篡改的档案文件' : '拒绝下载缺失的档案文件',
    '拒绝',
    `${describe(file)}${altered ? '的内容与归档时的 SM3 摘要不符' : '的内容在文件库中缺失'}，已拒绝下载`,
  );
  return altered ? fileError(409, ALTERED_FILE_MESSAGE) : fileError(404, MISSING_FILE_MESSAGE);
}

/**
 * GET /api/archives/files/<id>: 401 signed out, 403 for whoever may not read archive files — and for
 * a borrower, for any file not in a current loan of theirs (an unknown id included: nothing is told
 * about files one may not read) — 404 for an unknown id (archivist); then the bytes are checked
 * against the digest registered when they were archived (409 altered, 404 lost, both audited), and
 * every view and download served is audited, with the loan it was served under. `today` is the
 * Asia/Shanghai date (a parameter for tests).
 */
export async function archiveFileResponse(db: Db, actor: Actor | null, id: string, opts: { download?: boolean } = {}, today = todayInShanghai()): Promise<Response> {
  if (!actor) return fileError(401, '登录已失效，请重新登录');
  const reader = canReadArchiveFile(actor);
  if (!reader) return fileError(403, '您没有查看档案文件的权限');
  const file = await findArchiveFile(db, id);
  const loan = file && reader === 'borrowed' ? await activeLoanFor(db, actor.userId, file.itemId, today) : null;
  if (reader === 'borrowed' && !loan) return fileError(403, NOT_BORROWED_MESSAGE);
  if (!file) return fileError(404, '文件不存在或已被删除');
  const read = await readChecked(file.sm3);
  if ('problem' in read) return refuse(db, actor, file, read.problem);
  const inline = servesInline(file.mimeType, opts);
  const via = loan ? `（借阅至 ${loan.untilDate}）` : '';
  await audit(db, actor, file, inline ? '查看档案文件' : '下载档案文件', '成功', `${inline ? '查看' : '下载'}档案文件：${describe(file)}${via}`);
  return fileBytesResponse(file, read.data, { download: opts.download, noStore: true });
}
