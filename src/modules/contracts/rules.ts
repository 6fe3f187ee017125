import { dec, Dec } from '@/modules/plans/amounts';
import { compareAmounts, toAmount } from '@/modules/funds/rules/money';
import { groupThousands } from '@/ui/format';

/**
 * Contracts (合同): pure rules, client-safe. Money is decimal strings in 元 with 2 decimals,
 * computed with decimal.js (never floats), as in the funds module.
 */

export const CONTRACT_TYPES = ['征收补偿协议', '工程施工', '监理', '勘察设计', '服务', '土地出让', '租赁', '其他'] as const;
export type TContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_STATUSES = ['draft', 'effective', 'completed', 'terminated'] as const;
export type TContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<TContractStatus, string> = { draft: '草稿', effective: '生效', completed: '履行完毕', terminated: '解除' };
export const contractStatusText = (s: string) => CONTRACT_STATUS_LABELS[s as TContractStatus] ?? s;

/** 草稿 → 生效 → 履行完毕 / 解除; a draft may also be 解除 (never signed). */
const NEXT: Record<TContractStatus, readonly TContractStatus[]> = {
  draft: ['effective', 'terminated'],
  effective: ['completed', 'terminated'],
  completed: [],
  terminated: [],
};

export function statusTransitionProblem(from: string, to: string): string | null {
  const next = NEXT[from as TContractStatus];
  if (!next) return `合同状态「${from}」无效`;
  if (next.includes(to as TContractStatus)) return null;
  if (!next.length) return `合同已「${contractStatusText(from)}」，状态不能再改变`;
  return `合同当前为「${contractStatusText(from)}」，只能改为${next.map((s) => `「${contractStatusText(s)}」`).join('或')}`;
}

export const CHANGE_KINDS = ['变更', '签证'] as const;
export type TChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_STATUSES = ['pending', 'approved', 'returned'] as const;
export type TChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CHANGE_STATUS_LABELS: Record<TChangeStatus, string> = { pending: '待审批', approved: '已批准', returned: '已退回' };

/* ---------------------------------------------------------------- 统一社会信用代码 (GB 32100-2015) */

/** The 31 characters of the code (no I, O, S, V, Z), in the order that gives their values 0–30. */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i−1) mod 31. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character (18th) of the first 17 characters, per GB 32100-2015 §4.3 / 附录 A. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_CHARS[c === 31 ? 0 : c];
}

/**
 * Why `raw` is not a valid 统一社会信用代码, or null: 18 characters from the code's character set
 * (letters upper-case; lower case is accepted and normalised by the caller), the 登记管理部门码
 * and 机构类别码 (positions 1–2), the 6-digit 行政区划码 (3–8), and the check character (18).
 */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return `统一社会信用代码应为 18 位（现为 ${code.length} 位）`;
  for (const ch of code) {
    if (!CREDIT_CODE_CHARS.includes(ch)) return `统一社会信用代码不能包含「${ch}」（不使用 I、O、S、V、Z）`;
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(code)) return '统一社会信用代码第 3–8 位应为行政区划码（6 位数字）';
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `统一社会信用代码校验位不正确（按 GB 32100-2015 计算应为「${expected}」），请核对`;
  return null;
}

export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/* ---------------------------------------------------------------- amounts */

/** Amount in 元 as a message reads it: "1,234.50 元". */
export const yuan = (a: string) => `${groupThousands(toAmount(dec(a)))} 元`;

export interface ContractFigureInput {
  /** Original contract amount. */
  amount: string;
  /** Deltas (±) of the change orders, with their status. */
  changes: readonly { delta: string; status: string }[];
  /** Linked expense entries (reversals negative), with their ledger status. */
  payments: readonly { amount: string; status: string }[];
  /** The payment plan. */
  milestones: readonly { amount: string }[];
}

export interface ContractFigures {
  original: string;
  /** Σ approved change deltas. */
  approvedChanges: string;
  /** Σ change deltas still awaiting approval (not counted). */
  pendingChanges: string;
  /** original + approved changes. */
  effective: string;
  /** Σ approved entries (reversals included). */
  paid: string;
  /** Σ entries submitted and not yet approved (提交、审核、领导审批). */
  inApproval: string;
  /** effective − paid − in approval: what a new payment may still take. */
  remaining: string;
  /** Σ milestones. */
  planned: string;
  /** effective − planned (negative when the plan exceeds the contract). */
  unplanned: string;
  /** paid ÷ effective, percent with 2 decimals; null when the effective amount is 0. */
  paidPercent: string | null;
}

