import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';
import { departments } from '@/platform/auth/schema';

/** Running 收文编号 per year, taken under a row lock in the 登记 transaction (gapless, unique). */
export const incomingCounters = pgTable('incoming_counters', {
  year: integer('year').primaryKey(),
  lastValue: integer('last_value').notNull(),
});

/**
 * 收文 register: one row per incoming document, with its handling state (登记 → 拟办 → 批示 →
 * 办理中 → 办结 → 归档) and the written opinions of each single step. The per-department work lives
 * in `incoming_assignments`, the history of every step in `incoming_steps`.
 */
export const incomingDocuments = pgTable(
  'incoming_documents',
  {
    id: idColumn(),
    /** 收文编号 as shown, e.g. 收文〔2026〕12号; `receipt_year` + `receipt_seq` are its parts. */
    receiptNo: text('receipt_no').notNull(),
    receiptYear: integer('receipt_year').notNull(),
    receiptSeq: integer('receipt_seq').notNull(),
    senderOrg: text('sender_org').notNull(),
    senderNo: text('sender_no'),
    title: text('title').notNull(),
    docType: text('doc_type').notNull(),
    urgency: text('urgency').notNull(),
    secrecy: text('secrecy').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    writtenOn: date('written_on', { mode: 'string' }),
    pageCount: integer('page_count'),
    summary: text('summary'),
    planId: text('plan_id'),
    projectId: text('project_id'),
    parcelId: text('parcel_id'),
    state: text('state').notNull(),
    proposal: text('proposal'),
    proposedBy: text('proposed_by'),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
    instruction: text('instruction'),
    instructedBy: text('instructed_by'),
    instructedAt: timestamp('instructed_at', { withTimezone: true }),
    completionNote: text('completion_note'),
    /** The reply (a 发文) by its id and title as text: the 发文 table belongs to another part, no foreign key. */
    replyDocId: text('reply_doc_id'),
    replyDocTitle: text('reply_doc_title'),
    completedBy: text('completed_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    archivedBy: text('archived_by'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    registeredBy: text('registered_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('incoming_documents_no_uq').on(t.receiptNo),
    uniqueIndex('incoming_documents_year_seq_uq').on(t.receiptYear, t.receiptSeq),
    index('incoming_documents_state_idx').on(t.state),
    index('incoming_documents_received_idx').on(t.receivedOn),
    index('incoming_documents_project_idx').on(t.projectId),
    index('incoming_documents_parcel_idx').on(t.parcelId),
    check('incoming_documents_type_ck', sql`${t.docType} in ('请示', '报告', '通知', '函', '批复', '会议纪要', '决定', '意见', '其他')`),
    check('incoming_documents_urgency_ck', sql`${t.urgency} in ('特急', '加急', '平件')`),
    check('incoming_documents_secrecy_ck', sql`${t.secrecy} in ('公开', '内部')`),
    check('incoming_documents_state_ck', sql`${t.state} in ('registered', 'proposed', 'instructed', 'handling', 'completed', 'archived')`),
    check('incoming_documents_pages_ck', sql`${t.pageCount} is null or ${t.pageCount} > 0`),
    check('incoming_documents_seq_ck', sql`${t.receiptSeq} > 0`),
  ],
);

/**
 * 分办: one department's part of a document, with its due date. `pending` until the department
 * records its handling (`done`) or returns it to 分办 with a reason (`returned`); a returned one
 * becomes `reassigned` when the document is assigned again (kept as history).
 */
export const incomingAssignments = pgTable(
  'incoming_assignments',
  {
    id: idColumn(),
    documentId: text('document_id')
      .notNull()
      .references(() => incomingDocuments.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    request: text('request'),
    status: text('status').notNull(),
    assignedBy: text('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    handlingNote: text('handling_note'),
    handledBy: text('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    returnedBy: text('returned_by'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('incoming_assignments_document_idx').on(t.documentId),
    index('incoming_assignments_department_idx').on(t.departmentId, t.status),
    index('incoming_assignments_due_idx').on(t.status, t.dueOn),
    check('incoming_assignments_status_ck', sql`${t.status} in ('pending', 'done', 'returned', 'reassigned')`),
  ],
);

/** Every step of a document's handling: who (id, with the name at the time), the opinion, when. */
export const incomingSteps = pgTable(
  'incoming_steps',
  {
    id: idColumn(),
    documentId: text('document_id')
      .notNull()
      .references(() => incomingDocuments.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    departmentId: text('department_id'),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    opinion: text('opinion'),
    createdAt: createdAt(),
  },
  (t) => [index('incoming_steps_document_idx').on(t.documentId, t.createdAt)],
);
