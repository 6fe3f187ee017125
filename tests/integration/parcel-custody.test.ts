import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { sm3Hex } from '../../src/platform/crypto/sm';
import { systemSettings } from '../../src/platform/settings/schema';
import { storedFilePath } from '../../src/platform/storage/file-store';
import { MAX_PHOTO_BYTES, sniffImageType } from '../../src/platform/storage/image-types';
import { todayInShanghai } from '../../src/ui/format';
import { attachments, custodyInspections, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { addDays } from '../../src/modules/parcels/rules';
import {
  addInspectionPhoto,
  createInspection,
  deleteInspectionPhoto,
  updateCustody,
  updateInspection,
} from '../../src/modules/parcels/custody/mutations';
import { getCustodyView, getLastInspectionOn, listInspections } from '../../src/modules/parcels/custody/queries';
import { attachmentResponse } from '../../src/modules/parcels/custody/file-response';
import { VERSION_CONFLICT } from '../../src/modules/parcels/custody/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let clerk: Actor;
let leader: Actor;
let auditadmin: Actor;
let dataDir: string;
const db = () => database.db;
const today = todayInShanghai();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-custody-'));
  process.env.DATA_DIR = dataDir;
  resetConfigCache();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  leader = await createActor(db(), ['leader']);
  auditadmin = await createActor(db(), ['auditadmin']);
});
afterAll(async () => {
  await database?.close();
});

let seq = 0;
async function insertParcel(stage: TStage = '已入库'): Promise<string> {
  seq++;
  const [project] = await db()
    .insert(reserveProjects)
    .values({ code: `CUS-P${seq}`, name: `管护测试项目${seq}`, acquisitionRoute: '收回' })
    .returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `CUS-${seq}`, name: `管护测试地块${seq}`, projectId: project.id, stage, stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return parcel.id;
}

async function parcelRow(id: string) {
  const [row] = await db().select().from(parcels).where(eq(parcels.id, id));
  return row;
}

async function lastAudit() {
  const [row] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

/** Minimal files carrying each format's magic bytes, made distinct by `tag`. */
const png = (tag: string, size = 64) => {
  const b = Buffer.alloc(size, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  Buffer.from(tag).copy(b, 16);
  return b;
};
const jpeg = (tag: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag), Buffer.from([0xff, 0xd9])]);
const webp = (tag: string) => Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.from(tag)]);

const custody = (parcelId: string, version: number, extra: Record<string, unknown> = {}) => ({
  parcelId,
  version,
  custodyMode: '委托',
  custodian: '赫山区龙岭街道办事处',
  tempUseStart: '',
  tempUseEnd: '',
  ...extra,
});

/** A temporary use as R17 asks it recorded: consent number, use, term, no permanent structures. */
const TEMP = {
  custodyMode: '临时利用',
  custodian: '益阳某停车管理有限公司',
  tempUseConsentNo: '益资规函〔2024〕3号',
  tempUsePurpose: '临时停车场',
  tempUseNoPermanent: true,
};

const inspection = (parcelId: string, extra: Record<string, unknown> = {}) => ({
  parcelId,
  inspectedOn: '2024-06-10',
  inspector: '王五',
  findings: '东侧围挡破损约 5 米\n有少量建筑垃圾',
  rectification: '',
  rectifiedOn: '',
  ...extra,
});

