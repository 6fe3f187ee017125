'use client';
import { useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Alert, Button, MessagePlugin, Select } from 'tdesign-react';
import { KitCard } from '@/ui/kit/card';
import { RefreshIcon } from 'tdesign-icons-react';
import type { MultiPolygon, PolygonalGeometry } from '@/platform/geo/geometry';
import { FileUpload } from '@/ui/file-upload';
import { BoundaryMap } from '../../components/boundary-map';
import type { ImportPreview, ImportPreviewFeature } from '../service';
import { BOUNDARY_FILE_ACCEPT, BOUNDARY_FILE_TYPES } from '../view';
import { ImportPreviewTable } from './preview-table';

const ZONES = [36, 37, 38, 39];

function combine(features: ImportPreviewFeature[]): PolygonalGeometry | null {
  const polygons: MultiPolygon['coordinates'] = features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

/** What the route answers: a preview, and on commit the created ids (or why nothing was written). */
interface RouteAnswer {
  preview?: ImportPreview;
  ok?: boolean;
  error?: string;
  data?: { ids: string[] };
}

export function ImportClient(props: { projects: { id: string; code: string; name: string }[]; defaultProjectId: string | null; maxFileMb: number }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [projectId, setProjectId] = useState<string>(props.defaultProjectId ?? '');
  const [zone, setZone] = useState<string>('');
  const [encoding, setEncoding] = useState<string>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the answer to the latest request is shown (the options can change while one runs).
  const latest = useRef(0);

  /** Sends the file for a preview (or the import); returns why it failed, or null. */
  const send = async (chosen: File, options: { commit?: boolean; projectId?: string; zone?: string; encoding?: string } = {}) => {
    const request = ++latest.current;
    const project = options.projectId ?? projectId;
    setBusy(true);
    const body = new FormData();
    body.set('file', chosen);
    body.set('projectId', project);
    body.set('zone', options.zone ?? zone);
    body.set('encoding', options.encoding ?? encoding);
    if (options.commit) body.set('commit', '1');
    let answer: { status: number; data: RouteAnswer };
    try {
      const res = await fetch('/api/parcels/import', { method: 'POST', body });
      answer = { status: res.status, data: (await res.json()) as RouteAnswer };
    } catch {
      answer = { status: 0, data: { error: '无法连接服务器，请稍后重试' } };
    }
    if (request !== latest.current) return null;
    setBusy(false);
    const { data } = answer;
    if (data.preview) setPreview(data.preview);
    if (answer.status < 200 || answer.status >= 300 || data.ok === false) return data.error ?? '文件处理失败，请稍后重试';
    if (options.commit && data.data) {
      void MessagePlugin.success(`已导入 ${data.data.ids.length} 个地块`);
      router.push(data.data.ids.length === 1 ? `/parcels/${data.data.ids[0]}` : `/projects/${project}`);
    }
    return null;
  };

  /** Checks again with changed options, when a file is there. */
  const recheck = async (options: { projectId?: string; zone?: string; encoding?: string } = {}) => {
    if (!file) return setError('请选择要导入的边界文件');
    setError(await send(file, options));
  };

  const combined = useMemo(() => (preview ? combine(preview.features) : null), [preview]);
  return (
    <div className="lr-stack">
      <KitCard title="批量导入地块边界" testId="parcel-import">
        <p className="lr-muted" style={{ marginTop: 0 }}>
          支持 GeoJSON、KML/KMZ、Shapefile（.shp/.shx/.dbf/.prj 打包为 zip，属性可为 GBK 或 UTF-8）和部颁坐标文本（2000 国家大地坐标系 3 度带，带号 36–39，可带带号前缀，或经纬度）。
          选择文件后系统即检查，全部通过后才能导入；任何一个地块有问题，整批都不会写入。
        </p>
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 520px', gap: 24, alignItems: 'start' }}>
          <div>
            <span className="lr-field__label">边界文件</span>
            <FileUpload
              label="边界文件"
              testId="import-file"
              accept={BOUNDARY_FILE_ACCEPT}
              typeLabel={BOUNDARY_FILE_TYPES}
              maxBytes={props.maxFileMb * 1024 * 1024}
              onUpload={async (chosen) => {
                setFile(chosen);
                setPreview(null);
                setError(null);
                return send(chosen);
              }}
              onClear={() => {
                latest.current++;
                setBusy(false);
                setFile(null);
                setPreview(null);
                setError(null);
              }}
            />
          </div>
          <div style={{ display: 'grid', gridTemplateColumns: '200px 160px auto', gap: 12, alignContent: 'start' }}>
            <label className="lr-field" style={{ gridColumn: '1 / -1' }}>
              <span className="lr-field__label">所属项目</span>
              <Select
                value={projectId}
                onChange={(v) => {
                  const next = String(v ?? '');
                  setProjectId(next);
                  if (file) void recheck({ projectId: next });
                }}
                filterable
                placeholder="请选择项目"
                options={props.projects.map((p) => ({ label: `${p.code} ${p.name}`, value: p.id }))}
              />
            </label>
            <label className="lr-field">
              <span className="lr-field__label">带号（文件未注明时）</span>
              <Select
                value={zone}
                onChange={(v) => {
                  const next = String(v ?? '');
                  setZone(next);
                  if (file) void recheck({ zone: next });
                }}
                clearable
                placeholder="自动识别"
                options={ZONES.map((z) => ({ label: `${z} 带（中央经线 ${z * 3}°E）`, value: String(z) }))}
              />
            </label>
            <label className="lr-field">
              <span className="lr-field__label">文字编码</span>
              <Select
                value={encoding}
                onChange={(v) => {
                  const next = String(v ?? 'auto');
                  setEncoding(next);
                  if (file) void recheck({ encoding: next });
                }}
                options={[
                  { label: '自动识别', value: 'auto' },
                  { label: 'UTF-8', value: 'utf8' },
                  { label: 'GBK', value: 'gbk' },
                ]}
              />
            </label>
            <Button icon={<RefreshIcon />} variant="outline" loading={busy} disabled={!file} onClick={() => void recheck()} style={{ alignSelf: 'end' }}>
              预览检查
            </Button>
          </div>
        </div>
        {error && <Alert theme="error" message={error} data-testid="import-error" style={{ marginTop: 16 }} />}
      </KitCard>
      {preview && (
        <KitCard
          title={`检查结果：${preview.features.length} 个地块${preview.sourceCrs ? `（${preview.sourceCrs}）` : ''}`}
          actions={
            <Button theme="primary" disabled={!preview.ok || !projectId} loading={busy} onClick={() => {
                if (file) void send(file, { commit: true }).then(setError);
              }}>
              导入 {preview.features.length} 个地块
            </Button>
          }
        >
          {preview.fileProblems.map((p) => (
            <Alert key={p} theme="error" message={p} style={{ marginBottom: 8 }} />
          ))}
          {preview.ok && !projectId && <Alert theme="warning" message="请先选择地块所属的项目" style={{ marginBottom: 8 }} />}
          {preview.features.some((f) => f.warnings.length > 0) && (
            <Alert
              theme="warning"
              style={{ marginBottom: 8 }}
              message={`有 ${preview.features.filter((f) => f.warnings.length > 0).length} 个地块的计算面积与申报面积相差超过 ${preview.areaDiffWarnPercent}%，请核对；核对无误仍可导入。`}
            />
          )}
          <div data-testid="import-preview">
            <ImportPreviewTable features={preview.features} />
          </div>
          {combined && (
            <div style={{ width: 480, marginTop: 16 }}>
              <BoundaryMap geometry={combined} width={480} height={300} />
            </div>
          )}
        </KitCard>
      )}
      <div className="lr-muted">
        也可以在 <Link href="/parcels/new">新建地块</Link> 时逐个导入或粘贴边界。
      </div>
    </div>
  );
}
