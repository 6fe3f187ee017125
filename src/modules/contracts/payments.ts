import 'server-only';
import { eq } from 'drizzle-orm';
import { fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { reserveProjects } from '@/modules/parcels/schema';
import { compareAmounts } from '@/modules/funds/rules/money';
import { contractStatusText, overpaymentProblem } from './rules';
import { figuresOf, lockContract } from './store';
import { contracts } from './schema';

/**
 * The ledger's side of contract payments: a payment is an expense entry carrying `contract_id`;
 * it counts as paid once approved. These are called by the ledger mutations (funds/ledger).
 */

export const CONTRACT_PAYMENT_EXPENSE_ONLY = '只有支出可以关联合同（合同付款）';

/**
 * The contract an entry names, checked as it is saved: it exists, is 生效, belongs to the entry's
 * project, and the entry is an expense. Returns the number stored as the entry's contract_no.
 */
export async function contractForEntry(tx: Tx, v: { contractId: string | null; projectId: string; direction: string }): Promise<{ id: string; contractNo: string } | null> {
  if (!v.contractId) return null;
  const [c] = await tx
    .select({ id: contracts.id, contractNo: contracts.contractNo, status: contracts.status, projectId: contracts.projectId })
    .from(contracts)
    .where(eq(contracts.id, v.contractId));
  if (!c) fail('所选合同不存在或已被删除，请重新选择', 'INVALID_INPUT', { contractId: '所选合同不存在或已被删除' });
  if (v.direction !== 'expense') fail(CONTRACT_PAYMENT_EXPENSE_ONLY, 'INVALID_INPUT', { contractId: CONTRACT_PAYMENT_EXPENSE_ONLY });
  if (c.status !== 'effective') {
    const msg = `合同 ${c.contractNo} 当前为「${contractStatusText(c.status)}」，只有生效的合同可以登记付款`;
    fail(msg, 'INVALID_INPUT', { contractId: msg });
  }
  if (c.projectId && c.projectId !== v.projectId) {
    const [p] = await tx.select({ code: reserveProjects.code, name: reserveProjects.name }).from(reserveProjects).where(eq(reserveProjects.id, c.projectId));
    const msg = `合同 ${c.contractNo} 属于项目「${p ? `${p.code} ${p.name}` : c.projectId}」，与本记录的项目不一致`;
    fail(msg, 'INVALID_INPUT', { contractId: msg });
  }
  return { id: c.id, contractNo: c.contractNo };
}

/**
 * At 提交: a payment may not exceed what is left of the contract — effective amount less what is
 * approved and what is already in approval. The contract row is locked first, so two payments
 * submitted at once are checked one after the other (the second sees the first).
 * Reversals (negative amounts) and entries without a contract pass.
 */
export async function requirePaymentWithinContract(tx: Tx, entry: { id: string; contractId: string | null; amount: string; direction: string }): Promise<void> {
  if (!entry.contractId || entry.direction !== 'expense' || compareAmounts(entry.amount, '0') <= 0) return;
  const contract = await lockContract(tx, entry.contractId);
  if (contract.status !== 'effective') fail(`合同 ${contract.contractNo} 当前为「${contractStatusText(contract.status)}」，只有生效的合同可以付款`);
  const figures = await figuresOf(tx, contract, { excludeEntryId: entry.id });
  const problem = overpaymentProblem(contract.contractNo, entry.amount, figures.remaining);
  if (problem) fail(problem, 'INVALID_INPUT', { amount: problem });
}