describe('custody settings', () => {
  it('saves mode and custodian, bumps the version, and refuses a stale form', async () => {
    const parcelId = await insertParcel();
    const res = await updateCustody.execute(db(), clerk, custody(parcelId, 1));
    expect(res).toEqual({ ok: true, data: { version: 2, warning: null } });
    expect(await parcelRow(parcelId)).toMatchObject({ custodyMode: '委托', custodian: '赫山区龙岭街道办事处', version: 2 });
    expect(await lastAudit()).toMatchObject({ action: '修改管护信息', objectType: '地块', objectId: parcelId });

    const stale = await updateCustody.execute(db(), clerk, custody(parcelId, 1, { custodyMode: '自管', custodian: '本中心' }));
    expect(stale).toEqual({ ok: false, error: VERSION_CONFLICT });
    expect(await parcelRow(parcelId)).toMatchObject({ custodyMode: '委托', version: 2 });
  });

  it('lets exactly one of two concurrent saves of the same version win', async () => {
    const parcelId = await insertParcel();
    const results = await Promise.all([
      updateCustody.execute(db(), clerk, custody(parcelId, 1, { custodian: '甲' })),
      updateCustody.execute(db(), clerk, custody(parcelId, 1, { custodian: '乙' })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: VERSION_CONFLICT }]);
    const winner = results.findIndex((r) => r.ok) === 0 ? '甲' : '乙';
    expect(await parcelRow(parcelId)).toMatchObject({ custodian: winner, version: 2 });
  });

  it('R17 临时利用: saves consent, use, term and no permanent structures; a term over two calendar years warns with its source', async () => {
    const parcelId = await insertParcel('前期开发');
    const res = await updateCustody.execute(db(), clerk, custody(parcelId, 1, { ...TEMP, tempUseStart: '2024-01-01', tempUseEnd: '2026-12-31' }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.warning?.message).toBe('临时利用期限（2024-01-01 至 2026-12-31）超过 2 年：自 2024-01-01 起最迟至 2026-01-01，超出 364 天。请缩短期限或按规定报批');
    expect(res.data.warning?.rule).toContain('国土资规〔2017〕17号');
    expect(res.data.warning?.rule).toContain('（待核实）');
    expect(res.data.warning?.rule).toContain('第二百零二条');
    expect(await parcelRow(parcelId)).toMatchObject({
      tempUseStart: '2024-01-01',
      tempUseEnd: '2026-12-31',
      tempUseConsentNo: '益资规函〔2024〕3号',
      tempUsePurpose: '临时停车场',
      tempUseNoPermanent: true,
      tempUseEndedOn: null,
      version: 2,
    });
    expect((await lastAudit()).message).toContain('超出 364 天');
    expect((await getCustodyView(db(), parcelId))?.tempUseWarning?.message).toContain('超出 364 天');

    // Exactly two years by the calendar (731 days across 2024-02-29) is within the limit.
    const twoYears = await updateCustody.execute(db(), clerk, custody(parcelId, 2, { ...TEMP, tempUseStart: '2024-01-01', tempUseEnd: '2026-01-01' }));
    expect(twoYears).toEqual({ ok: true, data: { version: 3, warning: null } });

    // The limit (in months) comes from the settings.
    await db().insert(systemSettings).values({ key: 'parcel.tempUseLimitMonths', value: '12', updatedAt: new Date() });
    const shorter = await updateCustody.execute(db(), clerk, custody(parcelId, 3, { ...TEMP, tempUseStart: '2024-02-29', tempUseEnd: '2025-03-01' }));
    expect(shorter.ok && shorter.data.warning?.message).toContain('超过 1 年：自 2024-02-29 起最迟至 2025-02-28，超出 1 天');
    const within = await updateCustody.execute(db(), clerk, custody(parcelId, 4, { ...TEMP, tempUseStart: '2024-02-29', tempUseEnd: '2025-02-28' }));
    expect(within).toEqual({ ok: true, data: { version: 5, warning: null } });
    await db().delete(systemSettings).where(eq(systemSettings.key, 'parcel.tempUseLimitMonths'));
  });

  it('ends a temporary use by choosing the mode after it and the actual end date; the record stays, a mistaken one can be cleared', async () => {
    const parcelId = await insertParcel();
    const term = { tempUseStart: '2024-03-01', tempUseEnd: '2025-12-31' };
    expect((await updateCustody.execute(db(), clerk, custody(parcelId, 1, { ...TEMP, ...term }))).ok).toBe(true);

    const noEnd = await updateCustody.execute(db(), clerk, custody(parcelId, 2, { ...TEMP, ...term, custodyMode: '自管', custodian: '本中心' }));
    expect(noEnd).toMatchObject({ ok: false, error: '改为「自管」须填写临时利用的实际结束日期（收回日期）；如为误录，请清空全部临时利用信息' });
    const before = await updateCustody.execute(db(), clerk, custody(parcelId, 2, { ...TEMP, ...term, custodyMode: '自管', custodian: '本中心', tempUseEndedOn: '2024-02-28' }));
    expect(before).toMatchObject({ ok: false, error: '实际结束日期（2024-02-28）不能早于开始日期（2024-03-01）' });

    const ended = await updateCustody.execute(db(), clerk, custody(parcelId, 2, { ...TEMP, ...term, custodyMode: '自管', custodian: '本中心', tempUseEndedOn: '2025-06-30' }));
    expect(ended).toEqual({ ok: true, data: { version: 3, warning: null } });
    expect(await parcelRow(parcelId)).toMatchObject({ custodyMode: '自管', tempUseConsentNo: '益资规函〔2024〕3号', tempUseStart: '2024-03-01', tempUseEndedOn: '2025-06-30' });
    expect(await lastAudit()).toMatchObject({ action: '结束临时利用', message: `地块 ${(await parcelRow(parcelId)).code}：临时利用于 2025-06-30 结束，改为自管` });

    const cleared = await updateCustody.execute(db(), clerk, custody(parcelId, 3, { custodyMode: '自管', custodian: '本中心' }));
    expect(cleared.ok).toBe(true);
    expect(await parcelRow(parcelId)).toMatchObject({ tempUseConsentNo: null, tempUsePurpose: null, tempUseStart: null, tempUseEnd: null, tempUseNoPermanent: null, tempUseEndedOn: null });
  });

  it('R17 不能影响土地供应: refuses a temporary use on a parcel already 可供应 (净地)', async () => {
    const parcelId = await insertParcel('可供应');
    const res = await updateCustody.execute(db(), clerk, custody(parcelId, 1, { ...TEMP, tempUseStart: '2025-01-01', tempUseEnd: '2025-06-30' }));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toContain('地块已转为可供应（净地），不能新设或继续临时利用');
      expect(res.error).toContain('国土资规〔2017〕17号');
      expect(res.fieldErrors).toEqual({ custodyMode: '地块已可供应，不能选择临时利用' });
    }
    expect(await parcelRow(parcelId)).toMatchObject({ custodyMode: null, version: 1 });
    expect((await updateCustody.execute(db(), clerk, custody(parcelId, 1))).ok).toBe(true);
  });

  it.each([
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '2024-04-30' }, '临时利用约定结束日期（2024-04-30）不能早于开始日期（2024-05-01）'],
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '' }, '临时利用须填写约定结束日期'],
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '2024-09-01', tempUseConsentNo: '' }, '临时利用须填写国土资源主管部门同意文件的文号'],
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '2024-09-01', tempUsePurpose: ' ' }, '请填写临时利用的用途'],
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '2024-09-01', tempUseNoPermanent: false }, '临时利用不得修建永久性建筑物：请确认已约定不修建永久性建筑物'],
    [{ ...TEMP, tempUseStart: '2024-05-01', tempUseEnd: '2024-09-01', tempUseEndedOn: '2024-08-01' }, '临时利用已结束的，请将管护方式改为自管或委托（临时利用记录保留）'],
    [{ custodyMode: '自管', tempUseStart: '2024-05-01', tempUseEnd: '2024-06-01' }, '临时利用须填写国土资源主管部门同意文件的文号'],
    [{ custodyMode: '出租' }, '请选择管护方式（自管、委托、临时利用）'],
    [{ custodian: '  ' }, '请填写管护单位或责任人'],
  ])('refuses %j', async (extra, message) => {
    const parcelId = await insertParcel();
    expect(await updateCustody.execute(db(), clerk, custody(parcelId, 1, extra))).toMatchObject({ ok: false, error: message });
    expect(await parcelRow(parcelId)).toMatchObject({ custodyMode: null, version: 1 });
  });

  it('refuses custody outside 已入库/前期开发/可供应 and without parcel:edit', async () => {
    const parcelId = await insertParcel('收储中');
    expect(await updateCustody.execute(db(), clerk, custody(parcelId, 1))).toEqual({
      ok: false,
      error: '地块当前为「收储中」，只有已入库、前期开发、可供应阶段的地块可以登记管护信息',
    });
    const other = await insertParcel();
    expect(await updateCustody.execute(db(), leader, custody(other, 1))).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await parcelRow(other)).toMatchObject({ version: 1, custodyMode: null });
  });
});

