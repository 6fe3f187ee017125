import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag } from '@/ui/kit/tag';
import { LAYER_KINDS } from '@/modules/map/layers/rules';
import type { LayerAdminRow } from '@/modules/map/layers/queries';
import { BasemapChoice, LayerRowActions, NewLayerButton } from './layer-actions';
import { layerAddress } from './layer-format';

const COLUMNS: Column<LayerAdminRow>[] = [
  { key: 'name', title: '名称', kind: 'text', width: 220, value: (l) => l.name, tooltip: (l) => l.name },
  { key: 'kind', title: '类型', kind: 'text', width: 170, value: (l) => LAYER_KINDS[l.kind] },
  { key: 'url', title: '地址', kind: 'name', value: (l) => layerAddress(l) },
  { key: 'op', title: '操作', kind: 'actions', width: 230, render: (l) => <LayerRowActions layer={l} /> },
];

/** 地图图层: the base map (none = offline) and intranet overlays for the battle map; server-rendered, the choice and the row actions are islands. */
export function MapLayersView(props: { layers: LayerAdminRow[] }) {
  const basemaps = props.layers.filter((l) => l.role === 'basemap');
  const overlays = props.layers.filter((l) => l.role === 'overlay');
  const chosen = basemaps.find((b) => b.enabled)?.id ?? '';
  return (
    <div className="lr-stack">
      <KitCard title="底图" actions={<NewLayerButton />}>
        <BasemapChoice chosen={chosen} options={basemaps.map((b) => ({ value: b.id, label: `${b.name}（${LAYER_KINDS[b.kind]}）` }))} />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          底图服务不可用时，地图自动退回离线地图并提示，不会出现空白。
        </div>
        {basemaps.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <DataTable<LayerAdminRow> columns={COLUMNS} rows={basemaps} rowKey={(l) => l.id} testId="basemaps-table" />
          </div>
        )}
      </KitCard>
      <KitCard title="叠加图层">
        {overlays.length === 0 ? (
          <div className="lr-muted">尚未登记叠加图层。可登记内网的 WMS、XYZ 栅格或矢量瓦片服务（如土地利用现状、规划），启用后出现在地图的图层面板中。</div>
        ) : (
          <DataTable<LayerAdminRow> columns={COLUMNS} rows={overlays} rowKey={(l) => l.id} testId="overlays-table" />
        )}
      </KitCard>
      <div>
        <KitTag>修改立即生效，并记入审计日志</KitTag>
      </div>
    </div>
  );
}
