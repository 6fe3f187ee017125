import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Each entry's SM3 hash covers its content and the previous
 * entry's hash, so any edit or deletion breaks the chain (npm run audit:verify).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    userId: text('user_id'),
    username: text('username'),
    roleNames: text('role_names'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result').notNull(),
    message: text('message'),
    ip: text('ip'),
    requestId: text('request_id'),
    diff: text('diff'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_id_uq').on(t.id),
    index('audit_log_time_idx').on(t.occurredAt),
    index('audit_log_user_idx').on(t.userId),
    index('audit_log_action_idx').on(t.action),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
  ],
);

/** Single row holding the chain head; locking it serialises appends across connections. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Where the chain starts after a purge (npm run audit:purge): the last removed entry's seq and
 * hash. Verification starts from the newest checkpoint; the anchor file records it too.
 */
export const auditCheckpoint = pgTable('audit_checkpoint', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  purgedRows: integer('purged_rows').notNull(),
  purgedBefore: timestamp('purged_before', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
});
