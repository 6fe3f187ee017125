import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { mapLayers } from './schema';
import { layerProblems, layerView, type LayerInput, type MapLayerView, type TLayerKind, type TLayerRole } from './rules';

export interface LayerAdminRow {
  id: string;
  name: string;
  kind: TLayerKind;
  role: TLayerRole;
  url: string | null;
  wmsLayers: string | null;
  sourceLayers: string | null;
  hasKey: boolean;
  attribution: string | null;
  enabled: boolean;
}

type LayerRow = typeof mapLayers.$inferSelect;

/** A stored layer as the rules take it. */
function inputOf(r: LayerRow): LayerInput {
  return {
    name: r.name,
    kind: r.kind as TLayerKind,
    role: r.role as TLayerRole,
    url: r.url,
    wmsLayers: r.wmsLayers,
    sourceLayers: r.sourceLayers,
    apiKey: r.apiKey,
    attribution: r.attribution,
  };
}

/** All registered layers for the administration page (keys are never sent back, only whether one is set). */
export async function listLayersForAdmin(db: Db): Promise<LayerAdminRow[]> {
  const rows = await db.select().from(mapLayers).orderBy(asc(mapLayers.role), asc(mapLayers.sortOrder), asc(mapLayers.name));
  return rows.map((r) => {
    const { apiKey, ...shown } = inputOf(r);
    return { id: r.id, ...shown, hasKey: Boolean(apiKey), enabled: r.enabled };
  });
}

export type { MapLayerView } from './rules';

/**
 * What the map draws: the chosen base map (or null: the offline map) and the enabled overlays,
 * as maplibre sources (a style.json base map as its address: the browser fetches it). A
 * definition that no longer validates is left out (the map stays usable).
 */
export async function getActiveMapLayers(db: Db): Promise<{ basemap: MapLayerView | null; overlays: MapLayerView[] }> {
  const rows = await db.select().from(mapLayers).where(eq(mapLayers.enabled, true)).orderBy(asc(mapLayers.sortOrder), asc(mapLayers.name));
  const view = (r: LayerRow): MapLayerView | null => {
    const input = inputOf(r);
    return layerProblems(input).length ? null : layerView(r.id, input);
  };
  const basemapRow = rows.find((r) => r.role === 'basemap');
  return {
    basemap: basemapRow ? view(basemapRow) : null,
    overlays: rows.filter((r) => r.role === 'overlay').flatMap((r) => view(r) ?? []),
  };
}
