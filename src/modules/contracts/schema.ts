import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/** Money: numeric(18,2) in 元, read as decimal strings (as in the funds module). */
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/**
 * Contracts (合同台账): the one place a contract lives. `amount` is the original contract amount;
 * the effective amount is amount + Σ approved change orders. `status` draft → effective →
 * completed / terminated. `origin` says where a contract came from: entered here, or created by
 * the migration of legacy records (a work package's contract number, a compensation agreement).
 */
export const contracts = pgTable(
  'contracts',
  {
    id: idColumn(),
    contractNo: text('contract_no').notNull(),
    name: text('name').notNull(),
    contractType: text('contract_type').notNull(),
    ourParty: text('our_party').notNull(),
    counterparty: text('counterparty').notNull(),
    counterpartyCreditCode: text('counterparty_credit_code'),
    amount: money('amount').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    projectId: text('project_id'),
    /** The compensation party whose agreement this is (征收补偿协议). */
    partyId: text('party_id'),
    note: text('note'),
    statusReason: text('status_reason'),
    origin: text('origin').notNull().default('manual'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contracts_no_uq').on(t.contractNo),
    uniqueIndex('contracts_party_uq').on(t.partyId).where(sql`${t.partyId} is not null`),
    index('contracts_project_idx').on(t.projectId, t.status),
    index('contracts_end_idx').on(t.endOn),
    check('contracts_status_ck', sql`${t.status} in ('draft', 'effective', 'completed', 'terminated')`),
    check('contracts_origin_ck', sql`${t.origin} in ('manual', 'work-package', 'compensation')`),
    check('contracts_amount_ck', sql`${t.amount} >= 0`),
  ],
);

/** Parcels a contract concerns. */
export const contractParcels = pgTable(
  'contract_parcels',
  {
    id: idColumn(),
    contractId: text('contract_id').notNull(),
    parcelId: text('parcel_id').notNull(),
  },
  (t) => [uniqueIndex('contract_parcels_uq').on(t.contractId, t.parcelId), index('contract_parcels_parcel_idx').on(t.parcelId)],
);

/** Work packages carried out under a contract; a work package belongs to at most one contract. */
export const contractWorkPackages = pgTable(
  'contract_work_packages',
  {
    id: idColumn(),
    contractId: text('contract_id').notNull(),
    workPackageId: text('work_package_id').notNull(),
  },
  (t) => [uniqueIndex('contract_work_packages_uq').on(t.workPackageId), index('contract_work_packages_contract_idx').on(t.contractId)],
);

/** The payment plan: what is due when, and on what condition. */
export const contractMilestones = pgTable(
  'contract_milestones',
  {
    id: idColumn(),
    contractId: text('contract_id').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    paymentCondition: text('payment_condition').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('contract_milestones_contract_idx').on(t.contractId, t.dueOn), check('contract_milestones_amount_ck', sql`${t.amount} > 0`)],
);

/**
 * Change orders (变更 / 签证): a signed amount delta with its reason; counts in the effective
 * amount only once approved. `status` pending → approved / returned; rows are never deleted
 * (history). `flow_id` names the step-flow instance when the generic flow engine approves it.
 */
export const contractChanges = pgTable(
  'contract_changes',
  {
    id: idColumn(),
    contractId: text('contract_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    delta: money('delta').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: text('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    flowId: text('flow_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contract_changes_seq_uq').on(t.contractId, t.seq),
    index('contract_changes_status_idx').on(t.status),
    check('contract_changes_kind_ck', sql`${t.kind} in ('变更', '签证')`),
    check('contract_changes_status_ck', sql`${t.status} in ('pending', 'approved', 'returned')`),
  ],
);
