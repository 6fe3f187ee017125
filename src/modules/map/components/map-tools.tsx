'use client';
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { Button, MessagePlugin, Space } from 'tdesign-react';
import { geodesicArea, squareMetresToMu, type PolygonalGeometry } from '@/platform/geo/geometry';
import { measureText, pathLength } from './measure';
import { exportMapPng, type ExportNotes } from './export-png';

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

/**
 * 工具: measure a distance or an area, draw a polygon and hand it to the new-parcel form, export
 * the view as a PNG (with the active filters, and a notice when the view holds none of their
 * parcels: `exportNotes`). Clicks add points; double-click or 完成 finishes; 清除 resets.
 */
export function MapTools(props: {
  mapRef: React.RefObject<MaplibreMap | null>;
  modeRef: React.RefObject<TToolMode>;
  canDraw: boolean;
  today: string;
  exportNotes: () => Promise<ExportNotes>;
}) {
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
      const blob = await exportMapPng(map, '益阳市土地储备挂图作战图', props.today, await props.exportNotes());
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
