import { mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { and, desc, eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { setDatabase } from '../../src/platform/db';
import { resetConfigCache } from '../../src/platform/config';
import { getActor } from '../../src/platform/run-action';
import { auditLog } from '../../src/platform/audit/schema';
import { storedFilePath } from '../../src/platform/storage/file-store';
import { createProject } from '../../src/modules/projects/mutations';
import { archiveItems } from '../../src/modules/archives/schema';
import { addArchiveItem, addArchiveItemFile } from '../../src/modules/archives/mutations';
import { archiveIdOf } from '../../src/modules/archives/queries';
import { expiredItems } from '../../src/modules/archives/retention';
import { planTransfer, transferStream } from '../../src/modules/archives/transfer';
import { GET } from '../../src/app/api/archives/transfer/route';
import { GET as exportExpired } from '../../src/app/api/archives/retention/export/route';
import { useTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

vi.mock('../../src/platform/run-action', () => ({ getActor: vi.fn() }));

let database: Database;
const db = (): Db => database.db;
let archivist: Actor;
let clerk: Actor;
let archiveA: string;
let archiveB: string;
const numbers: Record<string, string> = {};
const itemIds: Record<string, string> = {};

const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const sm3 = (b: Uint8Array) => createHash('sm3').update(b).digest('hex');

async function file(archiveId: string, key: string, over: Record<string, unknown> = {}) {
  const r = await addArchiveItem.execute(db(), archivist, {
    archiveId,
    stage: '收储',
    title: `题名${key}`,
    category: '合同协议',
    itemDate: '2026-03-15',
    department: '收储科',
    retention: '永久',
    secrecy: '内部',
    pageCount: '3',
    description: null,
    file: { fileName: `${key}.pdf`, bytes: PDF(key) },
    ...over,
  });
  if (!r.ok) throw new Error(r.error);
  numbers[key] = r.data.archiveNo;
  itemIds[key] = r.data.id;
  return r.data;
}

async function call(actor: Actor | null, query: string) {
  vi.mocked(getActor).mockResolvedValue(actor);
  return GET(new Request(`http://localhost/api/archives/transfer?${query}`));
}

async function unpack(res: Response) {
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-archive-transfer-'));
  resetConfigCache();
  database = await useTestDatabase();
  archivist = await createActor(db(), ['archivist']);
  clerk = await createActor(db(), ['clerk']);
  const chief = await createActor(db(), ['chief']);
  for (const code of ['XM-YJ-01', 'XM-YJ-02']) {
    const res = await createProject.execute(db(), chief, { code, name: `移交测试项目${code.slice(-1)}`, acquisitionRoute: '收购' });
    if (!res.ok) throw new Error(res.error);
  }
  archiveA = (await archiveIdOf(db(), '项目', (await projectId('XM-YJ-01'))))!;
  archiveB = (await archiveIdOf(db(), '项目', (await projectId('XM-YJ-02'))))!;
  await file(archiveA, 'a1');
  const a2 = await file(archiveA, 'a2', { retention: '30年', itemDate: '1990-06-01', title: '旧协议' });
  // Two files with the same name in one item: de-duplicated in its folder.
  const more = await addArchiveItemFile.execute(db(), archivist, { itemId: a2.id, file: { fileName: 'a2.pdf', bytes: PDF('a2 附件') } });
  if (!more.ok) throw new Error(more.error);
  await file(archiveA, 'a3', { retention: '10年', itemDate: '2010-01-05' });
  await file(archiveB, 'b1');
  await file(archiveB, 'bad', { file: { fileName: '被改动.pdf', bytes: PDF('原始内容') } });
  // The stored copy of `bad` is altered behind the system's back.
  writeFileSync(storedFilePath(sm3(PDF('原始内容'))), PDF('被篡改的内容'));
});

async function projectId(code: string): Promise<string> {
  const { reserveProjects } = await import('../../src/modules/parcels/schema');
  const [p] = await db().select({ id: reserveProjects.id }).from(reserveProjects).where(eq(reserveProjects.code, code));
  return p.id;
}

afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

describe('移交包', () => {
  it('archives → folders by owner code, items by 档号, files verified by SM3, catalogue and manifest at the root', async () => {
    const res = await call(archivist, `archives=${archiveA},${archiveB}`);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E7%A7%BB%E4%BA%A4%E5%8C%85-\d{4}-\d{2}-\d{2}\.zip/);
    const zip = await unpack(res);
    const names = Object.keys(zip).sort();
    expect(names).toEqual(
      [
        `XM-YJ-01/${numbers.a1}/a1.pdf`,
        `XM-YJ-01/${numbers.a2}/a2.pdf`,
        `XM-YJ-01/${numbers.a2}/a2 (2).pdf`,
        `XM-YJ-01/${numbers.a3}/a3.pdf`,
        `XM-YJ-02/${numbers.b1}/b1.pdf`,
        'manifest.json',
        'manifest.xml',
        '归档文件目录.xlsx',
        '问题清单.txt',
      ].sort(),
    );
    expect(numbers.a1).toContain('·');
    expect(strFromU8(zip[`XM-YJ-01/${numbers.a2}/a2 (2).pdf`])).toContain('a2 附件');

    const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as { 全宗号: string; 生成人: { 账号: string }; 文件: { 路径: string; 字节数: number; SM3: string }[]; 问题: { 档号: string; 问题: string }[] };
    expect(manifest.全宗号).toBe('Z001');
    expect(manifest.生成人.账号).toBe(archivist.username);
    expect(manifest.文件).toHaveLength(5);
    for (const f of manifest.文件) {
      expect(zip[f.路径], f.路径).toBeDefined();
      expect(sm3(zip[f.路径]), f.路径).toBe(f.SM3);
      expect(zip[f.路径].length).toBe(f.字节数);
    }
    expect(manifest.问题).toEqual([expect.objectContaining({ 档号: numbers.bad, 问题: expect.stringMatching(/摘要不符/) })]);
    const xml = strFromU8(zip['manifest.xml']);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<全宗号>Z001</全宗号>');
    for (const f of manifest.文件) expect(xml).toContain(`SM3="${f.SM3}"`);

    // The altered file is left out and listed.
    expect(names.some((n) => n.includes(numbers.bad) && n.endsWith('.pdf'))).toBe(false);
    const problems = strFromU8(zip['问题清单.txt']);
    expect(problems).toContain(numbers.bad);
    expect(problems).toContain('被改动.pdf');

    // 归档文件目录: one row per item (the altered one included: the item exists, its file is missing).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(zip['归档文件目录.xlsx']) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('归档文件目录')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['档案', '序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '保管期限', '备注']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.map((r) => r[2]).sort()).toEqual([numbers.a1, numbers.a2, numbers.a3, numbers.b1, numbers.bad].sort());
    const a2Row = rows.find((r) => r[2] === numbers.a2)!;
    expect(a2Row[0]).toBe('XM-YJ-01');
    expect(a2Row[6]).toBe('19900601');
    expect(a2Row[9]).toBe('30年');

    // Audited once, with what it held and the problem.
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, '生成移交包'), eq(auditLog.userId, archivist.userId))).orderBy(desc(auditLog.id)).limit(1);
    expect(entry.result).toBe('成功');
    expect(entry.message).toContain('XM-YJ-01、XM-YJ-02');
    expect(entry.message).toContain('条目 5 件，文件 5 个');
    expect(entry.message).toMatch(/问题 1 个/);
  });

  it('a selection of items: only those, in their archive folder; no 问题清单 when all files check', async () => {
    const zip = await unpack(await call(archivist, `items=${itemIds.a1},${itemIds.a3}`));
    expect(Object.keys(zip).sort()).toEqual([`XM-YJ-01/${numbers.a1}/a1.pdf`, `XM-YJ-01/${numbers.a3}/a3.pdf`, 'manifest.json', 'manifest.xml', '归档文件目录.xlsx'].sort());
  });

  it('bad ids: 400 in Chinese; an item outside the chosen archives is refused', async () => {
    for (const [query, message] of [
      ['', /请选择要移交的档案/],
      ['archives=../../etc', /档案标识无效/],
      ['archives=nope', /档案不存在/],
      ['items=nope', /档案条目不存在/],
      [`archives=${archiveB}&items=${itemIds.a1}`, /不属于所选档案/],
    ] as const) {
      const res = await call(archivist, query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error, query).toMatch(message);
    }
  });

  it('signed out → 401, without archive:manage → 403, both in Chinese and audited', async () => {
    const anon = await call(null, `archives=${archiveA}`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: string }).error).toMatch(/登录/);
    const denied = await call(clerk, `archives=${archiveA}`);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toBe('您没有生成档案移交包的权限');
    const refusals = await db().select().from(auditLog).where(and(eq(auditLog.action, '生成移交包'), eq(auditLog.result, '拒绝')));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals.some((r) => r.userId === clerk.userId)).toBe(true);
  });

  it('pull-based: nothing beyond the next chunk is produced until the reader asks', async () => {
    const plan = await planTransfer(db(), { archiveIds: [archiveA, archiveB], itemIds: [] });
    let done = false;
    const reader = transferStream(db(), archivist, plan, { onDone: () => (done = true) }).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    let chunks = 1;
    while (!(await reader.read()).done) chunks++;
    expect(done).toBe(true);
    expect(chunks).toBeGreaterThan(10);
  });

  it('a download broken off is audited as 失败', async () => {
    const res = await call(archivist, `archives=${archiveA}`);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, '生成移交包')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ result: '失败', message: expect.stringMatching(/下载中断/) });
  });
});