const IN_APPROVAL = ['submitted', 'reviewed', 'leader'];

/** Paid vs planned vs contract amount, exact to the fen. */
export function contractFigures(input: ContractFigureInput): ContractFigures {
  let approved = new Dec(0);
  let pending = new Dec(0);
  for (const c of input.changes) {
    if (c.status === 'approved') approved = approved.plus(dec(c.delta));
    else if (c.status === 'pending') pending = pending.plus(dec(c.delta));
  }
  let paid = new Dec(0);
  let inApproval = new Dec(0);
  for (const p of input.payments) {
    if (p.status === 'approved') paid = paid.plus(dec(p.amount));
    else if (IN_APPROVAL.includes(p.status)) inApproval = inApproval.plus(dec(p.amount));
  }
  const planned = input.milestones.reduce((s, m) => s.plus(dec(m.amount)), new Dec(0));
  const effective = dec(input.amount).plus(approved);
  return {
    original: toAmount(dec(input.amount)),
    approvedChanges: toAmount(approved),
    pendingChanges: toAmount(pending),
    effective: toAmount(effective),
    paid: toAmount(paid),
    inApproval: toAmount(inApproval),
    remaining: toAmount(effective.minus(paid).minus(inApproval)),
    planned: toAmount(planned),
    unplanned: toAmount(effective.minus(planned)),
    paidPercent: effective.isZero() ? null : paid.div(effective).mul(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
  };
}

/**
 * A payment of `amount` submitted against a contract whose remaining amount is `remaining`
 * (the entry itself not counted): the refusal, or null when it fits.
 */
export function overpaymentProblem(contractNo: string, amount: string, remaining: string): string | null {
  if (compareAmounts(amount, remaining) <= 0) return null;
  return `合同 ${contractNo} 剩余可付金额为 ${yuan(remaining)}，本笔支付 ${yuan(amount)} 超出 ${yuan(toAmount(dec(amount).minus(dec(remaining))))}，不能提交；如合同金额有变更，请先办理合同变更`;
}

/** An approved negative change may not bring the effective amount below what is paid or in approval. */
export function changeApprovalProblem(f: ContractFigures, delta: string): string | null {
  const after = dec(f.effective).plus(dec(delta));
  const bound = dec(f.paid).plus(dec(f.inApproval));
  if (after.isNegative()) return `变更后合同金额为 ${yuan(toAmount(after))}，不能为负数`;
  if (after.lt(bound)) return `变更后合同金额 ${yuan(toAmount(after))} 低于已支付和审批中的金额合计 ${yuan(toAmount(bound))}，不能批准`;
  return null;
}

/* ---------------------------------------------------------------- reminders */

/** Add `days` calendar days to an ISO date (UTC arithmetic on the date only). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface MilestoneState {
  id: string;
  dueOn: string;
  amount: string;
  /** Σ planned up to and including this milestone (by due date). */
  cumulative: string;
  /** Paid (approved) covers the cumulative plan through this milestone. */
  covered: boolean;
  /** Due date passed and not covered. */
  overdue: boolean;
  /** Not covered and due within `soonDays` from today (today included). */
  dueSoon: boolean;
}

/**
 * Each milestone's state: milestones are paid in due-date order, so one is covered when the
 * approved payments reach the plan's cumulative sum through it.
 */
export function milestoneStates(milestones: readonly { id: string; dueOn: string; amount: string }[], paid: string, today: string, soonDays: number): MilestoneState[] {
  const sorted = [...milestones].sort((a, b) => (a.dueOn === b.dueOn ? a.id.localeCompare(b.id) : a.dueOn < b.dueOn ? -1 : 1));
  const limit = addDays(today, soonDays);
  let cum = new Dec(0);
  return sorted.map((m) => {
    cum = cum.plus(dec(m.amount));
    const covered = dec(paid).gte(cum);
    return {
      id: m.id,
      dueOn: m.dueOn,
      amount: m.amount,
      cumulative: toAmount(cum),
      covered,
      overdue: !covered && m.dueOn < today,
      dueSoon: !covered && m.dueOn >= today && m.dueOn <= limit,
    };
  });
}
