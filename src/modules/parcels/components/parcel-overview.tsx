'use client';
import type { ReactNode } from 'react';
import { AppLink as Link } from './app-link';
import { Alert, Card, Descriptions, Space, Timeline } from 'tdesign-react';
import type { TStage } from '../stages';
import { STAGE_COLORS, type WarningView } from '../view';
import { StageTag } from './stage-tag';
import type { PersonLabel } from '@/platform/auth/people';
import { PersonName } from '@/ui/person-name';

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

/** 概况: facts, warnings, the boundary map (rendered by the server, passed in) and the latest events. */
export function ParcelOverview(props: { parcelId: string; facts: ParcelFactView[]; warnings: WarningView[]; map: ReactNode; events: ParcelEventView[] }) {
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {props.warnings.length > 0 && (
        <Card bordered={false} title="预警">
          <Space direction="vertical" style={{ width: '100%' }}>
            {props.warnings.map((w) => (
              <Alert
                key={w.message}
                theme={w.level === 'red' ? 'error' : 'warning'}
                message={
                  w.rule ? (
                    <>
                      {w.message}
                      <div className="lr-muted" style={{ fontSize: 12 }}>
                        依据：{w.rule}
                      </div>
                    </>
                  ) : (
                    w.message
                  )
                }
              />
            ))}
          </Space>
        </Card>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
        <Card bordered={false} title="基本信息" style={{ flex: '3 1 600px', minWidth: 0 }}>
          <Descriptions
            column={2}
            bordered
            size="small"
            tableLayout="auto"
            labelStyle={{ whiteSpace: 'nowrap' }}
            items={props.facts.map((f) => ({ label: f.label, content: f.value ?? '—' }))}
          />
        </Card>
        <div style={{ display: 'grid', gap: 16, flex: '2 1 420px', minWidth: 0 }}>
          <Card bordered={false} title="地块边界">
            {props.map}
          </Card>
          <Card
            bordered={false}
            title="最近环节记录"
            actions={<Link href={`/parcels/${props.parcelId}/lifecycle`}>环节流转 →</Link>}
          >
            {props.events.length === 0 ? (
              <span className="lr-muted">暂无环节记录</span>
            ) : (
              <Timeline>
                {props.events.map((e) => (
                  <Timeline.Item key={e.id} dotColor={STAGE_COLORS[e.toStage]} label={e.eventDate}>
                    <Space size={6} align="center" breakLine>
                      {e.fromStage ? <StageTag stage={e.fromStage} /> : <span className="lr-muted">登记</span>}
                      <span aria-hidden="true">→</span>
                      <StageTag stage={e.toStage} />
                      {e.actor && (
                        <span className="lr-muted" data-testid="event-actor">
                          经办：<PersonName person={e.actor} />
                        </span>
                      )}
                      {e.docNo && <span className="lr-muted">文号：{e.docNo}</span>}
                    </Space>
                    {e.text && <div style={{ marginTop: 4 }}>{e.text}</div>}
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
