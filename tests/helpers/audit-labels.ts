import { auditLog } from '../../src/platform/audit/schema';
import { AUDIT_FIELD_LABELS } from '../../src/modules/audit-log/field-labels';
import type { Database } from '../../src/platform/db/client';

/**
 * Field keys in the audit diffs written so far that have no Chinese name, as
 * 「action: key」. An auditor must never read `amountAgreed`; a test that ends a file of
 * mutations with `expect(await unlabelledAuditFields(db)).toEqual([])` catches a new key.
 */
export async function unlabelledAuditFields(db: Database['db']): Promise<string[]> {
  const rows = await db.select({ action: auditLog.action, diff: auditLog.diff }).from(auditLog);
  const missing = new Set<string>();
  const visit = (action: string, value: unknown) => {
    if (Array.isArray(value)) {
      for (const v of value) visit(action, v);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!(k in AUDIT_FIELD_LABELS)) missing.add(`${action}: ${k}`);
        visit(action, v);
      }
    }
  };
  for (const row of rows) {
    if (!row.diff) continue;
    const diff = JSON.parse(row.diff) as Record<string, { from: unknown; to: unknown }>;
    for (const [key, change] of Object.entries(diff)) {
      if (!(key in AUDIT_FIELD_LABELS)) missing.add(`${row.action}: ${key}`);
      visit(row.action, change.from);
      visit(row.action, change.to);
    }
  }
  return [...missing].sort();
}