describe('inspections', () => {
  it('records an inspection and reports the last inspection date', async () => {
    const parcelId = await insertParcel('可供应');
    expect(await getLastInspectionOn(db(), parcelId)).toBeNull();
    const a = await createInspection.execute(db(), clerk, inspection(parcelId));
    const b = await createInspection.execute(db(), clerk, inspection(parcelId, { inspectedOn: '2024-07-10', rectification: '已修复围挡', rectifiedOn: '2024-07-12' }));
    expect(a.ok && b.ok).toBe(true);
    expect(await getLastInspectionOn(db(), parcelId)).toBe('2024-07-10');
    const list = await listInspections(db(), parcelId);
    expect(list.map((i) => i.inspectedOn)).toEqual(['2024-07-10', '2024-06-10']);
    expect(list[1].findings).toBe('东侧围挡破损约 5 米\n有少量建筑垃圾');
    expect(await lastAudit()).toMatchObject({ action: '登记管护巡查', result: '成功' });
  });

  it.each([
    [{ inspectedOn: addDays(today, 1) }, '巡查日期不能晚于今天'],
    [{ inspectedOn: '2024-02-30' }, '巡查日期应为有效日期（YYYY-MM-DD）'],
    [{ rectification: '已清理', rectifiedOn: '2024-06-09' }, '整改日期（2024-06-09）不能早于巡查日期（2024-06-10）'],
    [{ rectifiedOn: '2024-06-11' }, '已填写整改日期，请同时填写整改情况'],
    [{ rectification: '已清理', rectifiedOn: addDays(today, 3) }, '整改日期不能晚于今天'],
    [{ inspector: '' }, '请填写巡查人'],
  ])('refuses %j', async (extra, message) => {
    const parcelId = await insertParcel();
    expect(await createInspection.execute(db(), clerk, inspection(parcelId, extra))).toMatchObject({ ok: false, error: message });
    expect(await listInspections(db(), parcelId)).toHaveLength(0);
  });

  it.each(['拟收储', '收储中', '已供应', '终止'] as const)('refuses inspections while the parcel is %s', async (stage) => {
    const parcelId = await insertParcel(stage);
    expect(await createInspection.execute(db(), clerk, inspection(parcelId))).toEqual({
      ok: false,
      error: `地块当前为「${stage}」，只有已入库、前期开发、可供应阶段的地块可以登记管护巡查`,
    });
  });

  it('edits an inspection to add the rectification', async () => {
    const parcelId = await insertParcel();
    const created = await createInspection.execute(db(), clerk, inspection(parcelId));
    if (!created.ok) throw new Error(created.error);
    const res = await updateInspection.execute(db(), clerk, { ...inspection(parcelId), id: created.data.id, rectification: '围挡已修复', rectifiedOn: '2024-06-15' });
    expect(res.ok).toBe(true);
    const [row] = await db().select().from(custodyInspections).where(eq(custodyInspections.id, created.data.id));
    expect(row).toMatchObject({ rectification: '围挡已修复', rectifiedOn: '2024-06-15' });
    expect(JSON.parse((await lastAudit()).diff!)).toEqual({
      rectification: { from: null, to: '围挡已修复' },
      rectifiedOn: { from: null, to: '2024-06-15' },
    });
  });
});

