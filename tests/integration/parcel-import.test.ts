import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { previewBoundaryImport } from '../../src/modules/parcels/import/service';
import { importParcels } from '../../src/modules/parcels/import/mutations';
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

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
