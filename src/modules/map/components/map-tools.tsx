'use client';
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { Button, MessagePlugin, Space } from 'tdesign-react';
import { geodesicArea, squareMetresToMu, type PolygonalGeometry } from '@/platform/geo/geometry';
import { STAGES } from '@/modules/parcels/stages';
import { STAGE_COLORS, WARNING_COLORS } from '../tiles/colors';
import { measureText, pathLength } from './measure';

export type TToolMode = 'none' | 'distance' | 'area' | 'draw';

const SOURCE = 'tool';
const TOOL_COLOR = '#d54941';

type LonLat = [number, number];

function toolData(points: LonLat[], closed: boolean): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = points.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }));
  if (points.length >= 2) {
    const line = closed && points.length >= 3 ? [...points, points[0]] : points;
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
  }
  if (closed && points.length >= 3) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...points, points[0]]] } });
  return { type: 'FeatureCollection', features };
}

function ensureToolLayers(map: MaplibreMap) {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: toolData([], false) });
  map.addLayer({ id: 'tool-fill', type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': TOOL_COLOR, 'fill-opacity': 0.15 } });
  map.addLayer({ id: 'tool-line', type: 'line', source: SOURCE, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': TOOL_COLOR, 'line-width': 2, 'line-dasharray': [3, 1.5] } });
  map.addLayer({ id: 'tool-points', type: 'circle', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': TOOL_COLOR, 'circle-stroke-width': 2 } });
}

/** Metres per CSS pixel at the map centre (Web Mercator). */
function metresPerPixel(map: MaplibreMap): number {
  const lat = map.getCenter().lat;
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
}

/** A round scale-bar length (1, 2 or 5 × 10^n metres) no longer than `maxMetres`. */
function niceMetres(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= maxMetres) ?? p;
}

/**
 * The view as a PNG: title, the map, legend, north arrow, scale bar and date. The map canvas is
 * read inside a render event, so no preserveDrawingBuffer is needed.
 */
export async function exportMapPng(map: MaplibreMap, title: string, today: string): Promise<Blob> {
  const shot = await new Promise<HTMLCanvasElement>((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
  const ratio = shot.width / map.getCanvas().clientWidth || 1;
  const head = 56 * ratio;
  const foot = 40 * ratio;
  const out = document.createElement('canvas');
  out.width = shot.width;
  out.height = shot.height + head + foot;
  const g = out.getContext('2d')!;
  const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px * ratio}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#1f2329';
  g.font = font(20, true);
  g.textAlign = 'center';
  g.fillText(title, out.width / 2, 36 * ratio);
  g.drawImage(shot, 0, head);
  // Legend, lower left over the map.
  const items: [string, string, boolean][] = [...STAGES.map((s): [string, string, boolean] => [s, STAGE_COLORS[s], false]), ['红色预警', WARNING_COLORS.red, true], ['黄色预警', WARNING_COLORS.amber, true]];
  const row = 18 * ratio;
  const lx = 12 * ratio;
  const ly = head + shot.height - (items.length * row + 30 * ratio);
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.fillRect(lx - 6 * ratio, ly - 6 * ratio, 120 * ratio, items.length * row + 32 * ratio);
  g.textAlign = 'left';
  g.fillStyle = '#1f2329';
  g.font = font(13, true);
  g.fillText('图例', lx, ly + 12 * ratio);
  g.font = font(12);
  items.forEach(([label, color, outline], i) => {
    const y = ly + 22 * ratio + i * row;
    if (outline) {
      g.strokeStyle = color;
      g.lineWidth = 2 * ratio;
      g.strokeRect(lx + 1 * ratio, y + 1 * ratio, 12 * ratio, 12 * ratio);
    } else {
      g.fillStyle = color;
      g.fillRect(lx, y, 14 * ratio, 14 * ratio);
    }
    g.fillStyle = '#1f2329';
    g.fillText(label, lx + 20 * ratio, y + 12 * ratio);
  });
  // North arrow, upper right of the map (the map is never rotated: dragRotate is off).
  const nx = out.width - 36 * ratio;
  const ny = head + 16 * ratio;
  g.fillStyle = '#1f2329';
  g.beginPath();
  g.moveTo(nx, ny);
  g.lineTo(nx + 10 * ratio, ny + 28 * ratio);
  g.lineTo(nx, ny + 22 * ratio);
  g.lineTo(nx - 10 * ratio, ny + 28 * ratio);
  g.closePath();
  g.fill();
  g.font = font(13, true);
  g.textAlign = 'center';
  g.fillText('北', nx, ny + 46 * ratio);
  // Scale bar and date in the footer.
  const mpp = metresPerPixel(map);
  const metres = niceMetres(mpp * 150);
  const barPx = (metres / mpp) * ratio;
  const by = head + shot.height + 24 * ratio;
  g.strokeStyle = '#1f2329';
  g.lineWidth = 2 * ratio;
  g.beginPath();
  g.moveTo(16 * ratio, by - 6 * ratio);
  g.lineTo(16 * ratio, by);
  g.lineTo(16 * ratio + barPx, by);
  g.lineTo(16 * ratio + barPx, by - 6 * ratio);
  g.stroke();
  g.textAlign = 'left';
  g.font = font(12);
  g.fillText(metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`, 24 * ratio + barPx, by);
  g.textAlign = 'right';
  g.fillText(`制图日期：${today}  益阳市土地储备发展中心`, out.width - 16 * ratio, by);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('无法生成图片'))), 'image/png'));
}

/**
 * 工具: measure a distance or an area, draw a polygon and hand it to the new-parcel form, export
 * the view as a PNG. Clicks add points; double-click or 完成 finishes; 清除 resets.
 */
export function MapTools(props: { mapRef: React.RefObject<MaplibreMap | null>; modeRef: React.RefObject<TToolMode>; canDraw: boolean; today: string }) {
  const [mode, setMode] = useState<TToolMode>('none');
  const [points, setPoints] = useState<LonLat[]>([]);
  const pointsRef = useRef<LonLat[]>([]);
  const [exporting, setExporting] = useState(false);

  const closed = mode === 'area' || mode === 'draw';
  useEffect(() => {
    pointsRef.current = points;
    const map = props.mapRef.current;
    const src = map?.getSource(SOURCE) as GeoJSONSource | undefined;
    src?.setData(toolData(points, closed));
  }, [points, closed, props.mapRef]);

  useEffect(() => {
    props.modeRef.current = mode;
    const map = props.mapRef.current;
    if (!map || mode === 'none') return;
    ensureToolLayers(map);
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    const onClick = (e: MapMouseEvent) => setPoints((cur) => [...cur, [e.lngLat.lng, e.lngLat.lat]]);
    const onDbl = () => finish();
    map.on('click', onClick);
    map.on('dblclick', onDbl);
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDbl);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
    };
    // finish reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, props.mapRef, props.modeRef]);

  const start = (m: TToolMode) => {
    setPoints([]);
    setMode(mode === m ? 'none' : m);
  };
  const finish = () => {
    const pts = pointsRef.current;
    if (props.modeRef.current === 'draw') {
      if (pts.length < 3) {
        void MessagePlugin.warning('地块边界至少需要 3 个点');
        return;
      }
      const polygon: PolygonalGeometry = { type: 'Polygon', coordinates: [[...pts, pts[0]]] };
      window.location.href = `/parcels/new?boundary=${encodeURIComponent(JSON.stringify(polygon))}`;
      return;
    }
    setMode('none');
  };

  const result =
    mode === 'distance' && points.length >= 2
      ? `距离 ${measureText.distance(pathLength(points))}`
      : (mode === 'area' || mode === 'draw') && points.length >= 3
        ? `面积 ${measureText.area(geodesicArea({ type: 'Polygon', coordinates: [[...points, points[0]]] }), squareMetresToMu)}`
        : mode === 'none'
          ? null
          : mode === 'distance'
            ? '在地图上依次单击各点，双击结束'
            : '在地图上依次单击各顶点，双击或点“完成”结束';

  const exportPng = async () => {
    const map = props.mapRef.current;
    if (!map) return;
    setExporting(true);
    try {
      const blob = await exportMapPng(map, '益阳市土地储备挂图作战图', props.today);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `挂图作战-${props.today}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    } catch {
      void MessagePlugin.error('导出图片失败，请稍后重试');
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="lr-map-tools" data-testid="map-tools">
      <Space size={4}>
        <Button size="small" variant={mode === 'distance' ? 'base' : 'outline'} theme={mode === 'distance' ? 'primary' : 'default'} onClick={() => start('distance')}>
          测距
        </Button>
        <Button size="small" variant={mode === 'area' ? 'base' : 'outline'} theme={mode === 'area' ? 'primary' : 'default'} onClick={() => start('area')}>
          测面
        </Button>
        {props.canDraw && (
          <Button size="small" variant={mode === 'draw' ? 'base' : 'outline'} theme={mode === 'draw' ? 'primary' : 'default'} onClick={() => start('draw')}>
            画地块
          </Button>
        )}
        <Button size="small" variant="outline" loading={exporting} onClick={() => void exportPng()}>
          导出图片
        </Button>
      </Space>
      {mode !== 'none' && (
        <div className="lr-map-tools__result" data-testid="map-tool-result">
          <span>{result}</span>
          <Space size={4}>
            {mode === 'draw' && (
              <Button size="small" theme="primary" onClick={finish} disabled={points.length < 3}>
                完成，登记地块
              </Button>
            )}
            <Button size="small" variant="text" onClick={() => setPoints([])}>
              清除
            </Button>
            <Button size="small" variant="text" onClick={() => start(mode)}>
              关闭
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}
