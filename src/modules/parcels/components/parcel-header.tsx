import { KitCard } from '@/ui/kit/card';
import { LinkButton } from '@/ui/kit/link-button';
import type { TStage } from '../stages';
import type { AreaView } from '../view';
import { StageTag } from './stage-tag';
import { ParcelTabBar } from './parcel-tab-bar';

export { PARCEL_TABS } from './parcel-tabs';

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

/**
 * Header of every parcel page, rendered on the server: code, name, stage, area in 亩/m²/公顷,
 * project and district, then the section tabs (a small island that marks the page shown).
 */
export function ParcelHeader({ header, canEdit }: { header: ParcelHeaderView; canEdit: boolean }) {
  const h = header;
  return (
    <KitCard className="lr-parcel-header" testId="parcel-header">
      <div className="lr-parcel-header__top">
        <div className="lr-parcel-header__main">
          <div className="lr-title-line">
            <h1 className="lr-page-title" style={{ margin: 0 }}>
              {h.code} {h.name}
            </h1>
            <StageTag stage={h.stage} size="medium" />
            <span className="lr-muted">自 {h.stageSince}</span>
          </div>
          <div className="lr-muted lr-parcel-header__facts">
            <span>
              面积 <b className="lr-strong">{h.area.mu}</b> 亩 · {h.area.m2} ㎡ · {h.area.ha} 公顷
            </span>
            <span>
              项目{' '}
              <a className="lr-link" href={`/projects/${h.projectId}`}>
                {h.projectLabel}
              </a>
            </span>
            <span>区县 {h.districtName ?? '—'}</span>
          </div>
        </div>
        {canEdit && <LinkButton href={`/parcels/${h.id}/edit`}>修改地块信息</LinkButton>}
      </div>
      <ParcelTabBar id={h.id} />
    </KitCard>
  );
}
