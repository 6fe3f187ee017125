import { KitTag } from '@/ui/kit/tag';
import type { TBondStatus, TScheduleStatus } from '../bonds/queries';

/** Percent as stored ('3.2500') without trailing zeros beyond 2 decimals: '3.25%'. */
export function ratePercentText(rate: string): string {
  const [int, frac = ''] = rate.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${int}.${trimmed}%`;
}

const SCHEDULE_THEME: Record<TScheduleStatus, 'success' | 'warning' | 'default' | 'danger'> = { paid: 'success', partial: 'warning', pending: 'default', overdue: 'danger' };
const BOND_THEME: Record<TBondStatus, 'success' | 'primary' | 'danger'> = { open: 'primary', overdue: 'danger', settled: 'success' };

/** Server-rendered status tags of a bond and of a schedule row. */
export function ScheduleStatusMark({ status, label }: { status: TScheduleStatus; label: string }) {
  return <KitTag theme={SCHEDULE_THEME[status]}>{label}</KitTag>;
}

export function BondStatusMark({ status, label }: { status: TBondStatus; label: string }) {
  return <KitTag theme={BOND_THEME[status]}>{label}</KitTag>;
}
