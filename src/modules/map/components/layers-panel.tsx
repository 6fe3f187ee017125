'use client';
import { useState } from 'react';
import { Button, Checkbox } from 'tdesign-react';
import { LayersIcon } from 'tdesign-icons-react';
import { LAYERS, overlayIds } from '../style';
import type { MapLayerView } from '../layers/rules';

export interface LayerToggle {
  key: string;
  label: string;
  /** maplibre layer ids switched together. */
  layerIds: string[];
}

/** The switches of the layers panel: districts, parcels, projects, then the overlays. */
export function mapLayerToggles(overlays: MapLayerView[]): LayerToggle[] {
  return [
    { key: 'districts', label: '行政区划', layerIds: [LAYERS.districtFill, LAYERS.districtLine, LAYERS.districtLabel] },
    { key: 'parcels', label: '地块', layerIds: [LAYERS.parcelFill, LAYERS.parcelLine, LAYERS.parcelWarning, LAYERS.parcelSelected, LAYERS.clusters, LAYERS.clusterCount, LAYERS.parcelLabel] },
    { key: 'projects', label: '项目（按项目着色的地块轮廓）', layerIds: [LAYERS.projectOutline] },
    ...overlays.map((o) => ({ key: `overlay:${o.id}`, label: o.name, layerIds: overlayIds(o) })),
  ];
}

/** 图层 panel: districts, parcels and the administrator's overlays on/off; the base map in use. */
export function LayersPanel(props: { toggles: LayerToggle[]; visible: Record<string, boolean>; onToggle: (t: LayerToggle, on: boolean) => void; basemap: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="lr-map-layers" data-testid="map-layers">
      <Button size="small" variant="outline" icon={<LayersIcon />} onClick={() => setOpen(!open)} aria-expanded={open}>
        图层
      </Button>
      {open && (
        <div className="lr-map-layers__panel">
          {props.toggles.map((t) => (
            <div key={t.key}>
              <Checkbox checked={props.visible[t.key] ?? false} onChange={(on) => props.onToggle(t, on)}>
                {t.label}
              </Checkbox>
            </div>
          ))}
          <div className="lr-muted" style={{ fontSize: 12, marginTop: 6 }}>
            底图：{props.basemap}
          </div>
        </div>
      )}
    </div>
  );
}
