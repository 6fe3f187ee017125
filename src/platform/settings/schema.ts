import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Administrator-editable settings (limits, thresholds, base map …) as typed key/values. */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Who confirmed that a setting's value (local practice, or a national text not yet checked)
 * stands, and on what basis. It holds for the value confirmed; another value is 待核实 again.
 */
export const settingConfirmations = pgTable('setting_confirmations', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  note: text('note').notNull(),
  confirmedBy: text('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
});
