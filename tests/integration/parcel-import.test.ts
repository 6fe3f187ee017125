import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { previewBoundaryImport } from '../../src/modules/parcels/import/service';
import { importParcels } from '../../src/modules/parcels/import/mutations';
import { updateSetting } from '../../src/modules/admin/settings/mutations';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';
import { buildMinistryText } from '../fixtures/geo-import/ministry-text';
import { PARCEL_ZONE_37, ringFromOffsets, type LonLat } from '../fixtures/geo-import/parcels';

let database: Database;
let projectId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  [{ id: projectId }] = await database.db
    .insert(reserveProjects)
    .values({ code: 'IMP-01', name: '导入测试项目', acquisitionRoute: '征收' })
    .returning({ id: reserveProjects.id });
});
afterAll(async () => {
  await database?.close();
});

const second: LonLat[][] = [ringFromOffsets(112.36, 28.552, [[0, 0], [150, 0], [150, 120], [0, 120]])];
const bytes = (text: string) => new TextEncoder().encode(text);

describe('batch boundary import', () => {
  it('previews a 部颁 file and imports every parcel at 拟收储 in one go', async () => {
    const text = buildMinistryText({
      zone: 37,
      withPrefix: true,
      parcels: [
        { code: 'BB-001', name: '龙岭一号地块', use: '住宅用地', rings: PARCEL_ZONE_37 },
        { code: 'BB-002', name: '龙岭二号地块', use: '商服用地', rings: second },
      ],
    });
    const preview = await previewBoundaryImport(database.db, 'boundary.txt', bytes(text), { codePrefix: 'IMP-01' });
    expect(preview.ok).toBe(true);
    expect(preview.features.map((f) => [f.code, f.districtName])).toEqual([
      ['BB-001', '赫山区'],
      ['BB-002', '赫山区'],
    ]);
    const clerk = await createActor(database.db, ['clerk']);
    const res = await importParcels.execute(database.db, clerk, { projectId, fileName: 'boundary.txt', preview });
    expect(res.ok).toBe(true);
    const rows = await database.db.select().from(parcels).where(inArray(parcels.code, ['BB-001', 'BB-002']));
    expect(rows.map((r) => r.stage)).toEqual(['拟收储', '拟收储']);
    expect(Number(rows.find((r) => r.code === 'BB-002')!.areaM2)).toBeCloseTo(18000, -1);
    const events = await database.db.select().from(parcelEvents).where(inArray(parcelEvents.parcelId, rows.map((r) => r.id)));
    expect(events).toHaveLength(2);
  });

  it('writes nothing when any parcel of the batch has a problem', async () => {
    const unclosed = second[0].slice(0, -1);
    const text = buildMinistryText({
      zone: 37,
      parcels: [
        { code: 'BB-101', name: '好地块', use: '住宅用地', rings: PARCEL_ZONE_37.map((r) => r.map(([x, y]): LonLat => [x + 0.01, y])) },
        { code: 'BB-102', name: '坏地块', use: '住宅用地', rings: [unclosed] },
      ],
    });
    const preview = await previewBoundaryImport(database.db, 'bad.txt', bytes(text), { codePrefix: 'IMP-01' });
    expect(preview.ok).toBe(false);
    expect(preview.features.find((f) => f.code === 'BB-102')?.problems.join('')).toMatch(/闭合/);
    const clerk = await createActor(database.db, ['clerk']);
    const res = await importParcels.execute(database.db, clerk, { projectId, fileName: 'bad.txt', preview });
    expect(res.ok).toBe(false);
    expect(await database.db.select().from(parcels).where(inArray(parcels.code, ['BB-101', 'BB-102']))).toHaveLength(0);
  });

  it('flags codes that already exist and files that are not boundary files', async () => {
    const text = buildMinistryText({ zone: 37, parcels: [{ code: 'BB-001', name: '重复', use: '住宅用地', rings: second }] });
    const dup = await previewBoundaryImport(database.db, 'dup.txt', bytes(text), { codePrefix: 'IMP-01' });
    expect(dup.ok).toBe(false);
    expect(dup.features[0].problems).toContain('地块编号 BB-001 已存在');
    const junk = await previewBoundaryImport(database.db, 'junk.bin', new Uint8Array([1, 2, 3, 250, 251]), { codePrefix: 'X' });
    expect(junk.ok).toBe(false);
    expect(junk.fileProblems.join('')).toMatch(/[\u4e00-\u9fa5]/);
    const finance = await createActor(database.db, ['finance']);
    expect(await importParcels.execute(database.db, finance, { projectId, fileName: 'dup.txt', preview: dup })).toEqual({
      ok: false,
      error: '您没有执行此操作的权限',
    });
    const [row] = await database.db.select({ n: parcels.code }).from(parcels).where(eq(parcels.code, 'BB-001'));
    expect(row.n).toBe('BB-001');
  });
});

