'use client';
import { useState } from 'react';
import { Button, Card, Space, Tag, Timeline } from 'tdesign-react';
import { CheckCircleFilledIcon, CloseCircleFilledIcon, InfoCircleFilledIcon } from 'tdesign-icons-react';
import { TransitionDialog, type TransitionStep } from './transition-dialog';
import { EventDocuments } from './event-documents';
import type { PersonLabel } from '@/platform/auth/people';
import { PersonName } from '@/ui/person-name';
import type { TSupplyContext } from '../../rules';

export interface LifecycleStepView extends TransitionStep {
  blockers: { code: string; message: string; rule: string }[];
}

/** What the 启动收储 card says about the document its dialog asks for. */
function DocNeed({ need }: { need: NonNullable<TransitionStep['docNeed']> }) {
  return (
    <div style={{ marginTop: 6, fontSize: 13 }} data-testid="step-doc-need">
      <span style={{ color: need.required ? 'var(--td-warning-color)' : 'var(--td-text-color-secondary)' }}>
        {need.required ? <InfoCircleFilledIcon /> : <CheckCircleFilledIcon />} {need.note}
      </span>
      <div className="lr-muted" style={{ fontSize: 12, marginLeft: 18 }}>
        依据：{need.rule}
      </div>
    </div>
  );
}

export interface LifecycleEventView {
  id: string;
  seq: number;
  fromStage: string | null;
  toStage: string;
  eventDate: string;
  actor: PersonLabel | null;
  amount: string | null;
  docNo: string | null;
  reason: string | null;
  note: string | null;
  documents: { id: string; fileName: string; url: string }[];
}

function money(v: string | null): string | null {
  if (!v) return null;
  const [int, frac = '00'] = v.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')} 元`;
}

export function LifecycleClient(props: {
  parcel: { id: string; code: string; stage: string; version: number };
  steps: LifecycleStepView[];
  events: LifecycleEventView[];
  canTransition: boolean;
  today: string;
  /** Set while the parcel is 可供应: what the supply form checks the terms against. */
  supplyContext: TSupplyContext | null;
}) {
  const [open, setOpen] = useState<TransitionStep | null>(null);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
      <Card title="流转记录" bordered={false}>
        <div data-testid="lifecycle-timeline">
        <Timeline mode="same">
          {props.events.map((e) => (
            <Timeline.Item key={e.id} label={e.eventDate} dotColor={e.toStage === '终止' ? 'error' : e.reason ? 'warning' : 'primary'}>
              <div style={{ fontWeight: 600 }}>
                {e.fromStage ? `${e.fromStage} → ${e.toStage}` : `登记为「${e.toStage}」`}
              </div>
              <Space className="lr-muted" size={16} breakLine style={{ fontSize: 13 }}>
                {e.actor && (
                  <span data-testid="event-actor">
                    经办：<PersonName person={e.actor} />
                  </span>
                )}
                {e.docNo && <span>文号：{e.docNo}</span>}
                {money(e.amount) && <span>金额：{money(e.amount)}</span>}
              </Space>
              {e.reason && <div style={{ fontSize: 13 }}>原因：{e.reason}</div>}
              {e.note && <div style={{ fontSize: 13 }}>{e.note}</div>}
              <EventDocuments eventId={e.id} documents={e.documents} canUpload={props.canTransition} />
            </Timeline.Item>
          ))}
        </Timeline>
        </div>
      </Card>
      <Card title={`下一步（当前：${props.parcel.stage}）`} bordered={false}>
        {props.steps.length === 0 && <div className="lr-muted">「{props.parcel.stage}」是终点环节，没有可办理的下一步。</div>}
        <Space direction="vertical" style={{ width: '100%' }}>
          {props.steps.map((s) => (
            <div key={s.to} data-testid={`step-${s.to}`}>
            <Card size="small" bordered>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <span style={{ fontWeight: 600 }}>
                  {s.label} <Tag variant="light">转为「{s.to}」</Tag>
                </span>
                {props.canTransition && (
                  <Button size="small" theme={s.kind === 'advance' ? 'primary' : 'danger'} variant={s.kind === 'advance' ? 'base' : 'outline'} onClick={() => setOpen(s)}>
                    办理
                  </Button>
                )}
              </div>
              {s.docNeed && <DocNeed need={s.docNeed} />}
              {s.blockers.length === 0 ? (
                <div style={{ color: 'var(--td-success-color)', marginTop: 8, fontSize: 13 }}>
                  <CheckCircleFilledIcon /> 前置条件已满足
                </div>
              ) : (
                <ul style={{ margin: '8px 0 0', paddingLeft: 0, listStyle: 'none' }} data-testid="step-blockers">
                  {s.blockers.map((b) => (
                    <li key={b.code + b.message} style={{ marginBottom: 6, fontSize: 13 }}>
                      <span style={{ color: 'var(--td-error-color)' }}>
                        <CloseCircleFilledIcon /> {b.message}
                      </span>
                      <div className="lr-muted" style={{ fontSize: 12, marginLeft: 18 }}>
                        依据：{b.rule}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            </div>
          ))}
        </Space>
      </Card>
      {open && (
        <TransitionDialog
          parcelId={props.parcel.id}
          version={props.parcel.version}
          step={open}
          today={props.today}
          lastEventDate={props.events.reduce<string | null>((last, e) => (last && last > e.eventDate ? last : e.eventDate), null)}
          supplyContext={props.supplyContext}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
