'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map-view.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap, VectorTileSource } from 'maplibre-gl';
import { Alert, MessagePlugin } from 'tdesign-react';
import { buildMapStyle, CLUSTER_BOX_IMAGE, clusterBoxImage, LAYERS, LOCAL_IDEOGRAPH_FONT_FAMILY, parcelTileUrl, selectedLayerFilter, SOURCES } from '../style';
import type { MapLayerView } from '../layers/rules';
import type { BasemapStyle } from '../layers/vector-style';
import { basemapNotice, loadBasemapStyle } from './basemap-loader';
import { watchClicks, watchMapErrors } from './map-events';
import { LayersPanel, mapLayerToggles, type LayerToggle } from './layers-panel';
import { MapTools, type TToolMode } from './map-tools';
import type { ExportNotes } from './export-png';
import { filterLine } from '../filter-summary';
import { EMPTY_FILTERS, MAX_ZOOM, MIN_ZOOM, mapFilterQuery, mapPageQuery, type BBox, type MapFilters, type MapViewState } from '../validation';
import type { SearchHit, ViewStatistics } from '../queries';
import { fetchJson } from './fetch-json';
import { MapFilterBar, type MapFilterOptions } from './map-filters';
import { MapLegend } from './map-legend';
import { MapSearch } from './map-search';
import { ParcelCard } from './parcel-card';
import { ViewStats } from './view-stats';
import { overlayPadding, overlayRects, type Padding } from './fit-padding';
import { EmptyView } from './empty-view';
import { useParcelCard } from './use-parcel-card';
import { fetchViewStats } from './view-query';

/** Delay after the map stops moving before the URL and the statistics follow. */
const URL_DEBOUNCE_MS = 400;
const STATS_DEBOUNCE_MS = 300;
/** Search results and clicks zoom to the parcel, but not closer than this. */
const FOCUS_MAX_ZOOM = 17;
/** What lies over the map: search box, tools, layers button, legend, maplibre's controls. */
const OVERLAY_SELECTOR = '.lr-map-search, .lr-map-tools, .lr-map-layers, .lr-map-legend, .maplibregl-ctrl-top-right, .maplibregl-ctrl-bottom-right';
export interface MapViewProps {
  filters: MapFilters;
  /** From the URL (`c`, `z`); null: fit `extent`. */
  view: MapViewState | null;
  /** The parcels the filters keep (else the districts): the opening view without `view`. */
  extent: BBox | null;
  options: MapFilterOptions;
  /** 地图图层: the chosen base map (null: offline) and the enabled overlays. */
  layers: { basemap: MapLayerView | null; overlays: MapLayerView[] };
  /** The user may register parcels (画地块 hands a drawn boundary to the new-parcel form). */
  canDraw: boolean;
  today: string;
}

type TMapState = 'loading' | 'moving' | 'idle';

/**
 * The battle map (挂图作战): maplibre in a client island with the offline style, filters,
 * legend, statistics of the view, click → card, and search → fly. The URL keeps centre, zoom and
 * filters (replaceState, debounced) so a link can be shared. Tools (measure, draw, print) and
 * the layers panel come later: they add controls to `mapRef` and panels to the side column.
 */
