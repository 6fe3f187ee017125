'use client';
import { useState } from 'react';
import { Alert, Button, Card, Dialog, Form, Input, Popconfirm, Radio, Select, Space, Switch, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { isBasemapOnly, LAYER_KINDS, LAYER_ROLES, layerProblems, VECTOR_TILE_MAX_ZOOM, type TLayerKind, type TLayerRole } from '../rules';
import { chooseBasemapAction, createLayerAction, deleteLayerAction, setOverlayEnabledAction, updateLayerAction } from '../actions';
import type { LayerAdminRow } from '../queries';

interface Draft {
  name: string;
  kind: TLayerKind;
  role: TLayerRole;
  url: string;
  wmsLayers: string;
  sourceLayers: string;
  apiKey: string;
  attribution: string;
}

const EMPTY: Draft = { name: '', kind: 'xyz-raster', role: 'basemap', url: '', wmsLayers: '', sourceLayers: '', apiKey: '', attribution: '' };
const isTianditu = (k: TLayerKind) => k === 'tianditu-vec' || k === 'tianditu-img';

/** The address field's label and hint by kind. */
const URL_FIELD: Partial<Record<TLayerKind, { label: string; hint: string }>> = {
  'xyz-raster': { label: '服务地址', hint: '含 {z}/{x}/{y}，如 http://10.1.2.3/tiles/{z}/{x}/{y}.png' },
  'xyz-vector': {
    label: '服务地址',
    hint: `矢量瓦片（MVT/PBF）地址，含 {z}/{x}/{y}，如 http://10.1.2.3:8080/data/landuse/{z}/{x}/{y}.pbf；按 0–${VECTOR_TILE_MAX_ZOOM} 级请求，更高级别放大显示`,
  },
  'vector-style': {
    label: '样式地址（style.json）',
    hint: '内网瓦片服务器（TileServer GL、GeoServer 等）发布的样式文件地址，如 http://10.1.2.3:8080/styles/basic/style.json；由浏览器读取，服务器须允许跨域访问（CORS）；其中的注记统一使用系统字体',
  },
  wms: { label: '服务地址', hint: '如 http://10.1.2.3/geoserver/wms' },
};

function LayerDialog(props: { layer: LayerAdminRow | null; onClose: () => void }) {
  const l = props.layer;
  const [d, setD] = useState<Draft>(
    l
      ? { name: l.name, kind: l.kind, role: l.role, url: l.url ?? '', wmsLayers: l.wmsLayers ?? '', sourceLayers: l.sourceLayers ?? '', apiKey: '', attribution: l.attribution ?? '' }
      : EMPTY,
  );
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useRunAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));
  // 天地图 and a style.json can only be the base map: choosing one of them sets it.
  const setKind = (kind: TLayerKind) => setD((cur) => ({ ...cur, kind, role: isBasemapOnly(kind) ? 'basemap' : cur.role }));
  const urlField = URL_FIELD[d.kind];
  const submit = async () => {
    // Same checks as the server; an edit may keep the stored key (left empty here).
    const problems = layerProblems({ ...d, apiKey: d.apiKey || (l?.hasKey ? '0'.repeat(32) : '') });
    if (problems.length) return setError(problems.join('；'));
    const input = { ...d, url: isTianditu(d.kind) ? '' : d.url };
    const res = await run(() => (l ? updateLayerAction({ ...input, id: l.id }) : createLayerAction(input)), l ? '已保存图层' : '已新增图层');
    if (res?.ok) props.onClose();
    else if (res && !res.ok) setError(res.error);
  };
  return (
    <Dialog visible header={l ? `修改图层：${l.name}` : '新增地图图层'} width={640} confirmBtn={{ content: '保存', loading: busy }} cancelBtn="取消" onConfirm={() => void submit()} onClose={props.onClose}>
      <Form labelAlign="top" preventSubmitDefault>
        {error && <Alert theme="error" message={error} style={{ marginBottom: 12 }} />}
        <LabeledField name="name" label="图层名称" required>
          <Input value={d.name} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('name', String(v))} placeholder="如 益阳市影像（内网）" />
        </LabeledField>
        <LabeledField name="kind" label="类型" required>
          <Select value={d.kind} options={Object.entries(LAYER_KINDS).map(([value, label]) => ({ value, label }))} onChange={(v) => setKind(v as TLayerKind)} />
        </LabeledField>
        <LabeledField name="role" label="用途" required hint={isBasemapOnly(d.kind) ? '此类型只能作为底图' : '底图只能同时使用一个；叠加图层显示在地图的图层面板中'}>
          <Radio.Group
            value={d.role}
            onChange={(v) => set('role', v as TLayerRole)}
            options={Object.entries(LAYER_ROLES).map(([value, label]) => ({ value, label, disabled: value === 'overlay' && isBasemapOnly(d.kind) }))}
          />
        </LabeledField>
        {isTianditu(d.kind) ? (
          <LabeledField name="apiKey" label="天地图密钥（tk）" required={!l?.hasKey} hint={l?.hasKey ? '已设置；不修改请留空' : '32 位，在天地图开发者平台申请；需能访问互联网或经内网代理'}>
            <Input value={d.apiKey} maxlength={64} allowInputOverMax showLimitNumber onChange={(v) => set('apiKey', String(v))} />
          </LabeledField>
        ) : (
          <>
            <LabeledField name="url" label={urlField?.label ?? '服务地址'} required hint={urlField?.hint}>
              <Input value={d.url} onChange={(v) => set('url', String(v))} />
            </LabeledField>
            {d.kind === 'wms' && (
              <LabeledField name="wmsLayers" label="WMS 图层名" required hint="多个用英文逗号分隔，如 yiyang:landuse">
                <Input value={d.wmsLayers} onChange={(v) => set('wmsLayers', String(v))} />
              </LabeledField>
            )}
            {d.kind === 'xyz-vector' && (
              <LabeledField
                name="sourceLayers"
                label="矢量图层名"
                required
                hint="瓦片中的图层名称（source-layer），多个用英文逗号分隔，如 landuse,road；可在瓦片服务器的 TileJSON（vector_layers）中查到。按通用样式绘制：面、线、点，有 name 属性的显示注记"
              >
                <Input value={d.sourceLayers} maxlength={500} allowInputOverMax showLimitNumber onChange={(v) => set('sourceLayers', String(v))} />
              </LabeledField>
            )}
          </>
        )}
        {d.kind !== 'vector-style' && (
          <LabeledField name="attribution" label="版权说明">
            <Input value={d.attribution} maxlength={200} allowInputOverMax showLimitNumber onChange={(v) => set('attribution', String(v))} />
          </LabeledField>
        )}
      </Form>
    </Dialog>
  );
}

