/**
 * Administrator-registered map layers (base maps and overlays): validation and the maplibre
 * sources each one becomes. Pure and client-safe. An intranet has no internet, so the default is
 * no base map at all (the offline style); 天地图 needs a key and the internet or an intranet
 * proxy; any XYZ (raster or vector) or WMS server of the intranet can be registered, and a
 * style.json of an intranet tile server as the base map (fetched and merged in the browser:
 * vector-style.ts).
 */

export const LAYER_KINDS = {
  'xyz-raster': 'XYZ 栅格瓦片',
  'xyz-vector': 'XYZ 矢量瓦片（MVT）',
  'vector-style': '矢量瓦片样式（style.json）',
  wms: 'WMS 服务',
  'tianditu-vec': '天地图 矢量（含注记）',
  'tianditu-img': '天地图 影像（含注记）',
} as const;
export type TLayerKind = keyof typeof LAYER_KINDS;

export const LAYER_ROLES = { basemap: '底图', overlay: '叠加图层' } as const;
export type TLayerRole = keyof typeof LAYER_ROLES;

export interface LayerInput {
  name: string;
  kind: TLayerKind;
  role: TLayerRole;
  url: string | null;
  wmsLayers: string | null;
  /** xyz-vector: the source-layer names in the tiles, comma-separated. */
  sourceLayers: string | null;
  apiKey: string | null;
  attribution: string | null;
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const TIANDITU_KEY = /^[0-9a-f]{32}$/i;
const WMS_LAYERS = /^[\w:.,-]+$/;
const SOURCE_LAYER = /^[\w:.-]+$/;

/** The source-layer names of an xyz-vector layer, in the order given (empty names dropped). */
export function parseSourceLayers(text: string | null): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function sourceLayerProblems(text: string | null): string[] {
  const names = parseSourceLayers(text);
  if (names.length === 0) return ['请填写矢量图层名（瓦片中的图层名称，即 source-layer，多个用英文逗号分隔），例如 landuse,road'];
  const out: string[] = [];
  const bad = names.filter((n) => !SOURCE_LAYER.test(n));
  if (bad.length) out.push(`矢量图层名「${bad.join('、')}」不正确：只能包含字母、数字、下划线、冒号、点和减号`);
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (repeated.length) out.push(`矢量图层名「${repeated.join('、')}」重复`);
  return out;
}

/** Every problem of a layer definition, in Chinese (empty when it is usable). */
export function layerProblems(l: LayerInput): string[] {
  const out: string[] = [];
  if (!l.name.trim()) out.push('请填写图层名称');
  if (l.kind === 'tianditu-vec' || l.kind === 'tianditu-img') {
    if (!l.apiKey || !TIANDITU_KEY.test(l.apiKey.trim())) out.push('天地图密钥（tk）应为 32 位十六进制字符，请在天地图开发者平台申请');
    if (l.role !== 'basemap') out.push('天地图只能作为底图');
    return out;
  }
  const url = (l.url ?? '').trim();
  if (/^mapbox:\/\//i.test(url)) {
    out.push('mapbox:// 地址是 Mapbox 的互联网服务，内网无法使用；请填写内网瓦片服务器的 http:// 或 https:// 地址');
    return out;
  }
  if (!HTTP_URL.test(url)) {
    out.push('服务地址应以 http:// 或 https:// 开头');
    return out;
  }
  if (l.kind === 'xyz-raster') {
    for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) out.push(`XYZ 瓦片地址须包含 ${p} 占位符，例如 http://内网地址/tiles/{z}/{x}/{y}.png`);
  }
  if (l.kind === 'xyz-vector') {
    for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) out.push(`XYZ 矢量瓦片地址须包含 ${p} 占位符，例如 http://内网地址/data/landuse/{z}/{x}/{y}.pbf`);
    out.push(...sourceLayerProblems(l.sourceLayers));
  }
  if (l.kind === 'vector-style') {
    // A tile template here is the usual mix-up with xyz-vector: the style is one JSON file.
    if (/\{[zxy]\}/.test(url)) out.push('样式地址应指向一个 style.json 文件（不含 {z}/{x}/{y}），例如 http://内网地址/styles/basic/style.json；瓦片地址请选“XYZ 矢量瓦片（MVT）”类型');
    if (l.role !== 'basemap') out.push('矢量瓦片样式只能作为底图');
  }
  if (l.kind === 'wms') {
    if (url.includes('?') && /request=/i.test(url)) out.push('WMS 地址只填服务地址（不含 REQUEST 等参数），例如 http://内网地址/geoserver/wms');
    if (!l.wmsLayers || !WMS_LAYERS.test(l.wmsLayers.trim())) out.push('请填写 WMS 图层名（多个用英文逗号分隔），例如 yiyang:landuse');
  }
  return out;
}

