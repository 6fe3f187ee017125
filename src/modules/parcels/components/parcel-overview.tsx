import type { ReactNode } from 'react';
import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { DescList } from '@/ui/kit/desc-list';
import { KitTimeline } from '@/ui/kit/timeline';
import type { PersonLabel } from '@/platform/auth/people';
import { PersonName } from '@/ui/person-name';
import type { TStage } from '../stages';
import { STAGE_COLORS, type WarningView } from '../view';
import { StageTag } from './stage-tag';

export interface ParcelFactView {
  label: string;
  value: string | null;
}

export interface ParcelEventView {
  id: string;
  seq: number;
  fromStage: TStage | null;
  toStage: TStage;
  eventDate: string;
  actor: PersonLabel | null;
  docNo: string | null;
  text: string | null;
}

/**
 * 概况, rendered on the server: warnings, facts, the boundary map (the one island, passed in)
 * and the latest events.
 */
export function ParcelOverview(props: { parcelId: string; facts: ParcelFactView[]; warnings: WarningView[]; map: ReactNode; events: ParcelEventView[] }) {
  return (
    <div className="lr-stack">
      {props.warnings.length > 0 && (
        <KitCard title="预警" testId="parcel-warnings">
          {props.warnings.map((w) => (
            <KitAlert key={w.message} theme={w.level === 'red' ? 'error' : 'warning'}>
              {w.message}
              {w.rule && <div className="lr-muted lr-small">依据：{w.rule}</div>}
            </KitAlert>
          ))}
        </KitCard>
      )}
      <div className="lr-split">
        <KitCard title="基本信息" className="lr-split__main">
          <DescList column={2} labelWidth={124} items={props.facts.map((f) => ({ label: f.label, content: f.value }))} testId="parcel-facts" />
        </KitCard>
        <div className="lr-stack lr-split__side">
          <KitCard title="地块边界">{props.map}</KitCard>
          <KitCard
            title="最近环节记录"
            actions={
              <a className="lr-link" href={`/parcels/${props.parcelId}/lifecycle`}>
                环节流转 →
              </a>
            }
          >
            {props.events.length === 0 ? (
              <span className="lr-muted">暂无环节记录</span>
            ) : (
              <KitTimeline
                testId="parcel-recent-events"
                items={props.events.map((e) => ({
                  key: e.id,
                  label: e.eventDate,
                  color: STAGE_COLORS[e.toStage],
                  content: (
                    <>
                      <span className="lr-title-line">
                        {e.fromStage ? <StageTag stage={e.fromStage} /> : <span className="lr-muted">登记</span>}
                        <span aria-hidden="true">→</span>
                        <StageTag stage={e.toStage} />
                        {e.actor && (
                          <span className="lr-muted" data-testid="event-actor">
                            经办：<PersonName person={e.actor} />
                          </span>
                        )}
                        {e.docNo && <span className="lr-muted">文号：{e.docNo}</span>}
                      </span>
                      {e.text && <div className="lr-event-text">{e.text}</div>}
                    </>
                  ),
                }))}
              />
            )}
          </KitCard>
        </div>
      </div>
    </div>
  );
}
