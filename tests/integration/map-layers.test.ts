import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { mapLayers } from '../../src/modules/map/layers/schema';
import { chooseBasemap, createLayer, deleteLayer, setOverlayEnabled, updateLayer } from '../../src/modules/map/layers/mutations';
import { getActiveMapLayers, listLayersForAdmin } from '../../src/modules/map/layers/queries';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let sysadmin: Actor;
let leader: Actor;
const db = () => database.db;
const KEY = 'abcdef0123456789abcdef0123456789';

beforeAll(async () => {
  database = await createTestDatabase();
  sysadmin = await createActor(db(), ['sysadmin']);
  leader = await createActor(db(), ['leader']);
});
afterAll(async () => {
  await database?.close();
});

async function create(input: Record<string, unknown>): Promise<string> {
  const res = await createLayer.execute(db(), sysadmin, input);
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

describe('map layers', () => {
  it('starts with no base map (the offline map) and no overlays', async () => {
    expect(await getActiveMapLayers(db())).toEqual({ basemap: null, overlays: [] });
  });

  it('registers base maps switched off, and choosing one switches the others off', async () => {
    const tdt = await create({ name: '天地图影像', kind: 'tianditu-img', role: 'basemap', apiKey: KEY });
    const xyz = await create({ name: '内网影像', kind: 'xyz-raster', role: 'basemap', url: 'http://10.1.2.3/t/{z}/{x}/{y}.png' });
    expect((await getActiveMapLayers(db())).basemap).toBeNull();
    expect((await chooseBasemap.execute(db(), sysadmin, { id: tdt })).ok).toBe(true);
    let active = await getActiveMapLayers(db());
    expect(active.basemap?.name).toBe('天地图影像');
    expect(active.basemap?.sources).toHaveLength(2);
    expect((await chooseBasemap.execute(db(), sysadmin, { id: xyz })).ok).toBe(true);
    active = await getActiveMapLayers(db());
    expect(active.basemap).toMatchObject({ name: '内网影像', sources: [{ tiles: ['http://10.1.2.3/t/{z}/{x}/{y}.png'] }] });
    expect((await chooseBasemap.execute(db(), sysadmin, { id: null })).ok).toBe(true);
    expect((await getActiveMapLayers(db())).basemap).toBeNull();
    const [last] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last.message).toBe('底图：内网影像 → 无（离线地图）');
  });

  it('never sends the key back or writes it to the audit log; an edit keeps the stored key when left empty', async () => {
    const rows = await listLayersForAdmin(db());
    const tdt = rows.find((r) => r.kind === 'tianditu-img')!;
    expect(tdt).toMatchObject({ hasKey: true });
    expect(JSON.stringify(rows)).not.toContain(KEY);
    const res = await updateLayer.execute(db(), sysadmin, { id: tdt.id, name: '天地图影像（新）', kind: 'tianditu-img', role: 'basemap', apiKey: '' });
    expect(res.ok).toBe(true);
    const stored = await db().select().from(mapLayers);
    expect(stored.find((r) => r.id === tdt.id)?.apiKey).toBe(KEY);
    const audits = await db().select({ diff: auditLog.diff }).from(auditLog);
    expect(audits.some((a) => (a.diff ?? '').includes(KEY))).toBe(false);
  });

  it('adds enabled overlays that can be switched off, and removes layers', async () => {
    const wms = await create({ name: '土地利用现状', kind: 'wms', role: 'overlay', url: 'http://10.1.2.3/geoserver/wms', wmsLayers: 'yiyang:landuse' });
    expect((await getActiveMapLayers(db())).overlays.map((o) => o.name)).toEqual(['土地利用现状']);
    expect((await setOverlayEnabled.execute(db(), sysadmin, { id: wms, enabled: false })).ok).toBe(true);
    expect((await getActiveMapLayers(db())).overlays).toEqual([]);
    expect((await deleteLayer.execute(db(), sysadmin, { id: wms })).ok).toBe(true);
    expect((await listLayersForAdmin(db())).some((r) => r.id === wms)).toBe(false);
  });

  it('refuses bad definitions with Chinese messages and saves nothing', async () => {
    const before = (await db().select().from(mapLayers)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '坏地址', kind: 'xyz-raster', role: 'basemap', url: 'http://x/{z}/{x}.png' }, '{y}'],
      [{ name: '无图层', kind: 'wms', role: 'overlay', url: 'http://x/wms' }, 'WMS 图层名'],
      [{ name: '无密钥', kind: 'tianditu-vec', role: 'basemap' }, '32 位十六进制'],
      [{ name: '', kind: 'xyz-raster', role: 'basemap', url: 'http://x/{z}/{x}/{y}' }, '请填写图层名称'],
    ];
    for (const [input, message] of cases) {
      const res = await createLayer.execute(db(), sysadmin, input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toContain(message);
    }
    expect((await db().select().from(mapLayers)).length).toBe(before);
    const overlayAsBase = await create({ name: '叠加', kind: 'xyz-raster', role: 'overlay', url: 'http://x/{z}/{x}/{y}.png' });
    const res = await chooseBasemap.execute(db(), sysadmin, { id: overlayAsBase });
    expect(res.ok).toBe(false);
  });

  it('registers a vector tile overlay (xyz-vector) with its source-layer names, and updates it', async () => {
    const id = await create({ name: '国土空间规划', kind: 'xyz-vector', role: 'overlay', url: 'http://10.1.2.3:8080/data/plan/{z}/{x}/{y}.pbf', sourceLayers: 'zoning, road', wmsLayers: 'ignored' });
    let overlay = (await getActiveMapLayers(db())).overlays.find((o) => o.id === id);
    expect(overlay).toEqual({
      id,
      name: '国土空间规划',
      sources: [{ type: 'vector', tiles: ['http://10.1.2.3:8080/data/plan/{z}/{x}/{y}.pbf'], maxzoom: 14 }],
      sourceLayers: ['zoning', 'road'],
    });
    const [stored] = await db().select().from(mapLayers).where(eq(mapLayers.id, id));
    expect(stored).toMatchObject({ sourceLayers: 'zoning,road', wmsLayers: null, enabled: true });
    expect((await listLayersForAdmin(db())).find((r) => r.id === id)).toMatchObject({ kind: 'xyz-vector', sourceLayers: 'zoning,road' });

    const res = await updateLayer.execute(db(), sysadmin, { id, name: '国土空间规划', kind: 'xyz-vector', role: 'overlay', url: 'http://10.1.2.3:8080/data/plan2/{z}/{x}/{y}.pbf', sourceLayers: 'zoning,road,poi' });
    expect(res.ok).toBe(true);
    overlay = (await getActiveMapLayers(db())).overlays.find((o) => o.id === id);
    expect(overlay?.sourceLayers).toEqual(['zoning', 'road', 'poi']);
    expect(overlay?.sources[0].tiles).toEqual(['http://10.1.2.3:8080/data/plan2/{z}/{x}/{y}.pbf']);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.objectId, id)).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit.action).toBe('修改地图图层');
    expect(JSON.parse(audit.diff!)).toMatchObject({ sourceLayers: { from: 'zoning,road', to: 'zoning,road,poi' } });
  });

  it('registers a style.json base map (vector-style): the map gets its address to fetch', async () => {
    const id = await create({ name: '内网矢量底图', kind: 'vector-style', role: 'basemap', url: 'http://10.1.2.3:8080/styles/basic/style.json', attribution: '忽略' });
    expect((await chooseBasemap.execute(db(), sysadmin, { id })).ok).toBe(true);
    expect((await getActiveMapLayers(db())).basemap).toEqual({ id, name: '内网矢量底图', sources: [], styleUrl: 'http://10.1.2.3:8080/styles/basic/style.json' });
    const res = await updateLayer.execute(db(), sysadmin, { id, name: '内网矢量底图', kind: 'vector-style', role: 'basemap', url: 'https://10.1.2.3/styles/bright/style.json' });
    expect(res.ok).toBe(true);
    expect((await getActiveMapLayers(db())).basemap?.styleUrl).toBe('https://10.1.2.3/styles/bright/style.json');
    const [stored] = await db().select().from(mapLayers).where(eq(mapLayers.id, id));
    expect(stored).toMatchObject({ kind: 'vector-style', role: 'basemap', enabled: true, attribution: null, sourceLayers: null });
    expect((await chooseBasemap.execute(db(), sysadmin, { id: null })).ok).toBe(true);
  });

  it('refuses bad vector layers with Chinese messages and writes nothing', async () => {
    const rowsBefore = await db().select().from(mapLayers).orderBy(mapLayers.id);
    const auditsBefore = (await db().select().from(auditLog)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '无图层名', kind: 'xyz-vector', role: 'overlay', url: 'http://x/{z}/{x}/{y}.pbf' }, '请填写矢量图层名'],
      [{ name: '坏图层名', kind: 'xyz-vector', role: 'overlay', url: 'http://x/{z}/{x}/{y}.pbf', sourceLayers: 'road;drop table' }, '矢量图层名「road;drop table」不正确'],
      [{ name: '缺占位符', kind: 'xyz-vector', role: 'basemap', url: 'http://x/{z}/{x}.pbf', sourceLayers: 'road' }, '{y}'],
      [{ name: '样式作叠加', kind: 'vector-style', role: 'overlay', url: 'http://x/style.json' }, '矢量瓦片样式只能作为底图'],
      [{ name: 'Mapbox', kind: 'vector-style', role: 'basemap', url: 'mapbox://styles/mapbox/streets-v12' }, 'mapbox://'],
      [{ name: '无类型', kind: 'mvt', role: 'basemap', url: 'http://x/style.json' }, '请选择图层类型'],
    ];
    for (const [input, message] of cases) {
      const res = await createLayer.execute(db(), sysadmin, input);
      expect(res.ok, JSON.stringify(input)).toBe(false);
      if (!res.ok) expect(res.error).toContain(message);
    }
    // An update that breaks a good layer is refused too, and the layer stays as it was.
    const good = rowsBefore.find((r) => r.kind === 'xyz-vector')!;
    const res = await updateLayer.execute(db(), sysadmin, { id: good.id, name: good.name, kind: 'xyz-vector', role: 'overlay', url: good.url, sourceLayers: '' });
    expect(res.ok).toBe(false);
    expect(await db().select().from(mapLayers).orderBy(mapLayers.id)).toEqual(rowsBefore);
    // Every refusal is audited as 失败 — the rule checks, the unknown kind that fails the input
    // schema (安全审计: failed validation) and the update — nothing as done.
    const audits = await db().select().from(auditLog).orderBy(auditLog.seq);
    expect(audits.slice(auditsBefore).map((a) => a.result)).toEqual(Array(cases.length + 1).fill('失败'));
  });

  it('is for the system administrator only', async () => {
    expect(await createLayer.execute(db(), leader, { name: 'x', kind: 'xyz-raster', role: 'overlay', url: 'http://x/{z}/{x}/{y}' })).toEqual({ ok: false, error: PERMISSION_DENIED });
  });
});

describe('audit trail', () => {
  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
