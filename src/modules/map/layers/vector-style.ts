import type { LayerSpecification, SourceSpecification, SpriteSpecification } from 'maplibre-gl';

/*
 * A style.json of an intranet tile server (TileServer GL, GeoServer …) as the battle map's base
 * map. The browser fetches the style (map-view.tsx); this pure function turns it into sources and
 * layers that style.ts puts under ours:
 *
 * - every source id and layer id gets a prefix, so nothing clashes with our ids, and the map's
 *   error handler recognises the base map's sources by it (three failing tiles → offline map);
 * - relative addresses (TileJSON `url`, `tiles`, GeoJSON `data`, image/video `url(s)`, sprite) are
 *   resolved against the style's own address, as maplibre would have done for the style alone;
 * - `mapbox://` addresses are refused (Mapbox's internet service, useless on an intranet and
 *   needing a Mapbox token), and so is any other non-http(s) scheme (pmtiles://, mbtiles:// …):
 *   no protocol handler is registered for them;
 * - the style's glyphs are dropped: we serve only our own glyphs, so every symbol layer's
 *   `text-font` becomes our font stack (Chinese is drawn locally by the browser anyway);
 * - its sprite is kept (style.ts uses it when ours has none, which is always: ours has none);
 * - its background layer is kept: it is the land colour the style's author chose (many styles
 *   draw land only as background, water and parks as polygons over it). It sits above our own
 *   background and under our district layers, so nothing of ours is hidden, and when the base map
 *   is switched off after failing tiles it is hidden with the rest, so our background returns.
 *
 * A response that is not a style (no `version: 8`, no `layers` array, a layer without id or type,
 * a layer naming a missing source) is refused as a whole: maplibre refuses a style with such
 * errors entirely, which would leave the map blank instead of showing the offline map.
 */

export interface BasemapStyle {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  sprite?: SpriteSpecification;
}

export type BasemapStyleResult = { ok: true; style: BasemapStyle } | { ok: false; reason: string };

/** Prefix of every source and layer id of the base map (style.ts and map-view.tsx rely on it). */
export const BASEMAP_PREFIX = 'basemap-';

export const STYLE_REFUSALS = {
  invalid: '样式文件不是有效的 MapLibre/Mapbox GL 样式（须有 "version": 8 和 layers 数组）',
  mapbox: '样式引用了 mapbox:// 地址（Mapbox 互联网服务），内网无法使用；请在内网瓦片服务器上发布使用 http(s) 地址的样式',
} as const;

class Refusal extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `address` resolved against the style's address. Absolute http(s) addresses are kept as they
 * are; mapbox:// and other schemes are refused.
 */
function resolveUrl(address: unknown, styleUrl: string): string {
  if (typeof address !== 'string' || !address) throw new Refusal(STYLE_REFUSALS.invalid);
  if (/^mapbox:/i.test(address)) throw new Refusal(STYLE_REFUSALS.mapbox);
  if (/^https?:\/\//i.test(address)) return address;
  if (/^[a-z][a-z\d+.-]*:/i.test(address)) throw new Refusal(`样式中的地址「${address}」不是 http:// 或 https:// 地址，无法加载`);
  // URL() percent-encodes braces in a path, but maplibre's placeholders ({z}, {x}, {y}, {ratio},
  // {fontstack} …) must stay literal; a style has no reason to carry encoded braces of its own.
  return new URL(address, styleUrl).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

function resolveSource(source: unknown, styleUrl: string): SourceSpecification {
  if (!isObject(source) || typeof source.type !== 'string') throw new Refusal(STYLE_REFUSALS.invalid);
  const out: Record<string, unknown> = { ...source };
  if (source.url !== undefined) out.url = resolveUrl(source.url, styleUrl);
  if (Array.isArray(source.tiles)) out.tiles = source.tiles.map((t) => resolveUrl(t, styleUrl));
  if (Array.isArray(source.urls)) out.urls = source.urls.map((u) => resolveUrl(u, styleUrl));
  // GeoJSON data is either an address or the data itself.
  if (typeof source.data === 'string') out.data = resolveUrl(source.data, styleUrl);
  return out as SourceSpecification;
}

function resolveSprite(sprite: unknown, styleUrl: string): SpriteSpecification | undefined {
  if (sprite === undefined || sprite === null || sprite === '') return undefined;
  if (typeof sprite === 'string') return resolveUrl(sprite, styleUrl);
  // maplibre 5+: several sprites, each with an id (its images are addressed as `id:image`).
  if (Array.isArray(sprite)) {
    return sprite.map((s) => {
      if (!isObject(s) || typeof s.id !== 'string') throw new Refusal(STYLE_REFUSALS.invalid);
      return { id: s.id, url: resolveUrl(s.url, styleUrl) };
    });
  }
  throw new Refusal(STYLE_REFUSALS.invalid);
}

/** A text-field without the per-section fonts of `format` expressions (we have one font stack). */
function withoutSectionFonts(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (isObject(item) && 'text-font' in item) {
      const { 'text-font': _font, ...rest } = item;
      return rest;
    }
    return withoutSectionFonts(item);
  });
}

function prefixLayer(layer: unknown, sourceIds: Set<string>, prefix: string, fontStack: string): LayerSpecification {
  if (!isObject(layer) || typeof layer.id !== 'string' || typeof layer.type !== 'string') throw new Refusal(STYLE_REFUSALS.invalid);
  const out: Record<string, unknown> = { ...layer, id: prefix + layer.id };
  // Legacy styles may share properties with `ref` (maplibre still dereferences it).
  if (typeof layer.ref === 'string') out.ref = prefix + layer.ref;
  if (layer.source !== undefined) {
    if (typeof layer.source !== 'string' || !sourceIds.has(layer.source)) throw new Refusal(`样式中的图层「${layer.id}」引用的数据源「${String(layer.source)}」不存在`);
    out.source = prefix + layer.source;
  }
  if (layer.type === 'symbol' && layer.ref === undefined) {
    const layout = isObject(layer.layout) ? { ...layer.layout } : {};
    if (layout['text-field'] !== undefined) layout['text-field'] = withoutSectionFonts(layout['text-field']);
    layout['text-font'] = [fontStack];
    out.layout = layout;
  }
  return out as unknown as LayerSpecification;
}

/**
 * The sources, layers and sprite of a fetched style.json, ready to be merged under our layers
 * (style.ts). `raw` is the parsed response, `styleUrl` the address it was fetched from. Pure.
 */
export function prepareBasemapStyle(raw: unknown, styleUrl: string, fontStack: string, prefix = BASEMAP_PREFIX): BasemapStyleResult {
  if (!isObject(raw) || raw.version !== 8 || !Array.isArray(raw.layers)) return { ok: false, reason: STYLE_REFUSALS.invalid };
  if (raw.sources !== undefined && !isObject(raw.sources)) return { ok: false, reason: STYLE_REFUSALS.invalid };
  try {
    const given = (raw.sources ?? {}) as Record<string, unknown>;
    const sources: Record<string, SourceSpecification> = {};
    for (const [id, source] of Object.entries(given)) sources[prefix + id] = resolveSource(source, styleUrl);
    const ids = new Set(Object.keys(given));
    const layers = raw.layers.map((l) => prefixLayer(l, ids, prefix, fontStack));
    const sprite = resolveSprite(raw.sprite, styleUrl);
    return { ok: true, style: sprite === undefined ? { sources, layers } : { sources, layers, sprite } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.message };
    // new URL() on an address it cannot resolve.
    return { ok: false, reason: STYLE_REFUSALS.invalid };
  }
}
