import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '@/platform/db/columns';

/**
 * 档案数据 (一地一档): one archive per parcel and one per project, created with the object
 * (`owner_type` 地块/项目). Items (件, DA/T 22-2015) carry the 档号 assigned when they enter the
 * archive; their files stay in the SM3-addressed file store (deduplicated), named here.
 */
export const archives = pgTable(
  'archives',
  {
    id: idColumn(),
    /** 地块 or 项目 (constants.ts ARCHIVE_OWNER_TYPES). */
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    /** The parcel's or project's code when the archive was made (kept for search and transfer). */
    ownerCode: text('owner_code').notNull(),
    title: text('title').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('archives_owner_uq').on(t.ownerType, t.ownerId),
    index('archives_owner_code_idx').on(t.ownerCode),
    check('archives_owner_type_ck', sql`${t.ownerType} in ('地块', '项目')`),
  ],
);

/** One item (件) of an archive. `archive_no` (档号) is unique; `seq` is its 件号 in its series. */
export const archiveItems = pgTable(
  'archive_items',
  {
    id: idColumn(),
    archiveId: text('archive_id').notNull(),
    /** 计划/收储/入库/开发/管护/供应/资金/公文合同 (constants.ts ARCHIVE_STAGES). */
    stage: text('stage').notNull(),
    archiveNo: text('archive_no').notNull(),
    /** The 档号 with the 件号 left out: the counter the number was drawn from. */
    series: text('series').notNull(),
    seq: integer('seq').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    /** 文件形成日期 */
    itemDate: date('item_date', { mode: 'string' }).notNull(),
    /** 责任者 (responsible department). */
    department: text('department').notNull(),
    /** 永久 / 30年 / 10年 */
    retention: text('retention').notNull(),
    /** 公开 / 内部 */
    secrecy: text('secrecy').notNull(),
    pageCount: integer('page_count'),
    description: text('description'),
    /** 上传, or where it was collected from: 地块环节, 发文, 收文, 合同, 记账凭证. */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    acceptedBy: text('accepted_by').notNull(),
    acceptedByName: text('accepted_by_name').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('archive_items_no_uq').on(t.archiveNo),
    uniqueIndex('archive_items_series_seq_uq').on(t.series, t.seq),
    index('archive_items_archive_idx').on(t.archiveId, t.stage),
    index('archive_items_source_idx').on(t.sourceType, t.sourceId),
    check('archive_items_stage_ck', sql`${t.stage} in ('计划', '收储', '入库', '开发', '管护', '供应', '资金', '公文合同')`),
    check('archive_items_retention_ck', sql`${t.retention} in ('永久', '30年', '10年')`),
    check('archive_items_secrecy_ck', sql`${t.secrecy} in ('公开', '内部')`),
    check('archive_items_seq_ck', sql`${t.seq} > 0`),
    check('archive_items_pages_ck', sql`${t.pageCount} is null or ${t.pageCount} > 0`),
  ],
);

/** The files of an item: names and types here, bytes in the file store under their SM3 digest. */
export const archiveItemFiles = pgTable(
  'archive_item_files',
  {
    id: idColumn(),
    itemId: text('item_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sm3: text('sm3').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('archive_item_files_item_idx').on(t.itemId), index('archive_item_files_sm3_idx').on(t.sm3)],
);

/** Last 件号 drawn per series (row-locked by the UPDATE that draws the next). */
export const archiveNumberCounters = pgTable(
  'archive_number_counters',
  {
    series: text('series').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series] })],
);

/**
 * The archive's numbering settings (全宗号, 门类代码 and the 档号 rule), one row per key, set by
 * the 档案管理员 on /archives/settings; defaults in numbering.ts.
 */
export const archiveSettings = pgTable('archive_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: updatedAt(),
});

/** Each integrity check (npm run archives:verify or the archivist's button) and what it found. */
export const archiveChecks = pgTable('archive_checks', {
  id: idColumn(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  /** 页面 or 命令行 */
  via: text('via').notNull(),
  checkedBy: text('checked_by'),
  filesChecked: integer('files_checked').notNull(),
  missing: integer('missing').notNull(),
  altered: integer('altered').notNull(),
  /** JSON list of { itemId, archiveNo, fileName, sm3, problem } (first 500). */
  problems: text('problems').notNull(),
});

/**
 * 预归档: records and files collected from the modules when their business closes (a lifecycle
 * stage ends, a 发文 reaches 归档, a contract is 履行完毕, a ledger entry is approved), waiting in
 * the 档案管理员's 待归档 list. Accepting one makes an archive item (`item_id`); returning one
 * keeps it here with the reason. One row per source object (`source_type`, `source_id`).
 */
export const archivePending = pgTable(
  'archive_pending',
  {
    id: idColumn(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** Where it will be filed: the parcel's or the project's archive. */
    archiveId: text('archive_id').notNull(),
    stage: text('stage').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    itemDate: date('item_date', { mode: 'string' }).notNull(),
    department: text('department').notNull(),
    /** Proposed; the archivist may change it on acceptance. */
    retention: text('retention').notNull(),
    secrecy: text('secrecy').notNull(),
    pageCount: integer('page_count'),
    description: text('description'),
    /** 待归档 / 已归档 / 已退回 */
    status: text('status').notNull().default('待归档'),
    returnReason: text('return_reason'),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    itemId: text('item_id'),
    version: integer('version').notNull().default(1),
    /** Collected from the demo data by the seed (migration 0027). */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('archive_pending_source_uq').on(t.sourceType, t.sourceId),
    index('archive_pending_status_idx').on(t.status, t.createdAt),
    check('archive_pending_status_ck', sql`${t.status} in ('待归档', '已归档', '已退回')`),
  ],
);

/** Files of a pending record (already in the file store: the source module's attachments). */
export const archivePendingFiles = pgTable(
  'archive_pending_files',
  {
    id: idColumn(),
    pendingId: text('pending_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sm3: text('sm3').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('archive_pending_files_pending_idx').on(t.pendingId)],
);

/**
 * 借阅: a request (who, which items, purpose, until when) → approved by the 档案管理员 (and by a
 * 中心领导 when an item is 内部) → the borrower views and downloads the items until `until_date`
 * → returned. 逾期 is derived (借阅中 past `until_date`); access ends with the period either way.
 */
export const archiveLoans = pgTable(
  'archive_loans',
  {
    id: idColumn(),
    borrowerId: text('borrower_id').notNull(),
    borrowerName: text('borrower_name').notNull(),
    purpose: text('purpose').notNull(),
    untilDate: date('until_date', { mode: 'string' }).notNull(),
    /** 待审批 / 待领导审批 / 借阅中 / 已归还 / 未批准 */
    status: text('status').notNull(),
    needsLeader: boolean('needs_leader').notNull(),
    approvedBy: text('approved_by'),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    leaderBy: text('leader_by'),
    leaderByName: text('leader_by_name'),
    leaderAt: timestamp('leader_at', { withTimezone: true }),
    refusedReason: text('refused_reason'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: text('returned_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('archive_loans_borrower_idx').on(t.borrowerId, t.status),
    index('archive_loans_status_idx').on(t.status, t.untilDate),
    check('archive_loans_status_ck', sql`${t.status} in ('待审批', '待领导审批', '借阅中', '已归还', '未批准')`),
  ],
);

export const archiveLoanItems = pgTable(
  'archive_loan_items',
  {
    loanId: text('loan_id').notNull(),
    itemId: text('item_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.itemId] }), index('archive_loan_items_item_idx').on(t.itemId)],
);
