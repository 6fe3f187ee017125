import { AUDIT_LABELS as ACCOUNTS } from './accounts/audit-labels';
import { AUDIT_LABELS as BONDS } from './bonds/audit-labels';
import { AUDIT_LABELS as BUDGETS } from './budgets/audit-labels';
import { AUDIT_LABELS as LEDGER } from './ledger/audit-labels';

/** Audit field names of the funds module, merged into the audit log's label table. */
export const FUNDS_AUDIT_LABELS: Record<string, string> = { ...ACCOUNTS, ...BUDGETS, ...LEDGER, ...BONDS };
