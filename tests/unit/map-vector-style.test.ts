import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { prepareBasemapStyle, STYLE_REFUSALS, type BasemapStyle } from '../../src/modules/map/layers/vector-style';

const STYLE_URL = 'http://10.1.2.3:8080/styles/basic/style.json';
const FONT = 'DejaVuSans';

/** A TileServer GL–like style with relative addresses, several source kinds, sprite and glyphs. */
function intranetStyle(): Record<string, unknown> {
  return {
    version: 8,
    name: 'Basic',
    sprite: 'sprite',
    glyphs: 'http://10.1.2.3:8080/fonts/{fontstack}/{range}.pbf',
    sources: {
      openmaptiles: { type: 'vector', url: '../../data/v3.json' },
      contours: { type: 'vector', tiles: ['/data/contours/{z}/{x}/{y}.pbf', 'http://10.1.2.4/contours/{z}/{x}/{y}.pbf'], maxzoom: 14 },
      hillshade: { type: 'raster', tiles: ['tiles/hillshade/{z}/{x}/{y}{ratio}.png'], tileSize: 256 },
      rivers: { type: 'geojson', data: 'rivers.geojson' },
      inline: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f8f4f0' } },
      { id: 'water', type: 'fill', source: 'openmaptiles', 'source-layer': 'water', paint: { 'fill-color': '#a0c8f0' } },
      { id: 'hillshade', type: 'raster', source: 'hillshade', paint: { 'raster-opacity': 0.3 } },
      { id: 'river', type: 'line', source: 'rivers', paint: { 'line-color': '#a0c8f0' } },
      { id: 'contour', type: 'line', source: 'contours', 'source-layer': 'contour' },
      {
        id: 'place-label',
        type: 'symbol',
        source: 'openmaptiles',
        'source-layer': 'place',
        layout: {
          'text-field': ['format', ['get', 'name:zh'], { 'text-font': ['literal', ['Noto Sans Bold']] }, '\n', {}, ['get', 'name:latin'], { 'font-scale': 0.8 }],
          'text-font': ['Noto Sans Regular'],
          'icon-image': 'dot_11',
        },
      },
      { id: 'poi', type: 'symbol', source: 'openmaptiles', 'source-layer': 'poi', layout: { 'text-field': '{name}' } },
      { id: 'inline-pts', type: 'circle', source: 'inline' },
    ],
  };
}

function prepared(raw: unknown = intranetStyle()): BasemapStyle {
  const r = prepareBasemapStyle(raw, STYLE_URL, FONT);
  if (!r.ok) throw new Error(r.reason);
  return r.style;
}

describe('a style.json base map merged under our layers', () => {
  it('prefixes every source and layer id (and every layer’s source) so nothing clashes with ours', () => {
    const s = prepared();
    expect(Object.keys(s.sources)).toEqual(['basemap-openmaptiles', 'basemap-contours', 'basemap-hillshade', 'basemap-rivers', 'basemap-inline']);
    expect(s.layers.map((l) => l.id)).toEqual(['background', 'water', 'hillshade', 'river', 'contour', 'place-label', 'poi', 'inline-pts'].map((id) => `basemap-${id}`));
    for (const l of s.layers) if ('source' in l) expect(Object.keys(s.sources)).toContain(l.source);
    expect(prepareBasemapStyle(intranetStyle(), STYLE_URL, FONT, 'bm:')).toMatchObject({ ok: true, style: { layers: expect.arrayContaining([expect.objectContaining({ id: 'bm:water', source: 'bm:openmaptiles' })]) } });
  });

  it('resolves relative addresses against the style’s address: TileJSON url, tiles, GeoJSON data, sprite', () => {
    const s = prepared();
    expect(s.sources['basemap-openmaptiles']).toEqual({ type: 'vector', url: 'http://10.1.2.3:8080/data/v3.json' });
    expect(s.sources['basemap-contours']).toMatchObject({ tiles: ['http://10.1.2.3:8080/data/contours/{z}/{x}/{y}.pbf', 'http://10.1.2.4/contours/{z}/{x}/{y}.pbf'], maxzoom: 14 });
    // The placeholders stay literal braces (URL() would have percent-encoded them).
    expect(s.sources['basemap-hillshade']).toMatchObject({ tiles: ['http://10.1.2.3:8080/styles/basic/tiles/hillshade/{z}/{x}/{y}{ratio}.png'] });
    expect(s.sources['basemap-rivers']).toEqual({ type: 'geojson', data: 'http://10.1.2.3:8080/styles/basic/rivers.geojson' });
    expect(s.sources['basemap-inline']).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    expect(s.sprite).toBe('http://10.1.2.3:8080/styles/basic/sprite');
    const multi = prepared({ ...intranetStyle(), sprite: [{ id: 'default', url: '/sprites/basic' }, { id: 'extra', url: 'https://10.1.2.9/sprites/extra' }] });
    expect(multi.sprite).toEqual([
      { id: 'default', url: 'http://10.1.2.3:8080/sprites/basic' },
      { id: 'extra', url: 'https://10.1.2.9/sprites/extra' },
    ]);
    expect(prepared({ ...intranetStyle(), sprite: undefined }).sprite).toBeUndefined();
  });

  it('replaces the fonts of every symbol layer by ours (also inside format sections) and drops the style’s glyphs', () => {
    const s = prepared();
    const place = s.layers.find((l) => l.id === 'basemap-place-label') as { layout: Record<string, unknown> };
    expect(place.layout['text-font']).toEqual([FONT]);
    expect(JSON.stringify(place.layout['text-field'])).not.toContain('Noto Sans');
    expect(place.layout['text-field']).toEqual(['format', ['get', 'name:zh'], {}, '\n', {}, ['get', 'name:latin'], { 'font-scale': 0.8 }]);
    expect(place.layout['icon-image']).toBe('dot_11');
    // A symbol layer without text-font would ask for maplibre's default fonts, which we do not serve.
    expect((s.layers.find((l) => l.id === 'basemap-poi') as { layout: Record<string, unknown> }).layout['text-font']).toEqual([FONT]);
    expect('glyphs' in s).toBe(false);
  });

  it('keeps the background layer (the style’s land colour) first, and everything else as it was', () => {
    const s = prepared();
    expect(s.layers[0]).toEqual({ id: 'basemap-background', type: 'background', paint: { 'background-color': '#f8f4f0' } });
    expect(s.layers.find((l) => l.id === 'basemap-water')).toEqual({ id: 'basemap-water', type: 'fill', source: 'basemap-openmaptiles', 'source-layer': 'water', paint: { 'fill-color': '#a0c8f0' } });
  });

  it('gives a style that maplibre accepts when wrapped with our glyphs', () => {
    const s = prepared();
    expect(validateStyleMin({ version: 8, glyphs: 'http://x/map/glyphs/{fontstack}/{range}.pbf', sources: s.sources, layers: s.layers, sprite: s.sprite })).toEqual([]);
  });

  it('prefixes the legacy `ref` of layers sharing another layer’s properties', () => {
    const s = prepared({ ...intranetStyle(), layers: [{ id: 'road', type: 'line', source: 'openmaptiles', 'source-layer': 'transportation' }, { id: 'road-casing', ref: 'road', type: 'line', paint: { 'line-width': 3 } }] });
    expect(s.layers[1]).toMatchObject({ id: 'basemap-road-casing', ref: 'basemap-road' });
  });
});

