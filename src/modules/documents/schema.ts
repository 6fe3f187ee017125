import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/**
 * 公文 register. This module keeps 发文 (outgoing documents); `direction` leaves room for 收文.
 * `doc_no` is null until 签发 and unique once assigned; `status` follows the flow (constants.ts).
 */
export const documents = pgTable(
  'documents',
  {
    id: idColumn(),
    direction: text('direction').notNull().default('发文'),
    docType: text('doc_type').notNull(),
    title: text('title').notNull(),
    issuingOrg: text('issuing_org').notNull(),
    mainRecipients: text('main_recipients'),
    copyRecipients: text('copy_recipients'),
    urgency: text('urgency').notNull().default('平件'),
    secrecy: text('secrecy').notNull().default('内部'),
    /** 成文日期 */
    docDate: date('doc_date', { mode: 'string' }),
    body: text('body').notNull().default(''),
    docNo: text('doc_no'),
    /** The year and sequence of `doc_no` in its series (number rule). */
    docYear: integer('doc_year'),
    docSeq: integer('doc_seq'),
    status: text('status').notNull().default('草稿'),
    departmentId: text('department_id'),
    drafterId: text('drafter_id').notNull(),
    drafterName: text('drafter_name').notNull(),
    signerId: text('signer_id'),
    signerName: text('signer_name'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** Optional flow steps left out for this document (e.g. countersign). */
    skipSteps: text('skip_steps').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('documents_doc_no_uq').on(t.docNo),
    index('documents_status_idx').on(t.status),
    index('documents_type_idx').on(t.docType),
    index('documents_drafter_idx').on(t.drafterId),
    index('documents_department_idx').on(t.departmentId),
    check('documents_direction_ck', sql`${t.direction} in ('发文', '收文')`),
    check('documents_urgency_ck', sql`${t.urgency} in ('平件', '加急', '特急')`),
    check('documents_secrecy_ck', sql`${t.secrecy} in ('公开', '内部')`),
    check('documents_status_ck', sql`${t.status} in ('草稿', '审批中', '已退回', '已签发', '已归档')`),
  ],
);

/** Plans, projects and parcels a document concerns. */
export const documentLinks = pgTable(
  'document_links',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.targetType, t.targetId] }),
    index('document_links_target_idx').on(t.targetType, t.targetId),
    check('document_links_type_ck', sql`${t.targetType} in ('plan', 'project', 'parcel')`),
  ],
);

/** The 发文字号 rule of a document type, e.g. `益土储发〔{year}〕{seq}号` (numbering.ts). */
export const documentNumberRules = pgTable('document_number_rules', {
  docType: text('doc_type').primaryKey(),
  template: text('template').notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by'),
  updatedByName: text('updated_by_name'),
});

/**
 * Last number issued per series (the template: types sharing a template share the sequence) and
 * year. Incremented under the row lock inside the 签发 transaction: no gaps, no duplicates.
 */
export const documentNumberCounters = pgTable(
  'document_number_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);
