import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { createParcel } from '../../src/modules/parcels/mutations';
import { createProject } from '../../src/modules/projects/mutations';
import { archiveItemFiles, archiveItems, archives } from '../../src/modules/archives/schema';
import { addArchiveItem, addArchiveItemFile, saveArchiveSettings } from '../../src/modules/archives/mutations';
import { syncArchives } from '../../src/modules/archives/store';
import { archiveIdOf, getArchive, searchItems } from '../../src/modules/archives/queries';
import { ZItemFilter } from '../../src/modules/archives/validation';
import { filesRoot } from '../../src/platform/storage/file-store';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';

let database: Database;
const db = (): Db => database.db;
let archivist: Actor;
let clerk: Actor;
let projectArchive: string;

const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const meta = (over: Record<string, unknown> = {}) => ({
  archiveId: projectArchive,
  stage: '收储',
  title: '收购协议',
  category: '合同协议',
  itemDate: '2026-03-15',
  department: '收储科',
  retention: '永久',
  secrecy: '内部',
  pageCount: '12',
  description: '与原土地使用权人签订',
  file: { fileName: '收购协议.pdf', bytes: PDF('协议') },
  ...over,
});

function storedFileCount(): number {
  let n = 0;
  for (const dir of readdirSync(filesRoot())) n += readdirSync(join(filesRoot(), dir)).length;
  return n;
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-archives-'));
  resetConfigCache();
  database = await createTestDatabase();
  archivist = await createActor(db(), ['archivist']);
  clerk = await createActor(db(), ['clerk']);
  const res = await createProject.execute(db(), await createActor(db(), ['chief']), { code: 'XM-DA-01', name: '档案测试项目', acquisitionRoute: '收购' });
  if (!res.ok) throw new Error(res.error);
  projectArchive = (await archiveIdOf(db(), '项目', res.data.id))!;
});
afterAll(async () => {
  await database?.close();
});

describe('一地一档: archives are made with their parcel or project', () => {
  it('a new project and a new parcel each get their archive in the same transaction', async () => {
    expect(projectArchive).toBeTruthy();
    const [project] = await db().select().from(reserveProjects).where(eq(reserveProjects.code, 'XM-DA-01'));
    const parcel = await createParcel.execute(db(), await createActor(db(), ['clerk']), {
      code: 'DK-DA-01',
      name: '档案测试地块',
      projectId: project.id,
      boundary: { type: 'Polygon', coordinates: [[[112.4, 28.55], [112.402, 28.55], [112.402, 28.552], [112.4, 28.552], [112.4, 28.55]]] },
    });
    expect(parcel.ok, JSON.stringify(parcel)).toBe(true);
    if (!parcel.ok) return;
    const id = await archiveIdOf(db(), '地块', parcel.data.id);
    const [row] = await db().select().from(archives).where(eq(archives.id, id!));
    expect(row).toMatchObject({ ownerType: '地块', ownerCode: 'DK-DA-01', title: 'DK-DA-01 档案测试地块 地块档案' });
  });

  it('syncArchives makes the missing ones (rows written by a script or before the module) and nothing twice', async () => {
    const [p] = await db().insert(reserveProjects).values({ code: 'XM-DA-SCRIPT', name: '脚本写入的项目', acquisitionRoute: '收购', status: 'active' }).returning({ id: reserveProjects.id });
    expect(await archiveIdOf(db(), '项目', p.id)).toBeNull();
    expect(await syncArchives(db())).toBe(1);
    expect(await archiveIdOf(db(), '项目', p.id)).toBe(`aj-${p.id}`);
    expect(await syncArchives(db())).toBe(0);
  });
});

