'use client';
import { useState } from 'react';
import { Textarea } from 'tdesign-react';
import { geodesicArea, type PolygonalGeometry } from '@/platform/geo/geometry';
import { normaliseBoundary } from '../validation';
import { BoundaryMap } from './boundary-map';
import type { ImportPreview } from '../import/service';

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
export function BoundaryField(props: {
  value: PolygonalGeometry | null;
  onChange: (value: PolygonalGeometry | null) => void;
  /** Code, name and use found in an imported file, for the form to fill in when empty. */
  onFileFeature?: (feature: { code: string; name: string; plannedUse: string | null }) => void;
  error?: string;
  color?: string;
}) {
  const [text, setText] = useState(() => toText(props.value));
  const [loading, setLoading] = useState(false);
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

  /** One parcel from a boundary file (部颁/Shapefile/KML/GeoJSON), parsed and checked on the server. */
  const fromFile = async (file: File | undefined) => {
    if (!file) return;
    setLoading(true);
    const body = new FormData();
    body.set('file', file);
    try {
      const res = await fetch('/api/parcels/import', { method: 'POST', body });
      const data = (await res.json()) as { error?: string; preview?: ImportPreview };
      const preview = data.preview;
      if (!res.ok || !preview) {
        setProblem(data.error ?? '文件处理失败');
        return;
      }
      const problems = [...preview.fileProblems, ...preview.features.flatMap((f) => f.problems.filter((p) => !/已存在|重复/.test(p)))];
      if (problems.length) setProblem(problems.join('；'));
      else if (preview.features.length !== 1) setProblem(`文件中有 ${preview.features.length} 个地块，请使用「批量导入边界」`);
      else {
        const geometry = preview.features[0].geometry;
        setProblem(null);
        setShown(geometry);
        setText(toText(geometry));
        props.onChange(geometry);
        const f = preview.features[0];
        props.onFileFeature?.({ code: f.codeFromFile ? f.code : '', name: f.codeFromFile || f.name !== f.code ? f.name : '', plannedUse: f.plannedUse });
      }
    } catch {
      setProblem('无法连接服务器，请稍后重试');
    } finally {
      setLoading(false);
    }
  };

  const message = problem ?? props.error;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <label className="lr-field">
        <span className="lr-field__label">从文件导入边界{loading ? '（处理中……）' : ''}</span>
        <input type="file" accept=".json,.geojson,.kml,.kmz,.zip,.txt" data-testid="boundary-file" onChange={(e) => fromFile(e.target.files?.[0])} />
      </label>
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
