import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { getLogger } from '../../src/platform/logger';
import { auditLog } from '../../src/platform/audit/schema';
import { BUILTIN_ROLES } from '../../src/platform/permissions/catalog';
import { putFile, storedFileDigest, storedFilePath } from '../../src/platform/storage/file-store';
import { archiveChecks, archiveItemFiles, archiveItems, archives } from '../../src/modules/archives/schema';
import { DEFAULT_ARCHIVE_NO_TEMPLATE, formatArchiveNo } from '../../src/modules/archives/numbering';
import { latestArchiveCheck, verifyArchiveFiles } from '../../src/modules/archives/integrity';
import { ALTERED_FILE_MESSAGE, archiveFileResponse, canReadArchiveFile, NOT_BORROWED_MESSAGE } from '../../src/modules/archives/files';
import { archivesVerifyMain } from '../../scripts/lib/archives-verify';
import { useTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { browserRequest, sessionCookieFor, TEST_AUTH_SECRET, withRequest } from '../helpers/request-scope';

/*
 * 档案文件完整性 (issue 16 item 4): the check re-hashes every archived file from the file store,
 * and the download refuses (and audits) a file whose bytes no longer match the digest registered
 * when it was archived; every view and download that is served is audited too.
 */

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';
});
vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
// The real digest, counted: a stored file named by several items must be read once per check.
vi.mock('../../src/platform/storage/file-store', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/platform/storage/file-store')>();
  return { ...actual, storedFileDigest: vi.fn(actual.storedFileDigest) };
});

