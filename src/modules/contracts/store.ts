import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { fail } from '@/platform/action';
import type { Db, Tx } from '@/platform/db/client';
import { ledgerEntries } from '@/modules/funds/schema';
import { contractChanges, contractMilestones, contracts } from './schema';
import { contractFigures, type ContractFigures } from './rules';
import { CONTRACT_CHANGED, CONTRACT_NOT_FOUND } from './validation';

/** Server-side helpers shared by the contract mutations, queries and the ledger's payment check. */

export const OBJECT_TYPE = '合同';
export const CHANGE_OBJECT_TYPE = '合同变更';
export const ATTACHMENT_OWNER = 'contract';

export type ContractRow = typeof contracts.$inferSelect;
type Q = Db | Tx;

/** The contract row locked for the transaction (SELECT … FOR UPDATE); a stale version is refused. */
export async function lockContract(tx: Tx, id: string, version?: number): Promise<ContractRow> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, id)).for('update');
  if (!row) fail(CONTRACT_NOT_FOUND, 'NOT_FOUND');
  if (version !== undefined && row.version !== version) fail(CONTRACT_CHANGED, 'CONFLICT');
  return row;
}

/**
 * Paid / planned / effective figures of each contract, three grouped queries. `excludeEntryId`
 * leaves one ledger entry out (the payment being checked).
 */
export async function figuresFor(db: Q, rows: readonly { id: string; amount: string }[], opts: { excludeEntryId?: string } = {}): Promise<Map<string, ContractFigures>> {
  const out = new Map<string, ContractFigures>();
  if (!rows.length) return out;
  const ids = rows.map((r) => r.id);
  const [changes, payments, milestones] = await Promise.all([
    db
      .select({ contractId: contractChanges.contractId, status: contractChanges.status, delta: sql<string>`sum(${contractChanges.delta})` })
      .from(contractChanges)
      .where(inArray(contractChanges.contractId, ids))
      .groupBy(contractChanges.contractId, contractChanges.status),
    db
      .select({ contractId: ledgerEntries.contractId, status: ledgerEntries.status, amount: sql<string>`sum(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(
        and(
          inArray(ledgerEntries.contractId, ids),
          eq(ledgerEntries.direction, 'expense'),
          opts.excludeEntryId ? ne(ledgerEntries.id, opts.excludeEntryId) : undefined,
        ),
      )
      .groupBy(ledgerEntries.contractId, ledgerEntries.status),
    db
      .select({ contractId: contractMilestones.contractId, amount: sql<string>`sum(${contractMilestones.amount})` })
      .from(contractMilestones)
      .where(inArray(contractMilestones.contractId, ids))
      .groupBy(contractMilestones.contractId),
  ]);
  for (const r of rows) {
    out.set(
      r.id,
      contractFigures({
        amount: r.amount,
        changes: changes.filter((c) => c.contractId === r.id),
        payments: payments.filter((p) => p.contractId === r.id),
        milestones: milestones.filter((m) => m.contractId === r.id),
      }),
    );
  }
  return out;
}

export async function figuresOf(db: Q, row: { id: string; amount: string }, opts: { excludeEntryId?: string } = {}): Promise<ContractFigures> {
  return (await figuresFor(db, [row], opts)).get(row.id)!;
}
