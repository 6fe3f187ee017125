'use client';
import { useState } from 'react';
import { Textarea } from 'tdesign-react';
import { geodesicArea, type PolygonalGeometry } from '@/platform/geo/geometry';
import { normaliseBoundary } from '../validation';
import { BoundaryMap } from './boundary-map';

function toText(value: PolygonalGeometry | null): string {
  return value ? JSON.stringify(value) : '';
}

/**
 * The boundary of one parcel: takes and returns a GeoJSON geometry (Polygon / MultiPolygon in
 * lon/lat). Typed or pasted GeoJSON (a geometry or a Feature) is checked as it is typed, with the
 * same rules the server applies, and previewed on a small map with its area. `onChange` gets the
 * clean geometry, or null while the text is empty or invalid. A new `value` from outside (a file
 * import, a map drawing) replaces the text.
 */
export function BoundaryField(props: { value: PolygonalGeometry | null; onChange: (value: PolygonalGeometry | null) => void; error?: string; color?: string }) {
  const [text, setText] = useState(() => toText(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  // The geometry the text currently stands for; a different prop value came from outside.
  const [shown, setShown] = useState<PolygonalGeometry | null>(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(toText(props.value));
    setProblem(null);
  }

  const onText = (next: string) => {
    setText(next);
    const result = next.trim() ? normaliseBoundary(next) : null;
    const geometry = result?.ok ? result.geometry : null;
    setProblem(result && !result.ok ? result.message : null);
    setShown(geometry);
    props.onChange(geometry);
  };

  const message = problem ?? props.error;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <Textarea
        value={text}
        onChange={(v) => onText(String(v))}
        autosize={{ minRows: 5, maxRows: 12 }}
        placeholder='粘贴 GeoJSON：Polygon、MultiPolygon 或 Feature，坐标为“经度, 纬度”（CGCS2000），例如 {"type":"Polygon","coordinates":[[[112.35,28.55],[112.36,28.55],[112.36,28.56],[112.35,28.55]]]}'
        status={message ? 'error' : 'default'}
        tips={message ?? '保存时系统按 CGCS2000 椭球计算面积，并按中心点判定所在区县'}
        aria-label="地块边界 GeoJSON"
        data-testid="boundary-geojson"
      />
      {props.value && (
        <BoundaryMap geometry={props.value} areaM2={geodesicArea(props.value).toFixed(2)} color={props.color} width={480} height={260} />
      )}
    </div>
  );
}
