/**
 * The workflow trail of a ledger entry (ledger_steps): step codes, their names and the notes the
 * system writes itself. Pure, shared by the mutations and the demo data, so both write the same trail.
 */

/** Workflow step codes stored in ledger_steps.action, and their names. */
export const STEP_LABELS = {
  create: '登记',
  submit: '提交',
  review: '审核通过',
  approve: '财务审批',
  'leader-approve': '领导审批',
  return: '退回',
  reverse: '发起冲销',
  'reversal-approved': '冲销生效',
} as const;
export type TStepAction = keyof typeof STEP_LABELS;

/** The first step of an entry posted by the acquisition module's compensation payment. */
export const COMPENSATION_STEP_COMMENT = '由征收补偿登记自动生成';
/** The first step of an entry posted by a special bond's interest payment. */
export const BOND_INTEREST_STEP_COMMENT = '由专项债券还本付息登记自动生成';

/** Noted on the original when a reversal of it is submitted. */
export const reversalRequestedNote = (reversalNo: string, reason: string) => `冲销记录 ${reversalNo}：${reason}`;
/** Noted on the original when its reversal is approved. */
export const reversalApprovedNote = (reversalNo: string) => `冲销记录 ${reversalNo} 已审批，本记录已冲销`;
