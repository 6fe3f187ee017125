import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/** Money: numeric(18,2) in 元, read as decimal strings (never floats). */
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** The funding channels of F18 (财综〔2018〕8号): dictionary rows written by the migration. */
export const fundSources = pgTable('fund_sources', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  note: text('note'),
});

/** Accounts, each for one source (F18: reserve money is kept in separate accounts). */
export const fundAccounts = pgTable(
  'fund_accounts',
  {
    id: idColumn(),
    sourceCode: text('source_code').notNull(),
    name: text('name').notNull(),
    bankName: text('bank_name'),
    accountNo: text('account_no'),
    status: text('status').notNull().default('active'),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fund_accounts_name_uq').on(t.name),
    index('fund_accounts_source_idx').on(t.sourceCode),
    check('fund_accounts_status_ck', sql`${t.status} in ('active', 'closed')`),
  ],
);

/**
 * Budget versions of a project: `kind` 'life' (whole-life budget, year 0) or 'annual' (a year).
 * An adjustment adds a version with its reason and approval and supersedes the previous one;
 * exactly one version per (project, kind, year) is 'current' (kept by the mutations under a lock).
 */
export const budgetVersions = pgTable(
  'budget_versions',
  {
    id: idColumn(),
    projectId: text('project_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull().default(0),
    version: integer('version').notNull(),
    status: text('status').notNull().default('current'),
    reason: text('reason'),
    approvalDocNo: text('approval_doc_no'),
    approvedOn: date('approved_on', { mode: 'string' }),
    total: money('total').notNull().default('0'),
    createdBy: text('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('budget_versions_uq').on(t.projectId, t.kind, t.year, t.version),
    index('budget_versions_year_idx').on(t.year, t.status),
    check('budget_versions_kind_ck', sql`(${t.kind} = 'life' and ${t.year} = 0) or (${t.kind} = 'annual' and ${t.year} between 2000 and 2100)`),
    check('budget_versions_status_ck', sql`${t.status} in ('current', 'superseded')`),
  ],
);

/** Amount per category (征收补偿, 前期开发, 管护, 融资成本, 其他) of one budget version. */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: idColumn(),
    versionId: text('version_id').notNull(),
    category: text('category').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [uniqueIndex('budget_lines_uq').on(t.versionId, t.category), check('budget_lines_amount_ck', sql`${t.amount} >= 0`)],
);

/**
 * Income and expense entries. Amounts are positive, except a reversal (冲销), which carries the
 * negated amount of the entry it reverses, in the same direction. Only 'approved' entries count.
 * `origin` 'compensation' entries are posted by the acquisition module (party_id set),
 * 'bond-interest' entries by a special bond's interest payment (bond_payment_id set).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: idColumn(),
    entryNo: text('entry_no').notNull(),
    direction: text('direction').notNull(),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    category: text('category').notNull(),
    sourceCode: text('source_code'),
    accountId: text('account_id'),
    projectId: text('project_id').notNull(),
    parcelId: text('parcel_id'),
    partyId: text('party_id'),
    contractNo: text('contract_no'),
    /** The contract this payment is made under (contracts module); set: contract_no is its number. */
    contractId: text('contract_id'),
    voucherNo: text('voucher_no'),
    counterparty: text('counterparty'),
    description: text('description'),
    status: text('status').notNull().default('draft'),
    leaderRequired: boolean('leader_required').notNull().default(false),
    origin: text('origin').notNull().default('manual'),
    reversalOf: text('reversal_of'),
    reversedBy: text('reversed_by'),
    bondPaymentId: text('bond_payment_id'),
    createdBy: text('created_by'),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    leaderBy: text('leader_by'),
    leaderAt: timestamp('leader_at', { withTimezone: true }),
    returnComment: text('return_comment'),
    /** HMAC-SM3 tag of an approved entry (`v1:<keyVersion>:<hex>`, or `pending`): ledger/integrity.ts. */
    integrityTag: text('integrity_tag'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('ledger_entries_no_uq').on(t.entryNo),
    index('ledger_entries_project_idx').on(t.projectId, t.status),
    index('ledger_entries_date_idx').on(t.entryDate),
    index('ledger_entries_status_idx').on(t.status),
    index('ledger_entries_parcel_idx').on(t.parcelId),
    index('ledger_entries_party_idx').on(t.partyId),
    index('ledger_entries_account_idx').on(t.accountId),
    index('ledger_entries_reversal_idx').on(t.reversalOf),
    index('ledger_entries_bond_payment_idx').on(t.bondPaymentId),
    index('ledger_entries_contract_idx').on(t.contractId, t.status),
    check('ledger_entries_direction_ck', sql`${t.direction} in ('income', 'expense')`),
    check('ledger_entries_status_ck', sql`${t.status} in ('draft', 'submitted', 'reviewed', 'leader', 'approved', 'returned')`),
    check('ledger_entries_origin_ck', sql`${t.origin} in ('manual', 'compensation', 'reversal', 'bond-interest')`),
  ],
);

