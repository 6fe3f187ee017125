'use client';
import { useState } from 'react';
import { Button, Popconfirm, Radio, Space, Switch } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { chooseBasemapAction, deleteLayerAction, setOverlayEnabledAction } from '@/modules/map/layers/actions';
import type { LayerAdminRow } from '@/modules/map/layers/queries';
import { LayerDialog } from './layer-dialog';

/** 新增图层 (an island in the card header). */
export function NewLayerButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AddIcon />} onClick={() => setOpen(true)}>
        新增图层
      </Button>
      {open && <LayerDialog layer={null} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The base map in use: none (offline) or one of the registered base maps. */
export function BasemapChoice(props: { chosen: string; options: { value: string; label: string }[] }) {
  const { run, busy } = useRunAction();
  return (
    <div data-testid="basemap-choice">
      <Radio.Group
        value={props.chosen}
        disabled={busy}
        onChange={(v) => void run(() => chooseBasemapAction({ id: v ? String(v) : null }), '已切换底图')}
        options={[{ value: '', label: '无（离线地图：行政区划与地块，不需要任何外部服务）' }, ...props.options]}
      />
    </div>
  );
}

/** A layer's operations (an island in the server-rendered row): an overlay's switch, 修改, 删除. */
export function LayerRowActions({ layer }: { layer: LayerAdminRow }) {
  const [editing, setEditing] = useState(false);
  const { run } = useRunAction();
  return (
    <Space size={4}>
      {layer.role === 'overlay' && (
        <Switch value={layer.enabled} label={['启用', '停用']} onChange={(v) => void run(() => setOverlayEnabledAction({ id: layer.id, enabled: Boolean(v) }), v ? '已启用' : '已停用')} />
      )}
      <Button size="small" variant="text" theme="primary" onClick={() => setEditing(true)}>
        修改
      </Button>
      <Popconfirm content={`删除图层「${layer.name}」？`} theme="danger" onConfirm={() => void run(() => deleteLayerAction({ id: layer.id }), '已删除')}>
        <Button size="small" variant="text" theme="danger">
          删除
        </Button>
      </Popconfirm>
      {editing && <LayerDialog layer={layer} onClose={() => setEditing(false)} />}
    </Space>
  );
}
