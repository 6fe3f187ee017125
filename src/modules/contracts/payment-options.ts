import { groupThousands } from '@/ui/format';
import type { ContractPaymentOption } from '@/modules/funds/ledger/components/entry-form';

/** The ledger form's contract picker: number, name and what is left to pay. */
export function toContractPaymentOptions(rows: { id: string; contractNo: string; name: string; projectId: string | null; counterparty: string; remaining: string }[]): ContractPaymentOption[] {
  return rows.map((r) => ({
    value: r.id,
    contractNo: r.contractNo,
    label: `${r.contractNo} ${r.name}（剩余 ${groupThousands(r.remaining)} 元）`,
    projectId: r.projectId,
    counterparty: r.counterparty,
    remainingText: groupThousands(r.remaining),
  }));
}
