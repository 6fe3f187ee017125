import { formatYuan } from '@/modules/plans/amounts';
import { ENTRY_STATUSES, WORKFLOW_ACTION_LABELS, fundSourceName, type TEntryStatus, type TWorkflowAction } from '../rules';
import { formatDateTime } from '@/ui/format';
import type { PersonLabel } from '@/platform/auth/people';
import type { EntryActions } from './entry-actions';
import type { EntryDetail, LedgerAccountOption, LedgerRow, LedgerTotals } from './queries';
import { DIRECTION_LABELS, ORIGIN_LABELS, type TDirection, type TOrigin } from './validation';
import { INTEGRITY_LABELS, type TLedgerIntegrity } from './integrity-labels';

/** Plain, serialisable shapes the ledger pages hand to their client components. Client-safe. */

export interface OptionView {
  value: string;
  label: string;
}

export const STATUS_THEMES: Record<TEntryStatus, 'default' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'default',
  submitted: 'warning',
  reviewed: 'primary',
  leader: 'warning',
  approved: 'success',
  returned: 'danger',
};

export interface LedgerRowView {
  id: string;
  entryNo: string;
  direction: TDirection;
  directionLabel: string;
  entryDate: string;
  amount: string;
  amountText: string;
  negative: boolean;
  category: string;
  sourceName: string | null;
  accountName: string | null;
  projectId: string;
  projectLabel: string;
  parcelId: string | null;
  parcelCode: string | null;
  counterparty: string | null;
  voucherNo: string | null;
  description: string | null;
  status: TEntryStatus;
  statusLabel: string;
  origin: TOrigin;
  originLabel: string;
  reversed: boolean;
  isDemo: boolean;
  /** HMAC-SM3 tag check: anything but 'ok' is flagged in red (integrityText says what). */
  integrity: TLedgerIntegrity;
  integrityText: string;
}

export function projectLabelOf(code: string | null, name: string | null): string {
  return [code, name].filter(Boolean).join(' ') || '（项目已删除）';
}

export function toLedgerRowView(r: LedgerRow): LedgerRowView {
  return {
    id: r.id,
    entryNo: r.entryNo,
    direction: r.direction,
    directionLabel: DIRECTION_LABELS[r.direction],
    entryDate: r.entryDate,
    amount: r.amount,
    amountText: formatYuan(r.amount),
    negative: r.amount.startsWith('-'),
    category: r.category,
    sourceName: r.sourceName,
    accountName: r.accountName,
    projectId: r.projectId,
    projectLabel: projectLabelOf(r.projectCode, r.projectName),
    parcelId: r.parcelId,
    parcelCode: r.parcelCode,
    counterparty: r.counterparty,
    voucherNo: r.voucherNo,
    description: r.description,
    status: r.status,
    statusLabel: ENTRY_STATUSES[r.status],
    origin: r.origin,
    originLabel: ORIGIN_LABELS[r.origin],
    reversed: r.reversedBy !== null,
    isDemo: r.isDemo,
    integrity: r.integrity,
    integrityText: INTEGRITY_LABELS[r.integrity],
  };
}

export interface LedgerTotalsView {
  count: number;
  approvedCount: number;
  approved: { income: string; expense: string; net: string };
  all: { income: string; expense: string; net: string };
  /** Approved 零星收入 (paid into the treasury), null when there is none. */
  treasuryApproved: string | null;
  /** Entries in the totals whose integrity check fails (their numbers, at most 20 shown). */
  integrityProblems: IntegrityProblemsView;
}

export interface IntegrityProblemsView {
  count: number;
  /** Of them, tags that do not match or are missing (the rest: not yet tagged, or key missing). */
  failed: number;
  entryNos: string[];
}

export function toIntegrityProblemsView(problems: readonly { entryNo: string; verdict: TLedgerIntegrity }[]): IntegrityProblemsView {
  return {
    count: problems.length,
    failed: problems.filter((p) => p.verdict === 'tampered' || p.verdict === 'untagged').length,
    entryNos: problems.slice(0, 20).map((p) => p.entryNo),
  };
}

export function toLedgerTotalsView(t: LedgerTotals): LedgerTotalsView {
  const fmt = (x: { income: string; expense: string; net: string }) => ({ income: formatYuan(x.income), expense: formatYuan(x.expense), net: formatYuan(x.net) });
  return {
    count: t.count,
    approvedCount: t.approved.count,
    approved: fmt(t.approved),
    all: fmt(t.all),
    treasuryApproved: t.treasuryApproved === '0.00' ? null : formatYuan(t.treasuryApproved),
    integrityProblems: toIntegrityProblemsView(t.integrityProblems),
  };
}

