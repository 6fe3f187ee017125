'use client';
import { FONT_STACK } from '../style';
import { prepareBasemapStyle, type BasemapStyleResult } from '../layers/vector-style';

/** How long the map waits for a base map's style.json before it opens with the offline map. */
const STYLE_TIMEOUT_MS = 8000;

/** The notice shown when the base map cannot be used and the offline map is shown instead. */
export const basemapNotice = (name: string, reason?: string) =>
  `底图「${name}」无法加载，已切换为离线地图（行政区划与地块照常显示）${reason ? `：${reason}` : ''}。请系统管理员检查“地图图层”设置。`;

/**
 * Fetches a style.json base map from the intranet tile server (from the browser, like its tiles:
 * the server needs to allow cross-origin requests, as TileServer GL and GeoServer can) and
 * prepares it for merging under our layers.
 */
export async function loadBasemapStyle(url: string): Promise<BasemapStyleResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), STYLE_TIMEOUT_MS);
  try {
    const res = await fetch(url, { signal: controller.signal, credentials: 'omit' });
    if (!res.ok) return { ok: false, reason: `样式地址返回 HTTP ${res.status}` };
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      return { ok: false, reason: '样式文件不是有效的 JSON' };
    }
    return prepareBasemapStyle(json, url, FONT_STACK);
  } catch {
    return { ok: false, reason: controller.signal.aborted ? '样式地址超时未响应' : '样式地址无法访问（请检查地址，以及瓦片服务器是否允许跨域访问）' };
  } finally {
    clearTimeout(timer);
  }
}
