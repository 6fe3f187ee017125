'use client';
import { useState } from 'react';
import { Alert, Dialog, Form, Input, Radio, Select } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { isBasemapOnly, LAYER_KINDS, LAYER_ROLES, layerProblems, VECTOR_TILE_MAX_ZOOM, type TLayerKind, type TLayerRole } from '@/modules/map/layers/rules';
import { createLayerAction, updateLayerAction } from '@/modules/map/layers/actions';
import type { LayerAdminRow } from '@/modules/map/layers/queries';
import { isTianditu } from './layer-format';

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

/** 新增 / 修改 a map layer: the fields follow the kind. */
export function LayerDialog(props: { layer: LayerAdminRow | null; onClose: () => void }) {
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
