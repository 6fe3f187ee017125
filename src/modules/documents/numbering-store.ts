import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { isUniqueViolation } from '@/platform/errors';
import { documentNumberCounters, documentNumberRules } from './schema';
import { DEFAULT_NUMBER_TEMPLATE, formatDocNo } from './numbering';

/** The template in force for a document type (the default when none is set). */
export async function numberTemplateFor(db: Db | Tx, docType: string): Promise<string> {
  const [row] = await db.select({ template: documentNumberRules.template }).from(documentNumberRules).where(eq(documentNumberRules.docType, docType));
  return row?.template ?? DEFAULT_NUMBER_TEMPLATE;
}

/**
 * The next number of the type's series for `year`, inside the caller's transaction: the counter
 * row is created if missing (a savepoint absorbs a concurrent creation: no ON CONFLICT on
 * openGauss), then `UPDATE … SET last_value = last_value + 1 … RETURNING` takes its row lock
 * until the transaction ends — concurrent 签发 wait, a rolled-back one gives its number back.
 */
export async function nextDocNo(tx: Tx, docType: string, year: number): Promise<{ docNo: string; seq: number; series: string }> {
  const series = await numberTemplateFor(tx, docType);
  const where = and(eq(documentNumberCounters.series, series), eq(documentNumberCounters.year, year));
  const bump = () =>
    tx
      .update(documentNumberCounters)
      .set({ lastValue: sql`${documentNumberCounters.lastValue} + 1` })
      .where(where)
      .returning({ seq: documentNumberCounters.lastValue });
  let [row] = await bump();
  if (!row) {
    try {
      await tx.transaction(async (sp) => {
        await sp.insert(documentNumberCounters).values({ series, year, lastValue: 0 });
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    [row] = await bump();
  }
  if (!row) throw new Error('document number counter missing');
  return { docNo: formatDocNo(series, year, row.seq), seq: row.seq, series };
}