export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const filtersRef = useRef<MapFilters>(props.filters);
  const [filters, setFilters] = useState<MapFilters>(props.filters);
  const [zoom, setZoom] = useState<number>(props.view?.zoom ?? 10);
  const [basemapFailed, setBasemapFailed] = useState(false);
  // While a tool is active, clicks place points instead of opening parcel cards.
  const toolModeRef = useRef<TToolMode>('none');
  const [visible, setVisible] = useState<Record<string, boolean>>({ districts: true, parcels: true });
  const toggles = mapLayerToggles(props.layers.overlays);
  const toggleLayer = (t: LayerToggle, on: boolean) => {
    setVisible((cur) => ({ ...cur, [t.key]: on }));
    const map = mapRef.current;
    if (!map) return;
    for (const id of t.layerIds) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  };
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const { selectedId, selectedRef, card, loading: cardLoading, error: cardError, open: openCard, close: closeCard } = useParcelCard();

  const [stats, setStats] = useState<ViewStatistics | null>(null);
  const [statsLoading, setStatsLoading] = useState(false);
  const [statsError, setStatsError] = useState<string | null>(null);
  const statsAbort = useRef<AbortController | null>(null);
  const statsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const urlTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setMapState = (state: TMapState) => {
    if (containerRef.current) containerRef.current.dataset.mapState = state;
  };

  /** Writes centre, zoom and filters into the URL without a navigation. */
  const scheduleUrl = useCallback(() => {
    if (urlTimer.current) clearTimeout(urlTimer.current);
    urlTimer.current = setTimeout(() => {
      const map = mapRef.current;
      if (!map) return;
      const c = map.getCenter();
      const query = mapPageQuery({ lon: c.lng, lat: c.lat, zoom: map.getZoom() }, filtersRef.current);
      window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    }, URL_DEBOUNCE_MS);
  }, []);

  /** Re-reads the statistics of the visible area with the current filters. */
  const scheduleStats = useCallback(() => {
    if (statsTimer.current) clearTimeout(statsTimer.current);
    statsTimer.current = setTimeout(async () => {
      const map = mapRef.current;
      if (!map) return;
      statsAbort.current?.abort();
      const controller = new AbortController();
      statsAbort.current = controller;
      setStatsLoading(true);
      const result = await fetchViewStats(map, filtersRef.current, controller.signal);
      if (controller.signal.aborted) return;
      setStatsLoading(false);
      if (result.ok) {
        setStats(result.data);
        setStatsError(null);
      } else {
        setStatsError(result.error);
      }
    }, STATS_DEBOUNCE_MS);
  }, []);

  /** The padding that keeps fitted parcels clear of everything over the map. */
  const fitPadding = (): Padding | number => {
    const el = containerRef.current;
    const stage = el?.parentElement;
    if (!el || !stage) return 80;
    return overlayPadding({ width: el.clientWidth, height: el.clientHeight }, overlayRects(el, stage.querySelectorAll(OVERLAY_SELECTOR)));
  };

  const fitTo = (b: BBox, duration = 1200) => {
    mapRef.current?.fitBounds(
      [
        [b.minLon, b.minLat],
        [b.maxLon, b.maxLat],
      ],
      { padding: fitPadding(), maxZoom: FOCUS_MAX_ZOOM, duration },
    );
  };

  /** For the exported image: the active filters, and whether the view (asked afresh) holds none of their parcels. */
  const exportNotes = async (): Promise<ExportNotes> => {
    const f = filtersRef.current;
    const inView = mapRef.current ? await fetchViewStats(mapRef.current, f) : null;
    return { filters: filterLine(f, props.options), empty: inView?.ok && inView.data.total.count === 0 ? '视图内无符合条件的地块' : null };
  };

  const onPick = (hit: SearchHit) => {
    if (hit.bbox) fitTo(hit.bbox);
    void openCard(hit.id);
  };

  // Create the map once. maplibre is loaded in the browser only (it needs window and WebGL2).
  useEffect(() => {
    let disposed = false;
    let map: MaplibreMap | null = null;
    (async () => {
      // A style.json base map is fetched while maplibre loads; the map opens when both are there.
      const basemap = props.layers.basemap;
      const [maplibre, styleResult] = await Promise.all([import('maplibre-gl'), basemap?.styleUrl ? loadBasemapStyle(basemap.styleUrl) : null]);
      if (disposed || !containerRef.current) return;
      let basemapStyle: BasemapStyle | null = null;
      if (basemap && styleResult) {
        if (styleResult.ok) basemapStyle = styleResult.style;
        else {
          setBasemapFailed(true);
          setNotice(basemapNotice(basemap.name, styleResult.reason));
        }
      }
      const styleFor = (withBasemap: BasemapStyle | null) =>
        buildMapStyle({ origin: window.location.origin, filters: filtersRef.current, layers: { ...props.layers, basemapStyle: withBasemap }, projectCodes: props.options.projects.map((p) => p.code) });
      // The worker is served by the app (/api/map/worker) from the installed package.
      maplibre.setWorkerUrl(`${window.location.origin}/api/map/worker?v=${maplibre.getVersion()}`);
      const initial = props.view;
      try {
        map = new maplibre.Map({
          container: containerRef.current,
          style: styleFor(basemapStyle),
          center: initial ? [initial.lon, initial.lat] : [112.36, 28.55],
          zoom: initial ? initial.zoom : 9,
          minZoom: MIN_ZOOM,
          maxZoom: MAX_ZOOM,
          localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
          attributionControl: { compact: true },
          dragRotate: false,
        });
      } catch (e) {
        setFailure(`地图无法启动：${e instanceof Error && /webgl/i.test(e.message) ? '浏览器不支持 WebGL2，请使用新版 Chrome、Edge 或 Firefox' : '请刷新页面重试'}`);
        return;
      }
      mapRef.current = map;
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new maplibre.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
      if (!initial && props.extent) {
        // Fitted to the parcels the filters keep, clear of the overlays (measured now that the
        // controls are in), and written to the URL like any later view.
        fitTo(props.extent, 0);
        scheduleUrl();
      }
      setZoom(map.getZoom());
      setMapState('loading');

      map.on('movestart', () => setMapState('moving'));
      map.on('moveend', () => {
        setZoom(map!.getZoom());
        scheduleUrl();
        scheduleStats();
      });
      map.on('idle', () => setMapState('idle'));
      // The style has no sprite: the clusters' invisible collision box is made here (again after a setStyle).
      map.on('styleimagemissing', (e) => {
        if (e.id === CLUSTER_BOX_IMAGE && !map!.hasImage(CLUSTER_BOX_IMAGE)) map!.addImage(CLUSTER_BOX_IMAGE, clusterBoxImage());
      });
      map.on('load', () => scheduleStats());
      watchMapErrors(map, {
        basemap,
        basemapStyle,
        offlineStyle: () => styleFor(null),
        onBasemapFailed: (reason) => {
          setBasemapFailed(true);
          setNotice(basemapNotice(basemap!.name, reason));
        },
        onNotice: setNotice,
      });

      // Unless a tool is active: a parcel opens its card, a group zooms in.
      watchClicks(map, { active: () => toolModeRef.current === 'none', onParcel: (id) => void openCard(id) });
    })();
    return () => {
      disposed = true;
      if (urlTimer.current) clearTimeout(urlTimer.current);
      if (statsTimer.current) clearTimeout(statsTimer.current);
      statsAbort.current?.abort();
      map?.remove();
      mapRef.current = null;
    };
    // The map is created once per mount; later changes go through the refs and effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Filters: new tile URL, fresh statistics, URL; the card closes when they hide its parcel.
  useEffect(() => {
    filtersRef.current = filters;
    const map = mapRef.current;
    if (!map) return;
    const source = map.getSource(SOURCES.parcels) as VectorTileSource | undefined;
    source?.setTiles([parcelTileUrl(window.location.origin, filters)]);
    scheduleStats();
    scheduleUrl();
    const id = selectedRef.current;
    if (!id) return;
    const controller = new AbortController();
    const query = mapFilterQuery(filters);
    void fetchJson<{ matches: boolean }>(`/api/map/parcels/${encodeURIComponent(id)}/match${query ? `?${query}` : ''}`, controller.signal).then((r) => {
      if (controller.signal.aborted || !r.ok || r.data.matches || selectedRef.current !== id) return;
      closeCard();
      void MessagePlugin.info('所选地块不符合当前筛选条件，已关闭地块信息');
    });
    return () => controller.abort();
  }, [filters, scheduleStats, scheduleUrl, closeCard, selectedRef]);

  // Selection outline.
  useEffect(() => {
    const map = mapRef.current;
    if (map?.getLayer(LAYERS.parcelSelected)) map.setFilter(LAYERS.parcelSelected, selectedLayerFilter(selectedId));
  }, [selectedId]);

  return (
    <div className="lr-map-page">
      <div className="lr-map-toolbar">
        <MapFilterBar filters={filters} options={props.options} onChange={setFilters} />
      </div>
      <div className="lr-map-body">
        <div className="lr-map-stage">
          <div ref={containerRef} className="lr-map-canvas" data-testid="map-canvas" data-map-state="loading" aria-label="地块地图" role="region" />
          <MapSearch onPick={onPick} />
          {failure && (
            <div className="lr-map-overlay">
              <Alert theme="error" message={failure} />
            </div>
          )}
          {notice && !failure && (
            <div className="lr-map-notice">
              <Alert theme="warning" message={notice} close onClosed={() => setNotice(null)} />
            </div>
          )}
          {!failure && stats !== null && !statsLoading && stats.total.count === 0 && (
            <EmptyView filters={filters} names={props.options} onClear={() => setFilters(EMPTY_FILTERS)} onZoom={(extent) => fitTo(extent)} />
          )}
          <MapLegend zoom={zoom} />
          <MapTools mapRef={mapRef} modeRef={toolModeRef} canDraw={props.canDraw} today={props.today} exportNotes={exportNotes} />
          <LayersPanel
            toggles={toggles}
            visible={visible}
            onToggle={toggleLayer}
            basemap={props.layers.basemap ? `${props.layers.basemap.name}${basemapFailed ? '（无法加载，已切换为离线地图）' : ''}` : '无（离线地图）'}
          />
        </div>
        <aside className="lr-map-side" aria-label="地图信息">
          {(selectedId || card || cardError) && <ParcelCard card={card} loading={cardLoading} error={cardError} onClose={closeCard} />}
          <ViewStats stats={stats} loading={statsLoading} error={statsError} warnOnly={filters.warn} />
        </aside>
      </div>
    </div>
  );
}