type Handler = (request: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

let database: Database;
const db = () => database.db;
let dataDir: string;
let archivist: Actor;
let clerk: Actor;
let archiveId: string;

beforeAll(async () => {
  expect(process.env.NEXTAUTH_SECRET).toBe(TEST_AUTH_SECRET);
  dataDir = mkdtempSync(join(tmpdir(), 'lr-archive-integrity-'));
  process.env.DATA_DIR = dataDir;
  resetConfigCache();
  database = await useTestDatabase();
  archivist = await createActor(db(), ['archivist']);
  clerk = await createActor(db(), ['clerk']);
  [{ id: archiveId }] = await db().insert(archives).values({ ownerType: '地块', ownerId: 'parcel-1', ownerCode: 'DK-001', title: 'DK-001 地块档案' }).returning({ id: archives.id });
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
/** An archived item (件) with its 档号 from the default rule. */
async function insertItem(title: string): Promise<{ id: string; archiveNo: string }> {
  const { series, archiveNo } = formatArchiveNo(DEFAULT_ARCHIVE_NO_TEMPLATE, { fonds: 'Z001', classCode: 'WS', year: 2026, retention: '永久' }, ++seq);
  const [row] = await db()
    .insert(archiveItems)
    .values({
      archiveId,
      stage: '收储',
      archiveNo,
      series,
      seq,
      year: 2026,
      title,
      category: '补偿资料',
      itemDate: '2026-03-01',
      department: '收储科',
      retention: '永久',
      secrecy: '内部',
      sourceType: '上传',
      acceptedBy: archivist.userId,
      acceptedByName: archivist.displayName,
      acceptedAt: new Date(),
    })
    .returning({ id: archiveItems.id });
  return { id: row.id, archiveNo };
}

/** The bytes stored in the file store (as the upload does) and named as a file of the item. */
async function addFile(itemId: string, fileName: string, mimeType: string, bytes: Buffer): Promise<{ id: string; sm3: string }> {
  const stored = await putFile(bytes);
  const [row] = await db().insert(archiveItemFiles).values({ itemId, fileName, mimeType, sizeBytes: stored.sizeBytes, sm3: stored.sm3 }).returning({ id: archiveItemFiles.id });
  return { id: row.id, sm3: stored.sm3 };
}

const files: Record<'good' | 'altered' | 'missing' | 'shared1' | 'shared2', { id: string; sm3: string; archiveNo: string; bytes: Buffer }> = {} as never;

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

async function get(actor: Actor | null, id: string, query = ''): Promise<Response> {
  const route = (await import('../../src/app/api/archives/files/[id]/route')) as unknown as { GET: Handler };
  const request = browserRequest(`/api/archives/files/${id}${query}`, { cookie: actor ? await sessionCookieFor(db(), actor.userId) : null });
  return withRequest(request, () => route.GET(request, { params: Promise.resolve({ id }) }));
}

describe('档案文件完整性检查', () => {
  it('finds nothing wrong while every stored file matches its digest, and records the check', async () => {
    const specs = [
      ['good', '征收补偿协议.pdf', 'application/pdf', '协议正文 %PDF-1.4 good'],
      ['altered', '评估报告.pdf', 'application/pdf', '评估报告 原件'],
      ['missing', '现场照片.png', 'image/png', '现场照片 字节'],
    ] as const;
    for (const [key, name, mime, text] of specs) {
      const item = await insertItem(name);
      const bytes = Buffer.from(text);
      files[key] = { ...(await addFile(item.id, name, mime, bytes)), archiveNo: item.archiveNo, bytes };
    }
    // Two items (a 公文 and the contract it approved) name the same scan: stored once.
    const shared = Buffer.from('同一份批复扫描件');
    for (const key of ['shared1', 'shared2'] as const) {
      const item = await insertItem(`批复 ${key}`);
      files[key] = { ...(await addFile(item.id, '批复.pdf', 'application/pdf', shared)), archiveNo: item.archiveNo, bytes: shared };
    }
    expect(files.shared1.sm3).toBe(files.shared2.sm3);

    const progress: [number, number][] = [];
    const r = await verifyArchiveFiles(db(), { via: '页面', checkedBy: archivist.userId, onProgress: (done, total) => progress.push([done, total]) });
    expect(r).toMatchObject({ filesChecked: 5, missing: 0, altered: 0, problems: [] });
    expect(progress.at(-1)).toEqual([5, 5]);
    const [row] = await db().select().from(archiveChecks).where(eq(archiveChecks.id, r.id));
    expect(row).toMatchObject({ via: '页面', checkedBy: archivist.userId, filesChecked: 5, missing: 0, altered: 0, problems: '[]' });
    expect(await latestArchiveCheck(db())).toMatchObject({ id: r.id, filesChecked: 5, problems: [] });
  });

  it('reports an overwritten file as 内容被篡改 and a deleted one as 文件缺失; a shared file is hashed once, reported for each item', async () => {
    writeFileSync(storedFilePath(files.altered.sm3), '被人替换过的内容');
    unlinkSync(storedFilePath(files.missing.sm3));
    writeFileSync(storedFilePath(files.shared1.sm3), '同一份批复扫描件（改）');
    const digest = vi.mocked(storedFileDigest);
    digest.mockClear();

    const r = await verifyArchiveFiles(db(), { via: '命令行', checkedBy: null });
    expect(r).toMatchObject({ filesChecked: 5, missing: 1, altered: 3 });
    expect(digest.mock.calls.filter(([sm3]) => sm3 === files.shared1.sm3)).toHaveLength(1);
    expect(digest).toHaveBeenCalledTimes(4);
    const reported = r.problems.map((p) => `${p.problem} ${p.archiveNo} ${p.fileName}`).sort();
    expect(reported).toEqual(
      [
        `内容被篡改 ${files.altered.archiveNo} 评估报告.pdf`,
        `文件缺失 ${files.missing.archiveNo} 现场照片.png`,
        `内容被篡改 ${files.shared1.archiveNo} 批复.pdf`,
        `内容被篡改 ${files.shared2.archiveNo} 批复.pdf`,
      ].sort(),
    );
    const latest = await latestArchiveCheck(db());
    expect(latest).toMatchObject({ id: r.id, via: '命令行', checkedBy: null, missing: 1, altered: 3 });
    expect(latest!.problems).toEqual(r.problems);
  });

  it('npm run archives:verify: the problems in Chinese and exit code 1; 0 once the files are restored', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const collect = { log: (l: string) => out.push(l), error: (l: string) => err.push(l) };
    expect(await archivesVerifyMain(db(), collect)).toBe(1);
    expect(err[0]).toMatch(/^档案文件完整性检查：检查文件 5 个，缺失 1 个，被篡改 3 个/);
    expect(err.filter((l) => l.startsWith('内容被篡改'))).toHaveLength(3);
    expect(err.find((l) => l.startsWith('文件缺失'))).toContain(`档号 ${files.missing.archiveNo}\t现场照片.png`);
    const [row] = await db().select().from(archiveChecks).orderBy(desc(archiveChecks.startedAt)).limit(1);
    expect(row).toMatchObject({ via: '命令行', missing: 1, altered: 3 });

    // Restored from the backup: the check passes again.
    for (const f of [files.missing, files.shared1]) {
      rmSync(storedFilePath(f.sm3), { force: true });
      await putFile(f.bytes);
    }
    const fixedOut: string[] = [];
    const altered = storedFilePath(files.altered.sm3);
    const tampered = Buffer.from('被人替换过的内容');
    rmSync(altered);
    await putFile(files.altered.bytes);
    expect(await archivesVerifyMain(db(), { log: (l) => fixedOut.push(l), error: (l) => fixedOut.push(l) })).toBe(0);
    expect(fixedOut).toHaveLength(1);
    expect(fixedOut[0]).toMatch(/检查文件 5 个，缺失 0 个，被篡改 0 个.*全部文件与归档时的 SM3 摘要一致/);
    // Tampered again for the download tests below; the missing one goes again too.
    writeFileSync(altered, tampered);
    unlinkSync(storedFilePath(files.missing.sm3));
  });
});

describe('档案文件下载：先校验摘要，每次查看、下载都记审计', () => {
  it('only archive:manage reads archive files (the catalogue permission alone does not)', () => {
    expect(canReadArchiveFile({ permissions: new Set(['archive:manage']) })).toBe('any');
    expect(canReadArchiveFile({ permissions: new Set(['archive:view', 'contract:view', 'document:view']) })).toBe(false);
    expect(canReadArchiveFile({ permissions: new Set(['archive:borrow']) })).toBe('borrowed');
    const holders = (code: string) => BUILTIN_ROLES.filter((r) => (r.permissions as readonly string[]).includes(code)).map((r) => r.code).sort();
    expect(holders('archive:manage')).toEqual(['archivist']);
    expect(holders('archive:view')).toEqual(['archivist', 'auditor', 'leader']);
  });

  it('serves a good file with its bytes and audits the view (inline) and the download', async () => {
    const res = await get(archivist, files.good.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(files.good.bytes);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline/);
    // Never from the browser's cache: each view comes back here and is audited.
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await lastAudit()).toMatchObject({
      action: '查看档案文件',
      objectType: '档案文件',
      objectId: files.good.id,
      result: '成功',
      userId: archivist.userId,
      message: `查看档案文件：档号 ${files.good.archiveNo}「征收补偿协议.pdf」`,
    });

    const dl = await get(archivist, files.good.id, '?download=1');
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(files.good.bytes);
    expect(await lastAudit()).toMatchObject({ action: '下载档案文件', objectId: files.good.id, result: '成功', message: `下载档案文件：档号 ${files.good.archiveNo}「征收补偿协议.pdf」` });
  });

  it('refuses an altered file with 409, records the refusal and logs it at warn', async () => {
    const warn = vi.spyOn(getLogger(), 'warn');
    const res = await get(archivist, files.altered.id, '?download=1');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: ALTERED_FILE_MESSAGE });
    expect(ALTERED_FILE_MESSAGE).toBe('档案文件与归档时的摘要不符（可能已被篡改），已拒绝下载并记录，请联系档案管理员');
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: '拒绝下载被篡改的档案文件', objectType: '档案文件', objectId: files.altered.id, result: '拒绝', userId: archivist.userId });
    expect(audit.message).toContain(files.altered.archiveNo);
    expect(audit.message).toContain('评估报告.pdf');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ fileId: files.altered.id, problem: 'altered' }), expect.any(String));
    warn.mockRestore();
  });

  it('refuses a missing file with 404 and records that too', async () => {
    const res = await get(archivist, files.missing.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain('档案文件内容缺失');
    expect(await lastAudit()).toMatchObject({ action: '拒绝下载缺失的档案文件', objectId: files.missing.id, result: '拒绝' });
  });

  it('401 signed out, 403 without archive:manage and without a loan of the item (refusal audited), 404 for an unknown id', async () => {
    const anon = await get(null, files.good.id);
    expect(anon.status).toBe(401);
    // A clerk may borrow (archive:borrow) but holds no loan of this item. (The leader's session
    // here is held at the 动态口令 enrolment, which leaves no business permission.)
    for (const actor of [clerk]) {
      const res = await get(actor, files.good.id);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toBe(NOT_BORROWED_MESSAGE);
      expect(await lastAudit()).toMatchObject({ result: '拒绝', userId: actor.userId, objectId: `GET /api/archives/files/${files.good.id}` });
    }
    for (const id of ['no-such-file', '../../etc/passwd', '']) {
      const res = await archiveFileResponse(db(), archivist, id);
      expect(res.status, id).toBe(404);
      expect((await res.json()).error).toBe('文件不存在或已被删除');
    }
  });
});