/** Each workflow step of an entry (提交, 审核, 审批, 退回, 冲销 …), with the actor and comment. */
export const ledgerSteps = pgTable(
  'ledger_steps',
  {
    id: idColumn(),
    entryId: text('entry_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    comment: text('comment'),
    /** Funds warnings (overspent budget, negative balance) the approver acknowledged at this step. */
    warnings: jsonb('warnings').$type<{ code: string; message: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_steps_entry_idx').on(t.entryId)],
);

/** Per-scope counters for human-readable numbers (e.g. ZJ2025-000123), taken under a row lock. */
export const fundCounters = pgTable('fund_counters', {
  scope: text('scope').primaryKey(),
  lastValue: integer('last_value').notNull().default(0),
});

/**
 * Special bonds (土地储备专项债券), issued by the province (`issuer`) for the city's projects.
 * `annual_rate` in percent (3.2500 = 3.25%); `coupons_per_year` 1 or 2 as issued; an
 * 'amortizing' bond repays `principal_percents` (one per year of the tenor, Σ 100) on its anniversaries.
 */
export const bonds = pgTable(
  'bonds',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull().default('湖南省'),
    amount: money('amount').notNull(),
    annualRate: numeric('annual_rate', { precision: 7, scale: 4 }).notNull(),
    termYears: integer('term_years').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    couponsPerYear: integer('coupons_per_year').notNull().default(1),
    repaymentType: text('repayment_type').notNull(),
    principalPercents: jsonb('principal_percents').$type<string[]>(),
    docNo: text('doc_no'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bonds_code_uq').on(t.code),
    check('bonds_repayment_ck', sql`${t.repaymentType} in ('bullet', 'amortizing')`),
    check('bonds_coupons_ck', sql`${t.couponsPerYear} in (1, 2)`),
    check('bonds_amount_ck', sql`${t.amount} > 0`),
  ],
);

/** Bond money allocated to a project (within the centre's cap, and covered by its expected income: 62号). */
export const bondAllocations = pgTable(
  'bond_allocations',
  {
    id: idColumn(),
    bondId: text('bond_id').notNull(),
    projectId: text('project_id').notNull(),
    amount: money('amount').notNull(),
    allocatedOn: date('allocated_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('bond_allocations_uq').on(t.bondId, t.projectId),
    index('bond_allocations_project_idx').on(t.projectId),
    check('bond_allocations_amount_ck', sql`${t.amount} > 0`),
  ],
);

/** The repayment schedule generated by the rules from the bond's terms. */
export const bondSchedule = pgTable(
  'bond_schedule',
  {
    id: idColumn(),
    bondId: text('bond_id').notNull(),
    seq: integer('seq').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    principal: money('principal').notNull(),
    interest: money('interest').notNull(),
    outstandingAfter: money('outstanding_after').notNull(),
  },
  (t) => [uniqueIndex('bond_schedule_uq').on(t.bondId, t.seq), index('bond_schedule_due_idx').on(t.dueDate)],
);

/** Payments made against a schedule row. */
export const bondPayments = pgTable(
  'bond_payments',
  {
    id: idColumn(),
    bondId: text('bond_id').notNull(),
    scheduleId: text('schedule_id').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    principalPaid: money('principal_paid').notNull().default('0'),
    interestPaid: money('interest_paid').notNull().default('0'),
    voucherNo: text('voucher_no'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('bond_payments_bond_idx').on(t.bondId), index('bond_payments_schedule_idx').on(t.scheduleId)],
);
