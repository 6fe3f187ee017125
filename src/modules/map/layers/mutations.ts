import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { mapLayers } from './schema';
import { LAYER_KINDS, LAYER_ROLES, layerProblems, normalizeLayer, type LayerInput } from './rules';
import { ZChooseBasemap, ZCreateLayer, ZLayerRef, ZSetOverlay, ZUpdateLayer } from './validation';

type LayerRow = typeof mapLayers.$inferSelect;

/** Audit snapshot: the key is never written, only whether there is one. */
const snapshot = (l: Pick<LayerRow, 'name' | 'kind' | 'role' | 'url' | 'wmsLayers' | 'sourceLayers' | 'apiKey' | 'attribution' | 'enabled'>) => ({
  name: l.name,
  kind: LAYER_KINDS[l.kind as keyof typeof LAYER_KINDS] ?? l.kind,
  usage: LAYER_ROLES[l.role as keyof typeof LAYER_ROLES] ?? l.role,
  url: l.url,
  wmsLayers: l.wmsLayers,
  sourceLayers: l.sourceLayers,
  apiKey: l.apiKey ? '（已设置）' : null,
  attribution: l.attribution,
  enabled: l.enabled,
});

function checkLayer(input: LayerInput): void {
  const problems = layerProblems(input);
  if (problems.length) fail(problems.join('；'), 'INVALID_INPUT');
}

async function loadLayer(tx: Tx, id: string): Promise<LayerRow> {
  const [row] = await tx.select().from(mapLayers).where(eq(mapLayers.id, id)).for('update');
  return row ?? fail('图层不存在或已被删除，请刷新后重试', 'NOT_FOUND');
}

export const createLayer = defineMutation({
  name: '新增地图图层',
  permission: 'setting:manage',
  objectType: '地图图层',
  schema: ZCreateLayer,
  async run(ctx, raw) {
    const input = normalizeLayer(raw);
    checkLayer(input);
    // A new base map is registered switched off: choosing it is a separate, deliberate step.
    const [row] = await ctx.tx
      .insert(mapLayers)
      .values({ ...input, enabled: input.role === 'overlay', createdBy: ctx.actor.userId })
      .returning();
    await ctx.audit({ action: '新增地图图层', objectType: '地图图层', objectId: row.id, before: null, after: snapshot(row), message: `新增${LAYER_ROLES[input.role]}「${input.name}」` });
    return { id: row.id };
  },
});

export const updateLayer = defineMutation({
  name: '修改地图图层',
  permission: 'setting:manage',
  objectType: '地图图层',
  schema: ZUpdateLayer,
  async run(ctx, input) {
    const { id, ...fields } = input;
    const before = await loadLayer(ctx.tx, id);
    const next = normalizeLayer({ ...fields, apiKey: fields.apiKey || before.apiKey });
    checkLayer(next);
    const [row] = await ctx.tx
      .update(mapLayers)
      .set({ ...next, enabled: next.role === before.role ? before.enabled : next.role === 'overlay' })
      .where(eq(mapLayers.id, id))
      .returning();
    await ctx.audit({ action: '修改地图图层', objectType: '地图图层', objectId: id, before: snapshot(before), after: snapshot(row), message: `修改地图图层「${row.name}」` });
    return { id };
  },
});

export const deleteLayer = defineMutation({
  name: '删除地图图层',
  permission: 'setting:manage',
  objectType: '地图图层',
  schema: ZLayerRef,
  async run(ctx, input) {
    const before = await loadLayer(ctx.tx, input.id);
    await ctx.tx.delete(mapLayers).where(eq(mapLayers.id, input.id));
    await ctx.audit({ action: '删除地图图层', objectType: '地图图层', objectId: input.id, before: snapshot(before), after: null, message: `删除地图图层「${before.name}」` });
    return { id: input.id };
  },
});

/** Chooses the base map (or none: the offline map). Every other base map is switched off. */
export const chooseBasemap = defineMutation({
  name: '选择底图',
  permission: 'setting:manage',
  objectType: '地图图层',
  schema: ZChooseBasemap,
  async run(ctx, input) {
    const { tx } = ctx;
    const chosen = input.id ? await loadLayer(tx, input.id) : null;
    if (chosen && chosen.role !== 'basemap') fail('只能选择用途为“底图”的图层', 'INVALID_INPUT');
    const [previous] = await tx.select().from(mapLayers).where(and(eq(mapLayers.role, 'basemap'), eq(mapLayers.enabled, true)));
    await tx
      .update(mapLayers)
      .set({ enabled: false })
      .where(chosen ? and(eq(mapLayers.role, 'basemap'), ne(mapLayers.id, chosen.id)) : eq(mapLayers.role, 'basemap'));
    if (chosen) await tx.update(mapLayers).set({ enabled: true }).where(eq(mapLayers.id, chosen.id));
    await ctx.audit({
      action: '选择底图',
      objectType: '地图图层',
      objectId: chosen?.id ?? null,
      before: { basemap: previous?.name ?? '无（离线地图）' },
      after: { basemap: chosen?.name ?? '无（离线地图）' },
      message: `底图：${previous?.name ?? '无（离线地图）'} → ${chosen?.name ?? '无（离线地图）'}`,
    });
    return { id: chosen?.id ?? null };
  },
});

export const setOverlayEnabled = defineMutation({
  name: '启用或停用叠加图层',
  permission: 'setting:manage',
  objectType: '地图图层',
  schema: ZSetOverlay,
  async run(ctx, input) {
    const before = await loadLayer(ctx.tx, input.id);
    if (before.role !== 'overlay') fail('底图请用“选择底图”切换', 'INVALID_INPUT');
    await ctx.tx.update(mapLayers).set({ enabled: input.enabled }).where(eq(mapLayers.id, input.id));
    await ctx.audit({ action: input.enabled ? '启用叠加图层' : '停用叠加图层', objectType: '地图图层', objectId: input.id, before: { enabled: before.enabled }, after: { enabled: input.enabled }, message: `${input.enabled ? '启用' : '停用'}叠加图层「${before.name}」` });
    return { id: input.id };
  },
});
