import type { IntegrityProblemsView } from '../ledger/view';
import { Notice } from './funds-kit';

/** Entries whose integrity tag fails are counted in the totals, and the totals say so in red (docs/security.md). */
export function IntegrityNotice({ problems }: { problems: IntegrityProblemsView }) {
  if (problems.count === 0) return null;
  const more = problems.count > problems.entryNos.length ? ` 等 ${problems.count} 笔` : '';
  return (
    <Notice theme={problems.failed > 0 ? 'error' : 'warning'} testId="ledger-integrity-notice">
      {problems.failed > 0 ? '数据完整性校验失败：' : ''}
      {problems.count} 笔已审批记录未通过完整性校验（{problems.entryNos.join('、')}
      {more}），本页的合计与余额包含这些记录，在与原始凭证核对之前不可信。
    </Notice>
  );
}
