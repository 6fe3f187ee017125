import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Administrator-editable settings (limits, thresholds, base map …) as typed key/values. */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
