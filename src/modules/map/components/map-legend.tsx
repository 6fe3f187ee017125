'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { ChevronDownIcon, ChevronUpIcon } from 'tdesign-icons-react';
import { STAGES } from '@/modules/parcels/stages';
import { STAGE_COLORS, WARNING_COLORS } from '../tiles/colors';
import { POLYGON_MIN_ZOOM } from '../tiles/contract';

/**
 * Stage colours and warning outlines in a strip along the map's lower edge (the opening view is
 * fitted above it), with what the circles mean while the map shows groups; it folds away.
 */
export function MapLegend(props: { zoom: number }) {
  const [open, setOpen] = useState(true);
  const grouped = props.zoom < POLYGON_MIN_ZOOM;
  return (
    <section className="lr-map-legend" aria-label="图例" data-testid="map-legend">
      <div className="lr-map-legend__row">
        <span className="lr-map-legend__title">图例</span>
        {open && (
          <ul className="lr-map-legend__items">
            {STAGES.map((s) => (
              <li key={s}>
                <span className="lr-map-swatch" style={{ background: STAGE_COLORS[s] }} aria-hidden />
                {s}
              </li>
            ))}
            <li title="超期、超限">
              <span className="lr-map-swatch lr-map-swatch--outline" style={{ borderColor: WARNING_COLORS.red }} aria-hidden />
              红色预警
            </li>
            <li title="即将到期">
              <span className="lr-map-swatch lr-map-swatch--outline" style={{ borderColor: WARNING_COLORS.amber }} aria-hidden />
              黄色预警
            </li>
          </ul>
        )}
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
      {open && grouped && (
        <div className="lr-map-legend__note" data-testid="zoom-hint">
          当前 {props.zoom.toFixed(1)} 级，地块按网格聚合为圆点：数字为宗数，颜色为其中宗数最多的环节，红/黄边表示含预警地块；点击圆点或放大到 {POLYGON_MIN_ZOOM} 级以上显示地块边界
        </div>
      )}
    </section>
  );
}