describe('档案著录 and the 档号 (DA/T 22-2015)', () => {
  it('numbers items per 年度 and 保管期限 from 0001: Z001-WS·2026-Y-0001 …', async () => {
    const a = await addArchiveItem.execute(db(), archivist, meta());
    const b = await addArchiveItem.execute(db(), archivist, meta({ title: '补偿协议', file: { fileName: '补偿协议.pdf', bytes: PDF('补偿') } }));
    const c = await addArchiveItem.execute(db(), archivist, meta({ retention: '10年', title: '现场照片说明', file: { fileName: '说明.pdf', bytes: PDF('说明') } }));
    const d = await addArchiveItem.execute(db(), archivist, meta({ itemDate: '2025-12-30', title: '上年度请示', category: '请示报告', file: { fileName: '请示.pdf', bytes: PDF('请示') } }));
    expect([a, b, c, d].map((r) => (r.ok ? r.data.archiveNo : r.error))).toEqual(['Z001-WS·2026-Y-0001', 'Z001-WS·2026-Y-0002', 'Z001-WS·2026-D10-0001', 'Z001-WS·2025-Y-0001']);
  });

  it('concurrent 著录 get distinct, consecutive 件号', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => addArchiveItem.execute(db(), archivist, meta({ retention: '30年', title: `并发条目 ${i}`, file: { fileName: `并发${i}.pdf`, bytes: PDF(`并发${i}`) } }))),
    );
    const numbers = results.map((r) => (r.ok ? r.data.archiveNo : r.error)).sort();
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => `Z001-WS·2026-D30-000${i + 1}`));
  });

  it('the same file filed twice is stored once (SM3-addressed), named under both items', async () => {
    const before = storedFileCount();
    const bytes = PDF('同一份文件');
    const x = await addArchiveItem.execute(db(), archivist, meta({ title: '复印件甲', file: { fileName: '甲.pdf', bytes } }));
    const y = await addArchiveItem.execute(db(), archivist, meta({ title: '复印件乙', file: { fileName: '乙.pdf', bytes } }));
    expect(x.ok && y.ok).toBe(true);
    expect(storedFileCount()).toBe(before + 1);
    const rows = await db().select({ sm3: archiveItemFiles.sm3 }).from(archiveItemFiles).where(eq(archiveItemFiles.fileName, '甲.pdf'));
    const twins = await db().select({ n: count() }).from(archiveItemFiles).where(eq(archiveItemFiles.sm3, rows[0].sm3));
    expect(twins[0].n).toBe(2);
  });

  it('a further file joins the item; the item keeps its 档号', async () => {
    const r = await addArchiveItem.execute(db(), archivist, meta({ title: '多文件条目', file: { fileName: '正文.pdf', bytes: PDF('正文') } }));
    if (!r.ok) throw new Error(r.error);
    const more = await addArchiveItemFile.execute(db(), archivist, { itemId: r.data.id, file: { fileName: '附件.pdf', bytes: PDF('附件') } });
    expect(more.ok).toBe(true);
    const detail = await getArchive(db(), projectArchive);
    const item = detail!.stages.find((s) => s.stage === '收储')!.items.find((i) => i.id === r.data.id)!;
    expect(item.files.map((f) => f.fileName)).toEqual(['正文.pdf', '附件.pdf']);
    expect(item.archiveNo).toBe(r.data.archiveNo);
  });

  it('bad input: a clear Chinese message, nothing written, no number used up', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['path in the name', { file: { fileName: '../../etc/passwd.pdf', bytes: PDF('x') } }, /路径分隔符/],
      ['backslash in the name', { file: { fileName: 'C:\\scan.pdf', bytes: PDF('x') } }, /路径分隔符/],
      ['control character', { file: { fileName: 'a\u0007b.pdf', bytes: PDF('x') } }, /控制字符/],
      ['disguised type', { file: { fileName: '扫描件.pdf', bytes: new TextEncoder().encode('just text, not a pdf') } }, /不是 PDF、JPG、PNG 或 WebP/],
      ['program extension', { file: { fileName: '批复.pdf.exe', bytes: PDF('x') } }, /扩展名/],
      ['empty file', { file: { fileName: '空.pdf', bytes: new Uint8Array(0) } }, /空文件/],
      ['over the size', { file: { fileName: '大.pdf', bytes: new Uint8Array(11 * 1024 * 1024).fill(0x25) } }, /超过 10 MB/],
      ['no file', { file: null }, /请选择要上传的文件/],
      ['future date', { itemDate: '2999-01-01' }, /不能晚于今天/],
      ['impossible date', { itemDate: '2026-02-30' }, /有效日期/],
      ['unknown category', { category: '随便' }, /类别/],
      ['unknown retention', { retention: '5年' }, /保管期限/],
      ['page count', { pageCount: '-3' }, /页数/],
      ['unknown archive', { archiveId: 'nope' }, /档案不存在/],
    ];
    const before = await snapshotDb(db());
    for (const [name, over, message] of cases) {
      const r = await addArchiveItem.execute(db(), archivist, meta(over));
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(`${r.error} ${JSON.stringify(r.fieldErrors ?? {})}`, name).toMatch(message);
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
    const next = await addArchiveItem.execute(db(), archivist, meta({ itemDate: '2024-05-06', title: '编号未被占用' }));
    expect(next.ok && next.data.archiveNo).toBe('Z001-WS·2024-Y-0001');
  });

  it('only the 档案管理员 files items', async () => {
    const r = await addArchiveItem.execute(db(), clerk, meta());
    expect(r).toMatchObject({ ok: false, error: PERMISSION_DENIED });
  });
});

