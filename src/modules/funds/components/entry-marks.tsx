import { KitTag } from '@/ui/kit/tag';
import './funds.css';
import { formatCell } from '@/ui/kit/columns';
import { ENTRY_STATUSES, type TEntryStatus } from '../rules';
import { STATUS_THEMES } from '../ledger/view';
import type { TDirection } from '../ledger/validation';

/** Server-rendered marks of a ledger entry (status, direction, amount), TDesign's tag look. */
export function EntryStatusMark({ status }: { status: TEntryStatus }) {
  return <KitTag theme={STATUS_THEMES[status]}>{ENTRY_STATUSES[status]}</KitTag>;
}

export function DirectionMark({ direction }: { direction: TDirection }) {
  return (
    <KitTag theme={direction === 'income' ? 'success' : 'primary'} variant="outline">
      {direction === 'income' ? '收入' : '支出'}
    </KitTag>
  );
}

/** An amount in 元 with separators; negatives (reversals) in red. */
export function YuanText({ amount }: { amount: string }) {
  const text = formatCell('money', amount, '元');
  return amount.startsWith('-') ? <span className="lr-neg">{text}</span> : <>{text}</>;
}
