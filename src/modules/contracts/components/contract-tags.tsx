import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { CHANGE_STATUS_LABELS, CONTRACT_STATUS_LABELS, type TChangeStatus, type TContractStatus } from '../rules';

const STATUS_THEMES: Record<TContractStatus, TagTheme> = { draft: 'default', effective: 'success', completed: 'primary', terminated: 'danger' };
const CHANGE_THEMES: Record<TChangeStatus, TagTheme> = { pending: 'warning', approved: 'success', returned: 'danger' };

export function ContractStatusTag({ status }: { status: TContractStatus }) {
  return <KitTag theme={STATUS_THEMES[status]}>{CONTRACT_STATUS_LABELS[status]}</KitTag>;
}

export function ChangeStatusTag({ status }: { status: TChangeStatus }) {
  return <KitTag theme={CHANGE_THEMES[status]}>{CHANGE_STATUS_LABELS[status]}</KitTag>;
}