describe('档号规则 settings', () => {
  it('refuses a rule without 件号 at the end, or without 年度/保管期限, in Chinese', async () => {
    for (const [template, message] of [
      ['{fonds}-{year}-{retention}', /件号/],
      ['{seq:4}-{fonds}-{year}-{retention}', /最后/],
      ['{fonds}-{seq:4}', /年度/],
      ['{fonds}{year}-{retention}-{seq:4}', /分隔符/],
      ['{fonds}/{year}-{retention}-{seq:4}', /斜杠/],
    ] as const) {
      const r = await saveArchiveSettings.execute(db(), archivist, { fondsCode: 'J012', classCode: 'WS', template });
      expect(r.ok, template).toBe(false);
      if (!r.ok) expect(JSON.stringify(r), template).toMatch(message);
    }
    const r = await saveArchiveSettings.execute(db(), archivist, { fondsCode: 'J0 12', classCode: 'WS', template: '{fonds}-{year}-{retention}-{seq:4}' });
    expect(r.ok).toBe(false);
  });

  it('a new rule applies to the next item; numbers given keep theirs', async () => {
    const saved = await saveArchiveSettings.execute(db(), archivist, { fondsCode: 'J012', classCode: 'WS', template: '{fonds}-{class}·{year}-{retention}-{seq:5}' });
    expect(saved.ok).toBe(true);
    const r = await addArchiveItem.execute(db(), archivist, meta({ title: '新规则下的条目' }));
    expect(r.ok && r.data.archiveNo).toBe('J012-WS·2026-Y-00001');
    const [first] = await db().select().from(archiveItems).where(eq(archiveItems.archiveNo, 'Z001-WS·2026-Y-0001'));
    expect(first.title).toBe('收购协议');
  });
});

describe('archive search', () => {
  it('by owner code, text, retention, category and date range, paged', async () => {
    const base = ZItemFilter.parse({});
    const all = await searchItems(db(), base);
    expect(all.total).toBeGreaterThan(10);
    const byCode = await searchItems(db(), ZItemFilter.parse({ code: 'XM-DA-01' }));
    expect(byCode.total).toBe(all.total);
    expect((await searchItems(db(), ZItemFilter.parse({ code: 'DK-DA-01' }))).total).toBe(0);
    const text = await searchItems(db(), ZItemFilter.parse({ q: '补偿' }));
    expect(text.rows.map((r) => r.title)).toEqual(['补偿协议']);
    expect((await searchItems(db(), ZItemFilter.parse({ q: '与原土地' }))).total).toBeGreaterThan(0);
    expect((await searchItems(db(), ZItemFilter.parse({ q: '100%_' }))).total).toBe(0);
    const tenYears = await searchItems(db(), ZItemFilter.parse({ retention: '10年' }));
    expect(tenYears.rows.map((r) => r.archiveNo)).toEqual(['Z001-WS·2026-D10-0001']);
    expect((await searchItems(db(), ZItemFilter.parse({ category: '请示报告' }))).total).toBe(1);
    expect((await searchItems(db(), ZItemFilter.parse({ from: '2025-01-01', to: '2025-12-31' }))).rows.map((r) => r.title)).toEqual(['上年度请示']);
    const page2 = await searchItems(db(), ZItemFilter.parse({ size: '10', page: '2' }));
    expect(page2.rows.length).toBe(Math.min(10, all.total - 10));
  });
});