/** 地图图层: the base map (none = offline) and intranet overlays for the battle map. */
export function MapLayersClient(props: { layers: LayerAdminRow[] }) {
  const [editing, setEditing] = useState<LayerAdminRow | 'new' | null>(null);
  const { run, busy } = useRunAction();
  const basemaps = props.layers.filter((l) => l.role === 'basemap');
  const overlays = props.layers.filter((l) => l.role === 'overlay');
  const chosen = basemaps.find((b) => b.enabled)?.id ?? '';
  const address = (l: LayerAdminRow) => {
    if (isTianditu(l.kind)) return l.hasKey ? 'tianditu.gov.cn（密钥已设置）' : '未设置密钥';
    if (l.kind === 'xyz-vector') return `${l.url}（图层：${(l.sourceLayers ?? '').split(',').join('、')}）`;
    if (l.kind === 'wms') return `${l.url}（图层：${l.wmsLayers ?? ''}）`;
    return l.url;
  };
  const columns: PrimaryTableCol<LayerAdminRow>[] = [
    { colKey: 'name', title: '名称', width: 200 },
    { colKey: 'kind', title: '类型', width: 170, cell: ({ row }) => LAYER_KINDS[row.kind] },
    { colKey: 'url', title: '地址', ellipsis: true, cell: ({ row }) => address(row) },
    {
      colKey: 'op',
      title: '操作',
      width: 220,
      cell: ({ row }) => (
        <Space size={4}>
          {row.role === 'overlay' && (
            <Switch value={row.enabled} label={['启用', '停用']} onChange={(v) => void run(() => setOverlayEnabledAction({ id: row.id, enabled: Boolean(v) }), v ? '已启用' : '已停用')} />
          )}
          <Button size="small" variant="text" theme="primary" onClick={() => setEditing(row)}>
            修改
          </Button>
          <Popconfirm content={`删除图层「${row.name}」？`} theme="danger" onConfirm={() => void run(() => deleteLayerAction({ id: row.id }), '已删除')}>
            <Button size="small" variant="text" theme="danger">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="底图"
        bordered={false}
        actions={
          <Button icon={<AddIcon />} onClick={() => setEditing('new')}>
            新增图层
          </Button>
        }
      >
        <div data-testid="basemap-choice">
          <Radio.Group
            value={chosen}
            disabled={busy}
            onChange={(v) => void run(() => chooseBasemapAction({ id: v ? String(v) : null }), '已切换底图')}
            options={[{ value: '', label: '无（离线地图：行政区划与地块，不需要任何外部服务）' }, ...basemaps.map((b) => ({ value: b.id, label: `${b.name}（${LAYER_KINDS[b.kind]}）` }))]}
          />
        </div>
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          底图服务不可用时，地图自动退回离线地图并提示，不会出现空白。
        </div>
        {basemaps.length > 0 && <Table<LayerAdminRow> rowKey="id" data={basemaps} columns={columns} size="small" style={{ marginTop: 12 }} />}
      </Card>
      <Card title="叠加图层" bordered={false}>
        {overlays.length === 0 ? (
          <div className="lr-muted">尚未登记叠加图层。可登记内网的 WMS、XYZ 栅格或矢量瓦片服务（如土地利用现状、规划），启用后出现在地图的图层面板中。</div>
        ) : (
          <Table<LayerAdminRow> rowKey="id" data={overlays} columns={columns} size="small" />
        )}
      </Card>
      {editing && <LayerDialog layer={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Tag theme="default" variant="light">
        修改立即生效，并记入审计日志
      </Tag>
    </Space>
  );
}
