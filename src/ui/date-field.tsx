'use client';
import { DatePicker } from 'tdesign-react';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/**
 * A date (YYYY-MM-DD) picked from the calendar or typed. tdesign's picker takes a typed date only
 * on Enter; a clerk who types a date and moves on with Tab or the mouse would see it shown but
 * not saved. Here a valid typed date is taken on blur as well; an invalid one is left to the form.
 */
export function DateField(props: { value: string | null | undefined; onChange: (value: string) => void; clearable?: boolean; disabled?: boolean; placeholder?: string }) {
  const current = props.value ?? '';
  return (
    <DatePicker
      value={current || undefined}
      valueType="YYYY-MM-DD"
      format="YYYY-MM-DD"
      allowInput
      clearable={props.clearable ?? true}
      disabled={props.disabled}
      placeholder={props.placeholder ?? '年-月-日，如 2026-05-01'}
      style={{ width: '100%' }}
      onChange={(v) => props.onChange(typeof v === 'string' ? v : '')}
      onBlur={({ value }) => {
        const typed = String(value ?? '').trim();
        if (typed !== current && isValidIsoDate(typed)) props.onChange(typed);
      }}
    />
  );
}
