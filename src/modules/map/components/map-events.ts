'use client';
import type { Map as MaplibreMap, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import { basemapIds, CLICKABLE_LAYERS, DISTRICT_FILL_OPACITY, LAYERS } from '../style';
import { POLYGON_MIN_ZOOM } from '../tiles/contract';
import type { MapLayerView } from '../layers/rules';
import { BASEMAP_PREFIX, type BasemapStyle } from '../layers/vector-style';

/**
 * Pointer on what can be clicked; a click on a parcel hands its id over, a click on a group
 * zooms in towards the polygons. Clicks are left alone while `active` says no (a tool is on).
 */
export function watchClicks(map: MaplibreMap, opts: { active: () => boolean; onParcel: (id: string) => void }): void {
  const hitAt = (e: MapMouseEvent) => map.queryRenderedFeatures(e.point, { layers: [...CLICKABLE_LAYERS] });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = hitAt(e).length ? 'pointer' : '';
  });
  map.on('click', (e) => {
    if (!opts.active()) return;
    const feature = hitAt(e)[0];
    if (!feature) return;
    const id = feature.properties?.id;
    if (feature.layer.id === LAYERS.parcelFill && typeof id === 'string' && id) {
      opts.onParcel(id);
    } else if (feature.layer.id === LAYERS.clusters) {
      map.easeTo({ center: e.lngLat, zoom: Math.min(POLYGON_MIN_ZOOM + 0.5, map.getZoom() + 3) });
    }
  });
}

/**
 * What the map does with maplibre's errors: a base map that cannot be used gives way to the
 * offline map (a refused style.json at once, an unreachable tile server after three failed
 * tiles), an unreachable overlay is said once, and the rest becomes a notice in Chinese.
 */
export function watchMapErrors(
  map: MaplibreMap,
  opts: {
    basemap: MapLayerView | null;
    /** The prepared style.json base map the map opened with (null: none, or not a style.json one). */
    basemapStyle: BasemapStyle | null;
    /** The style without the base map. */
    offlineStyle: () => StyleSpecification;
    /** The base map is off; the reason, when known, goes into the notice. */
    onBasemapFailed: (reason?: string) => void;
    onNotice: (notice: string) => void;
  },
): void {
  const { basemap } = opts;
  let basemapStyle = opts.basemapStyle;
  // A base map that cannot be reached (wrong address, no internet for 天地图) must not leave the
  // map blank: after a few failed tiles it is switched off and the offline map shown with a notice.
  let basemapFailures = 0;
  // maplibre refuses a whole style that breaks its specification (a fetched style.json can):
  // rather than a blank map, the offline map is loaded again without the base map.
  let styleLoaded = false;
  map.once('style.load', () => {
    styleLoaded = true;
  });
  map.on('error', (ev) => {
    const sourceId = (ev as { sourceId?: string }).sourceId;
    if (basemap?.styleUrl && !styleLoaded && !sourceId) {
      // One event per problem found: the first switches to the offline map, the rest are the same refusal.
      if (basemapStyle) {
        const message = ev.error instanceof Error ? ev.error.message : '';
        basemapStyle = null;
        map.setStyle(opts.offlineStyle(), { diff: false });
        opts.onBasemapFailed(`样式内容不符合 MapLibre 样式规范${message ? `（${message}）` : ''}`);
      }
      return;
    }
    if (basemap && sourceId?.startsWith(BASEMAP_PREFIX)) {
      basemapFailures++;
      if (basemapFailures === 3) {
        for (const id of basemapIds(basemap, basemapStyle)) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
        if (map.getLayer(LAYERS.districtFill)) map.setPaintProperty(LAYERS.districtFill, 'fill-opacity', DISTRICT_FILL_OPACITY.offline);
        opts.onBasemapFailed();
      }
      return;
    }
    if (sourceId?.startsWith('overlay-')) {
      opts.onNotice('叠加图层的服务无法访问，该图层暂不显示');
      return;
    }
    const err = ev.error as (Error & { status?: number }) | undefined;
    if (err?.status === 401) opts.onNotice('登录已失效，地图数据无法加载，请重新登录');
    else if (err?.status === 403) opts.onNotice('您没有查看地块的权限');
    else opts.onNotice('部分地图数据加载失败，已显示的内容可能不完整；请稍后刷新');
  });
}
