import { text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** Text primary key generated in code (openGauss has no UUID generator). */
export const idColumn = () => text('id').primaryKey().$defaultFn(newId);

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().$defaultFn(() => new Date());
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