/** Kinds that can only be the base map. */
export const isBasemapOnly = (kind: TLayerKind) => kind === 'tianditu-vec' || kind === 'tianditu-img' || kind === 'vector-style';

/**
 * The definition as stored: fields another kind does not use are cleared (a layer switched from
 * 天地图 to XYZ keeps no key; a style.json carries its own attribution in its sources), and the
 * source-layer names are written as `a,b`.
 */
export function normalizeLayer<T extends LayerInput>(l: T): T {
  const tianditu = l.kind === 'tianditu-vec' || l.kind === 'tianditu-img';
  return {
    ...l,
    url: tianditu ? null : l.url,
    wmsLayers: l.kind === 'wms' ? l.wmsLayers : null,
    sourceLayers: l.kind === 'xyz-vector' ? parseSourceLayers(l.sourceLayers).join(',') || null : null,
    apiKey: tianditu ? l.apiKey : null,
    attribution: l.kind === 'vector-style' ? null : l.attribution,
  };
}

/** Subdomains t0–t7 of 天地图, WMTS in Web Mercator. */
function tiandituTiles(layer: 'vec' | 'cva' | 'img' | 'cia', key: string): string[] {
  return Array.from(
    { length: 8 },
    (_, i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

export interface RasterSourceSpec {
  type: 'raster';
  tiles: string[];
  tileSize: 256;
  attribution?: string;
  maxzoom?: number;
}

export interface VectorSourceSpec {
  type: 'vector';
  tiles: string[];
  maxzoom: number;
  attribution?: string;
}

export type LayerSourceSpec = RasterSourceSpec | VectorSourceSpec;

/**
 * Vector tiles are requested up to this zoom and overzoomed beyond it. Intranet servers
 * (TileServer GL, OpenMapTiles-style tilesets) commonly stop at 14 and answer 404 above, which
 * the map would count as a failing base map; the overzoomed tiles stay sharp (4096 units a tile).
 */
export const VECTOR_TILE_MAX_ZOOM = 14;

/**
 * The sources a layer adds to the map, in drawing order: one raster source, two for 天地图 (the
 * picture and its annotation), one vector source for xyz-vector, none for a style.json base map
 * (its sources come with the style, fetched by the browser). Throws on a definition with
 * problems (validate first).
 */
export function layerSources(l: LayerInput): LayerSourceSpec[] {
  const problems = layerProblems(l);
  if (problems.length) throw new Error(problems.join('；'));
  const attribution = l.attribution?.trim() || undefined;
  if (l.kind === 'tianditu-vec' || l.kind === 'tianditu-img') {
    const key = l.apiKey!.trim();
    const [base, notes] = l.kind === 'tianditu-vec' ? (['vec', 'cva'] as const) : (['img', 'cia'] as const);
    const credit = attribution ?? '天地图 © 国家地理信息公共服务平台';
    return [
      { type: 'raster', tiles: tiandituTiles(base, key), tileSize: 256, attribution: credit, maxzoom: 18 },
      { type: 'raster', tiles: tiandituTiles(notes, key), tileSize: 256, maxzoom: 18 },
    ];
  }
  const url = l.url!.trim();
  if (l.kind === 'xyz-raster') return [{ type: 'raster', tiles: [url], tileSize: 256, attribution }];
  if (l.kind === 'xyz-vector') return [{ type: 'vector', tiles: [url], maxzoom: VECTOR_TILE_MAX_ZOOM, attribution }];
  if (l.kind === 'vector-style') return [];
  const params = new URLSearchParams({
    SERVICE: 'WMS',
    REQUEST: 'GetMap',
    VERSION: '1.1.1',
    LAYERS: l.wmsLayers!.trim(),
    STYLES: '',
    FORMAT: 'image/png',
    TRANSPARENT: 'true',
    SRS: 'EPSG:3857',
    WIDTH: '256',
    HEIGHT: '256',
  });
  // maplibre fills {bbox-epsg-3857}; URLSearchParams would escape its braces.
  return [{ type: 'raster', tiles: [`${url}${url.includes('?') ? '&' : '?'}${params.toString()}&BBOX={bbox-epsg-3857}`], tileSize: 256, attribution }];
}

/** A registered layer as the map draws it. */
export interface MapLayerView {
  id: string;
  name: string;
  sources: LayerSourceSpec[];
  /** xyz-vector: the source-layers drawn with the generic style (style.ts). */
  sourceLayers?: string[];
  /** vector-style: the style.json the browser fetches and merges under our layers. */
  styleUrl?: string;
}

/** What the map needs of a valid layer definition (validate first: layerSources throws). */
export function layerView(id: string, l: LayerInput): MapLayerView {
  const view: MapLayerView = { id, name: l.name, sources: layerSources(l) };
  if (l.kind === 'xyz-vector') view.sourceLayers = parseSourceLayers(l.sourceLayers);
  if (l.kind === 'vector-style') view.styleUrl = l.url!.trim();
  return view;
}
