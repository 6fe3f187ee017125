import { KitTag } from '@/ui/kit/tag';
import type { TProjectStatus } from '../validation';

/** A project's status (实施中 / 已关闭) in TDesign's Tag look, rendered on the server. */
export function ProjectStatusTag({ status, label }: { status: TProjectStatus; label: string }) {
  return <KitTag theme={status === 'active' ? 'success' : 'default'}>{label}</KitTag>;
}
