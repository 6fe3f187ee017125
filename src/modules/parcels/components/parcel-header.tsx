'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Button, Card, Space } from 'tdesign-react';
import { EditIcon } from 'tdesign-icons-react';
import type { TStage } from '../stages';
import type { AreaView } from '../view';
import { StageTag } from './stage-tag';
import { AppLink } from './app-link';

export interface ParcelHeaderView {
  id: string;
  code: string;
  name: string;
  stage: TStage;
  stageSince: string;
  area: AreaView;
  projectId: string;
  projectLabel: string;
  districtName: string | null;
}

/** The parcel's sections; the sub-pages live under /parcels/[id]/<segment>. */
export const PARCEL_TABS = [
  { segment: '', label: '概况' },
  { segment: 'lifecycle', label: '环节流转' },
  { segment: 'acquisition', label: '征收补偿' },
  { segment: 'development', label: '前期开发' },
  { segment: 'custody', label: '管护' },
  { segment: 'supply', label: '供应' },
] as const;

function TabBar({ id }: { id: string }) {
  const pathname = usePathname();
  const base = `/parcels/${id}`;
  return (
    <nav aria-label="地块栏目" style={{ display: 'flex', gap: 4, borderBottom: '1px solid var(--td-component-stroke)', marginTop: 12 }}>
      {PARCEL_TABS.map((t) => {
        const href = t.segment ? `${base}/${t.segment}` : base;
        const active = t.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
        return (
          <Link
            key={t.segment || 'overview'}
            href={href}
            aria-current={active ? 'page' : undefined}
            style={{
              padding: '8px 16px',
              marginBottom: -1,
              textDecoration: 'none',
              color: active ? 'var(--td-brand-color)' : 'var(--td-text-color-primary)',
              borderBottom: `2px solid ${active ? 'var(--td-brand-color)' : 'transparent'}`,
              fontWeight: active ? 600 : 400,
            }}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** Header of every parcel page: code, name, stage, area in 亩/m²/公顷, project and district, then the section tabs. */
export function ParcelHeader({ header, canEdit }: { header: ParcelHeaderView; canEdit: boolean }) {
  const h = header;
  return (
    <Card bordered={false} style={{ marginBottom: 16 }} bodyStyle={{ paddingBottom: 0 }}>
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 280 }}>
          <Space align="center" size={10}>
            <h1 className="lr-page-title" style={{ margin: 0 }}>
              {h.code} {h.name}
            </h1>
            <StageTag stage={h.stage} size="medium" />
            <span className="lr-muted">自 {h.stageSince}</span>
          </Space>
          <div className="lr-muted" style={{ marginTop: 8, display: 'flex', gap: 20, flexWrap: 'wrap' }}>
            <span>
              面积 <b style={{ color: 'var(--td-text-color-primary)' }}>{h.area.mu}</b> 亩 · {h.area.m2} ㎡ · {h.area.ha} 公顷
            </span>
            <span>
              项目 <AppLink href={`/projects/${h.projectId}`}>{h.projectLabel}</AppLink>
            </span>
            <span>区县 {h.districtName ?? '—'}</span>
          </div>
        </div>
        {canEdit && (
          <Button variant="outline" icon={<EditIcon />} href={`/parcels/${h.id}/edit`} tag="a">
            修改地块信息
          </Button>
        )}
      </div>
      <TabBar id={h.id} />
    </Card>
  );
}