describe('档案文件完整性检查：大量文件', () => {
  it('walks the catalogue page by page, reads a digest once however many items name it, keeps the first 500 problems', async () => {
    const item = await insertItem('卷内大量照片');
    const bytes = Buffer.from('一张被许多条目引用的照片');
    const { sm3 } = await putFile(bytes);
    const many = 1_100;
    for (let i = 0; i < many; i += 250) {
      const rows = Array.from({ length: Math.min(250, many - i) }, (_, k) => ({ itemId: item.id, fileName: `照片${i + k + 1}.jpg`, mimeType: 'image/jpeg', sizeBytes: bytes.length, sm3, position: i + k }));
      await db().insert(archiveItemFiles).values(rows);
    }
    const digest = vi.mocked(storedFileDigest);
    digest.mockClear();
    const progress: number[] = [];
    const r = await verifyArchiveFiles(db(), { via: '命令行', checkedBy: null, onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ filesChecked: 5 + many, missing: 1, altered: 1 });
    expect(digest.mock.calls.filter(([d]) => d === sm3)).toHaveLength(1);
    // 1,105 rows in pages of 500: three pages, progress after each.
    expect(progress).toEqual([500, 1000, 5 + many]);

    writeFileSync(storedFilePath(sm3), '换掉了');
    const lines: string[] = [];
    expect(await archivesVerifyMain(db(), { log: (l) => lines.push(l), error: (l) => lines.push(l) })).toBe(1);
    const latest = await latestArchiveCheck(db());
    expect(latest).toMatchObject({ filesChecked: 5 + many, missing: 1, altered: 1 + many });
    expect(latest!.problems).toHaveLength(500);
    expect(lines.at(-1)).toBe(`另有 ${2 + many - 500} 个问题文件未逐一列出（只记录前 500 个）`);
  });
});
