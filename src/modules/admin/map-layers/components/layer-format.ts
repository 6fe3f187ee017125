import type { TLayerKind } from '@/modules/map/layers/rules';
import type { LayerAdminRow } from '@/modules/map/layers/queries';

export const isTianditu = (k: TLayerKind) => k === 'tianditu-vec' || k === 'tianditu-img';

/** Where a layer's tiles come from, as the list shows it (the 天地图 key is never shown). */
export function layerAddress(l: LayerAdminRow): string {
  if (isTianditu(l.kind)) return l.hasKey ? 'tianditu.gov.cn（密钥已设置）' : '未设置密钥';
  if (l.kind === 'xyz-vector') return `${l.url}（图层：${(l.sourceLayers ?? '').split(',').join('、')}）`;
  if (l.kind === 'wms') return `${l.url}（图层：${l.wmsLayers ?? ''}）`;
  return l.url ?? '';
}