describe('到期鉴定', () => {
  it('lists 30年 / 10年 items past their period (year + N < current year), never 永久', async () => {
    const all = await expiredItems(db(), '2026-12-07');
    // a2: 1990 + 30 = 2020 < 2026 → expired; a3: 2010 + 10 = 2020 → expired; 永久 items never.
    expect(all.rows.map((r) => r.archiveNo).sort()).toEqual([numbers.a2, numbers.a3].sort());
    expect(all.rows.find((r) => r.archiveNo === numbers.a2)).toMatchObject({ year: 1990, endYear: 2020, ownerCode: 'XM-YJ-01' });
    // In 2020 the periods are still running (they end on 31 December 2020).
    expect((await expiredItems(db(), '2020-12-31')).total).toBe(0);
    expect((await expiredItems(db(), '2021-01-01')).total).toBe(2);
    expect((await expiredItems(db(), '2026-12-07', { retention: '10年' })).rows.map((r) => r.archiveNo)).toEqual([numbers.a3]);
    // Listing deletes nothing.
    const [still] = await db().select({ id: archiveItems.id }).from(archiveItems).where(eq(archiveItems.id, itemIds.a2));
    expect(still).toBeDefined();
  });

  it('the list exports to Excel for the 鉴定小组 (archive:manage), audited', async () => {
    vi.mocked(getActor).mockResolvedValue(archivist);
    const res = await exportExpired(new Request('http://localhost/api/archives/retention/export?retention=30年'));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.getWorksheet('到期档案')!;
    expect(sheet.rowCount).toBe(2);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([numbers.a2, '旧协议', '30年', 1990, 2020]);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, '导出到期档案清单')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ result: '成功', message: expect.stringContaining('导出 1 件到期档案') });
    vi.mocked(getActor).mockResolvedValue(clerk);
    expect((await exportExpired(new Request('http://localhost/api/archives/retention/export'))).status).toBe(403);
  });
});
