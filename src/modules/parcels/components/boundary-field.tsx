'use client';
import { useState } from 'react';
import { Textarea } from 'tdesign-react';
import { FileUpload } from '@/ui/file-upload';
import { geodesicArea, type PolygonalGeometry } from '@/platform/geo/geometry';
import { normaliseBoundary } from '../validation';
import { BoundaryMap } from './boundary-map';
import type { ImportPreview } from '../import/service';
import { BOUNDARY_FILE_ACCEPT, BOUNDARY_FILE_TYPES } from '../import/view';

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
  /** Size limit of boundary files (system parameter 'import.maxFileMb'). */
  maxFileMb: number;
}) {
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

  /**
   * One parcel from a boundary file (部颁/Shapefile/KML/GeoJSON), parsed and checked on the
   * server; resolves to why it cannot be used, or null.
   */
  const fromFile = async (file: File): Promise<string | null> => {
    const body = new FormData();
    body.set('file', file);
    let data: { error?: string; preview?: ImportPreview };
    let ok: boolean;
    try {
      const res = await fetch('/api/parcels/import', { method: 'POST', body });
      data = (await res.json()) as typeof data;
      ok = res.ok;
    } catch {
      return '无法连接服务器，请稍后重试';
    }
    const preview = data.preview;
    if (!ok || !preview) return data.error ?? '文件处理失败，请稍后重试';
    const problems = [...preview.fileProblems, ...preview.features.flatMap((f) => f.problems.filter((p) => !/已存在|重复/.test(p)))];
    if (problems.length) return problems.join('；');
    if (preview.features.length !== 1) return `文件中有 ${preview.features.length} 个地块，请使用「批量导入边界」`;
    const f = preview.features[0];
    setProblem(null);
    setShown(f.geometry);
    setText(toText(f.geometry));
    props.onChange(f.geometry);
    props.onFileFeature?.({ code: f.codeFromFile ? f.code : '', name: f.codeFromFile || f.name !== f.code ? f.name : '', plannedUse: f.plannedUse });
    return null;
  };

  const message = problem ?? props.error;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <div>
        <span className="lr-field__label">从文件导入边界</span>
        <FileUpload
          label="从文件导入边界"
          testId="boundary-file"
          accept={BOUNDARY_FILE_ACCEPT}
          typeLabel={BOUNDARY_FILE_TYPES}
          maxBytes={props.maxFileMb * 1024 * 1024}
          onUpload={fromFile}
        />
      </div>
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
