import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import type { Column } from '@/ui/kit/columns';
import { DescList, type DescItem } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import { KitTimeline } from '@/ui/kit/timeline';
import { PersonName } from '@/ui/person-name';
import type { PersonLabel } from '@/platform/auth/people';
import { ASSIGNMENT_STATUS_LABELS, STEP_LABELS, type TAssignmentStatus, type TIncomingState, type TStep } from '../rules';
import { DueMark, IncomingStateTag, UrgencyTag } from './incoming-marks';
import { IncomingActions, type IncomingActionsView } from './incoming-actions';
import { IncomingAttachments, type IncomingAttachmentsView } from './incoming-attachments';

export interface IncomingDetailView {
  id: string;
  receiptNo: string;
  title: string;
  state: TIncomingState;
  isDemo: boolean;
  overdue: boolean;
  facts: {
    senderOrg: string;
    senderNo: string | null;
    docType: string;
    urgency: string;
    secrecy: string;
    receivedOn: string;
    writtenOn: string | null;
    pageCount: number | null;
    summary: string | null;
    registeredBy: PersonLabel | null;
    plan: { id: string; label: string } | null;
    project: { id: string; label: string } | null;
    parcel: { id: string; label: string } | null;
    reply: { id: string | null; title: string } | null;
  };
  opinions: { label: string; text: string | null; by: PersonLabel | null; at: string }[];
  assignments: {
    id: string;
    departmentName: string;
    dueOn: string;
    status: TAssignmentStatus;
    dueText: string | null;
    overdue: boolean;
    soon: boolean;
    request: string | null;
    result: string | null;
    by: PersonLabel | null;
    at: string;
  }[];
  steps: { id: string; action: TStep; at: string; actor: PersonLabel | null; departmentName: string | null; opinion: string | null }[];
  actions: IncomingActionsView;
  attachments: IncomingAttachmentsView;
}

const STEP_COLOURS: Partial<Record<TStep, string>> = {
  return: 'var(--td-error-color)',
  complete: 'var(--td-success-color)',
  archive: 'var(--td-gray-color-6)',
};

const link = (href: string, text: string) => (
  <a className="lr-link" href={href}>
    {text}
  </a>
);

type AssignmentRow = IncomingDetailView['assignments'][number];

const ASSIGNMENT_COLUMNS: Column<AssignmentRow>[] = [
  { key: 'dept', title: '承办科室', kind: 'text', width: 110, value: (r) => r.departmentName },
  {
    key: 'due',
    title: '办理期限',
    kind: 'text',
    width: 190,
    tooltip: (r) => [r.dueOn, r.dueText].filter(Boolean).join('，'),
    render: (r) => (
      <span className="lr-num">
        {r.dueOn}
        <DueMark text={r.dueText} overdue={r.overdue} soon={r.soon} />
      </span>
    ),
  },
  { key: 'request', title: '办理要求', kind: 'text', value: (r) => r.request },
  {
    key: 'status',
    title: '状态',
    kind: 'tag',
    width: 150,
    render: (r) => (
      <KitTag theme={r.status === 'done' ? 'success' : r.status === 'pending' ? 'warning' : r.status === 'returned' ? 'danger' : 'default'}>{ASSIGNMENT_STATUS_LABELS[r.status]}</KitTag>
    ),
  },
  { key: 'result', title: '办理情况 / 退回原因', kind: 'text', value: (r) => r.result },
  { key: 'by', title: '办理人', kind: 'person', render: (r) => <PersonName person={r.by} empty="" /> },
  { key: 'at', title: '时间', kind: 'datetime', value: (r) => r.at },
];

/**
 * 收文 on the page kit: the facts, the opinions of 拟办 / 批示 / 办结, the departments' parts with
 * their due dates (overdue in red), the attachments and the timeline of every step. Islands: the
 * step buttons with their dialogs, and the attachments.
 */
export function IncomingDetail({ view }: { view: IncomingDetailView }) {
  const f = view.facts;
  const items: DescItem[] = [
    { label: '来文单位', content: f.senderOrg },
    { label: '来文字号', content: f.senderNo },
    { label: '文种', content: f.docType },
    { label: '紧急程度', content: <UrgencyTag urgency={f.urgency} /> },
    { label: '密级', content: f.secrecy },
    { label: '页数', content: f.pageCount === null ? null : `${f.pageCount} 页` },
    { label: '收文日期', content: f.receivedOn },
    { label: '成文日期', content: f.writtenOn },
    { label: '登记人', content: <PersonName person={f.registeredBy} /> },
    { label: '储备计划', content: f.plan ? link(`/plans/${f.plan.id}`, f.plan.label) : null },
    { label: '储备项目', content: f.project ? link(`/projects/${f.project.id}`, f.project.label) : null },
    { label: '地块', content: f.parcel ? link(`/parcels/${f.parcel.id}`, f.parcel.label) : null },
    ...(f.reply ? [{ label: '复文', content: `${f.reply.title}${f.reply.id ? `（编号 ${f.reply.id}）` : ''}`, span: 3, testId: 'incoming-reply' }] : []),
    { label: '内容摘要', content: f.summary ? <span style={{ whiteSpace: 'pre-wrap' }}>{f.summary}</span> : null, span: 3 },
  ];
  const opinions = view.opinions.filter((o) => o.text !== null || o.by !== null);
  return (
    <div className="lr-stack">
      <KitCard
        testId="incoming-detail"
        title={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <span data-testid="incoming-no">{view.receiptNo}</span>
            <IncomingStateTag state={view.state} />
            {view.overdue && (
              <KitTag theme="danger" variant="dark">
                逾期
              </KitTag>
            )}
            {view.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={<IncomingActions view={view.actions} />}
      >
        <h3 style={{ margin: '0 0 12px', fontSize: 18 }} data-testid="incoming-title">
          {view.title}
        </h3>
        <DescList column={3} items={items} testId="incoming-facts" />
      </KitCard>
      {opinions.length > 0 && (
        <KitCard title="拟办、批示与办结意见">
          <DescList
            column={1}
            labelWidth={110}
            testId="incoming-opinions"
            items={opinions.map((o) => ({
              label: o.label,
              content: (
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{o.text ?? <span className="lr-muted">（无）</span>}</div>
                  <div className="lr-muted" style={{ fontSize: 13 }}>
                    <PersonName person={o.by} /> <span className="lr-num lr-gap">{o.at}</span>
                  </div>
                </div>
              ),
            }))}
          />
        </KitCard>
      )}
      <KitCard title={`分办与办理（${view.assignments.length}）`}>
        <DataTable columns={ASSIGNMENT_COLUMNS} rows={view.assignments} rowKey={(r) => r.id} empty="尚未分办" testId="incoming-assignments" />
      </KitCard>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <KitCard title="办理过程">
          <KitTimeline
            testId="incoming-timeline"
            items={view.steps.map((s) => ({
              key: s.id,
              label: s.at,
              color: STEP_COLOURS[s.action],
              testId: 'incoming-step',
              content: (
                <div>
                  <div style={{ fontWeight: 600 }}>
                    {STEP_LABELS[s.action]}
                    {s.departmentName && <span className="lr-muted lr-gap" style={{ fontWeight: 400 }}>{s.departmentName}</span>}
                  </div>
                  <div className="lr-muted" style={{ fontSize: 13 }} data-testid="step-actor">
                    <PersonName person={s.actor} />
                  </div>
                  {s.opinion && <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>意见：{s.opinion}</div>}
                </div>
              ),
            }))}
          />
        </KitCard>
        <IncomingAttachments view={view.attachments} />
      </div>
    </div>
  );
}
