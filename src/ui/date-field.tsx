'use client';
import { useEffect, useRef, useState } from 'react';
import { DatePickerPanel, Input, Popup } from 'tdesign-react';
import { CalendarIcon } from 'tdesign-icons-react';
import { dateRangeProblem, parseTypedDate } from '@/platform/dates';
import { todayInShanghai } from './format';
import { useFieldProblem } from './labeled-field';

export interface DateFieldProps {
  value: string | null | undefined;
  onChange: (value: string) => void;
  clearable?: boolean;
  disabled?: boolean;
  placeholder?: string;
  /** Earliest date a rule allows (YYYY-MM-DD): earlier days are greyed out and refused inline. */
  min?: string | null;
  /** Latest date a rule allows (YYYY-MM-DD). */
  max?: string | null;
  /** The rule forbids dates after today (Asia/Shanghai): the same as `max` = today, worded as 今天. */
  notFuture?: boolean;
}

/**
 * A date (YYYY-MM-DD) typed key by key, pasted (`2025-06-18`, `2025/6/18`, `20250618` …) or
 * picked from the calendar. The text is never reformatted while the user types; the form always
 * holds what the field shows — the date when it is one, else the text itself, which the form's
 * schema refuses — so a date the user did not see is never saved. On leaving the field a date is
 * shown as YYYY-MM-DD and anything else gets an inline message. Days a rule forbids are greyed
 * out in the calendar.
 *
 * (tdesign's DatePicker with allowInput reformats after every key: typing 2025-06-18 left `1`
 * and a calendar in 2001.)
 */
export function DateField(props: DateFieldProps) {
  const { onChange } = props;
  const current = props.value ?? '';
  const [text, setText] = useState(current);
  const [problem, setOwnProblem] = useState<string | null>(null);
  // Inside a LabeledField the problem shows in the field's message line, else under the input.
  const report = useFieldProblem();
  const setProblem = (message: string | null) => {
    setOwnProblem(message);
    report?.(message);
  };
  const [open, setOpen] = useState(false);
  const emitted = useRef(current);
  const today = todayInShanghai();
  const max = props.notFuture ? (props.max && props.max < today ? props.max : today) : (props.max ?? null);
  const bounds = { min: props.min ?? null, max, maxIsToday: props.notFuture && max === today };

  // A value set from outside (form reset, another field) replaces the text.
  useEffect(() => {
    if (current !== emitted.current) {
      emitted.current = current;
      setText(current);
      setOwnProblem(null);
      report?.(null);
    }
  }, [current, report]);

  const emit = (value: string) => {
    emitted.current = value;
    onChange(value);
  };

  const typed = (raw: string) => {
    setText(raw);
    setProblem(null);
    const parsed = parseTypedDate(raw);
    emit(parsed.kind === 'date' ? parsed.iso : raw.trim());
  };

  const settle = () => {
    const parsed = parseTypedDate(text);
    if (parsed.kind === 'invalid') return setProblem(parsed.message);
    if (parsed.kind === 'empty') return setProblem(null);
    setText(parsed.iso);
    setProblem(dateRangeProblem(parsed.iso, bounds));
  };

  const picked = (iso: string) => {
    setText(iso);
    setProblem(null);
    emit(iso);
    setOpen(false);
  };

  const parsed = parseTypedDate(text);
  const panelValue = parsed.kind === 'date' ? parsed.iso : undefined;
  return (
    <Popup
      trigger="click"
      placement="bottom-left"
      visible={open && !props.disabled}
      onVisibleChange={(visible) => setOpen(visible)}
      content={
        <DatePickerPanel
          // Remounted for each typed date, so the calendar shows that date's month.
          key={panelValue ?? 'none'}
          value={panelValue}
          defaultTime="00:00:00"
          format="YYYY-MM-DD"
          disableDate={{ before: bounds.min ?? undefined, after: bounds.max ?? undefined }}
          onChange={(v) => picked(String(v).slice(0, 10))}
        />
      }
    >
      <Input
        value={text}
        clearable={props.clearable ?? true}
        disabled={props.disabled}
        placeholder={props.placeholder ?? '年-月-日，如 2026-05-01'}
        status={problem ? 'error' : undefined}
        tips={report ? undefined : (problem ?? undefined)}
        suffixIcon={<CalendarIcon />}
        inputClass="lr-date-input"
        autocomplete="off"
        onChange={(v, ctx) => {
          typed(String(v ?? ''));
          if (ctx?.trigger === 'clear') setOpen(false);
        }}
        onBlur={settle}
        onEnter={() => {
          settle();
          setOpen(false);
        }}
        onKeydown={(_, { e }) => {
          if (e.key === 'Escape' || e.key === 'Tab') setOpen(false);
        }}
      />
    </Popup>
  );
}
