import { KitTag, type TagTheme } from '@/ui/kit/tag';
import type { TLoanShownStatus } from '../loan-validation';

const THEMES: Record<TLoanShownStatus, TagTheme> = { 待审批: 'warning', 待领导审批: 'warning', 借阅中: 'primary', 已归还: 'success', 未批准: 'default', 已逾期: 'danger' };

/** A loan's status as shown: 已逾期 (借阅中 past its until date) in red. */
export function LoanStatusTag({ status }: { status: TLoanShownStatus }) {
  return (
    <span data-testid="loan-status" data-status={status}>
      <KitTag theme={THEMES[status]}>{status}</KitTag>
    </span>
  );
}
