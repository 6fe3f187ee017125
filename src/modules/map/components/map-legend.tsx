'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { ChevronDownIcon, ChevronUpIcon } from 'tdesign-icons-react';
import { STAGES } from '@/modules/parcels/stages';
import { STAGE_COLORS, WARNING_COLORS } from '../tiles/colors';
import { POLYGON_MIN_ZOOM } from '../tiles/contract';

/** Stage colours and warning outlines over the map's lower-left corner; it folds away. */
export function MapLegend() {
  const [open, setOpen] = useState(true);
  return (
    <section className="lr-map-legend" aria-label="图例" data-testid="map-legend">
      <div className="lr-map-legend__title">
        <span>图例</span>
        <Button
          size="small"
          variant="text"
          shape="square"
          icon={open ? <ChevronDownIcon /> : <ChevronUpIcon />}
          aria-label={open ? '收起图例' : '展开图例'}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        />
      </div>
      {open && (
        <>
          <ul className="lr-map-legend__stages">
            {STAGES.map((s) => (
              <li key={s}>
                <span className="lr-map-swatch" style={{ background: STAGE_COLORS[s] }} aria-hidden />
                {s}
              </li>
            ))}
          </ul>
          <ul>
            <li>
              <span className="lr-map-swatch lr-map-swatch--outline" style={{ borderColor: WARNING_COLORS.red }} aria-hidden />
              红色预警（超期、超限）
            </li>
            <li>
              <span className="lr-map-swatch lr-map-swatch--outline" style={{ borderColor: WARNING_COLORS.amber }} aria-hidden />
              黄色预警（即将到期）
            </li>
          </ul>
          <div className="lr-map-legend__note">{POLYGON_MIN_ZOOM} 级以下按网格聚合为圆点：数字为地块数，颜色为其中宗数最多的环节，红/黄边表示含预警地块，点击放大</div>
        </>
      )}
    </section>
  );
}
