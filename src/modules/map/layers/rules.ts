/**
 * Administrator-registered map layers (base maps and overlays): validation and the maplibre
 * raster source each one becomes. Pure and client-safe. An intranet has no internet, so the
 * default is no base map at all (the offline style); 天地图 needs a key and the internet or an
 * intranet proxy; any XYZ or WMS server of the intranet can be registered.
 */

export const LAYER_KINDS = {
  'xyz-raster': 'XYZ 栅格瓦片',
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
  apiKey: string | null;
  attribution: string | null;
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const TIANDITU_KEY = /^[0-9a-f]{32}$/i;
const WMS_LAYERS = /^[\w:.,-]+$/;

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
  if (!HTTP_URL.test(url)) {
    out.push('服务地址应以 http:// 或 https:// 开头');
    return out;
  }
  if (l.kind === 'xyz-raster') {
    for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) out.push(`XYZ 瓦片地址须包含 ${p} 占位符，例如 http://内网地址/tiles/{z}/{x}/{y}.png`);
  }
  if (l.kind === 'wms') {
    if (url.includes('?') && /request=/i.test(url)) out.push('WMS 地址只填服务地址（不含 REQUEST 等参数），例如 http://内网地址/geoserver/wms');
    if (!l.wmsLayers || !WMS_LAYERS.test(l.wmsLayers.trim())) out.push('请填写 WMS 图层名（多个用英文逗号分隔），例如 yiyang:landuse');
  }
  return out;
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

/**
 * The raster sources (one, or two for 天地图: the picture and its annotation) a layer adds to
 * the map, in drawing order. Throws on a definition with problems (validate first).
 */
export function layerSources(l: LayerInput): RasterSourceSpec[] {
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
  sources: RasterSourceSpec[];
}
