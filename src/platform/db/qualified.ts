import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A column always written as "table"."column". Drizzle leaves columns unqualified in the select
 * list of a single-table query, so a correlated subquery placed there (`… where child.parcel_id =
 * parcels.id`) would otherwise compare its own table's column of the same name. Use it for every
 * column inside such a subquery.
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
