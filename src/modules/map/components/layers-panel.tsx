'use client';
import { useState } from 'react';
import { Button, Checkbox } from 'tdesign-react';
import { LayersIcon } from 'tdesign-icons-react';

export interface LayerToggle {
  key: string;
  label: string;
  /** maplibre layer ids switched together. */
  layerIds: string[];
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