export interface AccountOptionView {
  value: string;
  label: string;
  sourceCode: string;
  active: boolean;
}

export function toAccountOptionView(a: LedgerAccountOption): AccountOptionView {
  const bank = [a.bankName, a.accountNo].filter(Boolean).join(' ');
  return {
    value: a.id,
    label: `${a.name}（${fundSourceName(a.sourceCode)}${bank ? `，${bank}` : ''}）${a.status === 'active' ? '' : '［已停用］'}`,
    sourceCode: a.sourceCode,
    active: a.status === 'active',
  };
}

/** Form values: everything as text, as typed. */
export interface EntryFormValues {
  direction: TDirection;
  entryDate: string;
  amount: string;
  category: string;
  sourceCode: string;
  accountId: string;
  projectId: string;
  parcelId: string;
  contractNo: string;
  contractId: string;
  voucherNo: string;
  counterparty: string;
  description: string;
}

export const EMPTY_ENTRY_FORM: EntryFormValues = {
  direction: 'expense',
  entryDate: '',
  amount: '',
  category: '',
  sourceCode: '',
  accountId: '',
  projectId: '',
  parcelId: '',
  contractNo: '',
  contractId: '',
  voucherNo: '',
  counterparty: '',
  description: '',
};

export function toEntryFormValues(d: EntryDetail): EntryFormValues {
  return {
    direction: d.direction,
    entryDate: d.entryDate,
    amount: d.amount,
    category: d.category,
    sourceCode: d.sourceCode ?? '',
    accountId: d.accountId ?? '',
    projectId: d.projectId,
    parcelId: d.parcelId ?? '',
    contractNo: d.contractNo ?? '',
    contractId: d.contractId ?? '',
    voucherNo: d.voucherNo ?? '',
    counterparty: d.counterparty ?? '',
    description: d.description ?? '',
  };
}

export interface EntryStepItemView {
  id: string;
  label: string;
  fromLabel: string | null;
  toLabel: string;
  actor: PersonLabel | null;
  comment: string | null;
  warnings: string[];
  at: string;
  tone: 'primary' | 'success' | 'warning' | 'error' | 'default';
}

export interface EntryDetailView {
  row: LedgerRowView;
  id: string;
  version: number;
  sourceCode: string | null;
  accountId: string | null;
  contractNo: string | null;
  /** The linked contract (合同台账), for the link on the entry page. */
  contractId: string | null;
  projectClosed: boolean;
  parcelName: string | null;
  leaderRequired: boolean;
  returnComment: string | null;
  people: EntryDetail['people'];
  steps: EntryStepItemView[];
  attachments: { id: string; fileName: string; sizeText: string; url: string }[];
  original: { id: string; entryNo: string } | null;
  reversals: { id: string; entryNo: string; statusLabel: string; amountText: string }[];
  actions: EntryActions;
  actionLabels: Record<TWorkflowAction, string>;
}

function stepTone(action: string, toStatus: string): EntryStepItemView['tone'] {
  if (action === 'return') return 'error';
  if (action === 'reverse' || action === 'reversal-approved') return 'warning';
  if (toStatus === 'approved') return 'success';
  return 'primary';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function toEntryDetailView(d: EntryDetail, actions: EntryActions): EntryDetailView {
  return {
    row: toLedgerRowView(d),
    id: d.id,
    version: d.version,
    sourceCode: d.sourceCode,
    accountId: d.accountId,
    contractNo: d.contractNo,
    contractId: d.contractId,
    projectClosed: d.projectStatus === 'closed',
    parcelName: d.parcelName,
    leaderRequired: d.leaderRequired,
    returnComment: d.returnComment,
    people: d.people,
    steps: d.steps.map((s) => ({
      id: s.id,
      label: s.label,
      fromLabel: s.fromStatus ? (ENTRY_STATUSES[s.fromStatus as TEntryStatus] ?? s.fromStatus) : null,
      toLabel: ENTRY_STATUSES[s.toStatus as TEntryStatus] ?? s.toStatus,
      actor: s.actor,
      comment: s.comment,
      warnings: s.warnings,
      at: formatDateTime(s.createdAt),
      tone: stepTone(s.action, s.toStatus),
    })),
    attachments: d.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeText: sizeText(a.sizeBytes), url: a.url })),
    original: d.original,
    reversals: d.reversals.map((r) => ({ id: r.id, entryNo: r.entryNo, statusLabel: ENTRY_STATUSES[r.status], amountText: formatYuan(r.amount) })),
    actions,
    actionLabels: WORKFLOW_ACTION_LABELS,
  };
}