describe('styles that are refused (the map shows the offline map with a notice)', () => {
  it('refuses mapbox:// addresses anywhere: sources, tiles, sprite', () => {
    const cases = [
      { ...intranetStyle(), sources: { composite: { type: 'vector', url: 'mapbox://mapbox.mapbox-streets-v8' } }, layers: [] },
      { ...intranetStyle(), sources: { t: { type: 'vector', tiles: ['mapbox://tiles/{z}/{x}/{y}'] } }, layers: [] },
      { ...intranetStyle(), sprite: 'mapbox://sprites/mapbox/streets-v12' },
    ];
    for (const raw of cases) expect(prepareBasemapStyle(raw, STYLE_URL, FONT)).toEqual({ ok: false, reason: STYLE_REFUSALS.mapbox });
    expect(STYLE_REFUSALS.mapbox).toContain('内网无法使用');
  });

  it('refuses other schemes no handler is registered for', () => {
    const r = prepareBasemapStyle({ version: 8, sources: { p: { type: 'vector', url: 'pmtiles://http://10.1.2.3/a.pmtiles' } }, layers: [] }, STYLE_URL, FONT);
    expect(r).toEqual({ ok: false, reason: '样式中的地址「pmtiles://http://10.1.2.3/a.pmtiles」不是 http:// 或 https:// 地址，无法加载' });
  });

  it('refuses what is not a version 8 style with a layers array', () => {
    const invalid = { ok: false, reason: STYLE_REFUSALS.invalid };
    for (const raw of [null, 'text', [], {}, { version: 7, sources: {}, layers: [] }, { version: '8', layers: [] }, { version: 8, sources: {} }, { version: 8, layers: {} }, { version: 8, sources: [], layers: [] }]) {
      expect(prepareBasemapStyle(raw, STYLE_URL, FONT), JSON.stringify(raw)).toEqual(invalid);
    }
    expect(prepareBasemapStyle({ version: 8, layers: [{ type: 'background' }] }, STYLE_URL, FONT)).toEqual(invalid);
    expect(prepareBasemapStyle({ version: 8, sources: { a: { url: 'x' } }, layers: [] }, STYLE_URL, FONT)).toEqual(invalid);
    expect(STYLE_REFUSALS.invalid).toContain('"version": 8');
  });

  it('refuses a layer that names a missing source (maplibre would refuse the whole map style)', () => {
    const r = prepareBasemapStyle({ version: 8, sources: {}, layers: [{ id: 'roads', type: 'line', source: 'osm', 'source-layer': 'road' }] }, STYLE_URL, FONT);
    expect(r).toEqual({ ok: false, reason: '样式中的图层「roads」引用的数据源「osm」不存在' });
  });

  it('accepts a style with no sources at all (only a background)', () => {
    expect(prepareBasemapStyle({ version: 8, layers: [{ id: 'bg', type: 'background' }] }, STYLE_URL, FONT)).toEqual({
      ok: true,
      style: { sources: {}, layers: [{ id: 'basemap-bg', type: 'background' }] },
    });
  });
});
