'use client';
import { useMemo, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Alert, Button, Card, MessagePlugin, Select, Space } from 'tdesign-react';
import { UploadIcon } from 'tdesign-icons-react';
import type { MultiPolygon, PolygonalGeometry } from '@/platform/geo/geometry';
import { BoundaryMap } from '../../components/boundary-map';
import type { ImportPreview, ImportPreviewFeature } from '../service';
import { ImportPreviewTable } from './preview-table';

const ZONES = [36, 37, 38, 39];

function combine(features: ImportPreviewFeature[]): PolygonalGeometry | null {
  const polygons: MultiPolygon['coordinates'] = features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

export function ImportClient(props: { projects: { id: string; code: string; name: string }[]; defaultProjectId: string | null }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [projectId, setProjectId] = useState<string>(props.defaultProjectId ?? '');
  const [zone, setZone] = useState<string>('');
  const [encoding, setEncoding] = useState<string>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (commit: boolean) => {
    if (!file) {
      setError('请选择要导入的边界文件');
      return;
    }
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.set('file', file);
    body.set('projectId', projectId);
    body.set('zone', zone);
    body.set('encoding', encoding);
    if (commit) body.set('commit', '1');
    try {
      const res = await fetch('/api/parcels/import', { method: 'POST', body });
      const data = (await res.json()) as { preview?: ImportPreview; ok?: boolean; error?: string; data?: { ids: string[] } };
      if (data.preview) setPreview(data.preview);
      if (!res.ok || data.ok === false) {
        setError(data.error ?? '导入失败');
        return;
      }
      if (commit && data.data) {
        void MessagePlugin.success(`已导入 ${data.data.ids.length} 个地块`);
        router.push(data.data.ids.length === 1 ? `/parcels/${data.data.ids[0]}` : `/projects/${projectId}`);
      }
    } catch {
      setError('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const combined = useMemo(() => (preview ? combine(preview.features) : null), [preview]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="批量导入地块边界" bordered={false}>
        <p className="lr-muted" style={{ marginTop: 0 }}>
          支持 GeoJSON、KML/KMZ、Shapefile（.shp/.shx/.dbf/.prj 打包为 zip，属性可为 GBK 或 UTF-8）和部颁坐标文本（2000 国家大地坐标系 3 度带，带号 36–39，可带带号前缀，或经纬度）。
          先预览检查，全部通过后才能导入；任何一个地块有问题，整批都不会写入。
        </p>
        <div className="lr-toolbar">
          <label className="lr-field" style={{ width: 'auto' }}>
            <span className="lr-field__label">边界文件</span>
            <input
              type="file"
              accept=".json,.geojson,.kml,.kmz,.zip,.txt"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
                setError(null);
              }}
            />
          </label>
          <label className="lr-field" style={{ width: 320 }}>
            <span className="lr-field__label">所属项目</span>
            <Select
              value={projectId}
              onChange={(v) => setProjectId(String(v ?? ''))}
              filterable
              placeholder="请选择项目"
              options={props.projects.map((p) => ({ label: `${p.code} ${p.name}`, value: p.id }))}
            />
          </label>
          <label className="lr-field" style={{ width: 160 }}>
            <span className="lr-field__label">带号（文件未注明时）</span>
            <Select value={zone} onChange={(v) => setZone(String(v ?? ''))} clearable placeholder="自动识别" options={ZONES.map((z) => ({ label: `${z} 带（中央经线 ${z * 3}°E）`, value: String(z) }))} />
          </label>
          <label className="lr-field" style={{ width: 140 }}>
            <span className="lr-field__label">文字编码</span>
            <Select
              value={encoding}
              onChange={(v) => setEncoding(String(v ?? 'auto'))}
              options={[
                { label: '自动识别', value: 'auto' },
                { label: 'UTF-8', value: 'utf8' },
                { label: 'GBK', value: 'gbk' },
              ]}
            />
          </label>
          <Button icon={<UploadIcon />} variant="outline" loading={busy} onClick={() => send(false)} style={{ alignSelf: 'flex-end' }}>
            预览检查
          </Button>
        </div>
        {error && <Alert theme="error" message={error} data-testid="import-error" />}
      </Card>
      {preview && (
        <Card
          title={`检查结果：${preview.features.length} 个地块${preview.sourceCrs ? `（${preview.sourceCrs}）` : ''}`}
          bordered={false}
          actions={
            <Button theme="primary" disabled={!preview.ok || !projectId} loading={busy} onClick={() => send(true)}>
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
        </Card>
      )}
      <div className="lr-muted">
        也可以在 <Link href="/parcels/new">新建地块</Link> 时逐个导入或粘贴边界。
      </div>
    </Space>
  );
}
