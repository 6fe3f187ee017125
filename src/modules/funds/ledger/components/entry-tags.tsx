'use client';
import { Tag } from 'tdesign-react';
import { ENTRY_STATUSES, type TEntryStatus } from '../../rules';
import { STATUS_THEMES } from '../view';
import type { TDirection } from '../validation';

export function EntryStatusTag({ status }: { status: TEntryStatus }) {
  return (
    <Tag size="small" variant="light" theme={STATUS_THEMES[status]}>
      {ENTRY_STATUSES[status]}
    </Tag>
  );
}

export function DirectionTag({ direction }: { direction: TDirection }) {
  return (
    <Tag size="small" variant="outline" theme={direction === 'income' ? 'success' : 'primary'}>
      {direction === 'income' ? '收入' : '支出'}
    </Tag>
  );
}

/** An amount in 元 with separators, right-aligned by the column; negatives (reversals) in red. */
export function AmountText({ text, negative }: { text: string; negative: boolean }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', color: negative ? 'var(--td-error-color)' : undefined }}>{text}</span>;
}
