import { describe, expect, it } from 'vitest';
import { createExpression, featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { STAGES } from '../../src/modules/parcels/stages';
import { STAGE_COLORS, WARNING_COLORS } from '../../src/modules/map/tiles/colors';
import { POLYGON_MIN_ZOOM, TILE_LAYER } from '../../src/modules/map/tiles/contract';
import { basemapIds, buildMapStyle, CLUSTER_BOX_IMAGE, CLUSTER_MAX_RADIUS, clusterBoxImage, clusterCountText, FONT_STACK, LABEL_MIN_ZOOM, LAYERS, overlayIds, parcelTileUrl, selectedLayerFilter, SOURCES } from '../../src/modules/map/style';
import { EMPTY_FILTERS } from '../../src/modules/map/validation';
import type { MapLayerView } from '../../src/modules/map/layers/rules';
import { prepareBasemapStyle } from '../../src/modules/map/layers/vector-style';

const ORIGIN = 'http://intranet.example:3000';
const style = buildMapStyle({ origin: ORIGIN, filters: EMPTY_FILTERS });
const layer = (id: string) => style.layers.find((l) => l.id === id) as LayerSpecification & { paint?: Record<string, unknown>; layout?: Record<string, unknown>; filter?: FilterSpecification };

/** Evaluates a data-driven colour expression for a feature's properties, as "#rrggbb". */
function colourFor(expression: unknown, properties: Record<string, unknown>): string {
  const parsed = createExpression(expression, 'layers[0].paint.fill-color', { type: 'color', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 14 }, { type: 'Polygon', properties } as never) as { r: number; g: number; b: number };
  return `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** Evaluates a data-driven number expression for a point feature's properties. */
function numberFor(expression: unknown, properties: Record<string, unknown>): number {
  const parsed = createExpression(expression, 'layers[0].paint.circle-radius', { type: 'number', 'property-type': 'data-driven', expression: { interpolated: true, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom: 9 }, { type: 'Point', properties } as never) as number;
}

function matches(filter: FilterSpecification | undefined, type: 'Point' | 'Polygon', properties: Record<string, unknown>): boolean {
  if (!filter) return true;
  return featureFilter(filter, 'layers[0].filter').filter({ zoom: 14 }, { type: type === 'Point' ? 1 : 3, properties, geometry: [] } as never);
}

describe('the offline map style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('needs no outside resource: every source and the glyphs are on the app itself, no sprite', () => {
    const urls: string[] = [style.glyphs!];
    for (const source of Object.values(style.sources)) {
      if ('tiles' in source && source.tiles) urls.push(...source.tiles);
      if ('url' in source && source.url) urls.push(source.url);
      if ('data' in source && typeof source.data === 'string') urls.push(source.data);
    }
    expect(urls).toEqual([
      `${ORIGIN}/map/glyphs/{fontstack}/{range}.pbf`,
      `${ORIGIN}/api/map/districts`,
      `${ORIGIN}/api/tiles/parcels/{z}/{x}/{y}`,
    ]);
    expect(style.sprite).toBeUndefined();
    for (const l of style.layers) {
      const font = (l as { layout?: { 'text-font'?: string[] } }).layout?.['text-font'];
      if (font) expect(font, l.id).toEqual([FONT_STACK]);
    }
  });

  it('colours parcel polygons and clusters by stage with the shared palette', () => {
    for (const stage of STAGES) {
      expect(colourFor(layer(LAYERS.parcelFill).paint!['fill-color'], { stage })).toBe(STAGE_COLORS[stage]);
      expect(colourFor(layer(LAYERS.clusters).paint!['circle-color'], { stage, count: 3 })).toBe(STAGE_COLORS[stage]);
    }
  });

  it('outlines warnings in red or amber and only parcels with a warning', () => {
    const warning = layer(LAYERS.parcelWarning);
    expect(colourFor(warning.paint!['line-color'], { warn: 'red' })).toBe(WARNING_COLORS.red);
    expect(colourFor(warning.paint!['line-color'], { warn: 'amber' })).toBe(WARNING_COLORS.amber);
    expect(matches(warning.filter, 'Polygon', { warn: 'red' })).toBe(true);
    expect(matches(warning.filter, 'Polygon', { warn: 'amber' })).toBe(true);
    expect(matches(warning.filter, 'Polygon', { warn: '' })).toBe(false);
    expect(colourFor(layer(LAYERS.clusters).paint!['circle-stroke-color'], { warn: 'red' })).toBe(WARNING_COLORS.red);
  });

  it('labels clusters with their count, in 万 from ten thousand', () => {
    const parsed = createExpression(clusterCountText(), 'layers[0].layout.text-field', { type: 'string', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const label = (count: number) => String(parsed.value.evaluate({ zoom: 9 }, { type: 'Point', properties: { count } } as never));
    expect([1, 2, 9999, 10000, 12345, 100000].map(label)).toEqual(['', '2', '9999', '1万', '1.2万', '10万']);
    const layerText = (layer(LAYERS.clusterCount) as { layout: { 'text-field': unknown } }).layout['text-field'];
    expect(layerText).toEqual(clusterCountText());
  });

  it('draws polygons from the tiles’ polygon zoom, clusters below it, labels (code, name) from zoom 15', () => {
    for (const id of [LAYERS.parcelFill, LAYERS.parcelLine, LAYERS.parcelWarning, LAYERS.parcelLabel]) {
      const l = layer(id) as { source?: string; 'source-layer'?: string; minzoom?: number };
      expect(l.source).toBe(SOURCES.parcels);
      expect(l['source-layer']).toBe(TILE_LAYER);
      expect(l.minzoom).toBeGreaterThanOrEqual(POLYGON_MIN_ZOOM);
    }
    expect((layer(LAYERS.clusters) as { maxzoom?: number }).maxzoom).toBe(POLYGON_MIN_ZOOM);
    expect(matches(layer(LAYERS.clusters).filter, 'Point', { stage: '已入库', count: 2 })).toBe(true);
    expect(matches(layer(LAYERS.parcelFill).filter, 'Point', { stage: '已入库', count: 2 })).toBe(false);
    expect(LABEL_MIN_ZOOM).toBe(15);
    expect((layer(LAYERS.parcelLabel) as { minzoom?: number }).minzoom).toBe(15);
    expect(JSON.stringify(layer(LAYERS.parcelLabel).layout!['text-field'])).toContain('"code"');
    expect(JSON.stringify(layer(LAYERS.parcelLabel).layout!['text-field'])).toContain('"name"');
  });

  it('keeps district names off the group circles: the counts, placed first, claim each circle’s room, and the names take a free spot', () => {
    // maplibre places symbols from the top layer down: the counts before the district names,
    // while the circles themselves are drawn under the names.
    const order = style.layers.map((l) => l.id);
    expect(order.indexOf(LAYERS.clusters)).toBeLessThan(order.indexOf(LAYERS.districtLabel));
    expect(order.indexOf(LAYERS.districtLabel)).toBeLessThan(order.indexOf(LAYERS.clusterCount));
    const count = layer(LAYERS.clusterCount);
    const circles = layer(LAYERS.clusters);
    // Every group has its box, a single parcel's too, and the box is the circle's square.
    expect(count.filter).toEqual(circles.filter);
    expect(matches(count.filter, 'Point', { stage: '已入库', count: 1 })).toBe(true);
    expect(count.layout!['icon-image']).toBe(CLUSTER_BOX_IMAGE);
    for (const n of [1, 3, 40, 900, 20_000]) {
      const radius = numberFor(circles.paint!['circle-radius'], { count: n });
      expect(numberFor(count.layout!['icon-size'], { count: n }) * 2 * CLUSTER_MAX_RADIUS, `count ${n}`).toBeCloseTo(2 * radius, 6);
      expect(radius).toBeLessThanOrEqual(CLUSTER_MAX_RADIUS);
    }
    const image = clusterBoxImage();
    expect([image.width, image.height]).toEqual([2 * CLUSTER_MAX_RADIUS, 2 * CLUSTER_MAX_RADIUS]);
    expect(image.data.every((v) => v === 0)).toBe(true);
    // The boxes count in the placement (the counts themselves always show).
    expect(count.layout!['icon-ignore-placement']).toBeUndefined();
    expect(count.layout!['icon-allow-overlap']).toBe(true);
    expect(count.layout!['text-allow-overlap']).toBe(true);
    // A district name tries its seat, then spots around it farther than the largest circle.
    const district = layer(LAYERS.districtLabel).layout!;
    const anchors = district['text-variable-anchor-offset'] as (string | [number, number])[];
    expect(anchors.slice(0, 2)).toEqual(['center', [0, 0]]);
    const farthest = Math.max(...anchors.filter((a): a is [number, number] => Array.isArray(a)).map(([x, y]) => Math.hypot(x, y)));
    expect(farthest * 13).toBeGreaterThan(CLUSTER_MAX_RADIUS);
    expect(district['text-ignore-placement']).toBeUndefined();
    expect((layer(LAYERS.districtLabel).paint as Record<string, unknown>)['text-halo-width']).toBeGreaterThanOrEqual(2);
  });

  it('shows the district outlines, fills and names from the reference data', () => {
    expect(matches(layer(LAYERS.districtLine).filter, 'Polygon', { kind: 'area' })).toBe(true);
    expect(matches(layer(LAYERS.districtLabel).filter, 'Point', { kind: 'label' })).toBe(true);
    expect(matches(layer(LAYERS.districtLabel).filter, 'Polygon', { kind: 'area' })).toBe(false);
  });

  it('puts the filters into the tile URL', () => {
    expect(parcelTileUrl(ORIGIN, { stages: ['已入库', '拟收储'], district: '430903', warn: true })).toBe(
      `${ORIGIN}/api/tiles/parcels/{z}/{x}/{y}?stage=${encodeURIComponent('拟收储,已入库')}&district=430903&warn=1`,
    );
    const filtered = buildMapStyle({ origin: ORIGIN, filters: { stages: ['终止'], warn: false } });
    const source = filtered.sources[SOURCES.parcels] as { tiles: string[] };
    expect(source.tiles[0]).toBe(`${ORIGIN}/api/tiles/parcels/{z}/{x}/{y}?stage=${encodeURIComponent('终止')}`);
  });

  it('outlines only the selected parcel', () => {
    expect(matches(selectedLayerFilter('P1'), 'Polygon', { id: 'P1' })).toBe(true);
    expect(matches(selectedLayerFilter('P1'), 'Polygon', { id: 'P2' })).toBe(false);
    expect(matches(selectedLayerFilter(null), 'Polygon', { id: 'P1' })).toBe(false);
  });
});

describe('registered layers and the project layer', () => {
  it('puts the base map right above the background, overlays (hidden) under the parcels, and lightens the district fill over a base map', () => {
    const src = { type: 'raster' as const, tiles: ['http://10.0.0.1/{z}/{x}/{y}.png'], tileSize: 256 as const };
    const style = buildMapStyle({
      origin: 'http://x',
      filters: EMPTY_FILTERS,
      projectCodes: ['YY-2024-001', 'YY-2024-002'],
      layers: { basemap: { id: 'b', name: '影像', sources: [src] }, overlays: [{ id: 'o', name: '现状', sources: [src] }] },
    });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('basemap-0')).toBe(ids.indexOf('background') + 1);
    expect(ids.indexOf('overlay-o-0')).toBe(ids.indexOf('parcel-fill') - 1);
    const overlay = style.layers.find((l) => l.id === 'overlay-o-0')!;
    expect(overlay.layout).toMatchObject({ visibility: 'none' });
    const districtFill = style.layers.find((l) => l.id === 'district-fill')!;
    expect((districtFill.paint as Record<string, unknown>)['fill-opacity']).toBe(0.08);
    const project = style.layers.find((l) => l.id === 'project-outline')!;
    expect(project.layout).toMatchObject({ visibility: 'none' });
    expect(JSON.stringify((project.paint as Record<string, unknown>)['line-color'])).toContain('YY-2024-002');
    const offline = buildMapStyle({ origin: 'http://x', filters: EMPTY_FILTERS });
    expect(offline.layers.some((l) => l.id.startsWith('basemap-'))).toBe(false);
  });
});

describe('vector tile layers (xyz-vector) and style.json base maps', () => {
  const vector = (id: string, name: string): MapLayerView => ({
    id,
    name,
    sources: [{ type: 'vector', tiles: [`http://10.0.0.1/${id}/{z}/{x}/{y}.pbf`], maxzoom: 14 }],
    sourceLayers: ['landuse', 'yiyang:road'],
  });
  const PARTS = ['fill', 'outline', 'line', 'point', 'label', 'line-label'];
  const byId = (s: ReturnType<typeof buildMapStyle>, id: string) => s.layers.find((l) => l.id === id) as LayerSpecification & { source?: string; 'source-layer'?: string; layout?: Record<string, unknown>; filter?: FilterSpecification };

  it('draws each source-layer of a vector base map with the generic style, above the background, visible', () => {
    const basemap = vector('b', '内网矢量');
    const s = buildMapStyle({ origin: 'http://x', filters: EMPTY_FILTERS, layers: { basemap, overlays: [] } });
    expect(validateStyleMin(s)).toEqual([]);
    expect(s.sources['basemap-0']).toEqual(basemap.sources[0]);
    const ids = basemapIds(basemap);
    expect(ids).toEqual(['landuse', 'yiyang:road'].flatMap((sl) => PARTS.map((p) => `basemap-0-${sl}-${p}`)));
    const order = s.layers.map((l) => l.id);
    expect(order.slice(order.indexOf('background') + 1, order.indexOf('background') + 1 + ids.length)).toEqual(ids);
    for (const id of ids) {
      const l = byId(s, id);
      expect(l.source).toBe('basemap-0');
      expect(l['source-layer']).toBe(id.includes('yiyang:road') ? 'yiyang:road' : 'landuse');
      expect(l.layout?.visibility).toBeUndefined();
    }
    expect(matches(byId(s, 'basemap-0-landuse-fill').filter, 'Polygon', {})).toBe(true);
    expect(matches(byId(s, 'basemap-0-landuse-fill').filter, 'Point', {})).toBe(false);
    expect(matches(byId(s, 'basemap-0-landuse-point').filter, 'Point', {})).toBe(true);
    expect(matches(byId(s, 'basemap-0-landuse-label').filter, 'Point', { name: '资阳区' })).toBe(true);
    expect(matches(byId(s, 'basemap-0-landuse-label').filter, 'Point', {})).toBe(false);
    expect(byId(s, 'basemap-0-landuse-label').layout).toMatchObject({ 'text-font': [FONT_STACK], 'text-field': ['to-string', ['get', 'name']] });
    expect(byId(s, 'basemap-0-landuse-line-label').layout).toMatchObject({ 'text-font': [FONT_STACK], 'symbol-placement': 'line' });
    expect((byId(s, LAYERS.districtFill).paint as Record<string, unknown>)['fill-opacity']).toBe(0.08);
  });

  it('puts vector overlays under the parcels, hidden, with the ids the layers panel switches', () => {
    const overlay = vector('o1', '规划');
    const s = buildMapStyle({ origin: 'http://x', filters: EMPTY_FILTERS, layers: { basemap: null, overlays: [overlay] } });
    expect(validateStyleMin(s)).toEqual([]);
    const ids = overlayIds(overlay);
    expect(ids).toHaveLength(12);
    expect(ids[0]).toBe('overlay-o1-0-landuse-fill');
    const order = s.layers.map((l) => l.id);
    expect(order.indexOf(ids.at(-1)!)).toBe(order.indexOf(LAYERS.parcelFill) - 1);
    for (const id of ids) {
      expect(byId(s, id).source).toBe('overlay-o1-0');
      expect(byId(s, id).layout).toMatchObject({ visibility: 'none' });
    }
    // No base map: the district fill stays opaque.
    expect((byId(s, LAYERS.districtFill).paint as Record<string, unknown>)['fill-opacity']).toBe(0.9);
  });

  it('merges a prepared style.json under our layers, keeps its sprite, and draws nothing for it until it is fetched', () => {
    const basemap: MapLayerView = { id: 's', name: '内网样式', sources: [], styleUrl: 'http://10.0.0.1/styles/basic/style.json' };
    const prepared = prepareBasemapStyle(
      {
        version: 8,
        sprite: 'sprite',
        glyphs: 'http://10.0.0.1/fonts/{fontstack}/{range}.pbf',
        sources: { omt: { type: 'vector', url: '../../data/v3.json' } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#f8f4f0' } },
          { id: 'water', type: 'fill', source: 'omt', 'source-layer': 'water', paint: { 'fill-color': '#a0c8f0' } },
          { id: 'place', type: 'symbol', source: 'omt', 'source-layer': 'place', layout: { 'text-field': '{name}', 'text-font': ['Noto Sans Regular'] } },
        ],
      },
      basemap.styleUrl!,
      FONT_STACK,
    );
    if (!prepared.ok) throw new Error(prepared.reason);
    const s = buildMapStyle({ origin: 'http://x', filters: EMPTY_FILTERS, layers: { basemap, overlays: [], basemapStyle: prepared.style } });
    expect(validateStyleMin(s)).toEqual([]);
    const order = s.layers.map((l) => l.id);
    expect(order.slice(0, 5)).toEqual(['background', 'basemap-background', 'basemap-water', 'basemap-place', LAYERS.districtFill]);
    expect(s.sources['basemap-omt']).toEqual({ type: 'vector', url: 'http://10.0.0.1/data/v3.json' });
    expect(s.sprite).toBe('http://10.0.0.1/styles/basic/sprite');
    expect(s.glyphs).toBe('http://x/map/glyphs/{fontstack}/{range}.pbf');
    expect(basemapIds(basemap, prepared.style)).toEqual(['basemap-background', 'basemap-water', 'basemap-place']);
    expect((byId(s, LAYERS.districtFill).paint as Record<string, unknown>)['fill-opacity']).toBe(0.08);

    const notFetched = buildMapStyle({ origin: 'http://x', filters: EMPTY_FILTERS, layers: { basemap, overlays: [], basemapStyle: null } });
    expect(notFetched.layers.some((l) => l.id.startsWith('basemap-'))).toBe(false);
    expect(notFetched.sprite).toBeUndefined();
    expect((notFetched.layers.find((l) => l.id === LAYERS.districtFill)!.paint as Record<string, unknown>)['fill-opacity']).toBe(0.9);
    expect(basemapIds(basemap, null)).toEqual([]);
  });
});
