'use client';
import type { ReactNode } from 'react';
import { Tag } from 'tdesign-react';
import type { TBondStatus, TScheduleStatus } from '../queries';

const SCHEDULE_THEME: Record<TScheduleStatus, 'success' | 'warning' | 'default' | 'danger'> = {
  paid: 'success',
  partial: 'warning',
  pending: 'default',
  overdue: 'danger',
};

export function ScheduleStatusTag({ status, label }: { status: TScheduleStatus; label: string }) {
  return (
    <Tag size="small" variant="light" theme={SCHEDULE_THEME[status]}>
      {label}
    </Tag>
  );
}

const BOND_THEME: Record<TBondStatus, 'success' | 'primary' | 'danger'> = { open: 'primary', overdue: 'danger', settled: 'success' };

export function BondStatusTag({ status, label }: { status: TBondStatus; label: string }) {
  return (
    <Tag size="small" variant="light" theme={BOND_THEME[status]}>
      {label}
    </Tag>
  );
}

export function DemoTag({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <Tag size="small" theme="warning" variant="light">
      演示
    </Tag>
  );
}

/** A table footer row of plain texts keyed by column (tdesign renders foot cells from the row's values, not `cell`). */
export function footRow<T>(values: Record<string, ReactNode>): T {
  return values as unknown as T;
}