describe('stated area against computed area', () => {
  const file = readFileSync(join(__dirname, '../fixtures/geo-import/ministry/zone38-prefix-hole.txt'), 'utf8');

  it('shows the stated area and the difference; within the threshold there is no warning', async () => {
    const preview = await previewBoundaryImport(database.db, 'zone38.txt', bytes(file), { codePrefix: 'IMP-01' });
    expect(preview.ok).toBe(true);
    expect(preview.areaDiffWarnPercent).toBe(0.5);
    const [f] = preview.features;
    expect(f).toMatchObject({ code: '430903-2026-021', districtName: '赫山区', statedAreaM2: '40249.00', warnings: [] });
    expect(Number(f.areaDiffM2)).toBeCloseTo(Number(f.areaM2) - 40249, 2);
    expect(Math.abs(Number(f.areaDiffPercent))).toBeLessThan(0.1);
  });

  it('warns on the row when the difference is above the threshold, and still imports', async () => {
    const edited = file.replace(',4.0249,', ',4.1249,');
    const preview = await previewBoundaryImport(database.db, 'zone38.txt', bytes(edited), { codePrefix: 'IMP-01' });
    const [f] = preview.features;
    expect(f.statedAreaM2).toBe('41249.00');
    expect(f.areaDiffPercent).toMatch(/^-2\.4\d$/);
    expect(f.warnings).toEqual([expect.stringMatching(/^计算面积与申报面积相差 -2\.4\d%（-1,0\d\d\.\d\d m²），超过预警值 0\.5%/)]);
    expect(f.problems).toEqual([]);
    expect(preview.ok).toBe(true);
    const clerk = await createActor(database.db, ['clerk']);
    expect((await importParcels.execute(database.db, clerk, { projectId, fileName: 'zone38.txt', preview })).ok).toBe(true);
  });

  it('takes the threshold from the system parameter', async () => {
    const admin = await createActor(database.db, ['sysadmin']);
    expect((await updateSetting.execute(database.db, admin, { key: 'import.areaDiffWarnPercent', value: '0.01' })).ok).toBe(true);
    try {
      const other = file.replace(/430903-2026-021/g, '430903-2026-099');
      const preview = await previewBoundaryImport(database.db, 'zone38.txt', bytes(other), { codePrefix: 'IMP-01' });
      expect(preview.areaDiffWarnPercent).toBe(0.01);
      expect(preview.features[0].warnings).toEqual([expect.stringContaining('超过预警值 0.01%')]);
    } finally {
      await updateSetting.execute(database.db, admin, { key: 'import.areaDiffWarnPercent', value: null });
    }
  });

  it('leaves the stated area empty for formats that state none', async () => {
    const geojson = JSON.stringify({ type: 'Feature', properties: { 地块编号: 'GJ-001' }, geometry: { type: 'Polygon', coordinates: second } });
    const preview = await previewBoundaryImport(database.db, 'a.geojson', bytes(geojson), { codePrefix: 'IMP-01' });
    expect(preview.features[0]).toMatchObject({ code: 'GJ-001', statedAreaM2: null, areaDiffM2: null, areaDiffPercent: null, warnings: [] });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
