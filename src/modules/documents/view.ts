import { formatDateTime } from '@/ui/format';
import { formatMegabytes } from '@/platform/storage/file-size';
import { actRefusal, type FlowParticipant } from '@/platform/flow/definition';
import { LINK_TYPE_LABELS, SIGNED_STATUSES, STEP_DRAFT, STEP_PERMISSION_DEFAULT, STEP_PERMISSIONS, type TDocumentStatus, type TLinkType } from './constants';
import type { DocumentDetail, DocumentListRow } from './queries';

/** Client-safe views of the 公文 pages (plain data, dates as text). */
export interface DocumentRowView {
  id: string;
  docNo: string | null;
  title: string;
  docType: string;
  urgency: string;
  secrecy: string;
  docDate: string | null;
  status: string;
  currentStepName: string | null;
  departmentName: string | null;
  drafterName: string;
  isDemo: boolean;
  createdText: string;
}

export function toDocumentRowView(r: DocumentListRow): DocumentRowView {
  return {
    id: r.id,
    docNo: r.docNo,
    title: r.title,
    docType: r.docType,
    urgency: r.urgency,
    secrecy: r.secrecy,
    docDate: r.docDate,
    status: r.status,
    currentStepName: r.currentStepName,
    departmentName: r.departmentName,
    drafterName: r.drafterName,
    isDemo: r.isDemo,
    createdText: formatDateTime(r.createdAt),
  };
}

export interface DocumentActionsView {
  canEdit: boolean;
  canUpload: boolean;
  /** The current step this user can act on (null: nothing for them now). */
  step: { key: string; name: string; isDraft: boolean; countersign: boolean } | null;
}

export interface DocumentDetailView {
  id: string;
  version: number;
  title: string;
  docNo: string | null;
  docType: string;
  issuingOrg: string;
  mainRecipients: string | null;
  copyRecipients: string | null;
  urgency: string;
  secrecy: string;
  docDate: string | null;
  body: string;
  status: string;
  signed: boolean;
  departmentName: string | null;
  drafterName: string;
  signerName: string | null;
  signedText: string | null;
  isDemo: boolean;
  links: { type: TLinkType; typeLabel: string; id: string; code: string; name: string; href: string }[];
  attachments: { id: string; fileName: string; sizeText: string; url: string }[];
  steps: { key: string; name: string; state: 'done' | 'current' | 'waiting'; note: string | null }[];
  flowStatus: string | null;
  history: { id: string; stepName: string; departmentName: string | null; actorName: string; decision: string; opinion: string | null; atText: string; round: number }[];
  actions: DocumentActionsView;
}

export function documentActions(d: DocumentDetail, who: FlowParticipant, permissions: ReadonlySet<string>): DocumentActionsView {
  const status = d.doc.status as TDocumentStatus;
  const own = d.doc.drafterId === who.userId;
  const draftStage = status === '草稿' || status === '已退回';
  const editable = own && draftStage && permissions.has('document:draft') && !SIGNED_STATUSES.includes(status);
  let step: DocumentActionsView['step'] = null;
  const cur = d.flow?.currentStep;
  if (d.flow && cur && actRefusal(d.flow, who) === null && permissions.has(STEP_PERMISSIONS[cur.key] ?? STEP_PERMISSION_DEFAULT)) {
    step = { key: cur.key, name: cur.name, isDraft: cur.key === STEP_DRAFT, countersign: cur.mode === 'countersign' };
  }
  return { canEdit: editable, canUpload: editable, step };
}

export function toDocumentDetailView(d: DocumentDetail, actions: DocumentActionsView, deptNames: ReadonlyMap<string, string>): DocumentDetailView {
  const flow = d.flow;
  const steps = (flow?.steps ?? []).map((s, i) => {
    const state: 'done' | 'current' | 'waiting' = !flow || flow.status === '已完成' || i < flow.currentStepIndex ? (flow ? 'done' : 'waiting') : i === flow.currentStepIndex ? 'current' : 'waiting';
    let note: string | null = null;
    if (s.mode === 'countersign') {
      const names = (s.departmentIds ?? []).map((id) => deptNames.get(id) ?? '（已删除的科室）');
      const done = state === 'current' ? flow!.approvedDepartmentIds : [];
      note = `会签：${names.join('、')}${state === 'current' ? `（已会签 ${done.length}/${names.length}）` : ''}`;
    }
    return { key: s.key, name: s.name, state, note };
  });
  return {
    id: d.doc.id,
    version: d.doc.version,
    title: d.doc.title,
    docNo: d.doc.docNo,
    docType: d.doc.docType,
    issuingOrg: d.doc.issuingOrg,
    mainRecipients: d.doc.mainRecipients,
    copyRecipients: d.doc.copyRecipients,
    urgency: d.doc.urgency,
    secrecy: d.doc.secrecy,
    docDate: d.doc.docDate,
    body: d.doc.body,
    status: d.doc.status,
    signed: SIGNED_STATUSES.includes(d.doc.status as TDocumentStatus),
    departmentName: d.departmentName,
    drafterName: d.doc.drafterName,
    signerName: d.doc.signerName,
    signedText: d.doc.signedAt ? formatDateTime(d.doc.signedAt) : null,
    isDemo: d.doc.isDemo,
    links: d.links.map((l) => ({ ...l, typeLabel: LINK_TYPE_LABELS[l.type] })),
    attachments: d.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeText: formatMegabytes(a.sizeBytes), url: `/api/documents/files/${a.id}` })),
    steps,
    flowStatus: flow?.status ?? null,
    history: d.history.map((h) => ({
      id: h.id,
      stepName: h.stepName,
      departmentName: h.departmentName,
      actorName: h.actorName,
      decision: h.decision,
      opinion: h.opinion,
      atText: formatDateTime(h.at),
      round: h.round,
    })),
    actions,
  };
}

/** The form's values (create: empty; edit: the document's). */
export interface DocumentFormValues {
  docType: string;
  title: string;
  issuingOrg: string;
  mainRecipients: string;
  copyRecipients: string;
  urgency: string;
  secrecy: string;
  docDate: string;
  body: string;
  skipCountersign: boolean;
  planIds: string[];
  projectIds: string[];
  parcelIds: string[];
}

export const EMPTY_DOCUMENT_FORM: DocumentFormValues = {
  docType: '通知',
  title: '',
  issuingOrg: '益阳市土地储备中心',
  mainRecipients: '',
  copyRecipients: '',
  urgency: '平件',
  secrecy: '内部',
  docDate: '',
  body: '',
  skipCountersign: false,
  planIds: [],
  projectIds: [],
  parcelIds: [],
};

export function toDocumentFormValues(d: DocumentDetail): DocumentFormValues {
  return {
    docType: d.doc.docType,
    title: d.doc.title,
    issuingOrg: d.doc.issuingOrg,
    mainRecipients: d.doc.mainRecipients ?? '',
    copyRecipients: d.doc.copyRecipients ?? '',
    urgency: d.doc.urgency,
    secrecy: d.doc.secrecy,
    docDate: d.doc.docDate ?? '',
    body: d.doc.body,
    skipCountersign: d.doc.skipSteps.length > 0,
    planIds: d.links.filter((l) => l.type === 'plan').map((l) => l.id),
    projectIds: d.links.filter((l) => l.type === 'project').map((l) => l.id),
    parcelIds: d.links.filter((l) => l.type === 'parcel').map((l) => l.id),
  };
}