describe('inspection photos', () => {
  async function newInspection(stage: TStage = '已入库') {
    const parcelId = await insertParcel(stage);
    const res = await createInspection.execute(db(), clerk, inspection(parcelId));
    if (!res.ok) throw new Error(res.error);
    return { parcelId, inspectionId: res.data.id };
  }
  const upload = (inspectionId: string, fileName: string, bytes: Uint8Array | null, actor: Actor = clerk) =>
    addInspectionPhoto.execute(db(), actor, { inspectionId, fileName, bytes });
  const photoRows = (inspectionId: string) => db().select().from(attachments).where(eq(attachments.ownerId, inspectionId));

  it('stores JPG, PNG and WebP by SM3 digest, with metadata, listed as thumbnails', async () => {
    const { parcelId, inspectionId } = await newInspection();
    const files = [
      ['东侧围挡.jpg', jpeg('a')],
      ['全景.png', png('b')],
      ['西侧.webp', webp('c')],
    ] as const;
    for (const [name, bytes] of files) {
      const res = await upload(inspectionId, name, bytes);
      expect(res).toMatchObject({ ok: true, data: { deduplicated: false } });
    }
    const rows = await photoRows(inspectionId);
    expect(rows.map((r) => [r.fileName, r.mimeType, r.ownerType, r.parcelId, r.uploadedBy])).toEqual([
      ['东侧围挡.jpg', 'image/jpeg', 'inspection', parcelId, clerk.userId],
      ['全景.png', 'image/png', 'inspection', parcelId, clerk.userId],
      ['西侧.webp', 'image/webp', 'inspection', parcelId, clerk.userId],
    ]);
    for (const [i, [, bytes]] of files.entries()) {
      const digest = sm3Hex(bytes);
      expect(rows[i]).toMatchObject({ sm3: digest, sizeBytes: bytes.length });
      expect(storedFilePath(digest)).toBe(join(dataDir, 'files', digest.slice(0, 2), digest));
      expect(existsSync(storedFilePath(digest))).toBe(true);
    }
    const [listed] = await listInspections(db(), parcelId);
    expect(listed.photos.map((p) => p.url)).toEqual(rows.map((r) => `/api/files/${r.id}`));
    expect(await lastAudit()).toMatchObject({ action: '上传巡查照片', objectId: rows[2].id });
  });

  it('recognises images by their bytes, not their names', async () => {
    const { inspectionId } = await newInspection();
    const fake = Buffer.from('%PDF-1.7 not an image');
    expect(await upload(inspectionId, '照片.jpg', fake)).toEqual({
      ok: false,
      error: '照片「照片.jpg」不是 JPG、PNG 或 WebP 图片（按文件内容识别，改扩展名无效）',
      fieldErrors: { bytes: '照片「照片.jpg」不是 JPG、PNG 或 WebP 图片（按文件内容识别，改扩展名无效）' },
    });
    const gif = Buffer.from('GIF89a........');
    expect((await upload(inspectionId, 'a.gif', gif)).ok).toBe(false);
    // A PNG named .txt is still a PNG.
    expect(await upload(inspectionId, 'scan.txt', png('z'))).toMatchObject({ ok: true });
    expect(sniffImageType(png('x'))).toBe('image/png');
    expect(await upload(inspectionId, 'empty.png', Buffer.alloc(0))).toMatchObject({ ok: false, error: '照片「empty.png」是空文件' });
    expect(await upload(inspectionId, 'none.png', null)).toMatchObject({ ok: false, error: '请选择要上传的照片' });
    expect(await photoRows(inspectionId)).toHaveLength(1);
  });

  it('refuses a photo over 10 MB and accepts one of exactly 10 MB', async () => {
    const { inspectionId } = await newInspection();
    const big = await upload(inspectionId, '大图.png', png('big', MAX_PHOTO_BYTES + 1));
    expect(big).toMatchObject({ ok: false, error: '照片「大图.png」超过 10 MB（10.0 MB）' });
    expect((await upload(inspectionId, '刚好.png', png('max', MAX_PHOTO_BYTES))).ok).toBe(true);
  });

  it('allows at most 9 photos per inspection', async () => {
    const { inspectionId } = await newInspection();
    for (let i = 0; i < 9; i++) expect((await upload(inspectionId, `p${i}.png`, png(`n${i}`))).ok).toBe(true);
    expect(await upload(inspectionId, 'p9.png', png('n9'))).toEqual({ ok: false, error: '每次巡查最多上传 9 张照片，本次巡查已有 9 张' });
    expect(await photoRows(inspectionId)).toHaveLength(9);
  });

  it('stores identical content once, and refuses it twice on the same inspection', async () => {
    const first = await newInspection();
    const second = await newInspection();
    const bytes = jpeg('same-content');
    expect(await upload(first.inspectionId, '现场1.jpg', bytes)).toMatchObject({ ok: true, data: { deduplicated: false } });
    expect(await upload(first.inspectionId, '现场1副本.jpg', bytes)).toEqual({
      ok: false,
      error: '照片「现场1副本.jpg」与本次巡查已上传的「现场1.jpg」内容相同，无需重复上传',
    });
    expect(await upload(second.inspectionId, '另一次.jpg', bytes)).toMatchObject({ ok: true, data: { deduplicated: true } });
    const digest = sm3Hex(bytes);
    const folder = join(dataDir, 'files', digest.slice(0, 2));
    expect(readdirSync(folder).filter((f) => f.startsWith(digest))).toEqual([digest]);
    const rows = await db().select().from(attachments).where(eq(attachments.sm3, digest));
    expect(rows).toHaveLength(2);
  });

  it('refuses photos outside custody stages and without parcel:edit; deletes a photo', async () => {
    const { parcelId, inspectionId } = await newInspection();
    expect(await upload(inspectionId, 'x.png', png('deny'), leader)).toEqual({ ok: false, error: PERMISSION_DENIED });
    const added = await upload(inspectionId, 'x.png', png('ok'));
    if (!added.ok) throw new Error(added.error);
    await db().update(parcels).set({ stage: '已供应' }).where(eq(parcels.id, parcelId));
    expect(await upload(inspectionId, 'y.png', png('late'))).toMatchObject({ ok: false, error: expect.stringContaining('地块当前为「已供应」') });
    expect(await deleteInspectionPhoto.execute(db(), clerk, { id: added.data.id })).toMatchObject({ ok: false });
    await db().update(parcels).set({ stage: '可供应' }).where(eq(parcels.id, parcelId));
    expect((await deleteInspectionPhoto.execute(db(), clerk, { id: added.data.id })).ok).toBe(true);
    expect(await photoRows(inspectionId)).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: '删除巡查照片', objectId: added.data.id });
  });

  it('serves a photo to holders of parcel:view with its type and UTF-8 file name', async () => {
    const { inspectionId } = await newInspection();
    const bytes = png('served');
    const res = await upload(inspectionId, '东侧 围挡(1).png', bytes);
    if (!res.ok) throw new Error(res.error);

    const ok = await attachmentResponse(db(), leader, res.data.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('content-disposition')).toBe(
      `inline; filename="__ __(1).png"; filename*=UTF-8''${encodeURIComponent('东侧 围挡').replace(/'/g, '%27')}%281%29.png`,
    );
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);

    const download = await attachmentResponse(db(), leader, res.data.id, { download: true });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect((await attachmentResponse(db(), null, res.data.id)).status).toBe(401);
    expect((await attachmentResponse(db(), auditadmin, res.data.id)).status).toBe(403);
    expect((await attachmentResponse(db(), leader, 'NOSUCHFILE')).status).toBe(404);
    expect((await attachmentResponse(db(), leader, '../../etc/passwd')).status).toBe(404);
    // A ledger voucher in the same table is not served here (it needs fund:view, on its own route).
    const [voucher] = await db()
      .insert(attachments)
      .values({ ownerType: 'ledger-entry', ownerId: 'X', fileName: 'v.png', mimeType: 'image/png', sizeBytes: 1, sm3: 'a'.repeat(64) })
      .returning({ id: attachments.id });
    expect((await attachmentResponse(db(), leader, voucher.id)).status).toBe(404);
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
