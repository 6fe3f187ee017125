import { KitCard } from '@/ui/kit/card';
import { KitTag } from '@/ui/kit/tag';
import { KitTimeline } from '@/ui/kit/timeline';
import type { PersonLabel } from '@/platform/auth/people';
import { PersonName } from '@/ui/person-name';
import { groupThousands } from '@/ui/format';
import type { TSupplyContext } from '../../rules';
import type { TransitionStep } from './transition-dialog';
import { EventDocuments } from './event-documents';
import { TransitionButton } from './transition-button';

export interface LifecycleStepView extends TransitionStep {
  blockers: { code: string; message: string; rule: string }[];
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
  return `${groupThousands(int)}.${frac.padEnd(2, '0')} 元`;
}

/** What the 启动收储 card says about the document its dialog asks for. */
function DocNeed({ need }: { need: NonNullable<TransitionStep['docNeed']> }) {
  return (
    <div className="lr-step__line" data-testid="step-doc-need">
      <span className={need.required ? 'lr-warning-text lr-step__text' : 'lr-muted lr-step__text'}>
        <span aria-hidden="true">{need.required ? 'ⓘ' : '✓'}</span> {need.note}
      </span>
      <div className="lr-muted lr-step__rule">依据：{need.rule}</div>
    </div>
  );
}

function StepCard(props: { step: LifecycleStepView; action: React.ReactNode }) {
  const s = props.step;
  return (
    <div className="t-card t-card--bordered lr-step" data-testid={`step-${s.to}`}>
      <div className="lr-step__head">
        <span className="lr-step__title">
          {s.label} <KitTag>转为「{s.to}」</KitTag>
        </span>
        {props.action}
      </div>
      {s.docNeed && <DocNeed need={s.docNeed} />}
      {s.blockers.length === 0 ? (
        <div className="lr-step__line lr-step__ok">
          <span aria-hidden="true">✓</span> 前置条件已满足
        </div>
      ) : (
        <ul className="lr-step__blockers" data-testid="step-blockers">
          {s.blockers.map((b) => (
            <li key={b.code + b.message}>
              <span className="lr-step__blocked">
                <span aria-hidden="true">✕</span> {b.message}
              </span>
              <div className="lr-muted lr-step__rule">依据：{b.rule}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * 环节流转, rendered on the server: the events (their document pickers are islands) and the next
 * steps with what still blocks each; 办理 opens the transition dialog (an island).
 */
export function LifecycleView(props: {
  parcel: { id: string; code: string; stage: string; version: number };
  steps: LifecycleStepView[];
  events: LifecycleEventView[];
  canTransition: boolean;
  today: string;
  /** Set while the parcel is 可供应: what the supply form checks the terms against. */
  supplyContext: TSupplyContext | null;
}) {
  const lastEventDate = props.events.reduce<string | null>((last, e) => (last && last > e.eventDate ? last : e.eventDate), null);
  return (
    <div className="lr-lifecycle">
      <KitCard title="流转记录">
        <KitTimeline
          testId="lifecycle-timeline"
          items={props.events.map((e) => ({
            key: e.id,
            label: e.eventDate,
            color: e.toStage === '终止' ? 'var(--td-error-color)' : e.reason ? 'var(--td-warning-color)' : undefined,
            content: (
              <>
                <div className="lr-event-title">{e.fromStage ? `${e.fromStage} → ${e.toStage}` : `登记为「${e.toStage}」`}</div>
                <div className="lr-muted lr-event-facts">
                  {e.actor && (
                    <span data-testid="event-actor">
                      经办：<PersonName person={e.actor} />
                    </span>
                  )}
                  {e.docNo && <span>文号：{e.docNo}</span>}
                  {money(e.amount) && <span>金额：{money(e.amount)}</span>}
                </div>
                {e.reason && <div className="lr-event-text">原因：{e.reason}</div>}
                {e.note && <div className="lr-event-text">{e.note}</div>}
                <EventDocuments eventId={e.id} documents={e.documents} canUpload={props.canTransition} />
              </>
            ),
          }))}
        />
      </KitCard>
      <KitCard title={`下一步（当前：${props.parcel.stage}）`}>
        {props.steps.length === 0 && <div className="lr-muted">「{props.parcel.stage}」是终点环节，没有可办理的下一步。</div>}
        <div className="lr-stack">
          {props.steps.map((s) => (
            <StepCard
              key={s.to}
              step={s}
              action={
                props.canTransition ? (
                  <TransitionButton
                    parcelId={props.parcel.id}
                    version={props.parcel.version}
                    step={{ to: s.to, kind: s.kind, label: s.label, ...(s.docNeed ? { docNeed: s.docNeed } : {}) }}
                    today={props.today}
                    lastEventDate={lastEventDate}
                    supplyContext={props.supplyContext}
                  />
                ) : undefined
              }
            />
          ))}
        </div>
      </KitCard>
    </div>
  );
}
