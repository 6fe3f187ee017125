import { KitTag } from '@/ui/kit/tag';
import type { TPlanStatus } from '../validation';

/** A plan version's status (现行 / 历史版本) in TDesign's Tag look, rendered on the server. */
export function PlanStatusTag({ status, label }: { status: TPlanStatus; label: string }) {
  return <KitTag theme={status === 'current' ? 'success' : 'default'}>{label}</KitTag>;
}
